"""Regular expressions compiled once per machine, not once per process.

The name detector's patterns are long (alternations of the cues' words, each capital
and small letter a class of some three hundred characters): Python's ``re`` takes a
tenth of a second to compile them, in every process that converts, before its first
document. ``re`` compiles in two steps: it parses the pattern and turns it into its
matching engine's code (pure Python, the slow part), then hands that code to the engine
(``_sre.compile``, immediate). What the first step makes is kept here, in the user's
cache folder as the packaged gazetteers' indexes are (:func:`edition.paths.user_cache`),
the way Python keeps modules' bytecode: the second step alone makes the same pattern
object from it in a few microseconds.

Both steps are CPython's own, not its public interface, so this is done only where it is
known to hold:

* the Python versions whose ``re`` hands the engine its code this way (:data:`PYTHONS`,
  the same call in 3.11, 3.12 and 3.13);
* a kept file is for one engine only: its name holds the Python version and the
  engine's format number (``_sre.MAGIC``) and code unit size;
* a file is read only when its digest (written before its contents) is that of its
  contents, so a damaged one is passed over whole, and the engine checks that the code
  it is given is well formed: any error makes the pattern the ordinary way, as does a
  file that cannot be read. (The folder is the user's own: a file changed there on
  purpose could give other patterns, as a changed ``__pycache__`` could give other
  code.)

Otherwise, or with ``EDITION_REGEX_CACHE=0``, :func:`compile` is :func:`re.compile`.
What is kept is written by :func:`keep`, when a process has compiled patterns the file
did not hold (atomically: processes writing at once leave one whole file)."""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
from array import array
from pathlib import Path
from typing import Any

# Pythons whose re hands its engine the compiled code as _sre.compile(pattern, flags,
# code, groups - 1, groupindex, indexgroup).
PYTHONS = ((3, 11), (3, 13))
# Set to "0" (or "off", "no"): patterns compiled the ordinary way, nothing kept.
SWITCH = "EDITION_REGEX_CACHE"
# Patterns kept at most; past it, those this process did not use are dropped (patterns
# made from an edition's registers change with them).
LIMIT = 4000

# (flags, the engine's code as bytes of CODE units, groups - 1, groupindex, indexgroup):
# the code kept as bytes, not a list of numbers, is read back twenty times as fast
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
CODE = "I"  # the array type of a code unit (four bytes: _sre.CODESIZE)

# each pattern kept under its digest and flags (the text itself is not kept: it is what
# asks for it)
Key = tuple[bytes, int]
_kept: dict[Key, Entry] | None = None  # read from the file (None: not yet)
_used: set[Key] = set()  # what this process compiled or took from it
_new = False  # compiled here and not in the file


def _engine() -> Any:
    """CPython's regular expression engine and its compiler, where they work as
    described above; None elsewhere or when switched off."""
    if os.environ.get(SWITCH, "").lower() in ("0", "off", "no", "false"):
        return None
    if sys.implementation.name != "cpython" or not (
            PYTHONS[0] <= sys.version_info[:2] <= PYTHONS[1]):
        return None
    try:
        import _sre
        from re import _compiler, _parser  # type: ignore[attr-defined]
    except ImportError:
        return None
    if not all(hasattr(m, n) for m, n in ((_sre, "compile"), (_sre, "MAGIC"),
                                         (_compiler, "_code"), (_parser, "parse"))):
        return None
    if getattr(_sre, "CODESIZE", 0) != array(CODE).itemsize:
        return None
    return _sre, _compiler, _parser


_ENGINE = _engine()


def cache_path() -> Path:
    """The file the compiled patterns are kept in, for this Python and engine."""
    from edition.paths import user_cache

    _sre = _ENGINE[0] if _ENGINE else None
    magic = getattr(_sre, "MAGIC", 0)
    size = getattr(_sre, "CODESIZE", 0)
    version = "".join(map(str, sys.version_info[:2]))
    return user_cache() / f"regex-py{version}-{magic}-{size}.marshal"


# a kept file: this line, the digest of what follows, then the patterns (marshal's format)
_HEADER = b"edition compiled regular expressions 1\n"
_DIGEST = 16


def _dump(kept: dict[Key, Entry]) -> bytes:
    data = marshal.dumps(kept)
    return _HEADER + hashlib.blake2b(data, digest_size=_DIGEST).digest() + data


def _undump(data: bytes) -> dict[Key, Entry]:
    """What :func:`_dump` wrote; {} for anything else (another format, a damaged file)."""
    start = len(_HEADER) + _DIGEST
    if not data.startswith(_HEADER) or hashlib.blake2b(
            data[start:], digest_size=_DIGEST).digest() != data[len(_HEADER):start]:
        return {}
    try:
        kept = marshal.loads(data[start:])
    except (ValueError, EOFError, TypeError):
        return {}
    return kept if isinstance(kept, dict) else {}


def _load() -> dict[Key, Entry]:
    global _kept
    if _kept is None:
        try:
            _kept = _undump(cache_path().read_bytes())
        except OSError:
            _kept = {}
    return _kept


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from what an earlier process kept where it can
    be (raises :class:`re.error` for a bad pattern, as re does). For the patterns a
    process makes once (at import, in a set-up); one made anew for each document stays
    with :func:`re.compile` (whose own cache is the faster look-up, and which keeps no
    more than a few hundred)."""
    global _new
    if _ENGINE is None or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    key = _key(pattern, int(flags))
    kept = _load()
    entry = kept.get(key)
    if entry is not None:
        try:
            compiled: re.Pattern[str] = _engine_compile(pattern, entry)
            _used.add(key)
            return compiled
        except (RuntimeError, TypeError, ValueError, OverflowError):  # not this engine's
            pass
    entry = _entry(pattern, int(flags))
    compiled = _engine_compile(pattern, entry)
    kept[key] = entry
    _used.add(key)
    _new = True
    return compiled


def _key(pattern: str, flags: int) -> Key:
    return (hashlib.blake2b(pattern.encode("utf-8", "surrogatepass"), digest_size=16).digest(),
            flags)


def _engine_compile(pattern: str, entry: Entry) -> re.Pattern[str]:
    """The engine's pattern object made from what :func:`_entry` gave."""
    flags, code, groups, groupindex, indexgroup = entry
    compiled: re.Pattern[str] = _ENGINE[0].compile(pattern, flags, array(CODE, code).tolist(),
                                                   groups, groupindex, indexgroup)
    return compiled


def _entry(pattern: str, flags: int) -> Entry:
    """What re makes of a pattern before it hands it to the engine (re._compiler.compile,
    without the engine's call)."""
    _, _compiler, _parser = _ENGINE
    parsed = _parser.parse(pattern, flags)
    code = array(CODE, _compiler._code(parsed, flags)).tobytes()
    groupindex = {str(name): int(index) for name, index in parsed.state.groupdict.items()}
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def keep() -> None:
    """Write the patterns compiled in this process that the file did not hold (nothing
    when there are none; nothing, silently, where the cache folder cannot be written)."""
    global _new
    if not _new or _kept is None:
        return
    from edition.xmlio import write_bytes_atomic

    kept = dict(_kept)  # (a copy: a thread of this process may compile meanwhile)
    if len(kept) > LIMIT:
        kept = {key: entry for key, entry in kept.items() if key in _used}
    try:
        path = cache_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, _dump(kept), sync=None)  # a cache: no flush
    except (OSError, ValueError):
        return
    _new = False
