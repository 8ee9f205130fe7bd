"""The translation apparatus, honest headers and the corrections page (issue 8).

Each kind is tested on a real passage of the collection (seeds/001_…), and each rule
also on a variant sentence that is not in any seed: the rules are general, matched
wherever the form occurs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree, html

from edition.apparatus import corrected, next_correction, required_text
from edition.corrections_page import corrections_page
from edition.encode import encode
from edition.errors import EditionError
from edition.model import Document, Metadata, el
from edition.provenance import newspaper, original_language
from edition.read.inline import InlineParser
from edition.registers import load_registers
from edition.render import Renderer
from edition.rules import load_rules

NS = {"t": "http://www.tei-c.org/ns/1.0"}
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "001_ecd8dfa2c3ac5ef4.txt"
TEI = ROOT / "tei"


def seed_line(number: int) -> str:
    return SEED.read_text(encoding="utf-8").splitlines()[number - 1]


def parse(text: str, doc_id: str = "scr-999") -> etree._Element:
    """A line of source text through the inline parser, encoded as a TEI <p>."""
    nodes = InlineParser(load_rules(), doc_id).parse(text)
    doc = Document(Metadata(doc_id, "t", "seed.txt", "collection"), body=[el("p", *nodes)])
    tree = etree.fromstring(encode(doc))
    found = tree.find(".//t:body/t:p", NS)
    assert found is not None
    return found


def diplomatic(p: etree._Element) -> str:
    """The text as the source prints it: sic/orig/surplus kept, corr/reg left out, an
    omission as its "[...]"."""
    out: list[str] = []

    def walk(e: etree._Element) -> None:
        if e.tag == f"{{{NS['t']}}}gap" and e.get("reason") == "omitted":
            out.append("[...]")
        elif e.tag not in (f"{{{NS['t']}}}corr", f"{{{NS['t']}}}reg"):
            out.append(e.text or "")
            for child in e:
                walk(child)
        if e is not p:
            out.append(e.tail or "")

    walk(p)
    return "".join(out)


def reading(p: etree._Element) -> str:
    return "".join(t for t in p.xpath(
        ".//text()[not(ancestor::t:sic or ancestor::t:orig or ancestor::t:surplus)]",
        namespaces=NS))


@pytest.mark.parametrize(("line", "source", "shown"), [
    (690, "based on lies", "This treaty is based on the sincere desire"),  # doc. 93
    (738, "civil overhead lines", "operation of civil airlines"),  # doc. 95
    (328, "with.", "October 1 of this year the fifth anniversary"),  # doc. 77
    (945, "1 FEB", "Deputy. head 1st Far Eastern Department Comrade"),  # doc. 103
    (965, "incompatible neither", "which is compatible neither with"),  # doc. 103
    (583, "Wu Nu", "Prime Minister of Burma, Mr. U Nu"),  # doc. 86
    (344, "Suslova", "comrades Suslov M.A."),  # doc. 77
    (381, "F. Za", "Archive: AVPRF. F. 3a. Op. 1."),  # doc. 79
])
def test_a_meaning_changing_error_is_corrected_with_its_source_kept(
        line: int, source: str, shown: str) -> None:
    text = seed_line(line).strip()
    p = parse(text)
    assert diplomatic(p) == text  # nothing lost: the source reads as printed
    assert shown in reading(p)
    sic = [c for c in p.iterfind(".//t:choice", NS) if c.findtext("t:sic", None, NS) == source]
    assert sic, source
    corr = sic[0].find("t:corr", NS)
    assert corr is not None and corr.get("resp") == "#editors"
    assert sic[0].get("ana", "").startswith("#scr-999-corr-")


def test_a_translated_name_is_regularised() -> None:
    p = parse(seed_line(530).strip())  # heading of doc. 84
    choice = p.find(".//t:choice", NS)
    assert choice is not None
    assert choice.findtext("t:orig", None, NS) == "National Assembly of People's Representatives"
    assert choice.findtext("t:reg", None, NS) == "National People's Congress"


@pytest.mark.parametrize(("line", "surplus"), [
    (12, "Archive of Tianjin. X52 - Y - 31, translated from Chinese. lang."),  # doc. 70
    (199, "that this situation should not continue. This meeting should initiate a change "
          "in this situation."),  # doc. 74
])
def test_text_printed_twice_is_surplus(line: int, surplus: str) -> None:
    text = seed_line(line).strip()
    p = parse(text)
    found = [s for s in p.iterfind(".//t:surplus", NS)]
    assert [("".join(s.itertext()), s.get("reason"), s.get("resp")) for s in found] == [
        (surplus, "repeated", "#editors")]
    assert diplomatic(p) == text
    assert reading(p).count("This meeting should initiate a change in this situation.") == (
        1 if line == 199 else 0)


def test_the_rules_are_general_not_positions() -> None:
    """Forms met nowhere in the seeds: the same rules apply."""
    p = parse("The Society for civil overhead lines and the locksmiths of the plant; "
              "this plan is incompatible neither with A nor with B. It was done "
              "if if possible. The talks began in Geneva on Monday. The talks began in Geneva "
              "on Monday. Then they ended.")
    assert " ".join(reading(p).split()) == (
        "The Society for civil airlines and the fitters of the plant; this plan is compatible "
        "neither with A nor with B. It was done if possible. The talks began in Geneva on "
        "Monday. Then they ended.")
    # a sentence said twice on purpose, but not right after itself, stays
    p = parse("We want peace. They said so too. We want peace.")
    assert p.find(".//t:surplus", NS) is None


def test_a_no_break_space_does_not_hide_an_error() -> None:
    """The seed prints U+00A0 in headings: 'USSR.\u00a0IN AND.\u00a0Lenina'."""
    heading = seed_line(298)
    assert "IN AND.\u00a0Lenina" in heading
    rules = load_rules()
    assert "V.I. Lenin" in corrected(heading, rules)
    assert "IN AND" not in corrected(heading, rules)


def test_the_list_of_documents_and_call_numbers_are_corrected() -> None:
    corpus = etree.parse(str(TEI / "corpus.xml"))
    titles = " ".join(corpus.xpath("//t:ref/text()", namespaces=NS))
    assert "IN AND." not in titles and "V.I. Lenin" in titles
    call_numbers = [i.text for p in TEI.glob("scr-*.xml")
                    for i in etree.parse(str(p)).iterfind(".//t:msIdentifier/t:idno", NS)]
    assert not [c for c in call_numbers if "F. Za" in (c or "")]
    assert len([c for c in call_numbers if (c or "").startswith("F. 3a.")]) == 3


def test_every_correction_points_at_its_reason_in_the_header() -> None:
    total = 0
    for path in sorted(TEI.glob("*.xml")):
        if path.name in ("corpus.xml", "registers.xml"):
            continue
        tree = etree.parse(str(path))
        for item in tree.xpath("//t:text//t:choice[not(t:reg/@rend = 'brackets')]"
                               " | //t:text//t:surplus", namespaces=NS):  # not printed both
            total += 1
            target = item.get("ana", "")[1:]
            category = tree.xpath("//t:classDecl//t:category[@xml:id = $id]",
                                  namespaces=NS, id=target)
            assert category and category[0].findtext("t:catDesc", None, NS), (path, target)
        assert tree.xpath("//t:titleStmt/t:respStmt[@xml:id = 'editors']", namespaces=NS)
    assert total >= 70


def test_a_bad_rule_is_refused(tmp_path: Path) -> None:
    base = (ROOT / "edition" / "data" / "rules.yml").read_text(encoding="utf-8")
    bad = tmp_path / "rules.yml"
    bad.write_text(base.replace("kind: sic, resp: '#editors', why: letters transposed",
                                "kind: oops, resp: '#editors', why: letters transposed"),
                   encoding="utf-8")
    with pytest.raises(EditionError, match="kind 'oops'"):
        load_rules.__wrapped__(bad)
    bad.write_text(base.replace("id: zhude,", "id: drpk,"), encoding="utf-8")
    with pytest.raises(EditionError, match="not a unique"):
        load_rules.__wrapped__(bad)


def test_next_correction_prefers_the_earliest_form() -> None:
    rules = load_rules()
    corr, m = next_correction(rules, "See DRPK and civil overhead lines.")
    assert corr is not None and m is not None and corr.id == "drpk"


@pytest.mark.parametrize(("pattern", "required"), [
    (r"\bDRPK\b", "DRPK"),
    (r"^ews\.(?= 1954\.)", "ews."),  # an escaped dot is a plain character
    (r"x(?:ab|cd)yz", "yz"),  # the longest run outside the alternatives
    (r"(?x) a b c ", "abc"),  # as the engine reads it: the spaces are not asked for
    (r"ab*c", None), (r"ab?", None), (r"a|bc", None),  # nothing of two asked for in a row
    (r"(?i)drpk", None),  # case ignored
    (r"(?i:dr)pk", "pk"),  # case ignored in the group only
    (r"(?P<w>if|the) (?P=w)\b", None),  # what the backreference matches is not known
])
def test_the_words_a_rule_asks_for(pattern: str, required: str | None) -> None:
    assert required_text(re.compile(pattern)) == required


def test_a_rule_is_not_searched_where_its_words_are_not() -> None:
    """Each rule of the packaged rules file: its words, where it asks for any, are in
    every text of the edition's sources it matches (and a rule so matched is found by
    next_correction as before: the texts are only those without the words)."""
    rules = load_rules()
    texts = [line for seed in sorted(SEEDS.glob("*")) if seed.is_file()
             for line in seed.read_text(encoding="utf-8", errors="replace").splitlines()]
    asked = 0
    for corr in rules.corrections:
        required = required_text(corr.pattern)
        asked += required is not None
        for text in texts:
            if corr.pattern.search(text):
                assert required is None or required in text, (corr.id, text)
    assert asked > len(rules.corrections) // 2  # most rules ask for words


# ----- headers -------------------------------------------------------------------------

def header_of(doc_id: str) -> etree._Element:
    header = etree.parse(str(TEI / f"{doc_id}.xml")).find(".//t:teiHeader", NS)
    assert header is not None
    return header


def original_of(doc_id: str) -> list[tuple[str, str]]:
    return [(lang.get("ident", ""), lang.text or "") for lang in header_of(doc_id).xpath(
        ".//t:langUsage/t:language[contains(., 'the language of the original')]",
        namespaces=NS)]


@pytest.mark.parametrize(("doc_id", "idents", "basis"), [
    ("scr-080", ["zh"], "inferred: the document is a letter by Mao Zedong"),
    ("scr-074", ["zh"], "inferred: the document is a speech by Zhou Enlai"),
    ("scr-078", ["zh"], "inferred: the document is a note of a Chinese government body"),
    ("scr-070", ["zh"], 'stated by the source: "translated from Chinese"'),
    ("scr-079", ["ru", "zh"], "both texts being equally authentic"),
    ("scr-093", [], ""),  # a joint declaration: no single original
    ("scr-076", [], ""),  # nothing says it
    ("scr-077", ["ru"], "inferred: the document is a text of a Soviet body or official"),
])
def test_the_original_language_only_with_its_basis(
        doc_id: str, idents: list[str], basis: str) -> None:
    found = original_of(doc_id)
    assert [ident for ident, _ in found] == idents
    assert all(basis in text for _, text in found)
    note = header_of(doc_id).findtext(".//t:notesStmt/t:note[@type='language']", None, NS)
    assert note and note.startswith("Language of the original: ")


def test_every_collection_header_says_where_the_english_comes_from() -> None:
    for path in TEI.glob("scr-*.xml"):
        header = header_of(path.stem)
        note = header.findtext(".//t:notesStmt/t:note[@type='translation']", None, NS)
        assert note and "unattributed translation" in note and "Russian" in note, path
        assert header.xpath(".//t:langUsage/t:language[@ident='ru']", namespaces=NS), path


def test_no_collection_header_makes_mao_or_zhou_a_russian_original() -> None:
    for path in TEI.glob("scr-*.xml"):
        title = header_of(path.stem).findtext(".//t:titleStmt/t:title", "", NS)
        if re.search(r"Mao Zedong to|Zhou Enlai|Joint Declaration", title):
            assert "ru" not in [i for i, _ in original_of(path.stem)], path


@pytest.mark.parametrize(("line", "title", "when"), [
    ("Archive: Truth. 1954. 30 Apr.", "Pravda", "1954-04-30"),
    ("News. 1954. 14 Oct.", "Izvestia", "1954-10-14"),
    ("ews. 1954. 12 Oct.", "Izvestia", "1954-10-12"),
    ("Archive: People's Daily. 1954. March 4, translated from Chinese. lang.",
     "Renmin Ribao (People's Daily)", "1954-03-04"),
    ("Archive: Truth. 1955. 18 Sept.", "Pravda", "1955-09-18"),  # not in the seeds
])
def test_a_newspaper_source_is_a_structured_citation(line: str, title: str, when: str) -> None:
    paper = newspaper(line)
    assert paper is not None and (paper.title, paper.when) == (title, when)


def test_an_archive_is_not_a_newspaper() -> None:
    assert newspaper("Archive: AVPRF. F. 179. Op. 34. P. 19. D. 1. L. 4.") is None


def test_newspaper_bibl_in_the_header() -> None:
    bibl = header_of("scr-075").find(".//t:sourceDesc/t:bibl[@type='newspaper']", NS)
    assert bibl is not None
    assert bibl.findtext("t:title[@level='j']", None, NS) == "Pravda"
    date = bibl.find("t:date", NS)
    assert date is not None and date.get("when") == "1954-04-30"


def test_a_source_field_is_stated_and_a_manifest_basis_is_kept() -> None:
    record = Document(Metadata("x", "t", "s.txt", "record", original_language="Chinese"))
    found = original_language(record)
    assert found is not None and found.basis.startswith("stated by the source")
    page = Document(Metadata("y", "t", "s.txt", "webpage", original_language="Russian",
                             original_language_basis="inferred by the editors: a report"))
    found = original_language(page)
    assert found is not None and found.basis == "inferred by the editors: a report"


# ----- registers -----------------------------------------------------------------------

def test_register_preferred_forms_are_the_right_names() -> None:
    entries = load_registers().by_id()
    assert (entries["lin-boju"].name, entries["lin-boju"].forms) == ("Lin Boqu", ["Lin Boju"])
    assert entries["wu-lancy"].name == "Wu Lengxi" and "Wu Lancy" in entries["wu-lancy"].forms
    assert "england" not in entries and "England" in entries["united-kingdom"].forms
    gazetteer = entries["leningrad"].gazetteer
    assert gazetteer is not None and gazetteer.geonames
    assert entries["washington"].gazetteer is None  # three Washingtons: not certain


# ----- rendering -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


def test_reading_view_shows_the_correction_with_source_and_reason(renderer: Renderer) -> None:
    pages = renderer.render_document((TEI / "scr-095.xml").read_bytes(), "scr-095.xml")
    page = html.fromstring(pages["reading/scr-095.html"])
    spans = [s for s in page.xpath("//span[contains(@class, 'apparatus')]")
             if s.text == "civil airlines"]
    assert spans
    span = spans[0]
    assert span.get("tabindex") == "0"  # takes focus: keyboard and tap
    pop = page.get_element_by_id(span.get("aria-describedby"))
    assert pop.get("role") == "tooltip"
    assert "The source reads “civil overhead lines”" in pop.text_content()
    assert "воздушные линии" in pop.text_content()
    dipl = html.fromstring(pages["diplomatic/scr-095.html"]).text_content()
    assert "civil overhead lines" in dipl and "civil airlines" not in dipl


def test_reading_view_marks_surplus_diplomatic_keeps_it(renderer: Renderer) -> None:
    pages = renderer.render_document((TEI / "scr-074.xml").read_bytes(), "scr-074.xml")
    marks = html.fromstring(pages["reading/scr-074.html"]).xpath(
        "//span[contains(@class, 'surplus-mark')]")
    assert len(marks) == 1 and "prints this a second time" in marks[0].text_content()
    dipl = html.fromstring(pages["diplomatic/scr-074.html"]).text_content()
    assert dipl.count("This meeting should initiate a change in this situation.") == 2


def test_corrections_page_lists_every_correction_by_document() -> None:
    page = html.fromstring(corrections_page(TEI)["corrections.html"])
    sections = page.xpath("//section[@class='corrections-doc']")
    rows = page.xpath("//table[@class='corrections-table']/tbody/tr")
    total = sum(len(etree.parse(str(p)).xpath(
        "//t:text//t:choice[not(t:reg/@rend = 'brackets')] | //t:text//t:surplus",
        namespaces=NS))
        for p in TEI.glob("*.xml") if p.name not in ("corpus.xml", "registers.xml"))
    assert len(rows) == total
    assert len(sections) >= 25
    airlines = [r for r in rows if r.xpath("string(td[1])") == "civil overhead lines"]
    assert airlines and airlines[0].xpath("string(td[2])") == "civil airlines"
    assert "воздушные линии" in airlines[0].xpath("string(td[3])")
    assert "editors" in airlines[0].xpath("string(td[4])")
    links = page.xpath("//section//h2/a/@href")
    assert "reading/scr-095.html" in links


def test_corrections_page_of_hostile_tei(tmp_path: Path) -> None:
    """A document id that could not name a page is left out; no markup gets through."""
    (tmp_path / "evil.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="x&quot;onmouseover=&quot;a">'
        '<teiHeader><fileDesc><titleStmt><title type="main">&lt;script&gt;</title></titleStmt>'
        '</fileDesc></teiHeader><text><body><p><choice><sic>a</sic><corr>b</corr></choice>'
        '</p></body></text></TEI>', encoding="utf-8")
    (tmp_path / "ok.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="ok">'
        '<teiHeader><fileDesc><titleStmt><title type="main">&lt;script&gt;x</title>'
        '</titleStmt></fileDesc></teiHeader><text><body><p><choice><sic>&lt;b&gt;</sic>'
        '<corr resp="javascript:alert(1)">b</corr></choice></p></body></text></TEI>',
        encoding="utf-8")
    out = corrections_page(tmp_path)["corrections.html"]
    page = html.fromstring(out)
    assert page.xpath("//section//h2/a/@href") == ["reading/ok.html"]
    assert b"<script>x" not in out and not page.xpath("//script[not(@src)]")
