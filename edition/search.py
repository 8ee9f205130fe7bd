"""What the site's search page searches: one record per TEI document, and the script
that hands all of them to the page.

:func:`document_entry` reads one TEI document (ours or edited by hand) and returns a
plain record: its id, title, date (the printed label, an ISO sort key, the years it may
fall in and how certain the date is), source group, printed number, the reading text
of its ``text/body`` and of its footnotes, and the register entries it names.

The reading text is what the reading view shows, without what the edition adds: the
editors' side of a ``choice`` (``corr``, ``reg``, ``expan``), supplied words without
marks, breaks joined; gaps, editorial notes and other apparatus are left out.
Footnotes and endnotes are taken out of the running text (their words would split a
sentence at the anchor) and kept, in order, in ``notes``.

:func:`index_script` turns the records into ``search-index.js``, a script that sets
``window.EDITION_SEARCH``: a script rather than JSON, because a page opened from
``file://`` may load a script but may not ``fetch()`` a file. The output is
deterministic: keys sorted, documents in date order, every character outside ASCII
escaped. A build keeps each record's :class:`Part` (its JSON and its words' stems) with
the hash of its document, and :func:`index_script_of` puts the parts together: one
changed document is read, folded and stemmed, not the whole edition.

Both take data and return data; edition/build.py reads and writes the files.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, Any, Protocol

import snowballstemmer
from lxml import etree

from edition.errors import EditionError
from edition.index import metadata_from_tei
from edition.namespaces import NS, TEI_NS, XML_ID
from edition.register_kinds import ENTRY_TAGS, KIND_OF_NAME_TAG, NAME_TAGS
from edition.xmlio import parse_bytes

SCRIPT_NAME = "search-index.js"
SCRIPT_VARIABLE = "EDITION_SEARCH"
FORMAT_VERSION = 2
# The stemmer of the index: Snowball English (Porter2), as the search page's script
# (snowball-stemmers, the same algorithm in JavaScript) stems the query.
STEMMER = "english"
_WORD = re.compile(r"[^\W_]+")

# A pointer into the edition's registers: registers.xml#ID (as xslt/common.xsl reads it).
_REGISTER_REF = re.compile(r"^(?:[^\s#]*/)?registers\.xml#([^\s#/]+)$")
# The editors' side of a choice, in order of preference (as the reading view shows it:
# xslt/reading-view.xsl).
_EDITORS_SIDE = ("corr", "reg", "expan")
# Elements that stand on a line of their own: their words never run into the next ones.
_BLOCKS = frozenset({
    "div", "head", "p", "ab", "list", "item", "label", "opener", "closer", "salute",
    "signed", "dateline", "byline", "docAuthor", "docDate", "docTitle", "titlePart",
    "listBibl", "table", "row", "cell", "lg", "l", "postscript", "trailer", "argument",
    "epigraph", "address", "addrLine", "lb", "milestone", "figure", "cb", "pb",
    # fields printed side by side in other projects' files, never parts of one word
    # ("Aleppo<geo>36.2 37.1</geo>", "<speaker>…</speaker><l>…", a dictionary's entry)
    "geo", "speaker", "stage", "sp", "castList", "castItem", "role", "roleDesc", "entry",
    "form", "orth", "pron", "gramGrp", "pos", "gen", "number", "sense", "def", "etym",
    "usg", "xr", "re", "cit", "person", "place", "org", "event",
})
# Elements that are blocks where they stand between blocks, phrases inside a sentence.
_BLOCK_WHERE_PLACED = frozenset({"quote", "bibl", "note", "label"})
_BLOCK_PARENTS = frozenset({"div", "body", "front", "back", "postscript", "listBibl",
                            "list", "note"})
# Elements whose words are the edition's, not the source's: never part of the text.
_APPARATUS = frozenset({"gap", "figDesc", "interp", "interpGrp", "span", "spanGrp",
                        "certainty", "precision", "respons", "link", "linkGrp"})
_YEAR = re.compile(r"^(-?\d{4})")


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str) or not tag.startswith(f"{{{TEI_NS}}}"):
        return ""
    return tag[len(TEI_NS) + 2:]


def _is_listed_note(note: etree._Element) -> bool:
    """A footnote or endnote (the rule of xslt/functions.xsl, ed:is-inline-note)."""
    return not (note.get("place") in ("inline", "top") or note.get("rend") == "inline"
                or note.get("type") in ("restriction", "source"))


def _normalise(text: str) -> str:
    return " ".join(text.split())


class _Reader:
    """Collects the reading text of an element, and the footnotes it meets on the way."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    def text(self, element: etree._Element) -> str:
        parts: list[str] = []
        self._content(element, parts)
        return _normalise("".join(parts))

    def _content(self, element: etree._Element, parts: list[str]) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            if _local(child) == "lb" and child.get("break") == "no":
                # a line break inside a word ("Sal<lb break="no"/>isbury"): the word
                # joined, the file's spaces around the break dropped
                if parts:
                    parts[-1] = parts[-1].rstrip()
                parts.append((child.tail or "").lstrip())
                continue
            self._element(child, parts)
            if child.tail:
                parts.append(child.tail)

    def _element(self, element: etree._Element, parts: list[str]) -> None:
        if not isinstance(element.tag, str):  # comments, processing instructions
            return
        name = _local(element)
        if name in _APPARATUS:
            return
        if name == "note" and _is_listed_note(element):
            if element.get("type") not in ("editorial", "commentary"):
                text = self.text(element)
                if text:
                    self.notes.append(text)
            return
        if name == "choice":
            shown = next((c for side in _EDITORS_SIDE
                          for c in element if _local(c) == side), None)
            if shown is None:
                shown = next((c for c in element if isinstance(c.tag, str)), None)
            if shown is not None:
                self._content(shown, parts)
            return
        parent = element.getparent()
        block = (name in _BLOCKS or not name  # foreign elements: kept apart, to be safe
                 or (name in _BLOCK_WHERE_PLACED and parent is not None
                     and _local(parent) in _BLOCK_PARENTS))
        if block:
            parts.append(" ")
        if name == "foreign" and element.get("rend") == "brackets":
            parts.append("[")
            self._content(element, parts)
            parts.append("]")
        else:
            self._content(element, parts)
        if name == "sic" and element.get("rend") == "bracket-sic":
            parts.append(" [sic]")
        if block:
            parts.append(" ")


