"""The block-structure rules of edition/read/structure.py, form by form: each form a
document can take (a letter, a numbered list, a quotation, its own heading, parts
with headings, a page-break artefact) from a few lines of text to the nodes."""

from __future__ import annotations

import pytest

from edition.model import Node, SourceLine
from edition.read.inline import InlineParser
from edition.read.structure import (
    build_text,
    is_heading,
    is_postscript,
    is_salute,
    is_short,
    item_number,
    split_blocks,
)
from edition.rules import load_rules


def _build(text: str) -> list[Node]:
    lines = [SourceLine(i, t) for i, t in enumerate(text.split("\n"), start=1)]
    return build_text(split_blocks(lines), InlineParser(load_rules(), "t"))


def _shape(nodes: list[Node]) -> list[object]:
    """Tags with their element children: [('p',), ('closer', ['salute', 'signed'])]."""
    return [(n.tag, [c.tag for c in n.children if isinstance(c, Node)]) if any(
        isinstance(c, Node) for c in n.children) else (n.tag,) for n in nodes]


@pytest.mark.parametrize(("text", "n"), [
    ("1. How did the work go?", "1"), ("(2) The second point.", "2"), ("3) A third.", "3"),
    ("IV. Conclusions.", "IV"), ("§2 The second article.", "2"), ("b) the second item", "b"),
    ("1954. A year, not a point.", None), ("In 1. place", None),
])
def test_numbered_points(text: str, n: str | None) -> None:
    assert item_number(text) == n


@pytest.mark.parametrize(("text", "salute"), [
    ("Dear Director of the Kirov Plant!", True), ("Dear comrades,", True),
    ("To the Departments of the Party Central Committee:", True),
    ("Mr. Ambassador!", True), ("Dear friends are rare.", False),
    ("To be continued", False),
])
def test_salutations(text: str, salute: bool) -> None:
    assert is_salute(text) is salute


@pytest.mark.parametrize(("text", "short", "heading"), [
    ("Record of Conversation with Comrade Wang Peng", True, True),
    ("Article 5", True, True),
    ("Kim Il Sung", True, False),                  # a signature, not a heading
    ("The work went well.", False, False),         # ends in punctuation
    ("and the rest of a sentence", False, False),  # begins in lower case
    ("With deep respect,", False, False),
    ("Comrade Enlai\ue0001\ue001", True, False),   # a note anchor is not its end
])
def test_short_lines_and_headings(text: str, short: bool, heading: bool) -> None:
    assert is_short(text) is short
    assert is_heading(text) is heading


def test_a_letter_has_opener_text_and_closer() -> None:
    nodes = _build("Dear Comrade Malenkov!\n\nThe Korean people are grateful for the help "
                   "given.\n\nWith deep respect,\n\nKim Il Sung\n\nJuly 2, 1953")
    assert _shape(nodes) == [("opener", ["salute"]), ("p",),
                             ("closer", ["salute", "signed", "dateline"])]


@pytest.mark.parametrize("dateline", ["Beijing, 3.IV.1956", "Moscow, April 3rd, 1956"])
def test_a_dateline_of_another_date_form(dateline: str) -> None:
    """A place and a day printed otherwise than "April 3, 1956" open the letter as its
    dateline (one was a second heading, the other a paragraph: a probe of new pages)."""
    nodes = _build(f"{dateline}\n\nDear Comrade Molotov!\n\nThe Embassy informs you that "
                   "the delegation has arrived.\n\nLiu Xiao")
    assert _shape(nodes)[0] == ("opener", ["dateline", "salute"])
    [date] = [n for n in nodes[0].iter() if n.tag == "date"]
    assert date.attrs == {"when": "1956-04-03"}


def test_a_signer_s_office_ending_in_an_abbreviation_is_in_the_closer() -> None:
    """"Chargé d'affaires a.i." under the signature ends no sentence (the sign-off and
    signature stayed paragraphs: a probe of new pages)."""
    nodes = _build("The delegation has arrived.\n\nWith comradely greetings,\n\n"
                   "J. Novák\n\nChargé d'affaires a.i.")
    assert _shape(nodes) == [("p",), ("closer", ["salute", "signed", "signed"])]


