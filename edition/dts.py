"""A static, file-based API in the shapes of the Distributed Text Services (DTS 1.0).

DTS (https://dtsapi.org/versions/v1.0) has an entry point and three endpoints
(collection, navigation, document) whose addresses the entry point gives as RFC 6570 URI
templates. The specification allows templates for static sites; we write every
response as a file in one folder, ``api/dts/``, and give templates with the label
operator ``{.var}`` that expand to those files' names, relative to the folder:

- ``index.json``: the entry point;
- ``collection.json`` (no id: the root collection, also ``collection.edition.json``),
  ``collection.source-<slug>.json`` (one collection per source: the index's grouping)
  and ``collection.<doc>.json`` (one Resource per document), template
  ``collection{.id}.json``;
- ``navigation.<doc>.json``: the whole citation tree of a document (the response DTS
  gives for ``down=-1``), template ``navigation{.resource}.json``;
- ``document.<doc>.xml`` (the whole TEI, the copy the site publishes: edition/inert.py)
  and ``document.<doc>.<ref>.xml`` (one citable unit in ``dts:wrapper``), template
  ``document{.resource,ref}.xml``.

:func:`document_files` gives one document's own files and what the collections say of
it, :func:`collection_files` the entry point and the collections from that: a build
keeps the latter per document and makes only a changed document's files again.

The citation tree is read from the TEI: the text's parts (front, body, back), their
divisions (citeType = ``div/@type``), and the blocks inside a division (paragraph,
list, opener, closer, …), identified by position (``body.1.3``). Not offered, because a
file cannot answer them: ``nav=parents``, pagination, ``start``/``end`` ranges,
navigation by ``ref``/``down``, other media types (Level 0 of the specification's
conformance permits leaving out ranges).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from lxml import etree

from edition.errors import EditionError
from edition.index import metadata_from_tei, source_group
from edition.inert import inert_tei
from edition.namespaces import NS, TEI_NS
from edition.release import PUBLISHER
from edition.xmlio import parse_bytes

API_DIR = "api/dts"
CONTEXT = "https://dtsapi.org/context/v1.0.json"
VERSION = "1.0"
DTS_NS = "https://w3id.org/api/dts#"
ROOT_ID = "edition"
COLLECTION = "collection{.id}.json"
NAVIGATION = "navigation{.resource}.json"
DOCUMENT = "document{.resource,ref}.xml"
PARTS = ("front", "body", "back")
CITE_TYPES = {"p": "paragraph", "div": "division"}
NOT_DOCUMENTS = ("corpus.xml", "registers.xml")
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")  # (a file name: at most 100)


@dataclass
class Unit:
    """A citable unit: a part, a division or a block of a document's text."""

    identifier: str
    level: int
    parent: str | None
    cite_type: str
    element: etree._Element
    title: str | None = None
    children: list[Unit] = field(default_factory=list)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _text(element: etree._Element) -> str:
    return " ".join("".join(str(t) for t in element.itertext()).split())


def _cite_type(element: etree._Element) -> str:
    name = _local(element)
    if name == "div" and element.get("type"):
        return str(element.get("type"))
    return CITE_TYPES.get(name, name)


def citation_units(root: etree._Element) -> list[Unit]:
    """The citation tree of a TEI document, as its top-level units."""
    text = root.find("t:text", NS)
    if text is None:
        return []
    top: list[Unit] = []
    for part in text:
        if isinstance(part.tag, str) and _local(part) in PARTS:
            unit = Unit(_local(part), 1, None, _local(part), part)
            unit.children = _children(unit)
            top.append(unit)
    return top


def _children(unit: Unit) -> list[Unit]:
    if _local(unit.element) not in (*PARTS, "div"):
        return []
    units: list[Unit] = []
    for child in unit.element:
        if not isinstance(child.tag, str) or _local(child) == "head" or not _text(child):
            continue
        number = len(units) + 1
        head = child.find("t:head", NS) if _local(child) == "div" else None
        sub = Unit(f"{unit.identifier}.{number}", unit.level + 1, unit.identifier,
                   _cite_type(child), child, _text(head) if head is not None else None)
        sub.children = _children(sub)
        units.append(sub)
    return units


def _flatten(units: list[Unit]) -> list[Unit]:
    """Pre-order, depth first: the order DTS gives members in."""
    out: list[Unit] = []
    for unit in units:
        out.append(unit)
        out.extend(_flatten(unit.children))
    return out


def cite_structure(units: list[Unit]) -> list[dict[str, Any]]:
    """The CiteStructure of a set of sibling units: each citeType once, with the merged
    structure of the units of that type below it."""
    by_type: dict[str, list[Unit]] = {}
    for unit in units:
        by_type.setdefault(unit.cite_type, []).append(unit)
    out: list[dict[str, Any]] = []
    for cite_type, group in by_type.items():
        entry: dict[str, Any] = {"@type": "CiteStructure", "citeType": cite_type}
        below = [child for unit in group for child in unit.children]
        if below:
            entry["citeStructure"] = cite_structure(below)
        out.append(entry)
    return out


