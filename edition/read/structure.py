"""Block-level structure shared by the readers: paragraphs, headings, lists, opener, closer.

A *block* is a run of non-blank source lines (a blank line, or one holding only
spaces or no-break spaces, ends it). The rules below decide what each block is; they
are the same for every format, so that a document is structured the same way
wherever it comes from:

* a page-break artefact (a long block ending mid-sentence in a lower-case word,
  followed by one starting in lower case or with a bracket) is joined to the next
  block, with ``<lb type="break"/>`` where the break was;
* a numbered point ("1.", "(1)", "2)", "IV.", "§2", "b)") is an ``item``; adjacent
  items form a ``list``;
* a short line without final punctuation, followed by text, is a heading; more
  than one heading (or one after the start) splits the document into parts;
* "Dear …!" and "To …:" at the start are the salutation (``opener``); a date alone
  there, or a place and a date ("Beijing, March 5, 1955"), is the ``dateline``; other
  short lines there, and a telegram's place with its priority ("Djakarta. Top
  priority."), stay in the opener;
* the short lines at the end ("With deep respect,", signatures, a date) are the
  ``closer``: ``salute`` for a closing greeting ("With …,"), ``dateline`` when
  they are a date, ``signed`` otherwise;
* a paragraph wholly inside a pair of double quotation marks is a ``quote``, and so is
  one the page sets off (each line marked ">" or indented by four spaces);
* numbered points on consecutive lines are items each; a part's own word and number
  ("Appendix No. 2", "Chapter II") with its title on the next line head one part, and
  a chapter holds the articles after it;
* "Attachment: …" and "[Signature]", "[Stamp: …]" among the closing lines are the
  closer's; a heading of an appendix's word after a letter's closing lines makes the
  letter a part and what follows an appendix;
* a quotation in quotation marks with its source after a dash, at the head of a text,
  is an ``epigraph``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from edition import regexes
from edition.dates import parse_date
from edition.model import Node, SourceLine, el
from edition.read.common import whole_date
from edition.read.inline import NOTE_CLOSE, NOTE_OPEN, InlineParser
from edition.read.vocabulary import load_vocabulary

_ITEM = regexes.compile(
    r"^(?:(?P<a>\d{1,2})[.)]|\((?P<b>\d{1,2})\)|(?P<c>[IVX]{1,5})\.|§(?P<d>\d{1,2})|(?P<e>[a-h])\)"
    r"|\((?P<f>[a-h])\)|\((?P<g>i{1,3}|iv|vi{0,3}|ix|x)\))\s"
)
_LETTERED = frozenset({"e", "f"})  # the styles of _ITEM that letter points: "b)", "(b)"
_ROMAN_LOWER = "g"  # the style that numbers points in small Roman numerals: "(ii)"
# An initial ("V. "), and a name of initials and a surname ("V.V. Kuznetsov")
_INITIAL = regexes.compile(r"[A-Z]\.\s?")
_NAME_WITH_INITIALS = regexes.compile(r"(?:[A-Z]\.\s?){1,3}[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
_TERMINAL = regexes.compile(r"[.!?;:…\"”’)\]]$")
SHORT = 150


@dataclass
class Block:
    """Consecutive non-blank source lines."""

    lines: list[SourceLine]

    @property
    def text(self) -> str:
        return " ".join(line.text.strip() for line in self.lines)

    @property
    def line(self) -> int:
        return self.lines[0].number


def is_blank(text: str) -> bool:
    return not text.replace("\u00a0", " ").strip()


def split_blocks(lines: list[SourceLine]) -> list[Block]:
    """Group lines into blocks at blank lines."""
    blocks: list[Block] = []
    current: list[SourceLine] = []
    for line in lines:
        if is_blank(line.text):
            if current:
                blocks.append(Block(current))
                current = []
        else:
            current.append(line)
    if current:
        blocks.append(Block(current))
    return blocks


def item_number(text: str) -> str | None:
    """The printed number of a numbered point ("1.", "(2)", "IV.", "§2", "b)", "(b)",
    "(ii)"); None
    for other text. A capital I, V or X with a full stop is a name's initial, not a
    point, where another initial follows ("I. V. Stalin") or the line is a name alone
    ("V. Kuznetsov")."""
    m = _ITEM.match(text)
    if not m:
        return None
    if m.group("c") and (_INITIAL.match(text, m.end()) or _NAME_WITH_INITIALS.fullmatch(
            text.strip())):
        return None
    return next(g for g in m.groups() if g)


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(numeral):
        value = values[ch]
        total += -value if i + 1 < len(numeral) and values[numeral[i + 1]] > value else value
    return total


def _roman_next(n: str, last: int) -> int | None:
    """Point ``n`` (Roman) after the Roman point numbered ``last`` (0: none yet): its
    number when it is I or the one after ``last``, else None ("V. Kuznetsov said …" is
    no point V)."""
    number = _roman(n)
    return number if n == "I" or number == last + 1 else None


def _point_value(number: str, style: str) -> int:
    """A point's number as a number: "3" → 3, "c" → 3, "IV" → 4."""
    if style in ("c", _ROMAN_LOWER):
        return _roman(number.upper())
    return int(number) if number.isdigit() else ord(number.lower()) - ord("a") + 1


def _numbered_lines(block: Block) -> list[Block] | None:
    """A block whose lines are numbered points one after another ("1. …" / "2. …" /
    "3. …", printed without blank lines between them), cut into a block a point (with
    the lines that wrap it); None for any other block."""
    starts = [k for k, line in enumerate(block.lines) if item_number(line.text.strip())]
    if len(starts) < 2 or starts[0] != 0:
        return None
    points = [_ITEM.match(block.lines[k].text.strip()) for k in starts]
    styles = {m.lastgroup for m in points if m}
    if len(styles) != 1:
        return None
    style = styles.pop() or ""
    values = [_point_value(item_number(block.lines[k].text.strip()) or "", style)
              for k in starts]
    if any(b != a + 1 for a, b in itertools.pairwise(values)):
        return None
    ends = [*starts[1:], len(block.lines)]
    return [Block(block.lines[a:b]) for a, b in zip(starts, ends, strict=True)]


def _address(block: Block) -> bool:
    """"Moscow, Ministry of Foreign Affairs": one short line naming a place (at most three
    capitalised words), a comma, and whom the document is addressed to there; or an
    inside address of short lines, the first "To …," ("To Comrade M. Dugersuren, /
    Minister of Foreign Affairs of the MPR, / Ulaanbaatar"; a ministry, its department,
    the addressee and the street, up to eight lines)."""
    lines = [line.text.strip() for line in block.lines]
    if lines[0].startswith("To ") and len(lines) <= 8:
        # "To Comrade N. S. Khrushchev", "To Comrade M. Dugersuren, / Minister …,"
        return all(len(t) < 100 and not _TERMINAL.search(t.rstrip(",")) for t in lines)
    if len(block.lines) != 1:
        return False
    if _priority_line(block.text.strip()):
        return True
    place, comma, rest = block.text.strip().partition(",")
    words, rest = place.split(), rest.strip()
    return (bool(comma) and 0 < len(words) <= 3 and all(w[:1].isupper() for w in words)
            and not any(ch.isdigit() for ch in place) and rest[:1].isupper()
            and is_short(rest) and "," not in rest and parse_date(rest) is None)


