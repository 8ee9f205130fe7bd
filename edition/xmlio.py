"""Safe XML reading and crash-safe file writing, shared by every stage.

Reading: no DTD is loaded, no entity is expanded, nothing is fetched from the
network, and a document type declaration is refused outright, so that external
entity (XXE) and entity-expansion ("billion laughs") files cannot do harm.
libxml2's own limits (nesting depth, text node size) stay on: ``huge_tree`` is
never set.

Writing: every file is written to a temporary file in the same folder and then
renamed over the target, so an interrupted run leaves either the old or the new
file, never half of one.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO, Any

from lxml import etree

from edition.errors import EditionError

MAX_BYTES = 64 * 1024 * 1024
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
# A document type declaration that only names its DTD (as many older TEI files carry
# one: <!DOCTYPE TEI SYSTEM "tei_all.dtd">): no internal subset, so it declares no
# entity; the DTD itself is never loaded.
_NAMING_DOCTYPE = re.compile(
    rb"""<!DOCTYPE\s+[\w:.-]+(?:\s+(?:SYSTEM\s+(?:"[^"]*"|'[^']*')"""
    rb"""|PUBLIC\s+(?:"[^"]*"|'[^']*')(?:\s+(?:"[^"]*"|'[^']*'))?))?\s*>""")
# a reference to an entity XML does not predefine ("&nbsp;"; not "&amp;", "&#160;")
_DTD_ENTITY = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)[A-Za-z_][\w.-]*;")


# What every parser here is told: never load DTDs, entities or anything from the network.
_SAFE_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_blank_text": False,
    # a repeated xml:id is a validity problem (Schematron id.unique reports it), not a
    # reason to refuse the file
    "collect_ids": False,
}


def safe_parser() -> etree.XMLParser:
    """A parser that never loads DTDs, entities or anything from the network."""
    return etree.XMLParser(**_SAFE_OPTIONS)


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def parse_bytes(data: bytes, path: str | Path,
                drop: Callable[[etree._Element], bool] | None = None,
                tags: Sequence[str] | None = None) -> etree._ElementTree:
    """Parse ``data`` safely; raise EditionError with the location of the first problem.
    ``drop``: asked of each element once it is read whole (its parent, and their
    ancestors, read so far); those it is true of are left out of the tree as it is
    read, so that the whole never stands in memory (the other registers' entries, for a
    process that makes one register's page). ``tags``: ``drop`` is asked of elements
    of these (Clark-notation) names only (None: of every element)."""
    _refuse(data, path)
    try:
        if drop is None:
            tree = etree.ElementTree(etree.fromstring(data, safe_parser(), base_url=str(path)))
            _refuse_depth(tree, path)
            return tree
        return etree.ElementTree(_read_dropping(data, path, drop, tags))
    except etree.XMLSyntaxError as exc:
        raise _not_well_formed(exc, path) from None


# How deep elements may nest: the stylesheets' processor (Saxon) reads no deeper (its
# jdk.xml.maxElementDepth is 100), so a deeper file is refused here, with the place, rather
# than failing the whole edition's pages there
MAX_DEPTH = 100
_TOO_DEEP = etree.XPath("/" + "/".join(["*"] * (MAX_DEPTH + 1)))


def _refuse_depth(tree: etree._ElementTree, path: str | Path) -> None:
    deep = _TOO_DEEP(tree)
    if isinstance(deep, list) and deep:
        first = deep[0]
        line = first.sourceline if isinstance(first, etree._Element) else None
        raise EditionError(path, line if isinstance(line, int) else 0, 1,
                           f"elements are nested more than {MAX_DEPTH} deep here: the "
                           "renderer reads no deeper (a tree this deep is no text's)")


def pull(data: bytes, path: str | Path) -> Iterator[tuple[str, etree._Element]]:
    """The ("start", element) and ("end", element) events of parsing ``data`` safely,
    as :func:`parse_bytes` parses it, in document order. The tree is built as it is
    read: a caller that removes each element from its parent at its end holds no more
    of the file than the elements still open. Raises EditionError (located) where
    :func:`parse_bytes` would, once the events before the problem have been given."""
    _refuse(data, path)
    parser = etree.XMLPullParser(events=("start", "end"), base_url=str(path),
                                 **_SAFE_OPTIONS)
    try:
        for _ in _fed(parser, data):
            yield from _element_events(parser)
        parser.close()
        yield from _element_events(parser)
    except etree.XMLSyntaxError as exc:
        raise _not_well_formed(exc, path) from None


