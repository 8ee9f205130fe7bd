"""Per-document work in a pool of processes (``--jobs N``), with progress on a terminal.

:func:`run` hands each task to ``work`` and yields the results in the order of the
tasks, so that what a stage writes does not depend on how many processes did the work:
the output is byte-identical with ``--jobs 1`` and ``--jobs 8``.

Each worker process calls ``setup`` once (compiling stylesheets or schemas there, not
once per document); ``work`` then runs in it with what ``setup`` returned. Workers are
started by a fork server: a clean process that has loaded neither Saxon nor Java, so
forking it is safe whatever the calling process has loaded. Few tasks are done in the
calling process: starting workers and compiling there would cost more than it saves.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
C = TypeVar("C")

# With fewer tasks than this per extra process, the work stays in the calling process.
MIN_TASKS_PER_WORKER = 4

_context: Any = None  # what setup() returned, in a worker process


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _start(setup: Callable[..., Any], args: tuple[Any, ...]) -> None:
    global _context
    _context = setup(*args)


def _call(work: Callable[[Any, Any], Any], task: Any) -> Any:
    return work(_context, task)


def workers_for(tasks: int, jobs: int) -> int:
    """How many processes ``tasks`` tasks get with ``--jobs jobs`` (1: the calling one)."""
    return max(1, min(jobs, tasks // MIN_TASKS_PER_WORKER))


def run(tasks: Sequence[T], work: Callable[[C, T], R], setup: Callable[..., C],
        setup_args: tuple[Any, ...] = (), *, jobs: int = 1,
        progress: Progress | None = None) -> Iterator[R]:
    """``work(setup(*setup_args), task)`` for each task, results in task order.

    ``work`` and ``setup`` must be module-level functions (they are sent to the workers
    by name); tasks and results must pickle.
    """
    processes = workers_for(len(tasks), jobs)
    if processes == 1:
        context: C | None = None
        for task in tasks:
            if context is None:
                context = setup(*setup_args)
            result = work(context, task)
            if progress is not None:
                progress.advance()
            yield result
        return
    import multiprocessing  # only when there is work for other processes
    from concurrent.futures import ProcessPoolExecutor

    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=processes,
                             mp_context=multiprocessing.get_context(method),
                             initializer=_start, initargs=(setup, setup_args)) as executor:
        # small chunks keep the workers busy to the end; map keeps the order
        chunk = max(1, min(16, len(tasks) // (processes * 8)))
        for result in executor.map(_call, [work] * len(tasks), tasks, chunksize=chunk):
            if progress is not None:
                progress.advance()
            yield result


class Progress:
    """Documents done, rate and time left, on standard error when it is a terminal;
    nothing otherwise (a log, a pipe, a test)."""

    def __init__(self, label: str, total: int, *, enabled: bool | None = None) -> None:
        self.label = label
        self.total = total
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._bar: Any = None
        if self.enabled and total > 0:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=label, unit="doc", leave=False,
                             file=sys.stderr, dynamic_ncols=True)

    def advance(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
