"""Search and timeline: the search records (edition/search.py), search-index.js, the
search page and the timeline (xslt/search.xsl, xslt/timeline.xsl), the links to them in
every page's header, and the render step that writes them (edition/build.py).

The search itself runs in the browser (assets/search.js): tests/test_browser.py
drives it.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from lxml import etree, html

from edition import build, paths, search
from edition.errors import EditionError
from edition.render import Renderer
from edition.search import document_entry, index_data, index_script, register_names
from edition.stages import search as search_stage

FILES = Path(__file__).parent / "files"
SAMPLE = FILES / "sample.xml"
TEST_CORPUS = FILES / "render" / "corpus.xml"
TEI_CORPUS = paths.TEI_DIR / "corpus.xml"
TEI_REGISTERS = paths.TEI_DIR / "registers.xml"
PROJECT_TEI = sorted(p for p in paths.TEI_DIR.glob("*.xml")
                     if p.name not in ("corpus.xml", "registers.xml"))
TEI = "{http://www.tei-c.org/ns/1.0}"
PREFIX = "window.EDITION_SEARCH = "

needs_tei = pytest.mark.skipif(len(PROJECT_TEI) != 40,
                               reason="tei/ does not hold the 40 documents of the edition")


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    return document_entry(SAMPLE.read_bytes(), str(SAMPLE))


@pytest.fixture(scope="module")
def project_entries() -> list[dict[str, Any]]:
    names = register_names(TEI_REGISTERS.read_bytes(), str(TEI_REGISTERS))
    return [document_entry(p.read_bytes(), str(p), names) for p in PROJECT_TEI]


def script_data(script: bytes) -> dict[str, Any]:
    """The object search-index.js gives window.EDITION_SEARCH."""
    text = script.decode("ascii")
    start = text.index(PREFIX) + len(PREFIX)
    assert text.endswith(";\n")
    data: dict[str, Any] = json.loads(text[start:-2])
    return data


def page(data: bytes) -> html.HtmlElement:
    return html.fromstring(data)


# ----- one record -----


def test_sample_record_fields(sample: dict[str, Any]) -> None:
    assert sample["id"] == "scr-071"
    assert sample["title"] == ("Note of the USSR Embassy in the People's Republic of China. "
                               "January 30, 1954")
    assert sample["date"] == "January 30, 1954"
    assert sample["sort"] == "1954-01-30"
    assert sample["years"] == [1954, 1954]
    assert sample["date_kind"] == "exact"
    assert sample["source"] == "Soviet-Chinese relations. 1952-1955: Collection of documents"
    assert sample["number"] == "71"
    assert sample["names"] == []


def test_sample_text_is_the_reading_text(sample: dict[str, Any]) -> None:
    text = sample["text"]
    # the editors' side of choice, not the source's
    assert "Archive: News. Pravda. See doc. 78." in text
    assert "ews." not in text.replace("News.", "")
    assert "Truth" not in text
    # supplied words without marks, breaks joined, the source's own brackets kept
    assert "the North Korean expedition can be sent" in text
    assert "This victory not only caused losses." in text
    assert "[zakaleny]" in text and "36,274 [sic] people" in text
    # the restriction instruction is the source's: kept; gaps are the edition's: not
    assert "(do not announce this)" in text
    for apparatus in ("[…]", "characters lost", "text not given", "□"):
        assert apparatus not in text
    # plain normalised text: no markup, no runs of spaces, no space before a stop
    assert "<" not in text and "  " not in text and text == text.strip()
    assert "4473 has the honor" in text
    # words of neighbouring blocks do not run together
    assert "Party 10 December 1953" in text


def test_footnotes_are_notes_not_text(sample: dict[str, Any]) -> None:
    assert sample["notes"] == ["See doc. 68."]
    assert "See doc. 68" not in sample["text"]
    # the back matter (biography, list of documents) is not the body
    assert "LIANG Zhi" not in sample["text"]


NAMED = (SAMPLE.read_text(encoding="utf-8")
         .replace("Dear comrade Khrushchev!", 'Dear comrade <persName '
                  'ref="registers.xml#nikita-khrushchev">Khrushchev</persName>!')
         .replace("Jilin accounted", '<placeName ref="registers.xml#jilin">Ji<choice><sic>l'
                  '</sic><corr resp="#editors">l</corr></choice>in</placeName> accounted')
         .replace("Speech by N.S. Khrushchev.", 'Speech by <persName '
                  'ref="registers.xml#nikita-khrushchev">N.S. Khrushchev</persName>.')
         .replace("<signed>Central", '<signed><orgName ref="parties.xml#ccp">CC</orgName> '
                  "Central"))


def test_names_in_order_of_first_mention_with_preferred_forms() -> None:
    preferred = {"nikita-khrushchev": "Nikita Khrushchev"}
    entry = document_entry(NAMED.encode(), "named.xml", preferred)
    assert entry["names"] == [
        {"id": "nikita-khrushchev", "name": "Nikita Khrushchev", "type": "person"},
        {"id": "jilin", "name": "Jilin", "type": "place"},  # not in the registers: as named
    ]
    # without the registers, each name as the document first prints it
    plain = document_entry(NAMED.encode(), "named.xml")
    assert [n["name"] for n in plain["names"]] == ["Khrushchev", "Jilin"]


def test_register_names_reads_the_preferred_forms() -> None:
    names = register_names((FILES / "registers" / "registers.xml").read_bytes(), "r.xml")
    assert names["dprk"].endswith("Korea")
    assert names["nikita-khrushchev"]
    assert all(v == " ".join(v.split()) and v for v in names.values())


def test_register_names_takes_name_forms_in_the_tei_namespace_only() -> None:
    # a project's own element of the same local name, first in the entry, is no name form
    registers = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:x="urn:x"><text><body>
      <listPerson><person xml:id="p1"><x:persName>Not a name</x:persName>
        <persName>Kim Il Sung</persName></person></listPerson></body></text></TEI>"""
    assert register_names(registers, "r.xml") == {"p1": "Kim Il Sung"}


