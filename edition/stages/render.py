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
  map when the registers file's header or places changed (:func:`_map_key`); the
  register pages, the timeline and the restrictions page read a part of each document
  (:mod:`edition.stages.extracts`, kept by the document's hash: only changed documents
  are read again) and are made again only when what they read changed (the registers
  file, the corpus file, the parts they read), the timeline and the register pages then
  from kept pieces (:mod:`edition.stages.timeline`, :mod:`edition.stages.register_pages`:
  a document's dates, an entry, made again only when it changed); the published files
  (TEI, DTS, sitemap) when a TEI file or the list of pages changed; each also when a page
  is missing;
* the stylesheets are compiled only when something must be rendered that needs them.

In parallel (``jobs`` > 1): the pages made from the whole edition (:data:`PRODUCTS`:
index, search page, timeline, registers, map, restrictions) are handed to the pool
first, then the documents, so they are made beside one another; this process meanwhile
makes the corrections page, and what else comes from the TEI alone is made in processes
of its own (:func:`edition.stages.pool.aside`): the published files (DTS, the TEI
whole) and the search index (made again after the documents if one of them failed: it
leaves that one out); then it writes the products' pages in a fixed order, and the sitemap last (it
lists every page). The output is byte-identical for any ``jobs``.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edition.errors import EditionError
from edition.paths import XSLT_DIR, listing
from edition.site_assets import assets
from edition.stages import apart, pool, timeline
from edition.stages.common import (
    CACHE_DIR,
    CORPUS,
    REGISTERS,
    Digests,
    by_name,
    code_digest,
    document_files,
    flush_site,
    load_json,
    save_state_bytes,
    state_bytes,
    state_digest,
)
from edition.stages.extracts import Extracts
from edition.stages.neighbours import page_ids, page_keys
from edition.xmlio import handed_over, write_bytes_atomic

if TYPE_CHECKING:
    from edition.render import Renderer
    from edition.stages.register_pages import Mentions

RENDER_STATE = f"{CACHE_DIR}/render.json"
RUNNING = f"{CACHE_DIR}/render.running"  # there while a render runs (see _begin)
# Up to this many documents to render, the main process's own work overlaps theirs:
# render() calls ``meanwhile`` (the build's validation) once their rendering is handed
# out, and makes the corrections page in a thread while it hands out the pages made from
# the extracts. With more, one after the other: many documents keep the workers busy
# either way, and the main process would hold the validation's state of every file, the
# corrections page's and the render's at once (at 10,000 documents it peaked at 938 MB,
# and 863 MB with the validation alone done first, against 751 MB before either overlap).
FEW_DOCUMENTS = 64


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


def _context(tei: Path) -> tuple[str, bytes | None]:
    """What a document page depends on besides its TEI: the build date and the corpus
    (its neighbours), as :func:`edition.crosspages.prepare` gives them."""
    from edition.release import build_date

    corpus = tei / CORPUS
    return build_date(tei), corpus.read_bytes() if corpus.is_file() else None


# -- one document, in a worker process or in this one ----------------------------------

def views(xslt_dir: str) -> Renderer:
    """The two views compiled (what each process rendering documents needs first; a
    worker of ``edition build`` makes it early: :func:`edition.stages.pool.warm`)."""
    from edition.render import VIEWS, Renderer

    return Renderer(Path(xslt_dir), stylesheets=VIEWS)


def _render_key(code: str, date: str, corpus: bytes | None) -> str:
    """The digest of what every page depends on besides its own input: the stylesheets
    and assets (``code``: :func:`_stylesheet_digest`), the build date and the corpus
    file (:func:`_context`)."""
    return hashlib.sha256(code.encode() + date.encode() + (corpus or b"")).hexdigest()


def _setup(xslt_dir: str, tei: str, _key: str) -> Renderer:
    """The two views compiled, told the build date and the corpus (not the whole
    edition: the document views do not look at it). ``_key``: the digest of what the
    context is made from (:func:`_render_key`), so that a worker kept over a session
    sets it up again when it changed."""
    date, corpus = _context(Path(tei))
    return _told(xslt_dir, date, corpus)


def _told(xslt_dir: str, date: str, corpus: bytes | None) -> Renderer:
    renderer = pool.context(views, (xslt_dir,))
    try:
        renderer.set_context(build_date=date, corpus=corpus)
    except EditionError:  # a broken corpus: reported with the index
        renderer.set_context(build_date=date)
    return renderer


