"""Archive records (000, 003): a ``**bold**`` header block, then the translation.

    **December 10, 1953**
    **Title over
    several lines**
    **Citation:** / **Summary:** / **Credits:** / **Original Language:** / **Contents:**
    Translation - English
    <the document>

The header block is kept as printed in the TEI ``front`` (so the diplomatic view
shows it) and read into the ``teiHeader``. The ``**`` markers are markdown
formatting, not words of the source.
"""

from __future__ import annotations

import re

from edition.dates import parse_date
from edition.errors import EditionError
from edition.model import Document, Metadata, Node, SourceLine, el
from edition.read.common import parse_credits, parse_funder, split_call_number
from edition.read.inline import InlineParser
from edition.read.structure import Block, build_text, split_blocks
from edition.rules import Rules

FORMAT = "record"
_LABEL = re.compile(r"^\*\*(?P<label>[A-Z][A-Za-z ]+):\*\*$")
_URL = re.compile(r"^<(?P<url>https?://[^>\s]+)>$")
_CITATION = re.compile(
    r'^"(?P<title>.+)", (?P<date>[A-Z][a-z]+ \d{1,2}, \d{4}), (?P<publisher>Wilson Center Digital '
    r"Archive), (?P<archive>.+?), (?P<pages>\d+(?:-\d+)?)\.\s*(?P<credits>.*)$"
)
_DIVS = {
    "Citation": "citation",
    "Summary": "summary",
    "Credits": "credits",
    "Original Language": "language",
    "Contents": "contents",
}


def detect(text: str) -> bool:
    return "**Citation:**" in text and "**Contents:**" in text


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


def read(lines: list[SourceLine], seed: str, rules: Rules) -> list[Document]:
    blocks = split_blocks(lines)
    if len(blocks) < 3 or not blocks[0].text.startswith("**"):
        raise EditionError(seed, blocks[0].line if blocks else 1, 1,
                           "archive record: expected a **bold** date line at the top")
    date_text = _unbold(blocks[0])[0].text.strip()
    date = parse_date(date_text)
    if date is None:
        raise EditionError(seed, blocks[0].line, 1,
                           f"archive record: the first line {date_text!r} is not a date")
    title_lines = _unbold(blocks[1])
    title = " ".join(line.text.strip() for line in title_lines)

    sections: dict[str, list[Block]] = {}
    current: str | None = None
    body_start = len(blocks)
    for i, block in enumerate(blocks[2:], start=2):
        m = _LABEL.match(block.text.strip())
        if m and current != "Contents":
            current = m.group("label")
            if current not in _DIVS:
                raise EditionError(seed, block.line, 1,
                                   f"archive record: unknown header field {current!r}")
            sections[current] = []
            sections[current].append(block)
            continue
        if current is None:
            raise EditionError(seed, block.line, 1, "archive record: text before **Citation:**")
        sections[current].append(block)
        if current == "Contents" and len(sections[current]) == 2:
            body_start = i + 1
            break
    for label in _DIVS:
        if label not in sections:
            raise EditionError(seed, 1, 1, f"archive record: the field **{label}:** is missing")

    citation_text = sections["Citation"][1].lines[0].text.strip() if len(
        sections["Citation"]) > 1 else ""
    m = _CITATION.match(citation_text)
    if not m:
        raise EditionError(seed, sections["Citation"][0].line + 2, 1,
                           "archive record: the citation does not read "
                           '"Title", Date, Wilson Center Digital Archive, Archive Call-number, '
                           "pages. Credits.")
    url = next((u.group("url") for b in sections["Citation"] for line in b.lines
                if (u := _URL.match(line.text.strip()))), None)
    number = re.search(r"/document/(\d+)", url or "")
    if number is None:
        raise EditionError(seed, sections["Citation"][0].line, 1,
                           "archive record: no Digital Archive URL with a document number")
    repository, call_number = split_call_number(m.group("archive"))
    funders = [f for b in sections["Credits"][1:] if (f := parse_funder(b.text))]

    doc_id = f"wcda-{number.group(1)}"
    meta = Metadata(
        doc_id=doc_id, title=title, seed=seed, seed_format=FORMAT, date=date,
        citation=citation_text, url=url,
        summary=" ".join(b.text for b in sections["Summary"][1:]) or None,
        funders=funders, resps=parse_credits(m.group("credits")),
        original_language=" ".join(b.text for b in sections["Original Language"][1:]) or None,
        repository=repository, call_number=call_number, pages=m.group("pages"),
        source_group=m.group("publisher"),
        first_line=blocks[0].line, last_line=lines[-1].number,
    )
    parser = InlineParser(rules, doc_id)
    front: list[Node] = [
        el("docDate", date_text, line=blocks[0].line,
           **dict(date.attrs[:1])),
    ]
    title_part = el("titlePart", type="main", line=title_lines[0].number)
    for i, line in enumerate(title_lines):
        if i:
            title_part.append(el("lb", line=line.number))
        title_part.extend(parser.parse(line.text.strip(), line.number))
    front.append(el("docTitle", title_part, line=title_lines[0].number))
    for label, kind in _DIVS.items():
        head, *rest = sections[label]
        div = el("div", el("head", f"{label}:", line=head.line), type=kind, line=head.line)
        for block in rest:
            div.append(el("p", *_url_or_text(block, parser), line=block.line))
        front.append(div)
    body = el("div", type="document", line=blocks[body_start].line if body_start < len(
        blocks) else 0)
    body.extend(list(build_text(blocks[body_start:], parser)))
    return [Document(meta, body=[body], front=front)]
