"""Per-document work in a pool of processes (``--jobs N``), with progress on a terminal.

:func:`run` hands each task to ``work`` and yields the results in the order of the
tasks, so that what a stage writes does not depend on how many processes did the work:
the output is byte-identical with ``--jobs 1`` and ``--jobs 8``. :func:`submit` hands
one whole-edition product (a page made from every document, say) to the pool; the
caller takes its result when it needs it, in a fixed order.

Workers are started by a fork server: a process that has loaded neither Saxon nor Java,
so forking it is safe whatever the calling process has loaded since. It is a fork of the
calling process made when the session starts its first process, where that is safe
(:mod:`edition.stages.fork_server`: ready sooner than a fresh interpreter), and
multiprocessing's own otherwise.

``edition build`` (and ``edition render``) opens one :func:`session` for the whole
command: the same workers convert, validate and render, so each starts once, and what
a stage sets up in a worker (the stylesheets compiled, the registers loaded:
``setup``) is made there once, when first needed, and kept for the later tasks of the
command (:func:`context`; a session lasts one command, so the files set-up reads do not
change under it). :func:`warm` has the workers do such set-up early, while the main
process does serial work. Heavy tasks are handed out first (``weights``), so that no
worker is left with a long one at the end; the others in their order, the order the
caller takes the results in. A stage whose set-up the workers do not
have yet, with few tasks, keeps them in the calling process
(:data:`MIN_TASKS_PER_WORKER`); so does every stage without a session (``edition
convert`` or ``validate`` alone), whose pool is started for the stage.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from edition.stages.recycle import Grown

T = TypeVar("T")
R = TypeVar("R")
C = TypeVar("C")

# Without a session: with fewer tasks than this per extra process, the work stays in the
# calling process (starting a worker and setting it up costs about as much as 4 tasks).
MIN_TASKS_PER_WORKER = 4
# Tasks of one stage handed to a worker at once: small enough that the workers finish
# together, large enough that handing them out costs little.
MAX_CHUNK = 16
# ... and at most this many chunks to a stage, however many tasks it has: a worker
# replaced past its memory budget sets up again (the views compiled: 0.5-1 s), and at
# 10,000 documents a fresh worker passed the budget with its first chunk of 16, so each
# rendered two chunks and the set-ups took 144-147 s of a 280 s build. With larger
# chunks each set-up serves more documents. (Up to 2,560 tasks the chunks stay of 16.)
MAX_CHUNKS = 160
# A worker of a session ends after the task it took when its peak resident memory was
# above this (MB), and a fresh one takes its place (:mod:`edition.stages.recycle`):
# Saxon's heap grows with the work a process has done. Above what a worker of a small
# edition reaches (188-199 MB for the 40 documents of this one since the lanes), so that
# a small edition does not pay for setting up new workers; a large one's workers stay
# near it. (It was 232 MB: with the lanes, the worker of the pages across documents
# passed it only once it took documents too, at 1,000 documents 237-248 MB; at 216 MB
# the largest process read 224-237 MB in four builds, in the same time.)
RECYCLE_MB = 216

# The lanes of a session's tasks (:class:`_Lanes`): the documents' pages (each worker
# that renders them compiles the views' stylesheet), and the pages made once for the
# whole edition (the pages' stylesheet).
DOCUMENTS = "documents"
EDITION = "edition"

_session: tuple[_Lanes, int] | None = None  # (workers, processes) of the open session
# In a process: what each setup function made, with the arguments it was made from.
_contexts: dict[str, tuple[tuple[Any, ...], Any]] = {}
# set-up to start (warm): a function, or its name; its arguments; its lane
_early: list[tuple[Callable[..., Any] | str, tuple[Any, ...], str]] = []
_early_lock = threading.Lock()
_preload: list[str] = []  # the modules the open session's fork server imports (preload)


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def workers_for(tasks: int, jobs: int, *, warm_setup: bool = False) -> int:
    """How many processes ``tasks`` tasks get with ``--jobs jobs`` (1: the calling one).

    In a session whose workers have the set-up already (``warm_setup``), any task goes
    to them; otherwise a worker is worth it for :data:`MIN_TASKS_PER_WORKER` tasks (it
    sets up as the calling process would: for a few tasks, that costs more than it
    saves)."""
    if _session is not None and jobs > 1:
        if warm_setup:
            return _session[1] if tasks else 1
        return max(1, min(_session[1], tasks // MIN_TASKS_PER_WORKER))
    return max(1, min(jobs, tasks // MIN_TASKS_PER_WORKER))


def every_worker_busy(tasks: int) -> bool:
    """In an open session of two or more workers, whether ``tasks`` tasks (documents to
    render, say) are enough for every worker (:data:`MIN_TASKS_PER_WORKER` each). Then a
    stage's side work costs less as a task of theirs, in a Saxon started and grown
    already, than in a fresh process (:func:`aside`); with fewer, a process aside does it
    while the workers there do what is waited for."""
    return _session is not None and _session[1] > 1 and workers_for(
        tasks, _session[1]) >= _session[1]


def _executor(processes: int, preload: Sequence[str] = (), *,
              recycle: float | None = None, owner: bool = True) -> Executor:
    """A pool of ``processes`` workers; ``recycle``: megabytes past which a worker ends
    after its task and a fresh one is started in its place (None: workers last as long
    as the pool); ``owner``: only when it is past this process's peak too."""
    import multiprocessing  # only when there is work for other processes

    from edition.stages.recycle import Budget, RecyclingExecutor

    # (a worker smaller than this process is not replaced: see edition/stages/recycle.py)
    budget = (Budget(sys.maxsize, recycle, os.getpid() if owner else None)
              if recycle is not None else None)

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return RecyclingExecutor(max_workers=processes, max_tasks_per_child=budget,
                                 mp_context=multiprocessing.get_context("spawn"))
    context = multiprocessing.get_context("forkserver")
    from edition.stages import fork_server

    fork_server.start_tracker()  # before the pool's locks need one
    if preload:  # imported once in the fork server (when it starts), not in each worker
        _preload[:] = preload
        _set_preload()
    return RecyclingExecutor(max_workers=processes, mp_context=context,
                             initializer=_end_with, initargs=(os.getpid(),),
                             max_tasks_per_child=budget)


