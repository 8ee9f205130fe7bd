"""The convert stage: seed bytes → documents → TEI bytes (pure: no files touched here)."""

from __future__ import annotations

from collections.abc import Callable

from edition.annotate import annotate_dates
from edition.errors import EditionError
from edition.manifest import SeedConfig, apply_metadata
from edition.model import Document, SourceLine
from edition.names import NameAnnotator
from edition.read import collection, edossier, record, webpage
from edition.read.source import decode_seed
from edition.rules import Rules

Reader = Callable[[list[SourceLine], str, Rules], list[Document]]
READERS: dict[str, tuple[Callable[[str], bool], Reader]] = {
    record.FORMAT: (record.detect, record.read),
    webpage.FORMAT: (webpage.detect, webpage.read),
    edossier.FORMAT: (edossier.detect, edossier.read),
    collection.FORMAT: (collection.detect, collection.read),
}


def detect_format(text: str) -> str | None:
    found = [name for name, (detect, _) in READERS.items() if detect(text)]
    return found[0] if len(found) == 1 else None


def read_documents(name: str, data: bytes, config: SeedConfig, rules: Rules,
                   names: NameAnnotator | None = None) -> list[Document]:
    """All documents of one seed file, or EditionError naming the file and line."""
    lines = decode_seed(data, name)
    fmt = config.format or detect_format("\n".join(line.text for line in lines))
    if fmt is None:
        raise EditionError(name, 1, 1, "unrecognised source format: expected an archive record "
                           "(**Citation:** … **Contents:**), an archive web page (Skip to content "
                           "… Document Information), an e-dossier (e-Dossier … Document List) or "
                           "a document collection (A source: … and numbered documents); name the "
                           "format in seeds/manifest.yml if it is one of these")
    docs = READERS[fmt][1](lines, name, rules)
    for doc in docs:
        apply_metadata(doc.meta, config.metadata)
        annotate_dates(doc, rules.future_cues)
        if names is not None:
            names.annotate(doc)
    return docs
