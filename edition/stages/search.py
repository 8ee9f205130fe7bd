"""The search stage: search-index.js from every document (search.html and timeline.html
are made with the index: :mod:`edition.stages.render`).

Each document's search record is kept (``site/.cache/search.json``) under the hash of its
TEI file (and of the registers file, which gives the names' preferred forms, and of the
code that makes records), folded and stemmed, so that only changed documents are read
and stemmed again. A document whose
pages could not be rendered is left out of the index: its result would lead nowhere.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from edition.errors import EditionError
from edition.paths import PACKAGE
from edition.search import SCRIPT_NAME, Part, document_entry, index_script_of, register_names
from edition.stages.common import (
    CACHE_DIR,
    REGISTERS,
    Digests,
    document_files,
    load_json,
    read_ascii,
    save_json,
)
from edition.xmlio import write_bytes_atomic

INDEX_STATE = f"{CACHE_DIR}/search.json"
INDEX_INPUTS = f"{CACHE_DIR}/search.inputs"  # the hash of what the index was last made from


@cache
def _search_code_digest() -> str:
    """The code that makes search records and stems their words: a change to it makes
    them all again."""
    h = hashlib.sha256(version("snowballstemmer").encode())
    for module in ("search.py", "index.py"):
        h.update((PACKAGE / module).read_bytes())
    return h.hexdigest()


def search_index(tei: Path, out: Path, digests: Digests, problems: list[EditionError]) -> None:
    """Write ``search-index.js`` from every document that rendered (``problems`` name
    those that did not). Each document's record is kept in :data:`INDEX_STATE` as its
    :class:`~edition.search.Part` under the hash of its TEI file; all of them are made
    again when the registers file (the names' preferred forms) or the code changes. The
    script is put together again only when a document came, went or changed."""
    registers_path = tei / REGISTERS
    registers = registers_path.read_bytes() if registers_path.exists() else b""
    key = hashlib.sha256(_search_code_digest().encode() + registers).hexdigest()
    state_path = out / INDEX_STATE
    failed = {str(problem.path) for problem in problems}
    # nothing it is made from changed: not even the records read
    inputs = hashlib.sha256(json.dumps([key, [[p.name, digests.digest(p)] for p in
                                              document_files(tei) if str(p) not in failed]])
                            .encode()).hexdigest()
    if read_ascii(out / INDEX_INPUTS) == inputs and (out / SCRIPT_NAME).is_file():
        return
    (out / INDEX_INPUTS).unlink(missing_ok=True)
    before = len(problems)
    previous = load_json(state_path)
    cached: dict[str, Any] = {}
    if previous.get("key") == key and isinstance(previous.get("documents"), dict):
        cached = previous["documents"]
    names: dict[str, str] | None = None
    kept_names: dict[str, str] | None = None
    remade = False
    kept: dict[str, list[Any]] = {}
    parts: list[Part] = []
    for path in document_files(tei):
        if str(path) in failed:
            continue
        digest = digests.digest(path)
        hit = cached.get(path.name)
        part = (Part.from_list(hit[1]) if isinstance(hit, list) and len(hit) == 2
                and hit[0] == digest else None)
        if part is None:
            remade = True
            if names is None:
                read = _names(registers, registers_path, previous if cached else {}, problems)
                names, kept_names = read or {}, read
            try:
                part = Part.of(document_entry(path.read_bytes(), str(path), names))
            except EditionError as exc:
                problems.append(exc)
                continue
        kept[path.name] = [digest, part.to_list()]
        parts.append(part)
    # the script is made of exactly these documents' records, in this order
    made = hashlib.sha256(json.dumps([key, [[n, v[0]] for n, v in kept.items()]])
                          .encode()).hexdigest()
    target = out / SCRIPT_NAME
    if previous.get("script") != made or not target.is_file():
        script = index_script_of(parts)
        if not target.is_file() or target.read_bytes() != script:
            write_bytes_atomic(target, script, sync=False)
    if previous.get("script") != made or remade:
        save_json(state_path, {"key": key, "documents": kept, "script": made,
                               "names": kept_names if names is not None else previous.get("names")})
    if len(problems) == before:  # a document that could not be read is read (and told) again
        write_bytes_atomic(out / INDEX_INPUTS, inputs.encode("ascii"))


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
