"""What the pages across documents read from each document, and the edition as a tree.

The register pages (each mention linked to its paragraph), the timeline (the dated
events the documents mention) and the restrictions page read the documents through the
stylesheet parameter ``$edition``: a ``teiCorpus`` of TEI elements, each with its
anchors (:mod:`edition.anchors`) and its file name in ``@ed:file``.

:func:`extract` cuts from one document only what one of those pages reads (a *part*):
the same elements as in the document, each with the same ancestors (kept as bare shells
with only the attributes the stylesheets look at), so that every path the stylesheets
follow gives the same answer in the part as in the whole document:

* ``mentions`` (registers-page.xsl): the elements of the text whose ``@ref`` points into the
  registers file, and the ``@xml:id`` of their nearest anchored ancestor;
* ``events`` (events.xsl, in pages.xsl and views.xsl): the titles and creation dates of the
  header, every ``<date>`` of the text with a normalised value, and the whole anchored
  block it stands in (the timeline shows that block's words);
* ``restrictions`` (restrictions-page.xsl): the titles and creation dates of the header, the
  restriction instructions (``note type="restriction"``) and the words they point at
  (``seg``), with their anchored ancestors.

A document with nothing for a page gives an empty part, and is left out of that page's
tree (the page shows nothing of it either way). :func:`corpus` joins the parts of many
documents into the tree a page reads. :func:`edition_tree` is the whole edition as one
tree (every document entire): the reference the parts are tested against
(tests/test_sitedata.py), and what ``edition render FILE|DIR`` reads.

A document that cannot be parsed, or whose root is not a TEI element, is left out
(``edition validate`` reports it; its pages are not rendered either).
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from lxml import etree

from edition.anchors import MARK, assign_anchors
from edition.errors import EditionError
from edition.namespaces import TEI_NS, XML_ID
from edition.register_kinds import ENTRY_TAGS
from edition.whitespace import tokens
from edition.xmlio import parse_bytes

# The document's file name without .xml, on its TEI element (the pages are named so).
FILE = "{urn:edition:functions}file"
ED_NS = "urn:edition:functions"
# The pages' parts of a document, each read by one stylesheet as $edition.
PARTS = ("mentions", "events", "restrictions")

_T = f"{{{TEI_NS}}}"
_NS = {"t": TEI_NS}
_HEADER = ("t:teiHeader/t:fileDesc/t:titleStmt/t:title",
           "t:teiHeader/t:profileDesc/t:creation/t:date")
# The attributes of a date that give it a normalised value (ed:event-key reads them).
_DATE_VALUES = ("when", "from", "notBefore", "to", "notAfter")
# What a shell keeps: the anchor and its mark (ancestor::*[@ed:anchor][1]/@xml:id); a
# note also what tells whether it is listed (ed:is-inline-note).
_SHELL = (XML_ID, MARK)
_NOTE_SHELL = (*_SHELL, "place", "rend", "type")
_REF_SHELL: tuple[str, ...] = (*_SHELL, "ref")
# The namespaces declared once, on a part's TEI element.
_NSMAP: Any = {None: TEI_NS, "ed": "urn:edition:functions"}


def _attributes(element: etree._Element, names: Iterable[str]) -> dict[str, str]:
    return {name: str(value) for name in names if (value := element.get(name)) is not None}


def _nearest_anchored(element: etree._Element) -> etree._Element | None:
    for ancestor in element.iterancestors():
        if ancestor.get(MARK) is not None:
            return ancestor
    return None


def _prune(root: etree._Element, whole: list[etree._Element],
           shells: Mapping[etree._Element, tuple[str, ...]]) -> etree._Element:
    """A copy of ``root`` with only the elements of ``whole`` (entire, with their
    content) and of ``shells`` (with the attributes named), and their ancestors (as
    shells). Text between the kept elements is left out."""
    kept: dict[etree._Element, tuple[str, ...] | None] = dict(shells)
    kept.update((element, None) for element in whole)
    needed: set[etree._Element] = set()
    for element in kept:
        for ancestor in element.iterancestors():
            if ancestor in needed:
                break
            needed.add(ancestor)

    def build(element: etree._Element, parent: etree._Element | None) -> etree._Element:
        names = kept.get(element, ())
        if names is None:  # kept whole
            whole_copy = copy.deepcopy(element)
            whole_copy.tail = None
            if parent is not None:
                parent.append(whole_copy)
            return whole_copy
        if element is root:
            names = (FILE, XML_ID)
        elif element.tag == f"{_T}note":
            names = tuple(dict.fromkeys((*names, *_NOTE_SHELL)))
        elif not names:
            names = _SHELL
        attributes = _attributes(element, names)
        shell = (etree.Element(element.tag, attributes, nsmap=_NSMAP)
                 if parent is None else etree.SubElement(parent, element.tag, attributes))
        for child in element:
            if child in needed or child in kept:
                build(child, shell)
        return shell

    pruned = build(root, None)
    etree.cleanup_namespaces(pruned, top_nsmap=_NSMAP)
    return pruned


def _text_elements(root: etree._Element) -> list[etree._Element]:
    """The elements of the document's text (tei:text//*), in document order."""
    return [e for text in root.iterfind(f"{_T}text") for e in text.iterdescendants()
            if isinstance(e.tag, str)]


