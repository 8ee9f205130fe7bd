"""The search stage: search-index.js from every document (search.html and timeline.html
are made with the index: :mod:`edition.stages.render`).

Each document's search record, folded and stemmed (its :class:`~edition.search.Part`),
is kept in a file of its own (``site/.cache/search/<file>.json``) under the hash of its
TEI file, the registers' preferred names of the entries it names, and the code that
makes records, so that only changed documents are read and stemmed again (an entry the
annotator proposes makes again the records of the documents that name it).
``site/.cache/search.json`` keeps, for each document, that hash, the few fields that
place its record in the index and the hash of its part's file: the index is written
from the parts one at a time, in its order, never all held (at ten thousand documents
they are hundreds of megabytes). It keeps too where each record lies in the index it
wrote and how many records give each word its stem (:class:`_Layout`): the next index is
put together from that one, the unchanged records' bytes cut from it, so that one
changed document has its part read, not every document's. A part's file is not
flushed on its own (the site is flushed before the render state is saved): one whose
bytes do not match is made again from its document. A document whose pages could not
be rendered is left out of the index: its result would lead nowhere.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import IO, Any

from edition.errors import EditionError
from edition.paths import PACKAGE
from edition.search import (
    SCRIPT_NAME,
    Part,
    document_entry,
    index_order,
    register_names,
    write_index,
)
from edition.stages.common import (
    CACHE_DIR,
    REGISTERS,
    Digests,
    document_files,
    load_json,
    read_ascii,
    save_json,
)
from edition.xmlio import atomic_open, write_bytes_atomic

INDEX_STATE = f"{CACHE_DIR}/search.json"
INDEX_INPUTS = f"{CACHE_DIR}/search.inputs"  # the hash of what the index was last made from
PARTS_DIR = f"{CACHE_DIR}/search"  # each document's part
# What a record is kept with: another value makes every record again (kept records of
# an older version are not known to list the register names they show)
RECORDS = "names-by-record"
STAGING = f"{CACHE_DIR}/{SCRIPT_NAME}.new"  # the index written, before it replaces the old


@cache
def _search_code_digest() -> str:
    """The code that makes search records and stems their words, and keeps them: a
    change to it makes them all again. The stemmer's own code is hashed, not its
    version read (importlib.metadata takes 20–30 ms to import, in every build)."""
    import inspect

    import snowballstemmer

    from edition.search import STEMMER

    stemmer = type(snowballstemmer.stemmer(STEMMER))  # its code and the classes it builds on
    h = hashlib.sha256()
    for path in sorted({inspect.getfile(c) for c in stemmer.__mro__ if c is not object}
                       | {snowballstemmer.__file__}):
        h.update(Path(path).name.encode() + Path(path).read_bytes())
    for module in ("search.py", "index.py", "stages/search.py"):
        h.update((PACKAGE / module).read_bytes())
    return h.hexdigest()


def search_index(tei: Path, out: Path, digests: Digests, problems: list[EditionError]) -> None:
    """Write ``search-index.js`` from every document that rendered (``problems`` name
    those that did not). Each document's record is kept as its
    :class:`~edition.search.Part` in a file of its own under the hash of its TEI file
    (:data:`INDEX_STATE` holds those hashes) and the registers' preferred names it shows
    (those of the entries it names: an entry added, or renamed, that a document does not
    name leaves its record as it was); all of them are made again when the code changes.
    The script is put together again only when a record came, went or changed."""
    registers_path = tei / REGISTERS
    registers = registers_path.read_bytes() if registers_path.exists() else b""
    registers_sha = _sha(registers)
    code = _search_code_digest()
    state_path = out / INDEX_STATE
    failed = {str(problem.path) for problem in problems}
    # nothing it is made from changed: not even the records read
    inputs = hashlib.sha256(json.dumps([code, registers_sha, [
        [p.name, digests.digest(p)] for p in document_files(tei) if str(p) not in failed]])
                            .encode()).hexdigest()
    if read_ascii(out / INDEX_INPUTS) == inputs and (out / SCRIPT_NAME).is_file():
        return
    (out / INDEX_INPUTS).unlink(missing_ok=True)
    before = len(problems)
    previous = load_json(state_path)
    names_key, names = _names_key(registers, registers_sha, registers_path, previous,
                                  problems)
    key = hashlib.sha256(f"{code} {RECORDS}".encode()).hexdigest()
    cached: dict[str, Any] = {}
    uses: dict[str, Any] = {}
    if previous.get("key") == key and isinstance(previous.get("documents"), dict):
        cached = previous["documents"]
        uses = previous["uses"] if isinstance(previous.get("uses"), dict) else {}
    # what the parts are made with: the names just read (none when the file could not
    # be read: each name then as its document prints it), and the last run's parts
    known = {key: value for key, value in previous.items() if key != "names"}
    if names is not None:
        known["names"] = names
    parts = _Parts(out, tei, registers, registers_path, known, problems)
    current = names or {}
    # name → [hash of the TEI file, the part's head, hash of the part's file]
    kept: dict[str, list[Any]] = {}
    used: dict[str, dict[str, str | None]] = {}  # name → the register names its record shows
    for path in document_files(tei):
        if str(path) in failed:
            continue
        digest = digests.digest(path)
        hit = cached.get(path.name)
        shown = uses.get(path.name)
        if not (isinstance(hit, list) and len(hit) == 3 and hit[0] == digest
                and isinstance(hit[1], dict) and isinstance(hit[2], str)
                and _same_names(shown, current) and parts.file(path.name).is_file()):
            hit = parts.make(path, digest)
            shown = parts.shown.get(path.name)
        if hit is not None:
            kept[path.name] = hit
            used[path.name] = shown  # type: ignore[assignment]
    # the script is made of exactly these documents' records, in this order
    made = hashlib.sha256(json.dumps([key, [[n, v[0], v[2]] for n, v in kept.items()]])
                          .encode()).hexdigest()
    target = out / SCRIPT_NAME
    if previous.get("script") != made or not target.is_file():
        order = sorted(kept, key=lambda name: index_order(kept[name][1]))
        staging = out / STAGING
        before_layout = _Layout.of(previous if cached else {}, target)
        with atomic_open(staging, sync=False) as handle:
            writing = _Hashing(handle)
            layout = before_layout.write(writing, order, kept, parts)
            if layout is None:  # a record's old part is lost: every part read instead
                writing.restart()
                layout = _Layout(b"", {}, {}).write(writing, order, kept, parts)
            assert layout is not None  # (nothing is cut from an empty layout)
            layout["sha"] = writing.hexdigest()
        if target.is_file() and filecmp.cmp(staging, target, shallow=False):
            staging.unlink()
        else:
            if target.is_file():  # the mode of the file it replaces, as a rewrite keeps
                os.chmod(staging, target.stat().st_mode & 0o777)
            os.replace(staging, target)
        parts.forget(set(kept))
    else:
        layout = previous.get("layout")
    if previous.get("script") != made or parts.remade or previous.get("key") != key \
            or previous.get("registers") != registers_sha:
        save_json(state_path, {"key": key, "documents": kept, "uses": used,
                               "script": None if parts.dropped else made,
                               "names": names if names is not None else parts.kept_names,
                               "registers": registers_sha, "names-key": names_key,
                               "layout": layout})
    if len(problems) == before:  # a document that could not be read is read (and told) again
        write_bytes_atomic(out / INDEX_INPUTS, inputs.encode("ascii"))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Hashing:
    """A file being written, and the hash of what was written to it."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.hash = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.hash.update(data)
        return self.handle.write(data)

    def restart(self) -> None:
        """Empty the file, to write it again from its start."""
        self.handle.seek(0)
        self.handle.truncate()
        self.hash = hashlib.sha256()

    def hexdigest(self) -> str:
        return self.hash.hexdigest()


