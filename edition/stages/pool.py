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

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Executor

T = TypeVar("T")
R = TypeVar("R")
C = TypeVar("C")

# Without a session: with fewer tasks than this per extra process, the work stays in the
# calling process (starting a worker and setting it up costs about as much as 4 tasks).
MIN_TASKS_PER_WORKER = 4
# Tasks of one stage handed to a worker at once: small enough that the workers finish
# together, large enough that handing them out costs little.
MAX_CHUNK = 16
# A worker of a session ends after the task it took when its peak resident memory was
# above this (MB), and a fresh one takes its place (:mod:`edition.stages.recycle`):
# Saxon's heap grows with the work a process has done. Above what a worker of a small
# edition reaches (about 200-220 MB for the 40 documents of this one), so that a small
# edition does not pay for setting up new workers; a large one's workers stay near it.
RECYCLE_MB = 232

_session: tuple[Executor, int] | None = None  # (pool, processes) of the open session
# In a process: what each setup function made, with the arguments it was made from.
_contexts: dict[str, tuple[tuple[Any, ...], Any]] = {}
# set-up to start (warm): a function, or its name
_early: list[tuple[Callable[..., Any] | str, tuple[Any, ...]]] = []
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
              recycle: float | None = None) -> Executor:
    """A pool of ``processes`` workers; ``recycle``: megabytes past which a worker ends
    after its task and a fresh one is started in its place (None: workers last as long
    as the pool)."""
    import multiprocessing  # only when there is work for other processes

    from edition.stages.recycle import Budget, RecyclingExecutor

    budget = Budget(sys.maxsize, recycle) if recycle is not None else None

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
            recycle: float | None = RECYCLE_MB) -> Iterator[None]:
    """One pool of ``jobs`` workers for every :func:`run` and :func:`submit` inside;
    none (all in this process) when ``jobs`` is 1. ``preload``: modules the workers
    will import, imported once before they start (they must not load Saxon or Java:
    the fork server stays clean of them). ``recycle``: megabytes past which a worker
    is replaced by a fresh one after its task (:data:`RECYCLE_MB`; None: never), so
    that the workers' memory does not grow with the size of the edition."""
    global _session
    if jobs <= 1 or _session is not None:
        yield
        return
    executor = _executor(jobs, preload, recycle=recycle)
    _session = (executor, jobs)
    try:
        yield
    finally:
        _session = None
        _preload.clear()
        os.environ.pop(_SET_UP_VARIABLE, None)
        _early.clear()
        _end_asides()
        executor.shutdown(wait=True, cancel_futures=True)
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


def forget() -> None:
    """Let go of what :func:`context` keeps in this process."""
    _contexts.clear()


def _call_chunk(setup: Callable[..., Any], args: tuple[Any, ...],
                work: Callable[[Any, Any], Any], tasks: list[Any]) -> list[Any]:
    made = context(setup, args)
    return [work(made, task) for task in tasks]


def warm(setup: Callable[..., Any] | str, args: tuple[Any, ...] = ()) -> None:
    """In an open session, have each worker make ``setup(*args)`` (:func:`context`) as
    soon as any stage has tasks (even ones done in this process: the workers set up
    meanwhile); nothing if no stage has work (a build with nothing to do starts no
    worker) or without a session. ``setup`` must depend on its arguments only, not on
    files a stage is about to change (compiling stylesheets, say). It may be given by
    name (``"package.module:function"``): its module is then imported by the workers
    only, not by this process before it does its own work."""
    if _session is not None:
        _early.append((setup, args))


def start_early(tasks: int | None = None) -> None:
    """Have the session's workers make the set-up asked for by :func:`warm` now (a stage
    that ran with ``early=False`` calls it once its own tasks are handed out): as many
    workers as ``tasks`` tasks are worth (:func:`workers_for`; None: every worker), so
    that a build with one document to do sets up one worker, not one per core. While
    the pool has not started its workers, by a thread of its own: the first hand-out
    waits for the fork server and the workers to start, which the caller spends on its
    work."""
    session = _session
    if session is None or not _early:
        return
    count = session[1] if tasks is None else workers_for(tasks, session[1])
    if _started(session[0]):
        _hand_out_early(session[0], count)
    else:
        start_fork_server()  # from this thread, while it is the only one
        threading.Thread(target=_hand_out_early, args=(session[0], count), name="early",
                         daemon=True).start()


