"""The e-dossier (004): an introductory essay with endnotes and a list of documents.

    NKIDP e-Dossier no. 16               series
    Title                                title
    Introduced by Liang Zhi              byline
    essay paragraphs with [1]..[9]       (a line '***' divides its parts)
    Translated by Charles Kraus          translator
    biography paragraph
    Document List / Document No. N …     the documents introduced
    [1] … [9]                            the endnotes
    Tagged …                             (site chrome to the end)
"""

from __future__ import annotations

import re

from edition.dates import DATE_PATTERN, from_match
from edition.errors import EditionError
from edition.model import Document, Metadata, Node, SourceLine, el
from edition.read.common import drop_chrome, parse_credits
from edition.read.inline import InlineParser, placeholder
from edition.read.structure import Block, build_text, split_blocks
from edition.rules import Rules

FORMAT = "edossier"
_SERIES = re.compile(r"^(?P<series>.*e-Dossier no\. (?P<number>\d+))$")
_NOTE = re.compile(r"^\[(?P<n>\d+)\]\s*(?P<text>.*)$")
_ANCHOR = re.compile(r"\[(?P<n>\d+)\]")
_ENTRY = re.compile(r"^Document No\. (?P<n>\d+)$")
_TITLE_DATE = re.compile(rf"^(?P<title>.*?),?\s+(?P<date>{DATE_PATTERN.pattern})$")


def detect(text: str) -> bool:
    return "e-Dossier" in text and "Document List" in text


def _find(blocks: list[Block], predicate: str, seed: str) -> int:
    for i, block in enumerate(blocks):
        if re.match(predicate, block.text.strip()):
            return i
    raise EditionError(seed, 1, 1, f"e-dossier: no block matching {predicate!r}")


def _bibl(block: Block, n: str) -> Node:
    """'Document No. 1' / '“Title,” 23 November 1953' / '[Source: …]' → bibl."""
    label, *rest = block.lines
    bibl = el("bibl", type="document", n=n, line=block.line)
    bibl.append(el("idno", label.text.strip(), type="document", line=label.number))
    for line in rest:
        text = line.text.strip()
        bibl.append(el("lb", line=line.number))
        if text.startswith("[Source:"):
            bibl.append(el("note", text, type="source", line=line.number))
            continue
        m = _TITLE_DATE.match(text)
        value = from_match(m) if m else None
        if m and value:
            date_at = m.start("date")
            bibl.append(el("title", text[:date_at].rstrip(), line=line.number))
            bibl.append(text[len(text[:date_at].rstrip()):date_at])
            bibl.append(el("date", m.group("date"), line=line.number, **dict(value.attrs)))
        else:
            bibl.append(el("title", text, line=line.number))
    return bibl


def read(lines: list[SourceLine], seed: str, rules: Rules) -> list[Document]:
    blocks = split_blocks(drop_chrome(lines, FORMAT, rules))
    series = _SERIES.match(blocks[0].text.strip()) if blocks else None
    if series is None or len(blocks) < 4:
        raise EditionError(seed, blocks[0].line if blocks else 1, 1,
                           "e-dossier: expected 'NKIDP e-Dossier no. N' as the first line")
    title_block, byline_block = blocks[1], blocks[2]
    translated = _find(blocks, r"^Translated by ", seed)
    doc_list = _find(blocks, r"^Document List$", seed)
    notes_start = next((i for i in range(doc_list + 1, len(blocks))
                        if _NOTE.match(blocks[i].text.strip())), len(blocks))
    doc_id = f"nkidp-edossier-{series.group('number')}"
    parser = InlineParser(rules, doc_id)

    notes: dict[str, Node] = {}
    for block in blocks[notes_start:]:
        m = _NOTE.match(block.text.strip())
        if not m:
            raise EditionError(seed, block.line, 1, "e-dossier: expected an endnote '[N] …'")
        note = el("note", place="end", n=m.group("n"), xml_id=f"{doc_id}-n{m.group('n')}",
                  line=block.line)
        note.extend(parser.parse(m.group("text"), block.line))
        notes[m.group("n")] = note

    used: set[str] = set()

    def anchor(block: Block) -> Block:
        out = []
        for line in block.lines:
            def put(m: re.Match[str]) -> str:
                n = m.group("n")
                if n not in notes or n in used:
                    return m.group(0)
                used.add(n)
                parser.notes[int(n)] = notes[n]
                return placeholder(int(n))
            out.append(SourceLine(line.number, _ANCHOR.sub(put, line.text)))
        return Block(out)

    essay = [anchor(b) for b in blocks[3:translated]]
    parts: list[list[Block]] = [[]]
    for block in essay:
        if block.text.strip() == "***":
            parts.append([])
        else:
            parts[-1].append(block)
    body = el("div", type="essay", line=essay[0].line if essay else 0)
    separators = [b for b in essay if b.text.strip() == "***"]
    for k, part in enumerate(parts):
        if k:
            body.append(el("milestone", unit="section", rend="***", line=separators[k - 1].line))
        body.extend(list(build_text(part, parser)))
    body.append(el("byline", *parser.parse(blocks[translated].text.strip(), blocks[translated].line),
                   line=blocks[translated].line))
    missing = sorted(set(notes) - used, key=int)
    if missing:
        raise EditionError(seed, notes[missing[0]].line, 1,
                           f"e-dossier: endnote [{missing[0]}] has no anchor in the essay")

    bio = el("div", type="biography", line=blocks[translated + 1].line)
    bio.extend(list(build_text([anchor(b) for b in blocks[translated + 1:doc_list]], parser)))
    documents = el("div", el("head", "Document List", line=blocks[doc_list].line),
                   type="documents", line=blocks[doc_list].line)
    list_bibl = el("listBibl", line=blocks[doc_list].line)
    for block in blocks[doc_list + 1:notes_start]:
        m = _ENTRY.match(block.lines[0].text.strip())
        if not m:
            raise EditionError(seed, block.line, 1, "e-dossier: expected 'Document No. N'")
        list_bibl.append(_bibl(block, m.group("n")))
    documents.append(list_bibl)

    byline = byline_block.text.strip()
    translator = parse_credits(blocks[translated].text)
    meta = Metadata(
        doc_id=doc_id, title=title_block.text.strip(), seed=seed, seed_format=FORMAT,
        series=series.group("series"), resps=[*parse_credits(byline), *translator],
        source_group=series.group("series"), first_line=blocks[0].line,
        last_line=lines[-1].number,
    )
    author = byline.removeprefix("Introduced by").strip()
    front = [
        el("docTitle",
           el("titlePart", series.group("series"), type="series", line=blocks[0].line),
           el("titlePart", *parser.parse(title_block.text.strip(), title_block.line),
              type="main", line=title_block.line), line=blocks[0].line),
        el("byline", byline[: len(byline) - len(author)], el("docAuthor", author),
           line=byline_block.line),
    ]
    return [Document(meta, front=front, body=[body], back=[bio, documents])]
