"""The build's side of the scholar's pages: what the renderer needs before the documents
are rendered (build date, corpus for previous/next, the edition tree), and the pages
that look across documents (map, restrictions) with the files they bring (the country
outlines and their provenance, the stemmer the search page uses).

:func:`prepare` returns a digest of that context: a document page depends on it (its
neighbours, the build date in its citation), so the render state keys on it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from lxml import etree

from edition import geo
from edition.errors import EditionError
from edition.paths import NODE_MODULES
from edition.release import build_date
from edition.render import Renderer
from edition.sitedata import edition_tree
from edition.stages.common import CORPUS, REGISTERS

STEMMER = NODE_MODULES / "snowball-stemmers" / "snowball-stemmers.js"


def _documents(tei: Path) -> list[tuple[str, bytes]]:
    return [(str(p), p.read_bytes()) for p in sorted(tei.glob("*.xml"))
            if p.name not in (CORPUS, REGISTERS)]


def prepare(renderer: Renderer, tei: Path) -> str:
    """Hand the renderer the build date, the corpus and the edition tree; return the
    digest of what document pages depend on besides their own TEI."""
    date = build_date(tei)
    corpus_path = tei / CORPUS
    corpus = corpus_path.read_bytes() if corpus_path.is_file() else None
    renderer.set_context(build_date=date, edition=edition_tree(_documents(tei)))
    if corpus is not None:
        try:
            renderer.set_context(corpus=corpus)
        except EditionError:  # a broken corpus file: the index reports it
            corpus = None
    h = hashlib.sha256(date.encode())
    h.update(corpus or b"")
    return h.hexdigest()


def pages(renderer: Renderer, tei: Path) -> dict[str, bytes]:
    """map.html, restrictions.html and the files they and the search page bring."""
    registers = tei / REGISTERS
    if not registers.is_file():
        raise EditionError(registers, 0, 0, "no registers file: run `edition convert` first")
    edition = renderer.edition_root
    if edition is None:
        edition = edition_tree(_documents(tei))
    return cross_pages(renderer, registers.read_bytes(), edition, str(registers))


def cross_pages(renderer: Renderer, registers: bytes, edition: etree._Element,
                registers_name: str) -> dict[str, bytes]:
    """The cross-document pages from a registers file and an edition tree (also for
    `edition render FILE|DIR` of other projects' TEI), with the outlines' dataset and
    the search page's stemmer."""
    try:
        geography = geo.geography()
    except EditionError as exc:
        renderer.warnings.append(f"{exc}: the map is drawn without country outlines")
        geography = None
    out = renderer.render_cross_pages(registers, edition, geography, registers_name)
    out.update(geo.dataset_files())
    if STEMMER.is_file():
        out["assets/snowball-stemmers.js"] = STEMMER.read_bytes()
    return out
