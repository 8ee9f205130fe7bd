"""The printed collection (001): many documents, each introduced by a heading.

    Exchange of letters … Kirov Plant. January 5, 1954        heading, ending in the date
    A source: Soviet-Chinese relations. … 2015. pp. 162-166   (optional)
    Archive: AVPRF. F. 179. …                                 (optional; also without
    70.                                                        "Archive:"), printed number
    <body>
    * See doc. 68.                                            footnotes, signs *, **, * *, 6 *

A heading is a line ending in a date, followed by a source line, a number line,
another heading or the end of the file; a heading may end in "(Long Speech- Link)"
or "Link to speech" when the collection gives the text only as a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from edition.dates import DATE_PATTERN, from_match
from edition.errors import EditionError
from edition.model import Document, Metadata, Node, SourceLine, el
from edition.read.common import drop_chrome
from edition.read.inline import InlineParser, placeholder
from edition.read.structure import build_text, is_blank, split_blocks
from edition.read.vocabulary import load_vocabulary
from edition.rules import Rules

FORMAT = "collection"
COLLECTION = load_vocabulary().collection.title  # edition/data/formats.yml
_HEADING = re.compile(
    rf"^(?P<title>.+?)(?P<sep>[.\u00a0]\s*|\.?\u00a0)(?P<date>{DATE_PATTERN.pattern})"
    r"(?P<link>\s*\(Long Speech- Link\)|\s+Link to speech)?\s*$"
)
_NUMBER = re.compile(r"^(?P<n>\d{1,4})\.(?P<star>\*?)$")
_SOURCE = re.compile(r"^A source: (?P<title>.+?)\. (?P<year>\d{4})\. (?P<pages>pp?\. [\d-]+)$")
_ARCHIVE = re.compile(r"^(?:Archive: )?(?P<ref>.+)$")
_SOURCEISH = re.compile(  # the archives' forms and newspapers' names are data
    r"^(?:A source: |Archive: |(?:"
    + "|".join(re.escape(f) for f in load_vocabulary().archive_names()) + r")\. |(?:"
    + "|".join(re.escape(n) for n in load_vocabulary().collection.newspapers)
    + r")\. \d{4}\.)")
_NOTE = re.compile(r"^(?P<label>\d{1,2} \*|\*(?: ?\*)*)\s*(?P<text>\S.*)$")
_TRANSLATED = re.compile(r"translated from (?P<lang>[A-Z][a-z]+)")


def detect(text: str) -> bool:
    return bool(re.search(r"^A source: ", text, re.M)) and bool(
        re.search(r"^\d{1,4}\.\*?$", text, re.M))


@dataclass
class _Segment:
    heading: SourceLine
    match: re.Match[str]
    lines: list[SourceLine]  # after the heading, to the next heading


def _next_text(lines: list[SourceLine], i: int) -> str | None:
    for line in lines[i + 1:]:
        if not is_blank(line.text):
            return line.text.strip()
    return None


def _segments(lines: list[SourceLine], seed: str) -> list[_Segment]:
    heads: list[tuple[int, re.Match[str]]] = []
    for i, line in enumerate(lines):
        m = _HEADING.match(line.text.strip())
        if not m or not from_match(m):
            continue
        following = _next_text(lines, i)
        if (m.group("link") or following is None or _SOURCEISH.match(following)
                or _NUMBER.match(following) or _HEADING.match(following)):
            heads.append((i, m))
    if not heads:
        raise EditionError(seed, 1, 1, "collection: no document heading (a line ending in a date "
                           "followed by a source line or a number) was found")
    first = heads[0][0]
    stray = [line for line in lines[:first] if not is_blank(line.text)]
    if stray:
        raise EditionError(seed, stray[0].number, 1,
                           f"collection: text before the first document heading: "
                           f"{stray[0].text.strip()[:60]!r}")
    out = []
    for k, (i, m) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        out.append(_Segment(lines[i], m, lines[i + 1:end]))
    return out


def _label_key(label: str) -> str:
    return label.replace(" ", "")


def _anchor_pattern(key: str) -> re.Pattern[str]:
    digits = key.rstrip("*")
    if digits:
        return re.compile(rf"(?<=\s){digits} \*(?!\*)")
    return re.compile(rf"(?<!\*)\*{{{len(key)}}}(?!\*)")


class _CollectionDocument:
    """Reads one segment of the collection into a Document."""

    def __init__(self, seg: _Segment, seed: str, rules: Rules) -> None:
        self.seg, self.seed, self.rules = seg, seed, rules
        m = seg.match
        date = from_match(re.match(DATE_PATTERN, m.group("date")))  # type: ignore[arg-type]
        assert date is not None
        self.date = date
        self.source_lines, body = self._split_source(seg.lines)
        number = next((n.group("n") for line in self.source_lines
                       if (n := _NUMBER.match(line.text.strip()))), None)
        self.number = number
        self.doc_id = (f"scr-{int(number):03d}" if number
                       else "scr-" + dict(date.attrs)["when"].replace("-", ""))
        self.parser = InlineParser(rules, self.doc_id)
        self.body_lines, self.notes = self._notes(body)

    @staticmethod
    def _split_source(lines: list[SourceLine]) -> tuple[list[SourceLine], list[SourceLine]]:
        """The source lines right after the heading (to the number line) and the rest."""
        source: list[SourceLine] = []
        for i, line in enumerate(lines):
            text = line.text.strip()
            if is_blank(text):
                if source:
                    return source, lines[i:]
                continue
            if _NUMBER.match(text):
                return [*source, line], lines[i + 1:]
            if not _SOURCEISH.match(text):
                return source, lines[i:]
            source.append(line)
        return source, []

    def _notes(self, lines: list[SourceLine]) -> tuple[list[SourceLine], list[tuple[str, SourceLine]]]:
        """Split off the footnote lines: (other lines, [(printed label, line)]).

        Footnotes stand after the text they belong to, usually at the end; in a
        document followed by an appended text (doc. 103) they stand before it.
        """
        body: list[SourceLine] = []
        notes: list[tuple[str, SourceLine]] = []
        for line in lines:
            m = _NOTE.match(line.text.strip())
            if m:
                notes.append((m.group("label"), SourceLine(line.number, m.group("text"))))
                body.append(SourceLine(line.number, ""))
            else:
                body.append(line)
        return body, notes

    def _anchor(self, lines: list[SourceLine]) -> tuple[list[SourceLine], list[Node]]:
        """Put each footnote at its anchor, in order; return the unanchored ones."""
        texts = [line.text for line in lines]
        cursor = (0, 0)
        unanchored: list[Node] = []
        for k, (label, note_line) in enumerate(self.notes, start=1):
            note = el("note", place="foot", n=label, xml_id=f"{self.doc_id}-n{k}",
                      line=note_line.number)
            note.extend(self.parser.parse(note_line.text, note_line.number))
            self.parser.notes[k] = note
            pattern = _anchor_pattern(_label_key(label))
            found = None
            for li in range(cursor[0], len(texts)):
                start = cursor[1] if li == cursor[0] else 0
                m = pattern.search(texts[li], start)
                if m:
                    found = (li, m)
                    break
            if found is None:
                note.attrs["type"] = "unanchored"
                unanchored.append(note)
                continue
            li, m = found
            mark = placeholder(k)
            texts[li] = texts[li][: m.start()] + mark + texts[li][m.end():]
            cursor = (li, m.start() + len(mark))
        return [SourceLine(line.number, t) for line, t in zip(lines, texts, strict=True)], unanchored

    def document(self) -> Document:
        seg, m = self.seg, self.seg.match
        lines, unanchored = self._anchor([*self.source_lines, *self.body_lines])
        source_lines, body_lines = lines[: len(self.source_lines)], lines[len(self.source_lines):]
        div = el("div", type="document", line=seg.heading.number)
        if self.number:
            div.attrs["n"] = self.number
        head = el("head", type="document", line=seg.heading.number)
        head.extend(self.parser.parse(m.group("title") + m.group("sep"), seg.heading.number))
        head.append(el("date", m.group("date"), line=seg.heading.number, **dict(self.date.attrs)))
        if m.group("link"):
            head.append(m.group("link"))
        div.append(head)
        meta = self._metadata()
        if source_lines:
            note = el("note", type="source", place="top", line=source_lines[0].number)
            for i, line in enumerate(source_lines):
                text = line.text.strip()
                if i:
                    note.append(el("lb", line=line.number))
                content = self.parser.parse(text, line.number)
                if _NUMBER.match(self.source_lines[i].text.strip()):
                    note.append(el("label", *content, type="number", line=line.number))
                elif text.startswith("A source:"):
                    note.append(el("bibl", *content, type="source", line=line.number))
                else:
                    note.append(el("bibl", *content, type="archive", line=line.number))
            div.append(note)
        blocks = split_blocks(body_lines)
        if m.group("link"):
            div.append(el("gap", reason="link-only", line=seg.heading.number))
        elif not blocks:
            div.append(el("gap", reason="cut-off", line=seg.heading.number))
        div.extend(list(build_text(blocks, self.parser)))
        if unanchored:
            div.append(el("div", *unanchored, type="notes", line=unanchored[0].line))
        return Document(meta, body=[div])

    def _metadata(self) -> Metadata:
        seg, m = self.seg, self.seg.match
        meta = Metadata(
            doc_id=self.doc_id, title=m.group("title").strip().rstrip("."),
            seed=self.seed, seed_format=FORMAT, date=self.date, number=self.number,
            collection_title=COLLECTION, source_group=COLLECTION,
            original_language=load_vocabulary().collection.original_language, first_line=seg.heading.number,
            last_line=seg.lines[-1].number if seg.lines else seg.heading.number,
        )
        for line in self.source_lines:
            text = line.text.strip()
            if s := _SOURCE.match(text):
                meta.collection_title, meta.collection_year = s.group("title"), s.group("year")
                meta.collection_pages = re.sub(r"^pp?\.\s*", "", s.group("pages"))
            elif not _NUMBER.match(text):
                meta.archive_line = text
                if t := _TRANSLATED.search(text):
                    meta.original_language = t.group("lang")
                ref = _ARCHIVE.match(text).group("ref")  # type: ignore[union-attr]
                for prefix, name in self.rules.archives.items():
                    if ref.startswith(prefix):
                        meta.repository = name
                        meta.call_number = ref[len(prefix):].lstrip(". ").split(",")[0].strip()
                        break
        return meta


def read(lines: list[SourceLine], seed: str, rules: Rules) -> list[Document]:
    segments = _segments(drop_chrome(lines, FORMAT, rules), seed)
    docs = [_CollectionDocument(seg, seed, rules).document() for seg in segments]
    seen: dict[str, int] = {}
    for doc in docs:
        if doc.meta.doc_id in seen:
            raise EditionError(seed, doc.meta.first_line, 1,
                               f"collection: a second document gets the id {doc.meta.doc_id} "
                               f"(the first is at line {seen[doc.meta.doc_id]})")
        seen[doc.meta.doc_id] = doc.meta.first_line
    resolve_references(docs)
    return docs


def resolve_references(docs: list[Document]) -> None:
    """'doc. 78' becomes a link when document 78 is in the edition."""
    by_number = {doc.meta.number: doc.meta.doc_id for doc in docs if doc.meta.number}
    for doc in docs:
        for node in doc.nodes():
            if node.tag == "ref" and node.attrs.get("type") == "unresolved":
                target = by_number.get(node.attrs.get("n", ""))
                if target:
                    node.attrs = {"type": "document", "target": f"{target}.xml"}
