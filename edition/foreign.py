"""``edition render FILE|DIR…``: any TEI files published as a site, no corpus file needed.

Another project's TEI (a FRUS volume, a correspondence edition's letters) or our own is
rendered as it is: each file gives its reading and diplomatic pages (a volume of many
documents gives a volume page and a page per document, see
:func:`edition.render.volume_units`), and the list of documents, the search page, the
timeline and the (empty) register pages are made from the files themselves, so that
every link of the site leads somewhere.

A ``graphic`` whose file lies beside the TEI file (a relative @url naming a file in the
TEI file's folder or below it) and holds a PNG, JPEG, GIF or WebP image is copied into
the site under ``media/<id>/``; any other graphic is shown as a labelled placeholder by
the stylesheets (a file of another kind, an SVG or HTML file, could run script when
opened from the site, so it is not copied, and a warning says so).

Functions here take paths and return data; :func:`write_site` alone writes files.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from lxml import etree

from edition.anchors import assign_anchors
from edition.corrections_page import corrections_page_of, extract
from edition.crosspages import cross_pages
from edition.errors import EditionError
from edition.namespaces import NS, TEI_NS, XML_ID
from edition.release import PUBLISHER, build_date
from edition.render import Renderer, source_line, volume_units
from edition.search import SCRIPT_NAME as SEARCH_SCRIPT
from edition.search import document_entry, index_script
from edition.site_assets import assets
from edition.sitedata import edition_tree
from edition.xmlio import parse_bytes, write_bytes_atomic

T = f"{{{TEI_NS}}}"
DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter")
_SAFE_PATH = re.compile(r"^[A-Za-z0-9._~/-]+$")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_UNITS = "//t:text//t:div[@type='document'][not(ancestor::t:div[@type='document'])]"
_UNHANDLED = re.compile(r"^(?P<where>\S+:\d+:\d+): warning: unhandled element <(?P<name>[^>]+)>"
                        r"(?P<rest>.*?)(?: \(and (?P<more>\d+) more <[^>]+> elements\))?$")


@dataclass
class ForeignReport:
    """What a run rendered: the files, the pages written, problems and warnings."""

    rendered: list[str] = field(default_factory=list)
    pages: int = 0
    problems: list[EditionError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Document:
    doc_id: str
    path: Path
    root: etree._Element
    data: bytes


def tei_files(paths: Sequence[Path]) -> tuple[list[Path], list[EditionError]]:
    """The TEI files named: files as given, folders searched for *.xml (sorted)."""
    found: list[Path] = []
    problems: list[EditionError] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*.xml") if p.is_file())
            if not inside:
                problems.append(EditionError(path, 0, 0, "no .xml files in this folder"))
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            problems.append(EditionError(path, 0, 0, "no such file or folder"))
    unique: dict[Path, Path] = {}  # a file named twice is rendered once, as first named
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values()), problems


# The images a page may show from beside a TEI file, by their first bytes (the file's
# name says nothing: an "image.png" may hold HTML). Not SVG: opened from the site, an
# SVG runs its script.
IMAGE_SIGNATURES: tuple[tuple[bytes, bytes, str], ...] = (  # (prefix, at 8, kind)
    (b"\x89PNG\r\n\x1a\n", b"", "PNG"),
    (b"\xff\xd8\xff", b"", "JPEG"),
    (b"GIF87a", b"", "GIF"),
    (b"GIF89a", b"", "GIF"),
    (b"RIFF", b"WEBP", "WebP"),
)
# The names such an image may be published under: a file that begins as an image but is
# named "pic.html" would be served as a page, its script run (a polyglot)
IMAGE_SUFFIXES = {"PNG": (".png",), "JPEG": (".jpg", ".jpeg"), "GIF": (".gif",),
                  "WebP": (".webp",)}


def image_kind(file: Path) -> str | None:
    """The kind of raster image ``file`` holds (PNG, JPEG, GIF, WebP), by its first bytes;
    None for anything else."""
    try:
        with file.open("rb") as stream:
            head = stream.read(16)
    except OSError:
        return None
    return next((kind for prefix, at_eight, kind in IMAGE_SIGNATURES
                 if head.startswith(prefix) and head[8:12].startswith(at_eight)), None)


# What the stylesheets are told of a graphic whose file is beside the TEI but refused
# (xslt/volume.xsl, ed:graphic-path): its placeholder says why, not "not beside".
REFUSED_GRAPHIC = "!refused"


def graphics_beside(root: etree._Element, tei_path: Path, doc_id: str,
                    warn: Callable[[str], None] | None = None,
                    refused: set[str] | None = None
                    ) -> dict[str, tuple[Path, str]]:
    """The graphics of a TEI file whose files lie beside it: @url → (file, site path).

    Only a plain relative path (no scheme, no "..", no query or fragment) inside the
    TEI file's folder counts, and only a file that holds a PNG, JPEG, GIF or WebP image
    (:func:`image_kind`): anything else (an SVG, an HTML or XML file, the TEI itself)
    would be published as it is and could run script when opened from the site; it is
    named to ``warn``, added to ``refused`` and shown as a placeholder, as is a file
    that is a link to somewhere outside the folder. The site path is
    ``media/<doc id>/<the same path>``.
    """
    folder = tei_path.parent.resolve()
    found: dict[str, tuple[Path, str]] = {}
    for graphic in root.iter(f"{T}graphic"):
        url = (graphic.get("url") or "").strip()
        relative = unquote(url)
        if not url or not _SAFE_PATH.match(url) or relative.startswith("/"):
            continue
        parts = PurePosixPath(relative).parts
        if ".." in parts:
            continue
        where = f"{tei_path}:{source_line(graphic)}:0: warning: the graphic"
        file = (folder / Path(*parts)).resolve()
        if not file.is_file():
            continue
        if not file.is_relative_to(folder):  # a link to a file elsewhere
            if warn is not None:
                warn(f"{where} {url!r} is a link to a file outside the TEI file's folder: "
                     "not copied into the site; shown as not available")
            if refused is not None:
                refused.add(url)
            continue
        kind = image_kind(file)
        if kind is None or not file.name.lower().endswith(IMAGE_SUFFIXES[kind]):
            if warn is not None:
                warn(f"{where} {url!r} is not a PNG, JPEG, GIF or WebP image named as one "
                     "(.png, .jpg, .gif, .webp): not copied into the site (a file of "
                     "another kind could run script there); shown as not available")
            if refused is not None:
                refused.add(url)
            continue
        found[url] = (file, f"media/{doc_id}/{PurePosixPath(*parts)}")
    return found


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return " ".join("".join(str(t) for t in element.itertext()).split())


def _title(root: etree._Element) -> str:
    """The document's title, by the rule of xslt/functions.xsl (ed:title)."""
    titles = [t for t in root.iterfind("t:teiHeader/t:fileDesc/t:titleStmt/t:title", NS)
              if _text(t)]
    for test in (lambda t: t.get("type") == "main", lambda t: t.get("type") == "complete",
                 lambda t: t.get("level") == "a",
                 lambda t: t.get("type") is None and t.get("level") not in ("s", "j"),
                 lambda t: t.get("level") not in ("s", "j"), lambda t: True):
        for title in titles:
            if test(title):
                return _text(title)
    return ""


