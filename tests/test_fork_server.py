"""A session's fork server as a fork of the calling process (edition/stages/fork_server.py):
made only where that is safe, holding nothing of the caller that a worker must not have
(the open session, its pipes), ended with the session, and the build's bytes the same as
with ``--jobs 1``. Each check runs in a fresh interpreter: this one has loaded Saxon."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, descendants

from edition.stages import fork_server

# A caller: imports a module of its own (``marker``) before the session, opens one, and
# prints what a worker sees and whether the fork server it forked ended with the session.
_CALLER = """
import os, select, sys
sys.path.insert(0, {folder!r})
from edition.stages import fork_server, pool
import marker, probe

r, w = os.pipe()  # a pipe of the caller's, open when the fork server starts
with pool.session(2, ("edition.stages.convert",)):
    pool.start_fork_server()
    server = fork_server._forked
    os.close(w)
    # the pipe's end: at once unless another process (the fork server) holds its write end
    ready, _, _ = select.select([r], [], [], 5)
    print("pipe", "closed" if ready and os.read(r, 1) == b"" else "held")
    print("worker", *pool.submit(probe.state).result())
    print("tracker-in-worker", pool.submit(probe.tracker_pid).result() is None)
    from multiprocessing import resource_tracker
    tracker = resource_tracker._resource_tracker
    with open(f"/proc/{{tracker._pid}}/cmdline", "rb") as line, \
            open("/proc/self/cmdline", "rb") as own:
        print("tracker", line.read() == own.read(), tracker._check_alive())
print("forked", server is not None)
if server is not None:  # told to end, not waited for: it has ended within seconds
    import time
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            ended, _ = os.waitpid(server, os.WNOHANG)
        except ChildProcessError:  # reaped already, by the session's end
            ended = server
        if ended:
            break
        time.sleep(0.02)
    print("server", "ended" if ended else "left")
with pool.session(2, ("edition.stages.convert",)):
    import later
    pool.start_fork_server()
    print("second", *pool.submit(probe.state).result())
"""

_PROBE = """
import sys

def state():
    from edition.stages import pool
    return "marker" in sys.modules, "later" in sys.modules, pool.in_session()

def tracker_pid():
    from multiprocessing import resource_tracker
    return resource_tracker._resource_tracker._pid
"""


def _caller(tmp_path: Path, **env: str) -> dict[str, list[str]]:
    for name, text in (("probe.py", _PROBE), ("marker.py", ""), ("later.py", "")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _CALLER.format(folder=str(tmp_path))], cwd=ROOT,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(tmp_path)]), **env},
        capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines()}


def test_a_session_forks_its_fork_server_from_the_caller(tmp_path: Path) -> None:
    """Its workers have what the caller imported (they are forks of a fork of it); they
    are not in the caller's session; the caller's pipes are not held open by it; it
    ends with the session, and the next session forks one of its own (which has what
    the caller imported between the two)."""
    seen = _caller(tmp_path)
    assert seen["forked"] == ["True"]
    assert seen["worker"] == ["True", "False", "False"], "caller's module, not its session"
    assert seen["pipe"] == ["closed"], "the fork server kept a descriptor of the caller's"
    assert seen["server"] == ["ended"]
    assert seen["second"] == ["True", "True", "False"], "a fork server of the second session"
    assert seen["tracker"] == ["True", "True"], "the resource tracker forked too, and running"
    assert seen["tracker-in-worker"] == ["True"], "a worker knows the tracker by its pipe only"


_LEAK = """
import multiprocessing, os, sys
from edition.stages import pool
with pool.session(2, ("edition.stages.convert",)):
    pool.start_fork_server()
    lock = multiprocessing.get_context("forkserver").Lock()  # a named semaphore
    sys.stdout.flush()
    os._exit(0)  # ends without removing it
"""


@pytest.mark.parametrize("fresh", ["", "1"])
def test_the_resource_tracker_removes_what_a_process_left(fresh: str) -> None:
    """The tracker forked with the fork server does its work: a semaphore of a process
    that ended without removing it is removed, and said so (as multiprocessing's own)."""
    done = subprocess.run([sys.executable, "-c", _LEAK], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT), fork_server.SWITCH: fresh})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "leaked semaphore" in done.stderr, done.stderr[-2000:]


