"""Phrase-level phenomena of edition/read/inline.py on lines they were not written
from: restriction instructions in other wordings, and words in square brackets that
say a passage is not there (illegible, missing, left out, not translated), describe
the original, mark a word as printed so, or tell what happened while the words were
said, rather than supply words."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FILES, ROOT
from lxml import html

from edition.errors import EditionError
from edition.model import Node
from edition.read.inline import InlineParser
from edition.rules import load_rules


def _parse(text: str) -> list[str | Node]:
    return InlineParser(load_rules(), "t").parse(text, 7)


def _only(nodes: list[str | Node], tag: str) -> list[Node]:
    return [n for n in nodes if isinstance(n, Node) and n.tag == tag]


@pytest.mark.parametrize(("line", "restricted", "instruction"), [
    # the seeds' wordings
    ("They had 36,274 members (do not announce this figure) in the city.",
     "36,274 members", "(do not announce this figure)"),
    ("The talks went well. The army will move north (do not announce this).",
     "The army will move north", "(do not announce this)"),
    # other wordings of the same instruction
    ("They sent 1,200 tons (do not announce these figures) of grain last year.",
     "1,200 tons", "(do not announce these figures)"),
    ("They will send 500 thousand tons of grain (do not announce this figure) to Korea.",
     "500 thousand tons of grain", "(do not announce this figure)"),
    ("The talks went well. The army will move north (Do not publish this).",
     "The army will move north", "(Do not publish this)"),
    ("The talks went well. The delegation leaves on Monday (not to be announced).",
     "The delegation leaves on Monday", "(not to be announced)"),
    ("The talks went well. Five divisions remain (do not make this public).",
     "Five divisions remain", "(do not make this public)"),
    ("The talks went well. The loan is 300 million roubles (not for publication).",
     "The loan is 300 million roubles", "(not for publication)"),
    # what is withheld named, and until when (they were plain text: a probe of new pages)
    ("The talks went well. He flies via Rangoon on April 14 (do not announce this date).",
     "He flies via Rangoon on April 14", "(do not announce this date)"),
    ("The talks went well. Four more are released (do not announce this until the "
     "official communiqué).", "Four more are released",
     "(do not announce this until the official communiqué)"),
])
def test_a_restriction_instruction_in_its_wordings(line: str, restricted: str,
                                                   instruction: str) -> None:
    nodes = _parse(line)
    [seg] = _only(nodes, "seg")
    [note] = _only(nodes, "note")
    assert seg.attrs["type"] == "restricted" and seg.text() == restricted
    assert note.attrs["type"] == "restriction" and note.text() == instruction
    assert note.attrs["target"] == f"#{seg.attrs['xml:id']}"


@pytest.mark.parametrize("line", [
    "We do not announce our plans in advance (as a rule).",
    "The newspapers (which do not publish this kind of report) were silent.",
])
def test_words_about_announcing_are_no_instruction(line: str) -> None:
    assert not _only(_parse(line), "seg")


@pytest.mark.parametrize(("bracket", "reason"), [
    ("illegible", "illegible"), ("Illegible", "illegible"),
    ("two words illegible", "illegible"), ("illegible signature", "illegible"),
    ("signature illegible", "illegible"), ("one character unreadable", "illegible"),
    ("page missing", "missing"), ("text missing", "missing"),
    ("page 3 of the original is missing", "missing"), ("missing in the original", "missing"),
    ("remainder not translated", "untranslated"), ("not translated", "untranslated"),
    ("text omitted", "omitted"), ("passage omitted", "omitted"), ("omitted", "omitted"),
    ("Text not published.", "omitted"), ("The rest of the document is not published.",
                                         "omitted"),
    ("the enclosure is not reproduced here", "omitted"), ("Illegible.", "illegible"),
    ("Inaudible.", "inaudible"), ("two words inaudible", "inaudible"),
])
def test_a_bracket_that_says_a_passage_is_not_there_is_a_gap(bracket: str,
                                                            reason: str) -> None:
    nodes = _parse(f"The Soviet comrades [{bracket}] the question of the dispute.")
    assert not _only(nodes, "supplied")
    [gap] = _only(nodes, "gap")
    assert gap.attrs["reason"] == reason
    # the printed words are kept, as the gap's description
    [desc] = [c for c in gap.children if isinstance(c, Node)]
    assert desc.tag == "desc" and desc.text() == bracket


@pytest.mark.parametrize("bracket", [
    "North", "we", "the missing documents", "illegible trade", "Soviet", "agreement",
    "the text published", "published",
])
def test_other_brackets_stay_supplied_words(bracket: str) -> None:
    nodes = _parse(f"The [{bracket}] delegation arrived.")
    [supplied] = _only(nodes, "supplied")
    assert supplied.text() == bracket and not _only(nodes, "gap")


def _main_of_views(variant: str) -> dict[str, html.HtmlElement]:
    """The <main> of both views of a variant page's one document, rendered."""
    from edition.convert import read_documents
    from edition.encode import encode
    from edition.manifest import SeedConfig
    from edition.render import VIEWS, Renderer

    seed = FILES / "variants" / variant
    [doc] = read_documents(seed.name, seed.read_bytes(), SeedConfig(), load_rules())
    renderer = Renderer(stylesheets=VIEWS)
    renderer.set_context(build_date="2026-01-01")
    doc_id = doc.meta.doc_id
    pages = renderer.render_document(encode(doc), f"{doc_id}.xml")
    mains = {view: html.fromstring(pages[f"{view}/{doc_id}.html"]).find(".//main")
             for view in ("diplomatic", "reading")}
    assert all(m is not None for m in mains.values())
    return mains  # type: ignore[return-value]


