"""The publication stage: TEI documents to static HTML pages, through XSLT 3.0.

The stylesheets in ``xslt/`` (``views.xsl``: the reading and diplomatic views in one;
``pages.xsl``: the index, search, timeline, register, map and restrictions pages in
one) are compiled once, when a :class:`Renderer` is made; then any number of documents
go through them.
Functions here take bytes and return bytes keyed by the path of the page in the site;
only the CLI writes files.

Input is parsed with the project's safe parser (:func:`edition.xmlio.parse_bytes`: no
DTD, no entities, no network) and handed to Saxon as text, so Saxon never meets a
document type declaration or an entity to resolve.

The stylesheets report elements they do not handle with ``xsl:message``; those messages
are collected in :attr:`Renderer.warnings` as ``path:line:0: warning: ...`` lines, the
line found by following the element's position path in the parsed document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor

from edition import paths
from edition.anchors import assign_anchors
from edition.errors import EditionError
from edition.inert import inert_tei
from edition.namespaces import TEI_NS, XML_ID
from edition.pagecheck import plainly_safe
from edition.register_kinds import REGISTER_PAGES
from edition.release import edition_version
from edition.whitespace import strip_space
from edition.xmlio import parse_bytes

VIEWS = ("reading", "diplomatic")
# The one stylesheet of both views (xslt/views.xsl), each chosen by its $ed:view: the
# views share common.xsl, which compiled apart they compiled twice (0.21-0.29 s of CPU
# against 0.09-0.15 s for both at once, in every process that renders documents).
VIEWS_STYLESHEET = "views"
VIEW_PARAMETER = "{urn:edition:functions}view"
# The pages made from the corpus file besides the index: the search page and the timeline.
SITE_PAGES = ("search", "timeline")
# The pages that look across documents: the map (from the registers file), the list
# of restriction instructions (from the edition tree) and the corrections page (from the
# documents' corrections: edition/corrections_page.py).
CROSS_PAGES = ("map", "restrictions", "corrections")
# The edition tree a page reads as $edition: a teiCorpus of the documents, whole
# (:func:`edition.sitedata.edition_tree`) or cut to what the page reads (XML text joined
# by :func:`edition.sitedata.corpus`).
EditionTree = etree._Element | bytes
# The pages across documents, each chosen by name ($ed:page) in one stylesheet
# (xslt/pages.xsl): they share common.xsl, which compiled apart they compiled once each
# (some 0.9 s of CPU for the six against 0.2-0.3 s for all at once, in every process
# that makes them). Each has a stylesheet of its own too (xslt/index.xsl, …), for use
# alone: tests/test_pages_stylesheet.py holds the two to the same pages.
PAGES = ("index", "registers", *SITE_PAGES, *CROSS_PAGES)
PAGES_STYLESHEET = "pages"
PAGE_PARAMETER = "{urn:edition:functions}page"
STYLESHEETS = (*VIEWS, *PAGES)
# The pages whose last safety check is a search of the written page (edition/pagecheck.py)
# rather than the stylesheets' pass over the page in memory: the long ones (a register
# page of 1,000 documents is some 3 MB: with the check in memory its process reached
# 242-255 MB, without 223-229 MB, the same bytes).
CHECKED_AFTER = frozenset({*VIEWS, "registers"})
# What the timeline's list of dated events holds when its items are put in by the caller
# (render_timeline_shell): the list, empty but for this comment.
ITEMS_MARK = b"<!--ed:event-items-->"
EVENT_ITEMS = b'<ol class="event-list" id="event-list">' + ITEMS_MARK + b"</ol>"
# Where the number of those items goes, in the same page: this comment in its place.
COUNT_MARK = b"<!--ed:event-count-->"
EVENT_COUNT = b'<p class="intro">' + COUNT_MARK + b" dates named"
# The parameter that names the site when it is no part of this edition (functions.xsl).
SITE_NAME = "site-name"
# The parameter that names the parts of the site that hold nothing (page.xsl).
EMPTY_PARTS = "empty-parts"
CORPUS_NAME = "tei/corpus.xml"
REGISTERS_NAME = "tei/registers.xml"
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")  # (a page name: at most 100)
_LOCATED = re.compile(r"^ED-LOC ([0-9/]*) \| (.*)$", re.DOTALL)
_UNHANDLED = re.compile(r"^unhandled element <([^>]+)>")
_SAXON_AT = re.compile(r"on line (\d+) column (\d+)(?: of (\S+?))?:?(?:\s|$)")
_SAXON_NOISE = re.compile(r"\s+")


def _tei_root(data: bytes, source_name: str, what: str, expected: str,
              drop: Callable[[etree._Element], bool] | None = None) -> etree._Element:
    """The parsed root (``drop``: see :func:`edition.xmlio.parse_bytes`), or EditionError
    when it is not a TEI element."""
    root = parse_bytes(data, source_name, drop).getroot()
    if root.tag != f"{{{TEI_NS}}}TEI":
        local = etree.QName(root).localname
        # a TEI element in no namespace is TEI P4's (or P5 missing its xmlns)
        hint = (f" (<{local}> in no namespace: a TEI P4 file, or one that lacks "
                f'xmlns="{TEI_NS}")' if local in ("TEI", "TEI.2", "teiCorpus", "teiCorpus.2")
                and not etree.QName(root).namespace else "")
        raise EditionError(
            source_name, source_line(root) or 1, 1,
            f"not {what}: the root element is <{local}>, "
            f"expected {expected} in the namespace {TEI_NS}{hint}",
        )
    return root


def other_registers(register: str) -> Callable[[etree._Element], bool]:
    """For reading the registers file for the page of ``register`` alone: whether an
    element lies inside a division of the body (``/TEI/text/body/div``) of another type.
    Those divisions are kept, empty: registers-page.xsl reads the first division of its
    type and nothing of the others (a name in a note links by its @ref alone), and every
    element it reads keeps its place and line (the messages locate by them). At 10,000
    synthetic documents the registers file (19 MB, a little over half of it persons)
    took 150 MB as a tree and 95 MB more in Saxon, in each of the three processes that
    make the register pages."""
    from edition.sitedata import body_division

    def inside_another(element: etree._Element) -> bool:
        division = body_division(element)
        return division is not None and division.get("type") != register

    return inside_another


def _corpus_root(corpus: bytes, source_name: str) -> etree._Element:
    """The corpus file's root element, read safely (a located error when it is none)."""
    return _tei_root(corpus, source_name, "a corpus file",
                     "a TEI document with a listBibl of documents")


