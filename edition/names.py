"""Names of persons, places and organisations in the text, linked to the registers.

The forms of the register entries are looked for in the text as the source prints
it: a translator's supplied words with their brackets ("[North] Korea"), the source
reading of a correction ("DRPK"). A form is matched case-sensitively, as whole words,
the longest first; a match never overlaps another name or a date, and never cuts an
element in two (it may contain whole supplied words or corrections). A form listed
under ``in:`` for some documents means that entry only there, and wins there over
the same form elsewhere.

Only the document's own text is annotated: not the source's header block, nor a
collection document's heading and source lines (see ../shared/gold/GUIDELINES.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from edition.model import Document, Node, el
from edition.registers import Entry, Registers

TAGS = {"person": "persName", "place": "placeName", "org": "orgName"}
REGISTER_FILE = "registers.xml"
_CONTAINERS = {"p", "item", "head", "salute", "signed", "note", "quote", "seg", "opener",
               "closer", "supplied", "byline"}
_SKIP = {"date", "ref", "persName", "placeName", "orgName", "title", "idno", "bibl", "label",
         "gap", "lb", "milestone", "foreign", "choice", "docDate", "docTitle"}
_INSIDE_NAMES = {"supplied", "choice", "sic"}  # what a name may hold whole
BARRIER = "\x00"  # stands for what a name cannot run through (a note, a gap)


def _diplomatic(node: Node) -> str:
    """The text of an inline element as the source prints it."""
    if node.tag in ("note", "gap"):
        return BARRIER
    if node.tag == "lb":
        return " "
    if node.tag == "choice":
        source = next((c for c in node.children if isinstance(c, Node)
                       and c.tag in ("sic", "orig")), None)
        printed = next((c for c in node.children if isinstance(c, Node) and c.tag == "reg"
                        and c.attrs.get("rend") == "brackets"), None)
        if source and printed:  # "Pyeongan [Pyongan]": both forms are printed
            return f"{_diplomatic(source)} [{_diplomatic(printed)}]"
        return _diplomatic(source) if source else ""
    inner = "".join(c if isinstance(c, str) else _diplomatic(c) for c in node.children)
    if node.tag == "supplied" or (node.tag == "foreign" and node.attrs.get("rend") == "brackets"):
        return f"[{inner}]"
    if node.tag == "sic" and node.attrs.get("rend") == "bracket-sic":
        return f"{inner} [sic]"
    return inner


@dataclass
class Matcher:
    pattern: re.Pattern[str] | None
    entries: dict[str, Entry]  # form → entry


def _matcher(forms: dict[str, Entry]) -> Matcher:
    if not forms:
        return Matcher(None, {})
    alternatives = sorted(forms, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w\[])(?:" + "|".join(re.escape(f) for f in alternatives)
                         + r")(?![\w\]])")
    return Matcher(pattern, forms)


class NameAnnotator:
    """Compiled once per register set; annotates one document at a time."""

    def __init__(self, registers: Registers) -> None:
        general: dict[str, Entry] = {}
        self.local: dict[str, dict[str, Entry]] = {}
        for entry in registers.entries:
            for form in entry.forms:
                general.setdefault(form, entry)
            for doc_id, forms in entry.only_in.items():
                for form in forms:
                    self.local.setdefault(doc_id, {})[form] = entry
        self.general = general
        self._general_matcher = _matcher(general)
        self._local_matchers = {doc: _matcher({**general, **forms})
                                for doc, forms in self.local.items()}

    def annotate(self, doc: Document) -> None:
        matcher = self._local_matchers.get(doc.meta.doc_id, self._general_matcher)
        if matcher.pattern is None:
            return
        for top in doc.body:
            self._walk(top, matcher)
        for top in doc.back:  # the back of a web page or e-dossier is not its text
            for note in top.iter():
                if note.tag == "note" and note.attrs.get("place") in ("foot", "end"):
                    self._walk(note, matcher)

    def _walk(self, node: Node, matcher: Matcher) -> None:
        if node.tag in _SKIP or (node.tag == "head" and node.attrs.get("type") == "document"):
            return
        if node.tag == "note" and node.attrs.get("type") in ("source", "restriction"):
            return
        if node.tag in _CONTAINERS:
            self._annotate_children(node, matcher)
        for child in node.children:
            if isinstance(child, Node):
                self._walk(child, matcher)

    def _annotate_children(self, node: Node, matcher: Matcher) -> None:
        assert matcher.pattern is not None
        pieces = [c if isinstance(c, str) else _diplomatic(c) for c in node.children]
        flat = "".join(pieces)
        starts, pos = [], 0
        for piece in pieces:
            starts.append(pos)
            pos += len(piece)
        spans: list[tuple[int, int, int, int, Entry]] = []  # child/offset of start and end
        for m in matcher.pattern.finditer(flat):
            located = self._locate(node, starts, pieces, m.start(), m.end())
            if located:
                spans.append((*located, matcher.entries[m.group(0)]))
        for first, first_off, last, last_off, entry in reversed(spans):
            self._wrap(node, first, first_off, last, last_off, entry)

    @staticmethod
    def _locate(node: Node, starts: list[int], pieces: list[str], start: int,
                end: int) -> tuple[int, int, int, int] | None:
        """(child, offset) of the match's start and end, if it cuts no element in two."""
        first = max(i for i, s in enumerate(starts) if s <= start)
        last = max(i for i, s in enumerate(starts) if s < end)
        first_off, last_off = start - starts[first], end - starts[last]
        for index in range(first, last + 1):
            child = node.children[index]
            if isinstance(child, str):
                continue
            if child.tag not in _INSIDE_NAMES:
                return None
            if (index == first and first_off != 0) or (
                    index == last and last_off != len(pieces[index])):
                return None
        return first, first_off, last, last_off

    @staticmethod
    def _wrap(node: Node, first: int, first_off: int, last: int, last_off: int,
              entry: Entry) -> None:
        children = node.children
        name = el(TAGS[entry.kind], line=node.line, ref=f"{REGISTER_FILE}#{entry.id}")
        before: list[str | Node] = []
        after: list[str | Node] = []
        inner: list[str | Node] = []
        for index in range(first, last + 1):
            child = children[index]
            if isinstance(child, str):
                lo = first_off if index == first else 0
                hi = last_off if index == last else len(child)
                if index == first and child[:lo]:
                    before.append(child[:lo])
                inner.append(child[lo:hi])
                if index == last and child[hi:]:
                    after.append(child[hi:])
            else:
                inner.append(child)
        name.extend([c for c in inner if c != ""])
        node.children = [*children[:first], *before, name, *after, *children[last + 1:]]