def _priority_line(text: str) -> bool:
    """"Djakarta. Top priority.", "Moscow, MFA of the USSR. Urgently.": the place a
    telegram was sent to (at most three capitalised words), whom it is for there, and its
    priority (formats.yml ``priorities``)."""
    head, dot, priority = text.rstrip(".").rpartition(". ")
    if not dot or priority.lower() not in load_vocabulary().letters.priorities:
        return False
    place, comma, rest = head.partition(",")
    words, rest = place.split(), rest.strip()
    return (0 < len(words) <= 3 and all(w[:1].isupper() for w in words)
            and not any(ch.isdigit() for ch in head)
            and (not comma or (rest[:1].isupper() and len(rest) < 60 and "." not in rest)))


_ANCHOR = regexes.compile(f"{NOTE_OPEN}\\d+{NOTE_CLOSE}")


def is_short(text: str) -> bool:
    """A short line without final punctuation: a heading or a signature (a note's
    anchor at its end is not part of the test)."""
    t = _ANCHOR.sub("", text).strip()
    # an abbreviation that ends the line ends no sentence ("Chargé d'affaires a.i.")
    bare = _SIGN_AFTER.sub("", _LAST_ABBREVIATION.sub("", t))  # nor a signature's mark
    return (len(t) < SHORT and any(ch.isalpha() for ch in t)
            and not _TERMINAL.search(bare) and not t[:1].islower()
            and item_number(t) is None and bullet(t) is None and not t.endswith(",")
            and not _TABLE_LINE.search(t))


_LAST_ABBREVIATION = regexes.compile(r"\s(?:a\.\s?i\.|ad int\.|Jr\.|Sr\.|Esq\.)$")
# a line of a table: cells set apart by a tab, or by a bar between words ("Coal | 1,200")
_TABLE_LINE = regexes.compile(r"\t|\S\s*\|\s*\S|^\s*\|")
# a line of cells set apart by bars, each cell with words ("Coal | 1,200")
_BAR_CELLS = regexes.compile(r"[^|]*\S[^|]*(?:\|[^|]*\S[^|]*)+")
# the rule under a table's header in a text export ("---|---", "|:---|---:|")
_TABLE_RULE = regexes.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")


def bullet(text: str) -> str | None:
    """The mark that sets off a point of a list ("• to send two specialists": formats.yml
    ``letters.bullets``), or None."""
    t = text.lstrip()
    return next((mark for mark in load_vocabulary().letters.bullets
                 if t.startswith(mark + " ") and t[len(mark) + 1:].strip()), None)


_LABELLED = regexes.compile(r"^[^:]{1,40}:\s")


def is_heading(text: str) -> bool:
    """A short line that names what follows: four words or more, or a part's own word
    and what follows it ("Article 2", "Appendix": formats.yml heading_words). A labelled
    line ("Korean participants: Counselor Kim Jae-suk") gives a field of the record, not
    a heading, unless the label is a part's own word ("Article 5: Final provisions")."""
    t = _ANCHOR.sub("", text).strip()  # (a note's sign after a heading: "Introduction*")
    words = t.split()
    heading_words = load_vocabulary().letters.heading_words
    if _LABELLED.match(t) and not (words and words[0] in heading_words):
        return False
    return is_short(t) and (len(words) >= 4 or (bool(words) and words[0] in heading_words))


_OPENING_QUOTE = "“\"‘«„"
_CLOSING_QUOTE = regexes.compile(r"[”\"’»“][.!?…]?$")
_ATTRIBUTION = regexes.compile(r"^[—–-]\s*\S")  # "— Károly Fendler, 1957"


def _epigraph(block: Block, parser: InlineParser) -> Node | None:
    """A quotation in quotation marks and, on its last line, its source after a dash
    ("“The Korean comrades listen politely …” / — Károly Fendler, 1957"): an
    ``epigraph`` of a ``quote`` and a ``bibl``, at the head of a text or part."""
    lines = [line.text.strip() for line in block.lines]
    if len(lines) < 2 or not _ATTRIBUTION.match(lines[-1]):
        return None
    if not (lines[0][:1] in _OPENING_QUOTE and _CLOSING_QUOTE.search(lines[-2])):
        return None
    quote = el("quote", line=block.line)
    for k, line in enumerate(block.lines[:-1]):
        if k:
            quote.append(el("lb", line=line.number))
        quote.extend(parser.parse(line.text.strip(), line.number))
    last = block.lines[-1]
    return el("epigraph", quote, el("bibl", *parser.parse(last.text.strip(), last.number),
                                    type="source", line=last.number), line=block.line)


def is_salute(text: str) -> bool:
    """A salutation by the words of edition/data/formats.yml ("Dear …!", "To …:")."""
    t = text.strip()
    return any(s.matches(t) for s in load_vocabulary().letters.salutations)


def is_closing_greeting(text: str) -> bool:
    """"With deep respect,": a closing greeting (edition/data/formats.yml)."""
    return text.endswith(",") and text.startswith(load_vocabulary().letters.closers)


def is_postscript(text: str) -> bool:
    """"P.S. …", "PS: …": the first paragraph of a postscript (edition/data/formats.yml);
    "Enclosure: …" too, after the signature."""
    t = text.strip()
    letters = load_vocabulary().letters
    return any(t.startswith(word + " ") for word in (*letters.postscripts, *letters.enclosures))


# a line wholly in square brackets ("[Signature]", "[Stamp: Received 11 March 1955]"):
# the translator's words about the original, among the closing lines
_SIGN_WORDS = r"(?:signatures?|signed|stamp|seal|initials|illegible signature)\b[^\[\]]{0,200}"
_BRACKET_LINE = regexes.compile(rf"(?i)\[{_SIGN_WORDS}\]")
_SIGN_AFTER = regexes.compile(rf"(?i)\s\[{_SIGN_WORDS}\]$")  # "Ion Gheorghe Maurer [signature]"


def is_enclosure(text: str) -> bool:
    """"Attachment: on 2 pages.": a line saying what the letter encloses (formats.yml)."""
    t = text.strip()
    return len(t) < 100 and any(t.startswith(word + " ")
                                for word in load_vocabulary().letters.enclosures)


def _closing_sentence_pattern() -> re.Pattern[str]:
    """The last sentence of a paragraph that is a closing greeting."""
    words = "|".join(re.escape(w.strip()) for w in load_vocabulary().letters.closers)
    return re.compile(rf"(?<=[.!?] )(?:{words})\b[^.!?]{{0,60}},\s*$")


def _is_break(a: Block, b: Block) -> bool:
    # (a footnote's anchor, a page break's mark end no line: collection.py)
    ta, tb = _ANCHOR.sub("", a.text).rstrip(), _ANCHOR.sub("", b.text).lstrip()
    return len(ta) > 60 and ta[-1:].islower() and (tb[:1].islower() or tb[:1] == "[")