def _saxon_message(exc: BaseException) -> str:
    """Saxon's error text on one line."""
    return _SAXON_NOISE.sub(" ", str(exc)).strip() or type(exc).__name__


def _file_from_uri(uri: str, default: Path) -> Path:
    """The stylesheet Saxon names (a file: URI or a module's file name), else ``default``."""
    if uri.startswith("file://"):
        return Path(uri[len("file://"):])
    if uri and (default.parent / uri).is_file():
        return default.parent / uri
    return default


class Renderer:
    """The compiled stylesheets, ready to render many documents.

    ``warnings`` collects the stylesheets' warnings over the renderer's life, each a
    line ``path:line:0: warning: message`` ready to print; :meth:`take_warnings`
    returns them and starts a new list.
    """

    def __init__(self, xslt_dir: Path = paths.XSLT_DIR,
                 stylesheets: Iterable[str] = STYLESHEETS, *, alone: bool = False) -> None:
        """Compile ``stylesheets`` now (all by default, so that a broken one is reported
        at once); any other is compiled when first needed. ``alone``: a page across
        documents is made by its own stylesheet (xslt/index.xsl, …), not by the one of
        them all (:data:`PAGES_STYLESHEET`): for a process that makes one such page."""
        self.xslt_dir = Path(xslt_dir)
        self.alone = alone
        self.warnings: list[str] = []
        self._processor = PySaxonProcessor(license=False)
        self._xslt = self._processor.new_xslt30_processor()
        self._executables: dict[str, Any] = {}
        for name in stylesheets:
            self._executable(name)
        # parameters every stylesheet gets (page.xsl declares them): the edition's
        # version and build date, the corpus (previous/next document) and the edition
        # itself (pages that look across documents); see :meth:`set_context`.
        self.clear_context()

    def clear_context(self) -> None:
        """What :meth:`set_context` was told, forgotten (the edition's version kept)."""
        self._globals: dict[str, Any] = {
            "edition-version": self._processor.make_string_value(edition_version()),
        }

    def set_context(self, *, build_date: str | None = None, corpus: bytes | None = None,
                    edition: EditionTree | None = None, site_name: str | None = None,
                    empty_parts: Iterable[str] | None = None) -> None:
        """What the pages need besides their own input: the build date (ISO), the corpus
        file (a document page links its neighbours), the edition tree the pages across
        documents read when they are not given their own (registers, timeline,
        restrictions) and the site's name when the site is no part of this edition
        (other projects' files: :mod:`edition.foreign`; every page gets it) and the
        parts of the site that hold nothing (persons, map, restrictions …: the header
        offers no link to them)."""
        if site_name is not None:
            self._globals[SITE_NAME] = self._processor.make_string_value(site_name)
        if empty_parts is not None:
            self._globals[EMPTY_PARTS] = self._processor.make_string_value(
                " ".join(empty_parts))
        if build_date is not None:
            self._globals["build-date"] = self._processor.make_string_value(build_date)
        if corpus is not None:
            root = _tei_root(corpus, CORPUS_NAME, "a corpus file", "<TEI>")
            self._globals["corpus"] = self._to_saxon(root, CORPUS_NAME)
            self._globals.pop("corpus-order", None)  # made again when a view needs it
        if edition is not None:
            self._globals["edition"] = self._edition(edition)

    # ----- public stage functions -----

    def render_document(self, tei: bytes, source_name: str, *, volumes: bool = False,
                        graphics: Mapping[str, str] | None = None) -> dict[str, bytes]:
        """Both views of one TEI document, and the TEI itself, keyed by site path.

        With ``volumes``, a volume (a file of many documents: two or more div
        type="document") gives a volume page in each view and a page per document
        (:func:`volume_units`); without, one page per view (the edition's own files hold
        one document each).
        ``graphics`` maps a graphic's @url to the path of its file in the site, for the
        graphics whose files the caller found beside the TEI file and copies there.
        """
        root = _tei_root(tei, source_name, "a TEI document", "<TEI>")
        doc_id = root.get(XML_ID) or Path(source_name).stem
        if not _SAFE_ID.match(doc_id):
            raise EditionError(source_name, source_line(root) or 1, 1, _unsafe_id(doc_id))
        assign_anchors(root, mark=False)
        strip_space(root)  # the views are compiled without xsl:strip-space (whitespace.py)
        node = self._to_saxon(root, source_name)
        self.order_corpus()
        units = volume_units(root, doc_id) if volumes else []
        common: dict[str, str | int] = {
            "volume-id": doc_id, "unit-pages": " ".join(units), "tei-file": f"{doc_id}.xml",
            "graphics": "\n".join(f"{url} {path}" for url, path in (graphics or {}).items()),
        }
        pages: dict[str, bytes] = {}
        messages: list[str] = []
        seen: set[str] = set()
        for unit, page_id in enumerate((doc_id, *units)):
            for view in VIEWS:
                html, view_messages = self._transform(view, node, source_name, page_id,
                                                      {**common, "unit": unit})
                pages[f"{view}/{page_id}.html"] = html
                for message in view_messages:
                    if message not in seen:
                        seen.add(message)
                        messages.append(message)
        pages[f"tei/{doc_id}.xml"], inert_warnings = inert_tei(tei, root, source_name)
        self.warnings.extend(_warnings(messages, root, source_name))
        self.warnings.extend(inert_warnings)
        return pages

    def render_index(self, corpus: bytes, source_name: str = CORPUS_NAME) -> dict[str, bytes]:
        """The list of documents (index.html) from the corpus file."""
        root = _corpus_root(corpus, source_name)
        html, messages = self._transform("index", self._to_saxon(root, source_name),
                                         source_name, "")
        self.warnings.extend(_warnings(messages, root, source_name))
        return {"index.html": html}

    def render_registers(self, registers: bytes, source_name: str = REGISTERS_NAME,
                         edition: EditionTree | None = None,
                         names: Iterable[str] = REGISTER_PAGES) -> dict[str, bytes]:
        """The register pages (persons.html, places.html, organisations.html) from the
        registers file and the mentions of the edition tree (``edition``, else the one
        :meth:`set_context` gave); a register the file lacks gets a page that says it is
        empty. ``names``: which of the three."""
        root = _tei_root(registers, source_name, "a registers file", '<TEI xml:id="registers">')
        node = self._to_saxon(root, source_name)
        nodes = {"edition": self._edition(edition)} if edition is not None else None
        pages: dict[str, bytes] = {}
        messages: list[str] = []
        for register in names:
            html, page_messages = self._transform("registers", node, source_name, "",
                                                  {"register": register}, nodes=nodes)
            pages[f"{register}.html"] = html
            messages.extend(m for m in page_messages if m not in messages)
        self.warnings.extend(_warnings(messages, root, source_name))
        return pages

    def registers_source(self, registers: bytes, source_name: str = REGISTERS_NAME,
                         only: str | None = None) -> tuple[etree._Element, Any]:
        """The registers file read as :meth:`render_registers` reads it: its TEI element
        (EditionError when it is not a registers file) and the same given to Saxon, for
        :meth:`render_register_shell` and :meth:`render_register_items`. ``only``: the
        register whose page alone is made from it: the other registers' divisions are
        read empty (:func:`other_registers`)."""
        root = _tei_root(registers, source_name, "a registers file", '<TEI xml:id="registers">',
                         None if only is None else other_registers(only))
        return root, self._to_saxon(root, source_name)

    def render_register_shell(self, node: Any, source_name: str, register: str
                              ) -> tuple[bytes, list[str]]:
        """Register page ``register`` without its entries (edition/stages/register_pages.py):
        each entry's place holds ``<!--ed:entry N-->``, N its position among the
        register's entries in document order. The page is not given the last check (the
        caller runs it over the page put together), nor the edition tree (the entries
        alone read it). And the page's messages, as they are."""
        return self._run("registers", node, source_name, "",
                         {"register": register, "entry-placeholders": True}, None,
                         safe_pass=False)

    def render_register_items(self, node: Any, register: str, positions: Iterable[int],
                              edition: EditionTree) -> tuple[list[tuple[int, str]], list[str]]:
        """The items of the entries of register ``register`` at ``positions`` (as
        :meth:`render_register_shell` numbers them), as the page made whole writes them
        before its last check, their names' passages looked up in the edition tree
        ``edition``. And the messages, as they are."""
        executable = self._executable("registers")
        executable.clear_xsl_messages()
        # none set: SaxonC 13.1 fails (NullPointerException) calling a function with any
        # stylesheet parameter set; the entries read none but the edition tree, given
        executable.clear_parameters()
        try:
            value = executable.call_function_returning_value(
                "{urn:edition:functions}entry-items",
                [node, self._processor.make_string_value(register),
                 self._processor.make_string_value(" ".join(map(str, positions))),
                 self._edition(edition)])
        except PySaxonApiError as exc:
            raise EditionError(REGISTERS_NAME, 0, 0, "making the register's entries failed: "
                               f"{_saxon_message(exc)}") from None
        finally:
            messages = _messages(executable.get_xsl_messages())
            executable.clear_xsl_messages()
        strings = _messages(value)
        return [(int(strings[i]), strings[i + 1]) for i in range(0, len(strings) - 1, 2)], messages

    def add_warnings_of(self, messages: Iterable[str], root: etree._Element,
                        source_name: str) -> None:
        """The messages of a page made from the file whose TEI element is ``root``, as
        warnings located in it (as the page's own method reports them)."""
        messages = list(messages)
        if messages:
            self.warnings.extend(_warnings(messages, root, source_name))

    def render_site_pages(self, corpus: bytes, source_name: str = CORPUS_NAME,
                          edition: EditionTree | None = None,
                          names: Iterable[str] = SITE_PAGES) -> dict[str, bytes]:
        """The search page (search.html; assets/search.js searches search-index.js, which
        edition/search.py makes) and the timeline (timeline.html, with the dated events
        of the edition tree ``edition``, else the one :meth:`set_context` gave) from the
        corpus file; ``names``: which of the two."""
        root = _corpus_root(corpus, source_name)
        node = self._to_saxon(root, source_name)
        nodes = {"edition": self._edition(edition)} if edition is not None else None
        pages: dict[str, bytes] = {}
        messages: list[str] = []
        for name in names:
            html, page_messages = self._transform(name, node, source_name, "",
                                                  nodes=nodes if name == "timeline" else None)
            pages[f"{name}.html"] = html
            messages.extend(m for m in page_messages if m not in messages)
        self.warnings.extend(_warnings(messages, root, source_name))
        return pages

    def render_timeline_shell(self, corpus: bytes, source_name: str, event_count: int
                              ) -> tuple[bytes, list[str]]:
        """timeline.html from the corpus file with its list of dated events left to the
        caller (edition/stages/timeline.py): it holds only :data:`EVENT_ITEMS`, where
        ``event_count`` items made by :meth:`render_event_items` go, and their number's
        place (:data:`EVENT_COUNT`); the page is the same for any number but 0. And the
        page's messages, as they are (:meth:`add_warnings`)."""
        root = _corpus_root(corpus, source_name)
        return self._transform("timeline", self._to_saxon(root, source_name), source_name,
                               "", parameters={"event-count": event_count})

    def add_warnings(self, messages: Iterable[str], corpus: bytes, source_name: str) -> None:
        """The messages of a page made from the corpus file, as warnings located in it
        (as :meth:`render_site_pages` reports its pages' messages)."""
        messages = list(messages)
        if messages:
            self.warnings.extend(_warnings(messages, _corpus_root(corpus, source_name),
                                           source_name))

    def render_event_items(self, edition: EditionTree) -> tuple[list[tuple[int, str, str]],
                                                                  list[str]]:
        """The timeline's list items of the dated events of the edition tree ``edition``
        (xslt/events.xsl's ed:event-items): for each, the position of its document in the
        tree (from 1), the key the list is ordered by, and the item as the page writes it
        (the page's last check applied); in the order of the documents and of their
        dates. And the messages of the check, as they are (:meth:`add_warnings`).
        The function is in the views' stylesheet too: made with it when it is compiled
        (a process that renders documents), else with the pages' (xslt/pages.xsl)."""
        executable = (self._executables.get(VIEWS_STYLESHEET)
                      or self._executable("timeline"))
        executable.clear_xsl_messages()
        executable.clear_parameters()  # (Saxon fails on values of an earlier page)
        try:
            value = executable.call_function_returning_value(
                "{urn:edition:functions}event-items", [self._edition(edition)])
        except PySaxonApiError as exc:
            raise EditionError("the edition", 0, 0, "making the timeline's dated events "
                               f"failed: {_saxon_message(exc)}") from None
        finally:
            messages = _messages(executable.get_xsl_messages())
            executable.clear_xsl_messages()
        strings = _messages(value)
        items = [(int(strings[i]), strings[i + 1], strings[i + 2])
                 for i in range(0, len(strings) - 2, 3)]
        return items, messages

    def render_cross_pages(self, registers: bytes, edition: EditionTree,
                           geography: etree._Element | None,
                           source_name: str = REGISTERS_NAME) -> dict[str, bytes]:
        """map.html and restrictions.html (:meth:`render_map`, :meth:`render_restrictions`)."""
        return {**self.render_map(registers, geography, source_name),
                **self.render_restrictions(edition)}

    def render_map(self, registers: bytes, geography: etree._Element | None,
                   source_name: str = REGISTERS_NAME) -> dict[str, bytes]:
        """map.html: the registers' places on the country outlines of ``geography``
        (:func:`edition.geo.geography`)."""
        root = _tei_root(registers, source_name, "a registers file", '<TEI xml:id="registers">')
        extra = {"geography": self._to_saxon(geography, "the country outlines")} \
            if geography is not None else {}
        html, messages = self._transform("map", self._to_saxon(root, source_name),
                                         source_name, "", nodes=extra)
        self.warnings.extend(_warnings(messages, root, source_name))
        return {"map.html": html}

    def render_restrictions(self, edition: EditionTree) -> dict[str, bytes]:
        """restrictions.html from the edition tree (whole, or its restrictions parts)."""
        html, messages = self._transform("restrictions", self._edition(edition),
                                         "the edition", "")
        self.warnings.extend(messages)
        return {"restrictions.html": html}

    def render_corrections(self, corpus: bytes, source_name: str) -> bytes:
        """corrections.html from a teiCorpus of the documents (or of their extracts:
        :func:`edition.corrections_page.extract`), in the order of the list of
        documents. Told nothing of the context (:meth:`set_context`): the page is kept
        by what it is made from alone (edition/stages/corrections.py)."""
        html, _ = self._transform("corrections", self._edition(corpus), source_name, "",
                                  bare=True)
        return html

    def order_corpus(self) -> None:
        """The corpus's entries in the order of the previous/next links of a document
        page (docnav.xsl's ed:corpus-order), made once per corpus and passed to every
        page as $corpus-order, instead of each page sorting the whole corpus again."""
        corpus = self._globals.get("corpus")
        if corpus is None or "corpus-order" in self._globals:
            return
        executable = self._executable(VIEWS[0])
        executable.clear_parameters()  # (values of an earlier context may be gone)
        try:
            order = executable.call_function_returning_value(
                "{urn:edition:functions}corpus-order", [corpus])
        except PySaxonApiError as exc:
            raise EditionError(CORPUS_NAME, 0, 0, "ordering the corpus failed: "
                               f"{_saxon_message(exc)}") from None
        self._globals["corpus-order"] = order

    def take_warnings(self) -> list[str]:
        """The warnings collected so far; the list starts again empty."""
        taken, self.warnings = self.warnings, []
        return taken

    # ----- Saxon -----

    def _executable(self, name: str) -> Any:
        """Stylesheet ``name`` compiled (when first asked for); the views' is one, and
        the pages' across documents another (:data:`PAGES`)."""
        key = (VIEWS_STYLESHEET if name in VIEWS
               else PAGES_STYLESHEET if name in PAGES and not self.alone else name)
        executable = self._executables.get(key)
        if executable is None:
            executable = self._executables[key] = self._compile(key)
        return executable

    def _compile(self, name: str) -> Any:
        path = self.xslt_dir / f"{name}.xsl"
        if not path.is_file():
            raise EditionError(path, 0, 0, "stylesheet not found")
        if name == VIEWS_STYLESHEET:  # their input is stripped beforehand: whitespace.py
            self._xslt.set_parameter("{urn:edition:functions}strip-space",
                                     self._processor.make_boolean_value(False))
        try:
            executable = self._xslt.compile_stylesheet(stylesheet_file=str(path))
        except PySaxonApiError as exc:
            message = _saxon_message(exc)
            where = _SAXON_AT.search(message)
            if where:
                raise EditionError(
                    _file_from_uri(where.group(3) or "", path),
                    int(where.group(1)), int(where.group(2)),
                    f"stylesheet error: {message}",
                ) from None
            raise EditionError(path, 0, 0, f"stylesheet error: {message}") from None
        finally:
            self._xslt.clear_parameters()
        if executable is None:
            raise EditionError(path, 0, 0, "stylesheet error: Saxon could not compile it")
        executable.set_save_xsl_message(True)
        return executable

    def _to_saxon(self, root: etree._Element, source_name: str) -> Any:
        """Hand the safely parsed document to Saxon as text (no DTD, no entities left)."""
        text = etree.tostring(root, encoding="unicode")
        try:
            node = self._processor.parse_xml(xml_text=text)
        except PySaxonApiError as exc:
            raise EditionError(source_name, 0, 0, f"Saxon cannot read the document: "
                               f"{_saxon_message(exc)}") from None
        if node is None:
            raise EditionError(source_name, 0, 0, "Saxon cannot read the document")
        return node

    def _edition(self, edition: EditionTree) -> Any:
        """The edition tree as Saxon's node (XML text is parsed as it is: it is made by
        :mod:`edition.sitedata` from documents the safe parser read)."""
        if isinstance(edition, bytes):
            try:
                node = self._processor.parse_xml(xml_text=edition.decode("utf-8"))
            except PySaxonApiError as exc:
                raise EditionError("the edition", 0, 0, "Saxon cannot read the edition "
                                   f"tree: {_saxon_message(exc)}") from None
            if node is None:
                raise EditionError("the edition", 0, 0, "Saxon cannot read the edition tree")
            return node
        return self._to_saxon(edition, "the edition")

    def _transform(self, name: str, node: Any, source_name: str, doc_id: str,
                   parameters: Mapping[str, str | int] | None = None,
                   nodes: dict[str, Any] | None = None, *, bare: bool = False
                   ) -> tuple[bytes, list[str]]:
        """The page and the stylesheet's messages. The document views are written
        without the stylesheets' last check (a copy of the page in memory): the written
        page is searched instead (:func:`edition.pagecheck.plainly_safe`) and made again
        with the check on when the search cannot vouch for it. ``bare``: without the
        context (:meth:`set_context`) and the edition's version."""
        if name in CHECKED_AFTER:
            page, messages = self._run(name, node, source_name, doc_id, parameters, nodes,
                                       safe_pass=False)
            if plainly_safe(page):
                return page, messages
        return self._run(name, node, source_name, doc_id, parameters, nodes, safe_pass=True,
                         bare=bare)

    def _run(self, name: str, node: Any, source_name: str, doc_id: str,
             parameters: Mapping[str, str | int | bool] | None,
             nodes: dict[str, Any] | None, *, safe_pass: bool, bare: bool = False
             ) -> tuple[bytes, list[str]]:
        executable = self._executable(name)
        executable.clear_xsl_messages()
        executable.clear_parameters()  # none left from an earlier page (its $edition)
        if name in VIEWS:
            executable.set_parameter(VIEW_PARAMETER, self._processor.make_string_value(name))
        elif name in PAGES:
            executable.set_parameter(PAGE_PARAMETER, self._processor.make_string_value(name))
        executable.set_parameter("doc-id", self._processor.make_string_value(doc_id))
        executable.set_parameter("safe-pass", self._processor.make_boolean_value(safe_pass))
        context = {key: value for key, value in self._globals.items()
                   if not bare or key in (SITE_NAME, EMPTY_PARTS)}
        for key, value in {**context, **(nodes or {})}.items():
            executable.set_parameter(key, value)
        for key, value in (parameters or {}).items():
            executable.set_parameter(key, self._processor.make_boolean_value(value)
                                     if isinstance(value, bool)
                                     else self._processor.make_integer_value(value)
                                     if isinstance(value, int)
                                     else self._processor.make_string_value(value))
        try:
            result = executable.transform_to_string(xdm_node=node)
        except PySaxonApiError as exc:
            raise EditionError(source_name, 0, 0,
                               f"rendering the {name} page failed: {_saxon_message(exc)}"
                               ) from None
        finally:
            messages = _messages(executable.get_xsl_messages())
            executable.clear_xsl_messages()
        if result is None:
            raise EditionError(source_name, 0, 0, f"rendering the {name} page gave no result")
        html = str(result)
        if html.startswith("<!DOCTYPE HTML>"):
            html = "<!DOCTYPE html>" + html[len("<!DOCTYPE HTML>"):]
        return (html.rstrip("\n") + "\n").encode("utf-8"), messages