@pytest.mark.parametrize(("attrs", "kind", "years", "sort"), [
    ('when="1954-01"', "exact", [1954, 1954], "1954-01"),
    ('from="1953" to="1959"', "span", [1953, 1959], "1953"),
    ('notBefore="1967-10-01" notAfter="1967-10-31"', "approximate", [1967, 1967],
     "1967-10-01"),
    ('notBefore="2011"', "approximate", [2011, None], "2011"),
    ('notAfter="1954-05"', "approximate", [None, 1954], "1954-05"),
    ("", "undated", None, ""),
])
def test_dates(attrs: str, kind: str, years: list[int | None] | None, sort: str) -> None:
    tei = SAMPLE.read_text(encoding="utf-8").replace(
        '<creation><date when="1954-01-30">January 30, 1954</date></creation>',
        f"<creation><date {attrs}>as printed</date></creation>")
    entry = document_entry(tei.encode(), "dated.xml")
    assert (entry["date_kind"], entry["years"], entry["sort"]) == (kind, years, sort)
    assert entry["date"] == "as printed"


def test_bad_input_names_the_file() -> None:
    with pytest.raises(EditionError) as caught:
        document_entry(b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><unclosed></TEI>", "bad.xml")
    assert str(caught.value).startswith("bad.xml:1:")
    with pytest.raises(EditionError, match="not a TEI document"):
        document_entry(b"<html/>", "page.xml")


# ----- the script -----


def test_script_is_deterministic_and_sets_the_variable(sample: dict[str, Any]) -> None:
    other = document_entry(NAMED.replace('xml:id="scr-071"', 'xml:id="scr-072"').replace(
        "1954-01-30", "1953-12-01").encode(), "other.xml")
    script = index_script([sample, other])
    assert script == index_script([other, sample]) == index_script([dict(sample), other])
    text = script.decode("ascii")  # every character outside ASCII escaped
    assert text.startswith("/*") and f"\n{PREFIX}{{" in text
    data = script_data(script)
    assert [d["id"] for d in data["documents"]] == ["scr-072", "scr-071"]  # date order
    assert data["sources"] == [sample["source"]]
    assert data["years"] == [1953, 1954]
    assert data["version"] == search.FORMAT_VERSION
    # keys sorted at every level
    assert list(data) == sorted(data)
    assert all(list(d) == sorted(d) for d in data["documents"])
    assert "\\u201c" in text  # “Busu”


def test_an_empty_edition_gives_an_empty_index() -> None:
    assert index_data([]) == {"version": search.FORMAT_VERSION, "documents": [],
                              "sources": [], "years": None, "stems": {}}
    assert script_data(index_script([]))["documents"] == []


def _whole_script(entries: list[dict[str, Any]]) -> bytes:
    """search-index.js as one json.dumps of index_data: what index_script_of must give
    from the records' parts, put together."""
    data = json.dumps(index_data(entries), sort_keys=True, ensure_ascii=True,
                      separators=(",", ":"))
    head = index_script([]).decode("ascii").split(PREFIX)[0]
    return f"{head}{PREFIX}{data};\n".encode("ascii")


def test_the_script_from_parts_is_the_script_of_the_whole(sample: dict[str, Any]) -> None:
    other = dict(sample, id="b", sort="", years=None, number="12", source="Other",
                 title="Détente «naïve» 東京", notes=["Runnings and ruined"])
    undated = dict(sample, id="a", sort="", years=None, number="3", source="")
    for entries in ([sample, other, undated], [undated, other], [other], []):
        assert index_script(entries) == _whole_script(entries)
    assert search.stems([sample, other]) == {**search.document_stems(sample),
                                             **search.document_stems(other)}


# ----- the edition's own TEI -----


@needs_tei
def test_the_edition_script_from_parts_is_the_script_of_the_whole(
        project_entries: list[dict[str, Any]]) -> None:
    assert index_script(project_entries) == _whole_script(project_entries)


@needs_tei
def test_every_document_of_the_edition_has_a_record(
        project_entries: list[dict[str, Any]]) -> None:
    assert [e["id"] for e in project_entries] == [p.stem for p in PROJECT_TEI]
    for entry in project_entries:
        assert entry["title"] and entry["source"], entry["id"]
        assert entry["text"] or entry["notes"], entry["id"]
        assert entry["text"] == " ".join(entry["text"].split()), entry["id"]
    data = script_data(index_script(project_entries))
    assert len(data["documents"]) == 40
    assert [d["sort"] for d in data["documents"]] == sorted(d["sort"] for d in data["documents"])
    assert data["years"] == [1953, 2011]


@needs_tei
def test_the_edition_corrections_are_in_reading_form(
        project_entries: list[dict[str, Any]]) -> None:
    by_id = {e["id"]: e for e in project_entries}
    corrections = 0
    for path in PROJECT_TEI:
        tree = etree.parse(str(path))
        entry = by_id[path.stem]
        words = entry["text"] + " " + " ".join(entry["notes"])
        for choice in tree.iterfind(f".//{TEI}body//{TEI}choice"):
            editors = next(c for c in choice if c.tag in (TEI + "corr", TEI + "reg"))
            assert " ".join("".join(editors.itertext()).split()) in words, path.name
            corrections += 1
    assert corrections >= 20
    everything = " ".join(e["text"] + " " + " ".join(e["notes"]) for e in project_entries)
    for misprint in ("reconstrution", "DRPK", "FurtsevaE"):
        assert misprint not in everything
    for corrected in ("reconstruction", "DPRK", "Furtseva E.A."):
        assert corrected in everything


@needs_tei
def test_the_edition_records_name_the_registers(
        project_entries: list[dict[str, Any]]) -> None:
    kirov = next(e for e in project_entries if e["id"] == "scr-070")
    assert {"id": "kirov-plant", "name": "Kirov Plant", "type": "org"} in kirov["names"]
    assert "Kirov Plant" in kirov["text"]
    undated = next(e for e in project_entries if e["id"] == "nkidp-edossier-16")
    assert undated["date_kind"] == "approximate" and undated["years"] == [2011, None]
    assert undated["notes"], "the e-dossier's endnotes"


# ----- the two pages -----


def timeline_items(data: bytes) -> list[html.HtmlElement]:
    return list(page(data).xpath("//li[contains(@class, 'tl-item')]"))


@pytest.mark.parametrize(("corpus", "count"), [(TEST_CORPUS, 6), (TEI_CORPUS, 40)],
                         ids=["test-corpus", "tei-corpus"])
def test_site_pages_render(renderer: Renderer, corpus: Path, count: int) -> None:
    if corpus == TEI_CORPUS and len(PROJECT_TEI) != 40:
        pytest.skip("tei/ does not hold the 40 documents of the edition")
    pages = renderer.render_site_pages(corpus.read_bytes(), str(corpus))
    assert sorted(pages) == ["search.html", "timeline.html"]
    assert renderer.take_warnings() == []
    for data in pages.values():
        assert data.startswith(b"<!DOCTYPE html>")
        tree = page(data)
        assert len(tree.xpath("//h1")) == 1
        ids = tree.xpath("//@id")
        assert len(ids) == len(set(ids)), "ids are unique"
        for url in tree.xpath("//link/@href | //script/@src"):
            assert not re.match(r"^(https?:)?//", url), url
    # the search page: the form, hidden until the script shows it; the plain list
    form = page(pages["search.html"]).get_element_by_id("search-form")
    assert form.get("hidden") is not None and form.get("action") == "search.html"
    assert [e.get("name") for e in form.xpath(".//input | .//select")] == [
        "q", "source", "from", "to", "person", "place", "org"]
    sources = form.xpath(".//select[@name='source']/option/@value")
    assert sources[0] == "" and len(sources) == len(set(sources)) > 1
    static = page(pages["search.html"]).get_element_by_id("search-static")
    assert "needs JavaScript" in static.text_content()
    assert len(static.xpath(".//ol/li/a[starts-with(@href, 'reading/')]")) == count
    scripts = page(pages["search.html"]).xpath("//script/@src")
    assert "search-index.js" in scripts and "assets/search.js" in scripts
    # the timeline: every document once, in the order of its date
    timeline = page(pages["timeline.html"])
    items = timeline_items(pages["timeline.html"])
    assert len(items) == count
    exact = [i.get("data-sort") for i in items if "tl-kind-exact" in i.get("class")]
    assert exact == sorted(exact) and len(exact) >= count - 2
    for section in timeline.xpath("//li[contains(@class, 'tl-section')]"):
        keys = section.xpath(".//li/@data-sort")
        assert keys == sorted(keys), section.get("id")
    if corpus == TEI_CORPUS:  # one uncertain date only, and that the latest
        keys = [item.get("data-sort") for item in items]
        assert keys == sorted(keys)
    links = [item.xpath(".//p[@class='tl-title']/a/@href")[0] for item in items]
    assert len(set(links)) == count
    assert all(re.fullmatch(r"reading/[\w.-]+\.html", link) for link in links)


def test_timeline_places_uncertain_dates_honestly(renderer: Renderer) -> None:
    timeline = page(renderer.render_site_pages(TEST_CORPUS.read_bytes())["timeline.html"])
    heads = [" ".join(h.text_content().split()) for h in timeline.xpath("//h2")]
    assert heads == ["1953 · 1 document", "1953–1959 · 1 document", "1954 · 3 documents",
                     "1967 · 1 document"]
    months = [h.text_content() for h in timeline.xpath("//h3")]
    assert months == ["December 1953", "January 1954", "September 1954", "October 1967"]

    def item(doc_id: str) -> html.HtmlElement:
        found: html.HtmlElement = timeline.xpath(f"//li[@data-id='{doc_id}']")[0]
        return found

    span = item("nkidp-edossier-16")
    assert "tl-kind-span" in span.get("class")
    assert "a span: from 1953 to 1959" in span.text_content()
    october = item("avprf-0102-23-112-24")
    assert "tl-kind-approximate" in october.get("class")
    assert ("approximate: between 1 October 1967 and 31 October 1967"
            in october.text_content())
    exact = item("scr-070")
    assert exact.xpath(".//time/@datetime") == ["1954-01-05"]
    assert not exact.xpath(".//*[@class='tl-precision']")
    assert "No. 70" in exact.text_content()
    # the years without documents are said, counting the span's years as covered
    gaps = [g.text_content().strip() for g in timeline.xpath("//li[@class='tl-gap']")]
    assert gaps == ["No documents from 1960 to 1966"]


@needs_tei
def test_timeline_of_the_edition(renderer: Renderer) -> None:
    timeline = page(renderer.render_site_pages(TEI_CORPUS.read_bytes())["timeline.html"])
    years = [a.text_content() for a in timeline.xpath("//nav[@class='tl-years']//a")]
    assert years == ["1953 (1)", "1954 (36)", "1959 (1)", "1967 (1)", "2011 or later (1)"]
    undated = timeline.xpath("//li[@data-id='nkidp-edossier-16']")[0]
    assert "approximate: not before 2011" in undated.text_content()
    assert undated.xpath("ancestor::li[@id='y2011-later']")
    assert timeline.xpath("//li[@data-id]")[-1] is undated


@pytest.mark.parametrize("variant", [
    ("<date when=\"1954-01-05\">January 5, 1954</date>", "<date>sometime</date>"),
    ("<date when=\"1954-01-05\">January 5, 1954</date>", ""),
])
def test_timeline_undated_come_last(renderer: Renderer, variant: tuple[str, str]) -> None:
    corpus = TEST_CORPUS.read_text(encoding="utf-8").replace(*variant)
    timeline = page(renderer.render_site_pages(corpus.encode())["timeline.html"])
    last = timeline.xpath("//li[contains(@class, 'tl-section')]")[-1]
    assert last.get("id") == "undated"
    assert last.xpath(".//li/@data-id") == ["scr-070"]
    assert "tl-kind-undated" in last.xpath(".//li")[0].get("class")


def test_unknown_markup_in_the_corpus_warns(renderer: Renderer) -> None:
    corpus = TEST_CORPUS.read_text(encoding="utf-8").replace(
        "Note of the USSR Embassy", "Note of the <seg>USSR</seg> Embassy")
    pages = renderer.render_site_pages(corpus.encode(), "corpus.xml")
    warnings = renderer.take_warnings()
    assert len(warnings) == 1  # one line for the element, in both pages
    assert warnings[0].startswith("corpus.xml:20:0: warning: unhandled element <seg>")
    assert warnings[0].endswith("(and 1 more <seg> elements)")
    for data in pages.values():
        assert "Note of the USSR Embassy" in page(data).text_content()


def test_new_stylesheets_are_compiled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    original = Renderer._compile

    def counting(self: Renderer, name: str) -> object:
        compiled.append(name)
        return original(self, name)

    monkeypatch.setattr(Renderer, "_compile", counting)
    renderer = Renderer()
    for _ in range(3):
        renderer.render_site_pages(TEST_CORPUS.read_bytes())
    assert compiled.count("pages") == 1  # (both pages in xslt/pages.xsl, with the others)
    assert "search" not in compiled and "timeline" not in compiled


def test_every_page_links_to_search_and_timeline(renderer: Renderer) -> None:
    pages = dict(renderer.render_document(SAMPLE.read_bytes(), "sample.xml"))
    pages.update(renderer.render_index(TEST_CORPUS.read_bytes()))
    pages.update(renderer.render_site_pages(TEST_CORPUS.read_bytes()))
    pages.update(renderer.render_registers((FILES / "registers" / "registers.xml").read_bytes()))
    for name, data in pages.items():
        if not name.endswith(".html"):
            continue
        root = "../" if "/" in name else ""
        links = page(data).xpath("//ul[@class='site-links']//a")
        hrefs = [a.get("href") for a in links]
        assert f"{root}timeline.html" in hrefs and f"{root}search.html" in hrefs, name
        assert f"{root}persons.html" in hrefs, "the links that were there stay"
        current = [a.get("href") for a in links if a.get("aria-current") == "page"]
        if name in ("search.html", "timeline.html"):
            assert current == [name]


# ----- the render step -----


@pytest.fixture()
def small_tei(tmp_path: Path) -> Path:
    """A tei/ folder of three documents with its corpus and registers."""
    tei = tmp_path / "tei"
    tei.mkdir()
    shutil.copy(SAMPLE, tei / "scr-071.xml")
    (tei / "scr-072.xml").write_text(NAMED.replace('xml:id="scr-071"', 'xml:id="scr-072"'),
                                     encoding="utf-8")
    (tei / "scr-073.xml").write_text(SAMPLE.read_text(encoding="utf-8").replace(
        'xml:id="scr-071"', 'xml:id="scr-073"').replace("manpower", "grasshopper"),
        encoding="utf-8")
    shutil.copy(TEST_CORPUS, tei / "corpus.xml")
    shutil.copy(FILES / "registers" / "registers.xml", tei / "registers.xml")
    return tei


def test_render_writes_the_search_index_and_pages(small_tei: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    report = build.render(small_tei, out)
    assert report.problems == [] and report.warnings == []
    for name in ("search.html", "timeline.html", "search-index.js", "assets/search.js"):
        assert (out / name).is_file(), name
    data = script_data((out / "search-index.js").read_bytes())
    assert sorted(d["id"] for d in data["documents"]) == ["scr-071", "scr-072", "scr-073"]
    named = next(d for d in data["documents"] if d["id"] == "scr-072")
    preferred = register_names((small_tei / "registers.xml").read_bytes(), "r")
    assert named["names"][0]["name"] == preferred["nikita-khrushchev"]


def _documents_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the TEI files the search stage reads from now on, as it reads them."""
    read: list[str] = []
    original = search_stage.document_entry

    def counting(tei: bytes, source_name: str, *args: Any) -> dict[str, Any]:
        read.append(Path(source_name).name)
        return original(tei, source_name, *args)

    monkeypatch.setattr(search_stage, "document_entry", counting)
    return read


def test_a_second_render_reads_only_changed_documents(
        small_tei: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    build.render(small_tei, out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    read = _documents_read(monkeypatch)
    build.render(small_tei, out)
    assert read == []
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    changed = small_tei / "scr-073.xml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("grasshopper", "cricket"),
                       encoding="utf-8")
    build.render(small_tei, out)
    assert read == ["scr-073.xml"]
    text = (out / "search-index.js").read_text(encoding="ascii")
    assert "cricket" in text and "grasshopper" not in text
    # a change to the registers file that leaves every preferred name as it was (its
    # lists of mentions change when a document names an entry once more) reads none
    registers = small_tei / "registers.xml"
    index = (out / "search-index.js").read_bytes()
    registers.write_text(registers.read_text(encoding="utf-8").replace(
        "<note>First Secretary", "<note>The First Secretary"), encoding="utf-8")
    read.clear()
    build.render(small_tei, out)
    assert read == [] and (out / "search-index.js").read_bytes() == index
    # an entry added (as the annotator proposes one) that no document names: none read
    registers.write_text(registers.read_text(encoding="utf-8").replace(
        "<listPerson>", '<listPerson><person xml:id="ann-new" cert="low"><persName '
        'type="preferred">Ann New</persName></person>', 1), encoding="utf-8")
    build.render(small_tei, out)
    assert read == [] and (out / "search-index.js").read_bytes() == index
    # a preferred name changed: the documents that name the entry are read again, and
    # give the new name
    registers.write_text(registers.read_text(encoding="utf-8").replace(
        ">Nikita Khrushchev<", ">Nikita S. Khrushchev<"), encoding="utf-8")
    build.render(small_tei, out)
    assert sorted(read) == ["scr-072.xml"]  # (the one of the three that names him)
    assert "Nikita S. Khrushchev" in (out / "search-index.js").read_text(encoding="ascii")
    scratch = tmp_path / "scratch"
    build.render(small_tei, scratch)
    assert (out / "search-index.js").read_bytes() == (scratch / "search-index.js").read_bytes()


def test_a_broken_document_is_reported_once_and_left_out(small_tei: Path,
                                                         tmp_path: Path) -> None:
    (small_tei / "scr-073.xml").write_text("<TEI", encoding="utf-8")
    report = build.render(small_tei, tmp_path / "site")
    assert [Path(p.path).name for p in report.problems] == ["scr-073.xml"]
    data = script_data((tmp_path / "site" / "search-index.js").read_bytes())
    assert [d["id"] for d in data["documents"]] == ["scr-071", "scr-072"]


def _site_files(out: Path) -> dict[str, bytes]:
    """The site's files by path, but its caches."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(out).parts}


def test_only_a_changed_document_is_stemmed_and_the_index_is_as_from_scratch(
        small_tei: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    build.render(small_tei, out)
    stemmed: list[str] = []
    original = search.document_stems

    def counting(entry: Any) -> dict[str, str]:
        stemmed.append(entry["id"])
        return original(entry)

    monkeypatch.setattr(search, "document_stems", counting)
    changed = small_tei / "scr-073.xml"
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "grasshopper", "grasshoppers running"), encoding="utf-8")
    build.render(small_tei, out)
    assert stemmed == ["scr-073"]
    stems = script_data((out / "search-index.js").read_bytes())["stems"]
    assert stems["running"] == "run" and stems["grasshoppers"] == "grasshopp"
    scratch = tmp_path / "scratch"
    build.render(small_tei, scratch)
    assert (out / "search-index.js").read_bytes() == (scratch / "search-index.js").read_bytes()
    # a change that does not alter the index leaves the file alone
    before = (out / "search-index.js").stat().st_mtime_ns
    stemmed.clear()
    build.render(small_tei, out)
    assert stemmed == [] and (out / "search-index.js").stat().st_mtime_ns == before


def test_a_removed_document_leaves_the_index(small_tei: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build.render(small_tei, out)
    (small_tei / "scr-073.xml").unlink()
    build.render(small_tei, out)
    data = script_data((out / "search-index.js").read_bytes())
    assert [d["id"] for d in data["documents"]] == ["scr-071", "scr-072"]
    assert "grasshopp" not in json.dumps(data["stems"])  # its words went with it
    scratch = tmp_path / "scratch"
    build.render(small_tei, scratch)
    assert (out / "search-index.js").read_bytes() == (scratch / "search-index.js").read_bytes()


def test_a_lost_or_altered_part_is_made_again_from_its_document(
        small_tei: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each document's part is a file of its own, read back when the index is written
    in full (the parts are never all held); one whose bytes were lost or changed is made
    again from its document, and the index is as from scratch. While the index written
    last is there as it was written, an unchanged document's record is cut from it, and
    its part not even read."""
    out = tmp_path / "site"
    build.render(small_tei, out)
    parts = out / search_stage.PARTS_DIR
    assert sorted(p.name for p in parts.iterdir()) == [
        "scr-071.xml.json", "scr-072.xml.json", "scr-073.xml.json"]
    (parts / "scr-072.xml.json").unlink()
    altered = parts / "scr-073.xml.json"
    altered.write_text(altered.read_text(encoding="ascii").replace("grasshopp", "elephant"),
                       encoding="ascii")
    read = _documents_read(monkeypatch)
    changed = small_tei / "scr-071.xml"  # so that the index is written again
    changed.write_text(changed.read_text(encoding="utf-8").replace("manpower", "horsepower"),
                       encoding="utf-8")
    build.render(small_tei, out)
    # the lost part is seen to be missing; the altered one's record is cut from the
    # index written last, as the other unchanged documents' would be
    assert sorted(read) == ["scr-071.xml", "scr-072.xml"]
    scratch = tmp_path / "scratch"
    build.render(small_tei, scratch)
    assert (out / "search-index.js").read_bytes() == (scratch / "search-index.js").read_bytes()
    read.clear()
    (out / "search-index.js").unlink()  # now every part is read: the altered one made again
    build.render(small_tei, out)
    assert sorted(read) == ["scr-073.xml"]
    assert (out / "search-index.js").read_bytes() == (scratch / "search-index.js").read_bytes()
    assert b"elephant" not in (out / "search-index.js").read_bytes()
    (small_tei / "scr-072.xml").unlink()  # a removed document's part goes too
    build.render(small_tei, out)
    assert sorted(p.name for p in parts.iterdir()) == ["scr-071.xml.json", "scr-073.xml.json"]


def _index_now(tei: Path, out: Path) -> bytes:
    problems: list[EditionError] = []
    search_stage.search_index(tei, out, search_stage.Digests(), problems)
    assert problems == []
    return (out / search.SCRIPT_NAME).read_bytes()


def test_an_index_put_together_from_the_last_one_is_the_index_from_scratch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After each change (words with stems of their own added, then taken out again; a
    document gone, one come, one moved in the order by its date) the index put together
    from the last one is byte for byte the index made from scratch, and only the parts
    of the documents that changed were read."""
    from edition.stages.common import document_files

    tei = tmp_path / "tei"
    tei.mkdir()
    names = [p.name for p in document_files(paths.TEI_DIR)][:8]
    for name in (*names, "registers.xml"):
        shutil.copy(paths.TEI_DIR / name, tei / name)
    out = tmp_path / "site"
    _index_now(tei, out)
    loaded: list[str] = []
    original = search_stage._Parts._load

    def load(self: Any, name: str, digest: str) -> Any:
        loaded.append(name)
        return original(self, name, digest)

    monkeypatch.setattr(search_stage._Parts, "_load", load)
    first, second = tei / names[0], tei / names[1]
    text = first.read_text(encoding="utf-8")
    moved = second.read_text(encoding="utf-8")
    created = moved.index("<creation")  # the document's date: where it goes in the index
    body = text.index("<body")
    assert "</p>" in text[body:] and "<date" in moved[created:]
    steps = [
        ("words added", lambda: first.write_text(text[:body] + text[body:].replace(
            "</p>", " zorblings flumpingly quixotically</p>", 1), encoding="utf-8")),
        ("words taken out", lambda: first.write_text(text, encoding="utf-8")),
        ("a document gone", lambda: (tei / names[2]).unlink()),
        ("a document come", lambda: shutil.copy(paths.TEI_DIR / names[2], tei / names[2])),
        ("a document moved", lambda: second.write_text(
            moved[:created] + re.sub(r"<date[^>]*>", '<date when="1901-02-03">',
                                     moved[created:], count=1), encoding="utf-8")),
    ]
    for number, (label, change) in enumerate(steps):
        before = (out / search.SCRIPT_NAME).read_bytes()
        change()
        loaded.clear()
        spliced = _index_now(tei, out)
        unchanged = set(names) - {first.name, second.name, names[2]}
        assert not unchanged & set(loaded), (label, loaded)
        assert spliced != before, label
        assert spliced == _index_now(tei, tmp_path / f"scratch{number}"), label
    assert b"zorbl" not in (out / search.SCRIPT_NAME).read_bytes()


def test_an_index_whose_changed_record_lost_its_part_is_written_in_full(
        small_tei: Path, tmp_path: Path) -> None:
    """A changed document whose old part is gone (its words cannot be counted out of the
    stems): the index is written from every part, and is the index from scratch."""
    out = tmp_path / "site"
    _index_now(small_tei, out)
    changed = small_tei / "scr-071.xml"
    layout = json.loads((out / search_stage.INDEX_STATE).read_text(encoding="utf-8"))["layout"]
    assert set(layout["spans"]) == {"scr-071.xml", "scr-072.xml", "scr-073.xml"}
    (out / search_stage.PARTS_DIR / "scr-071.xml.json").write_text("[]", encoding="ascii")
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "manpower", "horsepower"), encoding="utf-8")
    assert _index_now(small_tei, out) == _index_now(small_tei, tmp_path / "scratch")


def test_a_kept_layout_that_is_not_one_has_the_index_written_in_full(
        small_tei: Path, tmp_path: Path) -> None:
    """The stage's state with a layout whose stem counts are not counts (a damaged state
    file): the index is written from every part, and is the index from scratch."""
    out = tmp_path / "site"
    _index_now(small_tei, out)
    state_path = out / search_stage.INDEX_STATE
    state = json.loads(state_path.read_text(encoding="utf-8"))
    state["layout"]["stems"] = {"word": "not a count"}
    state_path.write_text(json.dumps(state), encoding="utf-8")
    changed = small_tei / "scr-071.xml"
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "manpower", "horsepower"), encoding="utf-8")
    assert _index_now(small_tei, out) == _index_now(small_tei, tmp_path / "scratch")


def test_fields_side_by_side_and_a_word_broken_over_lines_are_searchable() -> None:
    """Another project's fields printed without a space between them are words apart
    ("Aleppo 36.2", "First Reaper Hail"), and a word broken over two lines (lb
    break="no") one word ("Salisbury")."""
    tei = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
           "<title>T</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc>"
           "<p/></sourceDesc></fileDesc></teiHeader><text><body><p>At Sal\n"
           '  <lb break="no"/>\n  isbury, <placeName>Aleppo<geo>36.2 37.1</geo></placeName></p>'
           "<sp><speaker>First Reaper</speaker><l>Hail</l></sp></body></text></TEI>")
    text = document_entry(tei.encode(), "other.xml")["text"]
    assert "At Salisbury, Aleppo 36.2 37.1" in text and "First Reaper Hail" in text
