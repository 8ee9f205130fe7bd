"""The build's side of the scholar's pages: what the renderer needs before the documents
are rendered (build date, corpus for previous/next), and the pages that look across
documents (map, restrictions) with the files they bring (the country outlines and their
provenance, the stemmer the search page uses).

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
from edition.stages.common import CORPUS

STEMMER = NODE_MODULES / "snowball-stemmers" / "snowball-stemmers.js"


def prepare(renderer: Renderer, tei: Path) -> str:
    """Hand the renderer the build date and the corpus; return the digest of what
    document pages depend on besides their own TEI. (The pages across documents are
    each given the part of the edition they read: :mod:`edition.stages.extracts`.)"""
    date = build_date(tei)
    corpus_path = tei / CORPUS
    corpus = corpus_path.read_bytes() if corpus_path.is_file() else None
    renderer.set_context(build_date=date)
    if corpus is not None:
        try:
            renderer.set_context(corpus=corpus)
        except EditionError:  # a broken corpus file: the index reports it
            corpus = None
    h = hashlib.sha256(date.encode())
    h.update(corpus or b"")
    return h.hexdigest()


def map_page(renderer: Renderer, registers: Path) -> dict[str, bytes]:
    """map.html from the registers file, with the outlines' dataset and the search
    page's stemmer."""
    if not registers.is_file():
        raise EditionError(registers, 0, 0, "no registers file: run `edition convert` first")
    out = renderer.render_map(registers.read_bytes(), _geography(renderer), str(registers))
    out.update(_files())
    return out


def _geography(renderer: Renderer) -> etree._Element | None:
    try:
        return geo.geography()
    except EditionError as exc:
        renderer.warnings.append(f"{exc}: the map is drawn without country outlines")
        return None


def _files() -> dict[str, bytes]:
    """The outlines' dataset and provenance (the map), the stemmer (the search page)."""
    out = geo.dataset_files()
    if STEMMER.is_file():
        out["assets/snowball-stemmers.js"] = STEMMER.read_bytes()
    return out


def cross_pages(renderer: Renderer, registers: bytes, edition: etree._Element,
                registers_name: str) -> dict[str, bytes]:
    """The cross-document pages from a registers file and an edition tree (also for
    `edition render FILE|DIR` of other projects' TEI), with the outlines' dataset and
    the search page's stemmer."""
    out = renderer.render_cross_pages(registers, edition, _geography(renderer),
                                      registers_name)
    out.update(_files())
    return out