# A paragraph the page sets off as a quotation: each line marked ">" (the page's
# Markdown: the mark is no word of the text) or indented by four spaces or a tab.
_QUOTE_MARK = regexes.compile(r"^\s*>\s?")
_INDENT = regexes.compile(r"^(?: {4}|\t)\s*\S")


def _marked(block: Block) -> bool:
    """Whether every line of the block is marked ">"."""
    return all(_QUOTE_MARK.match(line.text) for line in block.lines)


def _indented(block: Block) -> bool:
    return all(_INDENT.match(line.text) for line in block.lines)


def _common_indent(blocks: list[Block]) -> list[Block]:
    """The blocks, unindented where most of them are indented (a text that indents every
    paragraph sets none off as a quotation)."""
    if 2 * sum(_indented(b) for b in blocks) <= len(blocks):
        return blocks
    return [Block([SourceLine(line.number, line.text.lstrip()) for line in b.lines])
            for b in blocks]


def is_set_off(block: Block) -> bool:
    """A block quotation by its layout: every line marked ">" or indented."""
    return _marked(block) or _indented(block)


def parse_lines(block: Block, parser: InlineParser) -> list[str | Node]:
    """The block's text with inline markup; its lines joined by ``<lb/>`` (a quotation's
    ">" marks left out)."""
    out: list[str | Node] = []
    marked = _marked(block)
    for i, line in enumerate(block.lines):
        if i:
            out.append(el("lb", line=line.number))
        text = _QUOTE_MARK.sub("", line.text) if marked else line.text
        out.extend(parser.parse(text.strip(), line.number))
    return out


def _whole_quotation(text: str) -> bool:
    """Whether a paragraph is one quotation in curly marks ("“…”", perhaps "“…”."):
    its first mark opens it and the mark that closes that one ends it."""
    if not text.startswith("“") or not re.search(r"”[.!?…]?$", text):
        return False
    depth = 0
    for k, ch in enumerate(text):
        depth += (ch == "“") - (ch == "”")
        if depth == 0:
            return not re.search(r"\S", text[k + 1:].lstrip(".!?…"))
    return False


def _joined(blocks: list[Block], parser: InlineParser) -> list[tuple[Block, list[str | Node]]]:
    """Parse each block; join page-break artefacts into one paragraph."""
    result: list[tuple[Block, list[str | Node]]] = []
    for block in blocks:
        content = parse_lines(block, parser)
        if result and _is_break(result[-1][0], block):
            prev, prev_content = result[-1]
            merged = Block(prev.lines + block.lines)
            result[-1] = (merged, [*prev_content, el("lb", type="break", line=block.line),
                                   *content])
        else:
            result.append((block, content))
    return result


def _node(tag: str, content: list[str | Node], line: int, **attrs: str) -> Node:
    node = el(tag, line=line, **attrs)
    node.extend(content)
    return node


def _is_note_paragraph(text: str) -> bool:
    """"Translator's note: …", "Editor's note: …": a paragraph of the translator's or the
    editors' words (formats.yml ``translator_notes``)."""
    return load_vocabulary().letters.note_kind(text) is not None


def _body_node(block: Block, content: list[str | Node]) -> Node:
    text = block.text.strip()
    kind = load_vocabulary().letters.note_kind(text)
    if kind is not None:
        # "Translator's note: …": the translator's words, not the document's; "Editor's
        # note: …", "Note of the compilers: …": the editors'
        return _node("note", content, block.line, type=kind, place="inline")
    if (text.startswith('"') and text.endswith('"') and text.count('"') % 2 == 0
            and len(text) > 2 and isinstance(content[0], str) and isinstance(content[-1], str)):
        inner = [content[0][1:], *content[1:-1], content[-1][:-1]] if len(content) > 1 else [
            content[0][1:-1]]
        return _node("quote", [c for c in inner if c != ""], block.line, rend="quotes")
    if is_set_off(block) or _whole_quotation(text):  # (curly marks kept, as printed)
        return _node("quote", content, block.line)
    return _node("p", content, block.line)


def _dateline(text: str, line: int) -> Node | None:
    """A dateline: a date alone ("March 3, 1955"), or a place of at most three capitalised
    words, a comma and a date ("Moscow, March 3, 1955"); None for any other line."""
    if parse_date(text):
        return _node("dateline", [_date(text, line)], line)
    place, comma, rest = text.partition(",")
    words = place.split()
    if (comma and 0 < len(words) <= 3 and all(w[:1].isupper() for w in words)
            and not any(ch.isdigit() for ch in place)):
        gap = rest[:len(rest) - len(rest.lstrip())]
        attrs = _day_attrs(rest.strip())
        if attrs is not None:
            return _node("dateline", [place + "," + gap,
                                      el("date", rest.strip(), line=line, **attrs)], line)
    # a place of two parts before the date ("Moscow, Kremlin. July 1, 1955")
    m = _PLACES_DATE.match(text)
    if m and (attrs := _day_attrs(m["date"])) is not None:
        return _node("dateline", [m["place"], el("date", m["date"], line=line, **attrs)],
                     line)
    return None


def _day_attrs(text: str) -> dict[str, str] | None:
    """The attributes of a date that is the whole of ``text``: as a heading prints one
    ("April 3, 1956"), or in another way the date annotator reads ("Beijing,
    3.IV.1956", "Moscow, April 3rd, 1956")."""
    value = parse_date(text)
    return dict(value.attrs) if value is not None else _whole_date(text)


# a dateline's place in two or three capitalised parts, then the date
_PLACES_DATE = regexes.compile(r"^(?P<place>[A-Z][\w'’-]+, [A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}"
                          r"[,.]\s+)(?P<date>\S.*)$")


def _whole_date(text: str) -> dict[str, str] | None:
    """The attributes of a date of one day that is the whole of ``text`` as the date
    annotator reads it (:func:`edition.read.common.whole_date`), else None."""
    attrs = whole_date(text)
    return attrs if attrs is not None and len(attrs.get("when", "")) == 10 else None


def _closer_parts(block: Block, parser: InlineParser) -> list[str | Node]:
    parts: list[str | Node] = []
    for line in block.lines:
        text = line.text.strip()
        content = parser.parse(text, line.number)
        dateline = _dateline(text, line.number)
        if dateline is not None:
            parts.append(dateline)
        elif (is_stamp(text) or is_enclosure(text)
              or _BRACKET_LINE.fullmatch(text)):
            # "Copy No. 2", "Attachment: on 2 pages.", "[Stamp: …]": a line of the closer,
            # no signature
            if parts:
                parts.append(el("lb", line=line.number))
            parts.extend(content)
        elif is_closing_greeting(text):
            parts.append(_node("salute", content, line.number))
        else:
            parts.append(_node("signed", content, line.number))
    return parts


def _date(text: str, line: int) -> Node:
    value = parse_date(text)
    assert value is not None
    return el("date", text, line=line, **dict(value.attrs))