def context_before(xslt_dir: str, tei: str) -> None:
    """In a worker of ``edition build``, while the conversion runs: :func:`_setup` made
    from the build date and the corpus file as they are now, with the corpus's order
    (what every document page needs first), and kept under the key they give. When the
    conversion leaves them as they were (a corrected text: the usual case once an
    edition is built) the render finds its set-up made; else the key differs and the
    render sets up again (what is lost: one reading of the corpus, in a worker that
    would wait meanwhile). Nothing without a corpus file (a first build)."""
    date, corpus = _context(Path(tei))
    if corpus is None:
        return
    key = _render_key(_stylesheet_digest(Path(xslt_dir)), date, corpus)
    renderer = pool.context(_setup, (xslt_dir, tei, key),
                            make=lambda: _told(xslt_dir, date, corpus))
    with contextlib.suppress(EditionError):  # a broken corpus: each document's render
        renderer.order_corpus()               # says so


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
        write_bytes_atomic(out / rel, content, sync=False)
    handed_over(out / rel for rel in pages)  # flushed by the caller (flush_site)
    warnings = [w if w.startswith(str(path)) else f"{path}:0:0: warning: {w}"
                for w in renderer.take_warnings()]
    return sorted(pages), warnings


# -- the stage --------------------------------------------------------------------------

def render(tei: Path, out: Path, *, xslt_dir: Path | None = None, jobs: int = 1,
           progress: bool | None = None,
           meanwhile: Callable[[], object] | None = None,
           then: Callable[[], object] | None = None, release: bool = False) -> RenderReport:
    """Render every TEI file of ``tei`` into ``out``; unchanged documents are not redone.

    ``jobs``: processes for the documents to render; ``progress``: show a progress bar
    (None: when standard error is a terminal). ``meanwhile``: called once the work is
    handed out, before its results are taken, when there are at most
    :data:`FEW_DOCUMENTS` documents to render (``edition build`` validates then: a
    changed document is rendered while it does, rather than after); with more, called
    first. ``then``: called once the pages are made, before they are flushed (a build's
    validation report, taken while the session's workers are there to finish it). What
    either raises ends the render, whose state is then not saved. ``release``: the
    render, and ``then``, are the session's last work: its workers end while this
    process flushes the pages (:func:`pool.release`).
    """
    xslt_dir = xslt_dir or XSLT_DIR
    report = RenderReport()
    state_path = out / RENDER_STATE
    state = load_json(state_path)
    before = state_digest(state)
    date, corpus = _context(tei)
    code = _stylesheet_digest(xslt_dir)  # (the stylesheets and assets read once for both keys)
    style = _render_key(code, date, corpus)  # (the workers are told the corpus)
    # what every document page depends on but its own TEI and its neighbours in the
    # corpus (each document's record holds those: a new document, or a changed title or
    # date, renders again the documents whose neighbours changed, not every document)
    kept_key = _render_key(code, date, None)
    if state.get("stylesheets") != kept_key:
        state = {"stylesheets": kept_key, "files": {}}
    neighbours = _Neighbours(corpus, state)
    done: dict[str, list[str]] = state.setdefault("files", {})
    digests = Digests(state.get("digests"), steady=True)  # tei/ does not change meanwhile
    _begin(out)
    for name, data in assets().items():
        target = out / name
        if not target.is_file() or target.read_bytes() != data:
            write_bytes_atomic(target, data, sync=False)
    todo: list[tuple[Path, str]] = []
    written: list[Path] = []  # the pages of the documents rendered (to flush)
    present = _Present(out)
    for path in document_files(tei):
        digest = digests.digest(path)
        previous = done.get(path.name)
        if previous and neighbours.current(previous, digest) and all(
                present(p) for p in previous[1:]):
            report.skipped.append(path.name)
        else:
            todo.append((path, digest))
    tasks = [(str(path), str(out)) for path, _ in todo]
    few = len(tasks) <= FEW_DOCUMENTS
    published: tuple[str, pool.Deferred[Any] | None] | None = None
    if meanwhile is not None and not few:
        # the published files first, in their process aside (the longest of them: some
        # twenty files a document): made while the workers validate, not after every page
        published = _publish_early(tei, out, state, digests)
        meanwhile()  # before: the workers are busy with the validation anyway
        meanwhile = None
    products = Products(str(out), str(xslt_dir), str(tei), style)
    try:
        # the pages from the corpus and registers files first, then the documents; the
        # documents' extracts are cut meanwhile, then the pages made from them
        registers_file = _RegistersFile(tei / REGISTERS)  # read when a key needs it, once
        _render_corpus_pages(tei, out, state, digests, products, report, registers_file)
        results = pool.run(tasks, _render_document, _setup, (str(xslt_dir), str(tei), style),
                           jobs=jobs, weights=[float(path.stat().st_size) for path, _ in todo],
                           warm_setup=True, lane=pool.DOCUMENTS)
        if published is None:
            published = _publish_early(tei, out, state, digests)
        # with documents to render: made in processes of their own meanwhile
        aside = pool.aside if tasks else pool.when_asked
        searched = _search_early(tei, out, digests, report.problems, aside)
        # the extracts of a few documents cut again: in a thread of this process, which
        # mostly waits meanwhile (a process of its own cost more to start than the work:
        # at 40 documents from scratch, 0.1-0.2 s less CPU in all); of many, apart
        cut = (pool.beside if few else aside)(_extracts, tei, out, digests.copy())
        corrected = pool.in_session()  # made while the workers render, not after
        corrections: pool.Deferred[list[EditionError]] | None = None
        if corrected and few:  # in a thread: the pages below are handed out meanwhile
            corrections = pool.beside(_corrections, tei, out, xslt_dir, digests.copy())
        elif corrected:
            report.problems.extend(_corrections(tei, out, xslt_dir, digests))
        if meanwhile is not None:
            meanwhile()
        with pool.Progress("render", len(tasks), enabled=progress) as bar:
            _render_extract_pages(tei, out, state, digests, products, cut.result(),
                                  registers_file)
            if corrections is not None:
                report.problems.extend(corrections.result())
            for (path, digest), result in zip(todo, results, strict=True):
                bar.advance()
                if isinstance(result, EditionError):
                    report.problems.append(result)
                    done.pop(path.name, None)
                    continue
                pages, warnings = result
                done[path.name] = [neighbours.record(digest, pages, done.get(path.name)),
                                   *pages]
                written.extend(out / page for page in pages)
                report.rendered.append(path.name)
                report.warnings.extend(warnings)
        state.pop("search", None)  # an older render state's records: kept apart now
        _search_after(searched, tei, out, digests, report.problems)
        products.write(written, report.problems, report.warnings)
        if not corrected:
            report.problems.extend(_corrections(tei, out, xslt_dir, digests))
        _render_across(tei, out, state, report, published)
        if then is not None:
            then()
        if release:
            pool.release()
    finally:
        pool.forget()  # the stylesheets compiled in this process
    state["digests"] = digests.state()
    state["corpus"] = neighbours.digest
    now = state_bytes(state)
    if state_digest(now) != before:  # something was made (or moved): on disk first
        flush_site(written)
    save_state_bytes(state_path, now)
    (out / RUNNING).unlink(missing_ok=True)
    return report


