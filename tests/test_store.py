"""Edits are never lost: hand-edited TEI is kept, --force keeps a backup, and an
interrupted run leaves every file whole (old or new)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS, descendants

from edition import xmlio
from edition.build import convert
from edition.cli import main
from edition.store import GeneratedStore, Outcome
from edition.xmlio import parse_file

DOC = "wcda-114177.xml"


def _seeds(tmp_path: Path, *names: str) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in names or [p.name for p in SEEDS.glob("*.txt")]:
        shutil.copy(SEEDS / name, seeds)
    shutil.copy(SEEDS / "manifest.yml", seeds)
    return seeds


def _edit(path: Path) -> bytes:
    data = path.read_bytes().replace(b"approve the preceding opinions",
                                     b"approve the preceding opinions (edited)")
    assert b"(edited)" in data
    path.write_bytes(data)
    return data


def test_hand_edited_file_is_kept_and_reported(tmp_path: Path) -> None:
    seeds, tei = _seeds(tmp_path, "003_6c36276a20248a80.txt"), tmp_path / "tei"
    runner = CliRunner()
    assert runner.invoke(main, ["convert", "--seeds", str(seeds), "--tei", str(tei)]).exit_code == 0
    edited = _edit(tei / DOC)
    result = runner.invoke(main, ["convert", "--seeds", str(seeds), "--tei", str(tei)])
    assert result.exit_code == 0
    assert f"{tei / DOC}: edited by hand since it was generated: kept" in result.output
    assert (tei / DOC).read_bytes() == edited


def test_a_source_with_a_file_kept_as_edited_is_not_converted_again(tmp_path: Path) -> None:
    """Once a file of a source is kept as edited by hand, the next run does not convert
    the source again only to keep the same edit (an editor who corrects one document of
    the collection would pay for the whole collection on every build); it still tells
    the editor the file is kept. Another edit, or a changed source, is compared again."""
    seeds, tei = _seeds(tmp_path, "003_6c36276a20248a80.txt"), tmp_path / "tei"
    convert(seeds, tei, say=lambda _: None)
    edited = _edit(tei / DOC)
    first = convert(seeds, tei, say=lambda _: None)
    assert first.converted == ["003_6c36276a20248a80.txt"]
    assert first.outcomes[DOC] is Outcome.KEPT_EDITED
    messages: list[str] = []
    again = convert(seeds, tei, say=messages.append)
    assert again.converted == [] and again.skipped == ["003_6c36276a20248a80.txt"]
    assert again.outcomes[DOC] is Outcome.KEPT_EDITED
    assert messages == [f"{tei / DOC}: edited by hand since it was generated: kept as it is "
                        "(use --force to regenerate it; a backup of the edited file is kept)"]
    assert (tei / DOC).read_bytes() == edited
    # edited once more: compared again, and still kept
    (tei / DOC).write_bytes(edited.replace(b"(edited)", b"(edited twice)"))
    third = convert(seeds, tei, say=lambda _: None)
    assert third.converted == ["003_6c36276a20248a80.txt"]
    assert third.outcomes[DOC] is Outcome.KEPT_EDITED
    assert b"(edited twice)" in (tei / DOC).read_bytes()
    # the source changed: converted again; the edit is kept, the other files follow it
    seed = seeds / "003_6c36276a20248a80.txt"
    seed.write_bytes(seed.read_bytes().replace(b"Korea", b"Choson"))
    fourth = convert(seeds, tei, say=lambda _: None)
    assert fourth.converted == ["003_6c36276a20248a80.txt"]
    assert fourth.outcomes[DOC] is Outcome.KEPT_EDITED
    assert b"(edited twice)" in (tei / DOC).read_bytes()
    assert Outcome.UPDATED in fourth.outcomes.values()
    # the edit undone by --force: from then on an unchanged source, nothing kept
    convert(seeds, tei, force=True, say=lambda _: None)
    fifth = convert(seeds, tei, say=lambda _: None)
    assert fifth.converted == [] and fifth.outcomes[DOC] is Outcome.UNCHANGED


def test_force_regenerates_after_a_backup(tmp_path: Path) -> None:
    seeds, tei = _seeds(tmp_path, "003_6c36276a20248a80.txt"), tmp_path / "tei"
    convert(seeds, tei, say=lambda _: None)
    original = (tei / DOC).read_bytes()
    edited = _edit(tei / DOC)
    messages: list[str] = []
    report = convert(seeds, tei, force=True, say=messages.append)
    assert report.outcomes[DOC] is Outcome.REPLACED_EDITED
    assert (tei / DOC).read_bytes() == original
    backups = list((tei / ".backup").glob("wcda-114177.*.xml"))
    assert [b.read_bytes() for b in backups] == [edited]
    assert str(backups[0]) in messages[0]


def test_a_file_nobody_generated_is_protected(tmp_path: Path) -> None:
    """A TEI file already there but unknown to the record counts as edited."""
    seeds, tei = _seeds(tmp_path, "003_6c36276a20248a80.txt"), tmp_path / "tei"
    tei.mkdir()
    (tei / DOC).write_bytes(b"<TEI xmlns='http://www.tei-c.org/ns/1.0'/>\n")
    report = convert(seeds, tei, say=lambda _: None)
    assert report.outcomes[DOC] is Outcome.KEPT_EDITED


def test_interrupted_conversion_leaves_every_file_whole(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    seeds, tei = _seeds(tmp_path), tmp_path / "tei"
    convert(seeds, tei, say=lambda _: None)
    before = {p.name: p.read_bytes() for p in tei.glob("*.xml")}
    # change every document, then stop the run after the 7th file it writes
    for seed in seeds.glob("*.txt"):
        seed.write_bytes(seed.read_bytes().replace(b"Korea", b"Choson"))
    real_replace = os.replace
    calls = {"n": 0}

    def flaky_replace(src: str, dst: str) -> None:
        calls["n"] += 1
        if calls["n"] == 14:  # record, file, record, file, …: stop between two writes
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(xmlio.os, "replace", flaky_replace)
    with pytest.raises(KeyboardInterrupt):
        convert(seeds, tei, say=lambda _: None)
    monkeypatch.setattr(xmlio.os, "replace", real_replace)
    after = {p.name: p.read_bytes() for p in tei.glob("*.xml")}
    assert set(after) == set(before)
    changed = [name for name in after if after[name] != before[name]]
    assert 0 < len(changed) < len(after)
    for name in after:
        parse_file(tei / name)  # whole, well-formed
    assert not list(tei.glob(".*.tmp")), "temporary files left behind"
    store = GeneratedStore(tei)
    assert not [n for n in after if store.is_edited(n)], "a generated file was taken for an edit"
    # the next run finishes the work without calling anything an edit
    report = convert(seeds, tei, say=lambda _: None)
    assert Outcome.KEPT_EDITED not in report.outcomes.values()


def _dangling_refs(tei: Path) -> list[str]:
    """The register references in the TEI that registers.xml has no entry for."""
    ids = set(xmlio.parse_file(tei / "registers.xml").xpath("//@xml:id"))
    return sorted({ref for path in tei.glob("*.xml") if path.name != "registers.xml"
                   for ref in xmlio.parse_file(path).xpath("//@ref")
                   if ref.startswith("registers.xml#") and ref.split("#", 1)[1] not in ids})


def test_run_stopped_before_the_proposals_is_finished_by_the_next(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run stopped after it wrote the TEI but before it wrote the name proposals and
    registers.xml: the next run must not take those sources for done (their TEI points
    at proposals nobody wrote)."""
    from edition.stages import convert as stage

    seeds, tei = _seeds(tmp_path), tmp_path / "tei"
    registers = tmp_path / "registers"
    shutil.copytree(ROOT / "registers", registers)
    convert(seeds, tei, registers=registers, say=lambda _: None)
    assert not _dangling_refs(tei)
    for seed in seeds.glob("*.txt"):  # new names: proposals the registers have not seen
        seed.write_bytes(seed.read_bytes().replace(b"Korea", b"Choson"))

    def stopped(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(stage, "_write_indexes", stopped)
    with pytest.raises(KeyboardInterrupt):
        convert(seeds, tei, registers=registers, say=lambda _: None)
    monkeypatch.undo()
    assert b"Choson" in (tei / DOC).read_bytes()  # the TEI was written
    report = convert(seeds, tei, registers=registers, say=lambda _: None)
    assert not report.problems
    assert not _dangling_refs(tei)
    assert any(ref.startswith("registers.xml#choson") for ref in
               xmlio.parse_file(tei / DOC).xpath("//@ref"))
    # and a run after that one has nothing left to do
    again = convert(seeds, tei, registers=registers, say=lambda _: None)
    assert not again.converted


def test_killed_process_leaves_every_file_whole(tmp_path: Path) -> None:
    """A real interruption: the convert process is killed (SIGKILL) part-way."""
    seeds, tei = _seeds(tmp_path), tmp_path / "tei"
    convert(seeds, tei, say=lambda _: None)
    for seed in seeds.glob("*.txt"):
        seed.write_bytes(seed.read_bytes().replace(b"Korea", b"Choson"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "edition", "convert", "--seeds", str(seeds), "--tei", str(tei)]
    for delay in (0.05, 0.15, 0.3):
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for path in tei.glob("*.xml"):
            parse_file(path)
        store = GeneratedStore(tei)
        assert not [p.name for p in tei.glob("*.xml") if store.is_edited(p.name)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "edited by hand" not in done.stderr
    assert not list(tei.glob(".*.tmp")), "temporary files of the killed runs were left"


def test_killed_build_leaves_the_site_whole(tmp_path: Path) -> None:
    """`edition build` killed while it renders: every page left is a whole page."""
    seeds, tei, site = _seeds(tmp_path), tmp_path / "tei", tmp_path / "site"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "edition", "build", "--seeds", str(seeds), "--tei", str(tei),
           "--out", str(site)]
    assert subprocess.run(cmd, env=env, capture_output=True, check=False).returncode == 0
    for seed in seeds.glob("*.txt"):  # every page must be rendered again
        seed.write_bytes(seed.read_bytes().replace(b"Korea", b"Choson"))
    pages_before = len(list(site.rglob("*.html")))
    left: list[int] = []
    for delay in (0.6, 1.0, 1.4):
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(delay)
        helpers = descendants(proc.pid)  # the fork server and the workers, if started
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        left.extend(helpers)
        pages = list(site.rglob("*.html"))
        assert len(pages) == pages_before
        for page in pages:
            assert page.read_bytes().rstrip().endswith(b"</html>"), page
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Choson" in (site / "reading" / "wcda-114169.html").read_text(encoding="utf-8")
    assert not list(site.rglob(".*.tmp")), "temporary files of the killed runs were left"
    assert left, "the builds were killed before any worker started: the check saw nothing"
    deadline = time.monotonic() + 10
    while [pid for pid in left if _running(pid)] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in left if _running(pid)], "workers outlived the killed build"


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def test_written_files_are_readable_like_any_new_file(tmp_path: Path) -> None:
    """Atomic writes go through a private temporary file; the result must not stay 0600."""
    old = os.umask(0o022)
    try:
        xmlio.write_bytes_atomic(tmp_path / "a.html", b"<html/>")
    finally:
        os.umask(old)
    assert (tmp_path / "a.html").stat().st_mode & 0o777 == 0o644
    (tmp_path / "a.html").chmod(0o640)
    xmlio.write_bytes_atomic(tmp_path / "a.html", b"<html></html>")
    assert (tmp_path / "a.html").stat().st_mode & 0o777 == 0o640