def _postscript_start(blocks: list[Block]) -> int:
    """Index of the block that opens a postscript (len(blocks): none). Not the first: a
    part that begins so is no letter's postscript; nor a line of what the letter encloses
    with the signature's short lines still to come after it (it is the closer's)."""
    return next((i for i in range(1, len(blocks))
                 if (is_postscript(blocks[i].text) or list_label(blocks[i].text) ==
                     "distribution")
                 and not (is_enclosure(blocks[i].text)
                          and any(is_short(b.text) for b in blocks[i + 1:]))),
                len(blocks))


def is_stamp(text: str) -> bool:
    """"Top Secret", "Copy No. 3", "No. 0318/56": a line of a classification stamp or a
    copy or reference number, whole (formats.yml ``stamps``)."""
    stamps = load_vocabulary().letters.stamps
    return stamps is not None and stamps.fullmatch(text.strip()) is not None


def _stamp(block: Block) -> bool:
    """"SECRET" / "Copy No. 2": every line a classification stamp's (formats.yml)."""
    return all(is_stamp(line.text) for line in block.lines)


def _signed_and_dated(block: Block) -> bool:
    """Lines above a last line that is a date, a dateline or a name of initials and
    surname: a signature ("Chinese Embassy in the DPRK" / "14 April 1961", "Ambassador of
    the USSR in the PRC" / "V. Kuznetsov"), never a heading."""
    last = block.lines[-1].text.strip()
    return len(block.lines) > 1 and (_dateline(last, block.lines[-1].number) is not None
                                     or _NAME_WITH_INITIALS.fullmatch(last) is not None)


def _closer_start(blocks: list[Block]) -> int:
    """Index of the first block of the closing lines (before a postscript, if any)."""
    start = _postscript_start(blocks)
    while start > 0:
        text = blocks[start - 1].text.strip()
        lines = [line.text.strip() for line in blocks[start - 1].lines]
        closing = all(
            (is_short(t) or parse_date(t) is not None or is_enclosure(t)
             or _BRACKET_LINE.fullmatch(t) is not None
             or t in load_vocabulary().letters.signature_placeholders
             or (t.endswith(",") and len(t) < 100 and ". " not in t)
             # a signer's office wrapped over lines ("Ambassador Extraordinary and
             # Plenipotentiary / of the MPR in the DPRK")
             or (k > 0 and t[:1].islower() and len(t) < 100 and not _TERMINAL.search(t)))
            for k, t in enumerate(lines)
        ) and not is_salute(text) and not block_is_table(blocks[start - 1])
        if not closing:
            break
        start -= 1
    return start


def _section(blocks: list[tuple[Block, list[str | Node]]], parser: InlineParser, *,
             bottom: bool = True) -> list[Node]:
    """Opener, paragraphs and lists, closer and postscript of one part (without
    ``bottom``, none: the text before a document's first part heading, which nothing
    closes)."""
    notes: list[Node] = []
    if bottom:
        # an editor's or translator's note printed after the closing lines ("Editor's
        # note: Documents 161-163 … are not published"): set aside, so the lines above it
        # still close the part, and put after them, where it is printed
        tail = len(blocks)
        while tail > 1 and _is_note_paragraph(blocks[tail - 1][0].text):
            tail -= 1
        if tail < len(blocks) and _closer_start([b for b, _ in blocks[:tail]]) < tail:
            notes = [_body_node(b, c) for b, c in blocks[tail:]]
            blocks = blocks[:tail]
    raw = [b for b, _ in blocks]
    out: list[Node] = []
    opener: Node | None = None
    postscript = _postscript_start(raw) if bottom else len(raw)
    i = 0
    # opener: salutation, dateline, short address lines before the first paragraph
    while i < min(len(blocks) - 1, postscript):
        block, content = blocks[i]
        text = block.text.strip()
        if block_is_table(block):
            break  # a table's short rows are no letterhead
        dated = parse_date(text) is not None or _dateline(text, block.line) is not None
        if is_short(text) and not is_short(raw[i + 1].text) and not is_salute(text) \
                and not dated and not _address(block) and not _stamp(block) \
                and not is_salute(raw[i + 1].text):  # ("Moscow" / "Dear Comrade …!")
            break  # a heading: handled by the caller
        plain = _ANCHOR.sub("", text).strip()  # a note's anchor ends no line
        if not (is_salute(text) or dated or is_short(text) or _stamp(block)
                or _address(block)  # a telegram's address line, an inside address
                or (len(plain) < SHORT and i == 0 and not _TERMINAL.search(plain))):
            break
        if opener is None:
            opener = el("opener", line=block.line)
            out.append(opener)
        _opener_part(opener, block, content)
        i += 1
    end = max(_closer_start(raw), i) if bottom else len(raw)
    body = _blocks(blocks[i:end])
    if not any(node.tag in _TEXT_BLOCKS for node in body):
        # nothing for a closer or postscript to close (a heading, then short lines): the
        # lines stay paragraphs, as TEI has a part's bottom only after some text
        body, end, postscript = _blocks(blocks[i:]), len(raw), len(raw)
    out.extend(body)
    if end < postscript:
        closer = el("closer", line=raw[end].line)
        for block in raw[end:postscript]:
            parts = _closer_parts(block, parser)
            if parts and isinstance(parts[0], str) and closer.children:
                closer.append(el("lb", line=block.line))  # a stamp's line of its own
            closer.extend(parts)
        out.append(closer)
    _closing_sentence(out)
    _continue_lists(out)
    _sub_lists(out)
    _quotations(out)
    if postscript < len(blocks):
        out.append(_node("postscript", [*_blocks(blocks[postscript:])], raw[postscript].line))
    return [*out, *notes]


# what a part's closer and postscript need before them (TEI's model.common, as we use it)
_TEXT_BLOCKS = frozenset({"p", "list", "quote", "label", "bibl", "listBibl", "table"})


def _lines_of(block: Block, content: list[str | Node]) -> list[list[str | Node]] | None:
    """The parsed content of each of a block's lines (split at the line breaks
    :func:`parse_lines` put between them); None where they cannot be told apart."""
    lines: list[list[str | Node]] = [[]]
    for part in content:
        if isinstance(part, Node) and part.tag == "lb" and "type" not in part.attrs:
            lines.append([])
        else:
            lines[-1].append(part)
    return lines if len(lines) == len(block.lines) else None


def _cells(parts: list[str | Node], separator: str) -> list[list[str | Node]]:
    """A table line's cells: its content split at the separator (a bar's cells lose the
    empty ones its first and last bar make), each without the spaces at its edges."""
    cells: list[list[str | Node]] = [[]]
    for part in parts:
        if isinstance(part, str):
            pieces = (_COLUMN_GAP.split(part.strip() if not cells[-1] else part)
                      if separator == _SPACED else part.split(separator))
            for k, piece in enumerate(pieces):
                if k:
                    cells.append([])
                if piece:
                    cells[-1].append(piece)
        else:
            cells[-1].append(part)
    for cell in cells:
        if cell and isinstance(cell[0], str):
            cell[0] = cell[0].lstrip()
        if cell and isinstance(cell[-1], str):
            cell[-1] = cell[-1].rstrip()
        cell[:] = [c for c in cell if c != ""]
    if separator == "|":
        if cells and not cells[0]:
            cells.pop(0)
        if cells and not cells[-1]:
            cells.pop()
    return cells