def test_roman_headings_begin_with_i_though_it_looks_like_an_initial() -> None:
    """"I. Introduction" has the shape of an initial and a surname; with "II. …" in the
    same text it is the first numbered heading (all were paragraphs, and the annotator
    proposed a person "I. Introduction": a probe of new e-dossiers)."""
    nodes = _build("I. Introduction\n\nThe plenum of August 1956 was the crisis.\n\n"
                   "II. The Opposition\n\nThe opposition leaders fled to China.")
    assert [(n.tag, n.attrs.get("n")) for n in nodes] == [("div", "I"), ("div", "II")]


def test_a_telegram_s_address_line_before_the_salutation_opens_it() -> None:
    """"Moscow" / "Dear Comrade Bulganin!": the address line and the salutation are the
    opener (both were paragraphs: a probe of further collection pages)."""
    nodes = _build("Moscow\n\nDear Comrade Bulganin!\n\nThe Chinese government agrees to "
                   "the proposals on the joint survey.\n\nZhou Enlai")
    assert _shape(nodes) == [("opener", ["lb", "salute"]), ("p",), ("closer", ["signed"])]
    assert nodes[0].text().startswith("Moscow")


def test_numbered_points_form_a_list() -> None:
    nodes = _build("The Embassy proposes:\n\n1. To send two specialists.\n\n2. To pay them "
                   "in roubles.\n\nThe rest follows.")
    assert _shape(nodes)[1] == ("list", ["item", "item"])
    assert [c.attrs["n"] for c in nodes[1].children if isinstance(c, Node)] == ["1", "2"]
    assert nodes[1].attrs["type"] == "numbered"


def test_lettered_points_form_a_lettered_list() -> None:
    nodes = _build("a) the first item of the list;\n\nb) the second item of the list.")
    assert nodes[0].tag == "list" and nodes[0].attrs["type"] == "lettered"


def test_a_paragraph_wholly_in_quotation_marks_is_a_quote() -> None:
    nodes = _build('"Events in China have seriously alarmed the Korean leadership."\n\n'
                   "The Embassy adds a comment of its own.")
    assert [n.tag for n in nodes] == ["quote", "p"]
    assert nodes[0].attrs == {"rend": "quotes"}
    assert nodes[0].text() == "Events in China have seriously alarmed the Korean leadership."


def test_the_documents_own_heading() -> None:
    nodes = _build("Record of Conversation with Comrade Wang Peng\n\nWang Peng said that the "
                   "Chinese side had no intention of changing its policy.")
    assert [n.tag for n in nodes] == ["head", "p"]


def test_parts_with_headings_become_divs_by_kind() -> None:
    nodes = _build("The exchange of letters follows.\n\nLetter from the Society to the Plant\n\n"
                   "We ask you to answer our questions.\n\nArticle 2\n\nThe parties agree on "
                   "the terms of the agreement.")
    assert [(n.tag, n.attrs.get("type")) for n in nodes] == [
        ("p", None), ("div", "letter"), ("div", "article")]


def test_a_page_break_artefact_is_one_paragraph_with_a_break() -> None:
    nodes = _build("During our struggle in Korea, we obtained a great victory by relying upon "
                   "the cooperation. This victory\n\nnot only caused the enemy to suffer huge "
                   "losses.")
    assert len(nodes) == 1 and nodes[0].tag == "p"
    breaks = [c for c in nodes[0].children if isinstance(c, Node) and c.tag == "lb"]
    assert [b.attrs for b in breaks] == [{"type": "break"}]


def test_a_signature_with_its_date_then_a_postscript() -> None:
    nodes = _build("To the Foreign Ministry:\n\nWe report on the visit of the delegation.\n\n"
                   "Chinese Embassy in the DPRK\n14 April 1961\n\n"
                   "P.S. The ambassador will return to Beijing next week.\n\n"
                   "The delegation's list follows by courier.")
    assert _shape(nodes) == [("opener", ["salute"]), ("p",),
                             ("closer", ["signed", "dateline"]), ("postscript", ["p", "p"])]
    assert nodes[3].text().startswith("P.S. The ambassador")


