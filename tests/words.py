"""Word streams for the "nothing lost" tests: of a seed file, of a TEI file, of an HTML page.

Words are runs of letters and digits (``\\w+``; a superscript number a word of its own),
compared in order. The TEI stream is
read the diplomatic way, independently of the stylesheets: the source side of each
``choice`` (sic, orig), ``[sic]`` after a ``sic rend="bracket-sic"``, a footnote's
printed sign at its anchor and again before its text, footnotes after the text in
the order of their ids (the order the source prints them in).
"""

from __future__ import annotations

import re

from lxml import etree, html

TEI = "{http://www.tei-c.org/ns/1.0}"
# (a superscript number is a footnote's sign, not part of the word it follows: "station¹")
WORD = re.compile(r"[^\W⁰¹²³⁴⁵⁶⁷⁸⁹]+|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def _local(el: etree._Element) -> str:
    return el.tag[len(TEI):] if isinstance(el.tag, str) and el.tag.startswith(TEI) else ""


def _walk(el: etree._Element, out: list[str], notes: list[etree._Element]) -> None:
    name = _local(el)
    if name == "reg" and el.get("rend") == "brackets":  # printed: "Pyeongan [Pyongan]"
        out.append(" " + "".join(el.itertext()) + " ")
        return
    if name in ("corr", "reg"):
        return
    if name == "note" and el.get("place") in ("foot", "end"):
        if el.get("type") != "unanchored":  # the sign printed in the text
            out.append(el.get("n", ""))
        notes.append(el)
        return
    if el.text:
        out.append(el.text)
    for child in el:
        _walk(child, out, notes)
        if child.tail:
            out.append(child.tail)
    if name == "sic" and el.get("rend") == "bracket-sic":
        out.append(" [sic]")


def tei_words(tree: etree._ElementTree) -> list[str]:
    """The diplomatic word stream of a TEI file's ``text``."""
    text = tree.getroot().find(f"{TEI}text")
    assert text is not None
    out: list[str] = []
    notes: list[etree._Element] = []
    _walk(text, out, notes)
    texts: dict[int, str] = {}
    done = 0
    while done < len(notes):  # notes inside notes join the list as they are met
        current = notes[done:]
        done = len(notes)
        for note in current:
            inner: list[str] = []
            _walk_note(note, inner, notes)
            texts[id(note)] = " ".join(inner)
    notes.sort(key=_note_number)
    for note in notes:
        if note.get("rend") != "unlabelled":  # the sign printed before the note's text
            out.append(" " + note.get("n", "") + " ")
        out.append(texts[id(note)])
    return words(" ".join(out))


def _note_number(note: etree._Element) -> int:
    """``scr-070-n3`` → 3: notes are numbered in the order the source prints them."""
    xml_id = note.get("{http://www.w3.org/XML/1998/namespace}id") or "-n0"
    return int(xml_id.rsplit("-n", 1)[-1])


def _walk_note(note: etree._Element, out: list[str], notes: list[etree._Element]) -> None:
    if note.text:
        out.append(note.text)
    for child in note:
        _walk(child, out, notes)
        if child.tail:
            out.append(child.tail)


def html_words(page: bytes) -> list[str]:
    """The words of an HTML page's ``main`` element."""
    doc = html.fromstring(page)
    main = doc.find(".//main")
    assert main is not None, "the page has no <main>"
    for junk in main.xpath(".//*[contains(concat(' ', normalize-space(@class), ' '), ' apparatus ')]"):
        junk.drop_tree()
    # text nodes joined by spaces: block elements must not run words together
    return words(" ".join(main.xpath(".//text()")))
