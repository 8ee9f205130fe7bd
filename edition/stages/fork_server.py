"""A session's fork server made by forking this process, where that is safe.

multiprocessing's fork server is a fresh interpreter: it starts Python, imports the pool's
modules and the session's, and only then can it fork the first worker (half a second
into a build from scratch, with one core idle meanwhile). A fork of this process has
Python started and most of those modules imported already, and is ready as soon as it
has imported the rest.

A fork copies one thread and every byte of its process, so it is made only when:

* this process runs no thread but its main one (a lock another thread held when it
  forked would stay locked in the copy for ever);
* it has not loaded a runtime with threads of its own (:data:`UNSAFE_MODULES`: Saxon's
  GraalVM isolate); this is why the fork server exists at all;
* it is small (:data:`LIMIT_MB`): every worker starts with the pages of the process it is
  forked from, and a worker that has grown past its budget is replaced
  (:mod:`edition.stages.recycle`);
* the Python is one whose fork server speaks the protocol used here (3.11 to 3.13), on
  Linux;
* ``EDITION_FRESH_FORK_SERVER`` is not set (an editor who suspects this way can turn it
  off).

Otherwise :func:`start` says so, and the caller starts multiprocessing's own, as before.
multiprocessing's resource tracker, a fresh interpreter too, is forked the same way
(:func:`start_tracker`).

In the copy, what this process held that must not reach a worker is let go of (the
caller's ``clean``: the open session, say), and so is every file descriptor but the
standard ones and the server's own two, as the fresh interpreter would have. The copy
serves one session: :func:`stop` ends it when the session ends, so that no later
command in the same process (a test run) has its workers forked from what this process
held at an earlier one."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

# Modules that start threads of their own when loaded: a process holding one is not
# forked (saxonche: GraalVM's reference handler thread).
UNSAFE_MODULES = ("saxonche",)
# Resident megabytes past which this process is not forked (the command's process is
# some 30 MB when the fork server starts; a test run's holds far more).
LIMIT_MB = 120
# Pythons whose fork server (multiprocessing.forkserver.main) takes the arguments given
# here: 3.14 adds an authentication key.
PYTHONS = ((3, 11), (3, 13))
# Set (to anything but "" or "0"): always multiprocessing's own fork server.
SWITCH = "EDITION_FRESH_FORK_SERVER"

_forked: int | None = None  # the process id of the fork server started here
_ending: list[int] = []  # those told to end (stop), not yet reaped


def unsafe_reason() -> str | None:
    """Why this process may not be forked into a fork server now (None: it may)."""
    if os.environ.get(SWITCH, "") not in ("", "0"):
        return f"{SWITCH} is set"
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return "not Linux"
    if not PYTHONS[0] <= sys.version_info[:2] <= PYTHONS[1]:
        return f"Python {sys.version_info[0]}.{sys.version_info[1]}"
    if threading.active_count() != 1:
        return f"{threading.active_count()} threads"
    loaded = [name for name in UNSAFE_MODULES if name in sys.modules]
    if loaded:
        return f"{', '.join(loaded)} loaded"
    resident = resident_mb()
    if resident is None or resident > LIMIT_MB:
        return f"{resident} MB resident"
    return None


def resident_mb() -> float | None:
    """This process's resident memory now, in MB (None: not told)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def start(clean: Callable[[], None]) -> bool:
    """multiprocessing's fork server, if none runs, started as a fork of this process;
    ``clean`` is called in the fork first. Whether a fork server runs now: False when
    this process may not be forked (:func:`unsafe_reason`) and none ran."""
    global _forked
    import socket
    from multiprocessing import connection, forkserver, util

    server: Any = forkserver._forkserver  # its private state, as in CPython's own tests
    _reap()
    with server._lock:
        if _running(server):
            return True
        if unsafe_reason() is not None:
            return False
        _flush()
        _start_tracker()  # as multiprocessing does, before its server
        preload = list(server._preload_modules)
        address = connection.arbitrary_address("AF_UNIX")  # type: ignore[attr-defined]
        with socket.socket(socket.AF_UNIX) as listener:
            listener.bind(address)
            if not util.is_abstract_socket_namespace(address):
                os.chmod(address, 0o600)
            listener.listen()
            # every client holds the write end: when all are gone, the server ends
            alive_r, alive_w = os.pipe()
            pid = os.fork()
            if pid == 0:
                _serve(server, listener.fileno(), alive_r, preload, clean)
            os.close(alive_r)
        server._forkserver_address = address
        server._forkserver_alive_fd = alive_w
        server._forkserver_pid = pid
        _forked = pid
    return True