def test_a_signature_with_its_date_before_more_text_is_not_a_heading() -> None:
    # what the paragraph after it is cannot be told: no part is made with the signature
    # as its heading (the paragraph would be filed under it)
    nodes = _build("We report on the visit of the delegation.\n\n"
                   "Chinese Embassy in the DPRK\n14 April 1961\n\n"
                   "Attached is the list of the members of the delegation.")
    assert [n.tag for n in nodes] == ["p", "p", "p"]


@pytest.mark.parametrize(("text", "postscript"), [
    ("P.S. We shall write again.", True), ("PS: We shall write again.", True),
    ("P. S. We shall write again.", True), ("Postscript: the list follows.", True),
    ("P.P.S. One more thing.", True), ("PSB officials met us.", False),
    ("Pskov was visited.", False),
])
def test_postscripts(text: str, postscript: bool) -> None:
    assert is_postscript(text) is postscript


def test_an_address_line_opens_the_document_and_a_signature_with_initials_closes_it() -> None:
    nodes = _build("Moscow, Ministry of Foreign Affairs\n\n"
                   "1. On March 18, Zhou Enlai received me at my request.\n\n"
                   "2. Zhou Enlai asked to inform Comrade Molotov of the date.\n\n"
                   "Ambassador of the USSR in the PRC\nV. Kuznetsov\n\n"
                   "P.S. The text of the agreement will follow by courier.")
    assert _shape(nodes) == [("opener",), ("list", ["item", "item"]),
                             ("closer", ["signed", "signed"]), ("postscript", ["p"])]
    assert nodes[0].text() == "Moscow, Ministry of Foreign Affairs"


@pytest.mark.parametrize("text", [
    "V. Kuznetsov said that the talks had gone well.",
    "I. V. Stalin received the delegation on the same day.",
    "X. Ming, the interpreter, was present at the talks.",
])
def test_an_initial_is_no_roman_numbered_point(text: str) -> None:
    nodes = _build(f"The Ambassador reports on the talks.\n\n{text}")
    assert [n.tag for n in nodes] == ["p", "p"]


def test_roman_numbered_points_in_their_order_are_a_list() -> None:
    nodes = _build("I. General questions of the talks.\n\nII. The tasks of the delegation.\n\n"
                   "III. Conclusions of the Embassy.")
    assert _shape(nodes) == [("list", ["item", "item", "item"])]


@pytest.mark.parametrize("stamp", ["SECRET\nCopy No. 2", "TOP SECRET", "Strictly Secret",
                                   "CONFIDENTIAL\nUrgent", "Top Secret\nCopy No. 3 of 5"])
def test_a_classification_stamp_opens_the_document_and_is_no_heading(stamp: str) -> None:
    nodes = _build(f"{stamp}\n\nOn 4 June I visited Kim Il Sung at his request.\n\n"
                   "He said that the volunteers would leave by October.")
    assert [n.tag for n in nodes] == ["opener", "p", "p"]
    lines = [c.strip() for c in nodes[0].children if isinstance(c, str)]
    assert lines == stamp.split("\n")  # each line of the stamp, with a line break between


def test_a_first_paragraph_ending_in_a_note_is_no_opener() -> None:
    from edition.model import el
    from edition.read.inline import placeholder

    text = (f"On 4 June I visited Kim Il Sung at his request.{placeholder(1)}\n\n"
            "He said that the volunteers would leave by October.")
    parser = InlineParser(load_rules(), "t")
    parser.notes[1] = el("note", "In Pyongyang.", place="end", n="1")
    lines = [SourceLine(i, t) for i, t in enumerate(text.split("\n"), start=1)]
    nodes = build_text(split_blocks(lines), parser)
    assert [n.tag for n in nodes] == ["p", "p"]


