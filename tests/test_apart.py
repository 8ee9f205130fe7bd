"""Whole-edition work too large for a worker, done in processes of its own
(edition/stages/apart.py): where it runs, and that the output is the same bytes as when
one process makes it all."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS

from edition.cli import main
from edition.errors import EditionError
from edition.stages import apart, pool

SMALL_SEEDS = ("000_6a638e023e7f4305.txt", "002_860bb7def60b56c2.txt",
               "003_6c36276a20248a80.txt", "004_6ce8609d71d8dad1.txt")


def _piece(name: str, fail: str = "") -> apart.Made:
    """A product's piece: its page names the process that made it."""
    if name == fail:
        return EditionError("tei/registers.xml", 3, 0, f"{name} failed")
    return {f"{name}.html": str(os.getpid()).encode()}, [f"x:1:0: warning: said by {name}",
                                                         "x:2:0: warning: said by all"]


def test_each_piece_is_made_in_a_process_of_its_own_in_a_session_and_here_without() -> None:
    pieces = [("persons",), ("places",), ("organisations",)]
    with pool.session(2):
        pages, warnings = apart.in_pieces(_piece, (), pieces).result()  # type: ignore[misc]
        failed = apart.in_pieces(_piece, (), [(n, "places") for (n,) in pieces]).result()
    assert sorted(pages) == ["organisations.html", "persons.html", "places.html"]
    pids = {int(pid) for pid in pages.values()}
    assert len(pids) == 3 and os.getpid() not in pids
    assert warnings == ["x:1:0: warning: said by persons", "x:2:0: warning: said by all",
                        "x:1:0: warning: said by places", "x:1:0: warning: said by organisations"]
    assert isinstance(failed, EditionError) and "places failed" in str(failed)
    here, _ = apart.in_pieces(_piece, (), pieces).result()  # type: ignore[misc]
    assert {int(pid) for pid in here.values()} == {os.getpid()}  # no session: made here


def test_large_counts_files_and_sizes_and_is_false_without_a_session(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.xml"
    big.write_bytes(b"x" * 600)
    monkeypatch.setattr(apart, "APART_BYTES", 1000)
    assert not apart.large(big, 2000)  # no session: everything is made here
    with pool.session(2):
        assert apart.large(big, 401)
        assert not apart.large(big, 400)
        assert not apart.large(tmp_path / "missing.xml", 999)
        assert apart.large(1001)


def test_warnings_of_pieces_read_as_those_of_the_product_made_whole() -> None:
    """render.py counts the repeats of one unhandled element on the first line; pieces
    each count their own: merged, the counts add up on the first piece's line."""
    unhandled = "tei/registers.xml:{}:0: warning: unhandled element <foo> at /TEI: shown"
    parts = [[unhandled.format(5) + " (and 2 more <foo> elements)", "a"],
             ["a", unhandled.format(9), "b"],
             [unhandled.format(12) + " (and 1 more <foo> elements)"]]
    assert apart.merge_warnings(parts) == [
        unhandled.format(5) + " (and 5 more <foo> elements)", "a", "b"]
    assert apart.merge_warnings([[unhandled.format(5)], []]) == [unhandled.format(5)]


def _edition(work: Path) -> Path:
    (work / "seeds").mkdir(parents=True)
    shutil.copy(ROOT / "edition.yml", work / "edition.yml")
    shutil.copytree(ROOT / "registers", work / "registers")
    for name in SMALL_SEEDS:
        shutil.copy(SEEDS / name, work / "seeds" / name)
    return work


def _build(work: Path, jobs: str) -> Any:
    return CliRunner(env={"EDITION_ROOT": str(work)}).invoke(
        main, ["build", "--jobs", jobs, "--seeds", str(work / "seeds"),
               "--tei", str(work / "tei"), "--out", str(work / "site")])


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(folder).parts}


