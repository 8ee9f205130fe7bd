"""Issue 8's text and structure kinds, each on a real passage of the seeds.

Each test names the seed line it reads; the document is converted afresh (the
session's ``converted`` fixture), so the test sees what the readers make of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree, html

from edition.read.inline import InlineParser
from edition.render import Renderer
from edition.rules import load_rules
from edition.xmlio import parse_file

NS = {"t": "http://www.tei-c.org/ns/1.0"}
TEI_NS = "{http://www.tei-c.org/ns/1.0}"


def _tree(converted: Path, name: str) -> etree._ElementTree:
    return parse_file(converted / f"{name}.xml")


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


def _pages(renderer: Renderer, converted: Path, name: str) -> dict[str, bytes]:
    path = converted / f"{name}.xml"
    return renderer.render_document(path.read_bytes(), str(path))


def _plain(page: bytes) -> str:
    """What a tool that ignores markup reads: the text nodes of <main>, concatenated."""
    main = html.fromstring(page).find(".//main")
    assert main is not None
    return "".join(main.itertext())


# ----- wrong kinds -----------------------------------------------------------------


def test_omission_with_any_spacing_is_a_gap(converted: Path) -> None:
    # 001 line 272: "… the Indochinese question. [... ] Fundamental political changes"
    t = _tree(converted, "scr-075")
    assert not t.xpath("//t:supplied[normalize-space(translate(., '.', ''))='']", namespaces=NS)
    gap = t.xpath("//t:p[contains(., 'Fundamental political changes')]/t:gap", namespaces=NS)
    assert [g.get("reason") for g in gap] == ["omitted"]
    parser = InlineParser(load_rules(), "x")
    for text in ("a [...] b", "a [... ] b", "a [ ... ] b", "a [. . .] b", "a […] b"):
        nodes = parser.parse(text)
        assert [n.tag for n in nodes if not isinstance(n, str)] == ["gap"], text


def test_alternative_romanisation_is_a_choice(converted: Path) -> None:
    # 003 line 40: "South Pyeongan [Pyongan] Province"
    t = _tree(converted, "wcda-114177")
    choice = t.xpath("//t:choice[t:orig='Pyeongan']", namespaces=NS)
    assert len(choice) == 1
    assert choice[0].xpath("string(t:reg[@rend='brackets'])", namespaces=NS) == "Pyongan"
    assert not t.xpath("//t:supplied[.='Pyongan']", namespaces=NS)
    # a supplied word stays supplied: "[North] Korea", "the [we]"
    parser = InlineParser(load_rules(), "x")
    for text, word in (("the [North] Korea", "North"), ("Korea [Chosen] and", "Chosen"),
                       ("Kim [Kim Il Sung]", "Kim Il Sung")):
        nodes = [n for n in parser.parse(text) if not isinstance(n, str)]
        assert [(n.tag, n.text()) for n in nodes] == [("supplied", word)], text


def test_alternative_romanisation_in_both_views(renderer: Renderer, converted: Path) -> None:
    pages = _pages(renderer, converted, "wcda-114177")
    assert "South Pyeongan [Pyongan] Province" in _plain(pages["diplomatic/wcda-114177.html"])
    assert "South Pyongan" in " ".join(_plain(pages["reading/wcda-114177.html"]).split())


# ----- words glued -------------------------------------------------------------------


def test_every_lb_has_white_space_on_one_side(converted: Path) -> None:
    glued = []
    for path in sorted(converted.glob("*.xml")):
        for lb in parse_file(path).iter(f"{TEI_NS}lb"):
            prev = lb.getprevious()
            before = (prev.tail if prev is not None else lb.getparent().text) or ""
            after = lb.tail or ""
            if before[-1:].isalnum() and after[:1].isalnum():
                glued.append(f"{path.name}: {before[-20:]!r}<lb/>{after[:20]!r}")
            elif prev is not None and not before and "".join(prev.itertext())[-1:].isalnum() \
                    and after[:1].isalnum():
                glued.append(f"{path.name}: <{prev.tag}>…<lb/>{after[:20]!r}")
    assert glued == []


def test_break_does_not_join_words_in_either_view(renderer: Renderer,
                                                  converted: Path) -> None:
    # 000 lines 29-31: "This victory" / "not only caused the enemy …"
    pages = _pages(renderer, converted, "wcda-114169")
    for view in ("reading", "diplomatic"):
        text = _plain(pages[f"{view}/wcda-114169.html"])
        assert "victorynot" not in text
        assert "victory" in text and "not only caused" in text
    tei = (converted / "wcda-114169.xml").read_text(encoding="utf-8")
    assert "victory<lb" not in tei and "for<lb/>the" not in tei


# ----- apparatus as text -------------------------------------------------------------


def test_numeric_sign_and_note_printed_after_the_document(converted: Path) -> None:
    # 001 line 911 "the note of the Soviet government of November 13, 1 , the PRC …";
    # lines 953-975: its note, printed after the star note without its sign
    t = _tree(converted, "scr-103")
    note = t.xpath("//t:note[@place='foot'][@n='1']", namespaces=NS)
    assert len(note) == 1 and note[0].get("rend") == "unlabelled"
    assert note[0].get("type") is None  # anchored at its sign
    assert note[0].xpath("string(preceding-sibling::node()[1])", namespaces=NS) == ", "
    assert note[0].xpath("string(preceding-sibling::t:date[1])", namespaces=NS) == "November 13"
    assert note[0].xpath("string(t:p[1])", namespaces=NS).startswith(
        "On November 13, 1954, the USSR Ministry of Foreign Affairs sent identical notes")
    assert "Note of the Soviet government" in note[0].xpath("string()", namespaces=NS)
    # the document's own text ends with its closer, no longer followed by the note
    body = t.xpath("//t:div[@type='document']", namespaces=NS)[0]
    assert etree.QName(body[-1]).localname == "closer"
    assert body[-1].xpath("string(t:signed[last()])", namespaces=NS).strip() == "A.A. Gromyko"


def test_numeric_note_without_its_sign(converted: Path) -> None:
    # 001 lines 990-992: "1 Ambassador … as an observer …" / "In his speech … Government.**"
    t = _tree(converted, "scr-104")
    note = t.xpath("//t:note[@n='1']", namespaces=NS)[0]
    assert note.get("type") == "unanchored"
    assert [p.xpath("string()")[:20] for p in note.xpath("t:p", namespaces=NS)] == [
        "Ambassador of the Pe", "In his speech, he sa"]
    inner = note.xpath(".//t:note[@n='**']", namespaces=NS)  # its own sign "**"
    assert inner and inner[0].xpath("string()").startswith("See Izvestia")
    assert not t.xpath("//t:p[starts-with(normalize-space(), '1 Ambassador')]", namespaces=NS)


def test_sign_printed_otherwise_than_its_note(converted: Path) -> None:
    # 001 line 514 "joint discussion***" with its note printed "* * Not published."
    t83 = _tree(converted, "scr-083")
    assert not t83.xpath("//t:note[@type='unanchored']", namespaces=NS)
    note = t83.xpath("//t:note[@xml:id='scr-083-n3']", namespaces=NS)[0]
    assert note.xpath("string(preceding-sibling::node()[1])", namespaces=NS).endswith(
        "joint discussion")
    # 001 line 579 "Mrs. Pandit*" with its note printed "** Pandit Vijaya Lakshmi …"
    t86 = _tree(converted, "scr-086")
    assert t86.xpath("//t:p[starts-with(., 'Mrs. Pandit')]/t:note[@n='**']", namespaces=NS)


def test_second_sign_and_sign_without_note(converted: Path) -> None:
    # 001 line 805: "520 million rubles 7 * and a protocol … 141 enterprises 7 *"
    t98 = _tree(converted, "scr-098")
    first = t98.xpath("//t:note[@n='7 *']", namespaces=NS)
    second = t98.xpath("//t:ref[@type='noteSign']", namespaces=NS)
    assert len(first) == 1 and len(second) == 1
    assert second[0].text == "7 *"
    assert second[0].get("target") == "#" + first[0].get("{http://www.w3.org/XML/1998/namespace}id")
    # 001 line 445: "will come to China*." and no note printed
    t80 = _tree(converted, "scr-080")
    orphan = t80.xpath("//t:ref[@type='noteSign']", namespaces=NS)
    assert [(o.text, o.get("target")) for o in orphan] == [("*", None)]


def test_validator_reports_sign_without_note_and_note_without_sign(converted: Path) -> None:
    from edition.validate import Validator

    report = Validator().validate_paths([converted / "scr-080.xml", converted / "scr-104.xml",
                                         converted / "scr-098.xml"])
    rules = sorted((Path(p.path).name, p.rule, p.severity) for p in report.problems
                   if p.rule.startswith(("sign.", "note.without")))
    assert rules == [("scr-080.xml", "sign.without-note", "warning"),
                     ("scr-104.xml", "note.without-sign", "warning")]


def test_corrections_reach_header_titles_and_call_numbers(converted: Path) -> None:
    # 001 line 298 "… State Library of the USSR. IN AND. Lenina P.M. Bogachev" (no-break spaces)
    corpus = (converted / "corpus.xml").read_text(encoding="utf-8")
    assert "IN AND. Lenina" not in corpus and "USSR. V.I. Lenin P.M. Bogachev" in corpus
    t76 = _tree(converted, "scr-076")
    assert t76.xpath("//t:head/t:choice[t:sic='IN AND.\u00a0Lenina']/t:corr", namespaces=NS)
    # 001 lines 381, 752, 792: "F. Za" for fond 3a
    for name in ("scr-079", "scr-096", "scr-098"):
        t = _tree(converted, name)
        call = t.xpath("string(//t:idno[@type='callNumber'])", namespaces=NS)
        assert call.startswith("F. 3a. Op. 1."), (name, call)
        assert t.xpath("//t:bibl[@type='archive']//t:choice[contains(t:sic, 'Za')]"
                       "[contains(t:corr, '3a')]", namespaces=NS)


# ----- text in the wrong element -----------------------------------------------------


def test_closing_greeting_at_the_end_of_a_paragraph_goes_to_the_closer(
        converted: Path) -> None:
    # 001 line 481: "The delegation plans to leave Moscow by plane on 25 September. With
    # communist greetings," then line 483 "Central Committee of the Communist Party …"
    t = _tree(converted, "scr-082")
    closer = t.xpath("//t:closer", namespaces=NS)[0]
    assert closer.xpath("string(t:salute)", namespaces=NS) == "With communist greetings,"
    assert "Central Committee" in closer.xpath("string(t:signed)", namespaces=NS)
    last_p = closer.getprevious()
    assert " ".join("".join(last_p.itertext()).split()).endswith("on 25 September.")


def test_list_items_keep_their_continuation_paragraphs(converted: Path) -> None:
    # 001 lines 398-404: "§6 The Contracting Parties agree …" and three paragraphs, then "§7"
    t = _tree(converted, "scr-079")
    lists = t.xpath("//t:div[@type='document']//t:list", namespaces=NS)
    assert len(lists) == 1
    items = lists[0].xpath("t:item", namespaces=NS)
    assert [i.get("n") for i in items] == [str(n) for n in range(1, 11)]
    six = items[5].xpath("t:p", namespaces=NS)
    assert len(six) == 4
    assert "".join(six[1].itertext()).startswith("Soviet Radio will send Chinese Radio")
    # 001 lines 336-342: "4. Oblige the Ministry …:" holds its lettered list, then "5."
    t77 = _tree(converted, "scr-077")
    four = t77.xpath("//t:list[@type='numbered']/t:item[@n='4']", namespaces=NS)[0]
    assert four.xpath("t:list[@type='lettered']/t:item/@n", namespaces=NS) == ["a", "b"]
    # after the last item the document's own paragraphs stay paragraphs
    assert t.xpath("//t:div[@type='document']/t:p[starts-with(., 'This Agreement is made')]",
                   namespaces=NS)


def test_quotation_over_several_paragraphs_is_one_quote(converted: Path) -> None:
    # 002 lines 27-33: '"With the exception of Kim Il Sung …' to '… Revolution.\'"'
    t = _tree(converted, "avprf-0102-23-112-24")
    quotes = [q for q in t.xpath("//t:quote", namespaces=NS) if len(q.xpath("t:p", namespaces=NS)) > 1]
    assert len(quotes) == 1
    paras = quotes[0].xpath("t:p", namespaces=NS)
    assert len(paras) == 3
    assert "".join(paras[0].itertext()).startswith('"With the exception of Kim Il Sung')
    assert "".join(paras[-1].itertext()).endswith("Revolution.'\"")


@pytest.mark.parametrize(("a", "b", "follows"), [
    ("1", "2", True), ("6", "7", True), ("6", "8", False), ("IV", "V", True),
    ("IX", "X", True), ("V", "IV", False), ("a", "b", True), ("b", "d", False)])
def test_item_numbers_follow(a: str, b: str, follows: bool) -> None:
    from edition.read.structure import _follows

    assert _follows(a, b) is follows