def test_an_appendix_after_the_articles_is_a_part_of_its_own() -> None:
    nodes = _build("The parties have agreed as follows:\n\nArticle 1\n\nThe parties will "
                   "exchange documentation.\n\nArticle 2\n\nThis Agreement enters into force "
                   "on signing.\n\n(Signatures)\n\nAppendix\n\nList of the enterprises named "
                   "in Article 1:\n\n1) Anshan Iron and Steel Works;\n\n2) Harbin Plant.")
    assert [(n.tag, n.attrs.get("type")) for n in nodes] == [
        ("p", None), ("div", "article"), ("div", "article"), ("div", "appendix")]
    assert _shape(nodes[2].children[1:]) == [("p",), ("closer", ["signed"])]  # type: ignore[arg-type]
    assert _shape(nodes[3].children) == [("head",), ("p",), ("list", ["item", "item"])]  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "heading"), [
    ("Appendix", True), ("Annex No. 2", True), ("Enclosure", True), ("Article 12", True),
    ("Attachment 1", True), ("Note", False), ("Letter", False), ("Appendix to Protocol", True),
])
def test_a_part_s_own_word_is_a_heading_alone(text: str, heading: bool) -> None:
    assert is_heading(text) is heading


def test_numbered_headings_each_over_their_paragraphs_make_numbered_parts() -> None:
    nodes = _build("I. On the Twentieth Congress\n\nMao Zedong: The Congress was a great "
                   "success.\n\nYudin: The Central Committee thanks you.\n\n"
                   "II. On the Korean question\n\nMao Zedong said that mistakes were made.")
    assert [(n.tag, n.attrs.get("type"), n.attrs.get("n")) for n in nodes] == [
        ("div", "section", "I"), ("div", "section", "II")]
    assert _shape(nodes[0].children) == [("head",), ("p",), ("p",)]  # type: ignore[arg-type]


def test_short_numbered_points_one_after_another_stay_a_list() -> None:
    nodes = _build("The enterprises are:\n\n1. Anshan Works\n\n2. Harbin Plant\n\n"
                   "The Soviet side agreed to help both of them.")
    assert [n.tag for n in nodes] == ["p", "list", "p"]


def test_the_text_before_the_first_part_has_no_closer() -> None:
    # a short last line before the parts is no signature: a closer there would stand
    # before the parts, where TEI allows none
    nodes = _build('"Mao Zedong criticizes the policy toward China"\n\nTop Secret\n\n'
                   "I. On the Twentieth Congress\n\nMao Zedong: The Congress was a great "
                   "success.\n\nII. On the Korean question\n\nMao Zedong said so too.")
    assert [n.tag for n in nodes] == ["quote", "p", "div", "div"]


@pytest.mark.parametrize(("text", "kind"), [
    ("Translator's note: the Chinese text has \"mistakes\" in the plural.", "translator"),
    ("Translator’s Note: the word is illegible in the original.", "translator"),
    # the editors' (it was typed the translator's)
    ("Editor's note: the second page of the original is missing.", "editorial"),
    ("EDITOR'S NOTE. The next document is printed in part.", "editorial"),
    ("Note of the compilers: the enclosure was not found.", "editorial"),
    # any apostrophe, any number of editors or translators
    ("Editors’ note: the map is not reproduced.", "editorial"),
    ("Translators’ Note: two words are illegible.", "translator"),
    ("Editorial Note - the telegram's second page was not found.", "editorial"),
])
def test_a_translator_s_note_printed_as_a_paragraph_is_a_note(text: str, kind: str) -> None:
    nodes = _build(f"Mao Zedong said that mistakes had been made.\n\n{text}\n\n"
                   "The conversation lasted three hours.")
    assert [n.tag for n in nodes] == ["p", "note", "p"]
    assert nodes[1].attrs == {"type": kind, "place": "inline"}
    assert nodes[1].text() == text


_BODY = ("I visited Kim Il Sung at his request and handed him the reply.\n\n"
         "He thanked me for the information.")