class _Neighbours:
    """Each document's record in the render state: the hash of its TEI file and of what
    its pages read of the corpus file (:func:`edition.stages.neighbours.page_keys`), as
    ``"<tei hash>/<neighbours' hash>"``. The corpus is read only when it changed since the
    last render (its hash is kept in the state) and a record must be told."""

    def __init__(self, corpus: bytes | None, state: dict[str, Any]) -> None:
        self.corpus = corpus
        self.digest = "none" if corpus is None else hashlib.sha256(corpus).hexdigest()
        self.same = state.get("corpus") == self.digest
        self._keys: Callable[[Any], str] | None = None

    def key(self, pages: Iterable[str]) -> str:
        if self._keys is None:
            self._keys = page_keys(self.corpus)
        return self._keys(page_ids(pages))

    def current(self, record: list[str], digest: str) -> bool:
        """Whether a document's record (its pages after it) is that of its TEI file as it
        is (``digest``), with its neighbours as they are."""
        tei, _, read = str(record[0]).partition("/")
        return tei == digest and bool(read) and (self.same or read == self.key(record[1:]))

    def record(self, digest: str, pages: list[str], previous: list[str] | None) -> str:
        """The record of a document rendered now (``previous``: its record before): its
        neighbours' hash is the one it had when the corpus is the same and its pages
        are (the corpus is not read for a corrected text)."""
        if (self.same and previous and sorted(previous[1:]) == sorted(pages)
                and "/" in str(previous[0])):
            return f"{digest}/{str(previous[0]).partition('/')[2]}"
        return f"{digest}/{self.key(pages)}"


