"""The translation apparatus: the corrections of data/rules.yml as TEI, and back.

A rule matches an erroneous form wherever it occurs (read/inline.py asks here for
the nodes of each match). Each correction points with ``@ana`` at a category in its
document's header (``encodingDesc/classDecl/taxonomy``) that gives the rule's reason,
so that every TEI file carries its own apparatus: the reading view shows the reason
beside the source form, and the corrections page lists them all.

    <choice ana="#scr-095-corr-airlines"><sic>civil overhead lines</sic>
      <corr resp="#editors">civil airlines</corr></choice>
    <surplus reason="repeated" resp="#editors" ana="#scr-074-corr-repeated-fragment">…</surplus>
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from edition.model import Node, el
from edition.rules import Correction, Rules

TAXONOMY = "corrections"
EDITORS = "editors"  # the xml:id of the respStmt every header declares
EDITORS_RESP = "corrections and regularisations of the source text (the apparatus)"
EDITORS_NAME = "the editors of the Cold War Documents Edition"


def category_id(doc_id: str, rule_id: str) -> str:
    return f"{doc_id}-corr-{rule_id}"


def form_span(corr: Correction, match: re.Match[str]) -> tuple[int, int]:
    """Where the marked form is: the ``form`` group if the pattern has one, else all."""
    if "form" in corr.pattern.groupindex and match.group("form") is not None:
        return match.span("form")
    return match.span()


def correction_node(corr: Correction, match: re.Match[str], doc_id: str,
                    line: int = 0) -> Node:
    """The node that stands for the marked form of one match of a rule."""
    start, end = form_span(corr, match)
    found = match.string[start:end]
    ana = "#" + category_id(doc_id, corr.id)
    if corr.kind == "surplus":
        return el("surplus", found, reason="repeated", resp=corr.resp, ana=ana, line=line)
    shown = match.expand(corr.correction)
    source, target = ("orig", "reg") if corr.kind == "orig" else ("sic", "corr")
    return el("choice", el(source, found), el(target, shown, resp=corr.resp), ana=ana,
              line=line)


_MARKERS = re.compile("[\ue000-\ue004]")  # placeholders of notes and restrictions


@cache
def required_text(pattern: re.Pattern[str]) -> str | None:
    """Words every match of ``pattern`` holds, as they stand: the longest run of plain
    characters the pattern asks for one after the other at its top level ("DRPK" in
    ``\\bDRPK\\b``); None when it asks for none of two characters or more, or matches
    without regard to case. A text without them cannot match, and is not searched
    (most rules match in no text: at 1,000 documents the rules were a fifth of the
    conversion, nearly all of it searches that found nothing)."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:  # (the standard library's own parser: the pattern as the engine reads it)
        from re import _constants, _parser  # type: ignore[attr-defined]

        items = list(_parser.parse(pattern.pattern, pattern.flags))
        literal = _constants.LITERAL
    except Exception:  # another Python's internals: every text is searched
        return None
    best, run = "", ""
    for op, value in items:
        run = run + chr(value) if op is literal else ""
        best = max(best, run, key=len)
    return best if len(best) >= 2 else None


def _first_match(corr: Correction, text: str, pos: int) -> re.Match[str] | None:
    """The first match whose marked form starts at or after ``pos`` and holds no note
    or restriction placeholder. A rule with a ``form`` group may need context before
    ``pos`` (the first of two copies), so it is matched from the start of the text."""
    required = required_text(corr.pattern)
    if required is not None and required not in text:
        return None
    has_form = "form" in corr.pattern.groupindex
    for m in corr.pattern.finditer(text, 0 if has_form else pos):
        start, end = form_span(corr, m)
        if start >= pos and end > start and not _MARKERS.search(text, start, end):
            return m
    return None


def next_correction(rules: Rules, text: str,
                    pos: int = 0) -> tuple[Correction | None, re.Match[str] | None]:
    """The rule whose marked form starts first at or after ``pos`` (the earlier rule in
    the rules file on a tie)."""
    best: tuple[Correction | None, re.Match[str] | None] = (None, None)
    best_start = len(text) + 1
    for corr in rules.corrections:
        m = _first_match(corr, text, pos)
        if m is not None and form_span(corr, m)[0] < best_start:
            best, best_start = (corr, m), form_span(corr, m)[0]
    return best


def corrected(text: str, rules: Rules) -> str:
    """A plain string (a title, a call number) as the reading view reads it."""
    out: list[str] = []
    pos = 0
    while True:
        corr, m = next_correction(rules, text, pos)
        if corr is None or m is None:
            out.append(text[pos:])
            return "".join(out)
        start, end = form_span(corr, m)
        out.append(text[pos:start])
        if corr.kind != "surplus":
            out.append(m.expand(corr.correction))
        pos = end


def used_rules(nodes: Iterable[Node], doc_id: str, rules: Rules) -> list[Correction]:
    """The rules a document's corrections point at, in the order of the rules file."""
    prefix = "#" + category_id(doc_id, "")
    used = {n.attrs["ana"][len(prefix):] for n in nodes
            if n.tag in ("choice", "surplus") and n.attrs.get("ana", "").startswith(prefix)}
    return [corr for corr in rules.corrections if corr.id in used]