class _Layout:
    """Where each record lies in the index written last (``spans``: the record's offset,
    its length and the hash of its part), and how many of those records give each word
    its stem (``stems``). Kept in the stage's state, it lets the next index be put
    together from the last one: an unchanged record's bytes are cut from it, and only
    the parts of the records that changed are read (a thousand part files are not read
    again for one changed document). The last index is used only when its bytes are
    those the layout was taken from."""

    def __init__(self, script: bytes, spans: dict[str, list[Any]],
                 stems: dict[str, list[Any]]) -> None:
        self.script = script
        self.spans = spans
        self.stems = stems

    @classmethod
    def of(cls, previous: dict[str, Any], target: Path) -> _Layout:
        """The layout of the index at ``target`` kept in ``previous`` (the last state of
        the same key), or an empty one (every record read from its part)."""
        kept = previous.get("layout")
        if not (isinstance(kept, dict) and isinstance(kept.get("spans"), dict)
                and isinstance(kept.get("stems"), dict) and isinstance(kept.get("sha"), str)):
            return cls(b"", {}, {})
        try:
            script = target.read_bytes()
        except OSError:
            return cls(b"", {}, {})
        if _sha(script) != kept["sha"] or not all(
                isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)
                and isinstance(entry[1], int) for entry in kept["stems"].values()):
            return cls(b"", {}, {})
        return cls(script, kept["spans"], kept["stems"])

    def _unchanged(self, name: str, entry: list[Any]) -> bool:
        span = self.spans.get(name)
        return (isinstance(span, list) and len(span) == 3 and span[2] == entry[2]
                and isinstance(span[0], int) and isinstance(span[1], int)
                and span[0] >= 0 and span[0] + span[1] <= len(self.script))

    def write(self, out: _Hashing, order: list[str], kept: dict[str, list[Any]],
              parts: _Parts) -> dict[str, Any] | None:
        """Write the index of ``order`` (names in ``kept``, in the index's order) and
        return its layout; None, with nothing written, when a record that changed or
        went has lost its old part (its words' stems cannot be counted out)."""
        counts = {word: list(entry) for word, entry in self.stems.items()}
        for name, span in self.spans.items():
            if name in kept and self._unchanged(name, kept[name]):
                continue
            old = parts.old_stems(name, span[2] if isinstance(span, list) else None)
            if old is None:
                return None
            for word in old:
                if word in counts:
                    counts[word][1] -= 1
        spans: dict[str, list[Any]] = {}
        names: list[str] = []

        def records() -> Iterator[tuple[dict[str, Any], bytes]]:
            for name in order:
                if self._unchanged(name, kept[name]):
                    start, length, _ = self.spans[name]
                    names.append(name)
                    yield kept[name][1], self.script[start:start + length]
                    continue
                for part in parts.read([name], kept):  # (none: left out, and told)
                    for word, stem in part.stems.items():
                        counts.setdefault(word, [stem, 0])[1] += 1
                    names.append(name)
                    yield part.head, part.json.encode("ascii")

        where = write_index(out, records(), lambda: {
            word: entry[0] for word, entry in counts.items() if entry[1] > 0})
        for name, (start, length) in zip(names, where, strict=True):
            spans[name] = [start, length, kept[name][2]]
        return {"spans": spans, "stems": {word: entry for word, entry in counts.items()
                                          if entry[1] > 0}}


