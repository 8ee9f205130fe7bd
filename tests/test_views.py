"""xslt/views.xsl: both views in one stylesheet, compiled once; xslt/reading.xsl and
xslt/diplomatic.xsl, each view alone (views.xsl with its view fixed), give its pages.
(When the views were split out of reading.xsl and diplomatic.xsl, the site and 295
pages of `edition render` were compared byte for byte with the stylesheets before.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FILES, ROOT, renderer_alone, shared

from edition import paths
from edition.render import VIEWS, Renderer

# the edition's documents (a collection's and an e-dossier's among them), the tests'
# sample and hostile files
SAMPLES = [p for p in sorted((ROOT / "tei").glob("*.xml"))
           if p.name not in ("corpus.xml", "registers.xml")]
SAMPLES += [FILES / "sample.xml", *sorted((FILES / "hostile").glob("*.xml"))]


# each view's own stylesheet (reading.xsl, diplomatic.xsl), not told which view it is
_Alone = renderer_alone(VIEWS, "VIEW_PARAMETER", stripped=VIEWS)


@pytest.fixture(scope="module")
def renderers() -> tuple[Renderer, Renderer]:
    corpus = (ROOT / "tei" / "corpus.xml").read_bytes()
    merged, alone = Renderer(stylesheets=VIEWS), _Alone(stylesheets=VIEWS)
    for renderer in (merged, alone):
        renderer.set_context(build_date="2026-01-01", corpus=corpus)
    return merged, alone


def test_the_views_are_compiled_once_in_one_stylesheet() -> None:
    renderer = Renderer(stylesheets=VIEWS)
    assert list(renderer._executables) == ["views"]
    assert (paths.XSLT_DIR / "views.xsl").is_file()


def _same(path: Path, renderers: tuple[Renderer, Renderer], volumes: bool = False) -> None:
    merged, alone = renderers
    data = path.read_bytes()
    pages = merged.render_document(data, str(path), volumes=volumes)
    assert pages == alone.render_document(data, str(path), volumes=volumes)
    assert len([page for page in pages if page.endswith(".html")]) >= 2
    assert merged.take_warnings() == alone.take_warnings()


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_both_views_in_one_give_the_pages_of_each_alone(
        path: Path, renderers: tuple[Renderer, Renderer]) -> None:
    _same(path, renderers)


@pytest.mark.parametrize("parts", [("frus", "frus1894Nicaragua.xml"),
                                   ("tei-samples", "schnitzler", "L00001.xml")],
                         ids=lambda parts: parts[-1])
def test_other_projects_tei_gives_the_same_pages_too(
        parts: tuple[str, ...], renderers: tuple[Renderer, Renderer]) -> None:
    """A FRUS volume (a page per document as well) and a letter of another edition."""
    _same(shared("reference", *parts), renderers, volumes=True)
