"""The build's use of the pool (edition/stages/pool.py): a seed of many documents (the
printed collection) is read once and its documents converted as tasks of their own; the
published files are made beside the documents' rendering; whatever the number of
processes, the output is the same bytes and errors name their file and line."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS, registers_copy

from edition.cli import main
from edition.stages import convert as convert_stage
from edition.stages import pool

COLLECTION = "001_ecd8dfa2c3ac5ef4.txt"


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(folder).parts}


def _edition(work: Path, seeds: dict[str, bytes]) -> Path:
    (work / "seeds").mkdir(parents=True)
    shutil.copy(ROOT / "edition.yml", work / "edition.yml")
    shutil.copytree(ROOT / "registers", work / "registers")
    for name, data in seeds.items():
        (work / "seeds" / name).write_bytes(data)
    return work


def _run(work: Path, *args: str) -> Any:
    return CliRunner(env={"EDITION_ROOT": str(work)}).invoke(
        main, [*args, "--seeds", str(work / "seeds"), "--tei", str(work / "tei")]
        + (["--out", str(work / "site")] if args[0] == "build" else []))


def _real_seeds() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(SEEDS.iterdir()) if p.is_file()}


def _split_spy(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of documents of each split seed handed to the pool one by one."""
    split: list[int] = []
    real_run = pool.run

    def spy(tasks, work, *args, **kwargs):  # type: ignore[no-untyped-def]
        if work is convert_stage._finish_document:
            split.append(len(tasks))
        return real_run(tasks, work, *args, **kwargs)

    monkeypatch.setattr(pool, "run", spy)
    return split