class _Parts:
    """The documents' parts, each in its file under ``out``: made from a document (the
    registers' preferred names read when first needed), read back one at a time."""

    def __init__(self, out: Path, tei: Path, registers: bytes, registers_path: Path,
                 previous: dict[str, Any], problems: list[EditionError]) -> None:
        self.folder = out / PARTS_DIR
        self.tei = tei
        self._registers = (registers, registers_path, previous)
        self.problems = problems
        self.names: dict[str, str] | None = None
        self.kept_names: dict[str, str] | None = None  # the names to keep (None: not read)
        self.remade = False
        self.dropped = False  # a document left out of the script written (made again next time)
        # of each part made: the preferred names of the entries its record names
        self.shown: dict[str, dict[str, str | None]] = {}
        documents = previous.get("documents")
        self._previous_parts: dict[str, Any] = documents if isinstance(documents, dict) else {}
        self._replaced: dict[str, dict[str, str] | None] = {}  # stems of parts made again

    def file(self, name: str) -> Path:
        return self.folder / f"{name}.json"

    def make(self, path: Path, digest: str) -> list[Any] | None:
        """Make a document's part and write its file; its state entry (None, the
        problem told, when the document cannot be read). The words of the part it
        replaces are kept first (:meth:`old_stems`)."""
        self.remade = True
        if path.name not in self._replaced:
            before = self._previous_parts.get(path.name)
            self._replaced[path.name] = (self._stems_of(path.name, before[2])
                                         if isinstance(before, list) and len(before) == 3
                                         else None)
        if self.names is None:
            read = _names(*self._registers, self.problems)
            self.names, self.kept_names = read or {}, read
        try:
            entry = document_entry(path.read_bytes(), str(path), self.names)
        except EditionError as exc:
            self.problems.append(exc)
            return None
        part = Part.of(entry)
        names = self.names
        self.shown[path.name] = {str(n["id"]): names.get(str(n["id"]))
                                 for n in entry.get("names") or [] if "id" in n}
        data = json.dumps(part.to_list(), ensure_ascii=True).encode("ascii")
        # written in place, not flushed: a part whose bytes were cut short or lost is
        # made again (its hash is checked in read()); the state naming it is saved after
        self.folder.mkdir(parents=True, exist_ok=True)
        self.file(path.name).write_bytes(data)
        return [digest, part.head, _sha(data)]

    def read(self, names: list[str], kept: dict[str, list[Any]]) -> Iterator[Part]:
        """The parts of ``names``, in that order, each read from its file when asked
        for: one whose file was lost or changed is made again from its document (left
        out, and told, if that cannot be read now)."""
        for name in names:
            part = self._load(name, kept[name][2])
            if part is None:
                entry = self.make(self.tei / name, kept[name][0])
                if entry is None:
                    del kept[name]
                    self.dropped = True
                    continue
                kept[name] = entry
                part = self._load(name, entry[2])
            if part is not None:
                yield part

    def old_stems(self, name: str, digest: Any) -> dict[str, str] | None:
        """The stems of the part the last index was written with (hash ``digest``), or
        None when it is lost: read from its file, or, for a part made again in this
        run, as :meth:`make` found it before writing the new one."""
        if name in self._replaced:
            return self._replaced[name]
        return self._stems_of(name, digest) if isinstance(digest, str) else None

    def _stems_of(self, name: str, digest: str) -> dict[str, str] | None:
        part = self._load(name, digest)
        return None if part is None else part.stems

    def _load(self, name: str, digest: str) -> Part | None:
        try:
            data = self.file(name).read_bytes()
        except OSError:
            return None
        return Part.from_list(json.loads(data)) if _sha(data) == digest else None

    def forget(self, names: set[str]) -> None:
        """Delete the parts of documents that are no longer in the index."""
        if self.folder.is_dir():
            for stale in self.folder.glob("*.json"):
                if stale.name.removesuffix(".json") not in names:
                    stale.unlink(missing_ok=True)


