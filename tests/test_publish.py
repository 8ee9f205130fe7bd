"""The TEI published whole (site/tei, schema/, the zip), the DTS files and the sitemap."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from lxml import etree

from edition import dts, ziparchive
from edition.build import render
from edition.dts import api_files
from edition.publish import ZIP_FOLDER, ZIP_NAME, published_files, sitemap
from edition.stages import publish as stage
from edition.stages.common import Digests
from edition.xmlio import parse_file
from tests.conftest import FILES, ROOT, TEI

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
POINTING = ("target", "ref", "corresp", "facs", "source", "url")
_MODEL = re.compile(r'href="([^"]+)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    report = render(TEI, out)
    assert not report.problems, report.problems
    return out


def _models(path: Path) -> list[str]:
    tree = parse_file(path)
    return [m.group(1) for pi in tree.xpath("/processing-instruction('xml-model')")
            if (m := _MODEL.search(str(pi.text)))]


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        cache[path] = {str(e.get(XML_ID)) for e in parse_file(path).iter() if e.get(XML_ID)}
    return cache[path]


def _unresolved(site: Path, pointing: tuple[str, ...]) -> tuple[int, list[str]]:
    folder = site / "tei"
    files = sorted(folder.glob("*.xml"))
    assert {"corpus.xml", "registers.xml"} <= {p.name for p in files}
    ids: dict[Path, set[str]] = {}
    checked, unresolved = 0, []
    for path in files:
        for href in _models(path):
            checked += 1
            if not (path.parent / href).resolve().is_file():
                unresolved.append(f"{path.name}: xml-model {href}")
        for element in parse_file(path).iter():
            if not isinstance(element.tag, str):
                continue
            for attr in pointing:
                for token in (element.get(attr) or "").split():
                    if urlsplit(token).scheme:  # http(s), mailto: outside the edition
                        continue
                    checked += 1
                    name, _, fragment = token.partition("#")
                    target = (path.parent / name).resolve() if name else path
                    if not target.is_file():
                        unresolved.append(f"{path.name}:{element.sourceline}: {token}")
                    elif fragment and fragment not in _ids(target, ids):
                        unresolved.append(f"{path.name}:{element.sourceline}: #{fragment}")
    return checked, unresolved


def test_every_pointer_in_the_published_tei_resolves(site: Path) -> None:
    checked, unresolved = _unresolved(site, POINTING)
    assert checked > 1000, "the edition's TEI points at registers and documents"
    assert not unresolved, unresolved[:20]


def test_every_resp_pointer_resolves(site: Path) -> None:
    checked, unresolved = _unresolved(site, ("resp",))
    assert checked and not unresolved, unresolved[:20]


def test_every_tei_file_names_our_schema_and_is_valid_by_it() -> None:
    rng = {}
    for path in sorted(TEI.glob("*.xml")):
        models = _models(path)
        assert models == ["../schema/edition.rng", "../schema/edition.sch"], path
        schema_path = (path.parent / models[0]).resolve()
        if schema_path not in rng:
            rng[schema_path] = etree.RelaxNG(etree.parse(str(schema_path)))
        assert rng[schema_path].validate(parse_file(path)), (path, rng[schema_path].error_log)


def test_zip_holds_the_tei_and_the_schema_it_names(site: Path) -> None:
    archive = zipfile.ZipFile(io.BytesIO((site / ZIP_NAME).read_bytes()))
    names = set(archive.namelist())
    for path in TEI.glob("*.xml"):
        assert archive.read(f"{ZIP_FOLDER}/tei/{path.name}") == path.read_bytes()
    for schema in ("edition.rng", "edition.sch", "edition.odd"):
        assert f"{ZIP_FOLDER}/schema/{schema}" in names
        assert archive.read(f"{ZIP_FOLDER}/schema/{schema}") == (ROOT / "schema" / schema).read_bytes()
    # the same TEI gives the same zip (no time stamps): a rebuild does not churn it
    again = render(TEI, site)
    assert not again.problems
    assert zipfile.ZipFile(site / ZIP_NAME).namelist() == archive.namelist()
    assert (site / ZIP_NAME).read_bytes() == archive.fp.getvalue()  # type: ignore[union-attr]


def _expand(template: str, **values: str) -> str:
    """RFC 6570 label expansion ({.a,b}) and plain strings: what our templates use."""
    def one(match: re.Match[str]) -> str:
        names = match.group(1).split(",")
        return "".join(f".{values[n]}" for n in names if n in values)
    return re.sub(r"\{\.([a-z,]+)\}", one, template)


def test_dts_entry_collections_navigation_and_documents(site: Path) -> None:
    api = site / "api" / "dts"
    entry = json.loads((api / "index.json").read_text("utf-8"))
    assert entry["@type"] == "EntryPoint" and entry["dtsVersion"] == "1.0"
    root = json.loads((api / _expand(entry["collection"])).read_text("utf-8"))
    assert root["@type"] == "Collection" and root["totalParents"] == 0
    assert root["totalChildren"] == len(root["member"])
    documents = {p.stem for p in TEI.glob("*.xml")} - {"corpus", "registers"}
    seen: set[str] = set()
    for member in root["member"]:
        sub = json.loads((api / _expand(entry["collection"], id=member["@id"])).read_text("utf-8"))
        assert sub["totalChildren"] == len(sub["member"]) == member["totalChildren"]
        for resource in sub["member"]:
            assert resource["@type"] == "Resource"
            seen.add(resource["@id"])
            assert (api / resource["download"]).resolve() == (site / "tei" / f"{resource['@id']}.xml")
            nav = json.loads((api / _expand(entry["navigation"], resource=resource["@id"]))
                             .read_text("utf-8"))
            assert nav["@type"] == "Navigation"
            identifiers = [unit["identifier"] for unit in nav["member"]]
            assert len(identifiers) == len(set(identifiers)) > 0
            assert all(u["parent"] is None or u["parent"] in identifiers[:i]
                       for i, u in enumerate(nav["member"])), "parents come first (pre-order)"
            whole = api / _expand(entry["document"], resource=resource["@id"])
            assert whole.read_bytes() == (TEI / f"{resource['@id']}.xml").read_bytes()
            words = set(" ".join(parse_file(whole).getroot().find(f"{{{TEI_NS}}}text")
                                 .itertext()).split())
            found: set[str] = set()
            for unit in nav["member"]:
                passage = api / _expand(entry["document"], resource=resource["@id"],
                                        ref=unit["identifier"])
                tree = parse_file(passage)
                wrapper = tree.getroot()[0]
                assert wrapper.tag == "{https://w3id.org/api/dts#}wrapper"
                assert wrapper.get("ref") == unit["identifier"]
                found.update(" ".join(wrapper.itertext()).split())
            assert words <= found, f"{resource['@id']}: words in no passage: {words - found}"
    assert seen == documents


def test_sitemap_lists_every_page(site: Path) -> None:
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    tree = etree.parse(str(site / "sitemap.xml"))
    locs = {e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert locs == pages and len(pages) > 80
    absolute = etree.fromstring(sitemap(["index.html", "a&b.html"], "https://example.org/ed"))
    assert [e.text for e in absolute.iter() if e.tag.endswith("loc")] == [
        "https://example.org/ed/a&b.html", "https://example.org/ed/index.html"]


def test_pages_carry_dublin_core_and_schema_org_in_their_head(site: Path) -> None:
    from lxml import html

    for path in sorted(TEI.glob("scr-07*.xml")):
        tree = parse_file(path)
        title = " ".join(tree.xpath("string(//*[local-name()='titleStmt']/*[local-name()="
                                    "'title'][@type='main'])").split())
        when = tree.xpath("string(//*[local-name()='creation']/*[local-name()='date']/@when)")
        for view in ("reading", "diplomatic"):
            page = html.fromstring((site / view / f"{path.stem}.html").read_bytes())
            head = page.find("head")
            assert head is not None
            assert head.get("itemtype") == "https://schema.org/CreativeWork"
            meta = {m.get("name") or m.get("itemprop"): m.get("content")
                    for m in head.iter("meta") if m.get("content") is not None}
            assert meta["DC.title"] == meta["name"]
            assert " ".join(meta["DC.title"].split()) == title
            assert meta["DC.date"] == meta["dateCreated"] == when
            assert meta["DC.language"] == meta["inLanguage"] == "en"
            assert meta["DC.publisher"] == "Cold War Documents Edition"
            tei_link = head.xpath("link[@rel='DCTERMS.isFormatOf']/@href")
            assert tei_link and (site / view / tei_link[0]).resolve() == (
                site / "tei" / path.name).resolve()
    index = html.fromstring((site / "index.html").read_bytes()).find("head")
    assert index is not None and index.get("itemtype") == "https://schema.org/WebPage"
    assert index.xpath("meta[@name='DC.title']/@content")


# ----- the publish stage: only what changed is made again -----

STAGE_DOCS = ("scr-070.xml", "scr-073.xml", "scr-080.xml", "nkidp-edossier-16.xml")
PAGES = ["index.html", "reading/scr-070.html", "diplomatic/scr-070.html"]


@pytest.fixture()
def small_tei(tmp_path: Path) -> Path:
    folder = tmp_path / "tei"
    folder.mkdir()
    for name in (*STAGE_DOCS, "corpus.xml", "registers.xml"):
        shutil.copy(TEI / name, folder / name)
    return folder


def _publish(tei: Path, out: Path, pages: list[str] = PAGES) -> None:
    problems: list[Any] = []
    stage.publish(tei, out, Digests(), pages, None, problems)
    assert problems == []


def _site(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(out).parts}


def _scratch(tei: Path, tmp_path: Path, pages: list[str] = PAGES) -> dict[str, bytes]:
    """What a build from scratch publishes, twice over: by the stage into an empty
    folder, and all at once by edition.publish.published_files (the two must agree)."""
    out = tmp_path / f"scratch{len(list(tmp_path.glob('scratch*')))}"
    _publish(tei, out, pages)
    files = _site(out)
    sources = {p.name: p.read_bytes() for p in sorted(tei.glob("*.xml"))}
    assert files == published_files(sources, pages), "the stage and the whole differ"
    return files


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class _Counts:
    """How often each part of the publication was made in a run."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.documents: list[str] = []
        self.collections = 0
        self.deflated: list[str] = []
        self.sitemaps = 0
        document_files, collection_streams = stage.document_files, stage.collection_streams
        deflate, make_sitemap = ziparchive.deflate, stage.sitemap

        def counting_document(name: str, data: bytes) -> Any:
            self.documents.append(name)
            return document_files(name, data)

        def counting_collections(counts: Any, members: Any) -> Any:
            self.collections += 1
            return collection_streams(counts, members)

        def counting_deflate(name: str, data: bytes) -> ziparchive.Member:
            self.deflated.append(name.rsplit("/", 1)[-1])
            return deflate(name, data)

        def counting_sitemap(pages: Any, base_url: str | None) -> bytes:
            self.sitemaps += 1
            return make_sitemap(pages, base_url)

        monkeypatch.setattr(stage, "document_files", counting_document)
        monkeypatch.setattr(stage, "collection_streams", counting_collections)
        monkeypatch.setattr(ziparchive, "deflate", counting_deflate)
        monkeypatch.setattr(stage, "sitemap", counting_sitemap)

    def clear(self) -> None:
        self.documents.clear()
        self.deflated.clear()
        self.collections = self.sitemaps = 0