def test_both_views_show_the_printed_words_of_a_gap_and_the_restrictions() -> None:
    mains = _main_of_views("webpage/w20-gaps-and-restrictions.txt")

    def main(view: str) -> html.HtmlElement:
        return mains[view]

    diplomatic = " ".join(main("diplomatic").text_content().split())
    for printed in ("comrades [illegible] the question", "We agree. [Remainder not translated]",
                    "[page 3 of the original is missing]", "in May (not to be announced).",
                    "400 trucks (do not announce these figures)"):
        assert printed in diplomatic, printed
    reading = main("reading")
    gaps = {g.get("class"): " ".join(g.text_content().split())
            for g in reading.xpath(".//*[contains(@class, 'gap-')]")}
    assert gaps == {"gap gap-illegible": "[illegible]",
                    "gap gap-untranslated": "[Remainder not translated]",
                    "gap gap-missing": "[page 3 of the original is missing]"}
    restricted = reading.xpath(".//mark[contains(@class, 'restricted')]")
    words = [" ".join(m.xpath("string(.//*[@class='restricted-words'])").split())
             .removeprefix("Restricted passage: ") for m in restricted]
    assert words == ["400 trucks", "Our delegation will go to Moscow in May"]


@pytest.mark.parametrize("bracket", [
    'Handwritten in the margin: "Inform Cde. Khrushchev"', "handwritten", "Stamp: Received",
    "Signature", "Seal of the Embassy", "Translator's note: the Russian has 'zakalka'",
    "Note: the date is unclear", "Marginal note: agreed", "Crossed out: and Korea",
    "Two lines are crossed out in the original.", "a word underlined",
    # a picture of the original described (it was words the translator supplied)
    "Image: Kim Il Sung speaks at the mourning meeting on Stalin Square, Pyongyang",
    "Photograph of the delegation",
])
def test_a_bracket_that_describes_the_original_is_the_translator_s_note(bracket: str) -> None:
    nodes = _parse(f"The delegation will arrive on Monday. [{bracket}]")
    assert not _only(nodes, "supplied")
    [note] = _only(nodes, "note")
    assert note.attrs == {"type": "translator", "place": "inline", "rend": "brackets"}
    assert note.text() == bracket


@pytest.mark.parametrize("bracket", [
    "Editor's note: the telegram's second page was not found",
    "Editors’ note: the map is not reproduced", "EDITORIAL NOTE: see document 12",
    # the paragraphs' labels (formats.yml translator_notes) say it in brackets too
    "Note of the compilers: the enclosure was not found",
    "Compilers' note: a copy is in the Foreign Ministry's archive",
])
def test_a_bracket_the_editors_sign_is_their_note(bracket: str) -> None:
    [note] = _only(_parse(f"The delegation will arrive on Monday. [{bracket}]"), "note")
    assert note.attrs == {"type": "editorial", "place": "inline", "rend": "brackets"}
    assert note.text() == bracket


@pytest.mark.parametrize("bracket", ["Stampede", "Notes", "Sealed", "signatures of both"])
def test_other_brackets_are_no_translator_s_note(bracket: str) -> None:
    assert not _only(_parse(f"The [{bracket}] arrived."), "note")