def _same_names(shown: Any, names: dict[str, str]) -> bool:
    """Whether a record that showed the register names ``shown`` (entry id → its
    preferred name, None where the registers had none) shows the same with ``names``."""
    return isinstance(shown, dict) and all(
        names.get(ident) == name for ident, name in shown.items())


def _names_key(registers: bytes, digest: str, path: Path, previous: dict[str, Any],
               problems: list[EditionError]) -> tuple[str, dict[str, str] | None]:
    """The digest of what the records read of the registers file (every entry's
    preferred name), and those names (None when the file cannot be read: the problem
    told): kept from the last run for the same bytes (``digest``, their hash; ``previous``).
    A change that leaves the names as they were (a document naming an entry once more: the
    file's lists of mentions change) then keeps every record (at 1,000 documents it made
    all 1,000 again: 1.7 s of CPU)."""
    kept, names = previous.get("names-key"), previous.get("names")
    if previous.get("registers") == digest and isinstance(kept, str) and isinstance(names,
                                                                                 dict):
        return kept, names
    read = _names(registers, path, {}, problems)
    if read is None:
        return f"unreadable {digest}", None
    return hashlib.sha256(json.dumps(read, sort_keys=True).encode()).hexdigest(), read


def _names(registers: bytes, path: Path, previous: dict[str, Any],
           problems: list[EditionError]) -> dict[str, str] | None:
    """The preferred names of the registers file: kept from the last run (``previous``,
    the state of the same registers and code), else read."""
    kept = previous.get("names")
    if isinstance(kept, dict):
        return kept
    if not registers:
        return {}
    try:
        return register_names(registers, str(path))
    except EditionError as exc:
        problems.append(exc)  # reported, and not kept: reported again next time
        return None