def _header(root: etree._Element) -> list[etree._Element]:
    """The titles and creation dates of the header (ed:title, the documents' dates)."""
    found: list[etree._Element] = []
    for path in _HEADER:
        found.extend(root.findall(path, _NS))
    return found


def _serialise(element: etree._Element) -> bytes:
    return etree.tostring(element, encoding="unicode").encode("utf-8")


def extract(root: etree._Element) -> dict[str, bytes]:
    """The parts of one document (its TEI element, anchors assigned and ``@ed:file``
    set) that the pages across documents read, keyed by :data:`PARTS`; b"" for a page
    that finds nothing in it."""
    elements = _text_elements(root)
    parts: dict[str, bytes] = {}

    refs = {e: _REF_SHELL for e in elements if "registers.xml#" in (e.get("ref") or "")}
    parts["mentions"] = _serialise(_prune(root, [], refs)) if refs else b""

    dates = [e for e in elements if e.tag == f"{_T}date"
             and any(e.get(name) is not None for name in _DATE_VALUES)]
    blocks = [block for d in dates if (block := _nearest_anchored(d)) is not None]
    parts["events"] = (_serialise(_prune(root, [*_header(root), *dates, *blocks], {}))
                       if dates else b"")

    notes = [e for e in elements if e.tag == f"{_T}note" and e.get("type") == "restriction"]
    targets = {token.split("#", 1)[1] if "#" in token else ""
               for note in notes for token in tokens(note.get("target") or "")}
    segs = [e for e in elements if e.tag == f"{_T}seg"
            and (e.get("type") == "restricted" or e.get(XML_ID) in targets)]
    parts["restrictions"] = (_serialise(_prune(root, [*_header(root), *notes, *segs], {}))
                             if notes or segs else b"")
    return parts


def _document(data: bytes, name: str) -> etree._Element | None:
    """The document's TEI element with its anchors and file name, or None when it cannot
    be parsed or is no TEI document."""
    try:
        root = parse_bytes(data, name).getroot()
    except EditionError:
        return None
    if root.tag != f"{_T}TEI":
        return None
    assign_anchors(root)
    root.set(FILE, file_id(name))
    return root


def file_id(name: str) -> str:
    """What a document's parts hold as its ``@ed:file``: its file name without ``.xml``
    (a page's ``ed:doc-id`` of a link to it)."""
    return name.rsplit("/", 1)[-1].removesuffix(".xml")


def extract_document(data: bytes, name: str) -> dict[str, bytes]:
    """The parts of the document given as TEI bytes and its file name ({} when it cannot
    be parsed or is no TEI document)."""
    root = _document(data, name)
    return extract(root) if root is not None else {}


def corpus(parts: Iterable[bytes]) -> bytes:
    """The tree a page reads as ``$edition``: the documents' parts in a ``teiCorpus``."""
    return b"".join((f'<teiCorpus xmlns="{TEI_NS}" xmlns:ed="{ED_NS}">'.encode(),
                     *parts, b"</teiCorpus>"))


