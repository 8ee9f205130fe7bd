"""Plain text: the fallback for a file no format recognises.

It converts only when ``seeds/manifest.yml`` gives the file's title and date (an
editor is never stuck, and nothing is guessed): every block becomes a paragraph
(with the structure and inline rules every reader uses: headings, lists, opener and
closer, brackets, gaps). The id is the manifest's ``id`` or one made from the date
and title. A warning says the file was read as plain text.
"""

from __future__ import annotations

from typing import Any

from edition.errors import EditionError
from edition.manifest import manifest_date
from edition.model import Document, Metadata, SourceLine, el
from edition.read.common import fallback_id
from edition.read.detection import Verdict
from edition.read.inline import InlineParser
from edition.read.structure import build_text, split_blocks
from edition.rules import Rules

FORMAT = "plain"


def has_manifest_facts(metadata: dict[str, Any]) -> bool:
    return bool(metadata.get("title")) and bool(metadata.get("date"))


def detect(_text: str) -> Verdict:
    return Verdict.decline("used only when seeds/manifest.yml gives the file's title and date")


def read(lines: list[SourceLine], seed: str, rules: Rules,
         metadata: dict[str, Any] | None = None) -> list[Document]:
    metadata = metadata or {}
    if not has_manifest_facts(metadata):
        raise EditionError(seed, 1, 1, "plain text: give the file's title and date in "
                           "seeds/manifest.yml (metadata: title, date)")
    title = str(metadata["title"])
    date = manifest_date(metadata["date"])
    doc_id = str(metadata.get("id") or fallback_id(date, title))
    blocks = split_blocks(lines)
    if not blocks:
        raise EditionError(seed, 1, 1, "plain text: the file has no text")
    meta = Metadata(doc_id=doc_id, title=title, seed=seed, seed_format=FORMAT, date=date,
                    first_line=blocks[0].line,
                    last_line=lines[-1].number)
    body = el("div", type="document", line=blocks[0].line)
    body.extend(list(build_text(blocks, InlineParser(rules, doc_id))))
    doc = Document(meta, body=[body])
    doc.warn(1, "read as plain text (no format recognised it): title and date come from "
             "seeds/manifest.yml, every block is kept as a paragraph")
    return [doc]