_UNITS = ("//t:text//t:div[@type='document']"
          "[not(ancestor::t:div[@type='document'])]")


def volume_units(root: etree._Element, doc_id: str) -> list[str]:
    """The page names of the documents of a volume, in order; [] when the file is no
    volume (fewer than two div type="document"). A document is named after the volume
    and its xml:id ("frus1894Nicaragua.d14"), or its position when it has no usable id."""
    found = root.xpath(_UNITS, namespaces={"t": TEI_NS})
    divs = [d for d in found if isinstance(d, etree._Element)] if isinstance(found, list) else []
    if len(divs) < 2:
        return []
    names: list[str] = []
    for position, div in enumerate(divs, 1):
        local = str(div.get(XML_ID) or "")
        name = f"{doc_id}.{local}" if local and _SAFE_ID.match(local) else ""
        if not name or name in names:
            name = f"{doc_id}.{position}"
        while name in names:
            name += "_"
        names.append(name)
    return names


def _unsafe_id(doc_id: str) -> str:
    """Why ``doc_id`` cannot name a page (a file of the site), and what would."""
    others = sorted({ch for ch in doc_id if not re.fullmatch(r"[A-Za-z0-9._-]", ch)})
    why = (f"it holds {', '.join(repr(ch) for ch in others)}" if others
           else "it is longer than 100 characters" if len(doc_id) > 100
           else "it does not begin with a letter or digit")
    return (f"the document id {doc_id!r} cannot name a page ({why}): a page's name is at "
            "most 100 ASCII letters (A-Z, a-z), digits, '.', '_' and '-', beginning with "
            "a letter or digit; give the document such an xml:id")