@pytest.mark.parametrize(("top", "shape", "head_lines"), [
    # after the diary's owner and the date: the title and its lines in lower case
    ("From the diary of\n\nA. M. PUZANOV\n\n6 April 1958\n\nMEMORANDUM OF CONVERSATION\n\n"
     "with the Chairman of the Cabinet of Ministers Kim Il Sung\n\non 3 April 1958",
     [("opener", ["lb", "lb", "dateline"]), ("head", ["lb", "lb"]), ("p",), ("p",)], 3),
    # first, after a stamp, the title's lines in one block, its date after it
    ("RECORD OF CONVERSATION\nwith Minister of Foreign Affairs Nam Il\n\n3 March 1956",
     [("head", ["lb"]), ("opener", ["dateline"]), ("p",), ("p",)], 2),
    ("TOP SECRET\n\nCIPHERED TELEGRAM",
     [("opener",), ("head",), ("p",), ("p",)], 1),
    ("SECRET\nCopy No. 2\n\nMINUTES", [("opener", ["lb"]), ("head",), ("p",), ("p",)], 1),
])
def test_a_title_in_capitals_is_the_document_s_heading(
        top: str, shape: list[object], head_lines: int) -> None:
    nodes = _build(f"{top}\n\n{_BODY}")
    assert _shape(nodes) == shape
    head = next(n for n in nodes if n.tag == "head")
    assert sum(1 for c in head.children if isinstance(c, Node) and c.tag == "lb") \
        == head_lines - 1


@pytest.mark.parametrize("top", [
    "From the journal of\n\nV.V. IVANOV\n\n3 March 1956",  # capitals, no title word: a name
    "TOP SECRET",                                    # a stamp
])
def test_a_line_in_capitals_without_a_title_word_is_no_heading(top: str) -> None:
    nodes = _build(f"{top}\n\n{_BODY}")
    assert [n.tag for n in nodes] == ["opener", "p", "p"]
    assert "IVANOV" in nodes[0].text() or "SECRET" in nodes[0].text()


def test_a_title_in_capitals_after_text_or_before_no_text_is_no_title() -> None:
    # after a paragraph: not the document's own title (the text has begun)
    nodes = _build(f"{_BODY}\n\nRECORD OF CONVERSATION\n\nHe left at noon, and so did I.")
    assert "head" not in [n.tag for n in nodes]
    # nothing but short lines after it: no text for it to be the title of
    nodes = _build("RECORD OF CONVERSATION\n\nwith Nam Il\n\n3 March 1956")
    assert "head" not in [n.tag for n in nodes]


def test_a_date_after_a_line_of_the_opener_s_text_is_a_line_of_its_own() -> None:
    nodes = _build(f"Secret, Copy No. 2\n\n6 April 1958\n\n{_BODY}")
    opener = nodes[0]
    assert opener.tag == "opener"
    assert [c if isinstance(c, str) else c.tag for c in opener.children] == [
        "Secret, Copy No. 2", "lb", "dateline"]


@pytest.mark.parametrize(("text", "shape"), [
    # a line each, one wrapped over two lines
    ("The measures:\n\n• to send two specialists;\n• to pay them in roubles\n  as agreed.",
     [("p",), ("list", ["item", "item"])]),
    # a paragraph each, with a dash
    ("The measures:\n\n- to send two specialists;\n\n- to pay them in roubles.",
     [("p",), ("list", ["item", "item"])]),
    # two marks: two lists
    ("• one point;\n• another.\n\n* a third;\n* a fourth.",
     [("list", ["item", "item"]), ("list", ["item", "item"])]),
    # one alone is a paragraph beginning with a dash
    ("- One dash before a sentence of its own.\n\nThe talks went on.", [("p",), ("p",)]),
])
def test_points_set_off_by_bullets_are_a_list(text: str, shape: list[object]) -> None:
    nodes = _build(text)
    assert _shape(nodes) == shape
    for node in nodes:
        if node.tag == "list":
            assert node.attrs["type"] == "bulleted"
            assert all(isinstance(i, Node) and i.text().lstrip()[:1] in "•-*"
                       for i in node.children)  # the mark kept as printed


def test_a_bulleted_point_is_no_heading() -> None:
    nodes = _build("• The Soviet side will send specialists\n\nThey arrived in May and "
                   "worked at the plant until the end of the year.\n\n• The Korean side "
                   "will pay them in won")
    assert "head" not in [n.tag for n in nodes] and "div" not in [n.tag for n in nodes]


