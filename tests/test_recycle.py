"""Workers replaced once they have grown (edition/stages/recycle.py): the budget read
by Python's worker loop, a pool that replaces every worker that ended (no hang), and a
session whose workers are recycled giving the same results in the same order."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import subprocess
import sys
from pathlib import Path

from edition.stages import pool
from edition.stages.recycle import Budget, RecyclingExecutor, peak_megabytes, peak_megabytes_of


def _used_up(done: int, budget: int) -> bool:
    return done >= budget  # as Python's worker loop asks it


def test_a_budget_is_used_up_by_tasks_or_by_memory() -> None:
    by_tasks = Budget(3, float("inf"))
    assert not _used_up(2, by_tasks)
    assert _used_up(3, by_tasks)
    assert not by_tasks <= 0  # the pool's check that the budget is valid
    by_memory = Budget(sys.maxsize, peak_megabytes() / 2)  # this process is above it
    assert _used_up(1, by_memory)
    assert not by_memory <= 0
    assert not _used_up(1, Budget(sys.maxsize, peak_megabytes() + 10_000))
    copy = pickle.loads(pickle.dumps(by_memory))  # sent to each worker
    assert type(copy) is Budget and int(copy) == sys.maxsize
    assert copy.megabytes == by_memory.megabytes


def _pid(n: int) -> tuple[int, int]:
    return n, os.getpid()


def test_workers_that_end_are_replaced_and_queued_tasks_still_run() -> None:
    """Python's own pool hangs here (3.11 to 3.13): more tasks queued than workers, each
    worker ending after two."""
    context = multiprocessing.get_context(
        "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
    executor = RecyclingExecutor(max_workers=2, mp_context=context,
                                 max_tasks_per_child=Budget(2, float("inf")))
    try:
        futures = [executor.submit(_pid, n) for n in range(30)]
        done = [future.result(timeout=120) for future in futures]
    finally:
        executor.shutdown(wait=True)
    assert [n for n, _ in done] == list(range(30))
    assert len({pid for _, pid in done}) >= 15, "each worker did two tasks at most"


def _hold(folder: str, n: int) -> int:
    """Say this task has begun, then wait to be let go: the worker is busy until then."""
    import time

    open(os.path.join(folder, f"begun-{n}"), "w").close()
    while not os.path.exists(os.path.join(folder, "go")):
        time.sleep(0.01)
    return os.getpid()


def test_a_worker_is_started_only_for_work_no_worker_is_there_for(tmp_path: Path) -> None:
    """One task at a time: one worker, however many the pool may have (a build that
    changed one document does not start and set up one per core); tasks waiting for the
    busy one: the others are started, and take them."""
    import time

    context = multiprocessing.get_context(
        "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
    executor = RecyclingExecutor(max_workers=3, mp_context=context,
                                 max_tasks_per_child=Budget(sys.maxsize, float("inf")))
    try:
        first = {executor.submit(_pid, n).result(timeout=120)[1] for n in range(4)}
        assert len(first) == 1 and len(executor._processes) == 1  # type: ignore[attr-defined]
        held = [executor.submit(_hold, str(tmp_path), n) for n in range(3)]
        deadline = time.monotonic() + 120
        while len(list(tmp_path.glob("begun-*"))) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        (tmp_path / "go").touch()
        assert len({future.result(timeout=120) for future in held}) == 3
    finally:
        (tmp_path / "go").touch()  # a held worker let go, whatever failed
        executor.shutdown(wait=True)


def test_a_task_waits_for_the_worker_setting_up_rather_than_start_another(
        tmp_path: Path) -> None:
    """A worker setting up and one task: the task waits for that worker (a second would
    have to set up too); a second task: a second worker is started."""
    context = multiprocessing.get_context(
        "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
    executor = RecyclingExecutor(max_workers=2, mp_context=context,
                                 max_tasks_per_child=Budget(sys.maxsize, float("inf")))
    try:
        setting_up = executor.submit_set_up(_hold, str(tmp_path), 0)
        task = executor.submit(_pid, 1)
        assert len(executor._processes) == 1  # type: ignore[attr-defined]
        (tmp_path / "go").touch()
        assert task.result(timeout=120)[1] == setting_up.result(timeout=120)
        (tmp_path / "go").unlink()
        executor.submit_set_up(_hold, str(tmp_path), 1)
        others = [executor.submit(_pid, n) for n in range(2)]
        assert len(executor._processes) == 2  # type: ignore[attr-defined]
        (tmp_path / "go").touch()
        assert [future.result(timeout=120)[0] for future in others] == [0, 1]
    finally:
        (tmp_path / "go").touch()  # a held worker let go, whatever failed
        executor.shutdown(wait=True)


def _setups_made(made: int, n: int) -> tuple[int, int, int]:
    return n * n, made, os.getpid()


_made = 0


def _count_setups() -> int:
    global _made
    _made += 1
    return _made


def test_a_session_recycles_its_workers_and_keeps_the_results() -> None:
    """Past the budget (here 1 MB: every worker), a worker ends after its next task; a
    fresh one sets up again and the results come as without recycling, in order."""
    tasks = list(range(40))
    with pool.session(2, recycle=None):
        kept = list(pool.run(tasks, _setups_made, _count_setups, jobs=2))
    with pool.session(2, recycle=1, owner=False):
        recycled = list(pool.run(tasks, _setups_made, _count_setups, jobs=2))
    assert [r for r, _, _ in recycled] == [r for r, _, _ in kept] == [n * n for n in tasks]
    assert len({pid for _, _, pid in kept}) <= 2
    assert len({pid for _, _, pid in recycled}) > 2, "workers were replaced"
    assert {made for _, made, _ in recycled} == {1}, "each new worker set up again"


def _process_of(megabytes: int) -> subprocess.Popen[str]:
    """A Python process that has held ``megabytes`` MB (touched, so resident), then waits."""
    code = (f"b = bytearray({megabytes} << 20)\n"
            "for i in range(0, len(b), 4096): b[i] = 1\n"
            "print('ready', flush=True)\ninput()\n")
    process = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    return process


def test_a_worker_smaller_than_the_process_handing_out_its_work_is_kept() -> None:
    """The owner's peak raises the mark: a worker past its megabytes but below the owner's
    peak is not replaced (replacing it would lower no peak); past both, it is. An owner
    that has ended, or none, leaves the megabytes alone."""
    mine = peak_megabytes()
    large = _process_of(int(mine) + 400)
    small = subprocess.Popen(["sleep", "60"])
    try:
        larger = peak_megabytes_of(large.pid)
        assert larger is not None and larger > mine + 300
        kept = Budget(sys.maxsize, 1, owner=large.pid)
        assert kept.mark() == larger
        assert not _used_up(1, kept), "this process is below its owner's peak"
        assert _used_up(1, Budget(sys.maxsize, 1, owner=small.pid))
        copy = pickle.loads(pickle.dumps(kept))  # as each worker gets it
        assert copy.owner == large.pid and not _used_up(1, copy)
    finally:
        for process in (large, small):
            process.kill()
            process.communicate()  # waited for, its pipes closed
    assert peak_megabytes_of(large.pid) is None  # ended: the megabytes alone
    assert _used_up(1, Budget(sys.maxsize, 1, owner=large.pid))
    assert _used_up(1, Budget(sys.maxsize, 1))


def test_a_session_keeps_workers_smaller_than_the_command() -> None:
    """In a session (the build's pool), a worker past the budget but smaller than this
    process (whose peak is raised here past any worker's) is not replaced: the same
    workers do every task, and set up once each."""
    held = bytearray(300 << 20)
    for i in range(0, len(held), 4096):
        held[i] = 1
    del held
    tasks = list(range(40))
    with pool.session(2, recycle=1):
        done = list(pool.run(tasks, _setups_made, _count_setups, jobs=2))
    assert [r for r, _, _ in done] == [n * n for n in tasks]
    assert len({pid for _, _, pid in done}) <= 2, "no worker was replaced"


def _grow_by(megabytes: int, n: int) -> tuple[int, int, float]:
    """Note this worker's peak as the task begins, then hold ``megabytes`` MB (touched)."""
    peak = peak_megabytes()
    held = bytearray(megabytes << 20)
    for i in range(0, len(held), 4096):
        held[i] = 1
    return n, os.getpid(), peak


def _grow_setup(megabytes: int) -> int:
    return megabytes


def test_a_worker_past_its_budget_hands_its_next_task_back() -> None:
    """Python's worker loop decides before a task whether the worker ends after it, so a
    worker that passed its budget with one task would run one more, however large. Here
    a fresh worker is below the budget and each task takes it 80 MB past where it began:
    each worker runs one task and hands the next back to the fresh worker that takes its
    place; the results come in order. With a budget no worker reaches, the same two
    workers do everything."""
    tasks = list(range(16))  # (one task a chunk)
    with pool.session(2, recycle=100_000, owner=False):
        kept = list(pool.run(tasks, _grow_by, _grow_setup, (80,), jobs=2))
    assert [n for n, _, _ in kept] == tasks
    assert len({pid for _, pid, _ in kept}) <= 2
    fresh = min(peak for _, _, peak in kept)  # a worker's peak before its first task
    with pool.session(2, recycle=fresh + 40, owner=False):
        done = list(pool.run(tasks, _grow_by, _grow_setup, (80,), jobs=2))
    assert [n for n, _, _ in done] == tasks
    assert max(peak for _, _, peak in done) < fresh + 40, "no task began past the budget"
    per_worker: dict[int, int] = {}
    for _, pid, _ in done:
        per_worker[pid] = per_worker.get(pid, 0) + 1
    assert set(per_worker.values()) == {1}, f"tasks run by each worker: {per_worker}"