def _hand_out_early(executor: Executor, count: int) -> None:
    """``count`` tasks, each making every set-up asked for (a worker busy setting up
    leaves the next task to another)."""
    from edition.stages.recycle import RecyclingExecutor

    with _early_lock:  # called by the main thread, or when a stage's tasks are done
        setups = list(_early)
        _early.clear()
        if not setups:
            return
        submit = (executor.submit_set_up if isinstance(executor, RecyclingExecutor)
                  else executor.submit)
        for _ in range(count):
            try:
                submit(_make_all, setups)
            except RuntimeError:  # the session ended meanwhile: no set-up wanted
                return


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
        early: bool | None = True) -> Iterator[R]:
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
    """
    if tasks and early:
        start_early(len(tasks) if expected is None else expected)
    processes = workers_for(len(tasks) if expected is None else expected, jobs,
                            warm_setup=warm_setup)
    if processes == 1:
        return _here(tasks, work, setup, setup_args, progress)
    if _session is not None:
        feed = _Feed(_session[0], processes, tasks, work, setup, setup_args, weights)
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


# Chunks of a session's stage handed to the pool and not yet done, per worker: one
# being worked on and one waiting, so that no worker waits for the next; few enough
# that a whole-edition product handed out meanwhile (:func:`submit`) is taken next,
# not after every document of the edition.
AHEAD_PER_WORKER = 2


class _Feed:
    """A session stage's tasks handed to the pool by a thread of their own, in chunks
    (:func:`_chunks`), a few at a time (:data:`AHEAD_PER_WORKER`): the next chunk
    when one is done. The pool takes its work in the order it was handed out; so a
    page made from the whole edition (the registers, the timeline: :func:`submit`)
    that the caller hands out while the documents are being rendered is not queued
    behind every document of the edition, and no worker is left alone with it at the
    end. The first hand-out waits for the fork server and the workers to start (half
    a second), which the calling process spends on its own work meanwhile."""

    def __init__(self, executor: Executor, processes: int, tasks: Sequence[Any],
                 work: Callable[..., Any], setup: Callable[..., Any],
                 setup_args: tuple[Any, ...], weights: Sequence[float] | None) -> None:
        self._chunks = _chunks(len(tasks), processes, weights)
        self._where = {index: (number, position)
                       for number, chunk in enumerate(self._chunks)
                       for position, index in enumerate(chunk)}
        self._futures: list[Any] = []  # of the chunks handed out, in order (None: taken)
        self._left = [len(chunk) for chunk in self._chunks]  # results not yet taken
        self._ahead = processes * AHEAD_PER_WORKER
        self._done = 0  # chunks done (their futures')
        self._closed = False
        self._error: BaseException | None = None
        self._all_done: list[Callable[[], None]] = []
        self._changed = threading.Condition()
        args = (executor, tasks, work, setup, setup_args)
        start_fork_server()  # from the calling thread, before this one
        threading.Thread(target=self._run, args=args, name="hand-out", daemon=True).start()

    def _run(self, executor: Executor, tasks: Sequence[Any], work: Callable[..., Any],
             setup: Callable[..., Any], setup_args: tuple[Any, ...]) -> None:
        try:
            for chunk in self._chunks:
                with self._changed:
                    while (not self._closed
                           and len(self._futures) - self._done >= self._ahead):
                        self._changed.wait()
                    if self._closed:
                        return
                future = executor.submit(_call_chunk, setup, setup_args, work,
                                         [tasks[i] for i in chunk])
                with self._changed:
                    self._futures.append(future)
                    self._changed.notify_all()
                future.add_done_callback(self._one_done)
        except BaseException as exc:  # raised in the caller, when it takes a result
            with self._changed:
                self._error = exc
                self._changed.notify_all()

    def _one_done(self, _: Any) -> None:
        with self._changed:
            self._done += 1
            self._changed.notify_all()
            last = self._done == len(self._chunks)
            callbacks = list(self._all_done) if last else []
        for callback in callbacks:
            callback()

    def result(self, index: int) -> Any:
        """Task ``index``'s result, once its chunk is handed out and done; taken once. A
        chunk whose results are all taken is let go of: the results of a whole stage are
        not held until its end (at 1,000 sources, the conversion's 14 MB, held while the
        registers file was made from them)."""
        number, position = self._where[index]
        with self._changed:
            while len(self._futures) <= number and self._error is None:
                self._changed.wait()
            if len(self._futures) <= number:
                raise self._error  # type: ignore[misc]
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
        with self._changed:
            self._closed = True
            self._changed.notify_all()


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
    size = max(1, min(MAX_CHUNK, count // (processes * 8)))
    return [order[start:start + size] for start in range(0, count, size)]


def _warm_after(feed: _Feed) -> None:
    """The early set-up started once the tasks ``feed`` hands out are done."""
    # not from the pool's own thread, which runs the callback
    feed.when_done(lambda: threading.Thread(target=start_early, name="early",
                                            daemon=True).start())


def _started(executor: Executor) -> bool:
    return bool(getattr(executor, "_processes", None))


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


def submit(function: Callable[..., R], *args: Any) -> Deferred[R]:
    """``function(*args)`` in a worker of the open session, started now; without a
    session, in this process when its result is first asked for. ``function`` must be
    module-level; its arguments and result must pickle."""
    if _session is None:
        return when_asked(function, *args)
    start_fork_server()
    future = _session[0].submit(function, *args)
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

    def take() -> R:
        try:
            return future.result()
        finally:
            executor.shutdown(wait=True)

    def settle() -> None:
        future.exception()  # waits for it to end, whatever it gave
        executor.shutdown(wait=True)

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