def test_a_labelled_line_of_the_record_is_no_heading() -> None:
    nodes = _build("Time: 20 May 1961, 4:00 p.m.\n\nKorean participants: Counselor Kim "
                   "Jae-suk\n\nPremier Zhou: Welcome, Ambassador. I heard that you returned "
                   "from Pyongyang last week.\n\nThe talks ended at six.")
    assert [n.tag for n in nodes] == ["p", "p", "p", "p"]
    # a part's own word keeps its label
    nodes = _build("The parties agreed as follows.\n\nArticle 5: Final provisions\n\nThis "
                   "Agreement enters into force on signing.")
    assert [n.tag for n in nodes] == ["p", "div"]


@pytest.mark.parametrize(("text", "rows", "label"), [
    # bars, a rule of dashes under the header (with or without bars at the ends)
    ("Item | 1954 | 1955\n---|---|---\nCoal | 1,200 | 1,500",
     [["Item", "1954", "1955"], ["Coal", "1,200", "1,500"]], True),
    ("| Item | 1954 |\n|:---|---:|\n| Coal | 1,200 |", [["Item", "1954"], ["Coal", "1,200"]], True),
    # tabs, as many on each line
    ("Quarter\tCoal\nI\t350\nII\t380", [["Quarter", "Coal"], ["I", "350"], ["II", "380"]], False),
    # bars, as many on each line, no rule (a page's table saved as text)
    ("Year | Students | Of them women\n1952 | 45 | 3\n1956 | 212 | 27",
     [["Year", "Students", "Of them women"], ["1952", "45", "3"], ["1956", "212", "27"]], False),
])
def test_a_table_as_a_text_export_prints_it(text: str, rows: list[list[str]],
                                            label: bool) -> None:
    nodes = _build(f"The figures:\n\n{text}\n\nThe plan was met.")
    assert [n.tag for n in nodes] == ["p", "table", "p"]
    table = nodes[1]
    assert [[c.text() for c in r.children if isinstance(c, Node)]
            for r in table.children if isinstance(r, Node)] == rows
    first = table.children[0]
    assert isinstance(first, Node) and (first.attrs.get("role") == "label") is label


@pytest.mark.parametrize("text", [
    "Either the plan | or the delivery.",                  # one line with a bar
    "Coal | 1,200\nSteel 300",                              # bars on some lines, no rule
    "Coal | 1,200 | 1,500\nSteel | 300",                    # not as many on each line
    "Quarter\tCoal\tSteel\nI\t350",                         # tabs, not as many on each line
])
def test_lines_that_are_no_table_stay_text(text: str) -> None:
    nodes = _build(f"The figures:\n\n{text}\n\nThe plan was met in full that year.")
    assert "table" not in [n.tag for n in nodes]


def test_a_table_at_the_end_is_no_signature() -> None:
    nodes = _build("The figures by quarter:\n\nQuarter\tCoal\nI\t350\nII\t380\n\n"
                   "Ambassador of the USSR in the DPRK\nV. Ivanov")
    assert [n.tag for n in nodes] == ["p", "table", "closer"]


def test_a_paragraph_set_off_among_paragraphs_is_a_quotation() -> None:
    """Indented by four spaces, or its lines marked '>' (the mark left out), among
    paragraphs that are not: a block quotation."""
    nodes = _build("He wrote on 14 April 1960:\n\n    Kim received me at his residence.\n"
                   "    He spoke at length.\n\nPuzanov did not believe him.\n\n> The idea "
                   "is presented as the highest achievement.\n\nThe memorandum was never "
                   "answered.")
    assert [n.tag for n in nodes] == ["p", "quote", "p", "quote", "p"]
    assert nodes[3].text().startswith("The idea")


def test_a_text_that_indents_every_paragraph_sets_none_off() -> None:
    nodes = _build("    The delegation arrived in Pyongyang on 3 May 1956 and was received "
                   "by the Premier.\n\n    The talks lasted three days and ended with a "
                   "communique.\n\nThe delegation left on 7 May.")
    assert [n.tag for n in nodes] == ["p", "p", "p"]
