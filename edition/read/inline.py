"""Phrase-level markup: from a line of source text to mixed text and nodes.

Recognised here (see docs/encoding.md): translators' square brackets (supplied
words, original-language words, ``[sic]``, ``[...]`` omissions, words that say a
passage is not there: ``[illegible]``, words that describe the original: ``[Stamp: …]``),
lost characters
``□``, restriction instructions and what they restrict, transmission errors listed
in the rules, references to other documents ("doc. 78") and footnote anchors that
the format reader has already located (given as placeholders).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from edition import regexes
from edition.apparatus import correction_node, form_span, next_correction
from edition.model import Node, el
from edition.rules import Rules

NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001"
SEG_START, SEG_END = "\ue002", "\ue003"
RESTRICTION = "\ue004"

# The scripts a translation keeps words of the original in, by their Unicode blocks, and
# their ISO 15924 codes: such words are a `foreign` of undetermined language in that
# script (und-Cyrl …): the script says what they are written in, not which language.
_SCRIPTS = (("Cyrl", "\u0400-\u04ff"), ("Hani", "\u3400-\u4dbf\u4e00-\u9fff"),
            ("Hang", "\u1100-\u11ff\uac00-\ud7af"), ("Jpan", "\u3040-\u30ff"),
            ("Arab", "\u0600-\u06ff"), ("Grek", "\u0370-\u03ff"), ("Mong", "\u1800-\u18af"))
_NON_LATIN = "[" + "".join(chars for _, chars in _SCRIPTS) + "]"
_SCRIPT_CLASSES = tuple((code, regexes.compile(f"[{chars}]")) for code, chars in _SCRIPTS)


def script_of(text: str) -> str | None:
    """The one non-Latin script of ``text``'s letters (ISO 15924), or None: Latin letters
    in it (a letter of no script listed), or several scripts."""
    found: set[str] = set()
    for ch in (ch for ch in text if ch.isalpha()):
        code = next((code for code, chars in _SCRIPT_CLASSES if chars.match(ch)), None)
        if code is None:
            return None
        found.add(code)
    return found.pop() if len(found) == 1 else None


_TOKENS = regexes.compile(
    "|".join(
        [
            rf"(?P<note>{NOTE_OPEN}(?P<note_key>\d+){NOTE_CLOSE})",
            rf"(?P<seg_start>{SEG_START}(?P<seg_key>\d+){NOTE_CLOSE})",
            rf"(?P<seg_end>{SEG_END})",
            rf"(?P<restriction>{RESTRICTION}(?P<restriction_key>\d+){NOTE_CLOSE})",
            r"(?P<omitted>\[\s*(?:\.\s*\.\s*\.|…)\s*\])",
            # a link as a saved page writes it: "[Minutes of …](https://…)", "<https://…>"
            r"(?P<link>\[(?P<link_text>[^\[\]\n]{1,300})\]\((?P<link_url>https?://[^\s()<>]+)\))",
            r"(?P<autolink><(?P<autolink_url>https?://[^\s<>]+)>)",
            r"(?P<sic> ?\[sic\])",
            r"(?P<bracket>\[(?P<bracket_text>[^\[\]\n]{1,600})\])",
            # words in round brackets, an event only if they tell of one: "(Applause)"
            r"(?P<paren>\((?P<paren_text>[^()\[\]\n]{1,80})\))",
            r"(?P<lost>□+)",
            # words in a script other than Latin ("北京大学", "траву"): the original's
            rf"(?P<script>{_NON_LATIN}+(?:[ -]{_NON_LATIN}+)*)",
            r"(?P<docref>\bdoc\. (?P<docref_n>\d{1,4}[a-z]?)\b)",
        ]
    )
)
# Words in brackets longer than this are read as brackets only when they are a note or
# say a passage is not there (rules.yml note_brackets, gap reasons); other long ones
# are the text's own, in its brackets
_LONG_BRACKET = 80
# what a note's sign holds in square brackets: a number, a letter
_SIGN = regexes.compile(r"\d{1,3}|[a-z]")


def _glued(top: Node) -> bool:
    """Whether the words so far end in no space (a sign right after a word or a stop)."""
    last = next((c for c in reversed(top.children) if c != ""), None)
    return last is not None and not (isinstance(last, str) and last[-1].isspace())
_SENTENCE_END = regexes.compile(r"[.!?][\"”’)]*\s+")
# the number expression a figure's restriction covers: "36,274 members", "500 thousand
# tons of grain"
_FIGURE = regexes.compile(
    r"(\d[\d.,]*(?:\s+(?:trillion|billion|million|thousand|hundred))?(?:\s+[a-z]+)?"
    r"(?:\s+of\s+[a-z]+)?)\s*$"
)
_NAME_WORD = regexes.compile(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?")
ALTERNATIVE_SIMILARITY = 0.7  # difflib ratio above which "Name [Nome]" is one name spelt twice
_SIC_SCOPE = regexes.compile(r"(?:(\d[\d,.]*)\s+)?(\S+)\s*$")


def reading_text(nodes: list[str | Node]) -> str:
    """The reading form of parsed text: corrections and regular forms taken, as plain text.

    For header fields (titles, call numbers) that must be plain strings yet should not
    repeat an error the corrections register corrects in the text.
    """
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif node.tag == "choice":
            shown = next((c for c in node.children if isinstance(c, Node)
                          and c.tag in ("corr", "reg")), None)
            out.append(reading_text(shown.children) if shown else node.text())
        elif node.tag in ("note", "gap", "lb"):
            out.append(" " if node.tag == "lb" else "")
        else:
            out.append(reading_text(node.children))
    return "".join(out)


def placeholder(key: int) -> str:
    """The marker a reader puts in a line where footnote ``key`` is anchored."""
    return f"{NOTE_OPEN}{key}{NOTE_CLOSE}"


@dataclass
class InlineParser:
    """Parses the lines of one document; holds its id counters."""

    rules: Rules
    doc_id: str
    notes: dict[int, Node] = field(default_factory=dict)
    restriction_count: int = 0
    _pending: dict[int, Node] = field(default_factory=dict)
    # a note's sign no note is printed for ("chapter 5.[a]"): (line, sign), for the
    # reader to warn about
    stray_signs: list[tuple[int, str]] = field(default_factory=list)

    def parse(self, text: str, line: int = 0) -> list[str | Node]:
        text = self._mark_restrictions(text, line)
        root = Node("#root", line=line)
        stack = [root]
        pos = 0
        while pos <= len(text):
            token = _TOKENS.search(text, pos)
            corr, corr_match = next_correction(self.rules, text, pos)
            span = form_span(corr, corr_match) if corr and corr_match else None
            if corr is not None and corr_match is not None and span is not None and (
                token is None or span[0] < token.start()
            ):
                stack[-1].append(text[pos:span[0]])
                stack[-1].append(correction_node(corr, corr_match, self.doc_id, line))
                pos = span[1]
                continue
            if token is None:
                stack[-1].append(text[pos:])
                break
            if token.group("paren") and self.rules.event(token.group("paren_text")) is None:
                # round brackets that tell of no event: the text's own, read on inside them
                stack[-1].append(text[pos:token.start() + 1])
                pos = token.start() + 1
                continue
            stack[-1].append(text[pos:token.start()])
            self._token(token, stack, line)
            pos = token.end()
            if token.end() == token.start():  # pragma: no cover - no empty tokens exist
                pos += 1
        if len(stack) != 1:  # an unclosed restricted segment: close it where the text ends
            del stack[1:]
        return root.children

    # -- tokens ---------------------------------------------------------------

    def _token(self, m: re.Match[str], stack: list[Node], line: int) -> None:
        kind = m.lastgroup
        top = stack[-1]
        if m.group("note"):
            top.append(self.notes[int(m.group("note_key"))])
        elif m.group("seg_start"):
            seg = el("seg", type="restricted", line=line,
                     xml_id=f"{self.doc_id}-r{m.group('seg_key')}")
            top.append(seg)
            stack.append(seg)
        elif m.group("seg_end"):
            if len(stack) > 1:
                stack.pop()
        elif m.group("restriction"):
            top.append(self._pending.pop(int(m.group("restriction_key"))))
        elif m.group("omitted"):
            top.append(el("gap", reason="omitted", line=line))
        elif m.group("link"):
            top.append(el("ref", *self.parse(m.group("link_text"), line),
                          target=m.group("link_url"), line=line))
        elif m.group("autolink"):
            top.append(el("ref", m.group("autolink_url"), target=m.group("autolink_url"),
                          line=line))
        elif m.group("sic"):
            self._sic(top, line)
        elif m.group("bracket"):
            inner = m.group("bracket_text")
            glued = _glued(top)
            if _SIGN.fullmatch(inner) and (glued or inner.isdigit()):
                # a note's number ("see note [1] above") or a sign right after a word
                # whose note is not printed ("5.[a]"): as printed, no supplied words
                top.append(m.group(0))
                if glued:
                    self.stray_signs.append((line, m.group(0)))
            elif len(inner) > _LONG_BRACKET and not (self.rules.is_note_bracket(inner)
                                                   or self.rules.gap_reason(inner)):
                # a long passage in brackets that says nothing of the original: as
                # printed, its words read as the text's
                top.append("[")
                top.extend(self.parse(inner, line))
                top.append("]")
            else:  # ("[Editor's note: …]", however long, is a note)
                self._bracket(top, inner, line)
        elif m.group("paren"):
            self._parenthesis(top, m.group("paren_text"), line)
        elif m.group("lost"):
            top.append(el("gap", reason="lost", quantity=str(len(m.group("lost"))),
                          unit="chars", line=line))
        elif m.group("script"):
            top.append(el("foreign", m.group(0), xml_lang=f"und-{script_of(m.group(0))}",
                          line=line))
        elif m.group("docref"):
            top.append(el("ref", m.group(0), type="unresolved", n=m.group("docref_n"), line=line))
        else:  # pragma: no cover - every group is handled above
            raise AssertionError(kind)

    def _bracket(self, top: Node, inner: str, line: int) -> None:
        """Words in square brackets, by what they are (edition/data/rules.yml): an
        original-language word, a statement that a passage is not there, an event, a sic
        with more words, a description of the original, a second romanisation, or (if
        none) words the translator supplied."""
        lang = self.rules.foreign_language(inner)
        if lang is None and (script := script_of(inner)) is not None:
            lang = f"und-{script}"  # "[траву]": the original's words, in their script
        if lang:
            top.append(el("foreign", inner, line=line, xml_lang=lang, rend="brackets"))
            return
        reason = self.rules.gap_reason(inner)
        if reason:  # "[illegible]": the translator says what is not there
            top.append(el("gap", el("desc", inner, line=line), reason=reason, line=line))
            return
        event = self.rules.event(inner)
        if event is not None:  # "[Laughs]": what happened while the words were said
            top.append(el(event.element, el("desc", inner, line=line), type=event.type,
                          rend="brackets", line=line))
            return
        if self.rules.is_sic_bracket(inner):  # "[sic - Beijing]", "[sic!]"
            self._mark_sic(top, line)
            top.append(self._translator_note(inner, line))
            return
        if self.rules.is_note_bracket(inner):  # "[Handwritten: …]"
            top.append(self._translator_note(inner, line))
            return
        if self.rules.is_editorial_bracket(inner):  # "[Excerpt]": the compilers' words
            top.append(self._translator_note(inner, line, "editorial"))
            return
        if not self._alternative(top, inner, line):
            top.append(el("supplied", *self.parse(inner, line), reason="translator", line=line))

    def _parenthesis(self, top: Node, inner: str, line: int) -> None:
        """Words in round brackets that tell what happened while the words were said
        ("(Applause)", "(Laughter in the hall)": rules.yml event_brackets; :meth:`parse`
        reads any other round brackets as the text's own)."""
        event = self.rules.event(inner)
        assert event is not None
        top.append(el(event.element, el("desc", inner, line=line), type=event.type,
                      rend="parentheses", line=line))

    def _translator_note(self, inner: str, line: int, kind: str | None = None) -> Node:
        """The words of a bracket as the translator's note where they stand (an editor's
        where it says so: "[Editor's note: …]", or where ``kind`` says so)."""
        kind = kind or self.rules.note_kind(inner) or "translator"
        return el("note", *self.parse(inner, line), type=kind, place="inline",
                  rend="brackets", line=line)

    @staticmethod
    def _alternative(top: Node, inner: str, line: int) -> bool:
        """``Pyeongan [Pyongan]``: a second romanisation of the name just printed.

        The bracket holds one to three capitalised words that are a spelling variant of
        as many words before it (each with the same initial, the letters similar: "Pak
        Heon-yeong [Pak Hon-yong]"): ``choice`` with the printed form as ``orig`` and the
        bracketed one as ``reg`` (printed in brackets, so kept).
        """
        last = top.children[-1] if top.children else None
        words = inner.split(" ")
        if not isinstance(last, str) or len(words) > 3 or not all(
                _NAME_WORD.fullmatch(w) for w in words):
            return False
        name = " ".join([_NAME_WORD.pattern] * len(words))
        m = re.search(r"(?<![\w-])(" + name + r") $", last)
        if not m or m.group(1) == inner or any(
                a[0] != b[0] for a, b in zip(m.group(1).split(" "), words, strict=True)):
            return False
        if SequenceMatcher(None, m.group(1).lower(), inner.lower()).ratio() < ALTERNATIVE_SIMILARITY:
            return False
        top.children[-1] = last[: m.start(1)]
        if not top.children[-1]:
            top.children.pop()
        top.append(el("choice", el("orig", m.group(1)), el("reg", inner, rend="brackets"),
                      line=line))
        return True

    def _sic(self, top: Node, line: int) -> None:
        """``[sic]``: mark the word (or number and word) before it as printed so; the
        element prints the bracket (``rend="bracket-sic"``)."""
        if not self._mark_sic(top, line, rend="bracket-sic"):
            top.append(el("sic", "", rend="bracket-sic", line=line))

    @staticmethod
    def _mark_sic(top: Node, line: int, rend: str | None = None) -> bool:
        """The word (or number and word) printed just before, put in a ``sic``; whether
        there was one."""
        last = top.children[-1] if top.children else None
        if not isinstance(last, str):
            return False
        m = _SIC_SCOPE.search(last)
        if not m:
            return False
        number, word = m.group(1), m.group(2)
        scope = word if number is None or re.fullmatch(r"[\d,.]+", word) else f"{number} {word}"
        start = last.rfind(scope)
        top.children[-1] = last[:start]
        if not top.children[-1]:
            top.children.pop()
        top.append(el("sic", scope, line=line) if rend is None
                   else el("sic", scope, rend=rend, line=line))
        if rend is None and last[start + len(scope):]:  # the space before the bracket
            top.append(last[start + len(scope):])  # (a bracket-sic prints its own)
        return True

    # -- restrictions -----------------------------------------------------------

    def _mark_restrictions(self, text: str, line: int) -> str:
        """Put segment markers around restricted words and a placeholder for the instruction."""
        while True:
            found = [(m.start(), order, m, r) for order, r in enumerate(self.rules.restrictions)
                     if (m := r.pattern.search(text))]
            if not found:
                break
            at, _, match, rule = min(found, key=lambda item: item[:2])
            instruction = match.group(0)
            before = text[:at].rstrip()
            if rule.scope == "figure" and (fig := _FIGURE.search(before)):
                start = fig.start(1)
            else:
                ends = list(_SENTENCE_END.finditer(before))
                start = ends[-1].end() if ends else len(before) - len(before.lstrip())
            self.restriction_count += 1
            key = self.restriction_count
            self._pending[key] = el("note", instruction, type="restriction", place="inline",
                                    target=f"#{self.doc_id}-r{key}", line=line)
            text = (text[:start] + f"{SEG_START}{key}{NOTE_CLOSE}" + before[start:] + SEG_END
                    + text[len(before):at] + f"{RESTRICTION}{key}{NOTE_CLOSE}"
                    + text[match.end():])
        return text