_SPACED = "  "  # a table's columns lined up by runs of spaces
_COLUMN_GAP = regexes.compile(r"\s{2,}")

_LIST_LABEL = regexes.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{1,30}):(?:\s|$)")
_LIST_SEPARATOR = regexes.compile(r"[;,]\s+")


def list_label(text: str) -> str | None:
    """The list type of a block that opens with a list's label ("Distribution:",
    "Participants:": formats.yml ``labelled_lists``), else None."""
    m = _LIST_LABEL.match(text.strip())
    return load_vocabulary().letters.list_types.get(m["label"]) if m else None


def _split_parts(parts: list[str | Node], pattern: re.Pattern[str]
                 ) -> list[list[str | Node]]:
    """``parts`` cut where ``pattern`` matches in their text (never inside a name's
    element); each separator stays with the piece before it."""
    pieces: list[list[str | Node]] = [[]]
    for part in parts:
        if not isinstance(part, str):
            pieces[-1].append(part)
            continue
        at = 0
        for m in pattern.finditer(part):
            pieces[-1].append(part[at:m.end()].rstrip() if m.group(0).strip() else
                              part[at:m.end()])
            pieces.append([])
            at = m.end()
        if part[at:]:
            pieces[-1].append(part[at:])
    return [p for p in pieces if any(not isinstance(x, str) or x.strip() for x in p)]


def _labelled_list(block: Block, content: list[str | Node]) -> Node | None:
    """"Distribution:" / "Participants:" then a name on each line, or the names after
    the label set apart by commas or semicolons: a list of that type (formats.yml
    ``labelled_lists``), the label its head, an item for each line or name. None for any
    other block, and where the lines are not a list's (one longer than a line of
    names)."""
    kind = list_label(block.lines[0].text)
    lines = _lines_of(block, content)
    if kind is None or lines is None:
        return None
    if any(len(line.text.strip()) > 120 for line in block.lines[1:]):
        return None
    first = _split_parts(lines[0], re.compile(r":\s*"))
    head, rest = first[0], [x for piece in first[1:] for x in piece]
    items: list[list[str | Node]] = []
    if rest:
        names = _split_parts(rest, _LIST_SEPARATOR) if len(block.lines) == 1 else [rest]
        if len(block.lines) == 1 and (len(names) < 2 or any(
                len("".join(x if isinstance(x, str) else x.text() for x in n)) > 80
                for n in names)):
            return None  # "Present: the ambassador and his counsellor." is a sentence
        items.extend(names)
    items.extend(lines[1:])
    if not items:
        return None
    node = el("list", type=kind, line=block.line)
    node.append(_node("head", head, block.line))
    for k, item in enumerate(items):
        number = block.lines[min(k + (0 if rest else 1), len(block.lines) - 1)].number
        node.append(_node("item", item, number))
    return node


def table_separator(texts: list[str]) -> str | None:
    """What sets a table's cells apart in these lines (a block's), where they are a
    table's (:func:`_table`): a bar, a tab or a run of spaces; None for any other lines.
    Two lines or more: bars with a rule of dashes under the header; as many bars between
    words on each line ("Coal | 1,200", as the collection's site prints a table) or
    around every line ("| Coal | 1,200 |"); as many tabs on each; or columns lined up by
    runs of spaces, three or more, as many on each."""
    stripped = [t.strip() for t in texts]
    if len(texts) < 2:
        return None
    if any(_TABLE_RULE.match(t) for t in texts) and all("|" in t for t in texts):
        return "|"
    bars = {t.count("|") for t in stripped}
    if len(bars) == 1 and bars != {0} and all(_BAR_CELLS.fullmatch(t) for t in stripped):
        return "|"
    if (all(t.startswith("|") and t.endswith("|") and len(t) > 2 for t in stripped)
            and len(bars) == 1 and stripped[0].count("|") > 2):
        return "|"  # bars around every line, no rule: "| Coal | 1,200 |"
    if all("\t" in t for t in stripped) and len({len(t.split("\t")) for t in stripped}) == 1:
        return "\t"
    if (len({len(_COLUMN_GAP.split(t)) for t in stripped}) == 1
            and len(_COLUMN_GAP.split(stripped[0])) >= 3):
        return _SPACED  # columns lined up with spaces
    return None


def block_is_table(block: Block) -> bool:
    """Whether a block's lines are a table's (:func:`table_separator`)."""
    return table_separator([line.text for line in block.lines]) is not None


def _table(block: Block, content: list[str | Node]) -> Node | None:
    """A block that is a table, as a text export prints one: lines of cells set apart by
    bars with a rule of dashes under the header ("Item | 1955" / "---|---" / "Coal |
    1,200"), or as many bars on each line without it, or between bars on every line, or
    by tabs, or lined up by runs of spaces (three columns or more), as many on each line.
    The header's row (over a rule) has role="label"; the rule has no words and is not
    kept. None for any other block."""
    texts = [line.text for line in block.lines]
    lines = _lines_of(block, content)
    separator = table_separator(texts)
    if separator is None or lines is None:
        return None
    table = el("table", line=block.line)
    for index, (line, parts) in enumerate(zip(block.lines, lines, strict=True)):
        if separator == "|" and _TABLE_RULE.match(line.text):
            continue
        header = (separator == "|" and index + 1 < len(texts)
                  and bool(_TABLE_RULE.match(texts[index + 1])))
        row = el("row", line=line.number, **({"role": "label"} if header else {}))
        for cell in _cells(parts, separator) or [[]]:  # (TEI's row holds a cell at least)
            row.append(_node("cell", cell, line.number))
        table.append(row)
    return table


def _bulleted(block: Block, content: list[str | Node], mark: str) -> list[Node] | None:
    """The points of a block whose first line begins with ``mark``: an item from each line
    that begins with it, with the lines after it that do not (a point wrapped over
    lines); None where the parsed lines cannot be told apart."""
    lines = _lines_of(block, content)
    if lines is None:
        return None
    items: list[Node] = []
    for line, parts in zip(block.lines, lines, strict=True):
        if bullet(line.text) == mark or not items:
            items.append(_node("item", parts, line.number))
        else:
            items[-1].append(el("lb", line=line.number))
            items[-1].extend(parts)
    return items


