"""Helpers shared by the format readers: credits, funders, archive references, chrome."""

from __future__ import annotations

import re

from edition.model import Resp, SourceLine
from edition.rules import Rules

_ROLE = re.compile(r"\b(obtained|translated|introduced|edited|transcribed) by\s+", re.IGNORECASE)
_FUNDER = re.compile(r"^This document was made possible with support from (?P<name>.+?)\.?$")


def parse_credits(text: str) -> list[Resp]:
    """'Obtained by A and translated by B and C.' → [obtained by A, translated by B, C]."""
    resps: list[Resp] = []
    parts = _ROLE.split(text)
    # parts: [before, role1, names1, role2, names2, ...]
    for role, names in zip(parts[1::2], parts[2::2], strict=True):
        names = names.strip().rstrip(".]").strip()
        names = re.split(r"\.\s", names)[0]  # stop at the end of the sentence
        names = re.sub(r"\s+and$", "", names)
        for name in re.split(r",\s*(?:and\s+)?|\s+and\s+", names):
            if name.strip():
                resps.append(Resp(f"{role.lower()} by", name.strip()))
    return resps


def parse_funder(text: str) -> str | None:
    m = _FUNDER.match(text.strip())
    return m.group("name") if m else None


def split_call_number(reference: str) -> tuple[str, str]:
    """'Shanxi Provincial Archives C54-1005-15' → ('Shanxi Provincial Archives', 'C54-1005-15')."""
    words = reference.split()
    for i, word in enumerate(words):
        if any(ch.isdigit() for ch in word):
            return " ".join(words[:i]), " ".join(words[i:])
    return reference, ""


def drop_chrome(lines: list[SourceLine], fmt: str, rules: Rules) -> list[SourceLine]:
    """The lines that are not site chrome, by the rules in ``rules.yml``.

    A dropped line's place is kept as a blank line so that block boundaries and
    line numbers stay as in the source.
    """
    tail_start = len(lines)
    for tail in rules.chrome_tail:
        if fmt in tail.formats:
            for i, line in enumerate(lines):
                if tail.start.match(line.text.strip()):
                    tail_start = min(tail_start, i)
                    break
    kept: list[SourceLine] = []
    for line in lines[:tail_start]:
        stripped = line.text.strip()
        if any(fmt in r.formats and r.pattern.match(stripped) for r in rules.chrome):
            kept.append(SourceLine(line.number, ""))
        else:
            kept.append(line)
    return kept