def test_the_switch_starts_multiprocessing_own_fork_server(tmp_path: Path) -> None:
    seen = _caller(tmp_path, **{fork_server.SWITCH: "1"})
    assert seen["forked"] == ["False"]
    assert seen["worker"] == ["False", "False", "False"], "a fresh interpreter's worker"
    assert seen["pipe"] == ["closed"]
    assert seen["tracker"] == ["False", "True"]
    assert seen["tracker-in-worker"] == ["True"]


def test_what_makes_a_fork_unsafe(monkeypatch: pytest.MonkeyPatch) -> None:
    """A second thread, a runtime with threads of its own, a large process, the switch:
    each is a reason not to fork (and is named)."""
    monkeypatch.delenv(fork_server.SWITCH, raising=False)
    threads = [1]  # (an earlier test's pool may have left a thread of its own here)
    monkeypatch.setattr(fork_server.threading, "active_count", lambda: threads[0])
    monkeypatch.setattr(fork_server, "UNSAFE_MODULES", ("a_module_nobody_loads",))
    monkeypatch.setattr(fork_server, "LIMIT_MB", 10_000)
    assert fork_server.unsafe_reason() is None
    monkeypatch.setattr(fork_server, "UNSAFE_MODULES", ("pytest",))
    assert "pytest loaded" in (fork_server.unsafe_reason() or "")
    monkeypatch.setattr(fork_server, "UNSAFE_MODULES", ("a_module_nobody_loads",))
    monkeypatch.setattr(fork_server, "LIMIT_MB", 1)
    assert "MB resident" in (fork_server.unsafe_reason() or "")
    monkeypatch.setattr(fork_server, "LIMIT_MB", 10_000)
    monkeypatch.setenv(fork_server.SWITCH, "1")
    assert fork_server.SWITCH in (fork_server.unsafe_reason() or "")
    monkeypatch.setenv(fork_server.SWITCH, "0")
    assert fork_server.unsafe_reason() is None
    threads[0] = 2
    assert "2 threads" in (fork_server.unsafe_reason() or "")


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(folder).parts}


def test_a_build_whose_workers_come_from_a_forked_fork_server_writes_the_same_bytes(
        tmp_path: Path) -> None:
    """``edition build`` in a command of its own (where the fork is made: this test
    process has loaded Saxon) with two processes, against ``--jobs 1``."""
    sites = {}
    helpers: set[str] = set()  # the command lines of the build's processes
    for jobs in ("2", "1"):
        work = tmp_path / f"jobs-{jobs}"
        work.mkdir()
        shutil.copy(ROOT / "edition.yml", work / "edition.yml")
        shutil.copytree(ROOT / "registers", work / "registers")
        shutil.copytree(SEEDS, work / "seeds")
        with subprocess.Popen(
                [sys.executable, "-m", "edition", "build", "--jobs", jobs, "--seeds", "seeds",
                 "--tei", "tei", "--out", "site"],
                cwd=work, env={**os.environ, "PYTHONPATH": str(ROOT), "EDITION_ROOT": str(work)},
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as build:
            while build.poll() is None:
                if jobs == "2":
                    helpers.update(_command_lines(descendants(build.pid)))
                time.sleep(0.05)
            errors = build.stderr.read() if build.stderr else b""
        assert build.returncode == 0, errors[-2000:]
        sites[jobs] = (_tree(work / "tei"), _tree(work / "site"))
    assert sites["2"] == sites["1"]
    # the workers' fork server was this command forked, not a fresh interpreter
    assert "-m edition build" in " | ".join(helpers)
    assert not [line for line in helpers if "multiprocessing.forkserver" in line]
    assert len([name for name in sites["2"][1] if name.startswith("reading/")]) >= 40


def _command_lines(pids: list[int]) -> list[str]:
    lines = []
    for pid in pids:
        try:
            lines.append(Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
                         .decode(errors="replace"))
        except OSError:
            continue
    return lines
