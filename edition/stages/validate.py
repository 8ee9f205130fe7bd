"""The validate stage: the validator over files and folders, incremental and in parallel.

A file is checked again only when something its result depends on changed: its bytes,
the RELAX NG schema, the Schematron rules, the validator's code, or its context (which
TEI files the edition has, and of the registers file beside them only what the rules
read from it: its entries' ids, kinds and preferred names). Results are kept in a cache
file (``tei/.cache/validate.json`` for ``edition validate`` and ``edition build`` of
``tei/``), each file's problems under the hash of its bytes; an unchanged file (same
size and time as when it was hashed) is not even read. The schemas are compiled only
when some file must be checked, once per process.

The files to check are handed out in groups to a pool of processes (``jobs``); the
problems are gathered per file and sorted, so the report is the same for any ``jobs``.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from edition.paths import EDITION_RNG, EDITION_SCH, Resolver
from edition.stages import apart, pool
from edition.stages.common import (
    CACHE_DIR,
    RACY_NS,
    Digests,
    code_digest,
    load_json,
    save_json,
)
from edition.validation.report import Problem, Report
from edition.validation.validator import (
    Context,
    Dependencies,
    Validator,
    _without_repeats,
    collect,
    is_tei_file,
    registers_projection,
)

CACHE_NAME = "validate.json"
GROUP = 16  # at most this many files per task: a group shares its jing run


def default_cache(paths: Sequence[Path]) -> Path | None:
    """Where ``edition validate`` keeps what it found: in the one folder it checks
    (``FOLDER/.cache/validate.json``); no cache for single files or several paths."""
    if len(paths) == 1 and Path(paths[0]).is_dir():
        return Path(paths[0]) / CACHE_DIR / CACHE_NAME
    return None


def _setup(schema: str | None) -> Validator:
    return Validator(schema=Path(schema) if schema else None)


Checked = tuple[dict[str, list[Problem]], str, dict[str, Dependencies]]


def _check(validator: Validator, task: tuple[list[tuple[str, str]], Context]) -> Checked:
    """The problems of each file, the engines' description, and what of the context each
    file read (:func:`edition.validation.validator.file_dependencies`)."""
    files, context = task
    read: dict[str, Dependencies] = {}
    found = validator.check_files([(Path(p), d) for p, d in files], context, read)
    return found, validator.description, read


def _check_alone(schema: str | None, task: tuple[list[tuple[str, str]], Context]
                 ) -> Checked:
    """:func:`_check` in a process of its own (:mod:`edition.stages.apart`)."""
    return _check(_setup(schema), task)


class TooMany(Exception):
    """More files to check than ``limit`` allows (:func:`validate`)."""


def validate(paths: Sequence[Path], *, schema: Path | None = None, jobs: int = 1,
             cache: Path | None = None, progress: bool | None = None,
             limit: int | None = None) -> Report:
    """Check TEI files and folders with our Schematron and ``schema`` (default ours).

    ``cache``: the file keeping results between runs (None: check every file).
    ``limit``: raise :class:`TooMany` (nothing checked, nothing saved) when more files
    than this are to be checked.
    Raises EditionError when the validator cannot run (a schema missing or broken).
    """
    files = collect(paths)
    state = load_json(cache) if cache is not None else {}
    sniffed = _Sniffer(state.get("sniffed"))
    resolve = Resolver()
    context = Context.of(files, sniffed.is_tei, resolve)
    names = {display: resolve.text(str(path)) for path, display in files}
    projections = _Projections(state.get("registers"))
    context = replace(context, projections={path: projections.get(path)
                                            for path in context.registers.values()})
    key = _key(schema)
    known: dict[str, Any] = state.get("files", {}) if state.get("key") == key else {}
    keys = _FileKeys(key, context)
    digests = Digests(state.get("digests"))
    found: dict[str, list[Problem]] = {}
    kept: dict[str, Any] = {}
    todo: list[tuple[str, str]] = []
    for path, display in files:
        name = names[display]
        try:
            digest = digests.digest(path, name)
        except OSError:
            todo.append((str(path), display))  # reported by the validator
            continue
        hit = known.get(name)
        if (isinstance(hit, list) and len(hit) == 4 and hit[0] == digest
                and hit[3] == keys.of(name, hit[2])):
            found[display] = [Problem(**p) for p in hit[1]]
            kept[name] = hit
        else:
            todo.append((str(path), display))
    if limit is not None and len(todo) > limit:
        raise TooMany(len(todo))
    description = str(state.get("description", "")) if state.get("key") == key else ""
    schema_arg = str(schema) if schema else None
    # a large file (the registers of a large edition) in a process of its own, begun now
    alone = [(file, pool.aside(_check_alone, schema_arg, ([file], context)))
             for file in todo if apart.large(Path(file[0]))]
    apart_files = {file for file, _ in alone}
    rest = [file for file in todo if file not in apart_files]
    size = max(1, min(GROUP, len(rest) // (max(1, jobs) * pool.MIN_TASKS_PER_WORKER)))
    groups = [(rest[i:i + size], context) for i in range(0, len(rest), size)]
    read: dict[str, Dependencies] = {}
    with pool.Progress("validate", len(groups), enabled=progress) as bar:
        for result, engines, reads in pool.run(groups, _check, _setup, (schema_arg,),
                                               jobs=jobs, progress=bar):
            found.update(result)
            read.update(reads)
            description = engines
    for _, checked in alone:
        result, description, reads = checked.result()
        found.update(result)
        read.update(reads)
    if not description:  # nothing checked, nothing cached: say what would check them
        description = _setup(schema_arg).description
    if cache is not None:
        for _, display in todo:
            name = names[display]
            if name in digests.seen:
                dependencies = read.get(display)  # (none when it could not be read)
                kept[name] = [digests.seen[name][2], [asdict(p) for p in found[display]],
                              dependencies, keys.of(name, dependencies)]
        save_json(cache, {"key": key, "description": description, "files": kept,
                          "digests": digests.state(), "sniffed": sniffed.seen,
                          "registers": projections.state()})
    problems = [p for _, display in files for p in found.get(display, [])]
    return Report(_without_repeats(sorted(problems, key=Problem.sort_key)), len(files),
                  description, rechecked=len(todo))


class _Sniffer:
    """Whether a file is a TEI document (its first element), read again only when its
    size or time changed (and not within the file system's clock granularity)."""

    def __init__(self, known: dict[str, list[Any]] | None) -> None:
        self.known = known if isinstance(known, dict) else {}
        self.seen: dict[str, list[Any]] = {}

    def is_tei(self, path: Path | str) -> bool:
        key = str(path)
        try:
            stat = os.stat(path)
        except OSError:
            return False
        entry = self.known.get(key)
        if (isinstance(entry, list) and len(entry) == 4 and entry[0] == stat.st_size
                and entry[1] == stat.st_mtime_ns and entry[3] - stat.st_mtime_ns > RACY_NS):
            self.seen[key] = entry
            return bool(entry[2])
        found = is_tei_file(path)
        self.seen[key] = [stat.st_size, stat.st_mtime_ns, found, time.time_ns()]
        return found


class _Projections:
    """What the other files' checks read from each registers file (its entries' ids,
    kinds and preferred names: validator.registers_projection), kept by the file's hash
    so that an unchanged registers file is not even parsed."""

    def __init__(self, known: Any) -> None:
        known = dict(known) if isinstance(known, dict) else {}
        digests = known.pop("digests", None)
        self.known: dict[str, Any] = known
        self.seen: dict[str, list[Any]] = {}
        self.digests = Digests(digests if isinstance(digests, dict) else None)

    def get(self, path: Path) -> bytes | None:
        name = str(path)
        digest = self.digests.digest(path, name)
        code = code_digest("validation/")
        hit = self.known.get(name)
        if not (isinstance(hit, list) and len(hit) == 3 and hit[:2] == [digest, code]
                and (hit[2] is None or isinstance(hit[2], str))):
            projection = registers_projection(path)
            hit = [digest, code, None if projection is None else projection.decode("utf-8")]
        self.seen[name] = hit
        return None if hit[2] is None else str(hit[2]).encode("utf-8")

    def state(self) -> dict[str, Any]:
        return {**self.seen, "digests": self.digests.state()}


def _key(schema: Path | None) -> str:
    """What every file's result depends on besides the file and its context: the
    validator's code, the schema and the rules."""
    h = hashlib.sha256(code_digest("validation/", "validate.py", "xmlio.py", "errors.py",
                                   "paths.py", "stages/validate.py").encode())
    for path in (schema or EDITION_RNG, EDITION_SCH):
        h.update(str(path).encode())
        h.update(path.read_bytes() if path.is_file() else b"(missing)")
    return h.hexdigest()


class _FileKeys:
    """What a file's result depends on besides the file itself, of the context it is
    checked in, as much as the file reads of it (:data:`edition.validation.validator.
    Dependencies`): whether the edition has any file (a file checked alone is told so);
    the whole list of the edition's files when it points at files by name; when its
    names point into the registers file beside it, that file's state and the entries
    they point at (an entry added, removed or changed that it does not point at leaves
    its result as it was). A file whose dependencies are not known (not read before)
    depends on all of it. So a new document, or an entry the annotator proposes, checks
    again the new file and those that read it, not every file of the edition."""

    def __init__(self, key: str, context: Context) -> None:
        self.context = context
        self.base = f"{key} {bool(context.edition_files)}"
        self.files = "files " + hashlib.sha256(context.edition_files.encode()).hexdigest()
        self.folders: dict[str, tuple[str, dict[str, str]]] = {}

    def of(self, name: str, dependencies: Any) -> str:
        """The key of file ``name`` (its resolved path) reading ``dependencies``."""
        whole = not (isinstance(dependencies, list) and len(dependencies) == 3
                     and isinstance(dependencies[2], list))
        parts = [self.base]
        if whole or dependencies[0]:
            parts.append(self.files)
        if whole or dependencies[1]:
            state, entries = self._registers(os.path.dirname(name))
            parts.append(state)
            if whole:
                parts.extend(f"{ident}={entries[ident]}" for ident in sorted(entries))
            else:  # (the ids are the file's own, recorded with it: only their entries)
                parts.extend(entries.get(str(ident), "-") for ident in dependencies[2])
        return hashlib.sha256("\x00".join(parts).encode()).hexdigest()

    def _registers(self, folder: str) -> tuple[str, dict[str, str]]:
        """The registers file beside the files of ``folder`` as the rules read it: its
        state (none, one that cannot be loaded by its bytes' hash, loaded) and its
        entries by id (kind, id and preferred name: its projection)."""
        if folder not in self.folders:
            registers = self.context.registers.get(Path(folder))
            if registers is None:
                self.folders[folder] = ("none", {})
            else:
                projection = self.context.projections.get(registers)
                if projection is None:
                    data = registers.read_bytes() if registers.is_file() else b""
                    self.folders[folder] = (
                        f"unloadable {hashlib.sha256(data).hexdigest()}", {})
                else:
                    self.folders[folder] = ("loaded", _entries(projection))
        return self.folders[folder]


def _entries(projection: bytes) -> dict[str, str]:
    """The entries of a registers file's projection, by id: the hash of each."""
    from lxml import etree

    from edition.namespaces import XML_ID
    from edition.xmlio import safe_parser

    try:
        root = etree.fromstring(projection, safe_parser())
    except etree.XMLSyntaxError:  # (made by registers_projection: not expected)
        return {"": hashlib.sha256(projection).hexdigest()}
    return {str(entry.get(XML_ID)): hashlib.sha256(etree.tostring(
        entry, with_tail=False)).hexdigest()[:32] for entry in root if isinstance(entry.tag, str)}