def _year(value: str | None) -> int | None:
    match = _YEAR.match(value or "")
    return int(match.group(1)) if match else None


def _date_fields(tree: etree._ElementTree) -> dict[str, Any]:
    """The document's date: label, sort key, the years it may fall in, its kind."""
    dates = tree.getroot().findall("t:teiHeader/t:profileDesc/t:creation/t:date", NS)
    if not dates:
        return {"date": "", "sort": "", "years": None, "date_kind": "undated"}
    date = dates[-1]  # the last one, as edition.index.metadata_from_tei reads it
    attrs = {k: v.strip() for k in ("when", "from", "to", "notBefore", "notAfter")
             if (v := date.get(k)) and v.strip()}
    label = _normalise(str(date.xpath("string()")))
    start = attrs.get("when") or attrs.get("from") or attrs.get("notBefore")
    end = attrs.get("when") or attrs.get("to") or attrs.get("notAfter")
    if "when" in attrs:
        kind = "exact"
    elif "notBefore" in attrs or "notAfter" in attrs:
        kind = "approximate"
    elif attrs:
        kind = "span"
    else:
        kind = "undated"
    years = None if kind == "undated" else [_year(start), _year(end)]
    sort = start or end or ""
    return {"date": label or (start or ""), "sort": sort, "years": years, "date_kind": kind}


def register_names(registers: bytes, source_name: str) -> dict[str, str]:
    """The preferred name of every entry of a registers file (tei/registers.xml)."""
    root = parse_bytes(registers, source_name).getroot()
    names: dict[str, str] = {}
    for entry in root.iterfind(".//t:text//*[@{http://www.w3.org/XML/1998/namespace}id]",
                               NS):
        if entry.tag not in ENTRY_TAGS:
            continue
        forms = [f for f in entry if f.tag in NAME_TAGS]
        preferred = next((f for f in forms if f.get("type") == "preferred"),
                         forms[0] if forms else None)
        if preferred is not None:
            name = _Reader().text(preferred)
            if name:
                names[str(entry.get(XML_ID))] = name
    return names


