"""The render stage: every TEI document of ``tei/`` → its pages in the site, then the
index and register pages, then the search stage.

A document whose TEI bytes are unchanged, rendered by unchanged stylesheets and assets,
whose pages are all still there, is not rendered again: ``site/.render-state.json``
keeps, per file, the hash of its TEI and the pages made from it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from edition import crosspages
from edition.errors import EditionError
from edition.paths import XSLT_DIR
from edition.render import Renderer, assets
from edition.stages.common import CORPUS, REGISTERS, document_files, write_pages
from edition.stages.publish import publish
from edition.stages.search import render_search
from edition.xmlio import write_bytes_atomic

RENDER_STATE = ".render-state.json"


@dataclass
class RenderReport:
    rendered: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[EditionError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _stylesheet_digest(xslt_dir: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(xslt_dir.rglob("*")):
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    for name, data in sorted(assets().items()):
        h.update(name.encode())
        h.update(data)
    return h.hexdigest()


def render(tei: Path, out: Path, *, xslt_dir: Path | None = None) -> RenderReport:
    """Render every TEI file of ``tei`` into ``out``; unchanged documents are not redone."""
    xslt_dir = xslt_dir or XSLT_DIR
    report = RenderReport()
    renderer = Renderer(xslt_dir)
    context = crosspages.prepare(renderer, tei)
    state_path = out / RENDER_STATE
    try:
        state = json.loads(state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    style = _stylesheet_digest(xslt_dir) + context
    if state.get("stylesheets") != style:
        state = {"stylesheets": style, "files": {}}
    done: dict[str, list[str]] = state.setdefault("files", {})
    if out.is_dir():  # temporary files of a run that was killed before renaming them
        for stale in out.rglob(".*.tmp"):
            stale.unlink(missing_ok=True)
    for name, data in assets().items():
        write_bytes_atomic(out / name, data)
    for path in document_files(tei):
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        previous = done.get(path.name)
        if previous and previous[0] == digest and all((out / p).exists() for p in previous[1:]):
            report.skipped.append(path.name)
            continue
        try:
            pages = renderer.render_document(data, str(path))
        except EditionError as exc:
            report.problems.append(exc)
            done.pop(path.name, None)
            continue
        for rel, content in pages.items():
            write_bytes_atomic(out / rel, content)
        done[path.name] = [digest, *sorted(pages)]
        report.rendered.append(path.name)
        report.warnings.extend(_drain_warnings(renderer, path))
    corpus_path = tei / CORPUS
    if corpus_path.exists():
        write_pages(out, report.problems, lambda: renderer.render_index(corpus_path.read_bytes()))
    else:
        report.problems.append(EditionError(corpus_path, 0, 0,
                                            "no corpus file: run `edition convert` first"))
    registers_path = tei / REGISTERS
    if registers_path.exists():
        write_pages(out, report.problems, lambda: renderer.render_registers(
            registers_path.read_bytes(), str(registers_path)))
    render_search(renderer, tei, out, state, report.problems, report.warnings)
    write_pages(out, report.problems, lambda: crosspages.pages(renderer, tei))
    report.warnings.extend(renderer.take_warnings())  # the map's, the restrictions page's
    publish(tei, out, report.problems)
    write_bytes_atomic(state_path, (json.dumps(state, indent=1, sort_keys=True) + "\n").encode())
    return report


def _drain_warnings(renderer: Renderer, path: Path) -> list[str]:
    """The stylesheets' warnings about one document (unhandled elements …)."""
    return [w if w.startswith(str(path)) else f"{path}:0:0: warning: {w}"
            for w in renderer.take_warnings()]