def _json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _lang_values(text: str | None) -> list[dict[str, str]] | None:
    return [{"lang": "en", "value": text}] if text else None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "other"


@dataclass
class _Doc:
    doc_id: str
    name: str
    data: bytes
    root: etree._Element
    title: str
    group: str
    units: list[Unit]


def _dublin_core(doc: _Doc) -> dict[str, Any]:
    root = doc.root
    dc: dict[str, Any] = {"title": _lang_values(doc.title), "type": ["Text"],
                          "format": ["application/tei+xml"]}
    date = root.find(".//t:profileDesc/t:creation/t:date", NS)
    if date is not None:
        iso = [date.get(k) for k in ("when", "from", "to", "notBefore", "notAfter") if date.get(k)]
        dc["date"] = "/".join(str(v) for v in iso[:2]) if iso else _text(date)
    languages = [str(lang.get("ident")) for lang in root.iterfind(".//t:langUsage/t:language", NS)
                 if lang.get("ident")]
    if languages:
        dc["language"] = languages
    abstract = root.find(".//t:profileDesc/t:abstract", NS)
    if abstract is not None and _text(abstract):
        dc["description"] = _lang_values(_text(abstract))
    publishers = [_text(p) for p in root.iterfind(".//t:publicationStmt/t:publisher", NS)]
    if publishers:
        dc["publisher"] = publishers
    citation = root.find(".//t:sourceDesc/t:bibl[@type='citation']", NS)
    if citation is not None and _text(citation):
        dc["source"] = [_text(citation)]
    return {k: v for k, v in dc.items() if v}


def _resource(doc: _Doc, *, full: bool) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "@id": doc.doc_id,
        "@type": "Resource",
        "title": doc.title or doc.doc_id,
        "totalParents": 1,
        "totalChildren": 0,
        "collection": f"collection.{doc.doc_id}.json",
        "navigation": f"navigation.{doc.doc_id}.json",
        "document": f"document.{doc.doc_id}{{.ref}}.xml",
        "download": f"../../tei/{doc.name}",
        "mediaTypes": ["application/tei+xml"],
        "citationTrees": [{"@type": "CitationTree", "citeStructure": cite_structure(doc.units)}],
    }
    if full:
        resource["dublinCore"] = _dublin_core(doc)
    return resource


def _unit_json(unit: Unit) -> dict[str, Any]:
    out: dict[str, Any] = {"identifier": unit.identifier, "@type": "CitableUnit",
                           "level": unit.level, "parent": unit.parent,
                           "citeType": unit.cite_type}
    if unit.title:
        out["dublinCore"] = {"title": _lang_values(unit.title)}
    return out


def _passage(unit: Unit, source: str) -> bytes:
    """A citable unit as the DTS document endpoint gives it: TEI around dts:wrapper;
    ``xml:base`` makes its relative pointers resolve as in its file (``source``)."""
    tei = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})  # type: ignore[dict-item]
    tei.set("{http://www.w3.org/XML/1998/namespace}base", source)
    wrapper = etree.SubElement(tei, f"{{{DTS_NS}}}wrapper", nsmap={"dts": DTS_NS},
                               ref=unit.identifier)
    part = copy.deepcopy(unit.element)
    part.tail = None
    wrapper.append(part)
    data: bytes = etree.tostring(tei, encoding="UTF-8", xml_declaration=True)
    return data + b"\n"


def _document(name: str, data: bytes) -> _Doc | None:
    """A document of the API, or None for a file that is not one (not TEI, no id that
    can name a file, not well-formed: validate and render report those). What it
    publishes is the copy the site publishes (edition/inert.py): nothing in it acts in
    a browser that opens the file."""
    try:
        tree = parse_bytes(data, name)
        published = inert_tei(data, tree.getroot(), name)[0]
        if published != data:  # something was made inert: the copy is what is read
            tree, data = parse_bytes(published, name), published
    except EditionError:
        return None
    root = tree.getroot()
    meta = metadata_from_tei(tree)
    doc_id = meta.doc_id or name.rsplit(".", 1)[0]
    if root.tag != f"{{{TEI_NS}}}TEI" or not _SAFE.match(doc_id):
        return None
    return _Doc(doc_id, name, data, root, meta.title, source_group(tree), citation_units(root))


@dataclass
class Published:
    """One document's part of the API: its own files (by site path) and what the
    collections say of it (its source group and its Resource, with Dublin Core)."""

    doc_id: str
    group: str
    resource: dict[str, Any]
    files: dict[str, bytes]


