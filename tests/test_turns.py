"""A conversation printed as speakers' turns (edition/read/turns.py): who speaks."""

from __future__ import annotations

import pytest

from edition.model import el
from edition.read.turns import speeches


def _speakers(*paragraphs: str) -> list[str]:
    div = el("div", *(el("p", text, line=n) for n, text in enumerate(paragraphs, 1)))
    speeches(div)
    return [child.children[0].text() for child in div.children
            if not isinstance(child, str) and child.tag == "sp"]


@pytest.mark.parametrize(("first", "second"), [
    ("Mao Zedong", "Pavel Yudin"),
    # the small words of names (names.yml name_particles)
    ("Pierre du Pont", "Ana del Río"),
    ("Charles de Gaulle", "Jan ter Horst"),
    ("Abdul Rahman bin Ahmad", "Gamal Abdel Nasser"),
])
def test_each_turn_s_speaker_is_the_whole_name(first: str, second: str) -> None:
    assert _speakers(f"{first}: We agree.", f"{second}: So do we.",
                     f"{first}: Then it is settled.") == [f"{first}:", f"{second}:", f"{first}:"]


def test_a_note_s_label_is_no_speaker() -> None:
    assert _speakers("Mao Zedong: We agree.", "Translator’s note: a word is illegible.",
                     "Pavel Yudin: So do we.", "Mao Zedong: Settled.") == [
        "Mao Zedong:", "Pavel Yudin:", "Mao Zedong:"]
