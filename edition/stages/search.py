"""The search stage: search-index.js from every document (search.html and timeline.html
are made with the index: :mod:`edition.stages.render`).

Each document's search record is kept in the render state under the hash of its TEI
file (and of the registers file, which gives the names' preferred forms, and of the code
that makes records), so that only changed documents are read again. A document whose
pages could not be rendered is left out of the index: its result would lead nowhere.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from edition.errors import EditionError
from edition.paths import PACKAGE
from edition.render import Renderer
from edition.search import SCRIPT_NAME, document_entry, index_script, register_names
from edition.stages.common import REGISTERS, Digests, document_files
from edition.xmlio import write_bytes_atomic


@cache
def _search_code_digest() -> str:
    """The code that makes search records: a change to it makes them all again."""
    h = hashlib.sha256()
    for module in ("search.py", "index.py"):
        h.update((PACKAGE / module).read_bytes())
    return h.hexdigest()


def render_search(renderer: Callable[[], Renderer], tei: Path, out: Path,
                  state: dict[str, Any], digests: Digests, problems: list[EditionError],
                  warnings: list[str]) -> None:
    """Write the search index; ``state`` (the render
    state) keeps the records for the next run. ``renderer`` gives the compiled
    stylesheets (compiled when first asked for); ``digests`` the files' hashes.
    ``problems`` so far name the documents that failed to render; new problems and
    warnings are added to the lists."""
    registers_path = tei / REGISTERS
    registers = registers_path.read_bytes() if registers_path.exists() else b""
    key = hashlib.sha256(_search_code_digest().encode() + registers).hexdigest()
    previous = state.get("search")
    cached: dict[str, Any] = {}
    if isinstance(previous, dict) and previous.get("key") == key:
        cached = previous.get("entries") or {}
    failed = {str(problem.path) for problem in problems}
    names: dict[str, str] | None = None
    kept: dict[str, list[Any]] = {}
    entries: list[dict[str, Any]] = []
    for path in document_files(tei):
        if str(path) in failed:
            continue
        digest = digests.digest(path)
        hit = cached.get(path.name)
        if isinstance(hit, list) and len(hit) == 2 and hit[0] == digest:
            entry = hit[1]
        else:
            if names is None:
                names = {}
                if registers:
                    try:
                        names = register_names(registers, str(registers_path))
                    except EditionError as exc:
                        problems.append(exc)
            try:
                entry = document_entry(path.read_bytes(), str(path), names)
            except EditionError as exc:
                problems.append(exc)
                continue
        kept[path.name] = [digest, entry]
        entries.append(entry)
    unchanged = (isinstance(previous, dict) and previous.get("key") == key
                 and previous.get("entries") == kept and (out / SCRIPT_NAME).is_file())
    state["search"] = {"key": key, "entries": kept}
    if unchanged:  # the index would be made again byte for byte
        return
    script = index_script(entries)
    target = out / SCRIPT_NAME
    if not target.is_file() or target.read_bytes() != script:
        write_bytes_atomic(target, script)