def _fed(parser: etree.XMLPullParser, data: bytes) -> Iterator[None]:
    """``data`` handed to ``parser`` a piece (:data:`_PIECE`) at a time; after each, the
    caller takes the events it gave (the parser is not closed here)."""
    for start in range(0, len(data), _PIECE):
        parser.feed(data[start:start + _PIECE])
        yield


def _element_events(parser: etree.XMLPullParser) -> Iterator[tuple[str, etree._Element]]:
    """The events ``parser`` has ready, those of elements (the only ones asked for)."""
    for event, element in parser.read_events():
        if isinstance(element, etree._Element):
            yield event, element


def _not_well_formed(exc: etree.XMLSyntaxError, path: str | Path) -> EditionError:
    line, col = exc.position if exc.position else (exc.lineno or 1, 1)
    message = (exc.msg or "not well-formed").split(", line ")[0]
    if message.startswith("Excessive depth in document"):
        # the parser's own limit (256), past ours: the file may well be well-formed
        return EditionError(path, line or 1, max(col, 1),
                            f"elements are nested more than {MAX_DEPTH} deep here: the "
                            "renderer reads no deeper (a tree this deep is no text's)")
    return EditionError(path, line or 1, max(col, 1), f"not well-formed XML: {message}")


# Bytes handed to the parser at a time when elements are dropped as they are read.
_PIECE = 1 << 20


def _read_dropping(data: bytes, path: str | Path, drop: Callable[[etree._Element], bool],
                   tags: Sequence[str] | None = None) -> etree._Element:
    parser = etree.XMLPullParser(events=("end",), base_url=str(path), tag=tags,
                                 **_SAFE_OPTIONS)
    for _ in _fed(parser, data):
        _dropped(parser, drop)
    root = parser.close()
    _dropped(parser, drop)
    return root


def _dropped(parser: etree.XMLPullParser, drop: Callable[[etree._Element], bool]) -> None:
    for _, element in _element_events(parser):
        parent = element.getparent()
        if parent is not None and drop(element):
            parent.remove(element)


