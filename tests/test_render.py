"""The publication stage: TEI to HTML through the XSLT 3.0 stylesheets (edition/render.py).

The central invariant: every word of a document's TEI ``text`` reaches the
``<main>`` of its diplomatic page, in order. Two readings of "every word" follow the
encoding contract (docs/encoding.md): the editors' side of a ``choice`` (``corr``,
``reg``, ``expan``) is the reading view's business, the diplomatic view shows the
source's side; and a footnote's words are checked where the diplomatic view prints
them, after the text (the note list), rather than at the anchor. Text the edition adds
(elements with the class ``apparatus``) does not count as a source word.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree, html

from edition import paths
from edition.errors import EditionError
from edition.render import Renderer
from edition.site_assets import assets

FILES = Path(__file__).parent / "files"
SAMPLE = FILES / "sample.xml"
CORPUS = FILES / "render" / "corpus.xml"
REFERENCE = paths.ROOT.parent / "shared" / "reference"
FRUS = REFERENCE / "frus" / "frus1894Nicaragua.xml"
SCHNITZLER = sorted((REFERENCE / "tei-samples" / "schnitzler").glob("*.xml"))
PROJECT_TEI = sorted(p for p in paths.TEI_DIR.glob("*.xml")
                     if p.name not in ("corpus.xml", "registers.xml"))

TEI = "{http://www.tei-c.org/ns/1.0}"
EDITORS_SIDE = {TEI + "corr", TEI + "reg", TEI + "expan"}


# ----- helpers -----


def is_listed_note(note: etree._Element) -> bool:
    """A note the views gather in the list of notes (the rule of xslt/functions.xsl)."""
    return not (
        note.get("place") in ("inline", "top")
        or note.get("rend") == "inline"
        or note.get("type") in ("restriction", "source")
    )


def source_text(element: etree._Element, skip: set[etree._Element]) -> str:
    """The string value of ``element`` without the listed notes in ``skip`` and without
    the editors' side of a choice."""
    parts: list[str] = []

    def walk(e: etree._Element) -> None:
        if e.text:
            parts.append(e.text)
        for child in e:
            if isinstance(child.tag, str) and child not in skip and not (
                e.tag == TEI + "choice" and child.tag in EDITORS_SIDE
            ):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", " ".join(text.split()))


def expected_words(tei: bytes) -> list[str]:
    """The words of the TEI text in the order of the diplomatic page: the text, then
    each listed note."""
    text = etree.fromstring(tei).find(TEI + "text")
    assert text is not None
    notes = [n for n in text.iter(TEI + "note") if is_listed_note(n)]
    # the diplomatic list follows the order printed, which the ids "…-nK" record
    printed = [re.search(r"-n(\d+)$", n.get("{http://www.w3.org/XML/1998/namespace}id", ""))
               for n in notes]
    order = [int(m.group(1)) if m else i for i, m in enumerate(printed)]
    notes = [n for _, n in sorted(zip(order, notes, strict=True), key=lambda pair: pair[0])]
    skip = set(notes)
    sequence = words(source_text(text, skip))
    for note in notes:
        sequence += words(source_text(note, skip))
    return sequence


def page_tree(page: bytes) -> html.HtmlElement:
    return html.fromstring(page)


def main_words(page: bytes) -> str:
    """The word characters of ``<main>`` without the apparatus, run together (so that an
    added space, bracket or sign between two words does not matter)."""
    main = page_tree(page).find(".//main")
    assert main is not None, "the page has no <main>"
    for element in main.xpath(
        ".//*[contains(concat(' ', normalize-space(@class), ' '), ' apparatus ')]"
    ):
        element.drop_tree()
    return "".join(re.findall(r"\w+", main.text_content()))


def first_missing(sequence: list[str], flat: str) -> str | None:
    """None when every word of ``sequence`` occurs in ``flat`` in order; else where not."""
    position = 0
    for index, word in enumerate(sequence):
        found = flat.find(word, position)
        if found < 0:
            context = " ".join(sequence[max(0, index - 6): index + 6])
            return f"word {index} {word!r} is missing (around: {context})"
        position = found + len(word)
    return None