# What every process the fork server starts runs first: the pool's worker loop and the
# locks of its queues. Imported once there, not again by each worker and process aside
# (five or six of them in a build: about 0.15 s of CPU in all, on two cores).
POOL_MODULES = ("concurrent.futures.process", "multiprocessing.synchronize")


def _set_preload() -> None:
    """What the fork server imports when it starts: the pool's own modules, the session's
    modules, and the set-up module last (:data:`FORK_SERVER_SET_UP`). Not the command's
    main module (multiprocessing's default): no task is a function of it, and importing
    it (the command line, click) would only delay the first worker."""
    import multiprocessing

    multiprocessing.get_context("forkserver").set_forkserver_preload(
        [*POOL_MODULES, *_preload, FORK_SERVER_SET_UP])


def start_fork_server() -> None:
    """In an open session: its fork server started now, rather than when the first task
    is handed out, so that it imports the session's modules (:func:`preload`) and makes
    the set-up asked for (:func:`set_up_in_fork_server`) while this process goes on
    with its own work; a fork of this process where that is safe
    (:mod:`edition.stages.fork_server`), which has this process's modules already.
    Nothing without a session, or without a fork server. Called from this process's
    main thread before any thread of the session hands work out (the fork is safe only
    while there is one thread); called again once it runs, it does nothing."""
    if _session is None or not _preload:
        return
    from edition.stages import fork_server

    if fork_server.unsafe_reason() is None:
        # a fork of this process: what the server would import first is imported here,
        # once for both, as this process imports most of it later itself (the render
        # stage; the encoder of the indexes): at 40 documents some 25 ms of CPU twice
        import importlib

        for module in (*POOL_MODULES, *_preload):
            with suppress(ImportError):  # as the fork server passes it over
                importlib.import_module(module)
    if not fork_server.start(_forget_session):
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _forget_session() -> None:
    """In a fork server forked from this process (:mod:`edition.stages.fork_server`):
    the open session let go of, as a fresh interpreter would not have it; its workers
    are workers, not the process that hands the work out."""
    global _session
    _session = None
    _contexts.clear()
    _early.clear()
    _preload.clear()
    _asides.clear()


def preload(modules: Sequence[str]) -> None:
    """In an open session whose fork server imports modules: ``modules`` too, when it
    has not started yet. A stage calls it when its tasks will go to the workers, so that
    a build whose few changed sources are converted in this process does not have the
    fork server import the converter first (a twentieth of a second before the first
    worker can start); once the fork server runs, a worker imports them when it needs
    them."""
    if _session is None or not _preload:
        return
    added = [module for module in modules if module not in _preload]
    if added:
        _preload.extend(added)
        _set_preload()


# How often a worker looks whether the process it works for is still there (seconds).
WATCH_INTERVAL = 0.5


def _end_with(owner: int) -> None:
    """In a worker: end when the process that started the pool is gone. A command killed
    outright (SIGKILL) closes no pipe its workers wait on (they hold both ends of their
    queue), so without this they would wait, and hold their memory, for ever."""
    def watch() -> None:
        while not _gone(owner):
            time.sleep(WATCH_INTERVAL)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-owner", daemon=True).start()