def start_tracker() -> None:
    """multiprocessing's resource tracker (the process that removes the semaphores of
    processes that ended without), if none runs and this process may be forked
    (:func:`unsafe_reason`), started as a fork of it, where a fresh interpreter costs a
    tenth of a second of CPU. A pool starts it when it makes its queues' locks: this is
    called before. Otherwise multiprocessing starts its own when it needs one."""
    if unsafe_reason() is None:
        _flush()
        _start_tracker()


def _flush() -> None:
    """What this process wrote and has not flushed, written now: not again by a fork."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def _start_tracker() -> None:
    """The resource tracker as a fork of this process, if none runs. As its own start
    does: SIGINT and SIGTERM blocked until it ignores them, and no descriptor of this
    process but the standard ones and its pipe."""
    import signal
    from multiprocessing import resource_tracker

    tracker: Any = resource_tracker._resource_tracker  # its private state, as above
    with tracker._lock:
        if tracker._fd is not None:  # started (one that died is multiprocessing's)
            return
        r, w = os.pipe()
        ignored = (signal.SIGINT, signal.SIGTERM)
        signal.pthread_sigmask(signal.SIG_BLOCK, ignored)
        try:
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    _close_all_but({0, 1, 2, r})
                    resource_tracker.main(r)  # unblocks the signals once it ignores them
                    code = 0
                finally:
                    os._exit(code)
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, ignored)
        os.close(r)
        tracker._fd = w
        tracker._pid = pid


def _running(server: Any) -> bool:
    """Whether ``server``'s process runs (one that ended is forgotten, as
    multiprocessing's ``ensure_running`` does)."""
    pid = server._forkserver_pid
    if pid is None:
        return False
    ended, _ = os.waitpid(pid, os.WNOHANG)
    if not ended:
        return True
    _forget(server)
    return False


def _forget(server: Any) -> str | None:
    """``server``'s process forgotten, its "alive" pipe closed (the sign to end, to one
    that runs); the address it listened at."""
    address: str | None = server._forkserver_address
    os.close(server._forkserver_alive_fd)
    server._forkserver_address = None
    server._forkserver_alive_fd = None
    server._forkserver_pid = None
    return address


def _serve(server: Any, listener: int, alive_r: int, preload: list[str],
           clean: Callable[[], None]) -> None:
    """In the fork: be the fork server, then end (never return to the caller's code)."""
    from multiprocessing import forkserver

    code = 1
    try:
        server._lock = threading.Lock()  # held when forked
        _close_all_but({0, 1, 2, listener, alive_r})
        _forget_tracker()
        clean()
        forkserver.main(listener, alive_r, preload)
        code = 0
    except SystemExit as exit_:  # the server's way to end: every client has gone
        code = exit_.code if isinstance(exit_.code, int) else 0
    except BaseException:  # reported, and the process ends
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stderr.flush()
        finally:
            os._exit(code)


def _forget_tracker() -> None:
    """In the fork: the caller's resource tracker forgotten, as a fresh interpreter has
    none (its pipe is closed here; each process the server starts is handed it anew)."""
    from multiprocessing import resource_tracker

    tracker: Any = resource_tracker._resource_tracker
    tracker._lock = threading.RLock()  # (held by no thread of this process)
    tracker._fd = None
    tracker._pid = None


def _close_all_but(keep: set[int]) -> None:
    """Close every file descriptor of this process but ``keep``: a pipe the caller had
    open (to a program it runs, say) would otherwise stay open for as long as the fork
    server lives, and the program at its other end would wait for its end."""
    try:
        open_fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        open_fds = list(range(3, os.sysconf("SC_OPEN_MAX")))
    for fd in open_fds:
        if fd not in keep:
            with contextlib.suppress(OSError):  # the listing's own, closed already
                os.close(fd)


def stop() -> None:
    """End the fork server :func:`start` made, if it is still the one multiprocessing
    uses: told to end, it ends once every process it started has ended too (the
    caller's session has shut its pool down) and it has imported what it was importing
    (a build with nothing to do ends before it has). Not waited for: it is reaped when
    it has ended (:func:`_reap`), at the next start or stop."""
    global _forked
    from multiprocessing import forkserver, util

    pid, _forked = _forked, None
    server: Any = forkserver._forkserver  # its private state, as in CPython's own tests
    with server._lock:
        if pid is None or server._forkserver_pid != pid:
            return
        address = _forget(server)
    if address and not util.is_abstract_socket_namespace(address):
        with contextlib.suppress(OSError):
            os.unlink(address)
    _ending.append(pid)
    _reap()


def _reap() -> None:
    """The fork servers told to end that have ended, reaped (no zombie is left)."""
    for pid in list(_ending):
        try:
            ended, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # reaped elsewhere
            ended = pid
        if ended:
            _ending.remove(pid)
