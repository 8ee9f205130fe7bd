"""The one reader contract: a registry of the source formats.

Each format has a name, a description an editor recognises, how its documents get
their ids, a detection that returns its *evidence* (or its *reason* for declining),
a reader and its site-chrome rule. A file no format accepts is told every format's
reason; a file two formats accept is told both pieces of evidence. The manifest's
list of format names and these messages come from here, nowhere else.

A reader takes the seed's numbered lines, its name, the editorial rules and the
manifest's metadata for the file (only the plain-text reader needs them), and
returns the documents, each carrying its warnings (what was missing, what the
reader could not place: kept in the text and named with file and line).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from edition.errors import EditionError
from edition.model import Document, SourceLine
from edition.read import collection, edossier, plain, record, webpage
from edition.read.common import drop_chrome
from edition.read.detection import Verdict
from edition.rules import Rules

Reader = Callable[[list[SourceLine], str, Rules, dict[str, Any]], list[Document]]
Chrome = Callable[[list[SourceLine], Rules], list[SourceLine]]
Pending = Callable[[list[SourceLine], str, Rules], list[Any]]


@dataclass(frozen=True)
class Format:
    name: str
    description: str  # what an editor would call it, with the marks that show it
    ids: str  # how its documents get their ids
    detect: Callable[[str], Verdict]
    read: Reader
    chrome: Chrome
    # the documents of a source of many, found but not yet read, each read where it is
    # converted (``build(rules)``): None where the format has one document a source
    pending: Pending | None = None


def _generic_chrome(name: str) -> Chrome:
    return lambda lines, rules: drop_chrome(lines, name, rules)


def _collection_detect(text: str) -> Verdict:
    """The collection reader's own test, with the evidence spelled out."""
    return collection.detect(text)


def _collection_read(lines: list[SourceLine], seed: str, rules: Rules,
                     _metadata: dict[str, Any]) -> list[Document]:
    return collection.read(lines, seed, rules)


FORMATS: tuple[Format, ...] = (
    Format(record.FORMAT, "an archive record (a **bold** date and title, then **Citation:**, "
           "**Summary:** … **Contents:** fields)",
           "wcda-N from the Digital Archive URL; else the archive's scheme", record.detect,
           record.read, _generic_chrome(record.FORMAT)),
    Format(webpage.FORMAT, "an archive web page (a 'Skip to content' link or a "
           "'Document Information' footer, and a date line at the top)",
           "the archive's scheme applied to the call number (edition/data/archives.yml); "
           "else doc-DATE-TITLE-WORDS", webpage.detect, webpage.read, webpage.chrome),
    Format(edossier.FORMAT, "an e-dossier (a line 'NKIDP e-Dossier no. N')",
           "PROGRAMME-edossier-N", edossier.detect, edossier.read,
           _generic_chrome(edossier.FORMAT)),
    Format(collection.FORMAT, "a document collection (headings ending in a date, source "
           "lines such as 'Archive: …' and numbered documents '70.')",
           "scr-NNN from the printed number; else scr-DATE",
           _collection_detect, _collection_read, _generic_chrome(collection.FORMAT),
           collection.pending),
    Format(plain.FORMAT, "plain text (any file, when seeds/manifest.yml gives its title "
           "and date)", "the manifest's id; else doc-DATE-TITLE-WORDS", plain.detect,
           plain.read, _generic_chrome(plain.FORMAT)),
)
BY_NAME: dict[str, Format] = {f.name: f for f in FORMATS}
NAMES: tuple[str, ...] = tuple(BY_NAME)


def choose(text: str, seed: str, chosen: str | None,
           metadata: dict[str, Any]) -> Format:
    """The format of a seed: the manifest's choice, else the one format that accepts it,
    else plain text when the manifest gives title and date; else an error with every
    format's reason."""
    if chosen is not None:
        return BY_NAME[chosen]
    verdicts = [(f, f.detect(text)) for f in FORMATS]
    accepted = [(f, v) for f, v in verdicts if v.accepted]
    if len(accepted) == 1:
        return accepted[0][0]
    if len(accepted) > 1:
        found = "; ".join(f"{f.name}: {v.why}" for f, v in accepted)
        raise EditionError(seed, 1, 1, f"ambiguous source format: more than one reader accepts "
                           f"it ({found}); name the format in seeds/manifest.yml")
    if plain.has_manifest_facts(metadata):
        return BY_NAME[plain.FORMAT]
    reasons = "; ".join(f"{f.name}: {v.why}" for f, v in verdicts)
    raise EditionError(
        seed, 1, 1, f"unrecognised source format: no reader accepts it ({reasons}). "
        f"Expected {', '.join(f.description for f in FORMATS[:-1])}. Name the format in "
        "seeds/manifest.yml (format: " + "|".join(NAMES) + "), or give the file's title "
        "and date there to convert it as plain text")
