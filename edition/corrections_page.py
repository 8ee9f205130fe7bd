"""The corrections page (corrections.html): the translation apparatus of the whole
edition, by document, rendered by xslt/corrections.xsl from a teiCorpus of the TEI
files in the order of the list of documents (tei/corpus.xml)."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor

from edition.errors import EditionError
from edition.namespaces import TEI_NS
from edition.paths import XSLT_DIR
from edition.xmlio import parse_file

STYLESHEET = "corrections.xsl"
PAGE = "corrections.html"
SKIP = ("corpus.xml", "registers.xml")


@cache
def _executable(xslt_dir: Path) -> tuple[Any, Any]:
    processor = PySaxonProcessor(license=False)
    path = xslt_dir / STYLESHEET
    try:
        executable = processor.new_xslt30_processor().compile_stylesheet(
            stylesheet_file=str(path))
    except PySaxonApiError as exc:
        raise EditionError(path, 0, 0, f"stylesheet error: {exc}") from None
    return processor, executable


def _order(tei: Path) -> list[Path]:
    """The TEI files in the order of the list of documents, then any others by name."""
    files = {p.name: p for p in sorted(tei.glob("*.xml")) if p.name not in SKIP}
    ordered: list[Path] = []
    corpus = tei / "corpus.xml"
    if corpus.is_file():
        for target in parse_file(corpus).getroot().iter(f"{{{TEI_NS}}}ref"):
            name = target.get("target") or ""
            if name in files and files[name] not in ordered:
                ordered.append(files[name])
    return ordered + [p for p in files.values() if p not in ordered]


def corpus_of(documents: Iterable[etree._Element]) -> bytes:
    """A teiCorpus of the TEI documents given (copies: the elements stay where they are)."""
    root = etree.Element(f"{{{TEI_NS}}}teiCorpus", nsmap={None: TEI_NS})  # type: ignore[dict-item]
    for doc in documents:
        if doc.tag == f"{{{TEI_NS}}}TEI":
            root.append(copy.deepcopy(doc))
    return etree.tostring(root, encoding="UTF-8")


def _documents(tei: Path) -> Iterator[etree._Element]:
    """The documents of ``tei``; a file that cannot be read is left out (the build
    reports it when it renders that document)."""
    for path in _order(tei):
        try:
            yield parse_file(path).getroot()
        except EditionError:
            continue


def corrections_page(tei: Path, xslt_dir: Path = XSLT_DIR) -> dict[str, bytes]:
    """``{"corrections.html": page}`` for the edition in ``tei``."""
    return corrections_page_of(_documents(tei), xslt_dir, tei)


def corrections_page_of(documents: Iterable[etree._Element], xslt_dir: Path = XSLT_DIR,
                        where: Path | str = "(the files rendered)") -> dict[str, bytes]:
    """``{"corrections.html": page}`` for the TEI documents given, in that order."""
    tei = where
    processor, executable = _executable(Path(xslt_dir))
    try:
        node = processor.parse_xml(xml_text=corpus_of(documents).decode("utf-8"))
        html = executable.transform_to_string(xdm_node=node)
    except PySaxonApiError as exc:
        raise EditionError(tei, 0, 0, f"rendering the corrections page failed: {exc}") from None
    if html is None:
        raise EditionError(tei, 0, 0, "rendering the corrections page gave no result")
    text = str(html)
    if text.startswith("<!DOCTYPE HTML>"):
        text = "<!DOCTYPE html>" + text[len("<!DOCTYPE HTML>"):]
    return {PAGE: (text.rstrip("\n") + "\n").encode("utf-8")}
