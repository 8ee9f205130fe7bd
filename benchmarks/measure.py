"""Shared by the build benchmarks: run the CLI in a fresh process, time it, take its
peak memory; compare two output trees byte for byte."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scratch_edition(folder: Path) -> Path:
    """An edition folder (edition.yml, a copy of the registers) for a benchmark's runs:
    convert writes its name proposals into the registers, not into the repository's."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "edition.yml", folder / "edition.yml")
    shutil.copytree(ROOT / "registers", folder / "registers", dirs_exist_ok=True)
    return folder


def edition(*args: str | Path, check: bool = True, home: Path | None = None
            ) -> tuple[float, float]:
    """Run ``python -m edition ARGS`` in the edition ``home`` (see :func:`scratch_edition`):
    (wall seconds, peak resident memory in MB of the largest of its processes: the
    command and its workers, see :func:`_watch`)."""
    seconds, command, workers = edition_peaks(*args, check=check, home=home)
    return seconds, max(command, workers)


def edition_peaks(*args: str | Path, check: bool = True, home: Path | None = None
                  ) -> tuple[float, float, float]:
    """:func:`edition`, with the peak memory (MB) of the command itself and that of the
    largest of its workers apart (0 when it had none)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if home is not None:
        env["EDITION_ROOT"] = str(home)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "edition", *map(str, args)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stop = threading.Event()
    workers: list[float] = [0.0]
    watch = threading.Thread(target=_watch, args=(proc.pid, stop, workers), daemon=True)
    watch.start()
    assert proc.stderr is not None
    errors = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    stop.set()
    watch.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if check and proc.returncode not in (0, 1):
        raise SystemExit(f"edition {' '.join(map(str, args))} failed: {errors.decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, workers[0]


def _watch(root: int, stop: threading.Event, peak: list[float]) -> None:
    """The largest high-water mark of resident memory (MB) among the descendants of
    ``root``, read from /proc every 0.2 s while it runs. The kernel's figure for the
    command (wait4) leaves out its workers: they are children of the fork server, not
    of the command, and are not waited for by it. Growth in a worker's last 0.2 s can
    be missed; nothing is read where there is no /proc."""
    while not stop.wait(0.2):
        children: dict[int, list[int]] = {}
        try:
            entries = [e.name for e in os.scandir("/proc") if e.name.isdigit()]
        except OSError:
            return
        for name in entries:
            try:
                stat = Path(f"/proc/{name}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(name))
        todo = list(children.get(root, []))
        while todo:
            pid = todo.pop()
            todo.extend(children.get(pid, []))
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peak[0] = max(peak[0], int(line.split()[1]) / 1024)


def tree(folder: Path) -> dict[str, str]:
    """Every file's hash (but the stages' caches)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(folder).parts}


def goal(label: str, value: float, limit: float, unit: str = "×") -> bool:
    """Print a figure with its goal and whether it is met."""
    met = value <= limit
    print(f"  {label:<58} {value:8.3f}{unit}  goal ≤ {limit}{unit}  "
          f"{'MET' if met else 'NOT MET'}")
    return met


def aim(label: str, value: float, limit: float, unit: str = "×") -> bool:
    """Print a figure with an aim of ours beyond the issue's goals, and whether it is
    reached (printed apart from the goals: a caller does not count it among them)."""
    reached = value <= limit
    print(f"  {label:<58} {value:8.3f}{unit}  aim ≤ {limit}{unit}  "
          f"{'reached' if reached else 'NOT reached'} (beyond the issue's goals)")
    return reached


def row(label: str, seconds: float, peak: float | None = None) -> None:
    memory = f"  peak {peak:7.1f} MB" if peak is not None else ""
    print(f"  {label:<58} {seconds:8.2f} s{memory}")


# The fixed pure-Python loop both readings of the machine run (machine_speed,
# machine_parallel): the same work, so that the two readings speak of one thing.
_LOOP = "s = 0\nfor i in range(10**7): s += i\n"


def machine_speed() -> float:
    """Seconds of CPU a fixed pure-Python loop takes in a fresh process: printed beside
    the figures, because the machines this runs on change speed from minute to minute
    (the same loop took 0.95-1.85 s on one machine within an hour). Not a goal and not a
    correction of any figure: a reading of the machine at one moment."""
    code = f"import time\nt = time.process_time()\n{_LOOP}print(time.process_time() - t)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return float(done.stdout)


def machine_parallel() -> float:
    """How the machine runs two processes at once, now: the wall time of two copies of a
    fixed pure-Python loop started together, over that of one alone before plus one
    alone after (0.5: the two cores each ran one at full speed; 1.0: no gain from the
    second). The floor of ``--jobs`` default / ``--jobs 1`` for work that is all
    parallel, read at one moment: on the machines this runs on it moved between 0.43
    and 0.65 within minutes. Not a goal and not a correction of any figure."""
    def loops(count: int) -> float:
        start = time.perf_counter()
        running = [subprocess.Popen([sys.executable, "-c", _LOOP]) for _ in range(count)]
        for process in running:
            process.wait()
        return time.perf_counter() - start

    before = loops(1)
    together = loops(2)
    return together / (before + loops(1))
