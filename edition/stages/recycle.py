"""A process pool whose workers are replaced by fresh ones once they have grown.

Saxon's heap (a GraalVM native image: its collector sizes itself from the machine's
memory, and nothing in saxonche bounds it) grows with the work a process has done,
whatever Python lets go of. A worker that has rendered a thousand documents holds far
more than one that has rendered forty; a fresh one starts small again. So a worker of
:class:`RecyclingExecutor` given a :class:`Budget` ends after the task it took when
its resident memory had passed the budget's megabytes (or after a number of tasks),
and the pool starts another in its place, which sets up again what its next tasks need
(:func:`edition.stages.pool.context`: about a second). In a session's pool, a worker
already well past its mark does not run that task at all: it is handed back to the fresh
worker (:func:`grown`). An edition whose workers stay small never pays for it.

The budget is there so that no worker becomes the build's largest process. So a worker
is not replaced while it is smaller than the process that hands out its work (the
budget's ``owner``): a large edition's command holds its whole-edition indexes, and
replacing a worker below that size would cost set-ups and lower no peak. (Workers do
not grow for ever either: Saxon's heap settles where its collector puts it. At 10,000
documents one worker stayed at 213 MB over 6,031 documents, while fresh ones passed
216 MB with their first chunk of 63.)

Two things of Python's pool are worked around:

* ``max_tasks_per_child`` is only a count of tasks. Python's worker loop asks
  ``tasks_done >= max_tasks_per_child`` before each task; :class:`Budget` is an ``int``
  that answers that question from the memory too (Python calls its ``__le__``: the
  reflected comparison of a subclass comes first).
* With ``max_tasks_per_child``, Python 3.11 to 3.13 may never replace a worker that
  ended (CPython issue gh-115634: the "idle worker" tokens count tasks finished, not
  workers waiting; a token outlives the worker that left it, and once every worker
  has ended the queued tasks wait for ever). Here the tokens are not used: whether to
  start a worker is decided from the tasks handed out and not done, and the workers
  there (:class:`RecyclingExecutor`), whenever a task is handed out or a worker ends;
  a task that waits always has a worker, or gets one.
"""

from __future__ import annotations

import resource
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any


def peak_megabytes() -> float:
    """The largest resident memory this process has had, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def peak_megabytes_of(pid: int) -> float | None:
    """The largest resident memory process ``pid`` has had, in MB (None: not told, as
    where there is no /proc, or the process has ended)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


# In a worker: whether Python's worker loop, before the task it has just taken (not
# the worker's first), was told that the budget is used up, with the worker this far
# (MB) past its mark or more: it ends after that task, and hands the task back
# (:func:`grown`). A worker just past its mark runs the task: its last task grew it by
# little (the documents' chunks, a small edition's pages across documents: 216-219 MB
# against a mark of 216 at 200 and 1,000 documents), and a fresh worker's set-up for
# one task costs more time than the memory it saves (at 200 documents, handing back
# the last page across documents made the build 0.3-0.5 s slower on two cores, some
# 10 %). One that a task grew far past it (the index of 1,000 documents: 225-229 MB)
# is likely to grow as far again with the next.
HAND_BACK_MB = 8
_leaving = False


class Grown:
    """What a task gives instead of its result when its worker had grown past its budget
    before it began (:func:`grown`): the task is handed to the fresh worker that takes
    this one's place (:class:`edition.stages.pool._Lanes`)."""


def grown() -> bool:
    """In a worker of a :class:`RecyclingExecutor` with a :class:`Budget`, while it runs a
    task: whether it had passed its budget by :data:`HAND_BACK_MB` or more before this
    task, so that it ends after it. Python decides that before the task, not after the
    one before: a worker past its mark would run one more task, however large, and end
    as much above the mark as that task grows it (at 1,000 documents the worker of the
    pages across documents went from 213 MB to 225-229 MB with the index, then to
    232-243 MB with the search page). Never true of a worker's first task, so that a
    task handed back always runs in the worker that takes it next."""
    return _leaving


class Budget(int):
    """``max_tasks_per_child`` of a :class:`RecyclingExecutor`: the worker ends after
    ``int(self)`` tasks, or after the task it takes when its peak resident memory is
    above ``megabytes`` already and above the peak of process ``owner`` (the one that
    hands out the work; None: ``megabytes`` alone)."""

    megabytes: float
    owner: int | None

    def __new__(cls, tasks: int, megabytes: float, owner: int | None = None) -> Budget:
        made = super().__new__(cls, tasks)
        made.megabytes = megabytes
        made.owner = owner
        return made

    def __getnewargs__(self) -> tuple[int, float, int | None]:  # type: ignore[override]
        return int(self), self.megabytes, self.owner

    def __le__(self, done: int) -> bool:
        """Whether ``done`` tasks use up the budget (Python's worker asks
        ``done >= budget``; its pool asks ``budget <= 0`` of a valid one). In a worker,
        the answer is kept for :func:`grown`."""
        global _leaving
        if int(self) <= done:
            return True
        peak, mark = peak_megabytes(), self.mark()
        used_up = done > 0 and peak > mark
        _leaving = done > 1 and peak > mark + HAND_BACK_MB
        return used_up

    def mark(self) -> float:
        """The megabytes past which the worker is replaced, now: ``megabytes``, or the
        owner's peak when that is larger."""
        owner = peak_megabytes_of(self.owner) if self.owner is not None else None
        return max(self.megabytes, owner or 0.0)


class RecyclingExecutor(ProcessPoolExecutor):
    """:class:`ProcessPoolExecutor` that replaces every worker that ended, and starts a
    worker only for work that no worker is there for (up to ``max_workers``).

    Tasks that only set a worker up (:meth:`submit_set_up`) each want a worker of their
    own; the other tasks want one each too, but a worker setting up will take one of
    them once it is ready, and it is set up for it: a worker more is started while
    either kind outnumbers the workers, not while both together do. So a build that
    changed one document starts one worker, sets it up once and gives it the document,
    instead of starting a second that would set up again for the same document (on two
    cores, CPU the main process needs)."""

    _setting_up = 0  # set-up tasks handed out and not done

    def submit_set_up(self, fn: Any, /, *args: Any) -> Future[Any]:
        """``fn(*args)``, a task that sets a worker up (see the class)."""
        self._setting_up += 1
        try:
            future = self.submit(fn, *args)
        except BaseException:
            self._setting_up -= 1
            raise
        future.add_done_callback(self._set_up_done)
        return future

    def _set_up_done(self, _future: Future[Any]) -> None:
        self._setting_up -= 1

    def _adjust_process_count(self) -> None:
        processes = self._processes
        if processes is None:
            return
        workers: int = self._max_workers  # type: ignore[attr-defined]
        waiting = len(self._pending_work_items)  # handed out and not done
        setting_up = min(self._setting_up, waiting)
        wanted = max(setting_up, waiting - setting_up)
        if len(processes) < workers and wanted > len(processes):  # (wanted ≥ 1 if any wait)
            self._spawn_process()  # type: ignore[attr-defined]
