"""What the stages share: the edition's fixed file names, hashing, the reporting callback."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from edition.errors import EditionError
from edition.paths import PACKAGE
from edition.xmlio import flush_written, write_bytes_atomic

Say = Callable[[str], None]
MANIFEST = "manifest.yml"
CACHE_DIR = ".cache"  # in tei/: the stages' caches (not the master copy; ignored by git)
CORPUS = "corpus.xml"
REGISTERS = "registers.xml"
# Files of tei/ that are not documents of the edition.
NOT_DOCUMENTS = frozenset({CORPUS, REGISTERS})


def by_name(paths: Iterable[Path]) -> list[Path]:
    """Files of one folder in the order ``sorted`` gives Paths (by name), at the cost of
    sorting strings: comparing two Paths takes a microsecond, and sorting an edition's
    files takes tens of thousands of comparisons, in each of the stages' passes."""
    return sorted(paths, key=lambda path: path.name)


def document_files(tei: Path) -> list[Path]:
    """The TEI documents of a tei/ folder, in a stable order (not corpus or registers)."""
    return [p for p in by_name(tei.glob("*.xml")) if p.name not in NOT_DOCUMENTS]


def digest_files(paths: Iterable[Path], root: Path | None = None) -> str:
    """SHA-256 over the names (relative to ``root`` if given) and bytes of files."""
    h = hashlib.sha256()
    for path in paths:
        h.update(str(path.relative_to(root) if root else path.name).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def write_pages(out: Path, problems: list[EditionError],
                make: Callable[[], dict[str, bytes]]) -> None:
    """Write the pages a stage makes; a failure is reported, the other pages still come.

    The site is made again from the TEI: its files are not flushed one by one (the render
    stage flushes them all at once before saving its state, see :func:`flush_site`)."""
    try:
        for rel, content in make().items():
            write_bytes_atomic(out / rel, content, sync=False)
    except EditionError as exc:
        problems.append(exc)


def flush_site(others: Iterable[Path | str] = ()) -> None:
    """Put the site's files, written without a flush each, on disk (those this process
    wrote, and ``others``, the pages the workers wrote): called before the state that
    says they were made is saved, so that a crash never leaves a state naming a page
    whose bytes were lost."""
    flush_written(others)


# A file modified this close to when its hash was taken may change again within the
# file system's timestamp granularity without its time changing: it is hashed again.
RACY_NS = 2_000_000_000


class Digests:
    """SHA-256 of files, read again only when their size or modification time changed.

    ``known`` (kept by the caller in its state file) maps a file's name to
    ``[size, mtime_ns, sha256, hashed_at_ns]``; an unchanged file is not read at all.
    A file changed within :data:`RACY_NS` of its hashing is always read again (as git
    does), so a same-size edit made in the same clock tick is still seen.

    ``vouched``: entries of files already looked at in this run (by the record this one
    is a :meth:`copy` of), taken as they are without a look at the file: a stage's
    processes aside and threads each go over the edition's files again, and at 1,000
    documents the stat calls and paths of each pass cost some 0.05 s of CPU.
    ``steady``: the files do not change while this record is used (the render stage's
    TEI files), so one it has looked at is not looked at again (the render stage went
    over the 1,000 TEI files twice, for the documents and for the published files).
    """

    def __init__(self, known: dict[str, list[Any]] | None = None,
                 vouched: dict[str, list[Any]] | None = None, *,
                 steady: bool = False) -> None:
        self.known: dict[str, list[Any]] = dict(known or {})
        self.vouched: dict[str, list[Any]] = vouched or {}
        self.seen: dict[str, list[Any]] = {}
        self.read = 0
        self.steady = steady

    def digest(self, path: Path, key: str | None = None) -> str:
        key = key or path.name
        entry = self.vouched.get(key)
        if entry is None and self.steady:
            entry = self.seen.get(key)
        if entry is not None:
            self.seen[key] = entry
            return str(entry[2])
        stat = path.stat()
        entry = self.known.get(key)
        if (isinstance(entry, list) and len(entry) == 4 and entry[0] == stat.st_size
                and entry[1] == stat.st_mtime_ns and entry[3] - stat.st_mtime_ns > RACY_NS):
            self.seen[key] = entry
            return str(entry[2])
        data = path.read_bytes()
        self.read += 1
        digest = hashlib.sha256(data).hexdigest()
        self.seen[key] = [len(data), stat.st_mtime_ns, digest, time.time_ns()]
        return digest

    def last(self, key: str) -> str | None:
        """The hash the file under ``key`` had when this record was kept (None: none)."""
        entry = self.known.get(key)
        return str(entry[2]) if isinstance(entry, list) and len(entry) == 4 else None

    def copy(self) -> Digests:
        """A copy knowing what this one knows and has seen, for another thread or process
        of the same run (its look-ups are not mixed with this one's): what this one has
        seen, it takes without looking at the files again (``vouched``: a run does not
        change the files it hashes, the TEI files its render stage reads)."""
        return Digests({**self.known, **self.seen}, {**self.vouched, **self.seen},
                       steady=self.steady)

    def state(self) -> dict[str, list[Any]]:
        """What to keep for the next run: the files looked at in this one."""
        return dict(sorted(self.seen.items()))


def load_json(path: Path) -> dict[str, Any]:
    """A stage's state file, or {} when it is missing or unreadable (all is done again)."""
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, ValueError):  # (orjson.JSONDecodeError is a ValueError)
        return {}
    return data if isinstance(data, dict) else {}