def test_one_changed_document_remakes_its_own_files_only(
        small_tei: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    _publish(small_tei, out)
    counts = _Counts(monkeypatch)
    _publish(small_tei, out)  # nothing changed
    assert (counts.documents, counts.collections, counts.deflated, counts.sitemaps) == (
        [], 0, [], 0)
    stamps = {rel: (out / rel).stat().st_mtime_ns for rel in _site(out)}
    # a sentence added to the text: that document's files and zip member, nothing else
    _edit(small_tei / "scr-073.xml", "by the date indicated above.", "by the date above. Added.")
    _publish(small_tei, out)
    assert counts.documents == ["scr-073.xml"] and counts.collections == 0
    assert counts.deflated == ["scr-073.xml"] and counts.sitemaps == 0
    assert _site(out) == _scratch(small_tei, tmp_path)
    changed = {rel for rel in _site(out) if (out / rel).stat().st_mtime_ns != stamps[rel]}
    assert changed == {"edition-tei.zip", "api/dts/document.scr-073.xml",
                       *(rel for rel in changed if rel.startswith("api/dts/document.scr-073."))}
    assert any(rel.startswith("api/dts/document.scr-073.body") for rel in changed)
    # its title changed: the collections say so
    counts.clear()
    _edit(small_tei / "scr-073.xml", '<title type="main">', '<title type="main">New: ')
    _publish(small_tei, out)
    assert counts.documents == ["scr-073.xml"] and counts.collections == 1
    assert _site(out) == _scratch(small_tei, tmp_path)
    group = json.loads((out / "api/dts/collection.scr-073.json").read_bytes())
    assert group["title"].startswith("New: ")
    # a page more: the sitemap only
    counts.clear()
    _publish(small_tei, out, [*PAGES, "map.html"])
    assert (counts.documents, counts.collections, counts.deflated, counts.sitemaps) == (
        [], 0, [], 1)
    assert _site(out) == _scratch(small_tei, tmp_path, [*PAGES, "map.html"])


def test_a_removed_document_leaves_no_published_file(small_tei: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    _publish(small_tei, out)
    assert (out / "api/dts/navigation.scr-080.json").is_file()
    (small_tei / "scr-080.xml").unlink()
    (small_tei / "registers.xml").unlink()
    _publish(small_tei, out)
    assert _site(out) == _scratch(small_tei, tmp_path)
    assert not [rel for rel in _site(out) if "scr-080" in rel]
    assert not (out / "tei/registers.xml").exists()
    names = zipfile.ZipFile(out / ZIP_NAME).namelist()
    assert f"{ZIP_FOLDER}/tei/scr-080.xml" not in names and len(names) == 1 + 4 + 3


def test_documents_sharing_an_id_publish_as_from_scratch(small_tei: Path,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "site"
    twin = small_tei / "zz-twin.xml"  # the same id as scr-070, fewer passages
    twin.write_text((small_tei / "scr-073.xml").read_text(encoding="utf-8").replace(
        'xml:id="scr-073"', 'xml:id="scr-070"'), encoding="utf-8")
    _publish(small_tei, out)
    assert _site(out) == _scratch(small_tei, tmp_path)
    twin.unlink()  # scr-070's own files come back whole
    _publish(small_tei, out)
    assert _site(out) == _scratch(small_tei, tmp_path)
    _edit(small_tei / "scr-073.xml", 'xml:id="scr-073"', 'xml:id="scr-080"')
    _publish(small_tei, out)
    assert _site(out) == _scratch(small_tei, tmp_path)
    assert not [rel for rel in _site(out) if "scr-073" in rel and "api/" in rel]


def test_a_zip_written_elsewhere_is_not_reused(small_tei: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    _publish(small_tei, out)
    (out / ZIP_NAME).write_bytes(b"not a zip")
    _edit(small_tei / "scr-073.xml", "by the date indicated above.", "by the date above. Added.")
    _publish(small_tei, out)
    assert _site(out) == _scratch(small_tei, tmp_path)


def test_the_kept_resources_lost_are_read_again(small_tei: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    _publish(small_tei, out)
    (out / stage.RESOURCES).unlink()
    _edit(small_tei / "scr-073.xml", '<title type="main">', '<title type="main">New: ')
    _publish(small_tei, out)
    assert _site(out) == _scratch(small_tei, tmp_path)
    assert (out / stage.RESOURCES).is_file()


def test_the_published_dts_document_is_inert(tmp_path: Path) -> None:
    files = api_files({"hostile.xml": (FILES / "hostile" / "hostile-namespaces.xml").read_bytes()})
    whole = next(data for rel, data in files.items()
                 if rel.startswith("api/dts/document.") and rel.count(".") == 2)
    assert b"xml-stylesheet" not in whole
    namespaces = {etree.QName(e).namespace for e in etree.fromstring(whole).iter()
                  if isinstance(e.tag, str)}
    assert "http://www.w3.org/1999/xhtml" not in namespaces
    assert "urn:edition:inert:http://www.w3.org/1999/xhtml" in namespaces


def test_withdraw_takes_the_pages_of_a_gone_document(small_tei: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    rendered: dict[str, Any] = {
        "scr-070.xml": ["h1", "reading/scr-070.html", "tei/scr-070.xml"],
        "old.xml": ["h2", "reading/old.html", "tei/old.xml", "tei/scr-070.xml"],
        "older.xml": ["h3", "reading/older.html"]}
    for rel in ("reading/scr-070.html", "tei/scr-070.xml", "reading/old.html", "tei/old.xml",
                "reading/older.html"):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text("x", encoding="utf-8")
    (small_tei / "older.xml").write_text("<TEI/>", encoding="utf-8")
    stage.withdraw(rendered, small_tei, out)
    assert list(rendered) == ["scr-070.xml", "older.xml"]
    assert "reading/older.html" in _site(out) and "reading/old.html" not in _site(out)
    # the render state started afresh (the list of documents changed): still taken out
    (small_tei / "older.xml").unlink()
    stage.withdraw({}, small_tei, out)
    assert sorted(_site(out)) == ["reading/scr-070.html", "tei/scr-070.xml"]


def test_a_render_after_changes_gives_the_site_of_a_render_from_scratch(
        small_tei: Path, tmp_path: Path) -> None:
    """The whole site (but its caches) byte for byte: a correction added to a document,
    a sentence to another, a third document taken away (and out of the list of
    documents, as convert does, so the render state starts afresh)."""
    out = tmp_path / "site"
    assert not render(small_tei, out).problems
    _edit(small_tei / "scr-073.xml", "by the date indicated above.",
          "by the <choice><sic>dtae</sic><corr>date</corr></choice> indicated above.")
    _edit(small_tei / "scr-080.xml", "we celebrate our national holiday", "we celebrate, we add")
    (small_tei / "nkidp-edossier-16.xml").unlink()
    _edit(small_tei / "corpus.xml", "nkidp-edossier-16.xml", "gone.xml")
    assert not render(small_tei, out).problems
    scratch = tmp_path / "scratch"
    assert not render(small_tei, scratch).problems
    assert _site(out) == _site(scratch)
    assert not [rel for rel in _site(out) if "nkidp-edossier-16" in rel]
    assert b"dtae" in (out / "corrections.html").read_bytes()


@pytest.mark.parametrize("items", [
    [],
    [{"@id": "a"}],
    [{"@id": "a", "title": "Zhou Enlai — 周恩来 \"quoted\"\nline", "empty": [], "none": {},
      "nested": [{"level": [1, 2, {"deep": "x"}]}], "n": 1.5, "flag": None},
     {"@id": "b", "list": ["x", "y"]}, {}],
])
def test_a_collection_written_in_pieces_is_the_collection_written_whole(
        items: list[dict[str, Any]]) -> None:
    """A group's collection is written one Resource at a time (never all held): its
    bytes are those of the whole collection serialised at once."""
    head = {"@context": dts.CONTEXT, "dtsVersion": dts.VERSION, "@id": "source-x",
            "totalChildren": len(items)}
    pieces = list(dts._listing(head, "member", lambda: iter(items)))
    assert len(pieces) == len(items) + 2
    assert b"".join(pieces) == dts._json({**head, "member": items})


def test_new_publishing_code_publishes_again_from_the_same_tei(
        small_tei: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The render stage remembers what the published files were made from: the TEI
    files, and the code that makes them, so that an upgrade that changes the DTS files
    makes them again at the next build, not at the next change of a document."""
    from edition.stages import render as render_stage

    out = tmp_path / "site"
    assert not render(small_tei, out).problems
    made: list[str] = []
    real = render_stage.pool.aside

    def spy(function: Any, *args: Any) -> Any:
        made.append(function.__name__)
        return real(function, *args)

    monkeypatch.setattr(render_stage.pool, "aside", spy)
    assert not render(small_tei, out).problems
    assert "publish_files" not in made  # nothing changed
    real_digest = render_stage.code_digest
    monkeypatch.setattr(render_stage, "code_digest", lambda *modules: (
        "new" if modules == stage.PUBLISH_CODE else real_digest(*modules)))
    assert not render(small_tei, out).problems
    assert "publish_files" in made


def _older_publication(out: Path, *, failed: bool = False) -> str:
    """The published files' state as an older version of the code left it (or, with
    ``failed``, as a run that stopped left it), with a passage file that version made and
    the present one does not: its site path."""
    state = json.loads((out / stage.STATE).read_text(encoding="utf-8"))
    info = state["api"]["documents"]["scr-073.xml"][1]
    rel = "api/dts/document.scr-073.body.99.xml"
    (out / rel).write_text("<passage>of an older version</passage>", encoding="utf-8")
    info["files"] = sorted([*info["files"], rel])
    state["code"] = "an older version's"
    (out / stage.STATE).write_text(json.dumps(state), encoding="utf-8")
    return rel


def test_new_publishing_code_takes_away_the_files_it_no_longer_makes(
        small_tei: Path, tmp_path: Path) -> None:
    """An upgrade makes every published file again, and takes away those the older code
    made and the new one does not (a passage its documents no longer divide into): the
    site is the one a build from scratch makes, with no file of another version left."""
    out = tmp_path / "site"
    _publish(small_tei, out)
    rel = _older_publication(out)
    _publish(small_tei, out)
    assert not (out / rel).exists()
    assert _site(out) == _scratch(small_tei, tmp_path)


def test_a_run_that_stopped_leaves_no_file_behind_at_the_next(
        small_tei: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that stopped (the disk full) forgets what the published files were made
    from, not which files were written: the next run takes away those it does not make."""
    out = tmp_path / "site"
    _publish(small_tei, out)
    rel = _older_publication(out)
    with monkeypatch.context() as patched:
        patched.setattr(stage, "_zip", lambda *_: (_ for _ in ()).throw(OSError("disk full")))
        assert stage.publish_files(small_tei, out, Digests()) is not None
    _publish(small_tei, out)
    assert not (out / rel).exists()
    assert _site(out) == _scratch(small_tei, tmp_path)


def test_temporary_files_are_looked_for_after_a_render_that_did_not_end(
        small_tei: Path, tmp_path: Path) -> None:
    """A render killed before it renamed its temporary files leaves its mark: the next
    one takes them out. After a render that ended, the site is not walked for them."""
    from edition.stages.render import RUNNING

    out = tmp_path / "site"
    assert not render(small_tei, out).problems
    assert not (out / RUNNING).exists()
    stray = out / "api" / "dts" / ".document.scr-073.xml.k3j2.tmp"
    stray.write_bytes(b"<half")
    assert not render(small_tei, out).problems
    assert stray.exists()  # no render was stopped: not looked for
    (out / RUNNING).touch()  # as a killed render leaves it
    assert not render(small_tei, out).problems
    assert not stray.exists() and not (out / RUNNING).exists()


def test_the_sitemap_is_made_again_without_the_published_files_state(
        small_tei: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The published files (DTS, copies, zip) save their own state where they are made;
    the sitemap, made after every page, keeps its key apart: a sitemap made again
    leaves that state, and those files, alone."""
    from edition.stages import render as render_stage

    out = tmp_path / "site"
    assert not render(small_tei, out).problems
    state = out / stage.STATE
    kept = state.read_bytes(), state.stat().st_mtime_ns
    assert json.loads(kept[0])["api"] and "sitemap" not in json.loads(kept[0])
    made: list[str] = []
    real = render_stage.pool.aside
    monkeypatch.setattr(render_stage.pool, "aside", lambda function, *args: (
        made.append(function.__name__), real(function, *args))[1])
    (out / "sitemap.xml").unlink()
    assert not render(small_tei, out).problems
    assert (out / "sitemap.xml").is_file() and (out / stage.SITEMAP_KEY).is_file()
    assert (state.read_bytes(), state.stat().st_mtime_ns) == kept
    assert "publish_files" not in made


def test_published_files_that_failed_are_all_made_again_next_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_tei: Path) -> None:
    """What stopped the published files is reported, and their state emptied of what
    they were made from (which files were written is kept: the next test): the next run
    makes every one of them again."""
    out = tmp_path / "site"
    assert not render(small_tei, out).problems

    def broken(*_: object) -> dict[str, Any]:
        raise OSError("disk full")

    monkeypatch.setattr(stage, "_zip", broken)
    problems: list[Any] = []
    stopped = stage.publish_files(small_tei, out, Digests())
    assert stopped is not None and "disk full" in stopped.message
    state = json.loads((out / stage.STATE).read_text(encoding="utf-8"))
    assert "code" not in state and "zip" not in state and "key" not in state["api"]
    assert {entry[0] for entry in state["api"]["documents"].values()} == {""}
    assert set(state["copies"].values()) == {""}
    stage.finish_publication(out, stopped, [], None, problems)
    assert problems == [stopped]


@pytest.mark.parametrize("rel", [ZIP_NAME, "api/dts/index.json"])
def test_a_published_file_taken_away_is_made_again(small_tei: Path, tmp_path: Path,
                                                   rel: str) -> None:
    out = tmp_path / "site"
    assert not render(small_tei, out).problems
    data = (out / rel).read_bytes()
    (out / rel).unlink()
    assert not render(small_tei, out).problems
    assert (out / rel).read_bytes() == data