def _bullet_runs(blocks: list[tuple[Block, list[str | Node]]]
                 ) -> dict[int, tuple[str, list[Node]]]:
    """The mark and the points of each block that belongs to a list set off by bullets:
    runs of blocks whose first lines begin with the same mark, two points or more in all
    (one alone is a paragraph that begins with a dash)."""
    found: dict[int, tuple[str, list[Node]]] = {}
    i = 0
    while i < len(blocks):
        mark = bullet(blocks[i][0].lines[0].text)
        j, run = i, {}
        while mark is not None and j < len(blocks) and bullet(blocks[j][0].lines[0].text) == mark:
            items = _bulleted(*blocks[j], mark)
            if items is None:
                break
            run[j] = (mark, items)
            j += 1
        if sum(len(items) for _, items in run.values()) >= 2:
            found.update(run)
        i = max(j, i + 1)
    return found


def _blocks(blocks: list[tuple[Block, list[str | Node]]]) -> list[Node]:
    """Paragraphs, quotations and lists (a run of numbered points, or of points set off by
    bullets) of a run of blocks."""
    out: list[Node] = []
    current_list: Node | None = None
    roman = 0  # the last Roman-numbered point's number
    bulleted = _bullet_runs(blocks)
    for index, (block, content) in enumerate(blocks):
        if (table := _table(block, content)) is not None or (
                table := _labelled_list(block, content)) is not None:
            current_list = None
            out.append(table)
            continue
        if index in bulleted:
            mark, items = bulleted[index]
            if current_list is None or current_list.attrs.get("#style") != "bullet " + mark:
                current_list = el("list", type="bulleted", line=block.line)
                current_list.attrs["#style"] = "bullet " + mark
                out.append(current_list)
            for item in items:
                current_list.append(item)
            continue
        n = item_number(block.text.strip())
        style = _ITEM.match(block.text.strip()).lastgroup if n else None  # type: ignore[union-attr]
        if style == "c":  # (paragraphs between points continue the point before them)
            following = _roman_next(n or "", roman)
            if following is None:
                n = None
            else:
                roman = following
        if n is not None:
            if current_list is not None and current_list.attrs.get("#style") != style:
                current_list = None
            if current_list is None:
                kind = "lettered" if style in _LETTERED else "numbered"
                current_list = el("list", type=kind, line=block.line)
                current_list.attrs["#style"] = style or ""
                out.append(current_list)
            current_list.append(_node("item", content, block.line, n=n))
            continue
        current_list = None
        out.append(_body_node(block, content))
    return out


# -- mending: what a paragraph-by-paragraph reading cuts apart or runs together -----------

def _closing_sentence(out: list[Node]) -> None:
    """"… on 25 September. With communist greetings," then a signature: the closing
    greeting that ends the last paragraph goes to the closer, as its salute."""
    if len(out) < 2 or out[-1].tag != "closer" or out[-2].tag != "p":
        return
    para, closer = out[-2], out[-1]
    last = para.children[-1] if para.children else None
    if not isinstance(last, str) or not (m := _closing_sentence_pattern().search(last)):
        return
    if closer.children and isinstance(closer.children[0], Node) and \
            closer.children[0].tag == "salute":
        return
    para.children[-1] = last[: m.start()]
    closer.children.insert(0, el("salute", m.group(0).strip(), line=para.line))
    closer.line = para.line


_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
          "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]


def _follows(a: str, b: str) -> bool:
    """Whether item number ``b`` comes right after ``a`` (1 → 2, IV → V, b → c)."""
    if a.isdigit() and b.isdigit():
        return int(b) == int(a) + 1
    if a in _ROMAN and b in _ROMAN:
        return _ROMAN.index(b) == _ROMAN.index(a) + 1
    if a.islower() and b.islower() and len(b) > 1 and a.upper() in _ROMAN \
            and b.upper() in _ROMAN:  # "(i)" → "(ii)"
        return _ROMAN.index(b.upper()) == _ROMAN.index(a.upper()) + 1
    return len(a) == len(b) == 1 and a.isalpha() and ord(b) == ord(a) + 1


def _continue_lists(out: list[Node]) -> None:
    """Paragraphs between two items of one list ("§6 …", two paragraphs, "§7 …") continue
    the item before them: they move into it, and the two runs of items are one list."""
    i = 0
    while i < len(out):
        first = out[i]
        if first.tag != "list":
            i += 1
            continue
        j = i + 1
        while j < len(out) and out[j].tag in ("p", "quote", "list") and not (
                out[j].tag == "list" and out[j].attrs.get("#style") == first.attrs.get("#style")):
            j += 1
        resumes = (j < len(out) and j > i + 1 and out[j].tag == "list"
                   and out[j].attrs.get("#style") == first.attrs.get("#style"))
        last_item = first.children[-1] if first.children else None
        next_item = out[j].children[0] if resumes and out[j].children else None
        if not (isinstance(last_item, Node) and isinstance(next_item, Node)
                and _follows(last_item.attrs.get("n", ""), next_item.attrs.get("n", ""))):
            i += 1
            continue
        between = out[i + 1: j]
        _as_paragraphs(last_item)
        last_item.children.extend(between)
        _continue_lists(last_item.children)  # type: ignore[arg-type]  # its own points
        _sub_lists(last_item.children)  # type: ignore[arg-type]
        first.children.extend(out[j].children)
        del out[i + 1: j + 1]


def _sub_lists(out: list[Node]) -> None:
    """A list of points of another kind right after a list whose last point ends in a
    colon ("2. The Korean side shall:" / "(a) send …" / "(b) pay …") is that point's own:
    it moves into its item."""
    i = 0
    while i + 1 < len(out):
        first, following = out[i], out[i + 1]
        last = first.children[-1] if first.tag == "list" and first.children else None
        if (following.tag == "list" and isinstance(last, Node) and last.tag == "item"
                and "#style" in first.attrs and "#style" in following.attrs
                and following.attrs["#style"] != first.attrs["#style"]
                and last.text().rstrip().endswith(":")):
            _as_paragraphs(last)
            last.children.append(following)
            _sub_lists(last.children)  # type: ignore[arg-type]  # and its points' own
            del out[i + 1]
            continue
        i += 1


def _as_paragraphs(item: Node) -> None:
    """An item's inline content wrapped in a ``p``, so that paragraphs can follow it."""
    if item.children and not (isinstance(item.children[0], Node) and item.children[0].tag == "p"):
        item.children = [el("p", *item.children, line=item.line)]


def _quote_balance(node: Node) -> int:
    """Double quotation marks opened and not closed in a paragraph (notes aside)."""
    text = "".join(c if isinstance(c, str) else ("" if c.tag == "note" else c.text())
                   for c in node.children)
    return text.count('"') % 2 + text.count("“") - text.count("”")


_QUOTE_SPAN = 6  # a quotation runs over at most this many paragraphs


def _quotations(out: list[Node]) -> None:
    """A quotation opened in one paragraph and closed in a later one: its paragraphs
    are wrapped in one ``quote`` (the marks stay in the text, as printed)."""
    i = 0
    while i < len(out):
        node = out[i]
        opens = node.tag == "p" and node.text().lstrip()[:1] in ('"', "“")
        if not (opens and _quote_balance(node) > 0):
            i += 1
            continue
        end = next((j for j in range(i + 1, min(len(out), i + _QUOTE_SPAN))
                    if out[j].tag != "p" or _quote_balance(out[j]) != 0), None)
        if end is None or out[end].tag != "p":
            i += 1
            continue
        out[i: end + 1] = [el("quote", *out[i: end + 1], line=node.line)]
        i += 1


