"""The structure rules of edition/read/structure.py, form by form, on small blocks."""

from __future__ import annotations

import pytest

from edition.model import Node, SourceLine
from edition.read.inline import InlineParser
from edition.read.structure import (
    _div_type,
    build_text,
    is_closing_greeting,
    is_salute,
    split_blocks,
)
from edition.rules import load_rules


def _build(*paragraphs: str) -> list[Node]:
    lines: list[SourceLine] = []
    for i, text in enumerate(paragraphs):
        lines += [SourceLine(2 * i + 1, text), SourceLine(2 * i + 2, "")]
    return build_text(split_blocks(lines), InlineParser(load_rules(), "t"))


def _tags(nodes: list[Node]) -> list[str]:
    return [n.tag for n in nodes]


@pytest.mark.parametrize(("text", "salute"), [
    ("Dear Comrade Director,", True), ("Dear comrade Khrushchev!", True),
    ("To the Central Committee:", True), ("Mr. Chairman, Mr. Delegates!", True),
    ("Dear friends, we are glad to write.", False), ("To this end, the Government", False)])
def test_salutations(text: str, salute: bool) -> None:
    assert is_salute(text) is salute


@pytest.mark.parametrize(("text", "closing"), [
    ("With deep respect,", True), ("With communist greetings,", True),
    ("Yours sincerely,", True), ("With this in mind, we", False), ("Mao Zedong", False)])
def test_closing_greetings(text: str, closing: bool) -> None:
    assert is_closing_greeting(text) is closing


@pytest.mark.parametrize(("head", "kind"), [
    ("Article 1", "article"), ("Letter from the Society", "letter"),
    ("Note of the Soviet government", "letter"), ("Protocol of the session", "section")])
def test_part_types(head: str, kind: str) -> None:
    assert _div_type(head) == kind


def test_closing_greeting_ending_a_paragraph() -> None:
    out = _build("Dear comrade Mao Zedong!", "We accept the invitation with gratitude.",
                 "The delegation leaves on 25 September. With communist greetings,",
                 "Central Committee")
    assert _tags(out) == ["opener", "p", "p", "closer"]
    closer = out[-1]
    assert [c.tag for c in closer.children if isinstance(c, Node)] == ["salute", "signed"]
    assert out[2].text().endswith("25 September. ")


def test_continuation_paragraphs_join_their_item() -> None:
    out = _build("The parties agree:", "1. To exchange programmes.", "They do so monthly.",
                 "2. To exchange recordings.", "3. To meet yearly.", "Done at Moscow.")
    assert _tags(out) == ["p", "list", "p"]
    items = [c for c in out[1].children if isinstance(c, Node)]
    assert [i.attrs["n"] for i in items] == ["1", "2", "3"]
    assert _tags([c for c in items[0].children if isinstance(c, Node)]) == ["p", "p"]


def test_paragraphs_after_the_last_item_stay_paragraphs() -> None:
    out = _build("The parties agree:", "1. To exchange programmes.", "2. To meet yearly.",
                 "Each Party may end the agreement.", "Done at Moscow.")
    assert _tags(out) == ["p", "list", "p", "p"]


def test_a_list_that_starts_again_is_not_joined() -> None:
    out = _build("1. First point here.", "Some words between the lists.",
                 "1. Another first point.")
    assert _tags(out) == ["list", "p", "list"]


def test_quotation_over_paragraphs() -> None:
    out = _build('"The first paragraph of the quotation says that the parties agree.',
                 "The second paragraph adds the terms.", 'And this is its end."',
                 "Our own comment follows.")
    assert _tags(out) == ["quote", "p"]
    assert len(out[0].children) == 3


def test_unclosed_quotation_stays_paragraphs() -> None:
    out = _build('"A quotation that never closes in the source text.', "More text here.",
                 "And more.")
    assert _tags(out) == ["p", "p", "p"]


@pytest.mark.parametrize(("last", "parts"), [
    ("Moscow, March 3, 1955", ["dateline"]),
    ("Ulan Bator, 12 May 1954", ["dateline"]),
    ("March 3, 1955", ["dateline"]),
    ("Chairman of the Council, Kim Il Sung", ["signed"]),
    ("Moscow, in the spring", ["signed"])])
def test_closing_place_and_date_is_a_dateline(last: str, parts: list[str]) -> None:
    out = _build("We accept the invitation with gratitude.", "With communist greetings,", last)
    closer = out[-1]
    assert closer.tag == "closer"
    kinds = [c.tag for c in closer.children if isinstance(c, Node)]
    assert kinds[-1:] == parts
    assert closer.text().endswith(last)