def source_line(element: etree._Element) -> int:
    """The element's line in its file, or 0 when unknown."""
    line = element.sourceline
    return line if isinstance(line, int) else 0


def _messages(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(value.item_at(i).string_value) for i in range(value.size)]


def _element_at(root: etree._Element, position_path: str,
                children_of: dict[etree._Element, list[etree._Element]] | None = None,
                ) -> etree._Element | None:
    """Follow a path of child-element positions ("2/1/5") from the root element
    (``children_of`` keeps each element's child elements for the next path)."""
    element = root
    for step in filter(None, position_path.split("/")):
        children = children_of.get(element) if children_of is not None else None
        if children is None:
            children = [c for c in element if isinstance(c.tag, str)]
            if children_of is not None:
                children_of[element] = children
        index = int(step) - 1
        if not 0 <= index < len(children):
            return None
        element = children[index]
    return element


def _warnings(messages: Iterable[str], root: etree._Element, source_name: str) -> list[str]:
    """Messages as warning lines; repeats of one unhandled element are counted, not listed."""
    lines: list[str] = []
    first_of: dict[str, int] = {}
    repeats: dict[str, int] = {}
    children_of: dict[etree._Element, list[etree._Element]] = {}
    for message in messages:
        line = 0
        text = message.strip()
        located = _LOCATED.match(text)
        if located:
            element = _element_at(root, located.group(1), children_of)
            line = source_line(element) if element is not None else 0
            text = located.group(2).strip()
        unhandled = _UNHANDLED.match(text)
        if unhandled:
            name = unhandled.group(1)
            if name in first_of:
                repeats[name] += 1
                continue
            first_of[name] = len(lines)
            repeats[name] = 0
        lines.append(f"{source_name}:{line}:0: warning: {text}")
    for name, index in first_of.items():
        if repeats[name]:
            lines[index] += f" (and {repeats[name]} more <{name}> elements)"
    return lines

