"""The edition's version and build date, and byte-identical repeated builds."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from edition import paths
from edition.build import RENDER_STATE, render
from edition.release import build_date, edition_version


def test_the_build_date_comes_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date(tmp_path) == "2023-11-14"


def test_without_it_the_date_is_that_of_the_tei_files(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / "a.xml").write_text("<TEI/>")
    first = build_date(tmp_path)
    assert first and first == build_date(tmp_path)


def test_the_version_is_the_package_metadata() -> None:
    assert edition_version() == "0.1.0"


def test_two_builds_are_byte_identical(monkeypatch: pytest.MonkeyPatch,
                                       tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    one, two = tmp_path / "one", tmp_path / "two"
    assert not render(paths.TEI_DIR, one).problems
    assert not render(paths.TEI_DIR, two).problems
    names = sorted(str(p.relative_to(one)) for p in one.rglob("*") if p.is_file())
    assert names == sorted(str(p.relative_to(two)) for p in two.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(one, two, [n for n in names if n != RENDER_STATE],
                                           shallow=False)
    assert mismatch == [] and errors == []
    assert "2023-11-14" in (one / "reading" / "scr-070.html").read_text("utf-8")
