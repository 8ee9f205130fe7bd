"""The render stage: every TEI document of ``tei/`` → its pages in the site, then the
index and register pages, then the search stage.

What is done again, and what is not (``site/.cache/render.json`` remembers):

* a document whose TEI bytes are unchanged, rendered by unchanged stylesheets and
  assets, whose pages are all still there, is not rendered again (nor read: its hash is
  kept with its size and time);
* the other documents are rendered by a pool of processes (``jobs``), each compiling
  the two views' stylesheets once and writing its documents' pages;
* a document page also shows its neighbours and the build date: the state is keyed on
  the corpus file and the build date too (:func:`edition.crosspages.prepare`);
* the index and the search page are made again only when the corpus file changed, the
  map when the registers file changed; the register pages, the timeline and the
  restrictions page read a part of each document (:mod:`edition.stages.extracts`, kept
  by the document's hash: only changed documents are read again) and are made again
  only when what they read changed (the registers file, the corpus file, the parts
  they read); the published files (TEI, DTS, sitemap) when a TEI file or the list of
  pages changed; each also when a page is missing;
* the stylesheets are compiled only when something must be rendered that needs them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edition.errors import EditionError
from edition.paths import PACKAGE, XSLT_DIR
from edition.stages import pool
from edition.stages.common import (
    CACHE_DIR,
    CORPUS,
    REGISTERS,
    Digests,
    document_files,
    load_json,
    save_json,
    write_pages,
)
from edition.stages.extracts import Extracts
from edition.stages.search import render_search
from edition.xmlio import write_bytes_atomic

if TYPE_CHECKING:
    from edition.render import Renderer

RENDER_STATE = f"{CACHE_DIR}/render.json"
ASSETS_DIR = PACKAGE / "assets"


@dataclass
class RenderReport:
    rendered: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[EditionError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _assets() -> dict[str, bytes]:
    from edition.render import assets

    return assets()


def _stylesheet_digest(xslt_dir: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(xslt_dir.rglob("*")):
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    for name, data in sorted(_assets().items()):
        h.update(name.encode())
        h.update(data)
    return h.hexdigest()


class LazyRenderer:
    """A :class:`Renderer` made only when first asked for: its stylesheets compiled and
    told the build date and the corpus (:func:`edition.crosspages.prepare`) then, not
    before."""

    def __init__(self, xslt_dir: Path, tei: Path) -> None:
        self.xslt_dir, self.tei = xslt_dir, tei
        self._renderer: Renderer | None = None

    def get(self) -> Renderer:
        if self._renderer is None:
            from edition import crosspages
            from edition.render import Renderer

            self._renderer = Renderer(self.xslt_dir, stylesheets=())
            crosspages.prepare(self._renderer, self.tei)
        return self._renderer


def _context(tei: Path) -> tuple[str, bytes | None]:
    """What a document page depends on besides its TEI: the build date and the corpus
    (its neighbours), as :func:`edition.crosspages.prepare` gives them."""
    from edition.release import build_date

    corpus = tei / CORPUS
    return build_date(tei), corpus.read_bytes() if corpus.is_file() else None


# -- one document, in a worker process or in this one ----------------------------------

def _setup(xslt_dir: str, tei: str) -> Renderer:
    """The two views compiled, told the build date and the corpus (not the whole
    edition: the document views do not look at it)."""
    from edition.render import VIEWS, Renderer

    renderer = Renderer(Path(xslt_dir), stylesheets=VIEWS)
    date, corpus = _context(Path(tei))
    try:
        renderer.set_context(build_date=date, corpus=corpus)
    except EditionError:  # a broken corpus: reported with the index
        renderer.set_context(build_date=date)
    return renderer


DocumentResult = tuple[list[str], list[str]] | EditionError  # (pages, warnings) or error


def _render_document(renderer: Renderer, task: tuple[str, str]) -> DocumentResult:
    """Render one TEI file and write its pages; the pages written and the warnings."""
    path, out = Path(task[0]), Path(task[1])
    try:
        pages = renderer.render_document(path.read_bytes(), str(path))
    except EditionError as exc:
        renderer.take_warnings()
        return exc
    except OSError as exc:
        return EditionError(path, 0, 0, f"cannot read: {exc.strerror}")
    for rel, content in pages.items():
        write_bytes_atomic(out / rel, content)
    warnings = [w if w.startswith(str(path)) else f"{path}:0:0: warning: {w}"
                for w in renderer.take_warnings()]
    return sorted(pages), warnings


# -- the stage --------------------------------------------------------------------------

def render(tei: Path, out: Path, *, xslt_dir: Path | None = None, jobs: int = 1,
           progress: bool | None = None) -> RenderReport:
    """Render every TEI file of ``tei`` into ``out``; unchanged documents are not redone.

    ``jobs``: processes for the documents to render; ``progress``: show a progress bar
    (None: when standard error is a terminal).
    """
    xslt_dir = xslt_dir or XSLT_DIR
    report = RenderReport()
    state_path = out / RENDER_STATE
    state = load_json(state_path)
    date, corpus = _context(tei)
    style = hashlib.sha256(_stylesheet_digest(xslt_dir).encode() + date.encode()
                           + (corpus or b"")).hexdigest()
    if state.get("stylesheets") != style:
        state = {"stylesheets": style, "files": {}}
    done: dict[str, list[str]] = state.setdefault("files", {})
    digests = Digests(state.get("digests"))
    if out.is_dir():  # temporary files of a run that was killed before renaming them
        for stale in out.rglob(".*.tmp"):
            stale.unlink(missing_ok=True)
    for name, data in _assets().items():
        target = out / name
        if not target.is_file() or target.read_bytes() != data:
            write_bytes_atomic(target, data)
    todo: list[tuple[Path, str]] = []
    for path in document_files(tei):
        digest = digests.digest(path)
        previous = done.get(path.name)
        if previous and previous[0] == digest and all((out / p).exists() for p in previous[1:]):
            report.skipped.append(path.name)
        else:
            todo.append((path, digest))
    tasks = [(str(path), str(out)) for path, _ in todo]
    with pool.Progress("render", len(tasks), enabled=progress) as bar:
        results = pool.run(tasks, _render_document, _setup, (str(xslt_dir), str(tei)),
                           jobs=jobs, progress=bar)
        for (path, digest), result in zip(todo, results, strict=True):
            if isinstance(result, EditionError):
                report.problems.append(result)
                done.pop(path.name, None)
                continue
            pages, warnings = result
            done[path.name] = [digest, *pages]
            report.rendered.append(path.name)
            report.warnings.extend(warnings)
    renderer = LazyRenderer(xslt_dir, tei)
    extracts = Extracts(tei, out, digests)
    _render_indexes(tei, out, state, digests, renderer, extracts, report)
    render_search(renderer.get, tei, out, state, digests, report.problems, report.warnings)
    _render_across(tei, out, state, digests, renderer, extracts, report)
    state["digests"] = digests.state()
    save_json(state_path, state)
    return report


def _render_indexes(tei: Path, out: Path, state: dict[str, Any], digests: Digests,
                    renderer: LazyRenderer, extracts: Extracts, report: RenderReport) -> None:
    """index.html and search.html from the corpus file, timeline.html from it and the
    dated events of the documents, the register pages from the registers file and the
    documents' mentions: each made again only when what it is made from changed or a
    page of it is missing."""
    from edition.render import REGISTERS as REGISTER_PAGES

    made: dict[str, Any] = state.setdefault("pages", {})
    corpus_path = tei / CORPUS
    if not corpus_path.exists():
        report.problems.append(EditionError(corpus_path, 0, 0,
                                            "no corpus file: run `edition convert` first"))
        for name in (CORPUS, "search-page", "timeline-page"):
            made.pop(name, None)
    else:
        corpus = digests.digest(corpus_path)
        _page(out, made, CORPUS, corpus, ["index.html"], report, renderer,
              lambda: renderer.get().render_index(corpus_path.read_bytes()))
        _page(out, made, "search-page", corpus, ["search.html"], report, renderer,
              lambda: renderer.get().render_site_pages(
                  corpus_path.read_bytes(), str(corpus_path), names=["search"]))
        _page(out, made, "timeline-page", _key(corpus, extracts.digest("events")),
              ["timeline.html"], report, renderer,
              lambda: renderer.get().render_site_pages(
                  corpus_path.read_bytes(), str(corpus_path), extracts.tree("events"),
                  names=["timeline"]))
    registers_path = tei / REGISTERS
    if registers_path.exists():
        _page(out, made, REGISTERS,
              _key(digests.digest(registers_path), extracts.digest("mentions")),
              [f"{name}.html" for name in REGISTER_PAGES], report, renderer,
              lambda: renderer.get().render_registers(
                  registers_path.read_bytes(), str(registers_path), extracts.tree("mentions")))


def _key(*digests: str) -> str:
    return hashlib.sha256(" ".join(digests).encode()).hexdigest()


def _page(out: Path, made: dict[str, Any], name: str, key: str, pages: list[str],
          report: RenderReport, renderer: LazyRenderer,
          make: Callable[[], dict[str, bytes]]) -> None:
    """Make pages again (``make``) unless ``made[name]`` holds ``key`` (the hash of all
    they are made from) and the pages are there; remember the key if no problem came.
    ``pages`` lists the files made (left empty: those ``make`` made last time, kept in
    ``made[name]`` after the key)."""
    previous = made.get(name)
    files: list[str] = pages
    if pages:
        done = previous == key
    else:
        done = isinstance(previous, list) and bool(previous) and previous[0] == key
        files = [str(p) for p in previous[1:]] if isinstance(previous, list) else []
    if done and all((out / p).exists() for p in files):
        return
    before = len(report.problems)
    written: list[str] = []

    def making() -> dict[str, bytes]:
        result = make()
        written.extend(sorted(result))
        return result

    write_pages(out, report.problems, making)
    report.warnings.extend(renderer.get().take_warnings())
    ok = len(report.problems) == before
    if not ok and str(report.problems[-1]) in map(str, report.problems[:before]):
        report.problems.pop()  # (a broken corpus file is reported once, not per page)
    made[name] = (key if pages else [key, *written]) if ok else None


def _edition_digest(tei: Path, digests: Digests) -> str:
    """The hash of every TEI file of the folder (documents, corpus, registers)."""
    h = hashlib.sha256()
    for path in sorted(tei.glob("*.xml")):
        h.update(path.name.encode())
        h.update(digests.digest(path).encode())
    return h.hexdigest()


def _render_across(tei: Path, out: Path, state: dict[str, Any], digests: Digests,
                   renderer: LazyRenderer, extracts: Extracts, report: RenderReport) -> None:
    """The pages across documents (map with its data files, restrictions, corrections)
    and the published files (the TEI whole, DTS, sitemap), each made again only when
    what they are made from changed or a file of theirs is missing."""
    from edition import crosspages
    from edition.stages.corrections import render_corrections
    from edition.stages.publish import publish, site_pages, withdraw

    made: dict[str, Any] = state.setdefault("pages", {})
    registers_path = tei / REGISTERS
    registers = digests.digest(registers_path) if registers_path.exists() else ""
    _page(out, made, "map-page", registers, [], report, renderer,
          lambda: crosspages.map_page(renderer.get(), registers_path))
    _page(out, made, "restrictions-page", extracts.digest("restrictions"),
          ["restrictions.html"], report, renderer,
          lambda: renderer.get().render_restrictions(extracts.tree("restrictions")))
    # the translation apparatus of issue 8, from each document's extract
    render_corrections(tei, out, renderer.xslt_dir, digests, report.problems)
    withdraw(state.setdefault("files", {}), tei, out)  # the pages of documents gone
    pages = site_pages(out)
    site_url = _site_url(tei)
    edition = _edition_digest(tei, digests)
    key = hashlib.sha256(json.dumps([edition, pages, site_url]).encode()).hexdigest()
    if made.get("published") != key:
        before = len(report.problems)
        publish(tei, out, digests, pages, site_url, report.problems)
        made["published"] = key if len(report.problems) == before else None


def _site_url(tei: Path) -> str | None:
    from edition.paths import find_edition

    try:
        return find_edition(tei).site_url
    except EditionError:
        return None
