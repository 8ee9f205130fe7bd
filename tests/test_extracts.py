"""The pages across documents in the render stage (edition/stages/extracts.py and
stages/render.py): each is made again when, and only when, what it reads changed, from
the documents' cached parts, and is then the page the whole documents give."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import TEI
from test_sitedata import VARIANT_A, VARIANT_C, VARIANT_REGISTERS

from edition import sitedata
from edition.crosspages import map_page, prepare
from edition.render import Renderer
from edition.sitedata import edition_tree
from edition.stages.common import document_files
from edition.stages.extracts import EXTRACTS_DIR, EXTRACTS_STATE
from edition.stages.render import render

EPOCH = "1700000000"
PAGES = ("persons.html", "places.html", "organisations.html", "timeline.html",
         "search.html", "map.html", "restrictions.html", "index.html")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small edition of variant documents, rendered once."""
    folder = tmp_path_factory.mktemp("extracts")
    tei = folder / "tei"
    tei.mkdir()
    (tei / "var-a.xml").write_text(VARIANT_A, encoding="utf-8")
    (tei / "var-c.xml").write_text(VARIANT_C, encoding="utf-8")
    (tei / "registers.xml").write_text(VARIANT_REGISTERS, encoding="utf-8")
    shutil.copy(TEI / "corpus.xml", tei / "corpus.xml")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # one build date for every run
        render(tei, folder / "site", progress=False)
    return folder


@pytest.fixture()
def edition(rendered: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    folder = tmp_path / "edition"
    shutil.copytree(rendered, folder)
    return folder


def _times(site: Path) -> dict[str, int]:
    return {name: (site / name).stat().st_mtime_ns for name in PAGES}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _remade(edition: Path) -> set[str]:
    """Render again: the pages across documents that were written."""
    site = edition / "site"
    before = _times(site)
    report = render(edition / "tei", site, progress=False)
    assert not report.problems, report.problems
    after = _times(site)
    return {name for name in PAGES if after[name] != before[name]}


def _whole(edition: Path) -> dict[str, bytes]:
    """The pages as the whole documents give them."""
    tei = edition / "tei"
    renderer = Renderer(stylesheets=())
    prepare(renderer, tei)
    whole = edition_tree((str(p), p.read_bytes()) for p in document_files(tei))
    registers = (tei / "registers.xml").read_bytes()
    pages = renderer.render_registers(registers, str(tei / "registers.xml"), whole)
    pages.update(renderer.render_site_pages((tei / "corpus.xml").read_bytes(),
                                            str(tei / "corpus.xml"), whole))
    pages.update(renderer.render_restrictions(whole))
    pages["map.html"] = map_page(renderer, tei / "registers.xml")["map.html"]
    return pages


def test_each_page_is_made_again_when_what_it_reads_changed(edition: Path) -> None:
    site, document = edition / "site", edition / "tei" / "var-a.xml"
    assert _remade(edition) == set()
    # words no page across documents reads: the document's own pages only
    reading = (site / "reading" / "var-a.html").read_bytes()
    _edit(document, "An item", "A changed item")
    assert _remade(edition) == set()
    assert (site / "reading" / "var-a.html").read_bytes() != reading
    # a new mention of a person: the persons' page, not the other registers' pages
    _edit(document, "A changed item", 'An item <persName ref="registers.xml#stalin">S</persName>')
    assert _remade(edition) == {"persons.html"}
    assert (site / "places.html").read_bytes() == _whole(edition)["places.html"]
    # of an organisation, named by <name> (its kind is the entry's, not the element's)
    _edit(document, "An item", 'An item of <name ref="registers.xml#kpa">the army</name>')
    assert _remade(edition) == {"organisations.html"}
    # a new dated event: the timeline
    _edit(document, "An item of", 'An item of <date when="1955-01-01">1955</date>')
    assert _remade(edition) == {"timeline.html"}
    # a new restriction (where no dated passage holds it): the restrictions page
    _edit(document, "<div><persName", '<div><note type="restriction">(secret)</note><persName')
    assert _remade(edition) == {"restrictions.html"}
    # a person in the registers file: the persons' page; the map reads only places
    _edit(edition / "tei" / "registers.xml", "<persName>Stalin", "<persName>J. Stalin")
    assert _remade(edition) == {"persons.html"}
    whole = _whole(edition)
    for name in ("map.html", "places.html", "organisations.html"):  # (as they were)
        assert (site / name).read_bytes() == whole[name], name
    # a place: the places' page and the map
    _edit(edition / "tei" / "registers.xml", "<placeName>Pyongyang", "<placeName>P'yŏngyang")
    assert _remade(edition) == {"places.html", "map.html"}
    # the registers file's header: every page it heads (the file read once for the
    # map's key and the register pages' keys)
    _edit(edition / "tei" / "registers.xml", "<title>Registers</title>",
          "<title>The registers</title>")
    reads: list[Path] = []

    def counted(path: Path) -> object:
        reads.append(path)
        return read(path)

    read = sitedata.read_registers
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sitedata, "read_registers", counted)
        assert _remade(edition) == {"persons.html", "places.html", "organisations.html",
                                    "map.html"}
    assert reads == [edition / "tei" / "registers.xml"]
    # and each page made again is the page the whole documents give
    whole = _whole(edition)
    for name, page in whole.items():
        assert (site / name).read_bytes() == page, name
    assert "P'yŏngyang".encode() in whole["map.html"]
    assert b"1955" in whole["timeline.html"] and b"(secret)" in whole["restrictions.html"]


def test_only_changed_documents_are_read_again(edition: Path) -> None:
    site, tei = edition / "site", edition / "tei"
    state = json.loads((site / EXTRACTS_STATE).read_text(encoding="utf-8"))
    assert sorted(state["documents"]) == ["var-a.xml", "var-c.xml"]
    parts = site / EXTRACTS_DIR
    kept = (parts / "var-c.xml.json").stat().st_mtime_ns
    _edit(tei / "var-a.xml", "An item", "A changed item")
    render(tei, site, progress=False)
    assert (parts / "var-c.xml.json").stat().st_mtime_ns == kept
    # a document removed takes its part along, and the pages lose it
    (tei / "var-c.xml").unlink()
    assert "timeline.html" in _remade(edition)
    assert not (parts / "var-c.xml.json").exists()
    assert b"var-c" not in (site / "timeline.html").read_bytes()


def test_a_lost_or_altered_cache_file_is_made_again(edition: Path) -> None:
    site, tei = edition / "site", edition / "tei"
    parts = site / EXTRACTS_DIR
    # altered: the page that reads it is made from the document, not from the file
    kept = json.loads((parts / "var-a.xml.json").read_text(encoding="utf-8"))
    kept["parts"]["events"] = kept["parts"]["events"].replace("In 1949", "In 1066")
    (parts / "var-a.xml.json").write_text(json.dumps(kept), encoding="utf-8")
    (site / "timeline.html").unlink()
    assert _remade_missing(edition)
    assert b"In 1066" not in (site / "timeline.html").read_bytes()
    assert (site / "timeline.html").read_bytes() == _whole(edition)["timeline.html"]
    # lost: made again when the document is read
    (parts / "var-a.xml.json").unlink()
    _edit(tei / "var-a.xml", "An item", 'An item of <date when="1956-01-01">1956</date>')
    assert "timeline.html" in _remade(edition)
    assert b"1956" in (site / "timeline.html").read_bytes()


def _remade_missing(edition: Path) -> bool:
    report = render(edition / "tei", edition / "site", progress=False)
    return not report.problems and (edition / "site" / "timeline.html").is_file()
