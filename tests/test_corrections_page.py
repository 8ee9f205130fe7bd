"""The corrections page made from each document's extract (edition/corrections_page.py)
and kept by the render stage (edition/stages/corrections.py): the page from the
extracts is the page from the whole documents, and it is made again when, and only
when, what it shows changed."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from lxml import html

from edition import corrections_page as cp
from edition.paths import XSLT_DIR
from edition.stages import corrections as stage
from edition.stages.common import Digests, document_files
from edition.xmlio import parse_file
from tests.conftest import FILES, TEI

VARIANTS = FILES / "corrections"
HOSTILE = FILES / "hostile"


def _roots(paths: list[Path]) -> list[Any]:
    return [parse_file(p).getroot() for p in paths]


def _by_extracts(paths: list[Path]) -> bytes:
    extracts = [e for root in _roots(paths) if (e := cp.extract(root)) is not None]
    return cp.page_of_extracts(extracts)[cp.PAGE]


@pytest.mark.parametrize("folder", [TEI, VARIANTS, HOSTILE], ids=["edition", "variants",
                                                                 "hostile"])
def test_the_page_from_the_extracts_is_the_page_from_the_documents(folder: Path) -> None:
    paths = document_files(folder)
    whole = cp.corrections_page_of(_roots(paths))[cp.PAGE]
    assert _by_extracts(paths) == whole
    if folder == VARIANTS:  # the variants do show on the page
        rows = html.fromstring(whole).xpath("//tbody/tr")
        assert len(rows) == 8  # all but the abbreviation and the bracketed forms
        assert "Second of two" not in whole.decode() and "First of two" in whole.decode()


def test_a_document_without_corrections_gives_no_extract() -> None:
    assert cp.extract(parse_file(VARIANTS / "plain.xml").getroot()) is None
    extract = cp.extract(parse_file(VARIANTS / "variety.xml").getroot())
    assert extract is not None
    assert b"Before." not in extract and b"revisionDesc" not in extract
    assert b"Ann Editor" in extract and b"Khrushchev" in extract


@pytest.fixture()
def tei(tmp_path: Path) -> Path:
    folder = tmp_path / "tei"
    folder.mkdir()
    for name in ("scr-070.xml", "scr-073.xml", "scr-080.xml", "corpus.xml"):
        shutil.copy(TEI / name, folder / name)
    shutil.copy(VARIANTS / "variety.xml", folder / "variety.xml")
    return folder


def _render(tei: Path, out: Path) -> None:
    problems: list[Any] = []
    stage.render_corrections(tei, out, XSLT_DIR, Digests(), problems)
    assert problems == []


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_page_is_made_again_when_and_only_when_what_it_shows_changed(
        tei: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    made: list[int] = []
    read: list[str] = []
    page_of, extract_of = stage.page_of_extracts, stage._extract

    def counting_page(*args: Any) -> dict[str, bytes]:
        made.append(1)
        return page_of(*args)

    def counting_extract(path: Path) -> str | None:
        read.append(path.name)
        return extract_of(path)

    monkeypatch.setattr(stage, "page_of_extracts", counting_page)
    monkeypatch.setattr(stage, "_extract", counting_extract)
    _render(tei, out)
    assert len(made) == 1 and len(read) == 4
    page = out / cp.PAGE

    def scratch() -> bytes:
        return cp.corrections_page(tei)[cp.PAGE]

    assert page.read_bytes() == scratch()
    # nothing changed: nothing read, nothing made
    made.clear()
    read.clear()
    _render(tei, out)
    assert made == [] and read == []
    # an edit of the text outside the corrections: that document read, the page left
    _edit(tei / "variety.xml", "Before.", "Before this.")
    made.clear()
    read.clear()
    stamp = page.stat().st_mtime_ns
    _render(tei, out)
    assert read == ["variety.xml"] and made == [] and page.stat().st_mtime_ns == stamp
    # a correction added: the page made again, as from scratch
    _edit(tei / "variety.xml", "Before this.",
          "Before <choice><sic>thsi</sic><corr>this</corr></choice>.")
    made.clear()
    read.clear()
    _render(tei, out)
    assert read == ["variety.xml"] and made == [1]
    assert page.read_bytes() == scratch() and b"thsi" in page.read_bytes()
    # a reason's wording changed in the header: shown on the page
    _edit(tei / "variety.xml", "Errors of transmission", "Errors in transmission")
    made.clear()
    _render(tei, out)
    assert made == [1] and b"Errors in transmission" in page.read_bytes()
    # a document with corrections taken away: gone from the page
    (tei / "variety.xml").unlink()
    made.clear()
    read.clear()
    _render(tei, out)
    assert made == [1] and read == []
    assert page.read_bytes() == scratch() and b"thsi" not in page.read_bytes()


def test_a_missing_page_is_made_again(tei: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    _render(tei, out)
    first = (out / cp.PAGE).read_bytes()
    (out / cp.PAGE).unlink()
    _render(tei, out)
    assert (out / cp.PAGE).read_bytes() == first


def test_in_a_session_the_page_is_made_in_a_worker(tei: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's own process does not start Saxon for it (its heap would stay to the
    end of the command); the page is the one made here without a session."""
    from edition.stages import pool
    from edition.stages import render as stage

    asked: list[str] = []
    real = stage.any_pages_renderer
    monkeypatch.setattr(stage, "any_pages_renderer",
                        lambda xslt_dir: asked.append(xslt_dir) or real(xslt_dir))
    _render(tei, tmp_path / "here")
    assert asked, "without a session, made in this process"
    asked.clear()
    with pool.session(2):
        _render(tei, tmp_path / "worker")
    assert asked == []
    assert (tmp_path / "worker" / cp.PAGE).read_bytes() == (
        tmp_path / "here" / cp.PAGE).read_bytes()