class _Present:
    """Whether pages of the site are there, from one listing of each folder of the site
    (not a call per page: an edition's pages are thousands)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.folders: dict[str, dict[str, bool]] = {}

    def __call__(self, page: str) -> bool:
        folder, _, name = page.rpartition("/")
        names = self.folders.get(folder)
        if names is None:
            names = self.folders[folder] = listing(self.out / folder)
        return name in names


def _begin(out: Path) -> None:
    """Mark the site as being rendered (:data:`RUNNING`), after taking out the temporary
    files of a render that was stopped before it renamed them: looked for only when the
    last render did not end (the mark is still there) or there is no state, so that a
    render does not walk every file of a large site for them."""
    if out.is_dir() and ((out / RUNNING).exists() or not (out / RENDER_STATE).is_file()):
        for stale in out.rglob(".*.tmp"):
            stale.unlink(missing_ok=True)
    (out / RUNNING).parent.mkdir(parents=True, exist_ok=True)
    (out / RUNNING).touch()


def _render_corpus_pages(tei: Path, out: Path, state: dict[str, Any], digests: Digests,
                         products: Products, report: RenderReport,
                         registers_file: _RegistersFile) -> None:
    """index.html and search.html from the corpus file, map.html from the registers
    file: each made again only when its file changed or a page of it is missing."""
    made: dict[str, Any] = state.setdefault("pages", {})
    corpus_path = tei / CORPUS
    if not corpus_path.exists():
        report.problems.append(EditionError(corpus_path, 0, 0,
                                            "no corpus file: run `edition convert` first"))
        for name in (CORPUS, "search-page", "timeline-page"):
            made.pop(name, None)
    else:
        corpus = digests.digest(corpus_path)
        big = apart.large(corpus_path)
        _page(out, made, CORPUS, corpus, ["index.html"], products, "index", alone=big)
        _page(out, made, "search-page", corpus, ["search.html"], products, "search-page",
              alone=big)
    registers_path = tei / REGISTERS
    registers = digests.digest(registers_path) if registers_path.exists() else ""
    _page(out, made, "map-page", _map_key(registers_file, registers, made), [], products,
          "map", alone=apart.large(registers_path))


def _register_keys(registers: _RegistersFile, digest: str, extracts: Extracts,
                   made: dict[str, Any], pages: tuple[str, ...]) -> dict[str, str]:
    """What each register page is made from (:func:`edition.sitedata.register_keys`): a
    name of one kind, added or changed, makes that kind's page again, not the others.
    Worked out only when the registers file or the documents' mentions changed (kept in
    ``made`` beside their digests); a registers file that cannot be read gives each page
    the digest of both (the pages' own run reports what is wrong)."""
    source = _key(digest, extracts.digest("mentions"))
    kept = made.get("registers-source")
    if (isinstance(kept, list) and len(kept) == 2 and kept[0] == source
            and isinstance(kept[1], dict) and set(kept[1]) == set(pages)):
        return {name: str(kept[1][name]) for name in pages}
    from edition.sitedata import register_keys

    keys = register_keys(registers.read, pages, extracts.named()) or dict.fromkeys(pages,
                                                                                 source)
    made["registers-source"] = [source, keys]
    return keys


class _RegistersFile:
    """What the map's key and the register pages' keys read of the registers file
    (:func:`edition.sitedata.read_registers`: hashes and ids, not the file's tree),
    read when first asked for and then kept for the rest of the render (a name change
    needs both: the file, some 2 MB at 1,000 documents and 19 MB at 10,000, is read
    once)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._read: list[Any] = []

    def read(self) -> Any:
        if not self._read:
            from edition.sitedata import read_registers

            self._read.append(read_registers(self.path))
        return self._read[0]


def _map_key(registers: _RegistersFile, digest: str, made: dict[str, Any]) -> str:
    """What map.html is made from, of the registers file (of digest ``digest``): its
    header and its places (map-page.xsl reads nothing else of it), so that a person or an
    organisation named, renamed or mentioned once more leaves the map as it is. Worked
    out only when the file changed (kept in ``made`` beside its digest); a file that
    cannot be read gives its digest (the map's own run reports what is wrong)."""
    if not digest:
        return ""
    kept = made.get("map-source")
    if isinstance(kept, list) and len(kept) == 2 and kept[0] == digest:
        return str(kept[1])
    from edition.sitedata import places_digest

    key = places_digest(registers.read) or digest
    made["map-source"] = [digest, key]
    return key


def _render_extract_pages(tei: Path, out: Path, state: dict[str, Any], digests: Digests,
                          products: Products, extracts: Extracts,
                          registers_file: _RegistersFile) -> None:
    """timeline.html from the corpus file and the dated events of the documents, the
    register pages from the registers file and the documents' mentions, restrictions.html
    from their restrictions: each made again only when what it is made from changed or a
    page of it is missing."""
    from edition.register_kinds import REGISTER_PAGES

    made: dict[str, Any] = state.setdefault("pages", {})
    corpus_path = tei / CORPUS
    if corpus_path.exists():  # its absence is reported with the index
        key = _key(digests.digest(corpus_path), extracts.digest("events"))
        if _stale(out, made, "timeline-page", key, ["timeline.html"]):
            # its dated events: each document's made again only when its part changed
            plan = timeline.Plan(extracts, out, _stylesheet_digest(Path(products.args[0])))
            _page(out, made, "timeline-page", key, ["timeline.html"], products,
                  "timeline-page", plan, alone=apart.large(corpus_path, plan.size()))
    registers_path = tei / REGISTERS
    made.pop(REGISTERS, None)  # (the three pages' one key, before they were kept apart)
    if registers_path.exists():
        keys = _register_keys(registers_file, digests.digest(registers_path), extracts,
                              made, REGISTER_PAGES)
        stale = [name for name in REGISTER_PAGES
                 if _stale(out, made, f"registers-{name}", keys[name], [f"{name}.html"])]
        if stale:
            mentions = extracts.by_file("mentions")
            # a page per process when large: together they grow one too far
            large = apart.large(registers_path, sum(len(part) for _, part in mentions))
            products.make("registers", made, [f"registers-{name}" for name in stale],
                          [keys[name] for name in stale], mentions, extracts.named(),
                          out, *(() if large else stale),
                          pieces=[(name,) for name in stale] if large else None)
    restrictions = extracts.digest("restrictions")
    if _stale(out, made, "restrictions-page", restrictions, ["restrictions.html"]):
        cut = extracts.tree("restrictions")
        _page(out, made, "restrictions-page", restrictions, ["restrictions.html"], products,
              "restrictions", cut, alone=apart.large(len(cut)))


def _key(*digests: str) -> str:
    return hashlib.sha256(" ".join(digests).encode()).hexdigest()


def _stale(out: Path, made: dict[str, Any], name: str, key: str, pages: list[str]) -> bool:
    """Whether pages must be made again: ``made[name]`` does not hold ``key`` (the hash
    of all they are made from) or a page is missing. ``pages`` lists the files made
    (left empty: those made last time, kept in ``made[name]`` after the key)."""
    previous = made.get(name)
    files: list[str] = pages
    if pages:
        done = previous == key
    else:
        done = isinstance(previous, list) and bool(previous) and previous[0] == key
        files = [str(p) for p in previous[1:]] if isinstance(previous, list) else []
    return not (done and all((out / p).exists() for p in files))


def _page(out: Path, made: dict[str, Any], name: str, key: str, pages: list[str],
          products: Products, product: str, *args: Any, alone: bool = False,
          pieces: list[tuple[Any, ...]] | None = None) -> None:
    """Make pages again (product ``product`` of ``args``) if :func:`_stale`; remember
    the key when they are written if no problem came (with the files written after it
    when ``pages`` is empty). ``alone``: in processes of their own (:mod:`edition.
    stages.apart`), one for each of ``pieces`` (the product's last arguments) if given."""
    if _stale(out, made, name, key, pages):
        products.make(product, made, name, key, *args, with_pages=not pages,
                      pieces=(pieces or [()]) if alone else None)


def _edition_digest(tei: Path, digests: Digests) -> str:
    """The hash of every TEI file of the folder (documents, corpus, registers)."""
    h = hashlib.sha256()
    for path in by_name(tei.glob("*.xml")):
        h.update(path.name.encode())
        h.update(digests.digest(path).encode())
    return h.hexdigest()


def _extracts(tei: Path, out: Path, digests: Digests) -> Extracts:
    """The documents' extracts brought up to date (:class:`Extracts`)."""
    return Extracts(tei, out, digests)


Searched = tuple[list[EditionError], pool.Deferred[list[EditionError]]]


def _search_early(tei: Path, out: Path, digests: Digests, problems: list[EditionError],
                  aside: Callable[..., pool.Deferred[Any]]) -> Searched:
    """The search index begun beside the documents' rendering (:func:`pool.aside`),
    as if none of them fails (they seldom do); :func:`_search_after` makes it again
    when one did (a document whose pages failed is left out of the index)."""
    known = list(problems)
    return known, aside(_search, tei, out, digests.copy(), known)


def _search(tei: Path, out: Path, digests: Digests, problems: list[EditionError]
            ) -> list[EditionError]:
    """:func:`search_index` told ``problems``: the problems it adds."""
    from edition.stages.search import search_index  # in the process aside, mostly

    told = list(problems)
    search_index(tei, out, digests, told)
    return told[len(problems):]


def _search_after(searched: Searched, tei: Path, out: Path, digests: Digests,
                  problems: list[EditionError]) -> None:
    """The search index begun early, if the documents rendered as it supposed; else
    made again now (after it, so that the two do not write at once)."""
    known, early = searched
    if problems == known:
        problems.extend(early.result())
        return
    early.settle()
    from edition.stages.search import search_index

    search_index(tei, out, digests, problems)


def _publish_early(tei: Path, out: Path, state: dict[str, Any], digests: Digests
                   ) -> tuple[str, pool.Deferred[Any] | None]:
    """The published files made from the TEI folder alone (DTS, the TEI whole), begun
    beside the documents' rendering when a TEI file changed (:func:`pool.aside`); the
    sitemap waits for every page (:func:`_render_across`). With the digest of the TEI
    folder they are made from."""
    from edition.stages.publish import KEY_FILES, PUBLISH_CODE, publish_files

    made: dict[str, Any] = state.setdefault("pages", {})
    # what they are made with too: new code makes them again, even from the same files
    edition = _key(_edition_digest(tei, digests), code_digest(*PUBLISH_CODE))
    if made.get("published-from") == edition and all(
            (out / rel).is_file() for rel in KEY_FILES):
        return edition, None
    made.pop("published-from", None)  # set again once they are written
    return edition, pool.aside(publish_files, tei, out, digests.copy())


def _corrections(tei: Path, out: Path, xslt_dir: Path, digests: Digests
                 ) -> list[EditionError]:
    """The corrections page: the translation apparatus of issue 8, from each document's
    extract (made from the TEI files alone: at any time in the render stage); the
    problems it found. In a thread of its own (:func:`pool.beside`), it is given a copy
    of the caller's digests."""
    from edition.stages.corrections import render_corrections

    problems: list[EditionError] = []
    render_corrections(tei, out, xslt_dir, digests, problems)
    return problems


def _render_across(tei: Path, out: Path, state: dict[str, Any], report: RenderReport,
                   published: tuple[str, pool.Deferred[Any] | None]) -> None:
    """The published files (the TEI whole, DTS, sitemap) after every other page, each
    made again only when what they are made from changed or a file of theirs is
    missing. ``published``: what :func:`_publish_early` began."""
    from edition.stages.publish import finish_publication, site_pages, withdraw

    made: dict[str, Any] = state.setdefault("pages", {})
    withdraw(state.setdefault("files", {}), tei, out)  # the pages of documents gone
    edition, early = published
    stopped = early.result() if early is not None else None  # what stopped it, if any
    made.pop("published", None)  # (the sitemap's key, kept here by an older version)
    before = len(report.problems)
    # the sitemap made again only when its key changed (finish_publication)
    finish_publication(out, stopped, site_pages(out), _site_url(tei), report.problems)
    if early is not None:  # made now: kept as made from this edition if all went well
        made["published-from"] = edition if len(report.problems) == before else None


def _site_url(tei: Path) -> str | None:
    from edition.paths import find_edition

    try:
        return find_edition(tei).site_url
    except EditionError:
        return None


# -- the whole-edition products: each a function of the TEI folder ---------------------

Pages = dict[str, bytes]
Made = tuple[Pages, list[str]] | EditionError  # (pages, warnings) or the error


def edition_renderer(xslt_dir: str, tei: str, key: str, alone: bool = False) -> Renderer:
    """The stylesheets (compiled when first used), told the build date and the corpus
    (:func:`edition.crosspages.prepare`); ``key``: the digest of what that context is
    made from (a process keeps the renderer while it does not change). In a process that
    renders the documents, their renderer (:func:`_setup`, told the same): its Saxon
    is started and its corpus read, and the timeline's items are made with its views
    (:meth:`edition.render.Renderer.render_event_items`); a corrected document's build
    then makes its timeline without starting and compiling anew (0.2 s). ``alone``: for
    a process apart that makes one page (:func:`write_product_apart`), a renderer that
    compiles that page's stylesheet alone."""
    from edition import crosspages
    from edition.render import Renderer

    documents = pool.kept(_setup, (xslt_dir, tei, key))
    if documents is not None:
        return documents
    renderer = pool.kept(pages, (xslt_dir,))
    if renderer is None:
        renderer = Renderer(Path(xslt_dir), stylesheets=(), alone=alone)
    else:
        renderer.clear_context()
    crosspages.prepare(renderer, Path(tei))
    return renderer


def any_pages_renderer(xslt_dir: str) -> Renderer:
    """A renderer of ``xslt_dir`` for a page told nothing of the context (the corrections
    page: :meth:`edition.render.Renderer.render_corrections`): one this process keeps
    already (the pages' of the worker of the pages across documents, or the documents'
    of a process that renders both, whose pages' stylesheet is then compiled once for
    all), else the pages' (:func:`pages`), kept."""
    for setup in (pages, _setup, edition_renderer):
        renderer = pool.kept_any(setup)
        if renderer is not None and renderer.xslt_dir == Path(xslt_dir):
            return renderer
    return pool.context(pages, (xslt_dir,))


def pages(xslt_dir: str) -> Renderer:
    """The pages' stylesheet compiled, told nothing yet: what the worker that makes the
    pages across documents needs first (:data:`edition.stages.pool.EDITION`; in
    ``edition build`` it makes it early: :func:`edition.stages.pool.warm`), taken and
    told the context by :func:`edition_renderer`."""
    from edition.render import PAGES_STYLESHEET, Renderer

    return Renderer(Path(xslt_dir), stylesheets=(PAGES_STYLESHEET,))


class _Source:
    """What a product is made from: the TEI folder, and the renderer, made when asked
    (``alone``: see :func:`edition_renderer`)."""

    def __init__(self, xslt_dir: str, tei: str, key: str, alone: bool = False) -> None:
        self.tei = Path(tei)
        self.key = key  # the digest of what the render stage's pages are made from
        self.args = (xslt_dir, tei, key)
        self.alone = alone
        self.made = False

    def renderer(self) -> Renderer:
        self.made = True
        return pool.context(edition_renderer, (*self.args, self.alone))


def _index(source: _Source) -> Pages:
    return source.renderer().render_index((source.tei / CORPUS).read_bytes())


def _search_page(source: _Source) -> Pages:
    path = source.tei / CORPUS
    return source.renderer().render_site_pages(path.read_bytes(), str(path),
                                               names=["search"])


def _timeline_page(source: _Source, plan: timeline.Plan) -> Pages:
    """timeline.html, made again from what changed, and what it keeps for next time
    (:func:`edition.stages.timeline.page`)."""
    path = source.tei / CORPUS
    return timeline.page(source.renderer(), path.read_bytes(), str(path), source.key, plan)


def _register_pages(source: _Source, mentions: Mentions, named: dict[str, str], out: Path,
                    *names: str) -> Pages:
    """The register pages ``names`` (all three when none is named), each made again from
    what changed, and what each keeps for next time (:func:`edition.stages.
    register_pages.pages`: ``named``, the documents' names and passages, and the site
    ``out``, where the pieces are kept)."""
    from edition.register_kinds import REGISTER_PAGES
    from edition.stages import register_pages

    path = source.tei / REGISTERS
    renderer = source.renderer()
    pages = names or REGISTER_PAGES
    data = path.read_bytes()
    read = register_pages.Source(renderer, data, str(path), mentions, named,
                                 register_pages.read_alone(data, pages))
    code = _stylesheet_digest(Path(source.args[0]))
    made: Pages = {}
    for name in pages:  # (the files read once for all of them)
        made.update(register_pages.page_of(renderer, read, source.key, code, out, name))
    return made


def _map_page(source: _Source) -> Pages:
    from edition import crosspages

    return crosspages.map_page(source.renderer(), source.tei / REGISTERS)


def _restrictions_page(source: _Source, restrictions: bytes) -> Pages:
    return source.renderer().render_restrictions(restrictions)


# Each product by name: independent of the others and of the document pages (each reads
# tei/ and what it is given: the documents' extracts, made before), so they are made
# concurrently, in any process, and taken in a fixed order. A product is a module-level
# function of the source and of what :meth:`Products.make` was given besides (picklable:
# it may go to a worker), returning its pages by site path.
PRODUCTS: dict[str, Callable[..., Pages]] = {
    "index": _index,
    "search-page": _search_page,
    "timeline-page": _timeline_page,
    "registers": _register_pages,
    "map": _map_page,
    "restrictions": _restrictions_page,
}


def make_product(name: str, xslt_dir: str, tei: str, key: str, *args: Any,
                 alone: bool = False) -> Made:
    """One product (:data:`PRODUCTS`) made, with the renderer's warnings (``alone``: see
    :func:`edition_renderer`)."""
    source = _Source(xslt_dir, tei, key, alone)
    try:
        pages = PRODUCTS[name](source, *args)
    except EditionError as exc:
        if source.made:
            source.renderer().take_warnings()
        return exc
    return pages, source.renderer().take_warnings() if source.made else []


Written = tuple[dict[str, int], list[str]] | EditionError  # (page → its size, warnings)


def write_product(name: str, out: str, xslt_dir: str, tei: str, key: str, *args: Any,
                  alone: bool = False) -> Written:
    """One product made (:func:`make_product`) and its pages written to the site ``out``
    by the process that made them, as a document's pages are: the command that started
    it is handed their names and sizes, not their bytes. (The pages across documents of
    10,000 documents are some 100 MB: handed back, they were held by the command, with
    their pickled copies, until written.) They are flushed by the command with the
    render's other pages."""
    made = make_product(name, xslt_dir, tei, key, *args, alone=alone)
    if isinstance(made, EditionError):
        return made
    pages, warnings = made
    site = Path(out)
    for rel, content in pages.items():
        write_bytes_atomic(site / rel, content, sync=False)
    handed_over(site / rel for rel in pages)  # flushed by the caller (flush_site)
    return {rel: len(content) for rel, content in pages.items()}, warnings


def write_product_apart(name: str, out: str, xslt_dir: str, tei: str, key: str,
                        *args: Any) -> Written:
    """:func:`write_product` in a process apart (:func:`edition.stages.apart.in_pieces`),
    which makes one page: with that page's stylesheet alone (xslt/registers.xsl, say),
    not the stylesheet of every page across documents. Compiled in a fresh process, the
    registers page's stylesheet alone took 0.10 s of CPU and grew the process by 65 MB,
    against 0.16 s and 80 MB for them all."""
    return write_product(name, out, xslt_dir, tei, key, *args, alone=True)


class Products:
    """The whole-edition products a render makes: each handed to the pool as one task
    when asked for (:meth:`make`; without a pool, made when taken), its pages written by
    the process that made it (:func:`write_product`) and taken by :meth:`write` in the
    order asked for. A product's renderer is cheap to make (the build date and the
    corpus): a worker makes one for whichever product it takes."""

    def __init__(self, out: str, xslt_dir: str, tei: str, key: str) -> None:
        self.out = out
        self.args = (xslt_dir, tei, key)
        self.pending: list[tuple[pool.Deferred[Written], dict[str, Any], str | list[str],
                                 Any, bool]] = []

    def make(self, name: str, made: dict[str, Any], key: str | list[str], value: Any,
             *args: Any, with_pages: bool = False,
             pieces: list[tuple[Any, ...]] | None = None) -> None:
        """Make product ``name`` (from ``args`` besides the TEI folder); once its pages
        are written, ``made[key]`` is ``value`` (with the pages after it if
        ``with_pages``); None if it failed. ``key`` may be a list, ``value`` then the
        list of the values of each (pages made together, kept apart: the register
        pages). ``pieces``: made in processes of their own, one for each piece's further
        arguments (:func:`edition.stages.apart.in_pieces`), instead of by a worker."""
        task = (name, self.out, *self.args, *args)
        deferred = (pool.submit(write_product, *task, lane=pool.EDITION) if pieces is None
                    else apart.in_pieces(write_product_apart, task, pieces))
        self.pending.append((deferred, made, key, value, with_pages))

    def renderer(self) -> Renderer:
        """The renderer the products use, in this process (made when first asked for)."""
        return pool.context(edition_renderer, self.args)

    def write(self, written: list[Path], problems: list[EditionError],
              warnings: list[str]) -> None:
        """Take each product's pages (written by the process that made them: their
        paths added to ``written``, for the flush), in the order they were asked for."""
        for deferred, made, key, value, with_pages in self.pending:
            result = deferred.result()
            keys, values = (key, value) if isinstance(key, list) else ([key], [value])
            if isinstance(result, EditionError):
                if str(result) not in map(str, problems):  # (a broken corpus file is
                    problems.append(result)                # reported once, not per page)
                made.update(dict.fromkeys(keys))
                continue
            pages, said = result
            written.extend(Path(self.out) / rel for rel in sorted(pages))
            warnings.extend(said)
            for one, kept in zip(keys, values, strict=True):
                made[one] = [kept, *sorted(pages)] if with_pages else kept
        self.pending = []
