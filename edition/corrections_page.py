"""The corrections page (corrections.html): the translation apparatus of the whole
edition, by document, rendered by xslt/corrections-page.xsl (in pages.xsl, with the other
pages across documents) from a teiCorpus of the TEI files in the order of the list of
documents (tei/corpus.xml). Saxon is not loaded here: the command that hands out a
build's work takes the extracts from this module, and a worker makes the page.

The page reads little of each document: its id and title, its corrections and passages
printed twice (``choice``, ``surplus`` in the text) and the header's categories and
statements of responsibility they point at. :func:`extract` keeps just that (and the
elements around it, emptied), so a build can keep each document's extract under its
hash and make the page from the extracts, and again only when an extract changed: the
page made from the extracts is the page made from the whole documents."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from edition.errors import EditionError
from edition.namespaces import NS, TEI_NS
from edition.paths import XSLT_DIR
from edition.stages.common import by_name
from edition.xmlio import parse_bytes, parse_file

if TYPE_CHECKING:
    from edition.render import Renderer

PAGE = "corrections.html"
SKIP = ("corpus.xml", "registers.xml")


def document_order(tei: Path) -> list[Path]:
    """The TEI files in the order of the list of documents, then any others by name."""
    files = {p.name: p for p in by_name(tei.glob("*.xml")) if p.name not in SKIP}
    listed: dict[str, None] = {}  # the names in order, each once
    corpus = tei / "corpus.xml"
    if corpus.is_file():
        for target in parse_file(corpus).getroot().iter(f"{{{TEI_NS}}}ref"):
            name = target.get("target") or ""
            if name in files:
                listed.setdefault(name)
    return [files[name] for name in listed] + [p for n, p in files.items() if n not in listed]


def corpus_of(documents: Iterable[etree._Element]) -> bytes:
    """A teiCorpus of the TEI documents given (copies: the elements stay where they are)."""
    root = etree.Element(f"{{{TEI_NS}}}teiCorpus", nsmap={None: TEI_NS})  # type: ignore[dict-item]
    for doc in documents:
        if doc.tag == f"{{{TEI_NS}}}TEI":
            root.append(copy.deepcopy(doc))
    return etree.tostring(root, encoding="UTF-8")


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag[len(TEI_NS) + 2:] if isinstance(tag, str) and tag.startswith(f"{{{TEI_NS}}}") else ""


def _read(root: etree._Element) -> list[etree._Element]:
    """What xslt/corrections-page.xsl reads of a document, outermost elements only: every
    ``choice`` and ``surplus`` in its text (the stylesheet picks the corrections among
    them), the titles of its title statement, the categories (the reasons) and the
    header's statements of responsibility (who made a correction). None of them when
    the text has neither a choice nor a surplus: the page then leaves the document out."""
    apparatus = [e for text in root if _local(text) == "text"
                 for e in text.iter(f"{{{TEI_NS}}}choice", f"{{{TEI_NS}}}surplus")]
    if not apparatus:
        return []
    found = set(apparatus)
    found.update(root.iterfind("t:teiHeader/t:fileDesc/t:titleStmt/t:title", NS))
    found.update(root.iter(f"{{{TEI_NS}}}category"))
    for header in root.iter(f"{{{TEI_NS}}}teiHeader"):
        found.update(header.iter(f"{{{TEI_NS}}}respStmt"))
    return [e for e in found if not any(a in found for a in e.iterancestors())]


def extract(root: etree._Element) -> bytes | None:
    """The part of a TEI document the corrections page reads (see :func:`_read`), in
    its place: the root element with its attributes, the elements read, whole, and the
    elements that lead to them, empty; None if the page shows nothing of the document."""
    if root.tag != f"{{{TEI_NS}}}TEI":
        return None
    read = set(_read(root))
    if not read:
        return None
    around = {a for e in read for a in e.iterancestors()}
    top = etree.Element(root.tag, nsmap=root.nsmap)  # type: ignore[arg-type]
    for name, value in root.attrib.items():
        top.set(name, value)
    copies: dict[etree._Element, etree._Element] = {root: top}
    for element in root.iter():  # document order
        parent = element.getparent()
        target = copies.get(parent) if parent is not None else None
        if target is None:
            continue
        if element in read:
            whole = copy.deepcopy(element)
            whole.tail = None
            target.append(whole)
        elif element in around:
            copies[element] = etree.SubElement(target, element.tag)
    return etree.tostring(top, encoding="UTF-8")


def page_of_extracts(extracts: Iterable[bytes], renderer: Renderer | None = None,
                     where: Path | str = "(the files rendered)") -> dict[str, bytes]:
    """``{"corrections.html": page}`` from the documents' extracts, in that order."""
    roots = (parse_bytes(data, str(where)).getroot() for data in extracts)
    return corrections_page_of(roots, renderer, where)


def _documents(tei: Path) -> Iterator[etree._Element]:
    """The documents of ``tei``; a file that cannot be read is left out (the build
    reports it when it renders that document)."""
    for path in document_order(tei):
        try:
            yield parse_file(path).getroot()
        except EditionError:
            continue


def corrections_page(tei: Path, xslt_dir: Path = XSLT_DIR) -> dict[str, bytes]:
    """``{"corrections.html": page}`` for the edition in ``tei``."""
    return corrections_page_of(_documents(tei), _alone(xslt_dir), tei)


def corrections_page_of(documents: Iterable[etree._Element], renderer: Renderer | None = None,
                        where: Path | str = "(the files rendered)") -> dict[str, bytes]:
    """``{"corrections.html": page}`` for the TEI documents given, in that order, made
    by ``renderer`` (the pages' stylesheet of a process that makes the other pages
    across documents: common.xsl not compiled again), else by one of its own."""
    made = renderer if renderer is not None else _alone(XSLT_DIR)
    return {PAGE: made.render_corrections(corpus_of(documents), str(where))}


@cache
def _alone(xslt_dir: Path) -> Renderer:
    """A renderer that compiles the page's stylesheet alone (xslt/corrections.xsl), once
    per process."""
    from edition.render import Renderer

    return Renderer(xslt_dir, stylesheets=(), alone=True)