@pytest.mark.parametrize(("line", "word", "bracket"), [
    ("The talks took place in Kaesong [sic - Beijing] in May.", "Kaesong", "sic - Beijing"),
    ("The talks took place in Kaesong [sic: Beijing] in May.", "Kaesong", "sic: Beijing"),
    ("He arrived on 31 June [sic; should be 1 July].", "31 June", "sic; should be 1 July"),
    ("They sent 1,200 tons [sic!] of grain.", "1,200 tons", "sic!"),
    ("The Embasy [SIC] replied.", "Embasy", "SIC"),
    ("The Embasy [Sic] replied.", "Embasy", "Sic"),
])
def test_a_sic_with_more_words_marks_the_word_and_keeps_them(line: str, word: str,
                                                               bracket: str) -> None:
    """"[sic - Beijing]": the word before is a sic, and the bracket's words the
    translator's note after it (not words the translator supplied)."""
    nodes = _parse(line)
    assert not _only(nodes, "supplied")
    [sic] = _only(nodes, "sic")
    assert sic.text() == word and "rend" not in sic.attrs
    [note] = _only(nodes, "note")
    assert note.attrs == {"type": "translator", "place": "inline", "rend": "brackets"}
    assert note.text() == bracket
    between = nodes[nodes.index(sic) + 1:nodes.index(note)]
    assert all(isinstance(n, str) and not n.strip() for n in between)
    printed = "".join(n if isinstance(n, str) else n.text() if n.tag != "note"
                      else f"[{n.text()}]" for n in nodes)
    assert printed == line, "every printed word kept, in its place"


@pytest.mark.parametrize("bracket", ["sick", "Sichuan", "sicut"])
def test_words_beginning_with_sic_are_no_sic(bracket: str) -> None:
    nodes = _parse(f"The [{bracket}] arrived.")
    assert not _only(nodes, "sic") and not _only(nodes, "note")


def test_a_record_s_stamp_endnotes_and_translator_s_notes_in_both_views() -> None:
    for view, main in _main_of_views("record/r12-stamp-notes-handwritten.txt").items():
        notes = [" ".join(n.text_content().split())
                 for n in main.xpath(".//*[contains(@class, 'note-brackets')]")]
        assert notes == ['[Handwritten in the margin: "Inform Cde. Khrushchev"]',
                         "[Stamp: Received 7 June 1958]"], view
        # the endnotes are notes at their anchors: their words follow the text's
        words = " ".join(main.text_content().split())
        assert words.index("at his request.") < words.index("A. Puzanov") < words.index(
            "The conversation took place in Pyongyang.", words.index("A. Puzanov")), view


@pytest.mark.parametrize(("bracket", "element", "kind"), [
    ("Laughs", "vocal", "laughter"), ("laughter", "vocal", "laughter"),
    ("General laughter", "vocal", "laughter"), ("Applause", "kinesic", "applause"),
    ("Stormy and prolonged applause", "kinesic", "applause"),
    ("Prolonged applause. All rise", "kinesic", "applause"),
    ("Nods", "kinesic", "gesture"), ("shrugs his shoulders", "kinesic", "gesture"),
    ("Pause", "incident", "pause"), ("Noise in the hall", "incident", "noise"),
])
def test_a_bracket_that_tells_what_happened_is_an_event(bracket: str, element: str,
                                                        kind: str) -> None:
    """"[Laughs]" in a record of a conversation: not words the translator supplied, but
    what happened while the words were said, its printed words kept as the desc."""
    nodes = _parse(f"We will not give up Taiwan. [{bracket}] The question is closed.")
    assert not _only(nodes, "supplied")
    [event] = _only(nodes, element)
    assert event.attrs == {"type": kind, "rend": "brackets"}
    [desc] = [c for c in event.children if isinstance(c, Node)]
    assert desc.tag == "desc" and desc.text() == bracket


@pytest.mark.parametrize("bracket", ["laughing matter", "Applause Committee", "pauses",
                                     "the noise", "nodes"])
def test_other_brackets_are_no_event(bracket: str) -> None:
    nodes = _parse(f"The [{bracket}] arrived.")
    assert not any(_only(nodes, e) for e in ("vocal", "kinesic", "incident"))


def test_an_event_the_schema_does_not_allow_is_a_clear_error(tmp_path: Path) -> None:
    """An editor's event_brackets entry of a type our schema lacks is refused when the
    rules are read, naming the file and what the schema allows, not written into TEI
    that fails validation."""
    rules = (ROOT / "edition" / "data" / "rules.yml").read_text(encoding="utf-8")
    changed = tmp_path / "rules.yml"
    changed.write_text(rules.replace("    type: laughter\n", "    type: giggle\n", 1),
                       encoding="utf-8")
    with pytest.raises(EditionError) as caught:
        load_rules.__wrapped__(changed)  # (not the cached rules)
    assert str(changed) in str(caught.value)
    assert "vocal of type giggle" in caught.value.message
    assert "vocal: laughter" in caught.value.message


def test_a_link_as_a_saved_page_writes_it_is_a_ref() -> None:
    """"[words](https://…)" and "<https://…>" in a text are links: the words (or the
    address) linked to the address, not words the translator supplied and a bare URL;
    only http(s) addresses are links."""
    nodes = _parse("See [Minutes of the Conversation, 12 May 1958](https://example.org/doc/121490)"
                   " and <https://example.org/x>, not [this](javascript:alert(1)).")
    refs = _only(nodes, "ref")
    assert [(r.attrs["target"], r.text()) for r in refs] == [
        ("https://example.org/doc/121490", "Minutes of the Conversation, 12 May 1958"),
        ("https://example.org/x", "https://example.org/x")]
    [supplied] = _only(nodes, "supplied")
    assert supplied.text() == "this"


