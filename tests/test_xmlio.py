"""edition/xmlio.py's flush of files written without one: a few files (a build that
changed one document) are flushed each with its folder, not the whole machine's disks;
many at once, with one flush of each file system they are on (syncfs), or of every
file system (os.sync) where that cannot be had."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from edition import xmlio


@pytest.fixture
def flushes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"fsync": [], "sync": []}
    real_open = os.open
    opened: dict[int, str] = {}

    def spy_open(name: str, flags: int, *args: int, **kwargs: object) -> int:
        fd = real_open(name, flags, *args, **kwargs)  # type: ignore[arg-type]
        opened[fd] = str(name)
        return fd

    monkeypatch.setattr(os, "open", spy_open)
    monkeypatch.setattr(os, "fsync", lambda fd: seen["fsync"].append(opened.get(fd, "?")))
    monkeypatch.setattr(os, "sync", lambda: seen["sync"].append("all"))
    monkeypatch.setattr(xmlio, "_unflushed", set())
    return seen


def test_a_few_files_are_flushed_each_with_their_folder(
        tmp_path: Path, flushes: dict[str, list[str]]) -> None:
    page, other = tmp_path / "reading" / "a.html", tmp_path / "b.html"
    xmlio.write_bytes_atomic(page, b"a", sync=False)
    worker_page = tmp_path / "diplomatic" / "c.html"  # as a worker writes it
    worker_page.parent.mkdir()
    worker_page.write_bytes(b"c")
    xmlio.write_bytes_atomic(other, b"b")  # flushed when written: not again
    assert len(flushes["fsync"]) == 1
    flushes["fsync"].clear()
    xmlio.flush_written([worker_page])
    assert flushes["sync"] == []
    assert sorted(flushes["fsync"]) == sorted(
        [str(page), str(worker_page), str(page.parent), str(worker_page.parent)])
    flushes["fsync"].clear()
    xmlio.flush_written()  # nothing left to flush
    assert flushes["fsync"] == []


def _recording(told: list[int]) -> Callable[[int], int]:
    """A syncfs that notes the device of the folder it is given, and succeeds."""
    def syncfs(fd: int) -> int:
        told.append(os.fstat(fd).st_dev)
        return 0
    return syncfs


def test_many_files_are_flushed_at_once(tmp_path: Path, flushes: dict[str, list[str]],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """One syncfs for the file system the files are on, however many folders they are
    in; not os.sync, which would flush every disk of the machine."""
    monkeypatch.setattr(xmlio, "FLUSH_ONE_BY_ONE", 3)
    told: list[int] = []
    monkeypatch.setattr(xmlio, "_syncfs", lambda: _recording(told))
    for n in range(4):
        xmlio.write_bytes_atomic(tmp_path / f"f{n % 2}" / f"{n}.html", b"x", sync=False)
    xmlio.flush_written()
    assert told == [os.stat(tmp_path).st_dev]
    assert flushes["sync"] == [] and flushes["fsync"] == []


def test_many_files_on_two_file_systems_flush_each(
        tmp_path: Path, flushes: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    shm = Path("/dev/shm")
    if not shm.is_dir() or os.stat(shm).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("no second file system to write to")
    monkeypatch.setattr(xmlio, "FLUSH_ONE_BY_ONE", 1)
    told: list[int] = []
    monkeypatch.setattr(xmlio, "_syncfs", lambda: _recording(told))
    other = Path(tempfile.mkdtemp(dir=shm))
    try:
        for folder in (tmp_path, other):
            for n in range(2):
                xmlio.write_bytes_atomic(folder / f"{n}.html", b"x", sync=False)
        xmlio.flush_written()
    finally:
        shutil.rmtree(other)
    assert sorted(told) == sorted([os.stat(tmp_path).st_dev, os.stat(shm).st_dev])
    assert flushes["sync"] == []


@pytest.mark.parametrize("syncfs", [None, lambda fd: -1], ids=["not to be had", "fails"])
def test_many_files_flush_every_file_system_without_syncfs(
        tmp_path: Path, flushes: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch,
        syncfs: object) -> None:
    monkeypatch.setattr(xmlio, "FLUSH_ONE_BY_ONE", 1)
    monkeypatch.setattr(xmlio, "_syncfs", lambda: syncfs)
    for n in range(2):
        xmlio.write_bytes_atomic(tmp_path / f"{n}.html", b"x", sync=False)
    xmlio.flush_written()
    assert flushes["sync"] == ["all"] and flushes["fsync"] == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="syncfs is Linux's")
def test_the_c_librarys_syncfs_flushes_the_file_system(
        tmp_path: Path, flushes: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real syncfs (not a stand-in) answers 0 here, so nothing falls back to
    os.sync; a folder removed before the flush is passed over."""
    monkeypatch.setattr(xmlio, "FLUSH_ONE_BY_ONE", 1)
    for n in range(2):
        xmlio.write_bytes_atomic(tmp_path / f"{n}.html", b"x", sync=False)
    gone = tmp_path / "gone" / "a.html"
    xmlio.write_bytes_atomic(gone, b"x", sync=False)
    gone.unlink()
    gone.parent.rmdir()
    assert xmlio._syncfs() is not None
    xmlio.flush_written()
    assert flushes["sync"] == [] and flushes["fsync"] == []


