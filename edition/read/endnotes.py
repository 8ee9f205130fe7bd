"""Endnotes printed "[1] …" after a text whose anchors are "[1]": the e-dossier's, and an
archive record's or web page's that prints them so.

The notes are the trailing blocks that begin "[N]" (one note a line when no blank line
parts them). Each anchor "[N]" in the text, the first time it is met, becomes the note
itself at that point (``note place="end" n="N"``: the reading view shows it as a note,
the diplomatic view its sign where it is printed and its text after the text); a note
no anchor points at is kept apart (``type="unanchored"``) with a warning.
"""

from __future__ import annotations

import re

from edition.model import Node, SourceLine, el
from edition.read.inline import InlineParser, placeholder
from edition.read.structure import Block

# A note "[1] …", "(1) …", "¹ …" (a superscript number, as a page saved from print may
# keep it) or "* …" ("**" the second); its anchor "[1]", "(1)" (right after a word or a
# stop: "War.(1)"), "¹" or "*" (right after a word) in the text. An anchor points at a
# note printed in its own form only ("(1)" never at a note "[1]").
_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_DIGITS = str.maketrans(_SUPERSCRIPT, "0123456789")
NOTE = re.compile(rf"^(?:\[(?P<n>\d+)\]|\((?P<par>\d+)\)(?=\s)|(?P<sup>[{_SUPERSCRIPT}]+)(?=\s)"
                  r"|(?P<star>\*{1,4})(?=\s))\s*(?P<text>.*)$")
ANCHOR = re.compile(rf"\[(?P<n>\d+)\]|(?<=[^\s(])\((?P<par>\d+)\)|(?P<sup>[{_SUPERSCRIPT}]+)"
                    r"|(?<=[^\s*])(?P<star>\*{1,4})(?!\*)")
_STARS = 900  # star notes' keys among the numbers (a text has no note 901)


def number(m: re.Match[str]) -> str:
    """The key of a note or anchor match: its number in digits ("¹²" → "12"), for a
    star note "s" and the stars' count ("**" → "s2")."""
    if m.group("star"):
        return f"s{len(m.group('star'))}"
    return m.group("n") or m.group("par") or m.group("sup").translate(_DIGITS)


def form(m: re.Match[str]) -> str:
    """How a note or anchor match is printed: "n" ("[1]"), "par" ("(1)"), "sup", "star"."""
    return next(g for g in ("n", "par", "sup", "star") if m.group(g))


def _order(key: str) -> int:
    """A note's key as a number, for placeholders and order ("s2" → 902)."""
    return _STARS + int(key[1:]) if key.startswith("s") else int(key)


# At most this many paragraphs without a "[N]" continue the endnote above them ("[5]
# Document No. 2. …" then "The same conversation is summarized …").
CONTINUATION = 2


def split(blocks: list[Block], *, numbered: bool = False, trailing: bool = False,
          before: list[Block] | None = None) -> tuple[list[Block], list[Block]]:
    """(the blocks before the endnotes, the endnotes one a block). The endnotes are the
    trailing blocks that begin "[N]", with the paragraphs that continue one of them (at
    most :data:`CONTINUATION` in a row, under a "[N]" block, before the next one; with
    ``trailing``, after the last one too: nothing but notes ends the text). With
    ``numbered``, they are endnotes only when their numbers run 1, 2, 3 … (in a text that
    does not always end in notes, "[1]" at the start of its last paragraph may be
    something else). ``before``: the text before ``blocks``, where the notes' signs may
    be too."""
    at = len(blocks)
    while at > 0:
        if _is_note(blocks[at - 1]):
            at -= 1
            continue
        if at == len(blocks) and not trailing:
            break
        # paragraphs without a sign belong to the notes only under a note
        above = next((k for k in range(at - 1, max(-1, at - 2 - CONTINUATION), -1)
                      if _is_note(blocks[k])), None)
        if above is None:
            break
        at = above
    notes = _one_per_note(blocks[at:])
    runs = [_number(b) for b in notes] == list(range(1, len(notes) + 1))
    if numbered and not runs:
        return blocks, []
    text = [*(before or []), *blocks[:at]]
    if any(_form(b) == "par" for b in notes) and not (runs and _par_anchored(text)):
        # "(1) …" is a note only in a run 1, 2, 3 … whose first sign the text prints
        # right after a word ("War.(1)"): else a numbered point, a listed entry …
        return blocks, []
    return blocks[:at], notes


