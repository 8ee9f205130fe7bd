"""What a document's pages read of the corpus file: their neighbours.

A document page links the documents before and after it by date, and within its own
source (xslt/docnav.xsl): that is all it reads of ``tei/corpus.xml``. The render stage
keys each document's pages on it (:func:`page_keys`), not on the whole corpus file, so a
new document, or a changed title or date, renders again the documents whose neighbours
changed, not every document of the edition.

The order is docnav.xsl's (``ed:corpus-order``), worked out here the same way: the
corpus's ``listBibl/bibl`` with a ``ref/@target``, in document order, sorted (stably, by
code point) on the first non-empty date attribute, then the printed number (an integer,
else 0), then the document id (the target without ``.xml``). A page's key holds its
entry's source and its four neighbours (previous and next by date and within the
source) as the corpus gives them, whole: more than the page shows, never less. Where the
corpus is one the pages would read otherwise than as worked out here (it does not parse,
or an entry has two titles, dates or sources), every page is keyed on the whole file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable

from lxml import etree

from edition.namespaces import TEI_NS
from edition.whitespace import normalize_space
from edition.xmlio import safe_parser

_T = f"{{{TEI_NS}}}"
_DATES = ("when", "from", "notBefore", "to", "notAfter")
_INTEGER = re.compile(r"[ \t\r\n]*[+-]?[0-9]+[ \t\r\n]*")  # castable as xs:integer


# an entry of the order: (its sort key, its number, its id, its source, the bibl)
_Entry = tuple[str, int, str, str, etree._Element]


def _order(corpus: bytes) -> list[_Entry] | None:
    """The corpus's entries in docnav.xsl's order; None where the pages would read the
    corpus otherwise than as worked out here (see the module)."""
    try:
        root = etree.fromstring(corpus, safe_parser())
    except etree.XMLSyntaxError:
        return None
    entries: list[_Entry] = []
    for bibl in root.iter(f"{_T}bibl"):  # (in document order: docnav.xsl's //listBibl/bibl)
        parent = bibl.getparent()
        if parent is None or parent.tag != f"{_T}listBibl":
            continue
        refs = bibl.findall(f"{_T}ref")
        targets = [ref.get("target") for ref in refs if ref.get("target") is not None]
        if not targets:
            continue
        dates = bibl.findall(f"{_T}date")
        sources = bibl.findall(f"{_T}title[@type='source']")
        if len(refs) > 1 or len(dates) > 1 or len(sources) > 1:
            return None  # (the stylesheet would not read one of each)
        ident = re.sub(r"\.xml$", "", normalize_space(str(targets[0])))
        values = [normalize_space(str(value)) for date in dates
                  for name, value in date.attrib.items() if name in _DATES]
        n = bibl.get("n")
        number = int(n.strip(" \t\r\n")) if n is not None and _INTEGER.fullmatch(n) else 0
        source = normalize_space("".join(map(str, sources[0].itertext()))) if sources else ""
        entries.append((next((v for v in values if v), ""), number, ident, source, bibl))
    return sorted(entries, key=lambda entry: entry[:3])


def _near(ordered: list[_Entry], index: int, step: int, source: str | None) -> _Entry | None:
    """The entry before (``step`` -1) or after (1) the one at ``index``: the next in the
    order, or the next of the same ``source``."""
    index += step
    while 0 <= index < len(ordered):
        if source is None or ordered[index][3] == source:
            return ordered[index]
        index += step
    return None


def _around(ordered: list[_Entry], index: int) -> list[_Entry | None]:
    """The neighbours the page of the entry at ``index`` links: before and after it by
    date, then, when it has a source, within its source."""
    source = ordered[index][3]
    near = [_near(ordered, index, -1, None), _near(ordered, index, 1, None)]
    if source:
        near += [_near(ordered, index, -1, source), _near(ordered, index, 1, source)]
    return near


def neighbour_ids(corpus: bytes) -> dict[str, list[str | None]] | None:
    """Each id's neighbours as its pages link them: [previous and next by date, previous
    and next within its source] (None: no such link); None as :func:`_order`."""
    ordered = _order(corpus)
    if ordered is None:
        return None
    found: dict[str, list[str | None]] = {}
    for index, entry in enumerate(ordered):
        if entry[2] in found:
            continue
        near = _around(ordered, index)
        found[entry[2]] = [e[2] if e is not None else None for e in near] + [None] * (4 - len(near))
    return found


def page_keys(corpus: bytes | None) -> Callable[[Iterable[str]], str]:
    """For the corpus file ``corpus`` (None: there is none), a function giving the key of
    what the pages of the given ids (a document's, and its volume's units') read of it."""
    if corpus is None:
        return lambda _ids: "no corpus"
    ordered = _order(corpus)
    if ordered is None:
        whole = "whole " + hashlib.sha256(corpus).hexdigest()
        return lambda _ids: whole
    first: dict[str, int] = {}
    for index, entry in enumerate(ordered):
        first.setdefault(entry[2], index)

    def shown(entry: _Entry | None) -> bytes:
        return b"-" if entry is None else etree.tostring(entry[4], with_tail=False)

    def key(ids: Iterable[str]) -> str:
        h = hashlib.sha256()
        for ident in sorted(set(ids)):
            index = first.get(ident)
            h.update(b"\x00" + ident.encode())
            if index is None:
                continue
            for part in (ordered[index][3].encode(), *map(shown, _around(ordered, index))):
                h.update(b"\x01" + part)
        return h.hexdigest()

    return key


def page_ids(pages: Iterable[str]) -> list[str]:
    """The ids of a document's view pages ("reading/scr-070.html" → "scr-070")."""
    return sorted({page.rsplit("/", 1)[-1].removesuffix(".html") for page in pages
                   if page.endswith(".html")})