def read_ascii(path: Path) -> str:
    """A small ASCII file a stage keeps (a hash of its inputs, say), or "" when it is
    missing or not ASCII (all is done again)."""
    try:
        return path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return ""


def save_json(path: Path, data: dict[str, Any]) -> None:
    """A stage's state file, written whole through a rename and not flushed to disk
    (:func:`edition.xmlio.atomic_open`'s ``sync=None``: lost in a crash, the work it
    records is done again; a flush of a large state file costs a tenth of a second).
    Keys in the order the stage made them: sorting the megabytes of a large edition's
    state costs more than writing them, and nothing compares the files' bytes.
    Serialised by orjson (a tenth of the time of the standard library's json: the
    convert stage's state of 1,000 documents, 2 MB, in 3 ms instead of 20–30), keys
    that are not strings written as strings, as json does."""
    save_state_bytes(path, state_bytes(data))


def save_state_bytes(path: Path, data: bytes) -> None:
    """A state already serialised by :func:`state_bytes`, written as :func:`save_json`
    writes it."""
    write_bytes_atomic(path, data + b"\n", sync=None)


def state_bytes(data: dict[str, Any]) -> bytes:
    """A state as :func:`save_json` writes it (without its last newline): also what a
    stage compares to tell whether its state changed."""
    return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)


def state_digest(data: dict[str, Any] | bytes) -> bytes:
    """SHA-256 of a state's :func:`state_bytes` (or of those bytes): what a stage keeps
    to tell at its end whether its state changed, rather than the bytes themselves (at
    10,000 documents the convert stage's state is 19 MB: kept whole, the run held it
    twice more while it compared)."""
    return hashlib.sha256(data if isinstance(data, bytes) else state_bytes(data)).digest()


@cache
def code_digest(*modules: str) -> str:
    """SHA-256 of the package's code and data under the given sub-paths (all if none):
    a change to the code a stage runs makes its cached results void."""
    h = hashlib.sha256()
    for rel, data in _code_files():
        if not modules or any(rel.startswith(m) for m in modules):
            h.update(rel.encode())
            h.update(data)
    return h.hexdigest()


@cache
def _code_files() -> list[tuple[str, bytes]]:
    """The package's code and data files (path in the package, bytes), read once per
    process: a build asks for the digest of several parts of it (each stage its own)."""
    files: list[tuple[str, bytes]] = []
    for path in sorted(PACKAGE.rglob("*")):
        rel = str(path.relative_to(PACKAGE))
        if (path.suffix in (".py", ".yml", ".yaml") and "__pycache__" not in rel
                and path.is_file()):
            files.append((rel, path.read_bytes()))
    return files