def edition_tree(documents: Iterable[tuple[str, bytes]]) -> etree._Element:
    """A ``teiCorpus`` holding each document (given as name and TEI bytes) whose root
    is a TEI element, entire, each with its anchors."""
    tree = etree.fromstring(f'<teiCorpus xmlns="{TEI_NS}" xmlns:ed="{ED_NS}"/>'.encode())
    for name, data in documents:
        root = _document(data, name)
        if root is not None:
            tree.append(root)
    return tree


class RegistersRead:
    """What the map's key and the register pages' keys read of a registers file, from one
    pass that never holds the file as a tree (:func:`read_registers`): each entry
    (``person``, ``place``, ``org`` in a division of the body) is hashed, its ids and
    places taken, and let go as soon as it is read. At 10,000 documents the file is
    19 MB; held as a tree for both keys it was 168 MB of the command's memory."""

    def __init__(self) -> None:
        self.header = b""
        self.places = hashlib.sha256()  # every place with an id, whole, as read
        self.entries: dict[str, Any] = {}  # division type: the hash of its entries
        self.ids: dict[str, set[str]] = {}  # division type: the ids in its entries
        self.shells: dict[str, list[bytes]] = {}  # division type: its divisions, bare

    def take(self, element: etree._Element) -> bool:
        """Asked of each element once read whole: an entry of a division is hashed and
        dropped (True); anything else is kept in the tree as it is read."""
        if element.tag not in ENTRY_TAGS:
            return False
        division = _division_of(element)
        if division is None:
            return False
        kind = division.get("type") or ""
        if kind not in self.entries:
            self.entries[kind], self.ids[kind] = hashlib.sha256(), set()
        self.entries[kind].update(etree.tostring(element, with_tail=False) + b"\0")
        self.ids[kind].update(e.get(XML_ID) or "" for e in element.iter(*ENTRY_TAGS))
        for place in element.iter(f"{_T}place"):
            if place.get(XML_ID) is not None:
                self.places.update(etree.tostring(place, with_tail=False) + b"\0")
        return True

    def finish(self, root: etree._Element) -> None:
        """What is left of the tree once the entries are dropped: the header, the
        divisions without their entries, places outside any division's entries."""
        self.header = b"".join(etree.tostring(e, with_tail=False)
                               for e in root.iterfind(f"{_T}teiHeader"))
        for place in root.iterfind(f"{_T}text//{_T}place[@{XML_ID}]"):
            self.places.update(etree.tostring(place, with_tail=False) + b"\0")
        for div in root.iterfind(f"{_T}text/{_T}body/{_T}div"):
            kind = div.get("type") or ""
            self.shells.setdefault(kind, []).append(etree.tostring(div, with_tail=False))
            self.ids.setdefault(kind, set()).update(
                e.get(XML_ID) or "" for e in div.iter(*ENTRY_TAGS))

    def places_digest(self) -> str:
        return hashlib.sha256(self.header + b"\0" + self.places.digest()).hexdigest()

    def division_digest(self, kind: str) -> Any:
        """A hash, to go on with, of the header and the divisions of type ``kind``."""
        digest = hashlib.sha256(self.header)
        for shell in self.shells.get(kind, []):
            digest.update(b"\0" + shell)
        if kind in self.entries:
            digest.update(b"\0" + self.entries[kind].digest())
        return digest


def body_division(element: etree._Element) -> etree._Element | None:
    """The division of the body (``/*/text/body/div``) an element stands inside, or None
    (read so far, as a parse that drops elements gives it: its ancestors are all
    there)."""
    chain = [element, *element.iterancestors()]
    if len(chain) < 5:  # (the division itself, or above it)
        return None
    division, in_body, in_text = chain[-4], chain[-3], chain[-2]
    if (in_text.tag, in_body.tag, division.tag) != (f"{_T}text", f"{_T}body", f"{_T}div"):
        return None
    return division


def _division_of(element: etree._Element) -> etree._Element | None:
    """The body's division an entry stands in, when it is not inside another entry."""
    if any(e.tag in ENTRY_TAGS for e in element.iterancestors()):
        return None
    return body_division(element)