def _gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (a zombie, not yet reaped, has ended too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # the number now names another user's process
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:  # (no codec for each process to load)
            state = stat.read().rsplit(b")", 1)[1].split()[0].decode("latin-1")
    except (OSError, IndexError):  # no /proc here: kill() has answered
        return False
    return state in ("Z", "X")


@contextmanager
def session(jobs: int, preload: Sequence[str] = (), *,
            recycle: float | None = RECYCLE_MB, owner: bool = True) -> Iterator[None]:
    """One pool of ``jobs`` workers for every :func:`run` and :func:`submit` inside;
    none (all in this process) when ``jobs`` is 1. ``preload``: modules the workers
    will import, imported once before they start (they must not load Saxon or Java:
    the fork server stays clean of them). ``recycle``: megabytes past which a worker
    is replaced by a fresh one after its task (:data:`RECYCLE_MB`; None: never), so
    that the workers' memory does not grow with the size of the edition; with
    ``owner``, only once it is past this process's peak too (a worker smaller than the
    process that hands out the work lowers no peak by being replaced:
    :mod:`edition.stages.recycle`)."""
    global _session
    if jobs <= 1 or _session is not None:
        yield
        return
    lanes = _Lanes([_executor(1, preload, recycle=recycle, owner=owner)
                    for _ in range(jobs)])
    _session = (lanes, jobs)
    try:
        yield
    finally:
        _session = None
        _preload.clear()
        os.environ.pop(_SET_UP_VARIABLE, None)
        _early.clear()
        _end_asides()
        lanes.shutdown()
        from edition.stages import fork_server

        fork_server.stop()


# The module the fork server imports last (edition/stages/forkserver_setup.py), and the
# environment variable that tells it what to set up (see set_up_in_fork_server).
FORK_SERVER_SET_UP = "edition.stages.forkserver_setup"
_SET_UP_VARIABLE = "EDITION_FORK_SERVER_SET_UP"


def set_up_in_fork_server(setup: Callable[..., Any], args: tuple[str, ...]) -> None:
    """In an open session whose fork server has not started yet: have it make
    ``setup(*args)`` (:func:`context`) once it has imported its modules, so that every
    process it starts has it already (forked with it), instead of each worker making it
    again, after it started, for its first task. Ignored once the fork server runs (it
    lasts as long as this process: a test run's sessions share it), and when the set-up
    fails there (each worker then makes it as before).

    ``setup`` must be module-level in a module the fork server can import (Python
    3.11's does not take this process's ``sys.path``), and load neither Saxon nor Java;
    ``args`` (strings) must name everything it is made from, the digest of its files
    among them: what the fork server made is used by any later session given the same
    arguments."""
    if _session is None:
        return
    import json

    wanted = json.loads(os.environ.get(_SET_UP_VARIABLE, "[]"))
    wanted.append([setup.__module__, setup.__qualname__, list(args)])
    # read by the fork server when it starts: it inherits this process's environment
    os.environ[_SET_UP_VARIABLE] = json.dumps(wanted)


def make_fork_server_set_up() -> None:
    """In the fork server (:data:`FORK_SERVER_SET_UP`): what
    :func:`set_up_in_fork_server` asked for, made (:func:`context`), and the request
    taken out of its environment (the processes it starts do not make it again)."""
    import importlib
    import json

    try:
        wanted = json.loads(os.environ.pop(_SET_UP_VARIABLE, "[]"))
    except ValueError:
        return
    for module, name, args in wanted:
        try:  # a set-up that fails is not kept (context): the workers make their own
            context(getattr(importlib.import_module(module), name), tuple(args))
        except Exception:
            continue


def release() -> None:
    """The open session's last work is done: its workers are told to end now, while this
    process finishes (flushes the pages, saves its state), rather than once it has (some
    30 ms of a build's end, with one core idle). Whatever is asked of the pool after is
    done in this process, as without a session; the session's end still waits for the
    workers. Nothing when a task still waits or runs."""
    global _session
    if _session is not None and _session[0].release():
        _session = None


def in_session() -> bool:
    """Whether a session's workers do the work (this process mostly waits for them)."""
    return _session is not None


def context(setup: Callable[..., C], args: tuple[Any, ...],
            make: Callable[[], C] | None = None) -> C:
    """``setup(*args)``, made once in this process and kept while asked for with the same
    arguments (the one made before from other arguments is let go first). ``make``: how
    to make it instead, when not kept (what ``setup(*args)`` would give, from what the
    caller already read)."""
    key = f"{setup.__module__}.{setup.__qualname__}"
    hit = _contexts.get(key)
    if hit is not None and hit[0] == args:
        return hit[1]  # type: ignore[no-any-return]
    _contexts.pop(key, None)
    made = setup(*args) if make is None else make()
    _contexts[key] = (args, made)
    return made


def kept(setup: Callable[..., C], args: tuple[Any, ...]) -> C | None:
    """What :func:`context` keeps in this process for ``setup(*args)``, if it keeps it
    (nothing is made)."""
    hit = _contexts.get(f"{setup.__module__}.{setup.__qualname__}")
    return hit[1] if hit is not None and hit[0] == args else None


def kept_any(setup: Callable[..., C]) -> C | None:
    """What :func:`context` keeps in this process for ``setup``, whatever its arguments
    (nothing is made)."""
    hit = _contexts.get(f"{setup.__module__}.{setup.__qualname__}")
    return hit[1] if hit is not None else None


def forget() -> None:
    """Let go of what :func:`context` keeps in this process."""
    _contexts.clear()


def _unless_grown(function: Callable[..., R], *args: Any) -> R | Grown:
    """In a worker of a session: ``function(*args)``, unless the worker had grown well
    past its budget before this task (:func:`edition.stages.recycle.grown`): it ends
    after this task, and the task is handed back (:class:`_Lanes`) to the fresh worker
    that takes its place, rather than run in a process already far past the mark."""
    from edition.stages.recycle import Grown, grown

    return Grown() if grown() else function(*args)


def _call_chunk(setup: Callable[..., Any], args: tuple[Any, ...],
                work: Callable[[Any, Any], Any], tasks: list[Any]) -> list[Any]:
    made = context(setup, args)
    return [work(made, task) for task in tasks]


def warm(setup: Callable[..., Any] | str, args: tuple[Any, ...] = (), *,
         lane: str = DOCUMENTS) -> None:
    """In an open session, have each worker make ``setup(*args)`` (:func:`context`) as
    soon as any stage has tasks (even ones done in this process: the workers set up
    meanwhile); nothing if no stage has work (a build with nothing to do starts no
    worker) or without a session. ``setup`` must depend on its arguments only, not on
    files a stage is about to change (compiling stylesheets, say). It may be given by
    name (``"package.module:function"``): its module is then imported by the workers
    only, not by this process before it does its own work. ``lane``: the workers that
    make it (:class:`_Lanes`): those of :data:`DOCUMENTS` as many as the tasks are
    worth, that of :data:`EDITION` only when every worker is (a stage of many tasks)."""
    if _session is not None:
        _early.append((setup, args, lane))


def start_early(tasks: int | None = None) -> None:
    """Have the session's workers make the set-up asked for by :func:`warm` now (a stage
    that ran with ``early=False`` calls it once its own tasks are handed out): as many
    workers as ``tasks`` tasks are worth (:func:`workers_for`; None: every worker), so
    that a build with one document to do sets up one worker, not one per core. Handed
    out by the session's own thread (:class:`_Lanes`): the first hand-out waits for the
    fork server and the workers to start, which the caller spends on its work."""
    session = _session
    if session is None or not _early:
        return
    count = session[1] if tasks is None else workers_for(tasks, session[1])
    start_fork_server()  # from this thread (a no-op once it runs)
    with _early_lock:  # called by the main thread, or when a stage's tasks are done
        setups = list(_early)
        _early.clear()
    for lane in (DOCUMENTS, EDITION):
        mine = [(setup, args) for setup, args, its in setups if its == lane]
        if mine and (lane == DOCUMENTS or count >= session[1]):
            session[0].set_up(lane, count, _make_all, mine)


def _make_all(setups: list[tuple[Callable[..., Any] | str, tuple[Any, ...]]]) -> None:
    """In a worker: each set-up made (:func:`context`; one given by name imported)."""
    for setup, args in setups:
        if isinstance(setup, str):
            import importlib

            module, _, name = setup.partition(":")
            setup = getattr(importlib.import_module(module), name)
        context(setup, args)


def run(tasks: Sequence[T], work: Callable[[C, T], R], setup: Callable[..., C],
        setup_args: tuple[Any, ...] = (), *, jobs: int = 1,
        progress: Progress | None = None, weights: Sequence[float] | None = None,
        warm_setup: bool = False, expected: int | None = None,
        early: bool | None = True, lane: str | None = None) -> Iterator[R]:
    """``work(setup(*setup_args), task)`` for each task, results in task order.

    ``work`` and ``setup`` must be module-level functions (they are sent to the workers
    by name); tasks and results must pickle. ``weights``: how long each task is expected
    to take (its file's size, say): the heavy ones are handed out first
    (:func:`_chunks`). With other
    processes, the tasks are handed out now (the caller may do other work before it
    takes the results; in a session, a few at a time: :class:`_Feed`); in this process,
    each is done when its result is taken.
    ``warm_setup``: the session's workers have what ``setup`` needs (:func:`warm`).
    ``expected``: how many tasks the work amounts to, when a task may come back to be
    split into more (how many processes are worth starting). ``early``: the set-up asked
    for by :func:`warm` is started before these tasks (True), once the workers have
    done them (None), or when the caller says so (False, :func:`start_early`).
    ``lane``: which workers the tasks are for in a session (:class:`_Lanes`).
    """
    if tasks and early:
        start_early(len(tasks) if expected is None else expected)
    processes = workers_for(len(tasks) if expected is None else expected, jobs,
                            warm_setup=warm_setup)
    if processes == 1:
        return _here(tasks, work, setup, setup_args, progress)
    if _session is not None:
        feed = _Feed(_session[0], processes, tasks, work, setup, setup_args, weights, lane)
        if early is None:
            _warm_after(feed)
        return _results(feed, len(tasks), progress, None)
    executor = _executor(processes)
    where = _spread(executor, processes, tasks, work, setup, setup_args, weights)
    return _results(where, len(tasks), progress, executor)


def _here(tasks: Sequence[T], work: Callable[[C, T], R], setup: Callable[..., C],
          setup_args: tuple[Any, ...], progress: Progress | None) -> Iterator[R]:
    made: C | None = None
    for task in tasks:
        if made is None:
            made = setup(*setup_args)
        result = work(made, task)
        if progress is not None:
            progress.advance()
        yield result


def _spread(executor: Executor, processes: int, tasks: Sequence[T],
            work: Callable[[C, T], R], setup: Callable[..., C], setup_args: tuple[Any, ...],
            weights: Sequence[float] | None) -> dict[int, tuple[Any, int]]:
    """Hand the tasks out in chunks (:func:`_chunks`); where each one's result is."""
    where: dict[int, tuple[Any, int]] = {}
    for chunk in _chunks(len(tasks), processes, weights):
        future = executor.submit(_call_chunk, setup, setup_args, work,
                                 [tasks[i] for i in chunk])
        for position, index in enumerate(chunk):
            where[index] = (future, position)
    return where


# Tasks handed to a worker and not yet done, per worker: one being worked on and one
# waiting, so that no worker waits for the next; few enough that a whole-edition
# product handed out meanwhile (:func:`submit`) is taken next, not after every
# document of the edition.
AHEAD_PER_WORKER = 2

# A worker with nothing to do takes a document of another lane's stage only while this
# many of its chunks wait: it compiles the views first (0.1-0.2 s, some ten documents'
# pages), which a last few documents are not worth. Once it has taken one, it takes the
# stage's chunks as they come, however few wait.
STEAL_AFTER = 4


class _Task:
    """A task waiting in :class:`_Lanes` for a worker: ``function(*args)``, its future,
    its lane, and the stage it belongs to (a :class:`_Feed`; None: one task)."""

    __slots__ = ("args", "function", "future", "lane", "stage", "worker")

    def __init__(self, function: Callable[..., Any], args: tuple[Any, ...], lane: str | None,
                 stage: _Feed | None, worker: int | None = None) -> None:
        from concurrent.futures import Future

        self.function = function
        self.args = args
        self.future: Any = Future()
        self.lane = lane
        self.stage = stage
        self.worker = worker  # set: for that worker only (its set-up)


class _Lanes:
    """A session's workers, each with a queue of its own, and the tasks handed to them
    by a thread of this process as they become free (:data:`AHEAD_PER_WORKER` each).

    Each worker compiles the stylesheets of the tasks it takes, once: the views' for a
    document, the pages' for a whole-edition page, the Schematron rules for a check.
    With one pool shared by every worker, each took some of everything and compiled
    everything (at 40 documents, some 0.45 s of CPU more than ``--jobs 1``, on two
    cores). So tasks have a lane: those of :data:`EDITION` (the pages across documents)
    go to the last worker, those of :data:`DOCUMENTS` (the documents' pages, and the
    check of the few files a build changed, which their worker makes before them while
    the last makes the pages) to the others (with one worker, everything to it), those
    of none (the conversion, the corrections page, a check of many files) to any. A
    worker with nothing to do takes a waiting document of another lane while
    :data:`STEAL_AFTER` chunks of them wait (it compiles the views then), and once it
    has, the stage's further chunks however few wait; a
    whole-edition task waits for its own worker. Set-up tasks (:func:`warm`) go first to
    the workers of their lane; single tasks (:func:`submit`) before the chunks of a
    stage; a stage's chunks in their order, to at most as many workers as its tasks are
    worth (:func:`workers_for`). A worker replaced (:mod:`edition.stages.recycle`) keeps
    its lane."""

    def __init__(self, executors: list[Executor]) -> None:
        self.executors = executors
        self.busy = [0] * len(executors)  # tasks handed to each worker, not done
        self.waiting: list[_Task] = []
        self.changed = threading.Condition()
        self.closed = False
        self.thread: threading.Thread | None = None
        self.ends: list[threading.Thread] | None = None  # (see _ending)

    def homes(self, lane: str | None) -> range:
        """The workers whose lane ``lane`` is."""
        count = len(self.executors)
        if lane is None or count == 1:
            return range(count)
        return range(count - 1, count) if lane == EDITION else range(count - 1)

    def put(self, lane: str | None, function: Callable[..., Any], args: tuple[Any, ...],
            stage: _Feed | None = None) -> Any:
        """``function(*args)`` handed to a worker of ``lane`` when one is free; its
        future."""
        return self._add([_Task(function, args, lane, stage)])[0]

    def put_all(self, lane: str | None, function: Callable[..., Any],
                tasks: list[tuple[Any, ...]], stage: _Feed) -> list[Any]:
        return self._add([_Task(function, args, lane, stage) for args in tasks])

    def set_up(self, lane: str, count: int, function: Callable[..., Any],
               *args: Any) -> None:
        """``function(*args)`` first in each of ``count`` workers of ``lane`` (at most
        every worker of the lane)."""
        self._add([_Task(function, args, lane, None, worker)
                   for worker in list(self.homes(lane))[:max(1, count)]])

    def _add(self, tasks: list[_Task]) -> list[Any]:
        with self.changed:
            if self.closed:
                raise RuntimeError("the session has ended")
            self.waiting.extend(tasks)
            for task in tasks:
                if task.stage is not None:
                    task.stage.waiting += 1
            if self.thread is None:
                self.thread = threading.Thread(target=self._hand_out, name="hand-out",
                                               daemon=True)
                self.thread.start()
            self.changed.notify_all()
        return [task.future for task in tasks]

    def cancel(self, stage: _Feed) -> None:
        """The tasks of ``stage`` not handed out yet, dropped."""
        with self.changed:
            dropped = [task for task in self.waiting if task.stage is stage]
            self.waiting = [task for task in self.waiting if task.stage is not stage]
            stage.waiting = 0
        for task in dropped:
            task.future.cancel()

    def _hand_out(self) -> None:
        while True:
            with self.changed:
                chosen = None
                while not self.closed and (chosen := self._next()) is None:
                    self.changed.wait()
                if chosen is None:  # closed
                    return
                task, worker = chosen
                self.waiting.remove(task)
                self.busy[worker] += 1
                if task.stage is not None:
                    task.stage.workers.add(worker)
                    task.stage.waiting -= 1
            try:
                future = self.executors[worker].submit(_unless_grown, task.function,
                                                       *task.args)
            except BaseException as exc:  # (the session ended meanwhile: not wanted)
                self._done(worker, task, None, exc)
                continue
            future.add_done_callback(functools.partial(self._when_done, worker, task))

    def _when_done(self, worker: int, task: _Task, done: Any) -> None:
        self._done(worker, task, done, None)

    def _next(self) -> tuple[_Task, int] | None:
        """The next task to hand out, and its worker: set-ups first, then single tasks,
        then the stages' chunks, each in their order."""
        for kind in (0, 1, 2):
            passed: set[int] = set()  # stages whose next chunk has no worker now
            for task in self.waiting:
                if (0 if task.worker is not None else 1 if task.stage is None else 2) != kind:
                    continue
                if task.stage is not None and id(task.stage) in passed:
                    continue
                worker = self._worker_for(task)
                if worker is not None:
                    return task, worker
                if task.stage is not None:
                    passed.add(id(task.stage))
        return None

    def _worker_for(self, task: _Task) -> int | None:
        if task.worker is not None:
            return task.worker
        free = [w for w in self.homes(task.lane) if self.busy[w] < AHEAD_PER_WORKER]
        stage = task.stage
        if stage is not None and len(stage.workers) >= stage.processes:
            free = [w for w in free if w in stage.workers]
        if free:
            return min(free, key=lambda w: self.busy[w])
        if task.lane != DOCUMENTS:
            return None
        idle = [w for w in range(len(self.executors)) if not self.busy[w]
                and (stage is None or w in stage.workers or len(stage.workers) < stage.processes)]
        if stage is not None and stage.waiting < STEAL_AFTER:
            # too few left to be worth a set-up; but a worker that took a chunk of this
            # stage has made it (unless it was replaced since), and takes another as its
            # home worker would: the last documents are shared, not left to one worker
            # while the other waits (at 40 documents, some 0.1 s of one worker alone)
            idle = [w for w in idle if w in stage.workers]
        return idle[0] if idle else None

    def _done(self, worker: int, task: _Task, done: Any, error: BaseException | None) -> None:
        from edition.stages.recycle import Grown

        handed_back = (error is None and not done.cancelled() and done.exception() is None
                       and isinstance(done.result(), Grown))
        with self.changed:
            self.busy[worker] -= 1
            if handed_back and not self.closed:  # first again, for the worker's successor
                self.waiting.insert(0, task)
                if task.stage is not None:
                    task.stage.waiting += 1
                self.changed.notify_all()
                return
            self.changed.notify_all()
        if handed_back:  # (the session has ended meanwhile: not wanted)
            task.future.cancel()
            return
        if error is None:
            error = done.exception() if not done.cancelled() else None
            if done.cancelled():
                task.future.cancel()
                return
        if not task.future.set_running_or_notify_cancel():
            return
        if error is not None:
            task.future.set_exception(error)
        else:
            task.future.set_result(done.result())

    def shutdown(self) -> None:
        with self.changed:
            dropped, self.waiting = self.waiting, []
            self._close()
        for task in dropped:
            task.future.cancel()
        for thread in self._ending():
            thread.join()

    def release(self) -> bool:
        """When no task waits or runs: the workers told to end now, not waited for (see
        :func:`release`); whether they were."""
        with self.changed:
            if self.closed or self.waiting or any(self.busy):
                return False
            self._close()
        self._ending()
        return True

    def _close(self) -> None:
        """(Holding ``changed``.) No more tasks: the hand-out thread told to end."""
        self.closed = True
        self.changed.notify_all()

    def _ending(self) -> list[threading.Thread]:
        """Each worker told to end, in a thread of its own, at once (one after another,
        each wait took 15-20 ms: a worker's end, its queues' threads joined, its memory
        let go); the threads, started once."""
        if self.ends is None:
            self.ends = [threading.Thread(target=executor.shutdown, name="shutdown",
                                          kwargs={"wait": True, "cancel_futures": True})
                         for executor in self.executors]
            for thread in self.ends:
                thread.start()
        return self.ends


class _Feed:
    """A session stage's tasks, in chunks (:func:`_chunks`), handed to the workers of its
    lane by :class:`_Lanes` a few at a time (:data:`AHEAD_PER_WORKER`), the next chunk
    when one is done; so a page made from the whole edition (the registers, the
    timeline: :func:`submit`) that the caller hands out while the documents are being
    rendered is not queued behind every document of the edition. The first hand-out
    waits for the fork server and the workers to start (half a second), which the
    calling process spends on its own work meanwhile."""

    def __init__(self, lanes: _Lanes, processes: int, tasks: Sequence[Any],
                 work: Callable[..., Any], setup: Callable[..., Any],
                 setup_args: tuple[Any, ...], weights: Sequence[float] | None,
                 lane: str | None = None) -> None:
        self._chunks = _chunks(len(tasks), processes, weights)
        self._where = {index: (number, position)
                       for number, chunk in enumerate(self._chunks)
                       for position, index in enumerate(chunk)}
        self.processes = processes  # workers it may use
        self.workers: set[int] = set()  # workers it was handed to (by _Lanes)
        self.waiting = 0  # chunks not handed out yet (kept by _Lanes)
        self._left = [len(chunk) for chunk in self._chunks]  # results not yet taken
        self._done = 0  # chunks done (their futures')
        self._all_done: list[Callable[[], None]] = []
        self._changed = threading.Lock()
        self._lanes = lanes
        start_fork_server()  # from the calling thread, before the hand-out thread
        self._futures: list[Any] = lanes.put_all(
            lane, _call_chunk,
            [(setup, setup_args, work, [tasks[i] for i in chunk]) for chunk in self._chunks],
            self)
        for future in self._futures:
            future.add_done_callback(self._one_done)

    def _one_done(self, _: Any) -> None:
        with self._changed:
            self._done += 1
            last = self._done == len(self._chunks)
            callbacks = list(self._all_done) if last else []
        for callback in callbacks:
            callback()

    def result(self, index: int) -> Any:
        """Task ``index``'s result, once its chunk is done; taken once. A chunk whose
        results are all taken is let go of: the results of a whole stage are not held
        until its end (at 1,000 sources, the conversion's 14 MB, held while the
        registers file was made from them)."""
        number, position = self._where[index]
        future = self._futures[number]
        if future is None:
            raise RuntimeError(f"the result of task {index} was taken already")
        value = future.result()[position]
        with self._changed:
            self._left[number] -= 1
            if not self._left[number]:
                self._futures[number] = None
        return value

    def when_done(self, callback: Callable[[], None]) -> None:
        """``callback()`` once every chunk is done (from the pool's thread: it must not
        wait on the pool)."""
        with self._changed:
            if self._done < len(self._chunks):
                self._all_done.append(callback)
                return
        callback()

    def close(self) -> None:
        """Hand out no more (the caller takes no more results)."""
        self._lanes.cancel(self)


# A task this many times the middle weight is handed out before the others (a source
# holding a whole collection among single documents, say).
HEAVY = 4.0


def _chunks(count: int, processes: int, weights: Sequence[float] | None) -> list[list[int]]:
    """The tasks' numbers in chunks: the heavy ones first (:data:`HEAVY`; the heaviest
    first), so that no worker is left with a long one at the end; then the others in
    their order. Not all by weight: the caller takes the results in task order, and a
    first task handed out last kept it waiting while the others' results piled up (at
    200 sources, the main process wrote every TEI file after the last was converted,
    the workers idle meanwhile)."""
    order = list(range(count))
    if weights is not None and count:
        middle = sorted(weights)[count // 2]
        heavy = sorted((i for i in order if weights[i] > HEAVY * middle),
                       key=lambda i: -weights[i])  # stable: equal weights keep their order
        if heavy:
            first = set(heavy)
            order = heavy + [i for i in order if i not in first]
    size = max(1, min(max(MAX_CHUNK, -(-count // MAX_CHUNKS)), count // (processes * 8)))
    return [order[start:start + size] for start in range(0, count, size)]


def _warm_after(feed: _Feed) -> None:
    """The early set-up started once the tasks ``feed`` hands out are done."""
    # not from the pool's own thread, which runs the callback
    feed.when_done(lambda: threading.Thread(target=start_early, name="early",
                                            daemon=True).start())


def _results(where: dict[int, tuple[Any, int]] | _Feed, count: int,
             progress: Progress | None, executor: Executor | None) -> Iterator[Any]:
    try:
        for index in range(count):
            if isinstance(where, _Feed):
                result = where.result(index)
            else:
                future, position = where.pop(index)
                result = future.result()[position]
            if progress is not None:
                progress.advance()
            yield result
    finally:
        if isinstance(where, _Feed):
            where.close()
        if executor is not None:  # a pool of this stage's own
            executor.shutdown(wait=True, cancel_futures=True)


class Deferred(Generic[R]):
    """A result to take later (:func:`submit`)."""

    def __init__(self, take: Callable[[], R], settle: Callable[[], None] | None = None) -> None:
        self._take = take
        self._settle = settle

    def result(self) -> R:
        return self._take()

    def settle(self) -> None:
        """Wait for the work if it has begun (:func:`beside`), without beginning it
        when it has not (a result made when asked for, that is no longer wanted)."""
        if self._settle is not None:
            self._settle()


def submit(function: Callable[..., R], *args: Any, lane: str | None = None) -> Deferred[R]:
    """``function(*args)`` in a worker of the open session (of ``lane``: :class:`_Lanes`),
    started as soon as one is free, before the chunks of a stage under way; without a
    session, in this process when its result is first asked for. ``function`` must be
    module-level; its arguments and result must pickle."""
    if _session is None:
        return when_asked(function, *args)
    start_fork_server()
    future = _session[0].put(lane, function, args)
    return Deferred(future.result)


def beside(function: Callable[..., R], *args: Any) -> Deferred[R]:
    """``function(*args)`` in a thread of this process, started now, in an open session
    (this process mostly waits for its workers then: a whole-edition product made from
    files the workers do not write, say); without a session, in this process when its
    result is first asked for, as :func:`submit` does. An exception it raises is raised
    where its result is taken."""
    if _session is None:
        return submit(function, *args)
    done: list[R] = []
    failed: list[BaseException] = []

    def call() -> None:
        try:
            done.append(function(*args))
        except BaseException as exc:  # raised in the caller, when it takes the result
            failed.append(exc)

    thread = threading.Thread(target=call, name=getattr(function, "__name__", "beside"),
                              daemon=True)
    thread.start()

    def take() -> R:
        thread.join()
        if failed:
            raise failed[0]
        return done[0]

    return Deferred(take, thread.join)


def when_asked(function: Callable[..., R], *args: Any) -> Deferred[R]:
    """``function(*args)`` in this process, when its result is first asked for."""
    done: list[R] = []

    def take() -> R:
        if not done:
            done.append(function(*args))
        return done[0]

    return Deferred(take)


_asides: list[Executor] = []  # the processes of :func:`aside` in the open session


def aside(function: Callable[..., R], *args: Any) -> Deferred[R]:
    """``function(*args)`` in a process of its own, started now, in an open session
    (forked from its fork server, so clean of Saxon): for a whole-edition product that
    is mostly Python work, which a thread of this process would do with the process's
    one interpreter lock shared, and whose memory is then its own, added to neither
    this process's nor a worker's. Without a session, in this process when its result
    is first asked for (:func:`submit`). ``function`` must be module-level; its
    arguments and result must pickle."""
    if _session is None:
        return submit(function, *args)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    start_fork_server()
    executor = ProcessPoolExecutor(max_workers=1,
                                   mp_context=multiprocessing.get_context(method),
                                   initializer=_end_with, initargs=(os.getpid(),))
    _asides.append(executor)
    future = executor.submit(_flushed_after, function, *args)

    # once its result is in, the process is told to end and not waited for (15-20 ms
    # of this process's time, at the end of a build): the session's end waits for it
    def take() -> R:
        try:
            return future.result()
        finally:
            executor.shutdown(wait=False)

    def settle() -> None:
        future.exception()  # waits for it to end, whatever it gave
        executor.shutdown(wait=False)

    return Deferred(take, settle)


def _flushed_after(function: Callable[..., R], *args: Any) -> R:
    """``function(*args)``, then what it wrote without a flush put on disk (in the
    process aside: the calling process flushes only what it and the workers wrote, see
    :func:`edition.xmlio.flush_written`)."""
    from edition.xmlio import flush_written

    result = function(*args)
    flush_written()
    return result


def _end_asides() -> None:
    while _asides:
        _asides.pop().shutdown(wait=True, cancel_futures=True)


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