def test_a_place_and_date_opening_a_letter_is_its_dateline() -> None:
    """"Beijing, March 5, 1955" above the salutation is the opener's dateline, not a
    heading of the letter (a date alone there was already)."""
    out = _build("Beijing, March 5, 1955", "Dear Comrade Zhou Enlai!",
                 "On the instructions of the Soviet Government I am sending you the text.",
                 "With sincere respect,", "P. Yudin")
    assert _tags(out) == ["opener", "p", "closer"]
    assert [c.tag for c in out[0].children if isinstance(c, Node)] == ["dateline", "salute"]


def test_what_a_letter_encloses_follows_its_closer() -> None:
    """"Enclosure: …" after the signature is no part of the closer (which it used to turn
    into paragraphs): it stands after it, as the letter's postscript."""
    out = _build("On the instructions of the Soviet Government I am sending you the text.",
                 "With sincere respect,", "P. Yudin",
                 "Enclosure: the text of the statement on 4 sheets.")
    assert _tags(out) == ["p", "closer", "postscript"]
    assert out[-1].text() == "Enclosure: the text of the statement on 4 sheets."


def test_a_quotation_with_its_source_at_the_head_is_an_epigraph() -> None:
    """A quotation in quotation marks with its source after a dash on the last line,
    at the head of a text: an epigraph (quote, bibl), not a heading over an empty part."""
    lines = [SourceLine(1, "“The Korean comrades listen politely, and then do as they "
                           "please.”"),
             SourceLine(2, "— Hungarian chargé d'affaires Károly Fendler, 1957"),
             SourceLine(3, ""), SourceLine(4, "I. A View from the Legation"), SourceLine(5, ""),
             SourceLine(6, "The Hungarian Legation in Pyongyang was small, but well "
                           "connected.")]
    out = build_text(split_blocks(lines), InlineParser(load_rules(), "t"))
    assert out[0].tag == "epigraph"
    quote, bibl = [c for c in out[0].children if isinstance(c, Node)]
    assert (quote.tag, bibl.tag) == ("quote", "bibl")
    assert bibl.text() == "— Hungarian chargé d'affaires Károly Fendler, 1957"


def test_numbered_points_printed_on_consecutive_lines_are_items() -> None:
    """"1. …" / "2. …" / "3. …" without blank lines between them: a list of three items
    (they were one item, the others run into it after line breaks)."""
    lines = [SourceLine(1, "The agenda of the talks:"), SourceLine(2, ""),
             SourceLine(3, "1. Economic aid for the next year;"),
             SourceLine(4, "2. The exchange of students, which the Ministry of"),
             SourceLine(5, "Education proposed;"), SourceLine(6, "3. Trade.")]
    out = build_text(split_blocks(lines), InlineParser(load_rules(), "t"))
    [items] = [n for n in out if n.tag == "list"]
    points = [c for c in items.children if isinstance(c, Node)]
    assert [i.attrs["n"] for i in points] == ["1", "2", "3"]
    wrapped = "".join(c if isinstance(c, str) else " " for c in points[1].children)  # lb
    assert " ".join(wrapped.split()) == (
        "2. The exchange of students, which the Ministry of Education proposed;")


def test_roman_headings_over_points_numbered_another_way() -> None:
    """"III. SOME CONCLUSIONS" over "1) …" / "2) …": the Roman lines are the parts'
    headings and the points a list in the last part (all were list items)."""
    out = _build("I. INTERNAL PARTY SITUATION",
                 "Since the Party conference the struggle has been brought to an end.",
                 "II. SOME CONCLUSIONS",
                 "1) The position of Comrade Kim Il Sung is stronger than at any time.",
                 "2) Praise of his person in the press is growing.")
    assert [(n.tag, n.attrs.get("n")) for n in out] == [("div", "I"), ("div", "II")]
    assert [c.tag for c in out[1].children if isinstance(c, Node)] == ["head", "list"]


def test_a_letter_and_its_attachment_are_two_parts() -> None:
    """A letter signed without a closing greeting, then "ATTACHMENT" and the attached
    text: the letter a part of its own with its closer, the attachment an appendix (the
    heading was a line of the closer and the attachment a section)."""
    out = _build("In our opinion the Korean comrades are acting with great firmness.",
                 "Patria o Muerte", "José A. Tabares del Real", "ATTACHMENT",
                 "The Embassy has not been able to confirm either version of the events.")
    assert [(n.tag, n.attrs.get("type")) for n in out] == [("div", "letter"),
                                                           ("div", "appendix")]
    assert [c.tag for c in out[0].children if isinstance(c, Node)] == ["p", "closer"]