def _names(text: etree._Element, registers: Mapping[str, str]) -> list[dict[str, str]]:
    """The register entries named in the text, in the order of their first mention."""
    found: dict[str, dict[str, str]] = {}
    for element in text.iter():
        kind = KIND_OF_NAME_TAG.get(_local(element)) if isinstance(element.tag, str) else None
        if kind is None:
            continue
        match = _REGISTER_REF.match((element.get("ref") or "").strip())
        if not match or match.group(1) in found:
            continue
        key = match.group(1)
        name = registers.get(key) or _Reader().text(element) or key
        found[key] = {"id": key, "name": name, "type": kind}
    return list(found.values())


def document_entry(tei: bytes, source_name: str,
                   registers: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The search record of one TEI document.

    ``registers`` maps register ids to their preferred names (see
    :func:`register_names`); a name whose entry it lacks is given as the document
    prints it (its reading form).
    """
    tree = parse_bytes(tei, source_name)
    root = tree.getroot()
    if root.tag != f"{{{TEI_NS}}}TEI":
        line = root.sourceline
        raise EditionError(source_name, line if isinstance(line, int) else 1, 1,
                           f"not a TEI document: the root element is "
                           f"<{etree.QName(root).localname}>, expected <TEI> in the "
                           f"namespace {TEI_NS}")
    meta = metadata_from_tei(tree)
    doc_id = meta.doc_id or source_name.rsplit("/", 1)[-1].removesuffix(".xml")
    reader = _Reader()
    bodies = root.findall("t:text/t:body", NS)
    text = " ".join(t for t in (reader.text(b) for b in bodies) if t)
    texts = root.findall("t:text", NS)
    entry: dict[str, Any] = {
        "id": doc_id,
        "title": meta.title or doc_id,
        "source": meta.source_group,
        "number": meta.number or "",
        "text": text,
        "notes": reader.notes,
        "names": _names(texts[0], registers or {}) if texts else [],
    }
    entry.update(_date_fields(tree))
    return entry


def _order(entry: Mapping[str, Any]) -> tuple[str, int, str]:
    number = str(entry.get("number") or "")
    return (str(entry.get("sort") or "9999"), int(number) if number.isdigit() else 0,
            str(entry.get("id")))


def index_data(entries: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """What ``window.EDITION_SEARCH`` holds: the documents in date order, the sources in
    the order of their first document, and the range of years."""
    documents = sorted((dict(e) for e in entries), key=_order)
    sources: list[str] = []
    for doc in documents:
        if doc.get("source") and doc["source"] not in sources:
            sources.append(doc["source"])
    years = [y for doc in documents for y in (doc.get("years") or []) if y is not None]
    return {
        "version": FORMAT_VERSION,
        "documents": documents,
        "sources": sources,
        "years": [min(years), max(years)] if years else None,
        "stems": stems(documents),
    }


def _fold(text: str) -> str:
    """Lower case without accents, as assets/search.js folds text."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    return snowballstemmer.stemmer(STEMMER)


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """The Snowball stem of a word (each word stemmed once in a run)."""
    return str(_stemmer().stemWord(word))


def document_stems(entry: Mapping[str, Any]) -> dict[str, str]:
    """The words of one record's title, text and notes, folded as the page folds them,
    mapped to their stems where the stem differs from the word (see :func:`stems`)."""
    words: set[str] = set()
    for text in (entry.get("title") or "", entry.get("text") or "", *(entry.get("notes") or [])):
        words.update(_WORD.findall(_fold(str(text))))
    ordered = sorted(w for w in words if w.isascii())
    return {w: s for w in ordered if (s := _stem(w)) != w}


def stems(documents: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Every word of the documents' text, notes and titles, folded as the page folds
    them (lower case, accents taken off: "détente" is "detente"), mapped to its Snowball
    English stem where the stem differs from the word. The page stems only the query
    (and the rare word that folds to something outside ASCII)."""
    merged: dict[str, str] = {}
    for doc in documents:
        merged.update(document_stems(doc))
    return dict(sorted(merged.items()))


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


@dataclass(frozen=True)
class Part:
    """What one record gives the index, ready to be put together with the others: the
    fields that place it (``head``: date, number, id, source, years), the record as the
    index writes it (``json``) and its words' stems. A build keeps the parts of
    unchanged documents, so that only a changed document is read, folded and stemmed
    again (:func:`index_script_of` puts them together)."""

    head: dict[str, Any]
    json: str
    stems: dict[str, str]

    @classmethod
    def of(cls, entry: Mapping[str, Any]) -> Part:
        head = {k: entry.get(k) for k in _HEAD}
        return cls(head, _dumps(dict(entry)), document_stems(entry))

    def to_list(self) -> list[Any]:
        return [self.head, self.json, self.stems]

    @classmethod
    def from_list(cls, data: Any) -> Part | None:
        """A part kept in a cache file, or None if it is not one."""
        if not (isinstance(data, list) and len(data) == 3 and isinstance(data[0], dict)
                and isinstance(data[1], str) and isinstance(data[2], dict)):
            return None
        return cls(data[0], data[1], data[2])


# The fields of a record that place it in the index (see _order and index_data).
_HEAD = ("sort", "number", "id", "source", "years")


_SCRIPT_HEAD = (
    "/* The search index of the edition: generated by edition/search.py from the TEI\n"
    " * files, read by assets/search.js. A script, not JSON, so that it loads from\n"
    " * file:// too. */\n"
    f"window.{SCRIPT_VARIABLE} = ")


def index_order(head: Mapping[str, Any]) -> tuple[str, int, str]:
    """Where a record goes in the index, from its part's ``head``: date, number, id."""
    return _order(head)


def write_index_script(out: IO[bytes], ordered: Iterable[Part]) -> None:
    """Write ``search-index.js`` from the records' parts, given in the index's order
    (:func:`index_order`; a stable sort of them): the JSON of :func:`index_data` of the
    records (keys sorted, every character outside ASCII escaped), put together without
    serialising or stemming any record again, one part at a time (an edition's parts
    are never all held: they are read as they are written)."""
    merged: dict[str, str] = {}

    def records() -> Iterator[tuple[Mapping[str, Any], bytes]]:
        for part in ordered:
            merged.update(part.stems)
            yield part.head, part.json.encode("ascii")

    write_index(out, records(), lambda: merged)


class Sink(Protocol):
    """Where an index is written: an open binary file, or anything with its write."""

    def write(self, data: bytes, /) -> int: ...


def write_index(out: Sink, records: Iterable[tuple[Mapping[str, Any], bytes]],
                stems: Callable[[], Mapping[str, str]]) -> list[tuple[int, int]]:
    """Write ``search-index.js`` from its records in the index's order, each as its part's
    ``head`` and its JSON (a part's ``json``, or the same bytes cut from an index written
    before), and ``stems`` (asked for once every record is written: the words' stems of
    all of them); the offset and length of each record's JSON in what was written."""
    head = _SCRIPT_HEAD.encode("ascii") + b'{"documents":['
    out.write(head)
    position = len(head)
    spans: list[tuple[int, int]] = []
    sources: dict[str, None] = {}  # in the order of their first document
    low: int | None = None
    high: int | None = None
    for number, (fields, data) in enumerate(records):
        if number:
            out.write(b",")
            position += 1
        out.write(data)
        spans.append((position, len(data)))
        position += len(data)
        source = fields.get("source")
        if source:
            sources.setdefault(source, None)
        for year in fields.get("years") or []:
            if year is not None:
                low = year if low is None else min(low, year)
                high = year if high is None else max(high, year)
    # the keys in sorted order, as json.dumps(..., sort_keys=True) writes index_data
    out.write("".join((
        "]",
        ',"sources":', _dumps(list(sources)),
        ',"stems":', _dumps(dict(stems())),
        ',"version":', _dumps(FORMAT_VERSION),
        ',"years":', _dumps([low, high] if low is not None else None),
        "};\n",
    )).encode("ascii"))
    return spans


def index_script_of(parts: Iterable[Part]) -> bytes:
    """``search-index.js`` from the records' parts, in any order (see
    :func:`write_index_script`)."""
    buffer = io.BytesIO()
    write_index_script(buffer, sorted(parts, key=lambda part: _order(part.head)))
    return buffer.getvalue()


def index_script(entries: list[dict[str, Any]]) -> bytes:
    """``search-index.js``: the records as a script that sets ``window.EDITION_SEARCH``."""
    return index_script_of(Part.of(entry) for entry in entries)