def _date(root: etree._Element) -> tuple[dict[str, str], str] | None:
    """The document's date (attributes, text): its creation date, the date it was sent,
    the span of its documents' own dates for a volume, or its first dated date in the text;
    None when it has none."""
    for path in ("t:teiHeader/t:profileDesc/t:creation/t:date",
                 "t:teiHeader/t:profileDesc/t:correspDesc/t:correspAction[@type='sent']/t:date"):
        for date in root.iterfind(path, NS):
            if any(date.get(a) for a in DATE_ATTRIBUTES):
                return {a: str(date.get(a)) for a in DATE_ATTRIBUTES if date.get(a)}, _text(date)
    units = root.xpath(_UNITS, namespaces=NS)
    if isinstance(units, list) and len(units) > 1:
        days = sorted(day for u in units if isinstance(u, etree._Element)
                      if (day := _unit_day(u)))
        if days:
            return {"from": days[0], "to": days[-1]}, f"{days[0]} – {days[-1]}"
    for date in root.iterfind("t:text//t:date", NS):
        if any(date.get(a) for a in DATE_ATTRIBUTES):
            return {a: str(date.get(a)) for a in DATE_ATTRIBUTES if date.get(a)}, _text(date)
    return None


def _unit_day(unit: etree._Element) -> str:
    """A volume's document's own date: its dateline's, else the first in it; or ""."""
    for path in (".//t:dateline//t:date[@when]", ".//t:date[@when]"):
        for date in unit.iterfind(path, NS):
            if _ISO.match(str(date.get("when"))):
                return str(date.get("when"))
    return ""