def test_the_collection_is_split_into_a_task_per_document_with_the_same_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The five seeds built with one process and with two: the collection's 36
    documents go to the pool one by one, and every file (TEI, proposals, site) is the
    same."""
    split = _split_spy(monkeypatch)
    one = _edition(tmp_path / "one", _real_seeds())
    result = _run(one, "build", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert split == [], "one process reads each seed whole"
    two = _edition(tmp_path / "two", _real_seeds())
    result = _run(two, "build", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert split == [36], "the collection's documents were converted one by one"
    for part in ("tei", "site", "registers"):
        assert _tree(one / part) == _tree(two / part), part
    assert len(list((two / "tei").glob("scr-*.xml"))) == 36


def test_an_error_in_the_collection_names_file_and_line_and_the_others_still_build(
        tmp_path: Path) -> None:
    """Two documents of the collection with one number (one id): the error names the
    collection and the line of the second, with one process as with two; the other
    seeds are converted and rendered all the same."""
    seeds = _real_seeds()
    text = seeds[COLLECTION].decode("utf-8")
    lines = text.split("\n")
    numbers = [k for k, line in enumerate(lines) if line.strip() == "71."]
    assert numbers, "the collection has a document numbered 71"
    second = next(k for k, line in enumerate(lines) if line.strip() == "72.")
    lines[second] = "71."
    seeds[COLLECTION] = "\n".join(lines).encode("utf-8")
    outputs = []
    for jobs in ("1", "2"):
        work = _edition(tmp_path / jobs, seeds)
        result = _run(work, "build", "--jobs", jobs)
        assert result.exit_code == 1, result.output
        errors = [line for line in result.output.splitlines() if ": error: " in line]
        assert any(line.startswith(f"{work / 'seeds' / COLLECTION}:") and
                   "a second document gets the id" in line for line in errors), errors
        assert len(list((work / "site" / "reading").glob("*.html"))) == 4
        outputs.append((_tree(work / "tei"), _tree(work / "site"),
                        [e.replace(str(work), "") for e in errors]))
    assert outputs[0] == outputs[1]


def test_a_converted_collection_is_not_overwritten_when_edited_by_hand(
        tmp_path: Path) -> None:
    """A document of the split collection edited by hand is kept (and the others are
    left as they were) when the collection is converted again with two processes."""
    work = _edition(tmp_path, _real_seeds())
    assert _run(work, "convert", "--jobs", "2").exit_code == 0
    edited = work / "tei" / "scr-070.xml"
    assert edited.is_file()
    edited.write_bytes(edited.read_bytes().replace(b"</body>", b"<!-- mine --></body>", 1))
    before = _tree(work / "tei")
    (work / "seeds" / COLLECTION).write_bytes(
        _real_seeds()[COLLECTION].replace(b"\n71.\n", b"\n71.\n\n", 1))
    result = _run(work, "convert", "--jobs", "2")
    assert "edited by hand since it was generated" in result.output
    assert b"<!-- mine -->" in edited.read_bytes()
    assert _tree(work / "tei")["scr-070.xml"] == before["scr-070.xml"]


SMALL_SEEDS = ("000_6a638e023e7f4305.txt", "002_860bb7def60b56c2.txt",
               "003_6c36276a20248a80.txt", "004_6ce8609d71d8dad1.txt")


def test_a_document_that_fails_to_render_is_left_out_of_the_search_index_begun_early(
        tmp_path: Path) -> None:
    """The search index is begun beside the documents as if none failed: when one does,
    it is made again without it, as with one process; the error is told once."""
    seeds = {name: (SEEDS / name).read_bytes() for name in SMALL_SEEDS}
    built = _edition(tmp_path / "built", seeds)
    assert _run(built, "build", "--jobs", "1").exit_code == 0
    assert "wcda-114177" in (built / "site" / "search-index.js").read_text(encoding="utf-8")
    results = []
    for jobs in ("1", "2"):
        work = tmp_path / jobs
        shutil.copytree(built, work)
        shutil.rmtree(work / "site")
        broken = work / "tei" / "wcda-114177.xml"
        broken.write_bytes(broken.read_bytes().replace(b"</TEI>", b""))
        result = CliRunner(env={"EDITION_ROOT": str(work)}).invoke(
            main, ["render", "--jobs", jobs, "--tei", str(work / "tei"),
                   "--out", str(work / "site")])
        assert result.exit_code == 1, result.output
        errors = [line.replace(str(work), "") for line in result.output.splitlines()
                  if ": error: " in line]
        assert errors and all(line.startswith("/tei/wcda-114177.xml:") for line in errors)
        index = (work / "site" / "search-index.js").read_text(encoding="utf-8")
        assert "wcda-114177" not in index
        assert "wcda-114169" in index and "nkidp-edossier-16" in index
        results.append((_tree(work / "site"), errors))
    assert results[0] == results[1]


def test_expected_tasks_count_a_large_seed_as_many() -> None:
    assert convert_stage._expected_tasks([]) == 0
    assert convert_stage._expected_tasks([100] * 5) == 5
    assert convert_stage._expected_tasks([10, 10, 10, 100]) == 13
    assert convert_stage._expected_tasks([0, 0]) == 2


def test_heavy_tasks_are_handed_out_first_and_the_others_in_their_order() -> None:
    """A task four times the middle weight and more goes first (the heaviest first);
    the others keep their order, which is the order the caller takes the results in:
    not by weight, which handed out a first task of middling weight last."""
    weights = [3.0, 1.0, 40.0, 2.0, 1.5, 20.0, 3.5, 1.0, 2.5, 1.0]
    chunks = pool._chunks(len(weights), 1, weights)
    order = [i for chunk in chunks for i in chunk]
    assert order == [2, 5, 0, 1, 3, 4, 6, 7, 8, 9]
    assert [i for chunk in pool._chunks(4, 2, None) for i in chunk] == [0, 1, 2, 3]
    assert [i for chunk in pool._chunks(4, 2, [1.0] * 4) for i in chunk] == [0, 1, 2, 3]


def test_a_stage_has_at_most_so_many_chunks() -> None:
    """Chunks of at most :data:`pool.MAX_CHUNK` tasks up to :data:`pool.MAX_CHUNKS`
    chunks; past that, larger chunks, so that a worker's set-up serves more tasks (a
    worker replaced past its memory budget sets up again). Every task once, in order."""
    for count, size in ((40, 2), (1000, 16), (16 * pool.MAX_CHUNKS, 16), (10_000, 63)):
        chunks = pool._chunks(count, 2, None)
        assert max(len(chunk) for chunk in chunks) == size, count
        assert len(chunks) <= max(pool.MAX_CHUNKS, count // 16)
        assert [i for chunk in chunks for i in chunk] == list(range(count))
    assert len(pool._chunks(30_000, 2, None)) <= pool.MAX_CHUNKS


def test_beside_runs_in_a_thread_in_a_session_and_here_without() -> None:
    with pool.session(2):
        later = pool.beside(_twice, 21)
        failing = pool.beside(_fail, "in a thread")
        assert later.result() == 42
        with pytest.raises(ValueError, match="in a thread"):
            failing.result()
    calls: list[int] = []
    lazy = pool.beside(calls.append, 1)  # no session: made when asked for
    assert calls == []
    lazy.result()
    assert calls == [1]


def _twice(n: int) -> int:
    return 2 * n


def _fail(message: str) -> None:
    raise ValueError(message)


def test_the_early_set_up_starts_when_the_workers_are_done_or_when_told(
        tmp_path: Path) -> None:
    """``early=None``: the workers set up (:func:`pool.warm`) once a stage's tasks are
    done; ``early=False``: only when the caller says so."""
    import time

    for early in (None, False):
        marks = tmp_path / str(early)
        marks.mkdir()
        with pool.session(2):
            pool.warm(_mark, (str(marks),))
            assert list(pool.run(list(range(8)), _triple, _no_setup, jobs=2,
                                 early=early)) == [3 * n for n in range(8)]
            waited = 0.0
            while early is None and not any(marks.iterdir()) and waited < 30:
                time.sleep(0.1)
                waited += 0.1
            if early is None:
                assert any(marks.iterdir()), "the workers set up after the tasks"
            else:
                time.sleep(0.5)
                assert not any(marks.iterdir()), "nothing set up before start_early"
                pool.start_early()
                while not any(marks.iterdir()) and waited < 30:
                    time.sleep(0.1)
                    waited += 0.1
                assert any(marks.iterdir())


def _mark(folder: str) -> None:
    import os

    (Path(folder) / str(os.getpid())).touch()


def _no_setup() -> None:
    return None


def _triple(_: None, n: int) -> int:
    return 3 * n


def test_aside_runs_in_a_process_of_its_own_in_a_session_and_here_without() -> None:
    import os

    with pool.session(2):
        elsewhere = pool.aside(_pid)
        failing = pool.aside(_fail, "in a process")
        assert elsewhere.result() != os.getpid()
        with pytest.raises(ValueError, match="in a process"):
            failing.result()
        settled = pool.aside(_twice, 2)
        settled.settle()  # waited for, not taken
    assert pool.aside(_pid).result() == os.getpid()  # no session: made here


def _pid() -> int:
    import os

    return os.getpid()


def test_a_product_handed_out_while_a_stage_runs_is_not_queued_behind_all_its_tasks(
        ) -> None:
    """A session's stage hands its tasks to the pool a few at a time: a whole-edition
    page handed out meanwhile (:func:`pool.submit`) starts before most of them, so that
    it is not left to one worker at the end."""
    import time

    with pool.session(2):
        pool.warm(_no_setup, ())
        results = pool.run(list(range(60)), _started_at, _no_setup, jobs=2,
                           warm_setup=True)
        time.sleep(0.2)  # the stage under way
        product = pool.submit(_started_at, None, -1)
        started = list(results)
        product_started = product.result()
    assert [n for n, _ in started] == list(range(60))
    later = sum(1 for _, at in started if at > product_started[1])
    assert later >= 40, f"only {later} of 60 tasks started after the product"


def test_a_stage_s_results_are_let_go_of_once_taken() -> None:
    """A session's stage does not hold its results until its end: a chunk whose results
    were all taken is let go of (the conversion of 10,000 sources held some 140 MB of
    results in the command while it made the registers file); a result is taken once."""
    with pool.session(2):
        pool.warm(_no_setup, ())
        feed = pool._Feed(pool._session[0], 2, [b"x" * 1000] * 40, _echo, _no_setup, (),
                          None)
        first = feed._chunks[0]
        taken = [feed.result(index) for index in first]
        assert taken == [b"x" * 1000] * len(first)
        assert feed._futures[0] is None
        with pytest.raises(RuntimeError, match="taken already"):
            feed.result(first[0])
        second = feed._chunks[1]
        assert len(second) > 1 and feed.result(second[0]) == b"x" * 1000
        assert feed._futures[1] is not None  # one of its results not taken yet
        rest = [index for chunk in feed._chunks[1:] for index in chunk][1:]
        assert [feed.result(index) for index in rest] == [b"x" * 1000] * len(rest)
        assert feed._futures == [None] * len(feed._chunks)


def _echo(_: None, data: bytes) -> bytes:
    return data


def _started_at(_: None, n: int) -> tuple[int, float]:
    import time

    at = time.monotonic()
    time.sleep(0.03)
    return n, at


def test_the_fork_server_makes_a_set_up_once_for_every_worker(tmp_path: Path) -> None:
    """:func:`pool.set_up_in_fork_server`: the set-up is made before the fork server
    starts any worker (in neither worker), and the workers use it. (The set-up here is
    ``os.getpid``: where it was made. The fork server of Python 3.11 does not take the
    caller's ``sys.path``, so it could not import a function of this test module.)"""
    import multiprocessing.forkserver
    import os

    # a fresh fork server (one started by an earlier test ignores the request; CPython's
    # own tests stop it the same way)
    multiprocessing.forkserver._forkserver._stop()  # type: ignore[attr-defined]
    with pool.session(2, ("edition.stages.convert",)):
        pool.set_up_in_fork_server(os.getpid, ())
        results = list(pool.run(list(range(16)), _made_and_here, os.getpid, (), jobs=2,
                                warm_setup=True))
    made = {made for made, _ in results}
    here = {pid for _, pid in results}
    assert len(made) == 1, "made once"
    assert not made & here, "made before the workers were forked, not in them"


def _made_and_here(made: int, _: int) -> tuple[int, int]:
    import os

    return made, os.getpid()


def test_a_short_conversion_has_the_fork_server_set_up_a_long_one_does_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fork server loads the annotator for the workers when the conversion is short
    (the real edition); for a long one each worker loads its own, so that the processes
    that never convert do not carry it (:data:`convert_stage.FORK_SERVER_SET_UP_TASKS`)."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import generate

    asked: list[str] = []
    real = pool.set_up_in_fork_server

    def spy(setup: Any, args: tuple[str, ...]) -> None:
        asked.append(setup.__name__)
        real(setup, args)

    monkeypatch.setattr(pool, "set_up_in_fork_server", spy)
    generate(tmp_path / "many", convert_stage.FORK_SERVER_SET_UP_TASKS + 6)
    for seeds, expected in ((SEEDS, ["_setup"]), (tmp_path / "many", [])):
        asked.clear()
        tei = tmp_path / f"tei-{seeds.name}"
        with pool.session(2):
            convert_stage.convert(seeds, tei, registers=registers_copy(tmp_path), jobs=2,
                                  say=lambda _: None)
        assert asked == expected, seeds
        assert any(tei.glob("*.xml"))




def _pid_after(_: None, n: int) -> tuple[int, int]:
    import os
    import time

    time.sleep(0.02)
    return n, os.getpid()


def _pid_of_task(seconds: float) -> int:
    import os
    import time

    time.sleep(seconds)
    return os.getpid()


def test_the_pages_across_documents_go_to_one_worker_and_the_documents_to_the_others(
        ) -> None:
    """Lanes (:class:`pool._Lanes`): every task of the edition's lane is made by one
    worker (it compiles the pages' stylesheet once), and the documents' stage goes to the
    other while that one is busy; once it is free, it takes documents too, while many
    wait."""
    with pool.session(2):
        pool.warm(_no_setup, ())
        products = [pool.submit(_pid_of_task, 0.1, lane=pool.EDITION) for _ in range(2)]
        documents = list(pool.run(list(range(40)), _pid_after, _no_setup, jobs=2,
                                  warm_setup=True, lane=pool.DOCUMENTS))
        edition = {product.result() for product in products}
    assert [n for n, _ in documents] == list(range(40))
    assert len(edition) == 1, "the pages across documents are made by one worker"
    pids = [pid for _, pid in documents]
    assert pids[0] not in edition, "the first documents went to the documents' worker"
    assert set(pids) - edition, pids
    assert edition & set(pids), "the edition's worker took documents once it was free"


def test_a_few_documents_left_are_not_taken_by_the_edition_s_worker() -> None:
    """A worker with nothing to do takes another lane's documents only while
    :data:`pool.STEAL_AFTER` chunks of them wait: it would compile the views for them."""
    with pool.session(2):
        pool.warm(_no_setup, ())
        # four tasks, one to a chunk: two handed to the documents' worker, two waiting
        documents = list(pool.run(list(range(4)), _pid_after, _no_setup, jobs=2,
                                  warm_setup=True, lane=pool.DOCUMENTS))
        other = pool.submit(_pid_of_task, 0, lane=pool.EDITION).result()
    assert pool.STEAL_AFTER > 2
    assert len({pid for _, pid in documents}) == 1
    assert other not in {pid for _, pid in documents}


def test_a_worker_that_took_a_stage_s_chunk_takes_its_last_few_too() -> None:
    """The rule of :meth:`pool._Lanes._worker_for` for a document's chunk when its own
    worker is full: a worker of another lane that is idle takes it while
    :data:`pool.STEAL_AFTER` chunks wait (worth its set-up); with fewer waiting, only if
    it took a chunk of that stage before (its set-up is made), so that the stage's last
    chunks are shared rather than left to one worker while the other waits."""
    from types import SimpleNamespace

    # worker 0: the documents', 1: the edition's (their executors are not used here)
    lanes = pool._Lanes([object(), object()])  # type: ignore[list-item]
    lanes.busy = [pool.AHEAD_PER_WORKER, 0]
    stage = SimpleNamespace(workers={0}, processes=2, waiting=pool.STEAL_AFTER - 1)
    task = pool._Task(len, ((),), pool.DOCUMENTS, stage)  # type: ignore[arg-type]
    assert lanes._worker_for(task) is None, "a last few are not worth the views compiled"
    stage.waiting = pool.STEAL_AFTER
    assert lanes._worker_for(task) == 1, "many waiting: worth it"
    stage.waiting = 1
    stage.workers.add(1)  # it took one of them already
    assert lanes._worker_for(task) == 1, "set up already: it takes the last ones too"
    lanes.busy = [pool.AHEAD_PER_WORKER, 1]
    assert lanes._worker_for(task) is None, "only a worker with nothing to do takes one"
    edition = pool._Task(len, ((),), pool.EDITION, None)
    lanes.busy = [0, pool.AHEAD_PER_WORKER]
    assert lanes._worker_for(edition) is None, "a page across documents waits for its worker"


def test_closing_a_session_ends_every_worker() -> None:
    """When a session closes, each of its workers has ended (they are told and waited
    for together)."""
    with pool.session(2):
        pool.warm(_no_setup, ())
        pids = {pid for _, pid in pool.run(list(range(8)), _pid_after, _no_setup, jobs=2,
                                           warm_setup=True, lane=pool.DOCUMENTS)}
        pids.add(pool.submit(_pid_of_task, 0, lane=pool.EDITION).result())
    assert len(pids) == 2
    assert all(pool._gone(pid) for pid in pids)


def test_the_edition_s_worker_sets_up_early_only_when_every_worker_does(
        tmp_path: Path) -> None:
    """:func:`pool.warm` of the edition's lane: made by its worker when a stage has
    tasks enough for every worker, not for a stage of one task (a changed document: the
    second core stays with this process)."""
    import time

    for tasks, wanted in ((1, False), (None, True)):
        marks = tmp_path / str(tasks)
        marks.mkdir()
        with pool.session(2):
            pool.warm(_mark, (str(marks / "documents"),))
            pool.warm(_mark, (str(marks / "edition"),), lane=pool.EDITION)
            (marks / "documents").mkdir()
            (marks / "edition").mkdir()
            pool.start_early(tasks)
            waited = 0.0
            while not any((marks / "documents").iterdir()) and waited < 30:
                time.sleep(0.1)
                waited += 0.1
            time.sleep(0.5)
            assert len(list((marks / "documents").iterdir())) == 1
            assert any((marks / "edition").iterdir()) is wanted, tasks


def _gone(pid: int, seconds: float = 10.0) -> bool:
    """Whether process ``pid`` has ended (reaped or a zombie) within ``seconds``."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                    return True
        except (FileNotFoundError, ProcessLookupError):  # reaped (between open and read)
            return True
        time.sleep(0.01)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_released_workers_end_before_the_session_does_and_later_work_is_done_here(
        ) -> None:
    """pool.release: the session's last work done, its workers end while this process
    finishes (a build flushes its pages meanwhile), not once the session ends; what is
    asked after is done in this process. With a task still running, nothing is let go."""
    import os

    with pool.session(2):
        workers = {pool.submit(_pid_of_task, 0.2).result(),
                   pool.submit(_pid_of_task, 0.2, lane=pool.EDITION).result()}
        running = pool.submit(_pid_of_task, 0.5)
        pool.release()  # a task runs: kept
        assert pool.in_session()
        assert running.result() in workers
        pool.release()
        assert not pool.in_session()
        assert all(_gone(pid) for pid in workers), "the workers end before the session"
        assert pool.submit(_pid_of_task, 0).result() == os.getpid()
    pool.release()  # (no session: nothing to do)


def _lingering(seconds: float) -> int:
    """This process's id; its end (a worker's, as multiprocessing ends it) takes
    ``seconds`` more."""
    import os
    import time
    from multiprocessing import util

    util.Finalize(None, time.sleep, args=(seconds,), exitpriority=10)
    return os.getpid()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_process_aside_is_let_go_once_its_result_is_taken() -> None:
    """An aside's result is taken without waiting for its process to end (15-20 ms at a
    build's end; here a process whose end takes a second); the process ends by itself,
    and the session's end waits for it."""
    import time

    with pool.session(2):
        aside = pool.aside(_lingering, 1.0)
        started = time.monotonic()
        pid = aside.result()
        assert time.monotonic() - started < 0.9, "the result waited for the process's end"
        assert _gone(pid), "the process aside ends once its result is taken"