def _refuse(data: bytes, path: str | Path) -> None:
    """EditionError for what is never parsed: nothing, too much, binary, a DTD."""
    if not data.strip():
        raise EditionError(path, 1, 1, "the file is empty: expected an XML document")
    if len(data) > MAX_BYTES:
        raise EditionError(path, 1, 1, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise EditionError(path, 1, 1, "the file is binary, not XML text")
    match = _DOCTYPE.search(data)
    if match and _NAMING_DOCTYPE.match(data, match.start()):
        # a named DTD is not read: an entity it would declare (&nbsp;) would be left out
        # of the text without a word, so the file is refused where one is used
        used = _DTD_ENTITY.search(data, match.end())
        if used:
            line, col = _line_col(data, used.start())
            name = used.group(0).decode("ascii", "replace")
            raise EditionError(
                path, line, col,
                f"the entity {name} is declared in the DTD the file names, which is not "
                "read (DTDs are never loaded): write the character itself or a numeric "
                "reference (&#160;) instead")
    if match and not _NAMING_DOCTYPE.match(data, match.start()):
        line, col = _line_col(data, match.start())
        raise EditionError(
            path, line, col,
            "a document type declaration with declarations of its own (<!DOCTYPE … [ … ]>) "
            "is not allowed: entity declarations are refused, so external entities and "
            "entity expansion cannot run (a declaration that only names its DTD is "
            "accepted; the DTD is not read)",
        )


def parse_file(path: str | Path) -> etree._ElementTree:
    """Read and parse an XML file safely."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise EditionError(path, 0, 0, f"cannot read the file: {exc.strerror}") from None
    return parse_bytes(data, path)


@contextmanager
def atomic_open(path: Path, mode: str = "wb", *,
                sync: bool | None = True) -> Iterator[IO[bytes]]:
    """Open a temporary file beside ``path``; rename it over ``path`` on success only.

    ``sync``: flush the file to disk before the rename (the master copy). Output made
    again from it (the site) passes False and calls :func:`flush_written` once before
    saving the state that says it was made: one flush instead of one per file, which
    costs seconds over an edition's pages on a busy disk. A stage's cache passes None:
    never flushed (after a crash it may be an older one, or unreadable: what it says of
    a file is keyed by the file's content, so its stage then does the work again).

    A new file gets the mode any new file gets (the umask applied); one that replaces a
    file keeps that file's mode."""
    fd, tmp = _temporary_beside(path)
    try:
        with os.fdopen(fd, mode) as handle:
            yield handle
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
            elif sync is not None:
                _unflushed.add(str(path))
        _keep_mode(tmp, path)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# The temporary files' numbers in this process (their names: .NAME.PID-NUMBER.tmp).
_temporaries = itertools.count()
_NEW_FILE = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new file ``.NAME.PID-NUMBER.tmp`` in the folder of ``path`` (made if missing),
    open for writing: its descriptor and name. Named, not drawn at random as
    :func:`tempfile.mkstemp` does, and made with the mode of any new file rather than
    made private and given that mode after; the folder is made only when it is missing.
    At 10,000 documents the site has some 250,000 files: 30,000 writes took 2.5-3.4 s
    of CPU against 2.8-3.7 s with mkstemp (three pairs), the published files 55.5 s
    against 59.9 s (one each). A name taken (left by an earlier process of the same
    number) is skipped. What a stopped run leaves is taken out by the next (``.*.tmp``:
    :class:`edition.store.GeneratedStore`, the render stage)."""
    folder, pid = os.fspath(path.parent), os.getpid()
    for _ in range(1000):
        name = os.path.join(folder, f".{path.name}.{pid}-{next(_temporaries)}.tmp")
        try:
            return os.open(name, _NEW_FILE, 0o666), name
        except FileExistsError:
            continue
        except FileNotFoundError:  # the folder is not there yet
            path.parent.mkdir(parents=True, exist_ok=True)
    raise EditionError(path, 0, 0, "cannot make a temporary file beside it")


def _keep_mode(tmp: str, path: Path) -> None:
    """Give ``tmp``, about to replace ``path``, the mode of ``path`` (if it is there)."""
    try:
        mode = os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        return
    os.chmod(tmp, mode)


# Files written in this process without a flush (``sync=False``), until flush_written.
_unflushed: set[str] = set()
# Above this many files, one flush of each file system they are on costs less than one
# flush per file. Measured here (the end of a build of the 40 documents, its 132 pages):
# one by one 35-40 ms, some 0.3 ms a file; the file system at once 1.5-6 ms. A build that
# changed one document flushes 4-10 files (at 1,000 documents), one by one: the file
# system at once would also write the stages' state files, never flushed themselves.
FLUSH_ONE_BY_ONE = 64
# How a folder is opened to be flushed.
_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)


def flush_written(others: Iterable[Path | str] = ()) -> None:
    """Put on disk the files this process wrote without a flush, and ``others`` (written
    so by other processes: a worker's pages): each file and its folder when they are
    few (a build that changed one document), else each file system they are on, whole
    (:func:`_flush_file_systems`, which also waits for what other programs wrote
    there)."""
    paths = _unflushed | {str(p) for p in others}
    _unflushed.clear()
    if len(paths) > FLUSH_ONE_BY_ONE:
        _flush_file_systems(paths)
        return
    folders = set()
    for name in sorted(paths):
        folders.add(os.path.dirname(name) or ".")
        _fsync(name, os.O_RDONLY)
    for folder in sorted(folders):  # the renames that put them in place
        _fsync(folder, _FOLDER)


def _flush_file_systems(paths: Iterable[str]) -> None:
    """Each file system that holds one of ``paths`` flushed whole, once (Linux's
    ``syncfs``: not the machine's other disks, as :func:`os.sync` flushes them too);
    every file system where ``syncfs`` is not to be had or fails."""
    syncfs = _syncfs()
    if syncfs is None:
        os.sync()
        return
    flushed: set[int] = set()
    for folder in sorted({os.path.dirname(name) or "." for name in paths}):
        try:
            fd = os.open(folder, _FOLDER)
        except OSError:  # removed since (a later run's concern)
            continue
        try:
            device = os.fstat(fd).st_dev
            if device in flushed:
                continue
            if syncfs(fd) != 0:
                os.sync()
                return
            flushed.add(device)
        finally:
            os.close(fd)


@cache
def _syncfs() -> Callable[[int], int] | None:
    """The C library's ``syncfs`` (Linux), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        function: Callable[[int], int] = ctypes.CDLL(None, use_errno=True).syncfs
    except (ImportError, OSError, AttributeError):
        return None
    return function


def handed_over(paths: Iterable[Path | str]) -> None:
    """Files written here without a flush that another process (the one that started
    this worker) flushes: no longer this process's to flush."""
    _unflushed.difference_update(str(p) for p in paths)


def _fsync(name: str, flags: int) -> None:
    try:
        fd = os.open(name, flags)
    except OSError:  # removed since (a later run's concern), or not a place to flush
        return
    try:
        os.fsync(fd)
    except OSError:  # a file system that cannot flush a folder: nothing more to do
        pass
    finally:
        os.close(fd)


def write_bytes_atomic(path: Path, data: bytes, *, sync: bool | None = True) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (``sync``: see
    :func:`atomic_open`)."""
    with atomic_open(path, sync=sync) as handle:
        handle.write(data)


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
