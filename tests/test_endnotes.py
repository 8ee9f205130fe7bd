"""Endnotes printed after a text (edition/read/endnotes.py): which trailing blocks are
notes, and which signs in the text are their anchors."""

from __future__ import annotations

from edition.model import Node, SourceLine
from edition.read import endnotes
from edition.read.inline import InlineParser
from edition.read.structure import Block, split_blocks
from edition.rules import load_rules


def _blocks(text: str) -> list[Block]:
    return split_blocks([SourceLine(k + 1, line) for k, line in enumerate(text.split("\n"))])


def _anchored(text: str) -> tuple[list[str], list[str]]:
    """(the anchored notes' numbers, the text's lines after anchoring)."""
    parser = InlineParser(load_rules(), "d")
    rest, notes = endnotes.split(_blocks(text), trailing=True)
    found = endnotes.Endnotes(notes, parser, "d")
    lines = [line.text for b in rest for line in found.anchor(b).lines]
    return sorted(found.used), lines


def test_notes_in_parentheses_are_anchored_at_their_signs() -> None:
    used, lines = _anchored("The city was destroyed.(1) It was rebuilt.(2)\n\n"
                            "(1) See Armstrong, 12.\n\n(2) Ibid., 14.")
    assert used == ["1", "2"] and "(1)" not in lines[0] and "(2)" not in lines[0]


def test_points_in_parentheses_at_the_end_are_no_notes() -> None:
    """"(1) …", "(2) …" closing a text whose words print no sign "(1)" after a word: the
    text's numbered points, not its notes."""
    text = "The plan had two aims:\n\n(1) to train engineers;\n\n(2) to build plants."
    rest, notes = endnotes.split(_blocks(text), trailing=True)
    assert notes == [] and len(rest) == 3


def test_a_sign_in_parentheses_is_no_anchor_of_a_note_in_brackets() -> None:
    """"Article 5(1)" before the sign "[1]": the note "[1] …" stands at "[1]"."""
    used, lines = _anchored("Under Article 5(1) of the treaty the troops left.[1]\n\n"
                            "[1] Treaty text, 3.")
    assert used == ["1"] and "5(1)" in lines[0] and "[1]" not in lines[0]


def test_a_note_node_per_sign() -> None:
    parser = InlineParser(load_rules(), "d")
    _, notes = endnotes.split(_blocks("Text.(1)\n\n(1) A note."), trailing=True)
    found = endnotes.Endnotes(notes, parser, "d")
    assert isinstance(found.notes["1"], Node) and found.notes["1"].attrs["n"] == "1"
