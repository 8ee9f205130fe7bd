"""A record of a conversation printed as turns: "Mao Zedong: We agree. …".

A paragraph that begins with a name and a colon is a turn. A part of a text whose
turns are three or more, by two speakers or more, one of them speaking again, is a
run of speeches: each turn becomes TEI's ``sp``, its ``speaker`` the name with its
colon as printed, its words a ``p``. Narration between the turns ("The conversation
was interrupted …") and labelled lines ("Subject: …", formats.yml ``not_speakers``)
stay paragraphs. One or two such paragraphs, or one speaker alone, are left as they
are: a label and its value look the same.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from edition.model import Node, el
from edition.read.vocabulary import load_vocabulary, note_label


@cache
def _turn() -> re.Pattern[str]:
    """One to five words, each capitalised (initials, and the small words of names
    between them: names.yml name_particles, "al-…"), and a colon."""
    from edition.detect import alternation, load_cues

    particles = alternation(load_cues().name_particles)
    small = rf"{particles}|al-\w+" if particles else r"al-\w+"
    return re.compile(rf"^(?P<speaker>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|{small}))"
                      r"{0,4}:)\s+(?=\S)")
_MIN_TURNS = 3


def _speaker(node: Node) -> re.Match[str] | None:
    """The turn's speaker, where the paragraph ``node`` begins with one."""
    first = node.children[0] if node.children else None
    if node.tag != "p" or not isinstance(first, str):
        return None
    m = _turn().match(first)
    if m is None or _not_a_speaker(m.group("speaker")[:-1]):
        return None
    return m


def _not_a_speaker(label: str) -> bool:
    low = note_label(label)
    return low in _labels() or any(
        x.startswith(low) for x in load_vocabulary().letters.translator_notes)


@cache
def _labels() -> frozenset[str]:
    """The labels that are no speaker's (lower case, without their colon or point): the
    vocabulary's not_speakers, the labelled lists', the postscripts' and enclosures'."""
    letters = load_vocabulary().letters
    marked = (x.lower() for x in (*letters.postscripts, *letters.enclosures))
    return frozenset({*letters.not_speakers, *(k.lower() for k, _ in letters.labelled_lists),
                      *(x[:-1] for x in marked if x.endswith((":", ".")))})


def speeches(div: Node) -> None:
    """Make the turns of ``div`` (and of its parts) speeches, where they are a run of
    them (module docstring)."""
    for child in div.children:
        if isinstance(child, Node) and child.tag == "div":
            speeches(child)
    turns = {i: m for i, c in enumerate(div.children)
             if isinstance(c, Node) and (m := _speaker(c)) is not None}
    who = Counter(m.group("speaker") for m in turns.values())
    if len(turns) < _MIN_TURNS or len(who) < 2 or max(who.values()) < 2:
        return
    for i, m in turns.items():
        p = div.children[i]
        assert isinstance(p, Node)
        first = p.children[0]
        assert isinstance(first, str)
        rest = first[m.end():]
        words = el("p", *([rest] if rest else []), line=p.line, **p.attrs)
        words.extend(p.children[1:])
        div.children[i] = el("sp", el("speaker", m.group("speaker"), line=p.line), words,
                             line=p.line)