def _opener_part(opener: Node, block: Block, content: list[str | Node]) -> None:
    """Add a block to an opener: a salutation, a dateline, or a line of its own text."""
    text = block.text.strip()
    dateline = None if is_salute(text) else _dateline(text, block.line)
    if (is_salute(text) or dateline is not None) and opener.children \
            and isinstance(opener.children[-1], str):
        # a line of the opener's own text before it: the salutation or date is a line of
        # its own, not run on ("Copy No. 2" / "6 April 1958", never "Copy No. 26 April")
        opener.append(el("lb", line=block.line))
    if is_salute(text):
        opener.append(_node("salute", content, block.line))
    elif dateline is not None:
        opener.append(dateline)
    else:
        if opener.children:
            opener.append(el("lb", line=block.line))
        opener.extend(content)


def _opener(blocks: list[tuple[Block, list[str | Node]]]) -> Node:
    """Short lines before a document's heading (an address, an author and date)."""
    opener = el("opener", line=blocks[0][0].line)
    for block, content in blocks:
        _opener_part(opener, block, content)
    return opener


def _attachment_start(blocks: list[Block]) -> int | None:
    """Where a letter's attachment begins: a heading line of an appendix's word alone
    ("Attachment", "ATTACHMENT", "Appendix 1", "Enclosure"), or with its title after a
    colon ("Appendix: Rice Deliveries …"), after text that ends with its closing lines (a
    greeting, a signature), with text after it; None where there is none."""
    for a in range(1, len(blocks) - 1):
        text = blocks[a].text.strip()
        text = text.partition(":")[0] if is_short(text) else text
        if (len(blocks[a].lines) == 1 and len(text.split()) <= 3 and is_short(text)
                and _div_type(text.capitalize()) == "appendix"  # ("ATTACHMENT" too)
                and _closer_start(blocks[:a]) < a
                and any(not is_short(b.text) for b in blocks[:a])):
            return a
    return None


def _with_attachment(blocks: list[Block], at: int, parser: InlineParser) -> list[Node]:
    """A letter and what it encloses: the letter as a part of its own (its closer
    closes it: TEI has nothing after a closer), then the attachment, an appendix under
    its heading."""
    letter = build_text(blocks[:at], parser)
    heads = blocks[at:at + 2] if _titled_part(blocks, at) else blocks[at:at + 1]
    appendix = el("div", *(_node("head", parse_lines(h, parser), h.line) for h in heads),
                  *build_text(blocks[at + len(heads):], parser, titled=True),
                  type="appendix", line=heads[0].line)
    if not any(n.tag == "div" for n in letter):
        letter = [el("div", *letter, type="letter", line=blocks[0].line)]
    return [*letter, appendix]


_INITIAL_IN = regexes.compile(r"\b[A-Z][a-z]?\.(?:\s|[A-Z]|$)")  # "V.V. IVANOV", "I. Kabanov"


def _titled_part(raw: list[Block], i: int) -> bool:
    """A part's own word and number on a line ("Appendix No. 2", "Chapter II"), its title
    on the next ("Rates of payment for the training"), then its text: both lines head
    the part."""
    words = raw[i].text.split()
    return (bool(words) and words[0] in load_vocabulary().letters.heading_words
            and len(words) <= 3 and i + 2 < len(raw) and len(raw[i + 1].lines) == 1
            and is_short(raw[i + 1].text) and not is_short(raw[i + 2].text)
            and item_number(raw[i + 1].text.strip()) is None
            # a title, not a signer ("V.V. IVANOV"), a stamp or a date
            and not _INITIAL_IN.search(raw[i + 1].text) and not _stamp(raw[i + 1])
            and parse_date(raw[i + 1].text.strip()) is None
            and _dateline(raw[i + 1].text.strip(), raw[i + 1].line) is None)


def _div_type(head: str) -> str:
    return next((kind for word, kind in load_vocabulary().letters.part_type.items()
                 if head.startswith(word)), "section")


def _numbered_heads(raw: list[Block]) -> dict[int, str]:
    """Numbered headings ("I. On the Twentieth Congress"), by block, with their numbers: a
    numbered line that would be a short heading without its number, each followed by
    paragraphs, never by another numbered line (then they are points of a list, "1.
    Anshan Works" / "2. Harbin Plant"); Roman numbers in their order."""
    numbered: dict[int, str] = {}
    styles: dict[int, str | None] = {}
    roman = 0
    # "I. Introduction" has the shape of an initial and a surname; with a "II." heading
    # in the same text it is the first of them
    second = any((m := _ITEM.match(b.text.strip())) and m.group("c") == "II" for b in raw)
    for i, block in enumerate(raw):
        text = block.text.strip()
        n = item_number(text)
        if n is None and second and len(block.lines) == 1 and (
                m := _ITEM.match(text)) and m.group("c") == "I":
            n = "I"
        if n is None:
            continue
        m = _ITEM.match(text)
        assert m is not None
        if m.lastgroup == "c":
            following = _roman_next(n, roman)
            if following is None:
                continue
            roman = following
        numbered[i] = n
        styles[i] = m.lastgroup
    heads = {i: n for i, n in numbered.items()
             if len(raw[i].lines) == 1 and is_short(_ITEM.sub("", raw[i].text.strip(), 1))}
    # the headings are one kind of number ("I.", "II."); points under one of them
    # numbered another way ("1)", "2)") are its text, not headings
    style = {styles[i] for i in heads}
    ours = {i: n for i, n in numbered.items() if styles[i] in style}
    if not heads or len(style) != 1 or len(heads) != len(ours) or any(
            i + 1 >= len(raw) or i + 1 in ours or (is_short(raw[i + 1].text)
            and (i + 1) not in numbered) for i in heads):
        return {}
    return heads


_WORD = regexes.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# the most blocks (stamps, the diary's owner, dates) before a title in capitals
_TITLE_WITHIN = 8


def _in_capitals(text: str) -> bool:
    """A short line all of whose letters are capitals ("MEMORANDUM OF CONVERSATION",
    "V.V. IVANOV"), not a numbered point."""
    t = _ANCHOR.sub("", text).strip().removesuffix(".")
    return (len(t) < SHORT and any(ch.isalpha() for ch in t)
            and not any(ch.islower() for ch in t) and not _TERMINAL.search(t)
            and item_number(t) is None)


def _goes_on(text: str) -> bool:
    """A short line in lower case that carries a title on ("with the Chairman …", "on 3
    April 1958"), not a sentence of its own."""
    t = _ANCHOR.sub("", text).strip()
    return len(t) < SHORT and t[:1].islower() and not _TERMINAL.search(t)