def classes(element: html.HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


def by_class(page: bytes, name: str) -> list[html.HtmlElement]:
    return list(
        page_tree(page).xpath(
            f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
        )
    )


def text_of(page: bytes) -> str:
    return " ".join(page_tree(page).text_content().split())


def duplicate_ids(page: bytes) -> list[str]:
    counts = Counter(page_tree(page).xpath("//@id"))
    return [i for i, n in counts.items() if n > 1]


def dangling_fragments(page: bytes) -> list[str]:
    tree = page_tree(page)
    ids = set(tree.xpath("//@id"))
    return sorted({h[1:] for h in tree.xpath("//a/@href") if h.startswith("#")} - ids)


# ----- fixtures -----


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


@pytest.fixture(scope="module")
def sample_pages(renderer: Renderer) -> dict[str, bytes]:
    return renderer.render_document(SAMPLE.read_bytes(), str(SAMPLE))


@pytest.fixture(scope="module")
def reading(sample_pages: dict[str, bytes]) -> bytes:
    return sample_pages["reading/scr-071.html"]


@pytest.fixture(scope="module")
def diplomatic(sample_pages: dict[str, bytes]) -> bytes:
    return sample_pages["diplomatic/scr-071.html"]


@pytest.fixture(scope="module")
def index(renderer: Renderer) -> bytes:
    return renderer.render_index(CORPUS.read_bytes(), str(CORPUS))["index.html"]


# ----- pages and links -----


def test_both_views_and_the_tei_are_produced(sample_pages: dict[str, bytes]) -> None:
    assert set(sample_pages) == {
        "reading/scr-071.html", "diplomatic/scr-071.html", "tei/scr-071.xml",
    }
    assert sample_pages["tei/scr-071.xml"] == SAMPLE.read_bytes()


@pytest.mark.parametrize("view, other", [("reading", "diplomatic"), ("diplomatic", "reading")])
def test_page_shell_and_links(sample_pages: dict[str, bytes], view: str, other: str) -> None:
    page = sample_pages[f"{view}/scr-071.html"]
    assert page.startswith(b"<!DOCTYPE html>")
    tree = page_tree(page)
    assert tree.get("lang") == "en"
    assert tree.xpath("//meta[@name='viewport']/@content")
    assert "Note of the USSR Embassy" in tree.findtext(".//title", "")
    assert tree.xpath("//link[@rel='stylesheet']/@href") == ["../assets/edition.css"]
    hrefs = tree.xpath("//a/@href")
    assert f"../{other}/scr-071.html" in hrefs
    assert "../tei/scr-071.xml" in hrefs
    assert "../index.html" in hrefs
    switch = tree.xpath(f"//a[contains(@class, 'view-link')][@data-view='{other}']/@href")
    assert switch == [f"../{other}/scr-071.html"]
    # landmarks and a skip link to the text
    assert tree.xpath("//a[contains(@class, 'skip-link')]/@href") == ["#main"]
    assert tree.xpath("//main[@id='main']") and tree.xpath("//header") and tree.xpath("//nav")
    assert len(tree.xpath("//h1")) == 1
    assert not duplicate_ids(page)
    assert not dangling_fragments(page)


def test_no_external_resources(sample_pages: dict[str, bytes], index: bytes) -> None:
    for page in (*sample_pages.values(), index):
        tree = page_tree(page) if page.startswith(b"<!DOCTYPE") else None
        if tree is None:
            continue
        for url in tree.xpath("//link/@href | //script/@src | //img/@src"):
            assert not re.match(r"^(https?:)?//", url), url


def test_assets_are_offline() -> None:
    files = assets()
    assert {"assets/edition.css", "assets/edition.js"} <= set(files)
    for name, data in files.items():
        text = data.decode("utf-8")
        assert not re.search(r"https?://|@import|url\(", text), name


# ----- the diplomatic view -----


def test_diplomatic_shows_the_source(diplomatic: bytes) -> None:
    text = text_of(diplomatic)
    for printed in ("[North]", "[...]", "□□", "ews.", "Truth", "[zakaleny]", "36,274 [sic]",
                    '"Events in China have seriously alarmed the Korean leadership"',
                    "(do not announce this)", "doc. 68", "doc. 78", "71.",
                    "A source: Soviet-Chinese relations.", "Archive: AVPRF.",
                    "(Long Speech- Link)"):
        assert printed in text, printed
    main = page_tree(diplomatic).find(".//main")
    assert main is not None
    main_text = " ".join(main.text_content().split())
    for edited in ("News.", "Pravda", "[2 characters lost]", "not in this edition",
                   "[text not given in the source]", "“Events"):
        assert edited not in main_text, edited


def test_diplomatic_footnote_signs_as_printed(diplomatic: bytes) -> None:
    tree = page_tree(diplomatic)
    signs = tree.xpath("//a[contains(@class, 'fn-sign')]")
    assert [s.text_content() for s in signs] == ["*", "1"]
    assert signs[0].get("href") == "#fn-scr-071-n1"
    notes = tree.xpath("//section[contains(@class, 'notes')]//li")
    assert [" ".join(li.text_content().split()) for li in notes] == [
        "* See doc. 68.",
        "1 See Zhou Mingwei, Shanghai waishi zhi (1999), 439-440.",
    ]
    assert notes[0].xpath(".//a/@href")[0] == "#fnref-scr-071-n1"


def test_diplomatic_shows_the_break(diplomatic: bytes) -> None:
    assert b'victory<span class="source-break"' in diplomatic
    assert by_class(diplomatic, "source-break")


def test_every_word_reaches_the_diplomatic_main(diplomatic: bytes) -> None:
    assert first_missing(expected_words(SAMPLE.read_bytes()), main_words(diplomatic)) is None


def test_the_word_check_notices_a_lost_word(diplomatic: bytes) -> None:
    damaged = diplomatic.replace(b"Korean expedition", b"expedition")
    assert first_missing(expected_words(SAMPLE.read_bytes()), main_words(damaged))


def test_apparatus_is_marked(diplomatic: bytes) -> None:
    main = page_tree(diplomatic).find(".//main")
    assert main is not None
    assert "apparatus" in classes(main.xpath(".//h1/..")[0])
    assert main.xpath(".//details[contains(@class, 'apparatus')]//dt")


# ----- the reading view -----


def test_reading_shows_the_edition(reading: bytes) -> None:
    main = page_tree(reading).find(".//main")
    assert main is not None
    text = " ".join(main.text_content().split())
    for shown in ("News.", "Pravda", "[2 characters lost]", "[…]",
                  "[text not given in the source]", "This victory not only caused",
                  "36,274 [sic]", "“Events in China have seriously alarmed the Korean leadership”"):
        assert shown in text, shown
    for hidden in ("Archive: ews.", " Truth.", "[North]", "□", "[...]"):
        assert hidden not in text, hidden
    supplied = by_class(reading, "supplied")
    assert [s.text_content() for s in supplied] == ["North"]
    assert by_class(reading, "gap-omitted")[0].get("title") == "omitted in the source"
    corr = by_class(reading, "corr")[0]
    pop = page_tree(reading).get_element_by_id(corr.get("aria-describedby"))
    assert "The source reads “ews.”" in pop.text_content()
    assert [f.text_content() for f in by_class(reading, "foreign")] == ["zakaleny"]
    assert "[zakaleny]" in text


def test_reading_marks_restricted_passages(reading: bytes) -> None:
    tree = page_tree(reading)
    marks = tree.xpath("//mark[contains(@class, 'restricted')]")
    assert len(marks) == 1
    assert "northern Korea lost one-fifth of its manpower" in marks[0].text_content()
    assert marks[0].get("id") == "scr-071-r1"
    assert "do not announce this" in marks[0].get("title", "")
    label = by_class(reading, "restriction-label")[0]
    assert "(do not announce this)" in label.text_content()
    assert "restricted" in label.text_content()


def test_reading_references(reading: bytes) -> None:
    tree = page_tree(reading)
    assert tree.xpath("//a[@href='scr-078.html']/text()") == ["doc. 78"]
    unresolved = by_class(reading, "ref-unresolved")
    assert unresolved and all("not in this edition" in u.text_content() for u in unresolved)


def test_reading_footnotes_are_readable_in_place(reading: bytes) -> None:
    tree = page_tree(reading)
    markers = tree.xpath("//a[contains(@class, 'fn-ref')]")
    assert [" ".join(m.text_content().split()) for m in markers] == ["Note 1", "Note 2"]
    first = markers[0]
    popover = tree.get_element_by_id(first.get("aria-describedby"))
    assert "See doc. 68" in popover.text_content()
    assert popover.getparent() is first.getparent()          # beside the marker
    assert first.get("href") == "#fn-scr-071-n1"
    item = tree.get_element_by_id("fn-scr-071-n1")
    assert item.tag == "li" and item.getparent().tag == "ol"
    assert item.xpath(".//a[@href='#fnref-scr-071-n1']")
    assert "*" in by_class(reading, "printed-sign")[0].text_content()


def test_reading_metadata_block(reading: bytes) -> None:
    tree = page_tree(reading)
    rows = {
        " ".join(dt.text_content().split()): " ".join(
            dt.getnext().text_content().split())
        for dt in tree.xpath("//dl[contains(@class, 'metadata-list')]//dt")
    }
    assert rows["Date"].startswith("January 30, 1954")
    assert rows["Translated by"] == "Jeffrey Wang"
    assert rows["Funders"] == "Leon Levy Foundation"
    assert rows["Archive"] == "AVPRF, F. 179. Op. 34. P. 19. D. 1. L. 4."
    assert rows["Pages"] == "85-89"
    assert rows["Collection"].startswith("Soviet-Chinese relations. 1952-1955")
    assert "Russian" in rows["Languages"]
    assert rows["Summary"] == "The Embassy answers about an anti-locust expedition."
    assert rows["Rights"] == "Reuse for research and education."
    assert rows["Source URL"] == "https://digitalarchive.wilsoncenter.org/document/114169"
    assert rows["Seed file"] == "001_ecd8dfa2c3ac5ef4.txt"
    cite = by_class(reading, "cite")[0].text_content()
    assert "reading/scr-071.html" in cite and "Cold War Documents Edition" in cite


# ----- the list of documents -----


def test_index_lists_documents_by_date(index: bytes) -> None:
    tree = page_tree(index)
    assert index.startswith(b"<!DOCTYPE html>")
    assert tree.xpath("//link[@rel='stylesheet']/@href") == ["assets/edition.css"]
    rows = tree.xpath("//table[contains(@class, 'doc-table')]/tbody/tr")
    order = [r.xpath(".//td[contains(@class, 'col-title')]/a/@href")[0] for r in rows]
    assert order == [
        "reading/nkidp-edossier-16.html",      # 1953-1959, sorted by its start
        "reading/wcda-114169.html",            # 1953-12-10
        "reading/scr-070.html",
        "reading/scr-071.html",
        "reading/scr-19540930.html",
        "reading/avprf-0102-23-112-24.html",   # October 1967
    ]
    second = rows[1]
    assert second.xpath(".//a/@href") == [
        "reading/wcda-114169.html", "reading/wcda-114169.html",
        "diplomatic/wcda-114169.html", "tei/wcda-114169.xml",
    ]
    assert rows[2].xpath("string(.//td[contains(@class, 'col-number')])") == "70"
    assert rows[2].xpath(".//time/@datetime") == ["1954-01-05"]


def test_index_groups_documents_by_source(index: bytes) -> None:
    tree = page_tree(index)
    groups = tree.xpath("//section[contains(@class, 'source-group')]")
    headings = [g.findtext("h3") for g in groups]
    assert headings[:2] == ["NKIDP e-Dossier No. 16", "Wilson Center Digital Archive"]
    assert "Soviet-Chinese relations. 1952-1955: Collection of documents" in headings
    collection = groups[headings.index(
        "Soviet-Chinese relations. 1952-1955: Collection of documents")]
    assert len(collection.xpath(".//li")) == 3


# ----- errors and warnings -----


def test_malformed_input_names_the_file(renderer: Renderer) -> None:
    with pytest.raises(EditionError) as caught:
        renderer.render_document(b"<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<text>",
                                 "tei/broken.xml")
    assert caught.value.path == "tei/broken.xml"
    assert caught.value.line >= 1
    assert str(caught.value).startswith("tei/broken.xml:")


def test_doctype_is_refused(renderer: Renderer) -> None:
    evil = (b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>')
    with pytest.raises(EditionError, match="document type declaration") as caught:
        renderer.render_document(evil, "tei/evil.xml")
    assert caught.value.line == 2


def test_not_tei_is_refused(renderer: Renderer) -> None:
    with pytest.raises(EditionError, match="not a TEI document"):
        renderer.render_document(b"<html><body/></html>", "page.xml")


def test_unknown_elements_warn_and_keep_their_words(renderer: Renderer) -> None:
    tei = (b'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="odd-1">\n'
           b"<teiHeader><fileDesc><titleStmt><title>Odd</title></titleStmt></fileDesc>"
           b"</teiHeader>\n<text><body>\n<p>One <mystery>hidden words</mystery> two</p>\n"
           b"<p><mystery>more</mystery></p></body></text></TEI>")
    renderer.take_warnings()
    pages = renderer.render_document(tei, "tei/odd-1.xml")
    warnings = renderer.take_warnings()
    assert warnings == [
        "tei/odd-1.xml:4:0: warning: unhandled element <mystery> at "
        "/TEI/text[1]/body[1]/p[1]/mystery[1]: its content is shown as it stands "
        "(and 1 more <mystery> elements)"
    ]
    assert renderer.warnings == []
    for view in ("reading", "diplomatic"):
        assert "One hidden words two" in text_of(pages[f"{view}/odd-1.html"])


def test_a_document_without_id_is_named_after_its_file(renderer: Renderer) -> None:
    tei = (b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p>x</p>'
           b"</body></text></TEI>")
    assert "reading/plain.html" in renderer.render_document(tei, "tei/plain.xml")


def test_stylesheet_errors_name_the_stylesheet(tmp_path: Path) -> None:
    for sheet in paths.XSLT_DIR.glob("*.xsl"):
        shutil.copy(sheet, tmp_path / sheet.name)
    broken = tmp_path / "common.xsl"
    broken.write_text(broken.read_text(encoding="utf-8").replace(
        'select="false()"/>', 'select="false("/>', 1), encoding="utf-8")
    with pytest.raises(EditionError) as caught:
        Renderer(tmp_path)
    assert Path(caught.value.path).name == "common.xsl"
    assert caught.value.line > 0
    assert "stylesheet error" in caught.value.message


def test_stylesheets_are_compiled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    original = Renderer._compile

    def counting(self: Renderer, name: str) -> object:
        compiled.append(name)
        return original(self, name)

    monkeypatch.setattr(Renderer, "_compile", counting)
    renderer = Renderer()
    data = SAMPLE.read_bytes()
    for number in range(12):
        tei = data.replace(b'xml:id="scr-071"', f'xml:id="scr-{number:03d}"'.encode())
        pages = renderer.render_document(tei, f"tei/scr-{number:03d}.xml")
        assert f"diplomatic/scr-{number:03d}.html" in pages
    renderer.render_index(CORPUS.read_bytes())
    renderer.render_registers((FILES / "registers" / "registers.xml").read_bytes())
    # both views in one (views.xsl), the six pages across documents in another (pages.xsl)
    assert sorted(compiled) == ["pages", "views"]


# ----- the project's own TEI (when the converter has written it) -----


@pytest.mark.skipif(not PROJECT_TEI, reason="tei/ holds no documents yet (run the converter)")
@pytest.mark.parametrize("path", PROJECT_TEI, ids=[p.stem for p in PROJECT_TEI])
def test_project_documents_keep_every_word(renderer: Renderer, path: Path) -> None:
    data = path.read_bytes()
    pages = renderer.render_document(data, f"tei/{path.name}")
    diplomatic = next(v for k, v in pages.items() if k.startswith("diplomatic/"))
    assert first_missing(expected_words(data), main_words(diplomatic)) is None
    for key, page in pages.items():
        if key.endswith(".html"):
            assert not duplicate_ids(page), key
            assert not dangling_fragments(page), key


# ----- foreign TEI -----


def foreign_documents() -> Iterator[Path]:
    yield FRUS
    yield from SCHNITZLER


@pytest.mark.skipif(not FRUS.is_file() or not SCHNITZLER,
                    reason=f"the reference TEI is not at {REFERENCE} (../shared/reference)")
@pytest.mark.parametrize("path", list(foreign_documents()), ids=lambda p: p.stem)
def test_foreign_tei_renders_and_keeps_its_words(renderer: Renderer, path: Path) -> None:
    data = path.read_bytes()
    pages = renderer.render_document(data, path.name)
    root = etree.fromstring(data)
    doc_id = root.get("{http://www.w3.org/XML/1998/namespace}id")
    diplomatic = pages[f"diplomatic/{doc_id}.html"]
    reading = pages[f"reading/{doc_id}.html"]
    assert first_missing(expected_words(data), main_words(diplomatic)) is None
    for page in (reading, diplomatic):
        assert not duplicate_ids(page)
        assert not dangling_fragments(page)
    assert ed_title(reading)


def ed_title(page: bytes) -> str:
    return str(page_tree(page).findtext(".//h1", "")).strip()


@pytest.mark.skipif(not FRUS.is_file(), reason=f"FRUS is not at {FRUS}")
def test_frus_warns_about_its_own_elements(renderer: Renderer) -> None:
    renderer.take_warnings()
    pages = renderer.render_document(FRUS.read_bytes(), "frus1894Nicaragua.xml")
    warnings = renderer.take_warnings()
    assert len(warnings) == 1
    assert warnings[0].startswith("frus1894Nicaragua.xml:77:0: warning: unhandled element "
                                  "<frus:attachment>")
    reading = page_tree(pages["reading/frus1894Nicaragua.html"])
    # 138 documents, their internal references (to documents, to pages) resolve
    assert len(reading.xpath("//div[contains(@class, 'div-document')]")) == 138
    assert reading.xpath("//a[@href='#d1']")
    assert reading.get_element_by_id("d1") is not None


def test_a_date_of_bounds_the_edition_chose_says_it_is_approximate(renderer: Renderer) -> None:
    tei = (b"<TEI xmlns='http://www.tei-c.org/ns/1.0' xml:id='approx'><teiHeader><fileDesc>"
           b"<titleStmt><title>A</title></titleStmt><publicationStmt><p>P</p>"
           b"</publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>"
           b"<text><body><p>At <date notBefore='1959-05-21' notAfter='1959-05-31' "
           b"precision='medium'>the end of May</date> and on <date when='1959-06-02'>2 June"
           b"</date>.</p></body></text></TEI>")
    pages = renderer.render_document(tei, "approx.xml")
    for view in ("reading", "diplomatic"):
        tree = page_tree(pages[f"{view}/approx.html"])
        titles = {"".join(t.itertext()): t.get("title") for t in tree.iter("time", "span")
                  if "date" in (t.get("class") or "").split()}
        assert titles == {"the end of May": "between 1959-05-21 and 1959-05-31 (approximate)",
                          "2 June": "1959-06-02"}, view


def test_a_bulleted_list_shows_one_bullet_whether_or_not_its_items_print_it(
        renderer: Renderer) -> None:
    def classes(items: bytes) -> str:
        tei = (b"<TEI xmlns='http://www.tei-c.org/ns/1.0' xml:id='lst'><teiHeader><fileDesc>"
               b"<titleStmt><title>A</title></titleStmt><publicationStmt><p>P</p>"
               b"</publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>"
               b"<text><body><list type='bulleted'>" + items + b"</list></body></text></TEI>")
        tree = page_tree(renderer.render_document(tei, "lst.xml")["reading/lst.html"])
        [ul] = tree.xpath("//ul[contains(@class, 'list')]")
        return str(ul.get("class"))

    # this edition's: the printed mark is the bullet; another's: the browser's
    assert "list-labelled" in classes(b"<item>\xe2\x80\xa2 one;</item><item>\xe2\x80\xa2 two.</item>")
    assert "list-labelled" not in classes(b"<item>one;</item><item>two.</item>")