def _form(block: Block) -> str:
    m = NOTE.match(block.lines[0].text.strip())
    assert m is not None
    return form(m)


def _par_anchored(blocks: list[Block]) -> bool:
    """Whether the text prints the sign "(1)" right after a word or a stop."""
    return any(re.search(r"[^\s(]\(1\)", line.text) for b in blocks for line in b.lines)


def _is_note(block: Block) -> bool:
    return bool(NOTE.match(block.lines[0].text.strip()))


def _number(block: Block) -> int:
    m = NOTE.match(block.lines[0].text.strip())
    assert m is not None
    key = number(m)
    return int(key[1:]) if key.startswith("s") else int(key)  # "*", "**": 1, 2


def _one_per_note(blocks: list[Block]) -> list[Block]:
    """Endnotes one per block, also when printed without blank lines between them; a
    paragraph that continues a note joins its block after a blank line (a paragraph of
    the note: :class:`Endnotes`)."""
    out: list[Block] = []
    for block in blocks:
        if not _is_note(block) and out:
            out[-1].lines.extend([SourceLine(block.line, ""), *block.lines])
            continue
        for line in block.lines:
            if NOTE.match(line.text.strip()) or not out:
                out.append(Block([line]))
            else:
                out[-1].lines.append(line)
    return out


def _paragraphs(lines: list[SourceLine]) -> list[list[SourceLine]]:
    """A note's lines in paragraphs (a blank line between two: :func:`_one_per_note`)."""
    out: list[list[SourceLine]] = [[]]
    for line in lines:
        if line.text.strip():
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [p for p in out if p]


def _joined(lines: list[SourceLine]) -> str:
    return " ".join(line.text.strip() for line in lines).strip()


class Endnotes:
    """The notes of one document, put at their anchors as its blocks are read."""

    def __init__(self, blocks: list[Block], parser: InlineParser, doc_id: str) -> None:
        self.parser = parser
        self.notes: dict[str, Node] = {}
        self.forms: dict[str, str] = {}  # each note's printed form ("n", "par" …)
        self.used: set[str] = set()
        for block in blocks:
            m = NOTE.match(block.lines[0].text.strip())
            assert m is not None
            n = number(m)  # the note's key; its n the sign as printed ("¹", "1")
            note = el("note", place="end", n=m.group("sup") or m.group("star") or n,
                      xml_id=f"{doc_id}-n{_order(n)}", line=block.line)
            paragraphs = _paragraphs([SourceLine(block.line, m.group("text")), *block.lines[1:]])
            if len(paragraphs) == 1:
                note.extend(parser.parse(_joined(paragraphs[0]), block.line))
            else:  # a note of several paragraphs: each a p
                for k, lines in enumerate(paragraphs):
                    if k:  # white space between the paragraphs, for tools that run them on
                        note.append("\n")
                    note.append(el("p", *parser.parse(_joined(lines), lines[0].number),
                                   line=lines[0].number))
            self.notes[n], self.forms[n] = note, form(m)

    def anchor(self, block: Block) -> Block:
        """The block with each first anchor of a known note replaced by the note's
        placeholder (:func:`edition.read.inline.placeholder`)."""
        if not self.notes:
            return block
        out = []
        for line in block.lines:
            def put(m: re.Match[str]) -> str:
                n = number(m)
                if n not in self.notes or n in self.used or self.forms[n] != form(m):
                    return m.group(0)
                self.used.add(n)
                self.parser.notes[_order(n)] = self.notes[n]
                return placeholder(_order(n))
            out.append(SourceLine(line.number, ANCHOR.sub(put, line.text)))
        return Block(out)

    def unanchored(self, where: str) -> tuple[Node | None, list[tuple[int, str]]]:
        """The notes no anchor pointed at, in a ``div type="notes"`` (None: there are
        none), and a warning for each (``where``: what the anchors were looked for in)."""
        missing = sorted(set(self.notes) - self.used, key=_order)
        if not missing:
            return None, []
        warnings = []
        for n in missing:
            self.notes[n].attrs["type"] = "unanchored"
            label = (f"({n})" if self.forms[n] == "par" else f"[{n}]" if n.isdigit()
                     else repr(self.notes[n].attrs["n"]))
            warnings.append((self.notes[n].line, f"endnote {label} has no anchor in the "
                             f"{where}: kept as an unanchored note"))
        return (el("div", *[self.notes[n] for n in missing], type="notes",
                   line=self.notes[missing[0]].line), warnings)
