"""The convert stage: seed bytes → documents → TEI bytes (pure: no files touched here)."""

from __future__ import annotations

from typing import Any

from edition.annotate import annotate_dates
from edition.errors import EditionError
from edition.manifest import SeedConfig, apply_metadata
from edition.model import Document
from edition.names import NameAnnotator
from edition.read.formats import BY_NAME, choose
from edition.read.source import decode_seed
from edition.rules import Rules


def detect_format(text: str, seed: str = "<text>", config: SeedConfig | None = None) -> str:
    """The name of the format that reads ``text`` (EditionError with every reason if none)."""
    config = config or SeedConfig()
    return choose(text, seed, config.format, config.metadata).name


def rename(doc: Document, new_id: str) -> None:
    """Give a document another id: its own and every id and pointer made from it."""
    old = doc.meta.doc_id
    doc.meta.doc_id = new_id
    for node in doc.nodes():
        for key, value in node.attrs.items():
            if key in ("xml:id", "target", "corresp") and (
                    value.startswith((f"{old}-", f"#{old}-"))):
                node.attrs[key] = value.replace(old, new_id, 1)


def read_documents(name: str, data: bytes, config: SeedConfig, rules: Rules,
                   names: NameAnnotator | None = None) -> list[Document]:
    """All documents of one seed file, or EditionError naming the file and line.

    Each document carries its warnings (``Document.warnings``)."""
    docs = read_seed(name, data, config, rules)
    for doc in docs:
        finish_document(doc, config, rules, names)
    return docs


def read_seed(name: str, data: bytes, config: SeedConfig, rules: Rules,
              defer: bool = False) -> list[Any]:
    """The documents of one seed as its reader gives them (references between them
    resolved), before each is annotated (:func:`finish_document`): the part of the work
    done once per file, the rest may be done per document, in any process. ``defer``:
    a seed of many documents whose format can (the collection) gives them found but
    not read (each has ``build(rules)``, :func:`build_document`), so that each is read
    where it is converted."""
    lines = decode_seed(data, name)
    fmt = BY_NAME[choose("\n".join(line.text for line in lines), name, config.format,
                         config.metadata).name]
    wanted = config.metadata.get("id")
    if defer and fmt.pending is not None and not wanted:
        found = fmt.pending(lines, name, rules)
        if len(found) > 1:
            return found
        return [item.build(rules) for item in found]
    docs = fmt.read(lines, name, rules, config.metadata)
    if wanted:
        if len(docs) != 1:
            raise EditionError(name, 1, 1, f"seeds/manifest.yml gives the id {wanted!r}, but "
                               f"the file holds {len(docs)} documents: an id names one")
        rename(docs[0], str(wanted))
    return docs


def build_document(item: Any, rules: Rules) -> Document:
    """A document of :func:`read_seed`: read now where it was given found but not read."""
    return item if isinstance(item, Document) else item.build(rules)


def finish_document(doc: Document, config: SeedConfig, rules: Rules,
                    names: NameAnnotator | None = None) -> None:
    """One document of :func:`read_seed` given the manifest's metadata, its dates and
    (with ``names``) its names; it depends on no other document of the seed."""
    apply_metadata(doc.meta, config.metadata)
    annotate_dates(doc, rules.future_cues)
    if names is not None:
        names.annotate(doc)
