"""Archive records (000, 003): a ``**bold**`` header block, then the translation.

    **December 10, 1953**                    the date (a bold line that is a date)
    **Title over
    several lines**                          the title: the bold blocks before the first field
    **Citation:** / **Summary:** / …         labelled fields, each up to the next label;
                                             any label (formats.yml names the usual ones,
                                             others are kept as header facts)
    **Contents:**
    Translation - English                    version lines (formats.yml `versions`)
    <the document>                           the first block under Contents that is not one

The header block is kept as printed in the TEI ``front`` (so the diplomatic view
shows it) and read into the ``teiHeader``. The ``**`` markers are markdown
formatting, not words of the source; so are its escapes ("\\[North\\]") and the "> "
that marks a quotation's lines (the block is a ``quote``). Fields are found by their
labels: a missing Summary or Citation, a Contents without a version line, a citation
that does not read as one, are warnings with file and line; the document is still
converted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from edition.dates import DATE_PATTERN
from edition.errors import EditionError
from edition.model import DateValue, Document, Metadata, Node, SourceLine, el
from edition.read import endnotes
from edition.read.common import (
    date_line,
    doc_date_attrs,
    fallback_id,
    funders_of,
    parse_credits,
    parse_funder,
)
from edition.read.detection import Verdict
from edition.read.inline import InlineParser
from edition.read.reference import Reference, read_reference
from edition.read.structure import Block, build_text, split_blocks
from edition.read.turns import speeches
from edition.read.vocabulary import Vocabulary, load_vocabulary
from edition.rules import Rules

FORMAT = "record"
_LABEL = re.compile(r"^\*\*(?P<label>[A-Z][A-Za-z&,' ]+?):\*\*(?:\s+(?P<value>\S.*))?$")
_URL = re.compile(r"^<(?P<url>https?://[^>\s]+)>$")
_QUOTED = re.compile(r'^["“](?P<title>.+)["”],\s*(?P<rest>.*)$')
_EXPECTED = ("Citation", "Summary")
# markdown's escapes ("\\[North\\]" for "[North]", "1\\." for "1."): the backslash is the
# file's markup, not the source's
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_BLOCKQUOTE = re.compile(r"^>\s?")  # a markdown quotation's line: "> …"


def detect(text: str) -> Verdict:
    labels = [m.group("label") for line in text.split("\n")
              if (m := _LABEL.match(line.strip()))]
    if not labels:
        return Verdict.decline("no **Label:** field line (such as **Citation:**)")
    if not text.lstrip().startswith("**"):
        return Verdict.decline("the first line is not **bold** (the record's date)")
    return Verdict.accept(f"a **bold** first line and the fields "
                          f"{', '.join('**' + x + ':**' for x in labels[:3])}")


def _unbold(block: Block) -> list[SourceLine]:
    lines = [SourceLine(line.number, line.text.rstrip()) for line in block.lines]
    lines[0] = SourceLine(lines[0].number, lines[0].text.removeprefix("**"))
    lines[-1] = SourceLine(lines[-1].number, lines[-1].text.removesuffix("**"))
    return lines


def _url_or_text(block: Block, parser: InlineParser) -> list[str | Node]:
    out: list[str | Node] = []
    for i, line in enumerate(block.lines):
        if i:
            out.append(el("lb", line=line.number))
        m = _URL.match(line.text.strip())
        if m:
            out.append(el("ref", m.group("url"), target=m.group("url"), line=line.number))
        else:
            out.extend(parser.parse(line.text.strip(), line.number))
    return out


def _unquoted(blocks: list[Block]) -> tuple[list[Block], set[int]]:
    """The text's blocks with markdown's quotation marks ("> " before each line of a
    block) taken off, and the first lines of the blocks that had them."""
    out: list[Block] = []
    quoted: set[int] = set()
    for block in blocks:
        if all(_BLOCKQUOTE.match(line.text.strip()) for line in block.lines):
            quoted.add(block.line)
            block = Block([SourceLine(line.number, _BLOCKQUOTE.sub("", line.text.strip()))
                           for line in block.lines])
        out.append(block)
    return out, quoted


def _quotes(node: Node, quoted: set[int]) -> None:
    """A paragraph of a part that markdown marks as a quotation is a ``quote`` (one in
    quotation marks is one already, with rend="quotes")."""
    for child in node.children:
        if isinstance(child, Node) and child.tag == "div":
            _quotes(child, quoted)
        elif isinstance(child, Node) and child.tag == "p" and child.line in quoted:
            child.tag = "quote"


def _label(block: Block) -> re.Match[str] | None:
    """The block's first line as a **Label:** (its value may follow on the line)."""
    return _LABEL.match(block.lines[0].text.strip())


