"""Editorial rules loaded once from ``edition/data/rules.yml`` into typed objects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from edition import regexes, yamlio
from edition.errors import EditionError
from edition.model import EVENT_ELEMENTS
from edition.paths import DATA_DIR
from edition.read.vocabulary import load_vocabulary


@dataclass(frozen=True)
class ChromeRule:
    formats: frozenset[str]
    pattern: re.Pattern[str]
    why: str


@dataclass(frozen=True)
class ChromeTail:
    formats: frozenset[str]
    start: re.Pattern[str]
    why: str


@dataclass(frozen=True)
class Restriction:
    pattern: re.Pattern[str]  # the instruction as printed (a `text` rule: that text only)
    scope: str  # "sentence" | "figure"


@dataclass(frozen=True)
class GapBracket:
    """Words in square brackets that say a passage is not there (rules.yml gap_brackets)."""

    pattern: re.Pattern[str]  # matches the whole of the words in the brackets
    reason: str


@dataclass(frozen=True)
class EventBracket:
    """Words in square brackets that say what happened while the words were spoken
    ("[Laughs]", "[Applause]"): rules.yml event_brackets."""

    pattern: re.Pattern[str]  # matches the whole of the words in the brackets
    element: str  # vocal, kinesic or incident (EVENT_ELEMENTS)
    type: str


CORRECTION_KINDS = ("sic", "orig", "surplus")


@dataclass(frozen=True)
class Correction:
    """One rule of the translation apparatus (see the comment in data/rules.yml)."""

    pattern: re.Pattern[str]
    correction: str
    kind: str  # "sic" | "orig" | "surplus"
    why: str
    id: str = ""
    resp: str = "#editors"


@dataclass(frozen=True)
class Rules:
    chrome: tuple[ChromeRule, ...]
    chrome_tail: tuple[ChromeTail, ...]
    foreign: dict[str, str]
    restrictions: tuple[Restriction, ...]
    corrections: tuple[Correction, ...]
    archives: dict[str, str]  # an archive's printed form → its name (archives.yml)
    future_cues: tuple[str, ...] = ()
    gap_brackets: tuple[GapBracket, ...] = ()
    note_brackets: tuple[re.Pattern[str], ...] = ()  # each matches the whole bracket
    sic_brackets: tuple[re.Pattern[str], ...] = ()  # each matches the whole bracket
    editorial_brackets: tuple[re.Pattern[str], ...] = ()  # each matches the whole bracket
    event_brackets: tuple[EventBracket, ...] = ()
    # (a pattern a word of a romanised original matches, its language)
    foreign_shapes: tuple[tuple[re.Pattern[str], str], ...] = ()

    def foreign_language(self, bracketed: str) -> str | None:
        """The language of the words in a square bracket when they are the original's:
        known words (``foreign``), or one to three words in lower case one of which has
        the shape of a romanised word (``foreign_shapes``); None for other words."""
        if bracketed in self.foreign:
            return self.foreign[bracketed]
        words = bracketed.split()
        if not 1 <= len(words) <= 3 or not all(_LOWER_WORD.fullmatch(w) for w in words):
            return None
        return next((lang for pattern, lang in self.foreign_shapes
                     if any(pattern.search(w) for w in words)), None)

    def event(self, bracketed: str) -> EventBracket | None:
        """The event the words in a square bracket tell of (None: they tell of none)."""
        words = _bracket_words(bracketed)
        return next((e for e in self.event_brackets if e.pattern.fullmatch(words)), None)

    def is_sic_bracket(self, bracketed: str) -> bool:
        """Whether the words in a square bracket mark the word before them as printed so,
        with more words than a bare ``[sic]`` ("sic!", "sic - Beijing")."""
        return _any_whole(self.sic_brackets, bracketed)

    def is_note_bracket(self, bracketed: str) -> bool:
        """Whether the words in a square bracket describe the original (a handwritten
        note, a stamp) or begin with a note's label ("Editor's note: …", formats.yml
        ``translator_notes``, as a paragraph does): a note, not supplied words."""
        return (_any_whole(self.note_brackets, bracketed)
                or self.note_kind(bracketed) is not None)

    @staticmethod
    def note_kind(bracketed: str) -> str | None:
        """The note the words in a square bracket are by their label: "translator",
        "editorial" ("[Editors’ note: …]", "[Note of the compilers: …]"), or None."""
        return load_vocabulary().letters.note_kind(bracketed)

    def is_editorial_bracket(self, bracketed: str) -> bool:
        """Whether the words in a square bracket are the editors' statement about the text
        as printed ("[Excerpt]", "[Abridged.]"): an editorial note, not supplied words."""
        return _any_whole(self.editorial_brackets, bracketed)

    def gap_reason(self, bracketed: str) -> str | None:
        """The reason of the gap that the words in a square bracket state (None: they
        are no such statement)."""
        words = _bracket_words(bracketed)
        return next((g.reason for g in self.gap_brackets if g.pattern.fullmatch(words)), None)


_LOWER_WORD = re.compile(r"[a-z][a-z'-]*")


def _bracket_words(bracketed: str) -> str:
    """The words in a square bracket as the patterns see them: without the spaces around
    them and a full stop that ends them ("[Text not published.]")."""
    words = bracketed.strip()
    return words[:-1].rstrip() if words.endswith(".") and not words.endswith("..") else words


def _any_whole(patterns: tuple[re.Pattern[str], ...], bracketed: str) -> bool:
    """Whether one of ``patterns`` matches all the words in a square bracket."""
    words = _bracket_words(bracketed)
    return any(pattern.fullmatch(words) for pattern in patterns)


def _event(path: Path, entry: dict[str, Any]) -> EventBracket:
    element, kind = str(entry["element"]), str(entry["type"])
    if kind not in EVENT_ELEMENTS.get(element, ()):
        raise EditionError(path, 0, 0, f"event_brackets: {element} of type {kind} is not one "
                           "the schema allows (" + "; ".join(
                               f"{e}: {', '.join(t)}" for e, t in EVENT_ELEMENTS.items()) + ")")
    return EventBracket(_bracket_pattern(path, entry["pattern"]), element, kind)


def _bracket_pattern(path: Path, pattern: object) -> re.Pattern[str]:
    """A pattern for the words in a square bracket: any letter case, and a space that
    matches a no-break space too."""
    return _compile(path, any_space(str(pattern)), re.IGNORECASE)


def _compile(path: Path, pattern: str, flags: int = 0) -> re.Pattern[str]:
    try:
        return regexes.compile(pattern, flags)
    except re.error as exc:
        raise EditionError(path, 0, 0, f"bad regular expression {pattern!r}: {exc}") from None


def any_space(pattern: str) -> str:
    """A literal space of a pattern (outside a character class) also matches a no-break
    space: the sources print U+00A0 between words where a space was typed."""
    out: list[str] = []
    in_class = escaped = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        elif ch == " " and not in_class:
            out.append("[ \u00a0]")
            continue
        out.append(ch)
    return "".join(out)


def _corrections(path: Path, entries: list[dict[str, str]]) -> tuple[Correction, ...]:
    out: list[Correction] = []
    seen: set[str] = set()
    for r in entries:
        rule_id = str(r["id"])
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", rule_id) or rule_id in seen:
            raise EditionError(path, 0, 0, f"correction id {rule_id!r} is not a unique "
                               "lowercase slug")
        if r["kind"] not in CORRECTION_KINDS:
            raise EditionError(path, 0, 0, f"correction {rule_id!r}: kind {r['kind']!r} is not "
                               f"one of {', '.join(CORRECTION_KINDS)}")
        if not str(r.get("why") or "").strip():
            raise EditionError(path, 0, 0, f"correction {rule_id!r} gives no reason (why)")
        seen.add(rule_id)
        out.append(Correction(_compile(path, any_space(r["pattern"])), str(r["correction"] or ""),
                              r["kind"], r["why"], rule_id, str(r.get("resp") or "#editors")))
    return tuple(out)


def _restriction(path: Path, rule: dict[str, str]) -> Restriction:
    """A restriction rule: its printed ``text`` exactly, or a ``pattern`` in any letter
    case."""
    if "pattern" in rule:
        pattern = _compile(path, any_space(rule["pattern"]), re.IGNORECASE)
    else:
        pattern = re.compile(re.escape(rule["text"]))
    return Restriction(pattern, rule["scope"])


@cache
def load_rules(path: Path = DATA_DIR / "rules.yml") -> Rules:
    """Load and check the rules file (cached: loaded once per process)."""
    try:
        data = yamlio.read(path, "cannot load the rules")
    except OSError as exc:
        raise EditionError(path, 0, 0, f"cannot load the rules: {exc}") from None
    try:
        return Rules(
            chrome=tuple(
                ChromeRule(frozenset(r["formats"]), _compile(path, r["pattern"]), r["why"])
                for r in data["chrome"]
            ),
            chrome_tail=tuple(
                ChromeTail(frozenset(r["formats"]), _compile(path, r["start"]), r["why"])
                for r in data["chrome_tail"]
            ),
            foreign=dict(data["foreign"]),
            restrictions=tuple(_restriction(path, r) for r in data["restrictions"]),
            corrections=_corrections(path, data["corrections"]),
            archives=load_vocabulary().archive_names(),
            future_cues=tuple(str(c) for c in data.get("future_cues", [])),
            gap_brackets=tuple(GapBracket(_bracket_pattern(path, g["pattern"]), str(g["reason"]))
                               for g in data.get("gap_brackets", [])),
            note_brackets=tuple(_bracket_pattern(path, n) for n in data.get("note_brackets", [])),
            sic_brackets=tuple(_bracket_pattern(path, n) for n in data.get("sic_brackets", [])),
            editorial_brackets=tuple(_bracket_pattern(path, n)
                                     for n in data.get("editorial_brackets", [])),
            event_brackets=tuple(_event(path, e) for e in data.get("event_brackets", [])),
            foreign_shapes=tuple((_compile(path, s["pattern"]), str(s["lang"]))
                                 for s in data.get("foreign_shapes", [])),
        )
    except (KeyError, TypeError) as exc:
        raise EditionError(path, 0, 0, f"the rules file lacks or misshapes {exc}") from None