def read_registers(registers: Path) -> RegistersRead | None:
    """The registers file read once for the map's and the register pages' keys
    (:class:`RegistersRead`), safely; None when the file cannot be read or is no TEI
    file (the pages made from it report that)."""
    read = RegistersRead()
    try:
        root = parse_bytes(registers.read_bytes(), str(registers), drop=read.take,
                           tags=ENTRY_TAGS).getroot()
    except (EditionError, OSError):
        return None
    if root.tag != f"{_T}TEI":
        return None
    read.finish(root)
    return read


# The registers file, or what read_registers read of it already (a render that needs
# both the map's key and the register pages' keys reads the file once).
Registers = Path | Callable[[], RegistersRead | None]


def _read(registers: Registers) -> RegistersRead | None:
    return read_registers(registers) if isinstance(registers, Path) else registers()


def places_digest(registers: Registers) -> str | None:
    """The hash of what the map (map-page.xsl) reads of a registers file: its header and its
    places (``tei:text//tei:place[@xml:id]``, each whole); None when the file cannot be
    read or is no TEI file (the map's own run reports that)."""
    read = _read(registers)
    return read.places_digest() if read is not None else None


# named(): a name's key and its passage, and one name from the next, are parted by
# characters no XML text can hold (kept as one string per document: at 10,000 documents
# a list of pairs was hundreds of thousands of objects in every build's memory)
_KEY_END, _NAME_END = "\x00", "\x01"


def named(part: bytes) -> str:
    """What the register pages look up in a document's ``mentions`` part: for each
    element of its text with a ``@ref`` holding "#", in document order, the key
    registers-page.xsl's ``ed:named`` gives it (what follows the first "#" of the value,
    white space normalised) and the xml:id of its nearest anchored ancestor-or-self
    ("" when none), as one string (:func:`named_pairs` reads it). More than
    ``ed:named`` keeps (it also asks that the value names a registers file): what the
    pages read of the part is all in it."""
    if not part:
        return ""
    root = etree.fromstring(part)  # (a part: made by extract(), from a safely parsed file)
    found: list[str] = []
    for text in root.iterfind(f"{_T}text"):
        for element in text.iterdescendants():
            value = " ".join(tokens(element.get("ref") or "")) if isinstance(
                element.tag, str) else ""
            if "#" not in value:
                continue
            anchored = next((e for e in (element, *element.iterancestors())
                             if e.get(MARK) is not None), None)
            anchor = (anchored.get(XML_ID) or "") if anchored is not None else ""
            found.append(value.split("#", 1)[1] + _KEY_END + anchor)
    return _NAME_END.join(found)


def named_pairs(text: str) -> list[tuple[str, str]]:
    """The (key, passage) pairs of a string :func:`named` made."""
    if not text:
        return []
    return [(key, anchor) for key, _, anchor in
            (pair.partition(_KEY_END) for pair in text.split(_NAME_END))]


def register_keys(registers: Registers, kinds: Iterable[str],
                  named_by_document: Mapping[str, str]) -> dict[str, str] | None:
    """For each register page (by its ``div/@type``: ``kinds``), the hash of all it is
    made from besides the stylesheets and the corpus: the registers file's header, its
    divisions of that type (entries, their notes and lists of mentions), and from each
    document (``named_by_document``, in order: :func:`named`) the names pointing at an
    entry of those divisions with their passages. A name of one kind, added or changed,
    leaves the other pages' hashes as they were. None when the registers file cannot be
    read or is no TEI file (the pages' own run reports that)."""
    read = _read(registers)
    if read is None:
        return None
    digests = {kind: read.division_digest(kind) for kind in kinds}
    ids = {kind: read.ids.get(kind, set()) for kind in digests}
    # one pass over the documents for every page, each document's names read once and
    # let go (at 10,000 documents all of them at once were 173,000 pairs: the keys took
    # 29 MB more than the process held, 0.30 s; so, 4 MB, 0.21 s)
    for name, text in named_by_document.items():
        pairs = named_pairs(text)
        for kind, digest in digests.items():
            shown = [key + _KEY_END + anchor for key, anchor in pairs if key in ids[kind]]
            if shown:
                digest.update(f"{_NAME_END}{name}{_NAME_END}".encode()
                              + _NAME_END.join(shown).encode())
    return {kind: digest.hexdigest() for kind, digest in digests.items()}