def _split_label(block: Block, m: re.Match[str]) -> tuple[Block, Block | None]:
    """A labelled block → (the label line, the value printed with it, if any)."""
    first = block.lines[0]
    head = Block([SourceLine(first.number, f"**{m.group('label')}:**")])
    rest = ([SourceLine(first.number, m.group("value"))] if m.group("value") else []) + \
        block.lines[1:]
    return head, Block(rest) if rest else None


@dataclass
class _Field:
    label: str
    head: Block
    values: list[Block] = field(default_factory=list)
    index: int = 0  # of its block among the record's blocks

    @property
    def text(self) -> str:
        return " ".join(b.text.strip() for b in self.values)


@dataclass
class _Citation:
    text: str
    date: str | None = None
    publisher: str | None = None
    reference: Reference | None = None


def _read_citation(text: str, vocabulary: Vocabulary, dated: str = "") -> _Citation | None:
    """'"Title", Date, Publisher, Archive Call-number, pages. Credits.' (pages optional,
    the date may be a month or a year, or the record's date as its first line prints it,
    ``dated``: "August 10, 1958 - August 22, 1958")."""
    m = _QUOTED.match(text)
    if not m:
        return None
    rest = m.group("rest")
    date = re.match(rf"(?:{DATE_PATTERN.pattern}|\d{{4}}|{re.escape(dated) if dated else '(?!)'})"
                    r"(?=,)", rest)
    if date is None:
        return None
    rest = rest[date.end():].lstrip(", ")
    publisher = next((p for p in vocabulary.publishers for f in p.forms
                      if rest.startswith(f)), None)
    if publisher is None:
        return None
    form = next(f for f in publisher.forms if rest.startswith(f))
    rest = rest[len(form):].lstrip(", ")
    return _Citation(text, date.group(0), publisher.name, read_reference(rest, vocabulary))