def _source(root: etree._Element) -> str:
    """What the list of documents groups a file under: its series or its publisher."""
    for path in ("t:teiHeader/t:fileDesc/t:titleStmt/t:title[@level='s']",
                 "t:teiHeader/t:fileDesc/t:titleStmt/t:title[@type='series']",
                 "t:teiHeader/t:fileDesc/t:seriesStmt/t:title",
                 "t:teiHeader/t:fileDesc/t:publicationStmt/t:publisher"):
        text = _text(root.find(path, NS))
        if text:
            return text
    return "Other sources"


# The site's name when its files come from several projects or from none named.
NEUTRAL_SITE_NAME = "TEI documents"


def site_name(documents: Sequence[_Document]) -> str | None:
    """The name the site's pages give the site: None (this edition's) when every file is
    this edition's own (its publisher), else the series or publisher the files share, else
    a neutral name: other projects' files are no part of this edition."""
    publishers = {_text(d.root.find("t:teiHeader/t:fileDesc/t:publicationStmt/t:publisher",
                                    NS)) for d in documents}
    if documents and publishers == {PUBLISHER}:
        return None
    sources = {_source(d.root) for d in documents}
    if len(sources) == 1 and PUBLISHER not in sources and "Other sources" not in sources:
        return sources.pop()
    return NEUTRAL_SITE_NAME


def empty_parts(documents: Sequence[_Document]) -> list[str]:
    """The parts of the site that hold nothing for these files: the registers and the
    map always (the files bring no registers of this edition: :func:`empty_registers`),
    the restrictions and corrections pages when no file has what they list."""
    parts = ["persons", "places", "organisations", "map"]
    if not any(d.root.find(".//t:text//t:note[@type='restriction']", NS) is not None
               for d in documents):
        parts.append("restrictions")
    if all(extract(d.root) is None for d in documents):
        parts.append("corrections")
    return parts


