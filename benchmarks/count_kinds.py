"""Count the text and structure kinds of issue 8 in a folder of TEI files (default tei/).

    python benchmarks/count_kinds.py [TEI_DIR]

Prints one line per kind: how many places in the TEI still show it. The counts are
found by XPath and regular expressions, so they are approximate where a kind needs
reading to be sure (each heuristic is written beside its kind); run it before and
after a change to see what moved.
"""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

from lxml import etree

NS = {"t": "http://www.tei-c.org/ns/1.0"}
TEI = "{http://www.tei-c.org/ns/1.0}"


def _text(el: etree._Element) -> str:
    """The diplomatic text of an element, footnotes left out."""
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        name = node.tag[len(TEI):] if isinstance(node.tag, str) else ""
        if name in ("corr", "reg") or (name == "note" and node.get("place") in ("foot", "end")):
            return
        if name == "ref" and node.get("type") == "noteSign":  # a sign marked as such
            out.append(" ")
            return
        out.append(node.text or "")
        for child in node:
            walk(child)
            out.append(child.tail or "")

    walk(el)
    return " ".join("".join(out).split())


# kind → (what is counted, counter)
def count(tei: Path) -> dict[str, int]:
    counts = dict.fromkeys([
        "numeric-sign note lines as text", "footnote signs left in the text",
        "notes typed unanchored", "second anchors left as text",
        "omission as supplied", "alternative romanisation as supplied",
        "closing lines inside paragraphs", "list items cut from their continuation",
        "paragraphs with unbalanced double quotes", "lb glued (no white space either side)",
        "corrected errors left in header titles/call numbers"], 0)
    for path in sorted(tei.glob("*.xml")):
        if path.name == "registers.xml":
            continue
        tree = etree.parse(str(path))
        if path.name == "corpus.xml":
            for ref in tree.iterfind(".//t:ref", NS):
                if re.search(r"\bIN AND\. Lenina\b", ref.text or ""):
                    counts["corrected errors left in header titles/call numbers"] += 1
            continue
        for idno in tree.iterfind(".//t:idno[@type='callNumber']", NS):
            if re.search(r"\bF\. Za\b", idno.text or ""):
                counts["corrected errors left in header titles/call numbers"] += 1
        for title in tree.iterfind(".//t:titleStmt/t:title", NS):
            if re.search(r"\bIN AND\. Lenina\b", title.text or ""):
                counts["corrected errors left in header titles/call numbers"] += 1
        body = tree.find(".//t:body", NS)
        if body is None:
            continue
        for p in body.iterfind(".//t:p", NS):
            text = _text(p)
            # a paragraph opening with a bare number and a capital: "1 Ambassador of …"
            if re.match(r"^\d{1,2} [A-Z]", text):
                counts["numeric-sign note lines as text"] += 1
            # "*", "**", "6 *" or an isolated "1 ," left in running text
            counts["footnote signs left in the text"] += len(
                re.findall(r"\w\*+|\s\*+(?=[\s.,;:]|$)|(?<=[a-z,]) \d{1,2} (?=[,.;:])", text))
            counts["second anchors left as text"] += len(re.findall(r"\b\d{1,2} \*", text))
            # the last sentence a closing salutation: "… 25 September. With communist greetings,"
            if re.search(r"[.!?] (With|Yours|Sincerely|Respectfully)\b[^.!?]*,$", text):
                counts["closing lines inside paragraphs"] += 1
            in_quote = p.getparent().tag == f"{TEI}quote" and len(p.getparent()) > 1
            if not in_quote and (text.count('"') % 2 or text.count("“") != text.count("”")):
                counts["paragraphs with unbalanced double quotes"] += 1
        counts["notes typed unanchored"] += len(body.findall(".//t:note[@type='unanchored']", NS))
        for sup in body.iterfind(".//t:supplied", NS):
            inner = "".join(sup.itertext()).strip()
            prev = sup.getprevious()
            before = (prev.tail if prev is not None else sup.getparent().text) or ""
            if re.fullmatch(r"(\.\s*){3}|…", inner):
                counts["omission as supplied"] += 1
            elif re.fullmatch(r"[A-Z][a-z]+", inner) and (
                    m := re.search(r"([A-Z][a-z]+) $", before)) and m.group(1)[:2] == inner[:2]:
                counts["alternative romanisation as supplied"] += 1
        # signature lines as paragraphs before further text: short, no final punctuation
        for div in body.iter(f"{TEI}div"):
            ps = [c for c in div if c.tag == f"{TEI}p"]
            for a, b in itertools.pairwise(ps):
                ta = _text(a)
                if (len(ta) < 60 and ta[:1].isupper() and not re.search(r"[.!?:;,\"”]$", ta)
                        and (b.getprevious() is a)):
                    counts["closing lines inside paragraphs"] += 1
            for lst in div.iterfind("t:list", NS):
                nxt = lst.getnext()
                if nxt is not None and nxt.tag == f"{TEI}p":
                    after = nxt.getnext()
                    while after is not None and after.tag == f"{TEI}p":
                        after = after.getnext()
                    if after is not None and after.tag == f"{TEI}list" and (
                            after.get("type") == lst.get("type")):
                        counts["list items cut from their continuation"] += 1
        for lb in tree.iter(f"{TEI}lb"):
            prev = lb.getprevious()
            before = (prev.tail if prev is not None else lb.getparent().text) or ""
            after = lb.tail or ""
            spaced_before = bool(before) and before[-1].isspace()
            nothing_before = not before and prev is None
            if after and not after[0].isspace() and not spaced_before and not nothing_before:
                counts["lb glued (no white space either side)"] += 1
    return counts


def main() -> None:
    tei = Path(sys.argv[1] if len(sys.argv) > 1 else "tei")
    for kind, n in count(tei).items():
        print(f"{n:5d}  {kind}")


if __name__ == "__main__":
    main()