@pytest.mark.parametrize("beside", [False, True])
def test_a_build_whose_registers_are_large_makes_them_apart_with_the_same_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beside: bool) -> None:
    """With every input counted large: the register pages are made one per process of
    its own, the timeline and the map each in one, the registers file is validated in
    one (or, when the build validates its few documents in a process aside, in that
    one: ``beside``); TEI, site, registers and warnings are those of a build in one
    process."""
    from edition.stages import validate_beside

    if not beside:
        monkeypatch.setattr(validate_beside, "BESIDE_FILES", 0)
    one = _edition(tmp_path / "one")
    result_one = _build(one, "1")
    assert result_one.exit_code == 0, result_one.output
    asides: list[tuple[str, ...]] = []
    real_aside = pool.aside

    def spy(function, *args):  # type: ignore[no-untyped-def]
        if function.__name__ == "write_product_apart":
            asides.append((args[0], *[a for a in args[5:] if isinstance(a, str)]))
        elif function.__name__ == "_check_alone":
            asides.append(("validate", *[Path(p).name for p, _ in args[1][0]]))
        elif function.__name__ == "_validate_few":
            asides.append(("validate beside",))
        return real_aside(function, *args)

    monkeypatch.setattr(pool, "aside", spy)
    monkeypatch.setattr(apart, "APART_BYTES", 0)
    two = _edition(tmp_path / "two")
    result_two = _build(two, "2")
    assert result_two.exit_code == 0, result_two.output
    for made in [("registers", "persons"), ("registers", "places"),
                 ("registers", "organisations"), ("timeline-page",), ("map",),
                 ("validate beside",) if beside else ("validate", "registers.xml")]:
        assert made in asides, (made, asides)
    for part in ("tei", "site", "registers"):
        assert _tree(one / part) == _tree(two / part), part

    def warnings(output: str, work: Path) -> list[str]:
        return sorted(line.replace(str(work), "") for line in output.splitlines()
                      if ": warning: " in line)

    assert warnings(result_one.output, one) == warnings(result_two.output, two)


def test_a_changed_person_makes_the_persons_page_again_apart_and_no_other_register_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With every input counted large, an editor's change to a person of the registers
    (a note added) makes the persons' page again, in a process of its own, and not the
    places' or the organisations' pages (nor the map): the site is then that of a build
    from scratch in one process."""
    monkeypatch.setattr(apart, "APART_BYTES", 0)
    two = _edition(tmp_path / "two")
    assert _build(two, "2").exit_code == 0
    asides: list[tuple[str, ...]] = []
    real_aside = pool.aside

    def spy(function, *args):  # type: ignore[no-untyped-def]
        if function.__name__ == "write_product_apart":
            asides.append((args[0], *[a for a in args[5:] if isinstance(a, str)]))
        return real_aside(function, *args)

    monkeypatch.setattr(pool, "aside", spy)
    entry, noted = ("  forms: [Zhu De, ZhuDe, Chu Teh]\n",
                    "  forms: [Zhu De, ZhuDe, Chu Teh]\n  note: A note added.\n")
    for work in (two, _edition(tmp_path / "one")):
        persons = work / "registers" / "persons.yml"
        text = persons.read_text(encoding="utf-8")
        assert entry in text
        persons.write_text(text.replace(entry, noted, 1), encoding="utf-8")
    result = _build(two, "2")
    assert result.exit_code == 0, result.output
    assert [made for made in asides if made[0] in ("registers", "map")] == [
        ("registers", "persons")], asides
    monkeypatch.setattr(pool, "aside", real_aside)
    assert _build(tmp_path / "one", "1").exit_code == 0
    assert b"A note added." in (two / "site" / "persons.html").read_bytes()
    for part in ("tei", "site", "registers"):  # (tei/.generated.json: the history)
        assert ({k: v for k, v in _tree(tmp_path / "one" / part).items()
                 if k != ".generated.json"}
                == {k: v for k, v in _tree(two / part).items() if k != ".generated.json"}), part