def corpus_file(documents: Iterable[_Document]) -> bytes:
    """A corpus file (as ``tei/corpus.xml`` of the edition) listing the files rendered."""
    root = etree.Element(f"{T}TEI", nsmap={None: TEI_NS})  # type: ignore[dict-item]
    root.set(XML_ID, "corpus")
    file_desc = etree.SubElement(etree.SubElement(root, f"{T}teiHeader"), f"{T}fileDesc")
    title = etree.SubElement(etree.SubElement(file_desc, f"{T}titleStmt"), f"{T}title",
                             type="main")
    title.text = "TEI files rendered by edition render"
    etree.SubElement(etree.SubElement(file_desc, f"{T}publicationStmt"), f"{T}p").text = (
        "Rendered from the TEI files named on the command line.")
    etree.SubElement(etree.SubElement(file_desc, f"{T}sourceDesc"), f"{T}p").text = (
        "One entry per TEI file; a volume's documents are listed on its own page.")
    listing = etree.SubElement(etree.SubElement(etree.SubElement(root, f"{T}text"),
                                                f"{T}body"), f"{T}listBibl", type="corpus")
    for doc in documents:
        bibl = etree.SubElement(listing, f"{T}bibl", type="document")
        ref = etree.SubElement(bibl, f"{T}ref", target=f"{doc.doc_id}.xml")
        ref.text = _title(doc.root) or doc.doc_id
        date = _date(doc.root)
        if date is not None:
            ref.tail = " "
            etree.SubElement(bibl, f"{T}date", date[0]).text = date[1] or None
        source = etree.SubElement(bibl, f"{T}title", type="source")
        source.text = _source(doc.root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def empty_registers() -> bytes:
    """A registers file without entries: the register pages say that they are empty."""
    return (f'<TEI xmlns="{TEI_NS}" xml:id="registers"><teiHeader><fileDesc><titleStmt>'
            "<title>Registers</title></titleStmt><publicationStmt><p>None: the files rendered "
            "bring no registers of this edition.</p></publicationStmt><sourceDesc><p>None."
            "</p></sourceDesc></fileDesc></teiHeader><text><body><p>No entries.</p></body>"
            "</text></TEI>").encode()


_CORPUS = f"{{{TEI_NS}}}teiCorpus"


def _members(root: etree._Element, data: bytes, path: Path
             ) -> list[tuple[etree._Element, bytes]]:
    """The TEI documents of a file: the file's own, or each of a ``teiCorpus`` (nested
    ones too) as a file of its own, its lines where they stand in the file (so that a
    message's line is the file's)."""
    if root.tag != _CORPUS:
        return [(root, data)]
    members: list[tuple[etree._Element, bytes]] = []
    for child in root:
        if child.tag not in (f"{{{TEI_NS}}}TEI", _CORPUS):
            continue
        line = child.sourceline if isinstance(child.sourceline, int) else 1
        if child.tag != _CORPUS and not child.get(XML_ID):
            # a document without an id of its own: the file's name and its number
            child = copy.deepcopy(child)
            child.set(XML_ID, f"{path.stem}-{len(members) + 1}")
        own = ("\n" * (line - 1)).encode() + etree.tostring(child, encoding="utf-8")
        members.extend(_members(parse_bytes(own, path).getroot(), own, path))
    return members


def _read(files: Sequence[Path], report: ForeignReport) -> list[_Document]:
    """Each file parsed safely, its id checked unique; a bad file is reported and left
    out. A ``teiCorpus`` gives each of its documents (id: its own xml:id, else the file's
    name and its number)."""
    documents: list[_Document] = []
    owners: dict[str, Path] = {}
    for path in files:
        try:
            data = path.read_bytes()
            root = parse_bytes(data, path).getroot()
            members = _members(root, data, path)
            if root.tag == _CORPUS and not members:
                line = root.sourceline
                raise EditionError(path, line if isinstance(line, int) else 1, 1,
                                   "a teiCorpus without a TEI document: nothing to render")
        except (OSError, EditionError) as exc:
            report.problems.append(exc if isinstance(exc, EditionError)
                                   else EditionError(path, 0, 0, f"cannot read: {exc}"))
            continue
        for member, member_data in members:
            doc_id = member.get(XML_ID) or path.stem
            if doc_id in owners:
                line = member.sourceline
                report.problems.append(EditionError(
                    path, line if isinstance(line, int) else 1, 1,
                    f"the document id {doc_id!r} is already used by {owners[doc_id]}: "
                    "give one of them another xml:id"))
                continue
            owners[doc_id] = path
            documents.append(_Document(doc_id, path, member, member_data))
    return documents


def volume_pages(doc: _Document) -> dict[str, str]:
    """For a volume: the page of each id (given, or a passage's anchor) that lies in one
    of its documents; {} for a file of one document."""
    root = parse_bytes(doc.data, doc.path).getroot()
    names = volume_units(root, doc.doc_id)
    if not names:
        return {}
    assign_anchors(root)  # the anchors the site's pages (timeline, registers …) link to
    units = root.xpath(_UNITS, namespaces=NS)
    pages: dict[str, str] = {}
    for unit, name in zip(units if isinstance(units, list) else [], names, strict=True):
        if isinstance(unit, etree._Element):
            for element in unit.iter():
                if isinstance(element.tag, str) and element.get(XML_ID):
                    pages[str(element.get(XML_ID))] = name
    return pages


_PASSAGE = re.compile(r'href="(reading|diplomatic)/([^"/#]+)\.html#([^"]+)"')


def _relink_passages(pages: dict[str, bytes], documents: Sequence[_Document]) -> None:
    """The pages that look across documents (timeline, registers, restrictions …) link a
    passage as reading/<file>.html#<anchor>; in a volume, that passage is on the page of
    its document: such links are pointed there."""
    where = {doc.doc_id: found for doc in documents if (found := volume_pages(doc))}
    if not where:
        return

    def relink(match: re.Match[str]) -> str:
        view, page, anchor = match.groups()
        unit = where.get(page, {}).get(html.unescape(anchor))
        return f'href="{view}/{unit}.html#{anchor}"' if unit else match.group(0)

    for name, content in pages.items():
        if name.endswith(".html") and "/" not in name:
            pages[name] = _PASSAGE.sub(relink, content.decode("utf-8")).encode("utf-8")


def render_files(paths: Sequence[Path], renderer: Renderer | None = None
                 ) -> tuple[dict[str, bytes], dict[str, Path], ForeignReport]:
    """Render the TEI files (and folders of them) named: the site's pages keyed by path,
    the graphics to copy (site path → file) and a report."""
    report = ForeignReport()
    renderer = renderer or Renderer()
    files, report.problems = tei_files(paths)
    documents = _read(files, report)
    corpus = corpus_file(documents)
    edition = edition_tree((str(d.path), d.data) for d in documents)
    renderer.set_context(build_date=build_date(files[0].parent) if files else "",
                         corpus=corpus, edition=edition, site_name=site_name(documents),
                         empty_parts=empty_parts(documents))
    pages: dict[str, bytes] = dict(assets())
    copies: dict[str, Path] = {}
    entries: list[dict[str, Any]] = []
    rendered: list[_Document] = []
    for doc in documents:
        refused: set[str] = set()
        graphics = graphics_beside(doc.root, doc.path, doc.doc_id,
                                   report.warnings.append, refused)
        try:
            pages.update(renderer.render_document(
                doc.data, str(doc.path), volumes=True,
                graphics={**{url: site for url, (_, site) in graphics.items()},
                          **dict.fromkeys(refused, REFUSED_GRAPHIC)}))
            entries.append(document_entry(doc.data, str(doc.path)))
        except EditionError as exc:
            report.problems.append(exc)
            continue
        finally:
            report.warnings.extend(renderer.take_warnings())
        copies.update({site: file for file, site in graphics.values()})
        report.warnings.extend(_unshown(doc))
        rendered.append(doc)
        report.rendered.append(str(doc.path))
    if len(rendered) < len(documents):  # list only what has pages
        corpus = corpus_file(rendered)
    stages: list[Callable[[], dict[str, bytes]]] = [
        lambda: renderer.render_index(corpus, "(the files rendered)"),
        lambda: renderer.render_site_pages(corpus, "(the files rendered)"),
        lambda: renderer.render_registers(empty_registers(), "(no registers)"),
        lambda: corrections_page_of((doc.root for doc in documents), renderer),
        lambda: cross_pages(renderer, empty_registers(), edition, "(no registers)"),
    ]
    for make in stages:
        try:
            pages.update(make())
        except EditionError as exc:
            report.problems.append(exc)
    report.warnings.extend(renderer.take_warnings())
    report.warnings = once_per_element(report.warnings)
    _relink_passages(pages, rendered)
    pages[SEARCH_SCRIPT] = index_script(entries)
    report.pages = sum(1 for name in pages if name.endswith(".html"))
    return pages, copies, report


def _unshown(doc: _Document) -> list[str]:
    """Warnings for what a file lacks (a header, a text) or holds that no page shows: a
    ``sourceDoc`` (a transcription by the page's zones, which the views do not render;
    its words are on no page), a ``facsimile`` (its images and zones, and the text's
    links to them)."""
    out = []
    at = f"{doc.path}:{source_line(doc.root)}:0: warning:"
    if doc.root.find(f"{T}teiHeader") is None:
        out.append(f"{at} its <TEI> has no <teiHeader>: its pages are titled "
                   "'Untitled document' and name no date or source")
    if doc.root.find(f"{T}text") is None and doc.root.find(f"{T}sourceDoc") is None:
        out.append(f"{at} its <TEI> has no <text>: its pages show no text")
    for source_doc in doc.root.iterfind(f"{T}sourceDoc"):
        words = len(" ".join(str(t) for t in source_doc.itertext()).split())
        if words:
            out.append(f"{doc.path}:{source_line(source_doc)}:0: warning: its "
                       f"<sourceDoc> ({words} words) is not rendered: the pages show the "
                       "<text> only, so these words are on no page")
    for facsimile in doc.root.iterfind(f"{T}facsimile"):
        surfaces = len(facsimile.findall(f".//{T}surface")) + len(
            facsimile.findall(f"{T}graphic"))
        out.append(f"{doc.path}:{source_line(facsimile)}:0: warning: its "
                   f"<facsimile> ({surfaces} surfaces or images) is not shown, nor are the "
                   "text's @facs links to it: the pages show the <text>")
    return out


def once_per_element(warnings: Sequence[str]) -> list[str]:
    """One warning per unhandled element name over the whole run (the first place it
    occurs, and how many more there are), the other warnings as they are."""
    lines: list[str] = []
    first: dict[str, int] = {}
    more: dict[str, int] = {}
    files: dict[str, set[str]] = {}
    for warning in warnings:
        match = _UNHANDLED.match(warning)
        if not match:
            lines.append(warning)
            continue
        name = match.group("name")
        count = int(match.group("more") or 0)
        files.setdefault(name, set()).add(match.group("where").split(":", 1)[0])
        if name in first:
            more[name] += count + 1
            continue
        first[name] = len(lines)
        more[name] = count
        lines.append(f"{match.group('where')}: warning: unhandled element <{name}>"
                     f"{match.group('rest')}")
    for name, index in first.items():
        if more[name]:
            in_files = len(files[name])
            lines[index] += (f" (and {more[name]} more <{name}> elements"
                             + (f", in {in_files} files" if in_files > 1 else "") + ")")
    return lines


def write_site(out: Path, pages: dict[str, bytes], copies: dict[str, Path]) -> None:
    """Write the pages and copy the graphics; each file through a temporary file."""
    for name, content in pages.items():
        write_bytes_atomic(out / name, content)
    for name, source in copies.items():
        write_bytes_atomic(out / name, source.read_bytes())