def test_a_file_handed_over_is_left_to_the_process_that_takes_it(
        tmp_path: Path, flushes: dict[str, list[str]]) -> None:
    page = tmp_path / "a.html"
    xmlio.write_bytes_atomic(page, b"a", sync=False)
    xmlio.handed_over([page])
    xmlio.flush_written()
    assert flushes["fsync"] == []


def test_a_file_removed_before_the_flush_is_no_error(
        tmp_path: Path, flushes: dict[str, list[str]]) -> None:
    page = tmp_path / "gone" / "a.html"
    xmlio.write_bytes_atomic(page, b"a", sync=False)
    page.unlink()
    page.parent.rmdir()
    xmlio.flush_written()
    assert flushes["fsync"] == []


def _write_page(path: Path) -> str:
    xmlio.write_bytes_atomic(path, b"p", sync=False)
    return "made"


def test_a_process_aside_flushes_what_it_wrote_before_it_answers(
        tmp_path: Path, flushes: dict[str, list[str]]) -> None:
    """The published files, the search index and the extracts are written in processes
    aside (pool.aside): each flushes its own files, which the calling process does not
    know of, before it gives its result."""
    from edition.stages import pool

    page = tmp_path / "api" / "a.json"
    assert pool._flushed_after(_write_page, page) == "made"
    assert str(page) in flushes["fsync"] and str(page.parent) in flushes["fsync"]


def test_a_stage_cache_is_never_flushed(tmp_path: Path, flushes: dict[str, list[str]]) -> None:
    from edition.stages.common import load_json, save_json

    state = tmp_path / ".cache" / "stage.json"
    save_json(state, {"files": {"a.xml": [1, 2]}})
    xmlio.flush_written()
    assert flushes["fsync"] == [] and flushes["sync"] == []
    assert load_json(state) == {"files": {"a.xml": [1, 2]}}
    state.write_bytes(b'{"files": {"a.x')  # as a crash may leave it: the work is done again
    assert load_json(state) == {}


def test_elements_dropped_as_read_leave_the_rest_as_a_whole_read_gives_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """parse_bytes with ``drop``: the elements it is true of are left out (read in
    pieces, so that they never stand whole in memory), the rest is the same tree with
    the same lines; what is refused or not well-formed is reported as without it."""
    from lxml import etree

    from edition.errors import EditionError

    monkeypatch.setattr(xmlio, "_PIECE", 7)  # many pieces, cut anywhere
    text = (b'<r>\n <keep n="1"><a>x</a>tail</keep>\n <gone><a>y<b/></a></gone>\n'
            b' <keep n="2">\xc3\xa9<gone/></keep>\n</r>\n')

    def drop(element: etree._Element) -> bool:
        return element.tag == "gone" or element.getparent().tag == "gone"

    read = xmlio.parse_bytes(text, "t.xml", drop).getroot()
    whole = xmlio.parse_bytes(text, "t.xml").getroot()
    for gone in whole.findall(".//gone"):
        gone.getparent().remove(gone)
    assert [(e.tag, e.sourceline) for e in read.iter()] == [
        (e.tag, e.sourceline) for e in whole.iter()] == [
        ("r", 1), ("keep", 2), ("a", 2), ("keep", 4)]
    assert read[0].findtext("a") == "x" and read[0][0].tail == "tail"
    assert read[1].text == "é"
    for bad in (b"<r><a></r>", b'<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>', b"  "):
        with pytest.raises(EditionError) as plain:
            xmlio.parse_bytes(bad, "t.xml")
        with pytest.raises(EditionError) as dropping:
            xmlio.parse_bytes(bad, "t.xml", drop)
        assert str(dropping.value) == str(plain.value)


def test_an_atomic_write_goes_through_a_named_temporary_file(tmp_path: Path) -> None:
    """The temporary file is .NAME.PID-NUMBER.tmp beside the file (the pattern the stages
    take out after a stopped run); one left by an earlier process of the same number is
    skipped and left alone; a missing folder is made; a write that fails leaves the file
    as it was and no temporary file."""
    import copy

    page = tmp_path / "api" / "dts" / "a.json"
    upcoming = next(copy.copy(xmlio._temporaries))  # the number the next write takes
    page.parent.mkdir(parents=True)
    left = page.parent / f".a.json.{os.getpid()}-{upcoming}.tmp"
    left.write_bytes(b"left by a stopped run")
    xmlio.write_bytes_atomic(page, b"{}", sync=False)
    assert page.read_bytes() == b"{}"
    assert left.read_bytes() == b"left by a stopped run"
    assert sorted(p.name for p in page.parent.iterdir()) == [left.name, "a.json"]
    left.unlink()

    deeper = tmp_path / "new" / "folder" / "b.html"
    xmlio.write_bytes_atomic(deeper, b"<html/>", sync=False)
    assert deeper.read_bytes() == b"<html/>"

    with pytest.raises(RuntimeError), xmlio.atomic_open(page, sync=False) as handle:
        handle.write(b"half")
        raise RuntimeError("stopped")
    assert page.read_bytes() == b"{}"
    assert [p.name for p in page.parent.iterdir()] == ["a.json"]