def test_a_whole_name_spelt_twice_is_one_choice() -> None:
    """"Pak Heon-yeong [Pak Hon-yong]": the bracket spells the name before it again (as
    many words, each with its initial): one choice, the printed form and the second;
    "the Kim [Il Sung] group" stays supplied words."""
    nodes = _parse("He met Pak Heon-yeong [Pak Hon-yong] in the evening.")
    [choice] = _only(nodes, "choice")
    assert [(c.tag, c.text()) for c in choice.children if isinstance(c, Node)] == [
        ("orig", "Pak Heon-yeong"), ("reg", "Pak Hon-yong")]
    assert _only(_parse("the Kim [Il Sung] group"), "supplied")


@pytest.mark.parametrize(("line", "words", "lang", "brackets"), [
    ("Peking University (北京大学) admitted them.", "北京大学", "und-Hani", False),
    ("the word [траву] was used", "траву", "und-Cyrl", True),
    ("the slogan 천리마 spread", "천리마", "und-Hang", False),
])
def test_words_in_another_script_are_the_original_s(line: str, words: str, lang: str,
                                                     brackets: bool) -> None:
    """Words kept in the original's script are a foreign of undetermined language in that
    script (ISO 15924): the script is what the page shows, not which language (Cyrillic
    in brackets was the translator's supplied words)."""
    [foreign] = _only(_parse(line), "foreign")
    assert foreign.text() == words and foreign.attrs["xml:lang"] == lang
    assert (foreign.attrs.get("rend") == "brackets") is brackets
    assert not _only(_parse(line), "supplied")


@pytest.mark.parametrize("line", ["Cm. doc. 105.", "Cm. also doc. 105.", "Cm. note 3."])
def test_the_russian_see_read_as_latin_letters_is_corrected(line: str) -> None:
    """"Cm." (the Russian "См.", "see") before a reference is corrected wherever it
    stands ("Cm. also doc. 105" in a document's text was left: a probe of further
    collection pages)."""
    [choice] = _only(_parse(line), "choice")
    assert [(c.tag, c.text()) for c in choice.children if isinstance(c, Node)] == [
        ("sic", "Cm."), ("corr", "See")]


@pytest.mark.parametrize(("line", "printed", "name"), [
    ("See also Truth. 1955. 12 Oct.", "Truth", "Pravda"),
    ("See News. 1957. 3 May.", "News", "Izvestia"),
])
def test_the_newspapers_translated_names_of_any_year(line: str, printed: str,
                                                      name: str) -> None:
    """"Truth. 1955." is Pravda as "Truth. 1954." is (the rules named the seed's year
    only: a probe of further collection pages)."""
    [choice] = _only(_parse(line), "choice")
    assert [(c.tag, c.text()) for c in choice.children if isinstance(c, Node)] == [
        ("orig", printed), ("reg", name)]


@pytest.mark.parametrize(("line", "words"), [
    # romanised Russian words glossing the English before them: a soft sign's apostrophe,
    # endings and letters that English words do not have (rules.yml foreign_shapes)
    ('Kim was "hardened [zakalennyi]" by the war.', "zakalennyi"),
    ("He praised their modesty [skromnost'] at length.", "skromnost'"),
    ("The word juche [chuch'e] first appeared in 1955.", "chuch'e"),
    ("It meant independence [samostoyatel'nost'] from everybody.", "samostoyatel'nost'"),
    ('He called it "adventurism [avantyurizm]."', "avantyurizm"),
    ("a sharp [ostryy] reply", "ostryy"),
])
def test_a_romanised_word_in_brackets_is_the_original_s(line: str, words: str) -> None:
    nodes = _parse(line)
    assert not _only(nodes, "supplied")
    [foreign] = _only(nodes, "foreign")
    assert foreign.text() == words and foreign.attrs["xml:lang"] == "ru-Latn"


@pytest.mark.parametrize("line", [
    "asked for 30,000 tons [of] wheat", "do a good job [and] do not do poorly",
    "the [North] Korean side", "[we] agreed", "the [agreement] was signed",
    "the [Soviet] specialists", "they sent [khaki] uniforms", "[the students'] letters",
    "it [was] signed", "the [nineteenth] congress",
])
def test_english_words_in_brackets_stay_supplied(line: str) -> None:
    nodes = _parse(line)
    assert _only(nodes, "supplied") and not _only(nodes, "foreign")
