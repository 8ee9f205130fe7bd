"""The corrections page of the render stage, made from each document's extract.

``site/.cache/corrections.json`` keeps, under the hash of each TEI file, what the page
reads of it (:func:`edition.corrections_page.extract`: nothing for most documents), and
the key of the page last made: the stylesheets, the code and the extracts in the order
of the list of documents. The page is made again only when that key changed (a
correction added, changed or taken out, a document with corrections come, gone or
moved, a title of such a document changed) or the page is missing; an edit elsewhere
in a text reads that one document again and leaves the page alone.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from edition.corrections_page import PAGE, document_order, extract, page_of_extracts
from edition.errors import EditionError
from edition.paths import PACKAGE
from edition.stages import pool
from edition.stages.common import (
    CACHE_DIR,
    Digests,
    by_name,
    load_json,
    read_ascii,
    save_json,
    write_pages,
)
from edition.xmlio import parse_bytes, write_bytes_atomic

STATE = f"{CACHE_DIR}/corrections.json"
INPUTS = f"{CACHE_DIR}/corrections.inputs"  # the hash of the TEI files and code last seen


@cache
def _code(xslt_dir: Path) -> str:
    """The code that makes the extracts and the stylesheets that make the page."""
    h = hashlib.sha256((PACKAGE / "corrections_page.py").read_bytes())
    h.update((PACKAGE / "render.py").read_bytes())  # (which runs the page's stylesheet)
    for path in sorted(xslt_dir.rglob("*.xsl")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _extract(path: Path) -> str | None:
    try:
        data = extract(parse_bytes(path.read_bytes(), str(path)).getroot())
    except (EditionError, OSError):
        return None  # reported when the document is rendered
    return None if data is None else data.decode("utf-8")


def _page(extracts: list[str], xslt_dir: str, tei: str) -> dict[str, bytes] | EditionError:
    """The page made from the documents' extracts, or what went wrong (in any process):
    by the pages' stylesheet the process keeps for the other pages across documents
    (:func:`edition.stages.render.any_pages_renderer`; in a build, the worker of those
    pages, which compiled it first: a stylesheet of its own cost 0.06 s of CPU with
    ``--jobs 1`` and 0.12 s in a worker, mostly common.xsl compiled again)."""
    from edition.stages.render import any_pages_renderer

    try:
        return page_of_extracts((e.encode("utf-8") for e in extracts),
                                any_pages_renderer(xslt_dir), Path(tei))
    except EditionError as exc:
        return exc


def render_corrections(tei: Path, out: Path, xslt_dir: Path, digests: Digests,
                       problems: list[EditionError]) -> None:
    """Write ``corrections.html`` into ``out`` when what it is made from changed; a
    failure is added to ``problems`` (and the page is made again next time)."""
    state_path = out / STATE
    code = _code(xslt_dir)
    # nothing it is made from changed (no TEI file, not the code): not even its state read
    inputs = hashlib.sha256(json.dumps([code, [[p.name, digests.digest(p)] for p in by_name(
        tei.glob("*.xml"))]]).encode()).hexdigest()
    if read_ascii(out / INPUTS) == inputs and (out / PAGE).is_file():
        return
    (out / INPUTS).unlink(missing_ok=True)
    previous = load_json(state_path)
    cached: dict[str, Any] = {}
    if previous.get("code") == code and isinstance(previous.get("documents"), dict):
        cached = previous["documents"]
    try:
        order = document_order(tei)
    except EditionError as exc:  # a broken list of documents
        problems.append(exc)
        return
    kept: dict[str, list[Any]] = {}
    for path in order:
        digest = digests.digest(path)
        hit = cached.get(path.name)
        if (isinstance(hit, list) and len(hit) == 2 and hit[0] == digest
                and (hit[1] is None or isinstance(hit[1], str))):
            kept[path.name] = hit
        else:
            kept[path.name] = [digest, _extract(path)]
    extracts = [data for _, data in kept.values() if data is not None]
    key = hashlib.sha256(json.dumps([code, extracts]).encode()).hexdigest()
    page = previous.get("page")
    if page != key or not (out / PAGE).is_file():
        before = len(problems)

        def make() -> dict[str, bytes]:
            # in a worker of the session: this process then never starts Saxon (its
            # heap would stay with it to the end of the command)
            pages = pool.submit(_page, extracts, str(xslt_dir), str(tei),
                                lane=pool.EDITION).result()
            if isinstance(pages, EditionError):
                raise pages
            return {rel: data for rel, data in pages.items()
                    if not (out / rel).is_file() or (out / rel).read_bytes() != data}

        write_pages(out, problems, make)
        page = key if len(problems) == before else None
    if page != previous.get("page") or kept != cached:
        save_json(state_path, {"code": code, "documents": kept, "page": page})
    if page is not None:
        write_bytes_atomic(out / INPUTS, inputs.encode("ascii"))
