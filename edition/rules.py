"""Editorial rules loaded once from ``edition/data/rules.yml`` into typed objects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from edition.errors import EditionError
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
    text: str
    scope: str  # "sentence" | "figure"


@dataclass(frozen=True)
class Correction:
    pattern: re.Pattern[str]
    correction: str
    kind: str  # "sic" | "orig"
    why: str


@dataclass(frozen=True)
class Rules:
    chrome: tuple[ChromeRule, ...]
    chrome_tail: tuple[ChromeTail, ...]
    foreign: dict[str, str]
    restrictions: tuple[Restriction, ...]
    corrections: tuple[Correction, ...]
    archives: dict[str, str]  # an archive's printed form → its name (archives.yml)
    future_cues: tuple[str, ...] = ()


def _compile(path: Path, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise EditionError(path, 0, 0, f"bad regular expression {pattern!r}: {exc}") from None


@cache
def load_rules(path: Path = DATA_DIR / "rules.yml") -> Rules:
    """Load and check the rules file (cached: loaded once per process)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
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
            restrictions=tuple(Restriction(r["text"], r["scope"]) for r in data["restrictions"]),
            corrections=tuple(
                Correction(_compile(path, r["pattern"]), r["correction"], r["kind"], r["why"])
                for r in data["corrections"]
            ),
            archives=load_vocabulary().archive_names(),
            future_cues=tuple(str(c) for c in data.get("future_cues", [])),
        )
    except (KeyError, TypeError) as exc:
        raise EditionError(path, 0, 0, f"the rules file lacks or misshapes {exc}") from None