def _title(blocks: list[Block]) -> tuple[int, int] | None:
    """The blocks (start, stop) of the document's own title printed in capitals
    ("RECORD OF CONVERSATION" / "with Minister … Nam Il"): a block in capitals that
    holds a word of formats.yml ``title_words``, with only short lines, stamps or dates
    before it, and text after it; the lines after it that go on in lower case are part
    of it. None if the text opens otherwise."""
    words = load_vocabulary().letters.title_words
    for i, block in enumerate(blocks[:_TITLE_WITHIN]):
        lines = [line.text for line in block.lines]
        if (_in_capitals(lines[0]) and not _stamp(block)
                and words.intersection(w.upper() for w in _WORD.findall(lines[0]))
                and all(_in_capitals(t) or _goes_on(t) for t in lines[1:])):
            stop = i + 1
            while stop < len(blocks) and all(_goes_on(line.text) for line in blocks[stop].lines):
                stop += 1
            if any(not is_short(b.text) and parse_date(b.text.strip()) is None
                   for b in blocks[stop:]):
                return i, stop
            return None
        text = block.text.strip()
        if not (is_short(text) or _stamp(block) or parse_date(text) is not None):
            return None
    return None


def build_text(blocks: list[Block], parser: InlineParser, *,
               titled: bool = False, essay: bool = False) -> list[Node]:
    """The children of a document's ``div``: its heading, parts or paragraphs (and,
    unless ``titled``, its title in capitals before them: :func:`_title`). In an
    ``essay`` (no letter: no signatures, addresses or names alone on a line), a short
    line of capitalised words before a paragraph heads a part too
    (:func:`_essay_heading`)."""
    blocks = _common_indent([part for block in blocks
                             for part in (_numbered_lines(block) or [block])])
    span = None if titled else _title(blocks)
    if span is not None:
        start, stop = span
        head = el("head", line=blocks[start].line)
        for k, block in enumerate(blocks[start:stop]):
            if k:
                head.append(el("lb", line=block.line))
            head.extend(parse_lines(block, parser))
        before = [_opener(_joined(blocks[:start], parser))] if start else []
        return [*before, head, *build_text(blocks[stop:], parser, titled=True, essay=essay)]
    if blocks and (epigraph := _epigraph(blocks[0], parser)) is not None:
        return [epigraph, *build_text(blocks[1:], parser, titled=True, essay=essay)]
    attached = _attachment_start(blocks)
    if attached is not None:
        return _with_attachment(blocks, attached, parser)
    parsed = _joined(blocks, parser)
    raw = [b for b, _ in parsed]
    closer = _closer_start(raw)
    numbered = {i: n for i, n in _numbered_heads(raw).items() if i < closer}
    heads = [
        i for i in range(len(raw) - 1)
        if i in numbered or (
            (is_heading(raw[i].text) or (essay and _essay_heading(raw[i].text)))
            and (not is_short(raw[i + 1].text)
                 or parse_date(raw[i + 1].text.strip()) is not None
                 or _titled_part(raw, i) or _holds(raw[i], raw[i + 1]))
            and not parse_date(raw[i].text.strip()) and not is_salute(raw[i].text)
            and _dateline(raw[i].text.strip(), raw[i].line) is None
            and not _signed_and_dated(raw[i]) and not _address(raw[i])
            and not (i and is_closing_greeting(raw[i - 1].text.strip()))  # a signature
            and not (i and _titled_part(raw, i - 1))  # the title under "Appendix No. 2"
            and not _ATTRIBUTION.match(raw[i].text.strip())  # "— V. Ilyin to …": a source
            and not _signatories(raw, i)
            and not _stamp(raw[i]) and not is_set_off(raw[i]) and not block_is_table(raw[i])
            and i < closer)
    ]
    if not heads:
        return _section(parsed, parser)
    if (len(heads) == 1 and heads[0] <= 1 and heads[0] not in numbered
            and all(is_short(b.text) for b in raw[: heads[0]])):
        # the document's own heading, perhaps after an address line
        h = heads[0]
        before = [_opener(parsed[:h])] if h else []
        return [*before, _node("head", parsed[h][1], raw[h].line),
                *_section(parsed[h + 1:], parser)]
    out = _section(parsed[: heads[0]], parser, bottom=False) if heads[0] else []
    for k, h in enumerate(heads):
        stop = heads[k + 1] if k + 1 < len(heads) else len(parsed)
        div = el("div", type=_div_type(raw[h].text.strip()), line=raw[h].line,
                 **({"n": numbered[h]} if h in numbered else {}))
        div.append(_node("head", parsed[h][1], raw[h].line))
        first = h + 1
        if _titled_part(raw, h) and first < stop - 1:  # "Appendix No. 2" / its title
            div.append(_node("head", parsed[first][1], raw[first].line))
            first += 1
        div.extend(list(_section(parsed[first: stop], parser)))
        out.append(div)
    return _nested(out)


# the small words a heading's capitalised words may have between them
_HEADING_SMALL = frozenset({"a", "an", "and", "the", "of", "in", "on", "to", "for", "at", "by"})


def _essay_heading(text: str) -> bool:
    """A short line of one to three words, each capitalised but the small ones ("Soviet
    Readings", "KIM IL SUNG", "Origins"): an essay's heading (is_heading asks four words
    or a part's own word, as a letter's short lines are names, places and signatures)."""
    t = _ANCHOR.sub("", text).strip()
    words = t.split()
    return (is_short(t) and 1 <= len(words) <= 3 and words[0][:1].isupper()
            and all(w[:1].isupper() or w in _HEADING_SMALL for w in words))


# Parts that hold the parts after them, up to the next of their own kind: a treaty's
# chapter its articles ("Chapter II. …" / "Article III" / "Article IV").
_HOLDS = {"chapter": frozenset({"article", "section"})}


def _holds(block: Block, following: Block) -> bool:
    """Whether ``block`` heads a part that holds the part ``following`` heads ("Chapter
    II. …" over "Article III"): a heading though a short line follows it."""
    kind = _div_type(block.text.strip())
    return kind in _HOLDS and _div_type(following.text.strip()) in _HOLDS[kind]


def _nested(parts: list[Node]) -> list[Node]:
    """The parts after a part that holds them (:data:`_HOLDS`) put inside it."""
    out: list[Node] = []
    holder: Node | None = None
    for node in parts:
        kind = node.attrs.get("type") if node.tag == "div" else None
        if kind in _HOLDS:
            holder = node
        elif holder is not None and kind in _HOLDS[str(holder.attrs["type"])]:
            holder.append(node)
            continue
        else:
            holder = None
        out.append(node)
    return out


def _signatories(raw: list[Block], i: int) -> bool:
    """A signer's block after another of its shape ("Plenipotentiary of the PRC" / "Zhou
    Enlai", then "Plenipotentiary of the DPRK" / "Kim Il Sung"): signatures side by side,
    not a heading."""
    def shape(block: Block) -> tuple[str, int] | None:
        lines = [line.text.strip() for line in block.lines]
        if len(lines) < 2 or not all(is_short(t) for t in lines):
            return None
        return lines[0].split()[0], len(lines)
    return i > 0 and shape(raw[i]) is not None and shape(raw[i]) == shape(raw[i - 1])