def document_files(name: str, data: bytes) -> Published | None:
    """The DTS files of one TEI file (``name`` in tei/): its collection, navigation and
    document files; None if it is not a document of the API."""
    doc = _document(name, data)
    if doc is None:
        return None
    files: dict[str, bytes] = {}
    resource = _resource(doc, full=True)
    files[f"{API_DIR}/collection.{doc.doc_id}.json"] = _json(
        {"@context": CONTEXT, "dtsVersion": VERSION, **resource})
    units = _flatten(doc.units)
    files[f"{API_DIR}/navigation.{doc.doc_id}.json"] = _json({
        "@context": CONTEXT, "dtsVersion": VERSION, "@type": "Navigation",
        "@id": f"navigation.{doc.doc_id}.json",
        "resource": _resource(doc, full=False),
        "member": [_unit_json(unit) for unit in units]})
    files[f"{API_DIR}/document.{doc.doc_id}.xml"] = doc.data
    for unit in units:
        files[f"{API_DIR}/document.{doc.doc_id}.{unit.identifier}.xml"] = _passage(
            unit, f"../../tei/{doc.name}")
    return Published(doc.doc_id, doc.group, resource, files)


def collection_files(members: list[tuple[str, dict[str, Any]]]) -> dict[str, bytes]:
    """The entry point and the collections (the root, one per source group) of the
    documents given as (source group, Resource), in the order of their files."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for group, resource in members:
        groups.setdefault(group, []).append(resource)
    streams = collection_streams({group: len(resources) for group, resources in groups.items()},
                                 groups.__getitem__)
    return {rel: b"".join(make()) for rel, make in streams.items()}


Stream = Callable[[], Iterator[bytes]]


def collection_streams(counts: Mapping[str, int],
                       members: Callable[[str], Iterable[dict[str, Any]]]) -> dict[str, Stream]:
    """The files of :func:`collection_files` by site path, each as a function giving its
    bytes in pieces: ``counts`` gives each source group (in the order of their first
    document) with its number of documents, ``members`` a group's Resources in file
    order, asked for only when its collection is written and then taken one at a time
    (a group's collection lists every Resource of it: at ten thousand documents, tens
    of megabytes that are never all held)."""
    files: dict[str, Stream] = {}

    def put(name: str, data: bytes) -> None:
        files[f"{API_DIR}/{name}"] = lambda: iter((data,))

    put("index.json", _json({"@context": CONTEXT, "dtsVersion": VERSION, "@id": "index.json",
                             "@type": "EntryPoint", "collection": COLLECTION,
                             "navigation": NAVIGATION, "document": DOCUMENT}))
    collections = []
    for group, count in counts.items():
        group_id = f"source-{_slug(group)}"
        member = {"@id": group_id, "@type": "Collection", "title": group,
                  "collection": f"collection.{group_id}.json",
                  "totalParents": 1, "totalChildren": count}
        collections.append(member)
        head = {"@context": CONTEXT, "dtsVersion": VERSION, **member, "collection": COLLECTION}
        files[f"{API_DIR}/collection.{group_id}.json"] = partial(
            _listing, head, "member", partial(members, group))
    root_collection = _json({"@context": CONTEXT, "dtsVersion": VERSION, "@id": ROOT_ID,
                             "@type": "Collection", "title": PUBLISHER,
                             "collection": COLLECTION, "totalParents": 0,
                             "totalChildren": len(collections), "member": collections})
    put("collection.json", root_collection)
    put(f"collection.{ROOT_ID}.json", root_collection)
    return files


def _listing(head: dict[str, Any], key: str,
             items: Callable[[], Iterable[dict[str, Any]]]) -> Iterator[bytes]:
    """The bytes of ``_json({**head, key: list(items())})``, one item at a time: each
    item as :func:`_json` writes it, indented to its place in the list (JSON strings
    hold no line break, so every line of an item moves by the same two spaces)."""
    empty = _json({**head, key: []})
    closing = f' {json.dumps(key)}: []\n}}\n'.encode()
    assert empty.endswith(closing)
    yield empty[:-len(closing)] + f' {json.dumps(key)}: ['.encode()
    count = 0
    for item in items():
        text = json.dumps(item, ensure_ascii=False, indent=1).replace("\n", "\n  ")
        yield (",\n  " if count else "\n  ").encode() + text.encode("utf-8")
        count += 1
    yield b"\n ]\n}\n" if count else b"]\n}\n"


def api_files(tei: Mapping[str, bytes]) -> dict[str, bytes]:
    """The DTS files for the TEI documents given by file name, keyed by site path."""
    published = [doc for name, data in sorted(tei.items()) if name not in NOT_DOCUMENTS
                 and (doc := document_files(name, data)) is not None]
    files = collection_files([(doc.group, doc.resource) for doc in published])
    for doc in published:
        files.update(doc.files)
    return files