def test_a_treaty_s_chapters_hold_its_articles() -> None:
    """"Chapter I. General Provisions" over "Article I" (a short line): the chapter is a
    part holding its articles up to the next chapter (it was a closer's signature line)."""
    out = _build("Chapter I. General Provisions", "Article I",
                 "The Contracting Parties will continue to safeguard the peace of Asia.",
                 "Article II", "The Contracting Parties undertake jointly to prevent aggression.",
                 "Chapter II. Final Provisions", "Article III",
                 "The present Treaty is subject to ratification by both parties.")
    assert [(n.tag, n.attrs.get("type")) for n in out] == [("div", "chapter"),
                                                           ("div", "chapter")]
    articles = [[c.children[0].text() for c in chapter.children
                 if isinstance(c, Node) and c.tag == "div"] for chapter in out]
    assert articles == [["Article I", "Article II"], ["Article III"]]


def test_an_appendix_and_its_title_head_the_appendix() -> None:
    """"Appendix No. 2" / "Rates of payment for the training" / text: both lines head one
    appendix (the title made a section of its own, or the appendix a paragraph)."""
    out = _build("The expenses shall be paid by the Chinese side as the appendices say.",
                 "Appendix No. 1", "List of specialities",
                 "1) steel founders - 240 people;", "2) turners - 410 people.",
                 "Appendix No. 2", "Rates of payment for the training",
                 "For each trainee the Chinese side pays 350 rubles a month.")
    parts = [n for n in out if n.tag == "div"]
    assert [[h.text() for h in p.children if isinstance(h, Node) and h.tag == "head"]
            for p in parts] == [["Appendix No. 1", "List of specialities"],
                                ["Appendix No. 2", "Rates of payment for the training"]]


def test_signatures_side_by_side_are_no_heading() -> None:
    """Two signers' blocks of one shape ("Plenipotentiary of …" / name) before more text:
    the second is no part's heading."""
    texts = ["The present Treaty is subject to ratification by both parties.", "",
             "Plenipotentiary of the People's Republic of China", "Zhou Enlai", "",
             "Plenipotentiary of the Democratic People's Republic of Korea", "Kim Il Sung", "",
             "The text of the Treaty signed in Beijing, with its articles in chapters."]
    lines = [SourceLine(k + 1, t) for k, t in enumerate(texts)]
    out = build_text(split_blocks(lines), InlineParser(load_rules(), "t"))
    assert not [n for n in out if n.tag == "div"]


def test_an_enclosure_line_and_notes_on_the_signature_close_the_letter() -> None:
    """"Attachment: on 2 pages." before the signer's lines, "[Signature]" and "[Stamp: …]"
    after them: all lines of the closer (everything from the attachment line on was a
    postscript, the signature in it)."""
    out = _build("A draft resolution of the CC CPSU is attached to this letter.",
                 "Attachment: on 2 pages.", "Minister of Foreign Trade of the USSR",
                 "I. Kabanov", "[Signature]", "10 March 1955",
                 "[Stamp: General Department of the CC CPSU. Received 11 March 1955]")
    assert _tags(out) == ["p", "closer"]
    assert out[1].text().startswith("Attachment: on 2 pages.")


def test_an_address_to_one_person_opens_the_letter() -> None:
    """"To Comrade N. S. Khrushchev" above the text is the opener, not the heading of a
    part that holds the whole letter."""
    out = _build("To Comrade N. S. Khrushchev",
                 "The Ministry of Foreign Trade reports that the Korean side asks for more.",
                 "I. Kabanov")
    assert _tags(out)[:2] == ["opener", "p"]


def test_a_quotation_s_source_after_a_dash_is_no_heading() -> None:
    """"— V. Ilyin to the Deputy Minister, 1957" under a quoted paragraph: the source of
    the quotation, not the heading of a part holding the rest of the essay."""
    out = _build("The doctors wrote home about the conditions in the hospitals of the north.",
                 "“The hospital has no X-ray apparatus and the patients lie in the corridors.”",
                 "— V. Ilyin to the Deputy Minister of Health, 12 May 1957",
                 "Such reports reached Moscow every month, and the ministry answered them.")
    assert not [n for n in out if n.tag == "div"]