class _Record:
    def __init__(self, lines: list[SourceLine], seed: str, rules: Rules) -> None:
        self.lines, self.seed, self.rules = lines, seed, rules
        self.vocabulary = load_vocabulary()
        self.words = self.vocabulary.record
        self.warnings: list[tuple[int, str]] = []

    def warn(self, line: int, message: str) -> None:
        self.warnings.append((line, message))

    def _split(self, blocks: list[Block]) -> tuple[list[Block], list[_Field], int]:
        """(title blocks, fields, index of the first block of the text)."""
        first_label = next((i for i, b in enumerate(blocks) if _label(b)), None)
        if first_label is None:
            raise EditionError(self.seed, blocks[0].line, 1, "archive record: no **Label:** "
                               "field (such as **Citation:**) was found")
        titles = blocks[1:first_label]
        fields: list[_Field] = []
        for k, block in enumerate(blocks[first_label:], start=first_label):
            m = _label(block)
            if fields and self.words.fields.get(fields[-1].label) == "contents" and not \
                    self.words.versions.match(block.text.strip()):
                # the text begins: a **Label:** in it is the document's, not the header's
                if not fields[-1].values:
                    self.warn(fields[-1].head.line, "**Contents:** has no version line (such "
                              "as 'Translation - English'): the text is taken to start right "
                              "after it")
                return titles, fields, k
            if m:
                head, value = _split_label(block, m)
                fields.append(_Field(m.group("label"), head, [value] if value else [], k))
            else:
                fields[-1].values.append(block)
        last = fields[-1]
        start = last.index + 1
        if self.words.fields.get(last.label) == "contents":
            versions = len(last.values)  # the record has no text after its versions
        else:
            versions = 1 if last.values else 0
            self.warn(last.head.line, f"no **Contents:** field: the header is taken to end with "
                      f"the value of **{last.label}:** (line "
                      f"{last.values[0].line if last.values else last.head.line})")
        last.values = last.values[:versions]
        return titles, fields, start + versions

    def read(self) -> Document:
        blocks = split_blocks([SourceLine(line.number, _ESCAPE.sub(r"\1", line.text))
                               for line in self.lines])
        if not blocks or not blocks[0].text.startswith("**"):
            raise EditionError(self.seed, blocks[0].line if blocks else 1, 1,
                               "archive record: expected a **bold** date line at the top")
        date_text = _unbold(blocks[0])[0].text.strip()
        date: DateValue | None = date_line(date_text)
        if date is not None and not date.attrs:  # "Undated": a date line of no date
            self.warn(blocks[0].line, f"the record dates the document {date_text!r}: it has "
                      "no date (give one in seeds/manifest.yml)")
            date = None
        elif date is None:
            self.warn(blocks[0].line, f"the first line {date_text!r} is not a date: the "
                      "document has no date (give one in seeds/manifest.yml)")
        titles, fields, body_start = self._split(blocks)
        if not titles:
            self.warn(blocks[0].line, "no title between the date and the first field")
        by_label = {f.label: f for f in fields}
        for label in _EXPECTED:
            if label not in by_label:
                self.warn(1, f"no **{label}:** field" + (
                    ": the header has no abstract" if label == "Summary" else ""))
        title_lines = [line for b in titles for line in _unbold(b)]
        title = " ".join(line.text.strip() for line in title_lines)

        citation_field = by_label.get("Citation")
        # the citation as one line: wrapped over lines too, the address lines apart
        citation_text = next((" ".join(
            ln.text.strip() for ln in b.lines
            if ln.text.strip() and not _URL.match(ln.text.strip()))
            for b in citation_field.values), "") if citation_field else ""
        citation = (_read_citation(citation_text, self.vocabulary, date_text)
                    if citation_text else None)
        if citation_field and citation is None:
            self.warn(citation_field.head.line, "the citation does not read '\"Title\", Date, "
                      "Publisher, Archive Call-number, pages. Credits.': kept as printed; "
                      "no repository or call number is read from it")
        ref = citation.reference if citation else None
        if citation_field and ref:
            for note in ref.notes:
                self.warn(citation_field.head.line, note)
        url = next((u.group("url") for fld in fields for b in fld.values for ln in b.lines
                    if (u := _URL.match(ln.text.strip()))), None)
        doc_id = self._id(url, ref, date, title, citation_field)
        funders = [funder for b in (by_label["Credits"].values if "Credits" in by_label else [])
                   for funder in funders_of(parse_funder(b.text))]
        extra: list[tuple[str, str]] = []
        rights = None
        for f in fields:
            kind = self.words.fields.get(f.label)
            if kind == "rights":
                rights = "\n".join(b.text.strip() for b in f.values) or None
            elif kind is None and f.values:
                extra.append((f.label, f.text))
        language = by_label.get("Original Language")
        summary = by_label.get("Summary")
        meta = Metadata(
            doc_id=doc_id, title=title, seed=self.seed, seed_format=FORMAT, date=date,
            citation=citation_text or None, url=url,
            # (a summary of paragraphs: a blank line between them, a p each in the abstract)
            summary="\n\n".join(b.text.strip() for b in summary.values) or None
            if summary else None,
            funders=funders, resps=parse_credits(ref.credits) if ref else [],
            original_language=(language.text or None) if language else None,
            repository=ref.repository if ref else None,
            call_number=ref.call_number if ref else None, pages=ref.pages if ref else None,
            periodical=ref.periodical if ref else None, issue=ref.issue if ref else None,
            source_group=citation.publisher if citation and citation.publisher else
            self.vocabulary.publishers[0].name,
            rights=rights, fields=extra,
            first_line=blocks[0].line, last_line=self.lines[-1].number,
        )
        parser = InlineParser(self.rules, doc_id)
        front: list[Node] = [el("docDate", date_text, line=blocks[0].line,
                                **doc_date_attrs(date))]
        if title_lines:
            title_part = el("titlePart", type="main", line=title_lines[0].number)
            for i, line in enumerate(title_lines):
                if i:
                    title_part.append(el("lb", line=line.number))
                title_part.extend(parser.parse(line.text.strip(), line.number))
            front.append(el("docTitle", title_part, line=title_lines[0].number))
        for f in fields:
            kind = self.words.fields.get(f.label) or "field"
            div = el("div", el("head", f"{f.label}:", line=f.head.line), type=kind,
                     line=f.head.line)
            for block in f.values:
                div.append(el("p", *_url_or_text(block, parser), line=block.line))
            front.append(div)
        text, quoted = _unquoted(blocks[body_start:])
        text_blocks, note_blocks = endnotes.split(text, numbered=True)
        notes = endnotes.Endnotes(note_blocks, parser, meta.doc_id)
        body = el("div", type="document", line=text_blocks[0].line if text_blocks else 0)
        body.extend(list(build_text([notes.anchor(b) for b in text_blocks], parser)))
        _quotes(body, quoted)
        speeches(body)
        if not text_blocks:
            self.warn(self.lines[-1].number, "the record has no text after its header")
        unanchored, warnings = notes.unanchored("text")
        for at, message in warnings:
            self.warn(at, message)
        doc = Document(meta, body=[body], front=front,
                       back=[unanchored] if unanchored is not None else [])
        for at, message in self.warnings:
            doc.warn(at, message)
        return doc

    def _id(self, url: str | None, ref: Reference | None, date: DateValue | None, title: str,
            citation: _Field | None) -> str:
        for publisher in self.vocabulary.publishers:
            m = publisher.url.search(url or "")
            if m:
                return f"{publisher.prefix}-{m.group('number')}"
        line = citation.head.line if citation else 1
        from_archive = ref.id_from(self.vocabulary) if ref else None
        if from_archive:
            self.warn(line, "no Digital Archive URL with a document number: the id comes from "
                      "the archive's call number")
            return from_archive
        self.warn(line, "no Digital Archive URL with a document number and no call number: "
                  "the id is made from the date and title")
        return fallback_id(date, title)


def read(lines: list[SourceLine], seed: str, rules: Rules,
         _metadata: dict[str, object] | None = None) -> list[Document]:
    return [_Record(lines, seed, rules).read()]
