"""The archive web page (002): a document scraped from the Digital Archive's site.

    Skip to content                      (chrome)
    March 7, 1967                        date
    Title                                title
    This document was made possible …    credits
    "…"  …                               the document, paragraph by paragraph
    The Soviet Embassy reports …         summary (the last paragraph before the chrome)
    Document Information                 (chrome)
    AVPRF f. 0102, … Obtained by …       source
    The History and Public Policy …      rights (to the empty record fields)
"""

from __future__ import annotations

import re

from edition.dates import parse_date
from edition.errors import EditionError
from edition.model import Document, Metadata, Node, SourceLine, el
from edition.read.common import drop_chrome, parse_credits, parse_funder
from edition.read.inline import InlineParser
from edition.read.structure import Block, build_text, split_blocks
from edition.rules import Rules

FORMAT = "webpage"
_MARKER = "Document Information"
_SOURCE = re.compile(
    r"^(?P<repository>[A-Z][A-Za-z ]*?) (?P<call>f\. [\w.]+(?:, (?:op|p|d)\. [\w.]+)*), "
    r"pp?\. (?P<pages>[\d-]+)\.\s*(?P<credits>.*)$"
)


def detect(text: str) -> bool:
    return text.lstrip().startswith("Skip to content") and _MARKER in text


def _plain(block: Block) -> Node:
    """A paragraph kept as plain text (site prose: no editorial brackets in it)."""
    return el("p", " ".join(line.text.strip() for line in block.lines), line=block.line)


def read(lines: list[SourceLine], seed: str, rules: Rules) -> list[Document]:
    marker = next((line.number for line in lines if line.text.strip() == _MARKER), None)
    if marker is None:
        raise EditionError(seed, 1, 1, f"archive web page: no {_MARKER!r} line")
    kept = drop_chrome(lines, FORMAT, rules)
    before = split_blocks([line for line in kept if line.number < marker])
    after = split_blocks([line for line in kept if line.number > marker])
    if len(before) < 5 or not after:
        raise EditionError(seed, marker, 1, "archive web page: expected date, title, credits, "
                           "text and summary before 'Document Information' and the source after")
    date_block, title_block, credits_block, *text_blocks, summary_block = before
    date = parse_date(date_block.text)
    if date is None:
        raise EditionError(seed, date_block.line, 1,
                           f"archive web page: {date_block.text!r} is not a date")
    source_block, *rights_blocks = after
    m = _SOURCE.match(source_block.text.strip())
    if not m:
        raise EditionError(seed, source_block.line, 1,
                           "archive web page: the source line does not read "
                           "'ARCHIVE f. N, op. N, p. N, d. N, pp. N-N. Credits'")
    call = m.group("call")
    doc_id = "avprf-" + "-".join(re.findall(r"\d+", call))
    funder = parse_funder(credits_block.text)
    meta = Metadata(
        doc_id=doc_id, title=title_block.text.strip(), seed=seed, seed_format=FORMAT, date=date,
        summary=summary_block.text.strip(), funders=[funder] if funder else [],
        resps=parse_credits(m.group("credits")), repository=m.group("repository"),
        call_number=call, pages=m.group("pages"), source_group="Wilson Center Digital Archive",
        rights="\n".join(b.text.strip() for b in rights_blocks) or None,
        first_line=date_block.line, last_line=lines[-1].number,
    )
    parser = InlineParser(rules, doc_id)
    front = [
        el("docDate", date.text, line=date_block.line,
           **dict(date.attrs)),
        el("docTitle", el("titlePart", *parser.parse(title_block.text.strip(), title_block.line),
                          type="main"), line=title_block.line),
        el("div", _plain(credits_block), type="credits", line=credits_block.line),
    ]
    body = el("div", type="document", line=text_blocks[0].line if text_blocks else 0)
    body.extend(list(build_text(text_blocks, parser)))
    back = [
        el("div", el("p", *parser.parse(summary_block.text.strip(), summary_block.line)),
           type="summary", line=summary_block.line),
        el("div", _plain(source_block), type="source", line=source_block.line),
        el("div", *[_plain(b) for b in rights_blocks], type="rights",
           line=rights_blocks[0].line if rights_blocks else 0),
    ]
    return [Document(meta, front=front, body=[body], back=[b for b in back if b.children])]
