"""xslt/pages.xsl: the seven pages across documents (index, search, timeline, registers,
map, restrictions, corrections) in one stylesheet, compiled once; each page's stylesheet of its own
(xslt/index.xsl, …: the same templates with common.xsl) gives the same pages, byte for
byte, with the same warnings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import FILES, ROOT, renderer_alone

from edition import geo, paths, sitedata
from edition.corrections_page import corpus_of
from edition.namespaces import TEI_NS
from edition.register_kinds import REGISTER_PAGES
from edition.render import PAGES, Renderer
from edition.xmlio import parse_file

TEI = ROOT / "tei"
DOCUMENTS = sorted(p for p in TEI.glob("*.xml") if p.name not in ("corpus.xml", "registers.xml"))
# the test's own registers file and the hostile TEI (script in links, names, notes)
HOSTILE = sorted((FILES / "hostile").glob("*.xml"))


# each page's own stylesheet (index.xsl, …), not told which page it is
_Alone = renderer_alone(PAGES, "PAGE_PARAMETER")


def _edition(paths_: list[Path]) -> Any:
    return sitedata.edition_tree((p.name, p.read_bytes()) for p in paths_)


@pytest.fixture(scope="module")
def renderers() -> tuple[Renderer, Renderer]:
    merged, alone = Renderer(stylesheets=()), _Alone(stylesheets=())
    for renderer in (merged, alone):
        renderer.set_context(build_date="2026-01-01",
                             corpus=(TEI / "corpus.xml").read_bytes(),
                             edition=_edition(DOCUMENTS))
    return merged, alone


def _pages(renderer: Renderer, registers: Path, documents: list[Path]) -> dict[str, Any]:
    corpus = (TEI / "corpus.xml").read_bytes()
    data = registers.read_bytes()
    edition = _edition(documents)
    made: dict[str, Any] = {}
    made.update(renderer.render_index(corpus))
    made.update(renderer.render_site_pages(corpus, edition=edition))
    made.update(renderer.render_registers(data, str(registers), edition=edition))
    made.update(renderer.render_map(data, geo.geography(), str(registers)))
    made.update(renderer.render_restrictions(edition))
    made["timeline shell"] = renderer.render_timeline_shell(corpus, "tei/corpus.xml", 3)
    root, node = renderer.registers_source(data, str(registers))
    for register in REGISTER_PAGES:
        made[f"{register} shell"] = renderer.render_register_shell(node, str(registers),
                                                                   register)
        entries = root.xpath("count(//t:div[@type = $r]//*[self::t:person or self::t:place"
                             " or self::t:org])", namespaces={"t": TEI_NS}, r=register)
        made[f"{register} items"] = renderer.render_register_items(
            node, register, range(1, int(entries) + 1), edition)
    made["event items"] = renderer.render_event_items(edition)
    made["corrections.html"] = renderer.render_corrections(
        corpus_of(parse_file(path).getroot() for path in documents), "the documents")
    made["warnings"] = renderer.take_warnings()
    return made


def test_the_pages_are_compiled_once_in_one_stylesheet(
        renderers: tuple[Renderer, Renderer]) -> None:
    merged, _ = renderers
    _pages(merged, TEI / "registers.xml", DOCUMENTS)
    assert list(merged._executables) == ["pages"]
    assert (paths.XSLT_DIR / "pages.xsl").is_file()


@pytest.mark.parametrize(("registers", "documents"), [
    (TEI / "registers.xml", DOCUMENTS),
    (FILES / "registers" / "registers.xml", DOCUMENTS + HOSTILE),
], ids=["edition", "test-registers-and-hostile"])
def test_pages_in_one_give_the_pages_of_each_alone(
        registers: Path, documents: list[Path],
        renderers: tuple[Renderer, Renderer]) -> None:
    merged, alone = renderers
    together = _pages(merged, registers, documents)
    apart = _pages(alone, registers, documents)
    assert together == apart
    for name in ("index.html", "search.html", "timeline.html", "persons.html",
                 "places.html", "organisations.html", "map.html", "restrictions.html",
                 "corrections.html"):
        assert b"<html" in together[name], name
    assert len(together["event items"][0]) > 0
    assert sorted(alone._executables) == sorted({*PAGES})


def test_a_renderer_made_alone_compiles_each_page_s_own_stylesheet(
        renderers: tuple[Renderer, Renderer]) -> None:
    """``Renderer(alone=True)``, as a process apart that makes one page has it
    (edition.stages.render.write_product_apart): each page from its own stylesheet,
    told which page it is all the same, gives the pages of the one stylesheet."""
    merged, _ = renderers
    own = Renderer(stylesheets=(), alone=True)
    own.set_context(build_date="2026-01-01", corpus=(TEI / "corpus.xml").read_bytes(),
                    edition=_edition(DOCUMENTS))
    registers = own.render_registers((TEI / "registers.xml").read_bytes(),
                                     str(TEI / "registers.xml"))
    assert list(own._executables) == ["registers"], "the registers page's stylesheet only"
    assert registers == merged.render_registers((TEI / "registers.xml").read_bytes(),
                                                str(TEI / "registers.xml"))
    assert _pages(own, TEI / "registers.xml", DOCUMENTS) == _pages(
        merged, TEI / "registers.xml", DOCUMENTS)
    assert sorted(own._executables) == sorted({*PAGES})
