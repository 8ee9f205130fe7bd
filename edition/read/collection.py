"""The printed collection (001 and its pages for other years): documents, each under a heading.

    Exchange of letters … Kirov Plant. January 5, 1954        heading, ending in the date
    A source: Soviet-Chinese relations. … 2015. pp. 162-166   source lines (labelled or
    Archive: AVPRF. F. 179. …                                 shaped like a call number
    70.                                                       or a newspaper), number line
    <body>
    * See doc. 68.                                            footnotes: *, **, * *, 6 *
    1 Ambassador …                                            a numeric note and its
    In his speech …                                           continuation paragraphs

Every part is told by its label or its shape, never by its position alone:

* a heading is the block of lines (up to ``heading_lines``, a heading wrapped over
  lines) above a document's source lines and number line, dated or not; or a line
  ending in a date, followed by a source line, a number line, another heading or the
  end of the page (or ending in "(Long Speech- Link)", "Link to speech", or with that link
  on the line under it, formats.yml ``link_marks``: the text is
  given only as a link). Its date is what its last line ends in, after a full stop (or
  alone on that line): a day, a month, a range ("January 22 - February 14, 1950"), a
  bound ("Not earlier than …", "Not later than …"), or dates of sending and receipt
  (the document is dated by the first); a footnote sign may follow it. A heading with
  no date it can read leaves the document undated, with a warning; text above the
  page's first heading is kept as the first document's front matter, with a warning;
* the source block is the run of lines after the heading up to the printed number
  ("70.", any width, "160a." for a document inserted after numbering); without a
  number line, the lines after the heading that are labelled ("A source:", "Archive:")
  or shaped like an archive reference ("AVPRF. F. 179. Op. 34 …", "Truth. 1954. 30
  Apr.");
* footnotes are printed after the text: a star sign ("*", "* *", "6 *"), a superscript
  number ("¹"), a dagger ("†", "‡"), a letter ("a) Not published.", its sign "(a)" in the
  text; only as a run that ends the document, each sign found: else a lettered list) or
  a number and a capital ("1 Ambassador …"; its sign in the text before a punctuation
  mark, or between two words when no other such number could be it), the latter with
  its continuation paragraphs up to the
  next footnote when at most a few lines stand between; each is put at its sign in the
  text (or in an earlier note), in the order printed. Text printed after the footnotes
  is the note of a numeric sign in the text that has no note of its own ("November 13,
  1 ,"), printed without its sign; where there is no such sign it goes on with the last
  note (as text between two notes goes on with the one above it), with a warning;
* a sign with no note becomes ``ref type="noteSign"`` (the Schematron reports it), a
  second sign of a note a ``ref type="noteSign"`` pointing at it; a note whose sign the
  text lacks is typed ``unanchored`` and named in a warning.

The collection's constants (its title, the language it translates, its newspapers, the id
scheme) are data in ``edition/data/formats.yml``; the archives' names and abbreviations
in ``edition/data/archives.yml``.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass
from functools import cache

from edition import regexes
from edition.annotate import find_dates
from edition.errors import EditionError
from edition.model import DateValue, Document, Metadata, Node, SourceLine, el
from edition.read.common import drop_chrome
from edition.read.detection import Verdict
from edition.read.inline import InlineParser, placeholder, reading_text
from edition.read.structure import (
    Block,
    block_is_table,
    build_text,
    is_blank,
    is_stamp,
    parse_lines,
    split_blocks,
)
from edition.read.vocabulary import load_vocabulary
from edition.rules import Rules

FORMAT = "collection"

_NUMBER = regexes.compile(r"^(?P<n>\d+)(?P<letter>[a-z]?)\.(?P<star>\*?)$")  # "70.", "160a.", "73.*"


@cache
def _after_date(link_marks: tuple[str, ...]) -> re.Pattern[str]:
    """What may follow the date that ends a heading: a footnote sign ("*", "6 *"), the
    site's link to a text it gives only as a link (formats.yml ``link_marks``), a full
    stop ("… September 3, 1952.")."""
    link = "|".join(link_marks) or "(?!)"
    return regexes.compile(r"(?P<close>\])?(?P<sign>\s*(?:\*(?: ?\*)*|\d{1,2} \*))?"
                      rf"(?P<link>\s*(?i:{link}))?(?P<stop>\.)?\s*$")


@cache
def _link_line(link_marks: tuple[str, ...]) -> re.Pattern[str]:
    """The site's link alone on a line ("Link to speech" under a dated heading)."""
    return regexes.compile("(?i:" + ("|".join(link_marks) or "(?!)") + r")\.?")
# a year near the end of a line: every date a heading ends in has one (the rest is at
# most a footnote sign or the site's link)
_YEAR_AT_END = regexes.compile(r"\d{4}\b\D{0,30}$")
# the full stop between a title and its date, and the place it was written at, if
# printed there ("… Mao Zedong. Beijing, October 2, 1959")
_PLACE = r"[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2},\s*"  # "Beijing, ", "New Delhi, "
_TITLE_END = regexes.compile(rf"[.\u00a0]\s*(?:{_PLACE})?$")
# the place a heading's date follows, at the end of the title ("… Mao Zedong. Beijing,")
_PLACE_AT_END = regexes.compile(rf"(?<=\.)\s*{_PLACE}$")
_LABEL = regexes.compile(r"^(?P<label>A source|Archive):\s*")
_SOURCE = regexes.compile(r"^A source:\s*(?P<title>.+?)\. (?P<year>\d{4})\. (?P<pages>pp?\. ?[\d-]+)\.?$")
_CALL = regexes.compile(r"(?:^|\. )F\. ?[\w-]+\.? (?:Op|D)\.")  # fond, then opis or delo
_NEWSPAPER = regexes.compile(r"^[A-Za-z][\w' ]{0,40}\. \d{4}\. ")  # "Truth. 1954. 30 Apr."
_TRANSLATED = regexes.compile(r"translated from (?P<lang>[A-Z][a-z]+)")
# an archive named by its place, as the seed names Tianjin's ("Archive of Shenyang. S14 -
# 2 - 77"): the name, then the call number after its full stop
_PLACE_ARCHIVE = regexes.compile(r"^(?P<name>Archives? of (?:the )?[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,3})"
                            r"\.\s+(?P<call>\S.*)$")
# Superscript digits: a note's sign after a word ("Poland¹") and its label at the foot.
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# Daggers: a note's sign after a word ("Liu Shaoqi†") and its label at the foot
_DAGGERS = "†‡"
# A note labelled by a sign no text begins with: stars ("*", "6 *"), superscript digits
# or daggers
_STAR_NOTE = regexes.compile(rf"^(?P<label>\d{{1,2}} \*|\*(?: ?\*)*|[{_SUPERSCRIPTS}]{{1,2}}"
                        rf"|[{_DAGGERS}]{{1,3}})\s*(?P<text>\S.*)$")
# A note labelled by a letter ("a) Not published."), its sign "(a)" or "a)" after a word
_LETTER_NOTE = regexes.compile(r"^(?P<label>[a-z]\))\s+(?P<text>[A-Z\"“].*)$")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November"
           "|December")
_NUMERIC_NOTE = regexes.compile(rf"^(?P<label>\d{{1,2}}) (?!(?:{_MONTHS})\b)(?P<text>[A-Z\"“].*)$")
_CONTINUATION = 3  # at most this many paragraphs continue a numeric note
_SIGN = regexes.compile(
    # (a sign after "note" names a note of another document: "see doc. 99, note 8 *")
    r"(?P<num>(?<=\s)(?<![Nn]ote )\d{1,2} \*(?!\*))"          # "6 *"
    r"|(?P<star>(?<![*\w])(?<!\* )(?<![Nn]ote )\*(?: ?\*)*(?!\*)|(?<=\w)\*+)"  # "*", "* *"
    r"|(?P<bare>(?<=[\w,] )\d{1,2}(?= [,.;:]))"  # "November 13, 1 ," (numeric signs)
    r"|(?P<loose>(?<=[A-Za-z] )\d{1,2}(?= [a-z]))"  # "tin 1 and": a sign only when alone
    rf"|(?P<sup>(?<=[\w.,;:)\]\"”’])[{_SUPERSCRIPTS}]{{1,2}})"  # "Poland¹"
    rf"|(?P<dagger>(?<=[\w.,;:)\]\"”’])[{_DAGGERS}]{{1,3}})"  # "Liu Shaoqi†"
    r"|(?P<letter>(?<=\w )\(?[a-z]\)(?=[\s,.;:]|$))"  # "the Amur (a),": with a note "a)"
)
_CUT = regexes.compile(r"[\w,;\-–]$")  # a paragraph ending like this ends mid-sentence


@dataclass(frozen=True)
class CollectionData:
    """The collection's constants (edition/data/formats.yml, archives.yml)."""

    title: str
    original_language: str
    id_prefix: str
    number_width: int
    archives: dict[str, str]  # every printed form of an archive → its name
    newspapers: tuple[str, ...]
    date_words: tuple[str, ...] = ()  # "sent", "received": words that say which date
    heading_lines: int = 3  # at most this many lines make one heading
    link_marks: tuple[str, ...] = ()  # the site's link for a text given only as a link


def load_collection_data() -> CollectionData:
    v = load_vocabulary()
    c = v.collection
    return CollectionData(c.title, c.original_language, c.id_prefix, c.number_width,
                          v.archive_names(), c.newspapers, c.date_words, c.heading_lines,
                          c.link_marks)


@cache
def _date_words(words: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What may stand between two dates of one heading (a comma, "and", a word that says
    which date follows: "…, received July 29, 1955"), and such a word before the first."""
    word = "|".join(re.escape(w) for w in words) or "(?!)"
    return (regexes.compile(rf"\s*[,;]?\s*(?:and\s+)?(?:(?i:{word})\s+)?"),
            regexes.compile(rf"(?i:\b(?:{word}))\s+$"))


@dataclass(frozen=True)
class _Dating:
    """The dates a heading's last line ends in ("… Roshchin. Not earlier than December
    28, 1949"; "… Yudin. Sent July 28, 1955, received July 29, 1955"): each date's span
    and ISO attributes; the document's date is the first."""

    text: str  # the line
    start: int  # where the dates, with the words that say which they are, begin
    dates: tuple[tuple[int, int, dict[str, str]], ...]
    sign: str  # a footnote sign after them, as printed ("" if none)
    link: str  # the site's link after them (" (Long Speech- Link)"), or ""
    stop: str = ""  # a full stop that ends the line after them, or ""
    bracket: int = -1  # where the square bracket opens that the date is supplied in

    @property
    def value(self) -> DateValue:
        start, end, attrs = self.dates[0]
        return DateValue(self.text[start:end], tuple(attrs.items()))


# what a heading says before a date the compilers supply ("Undated [November 1955]")
_UNDATED = regexes.compile(r"(?i:\b(?:undated|not dated|no date)\.?)\s*$")


def _dating(text: str, data: CollectionData, *, alone: bool = False) -> _Dating | None:
    """The dates ``text`` ends in, after a title and its full stop ("… Kirov Plant. January
    5, 1954"), or standing alone on the line when ``alone`` (a heading's date printed
    under its title): dates of one day, a month, a range ("January 22 - February 14,
    1950") or a bound ("Not later than …"), with an optional footnote sign or link after
    them. None when the line does not end so (a date within a title dates nothing)."""
    if not _YEAR_AT_END.search(text):
        return None  # (most lines: the date annotator is not asked about them)
    found = find_dates(text, None)
    if not found:
        return None
    after = _after_date(data.link_marks).match(text, found[-1][1])
    if after is None:
        return None
    between, word_before = _date_words(data.date_words)
    k = len(found) - 1
    bracket = -1
    if after.group("close"):  # "… Embassy. Undated [November 1955]": supplied
        bracket = text.rfind("[", 0, found[k][0])
        if bracket < 0 or text[bracket + 1:found[k][0]].strip():
            return None
        undated = _UNDATED.search(text, 0, bracket)
        start = undated.start() if undated else bracket
    else:
        while k and between.fullmatch(text, found[k - 1][1], found[k][0]):
            k -= 1
        start = found[k][0]
        word = word_before.search(text[:start])
        if word:
            start = word.start()
    before = text[:start]
    if not (_TITLE_END.search(before) or (alone and not before.strip())):
        return None
    return _Dating(text, start, tuple(found[k:]), (after.group("sign") or "").strip(),
                   after.group("link") or "", after.group("stop") or "", bracket)


def _is_source(text: str, data: CollectionData) -> bool:
    """A line labelled or shaped like a source line ("Archive: …", "AVPRF. F. 179. Op. …")."""
    return bool(_LABEL.match(text) or _CALL.search(text) or _NEWSPAPER.match(text)
                or any(text.startswith(f"{name}.") for name in (*data.archives, *data.newspapers)))


def _source_above(texts: list[str], data: CollectionData) -> bool:
    """Source lines, stamps among them, right above a number line (nearest last): at
    least one a source line."""
    found = False
    for text in reversed(texts):
        if _is_source(text, data):
            found = True
        elif not is_stamp(text):
            break
    return found


def detect(text: str) -> Verdict:
    """A number line ("70.") right after a source line, under a heading ending in a date
    or under the collection's own "A source:" line: the evidence names them; else the
    reason."""
    data = load_collection_data()
    lines = [line.strip() for line in text.splitlines()]
    for i, line in enumerate(lines):
        if not (_NUMBER.match(line) and i and _source_above(lines[max(0, i - 4):i], data)):
            continue
        head = next((h for h in lines[max(0, i - 6): i - 1] if _dating(h, data)), None)
        if head:
            return Verdict.accept(f"a document heading ending in a date ({head[-30:]!r}), "
                                  f"a source line ({lines[i - 1][:40]!r}) and the document's "
                                  f"number line {line!r}")
        source = next((h for h in lines[max(0, i - 3): i] if h.startswith("A source:")), None)
        if source:
            return Verdict.accept(f"the collection's source line ({source[:40]!r}) and the "
                                  f"document's number line {line!r} under it")
    if not any(_NUMBER.match(line) for line in lines):
        if not any(_LABEL.match(line) for line in lines):
            return Verdict.decline("no line beginning 'A source: ' or 'Archive: ' and no "
                                   "document number line such as '70.'")
        return Verdict.decline("no document number line such as '70.'")
    return Verdict.decline("no document number line ('70.') under a source line ('Archive: "
                           "…', 'AVPRF. F. 179. …', 'Truth. 1954. 30 Apr.') and a heading "
                           "ending in a date")


@dataclass
class _Segment:
    heading: list[SourceLine]  # the heading's lines (more than one when it is wrapped)
    dating: _Dating | None  # the dates its last line ends in; None: an undated heading
    lines: list[SourceLine]  # after the heading, to the next heading
    last: bool = False
    before: list[SourceLine] | None = None  # text above the page's first heading
    stamps: list[SourceLine] = dataclasses.field(default_factory=list)  # above the heading


def _next_text(lines: list[SourceLine], i: int) -> str | None:
    return next(iter(_next_texts(lines, i, 1)), None)


def _next_texts(lines: list[SourceLine], i: int, n: int) -> list[str]:
    """The next ``n`` non-blank lines after line ``i``."""
    out: list[str] = []
    for line in lines[i + 1:]:
        if len(out) == n:
            break
        if not is_blank(line.text):
            out.append(line.text.strip())
    return out


def _heading_start(lines: list[SourceLine], last: int, most: int) -> int:
    """The first line of the heading whose last line is ``last``: the lines above it up
    to a blank line, when they are at most ``most`` in all (a heading wrapped over
    lines); else ``last`` alone."""
    first = last
    while (first > 0 and not is_blank(lines[first - 1].text)
           and not is_stamp(lines[first - 1].text.strip())):  # "Top Secret" is no title
        first -= 1
    return first if last - first < most else last


def _anchored_headings(lines: list[SourceLine], data: CollectionData) -> dict[int, int]:
    """Headings told by what stands under them: source lines, then the document's
    number ("Archive: AVPRF. F. 179. …", "70."). The heading is the block of lines above
    the source lines, dated or not. First line → last line."""
    heads: dict[int, int] = {}
    for i, line in enumerate(lines):
        if not _NUMBER.match(line.text.strip()):
            continue
        top = i
        while (top and i - top < 4 and not is_blank(lines[top - 1].text)
               and (_is_source(lines[top - 1].text.strip(), data)
                    or is_stamp(lines[top - 1].text.strip()))):
            top -= 1
        if not any(_is_source(lines[k].text.strip(), data) for k in range(top, i)):
            continue  # no source line right above the number (a stamp alone is none)
        last = top - 1
        while last >= 0 and (is_blank(lines[last].text) or is_stamp(lines[last].text.strip())):
            last -= 1  # ("Copy No. 3" printed under the heading: the source's)
        if last < 0 or _NUMBER.match(lines[last].text.strip()):
            continue
        heads[_heading_start(lines, last, data.heading_lines)] = last
    return heads


def _dated_headings(lines: list[SourceLine], data: CollectionData,
                    taken: dict[int, int]) -> dict[int, int]:
    """Headings told by their date: a line ending in a date, followed by a source line, a
    number line, another such heading or the end of the page (or by the site's link to
    the text), that is not part of a heading found already (``taken``)."""
    inside = {k for first, last in taken.items() for k in range(first, last + 1)}
    heads: dict[int, int] = {}
    for i, line in enumerate(lines):
        if i in inside:
            continue
        dating = _dating(line.text.strip(), data)
        if dating is None or dating.stop:  # (a sentence may end in a date)
            continue
        following = _next_text(lines, i)
        if (following is not None and i + 1 < len(lines)
                and _link_line(data.link_marks).fullmatch(lines[i + 1].text.strip())):
            # the site's link on the line under the heading: the heading's
            heads[_heading_start(lines, i, data.heading_lines)] = i + 1
            continue
        if ((following is None or (_dating(following, data) is not None
                                   and not _is_source(following, data)))
                and not dating.link and _closing_dateline(lines, i, dating)):
            # "K. Voroshilov" / "Moscow, Kremlin. July 1, 1955": the closer's, at the end
            # of the page or with the next document's heading after it
            continue
        if (dating.link or following is None or _is_source(following, data)
                or _dating(following, data) is not None
                or any(_NUMBER.match(t) for t in _next_texts(lines, i, 3))):
            heads[_heading_start(lines, i, data.heading_lines)] = i
    return heads


def _closing_dateline(lines: list[SourceLine], i: int, dating: _Dating) -> bool:
    """Whether the dated line ``i``, the page's last, is a letter's place and date under
    its signature rather than a document's heading: at most three words before the date
    ("Moscow, Kremlin."), and a short line (the signature) right above it."""
    words = dating.text[:dating.start].replace(",", " ").replace(".", " ").split()
    above = next((line.text.strip() for line in reversed(lines[:i])
                  if not is_blank(line.text)), "")
    return 0 < len(words) <= 3 and 0 < len(above) < 40


def _segments(lines: list[SourceLine], seed: str, data: CollectionData) -> list[_Segment]:
    heads = _anchored_headings(lines, data)
    heads.update(_dated_headings(lines, data, heads))
    if not heads:
        raise EditionError(seed, 1, 1, "collection: no document heading (a line ending in a date "
                           "or above a source line and the document's number) was found")
    out = []
    starts = sorted(heads)
    # stamp lines printed right above a heading ("Top Secret" / "Copy No. 3") are its
    # document's, not the end of the document before
    above = {first: next((k for k in range(first, -1, -1)
                          if k == 0 or not is_stamp(lines[k - 1].text.strip())), first)
             for first in starts}
    for k, first in enumerate(starts):
        last = heads[first]
        end = above[starts[k + 1]] if k + 1 < len(starts) else len(lines)
        heading = lines[first:last + 1]
        if len(heading) > 1 and _link_line(data.link_marks).fullmatch(heading[-1].text.strip()):
            # the site's link under the date: read as printed after it
            dated, link = heading[-2], heading[-1]
            heading = [*heading[:-2], SourceLine(dated.number, f"{dated.text.rstrip()} "
                                                               f"{link.text.strip()}")]
        alone = len(heading) > 1
        dating = _dating(heading[-1].text.strip(), data, alone=alone)
        out.append(_Segment(heading, dating, lines[last + 1:end], last=k + 1 == len(starts),
                            stamps=lines[above[first]:first]))
    stray = [line for line in lines[:above[starts[0]]] if not is_blank(line.text)]
    if stray:
        out[0].before = lines[:above[starts[0]]]
    return out


def _key(label: str) -> str:
    """A sign as a note's label and the text's sign are both printed: "* *" and "**",
    "(a)" and "a)" are one."""
    return re.sub(r"[\s()]", "", label)


def _note_kind(label: str) -> str:
    """The kind of sign a note's label is printed with (the kinds of :data:`_SIGN`)."""
    first = label[0]
    return ("sup" if first in _SUPERSCRIPTS else "dagger" if first in _DAGGERS
            else "letter" if first.isalpha() else "bare" if label.isdigit() else "star")


@dataclass
class _Note:
    """A footnote as printed: its label, its lines, whether its label is printed."""

    label: str
    lines: list[SourceLine]
    labelled: bool = True
    node: Node | None = None
    anchored: bool = False


@dataclass
class _Sign:
    """A footnote sign found in the text: where, what."""

    line: int  # index into the searchable lines
    start: int
    end: int
    text: str
    kind: str  # "star" (also "6 *"), "bare" (a number alone), "loose" (a number between
    # words), "sup" ("¹"), "dagger" ("†") or "letter" ("(a)")
    claimed: bool = False

    @property
    def key(self) -> str:
        return _key(self.text)


def _loose_signs(lines: list[SourceLine], label: str) -> int:
    """How many times the number ``label`` stands between two words in ``lines`` ("tin 1
    and"): such a number is a note's sign only when it is the one such number."""
    return sum(m.group("loose") == label for line in lines for m in _SIGN.finditer(line.text))


def _numbered_run(lines: list[SourceLine], content: list[int]) -> list[int]:
    """The paragraphs that end a document as numeric notes numbered in a row ("1 The
    Plenum …", "2 See doc. 170 …", "3 Zhang Wentian – …"), star notes among them: notes
    by their numbering alone, whether or not their signs are found in the text. Two at
    least; none when anything else stands among them."""
    run: list[int] = []
    for i in reversed(content):
        text = lines[i].text.strip()
        if _STAR_NOTE.match(text):
            continue
        m = _NUMERIC_NOTE.match(text)
        if m is None:
            break
        run.append(i)
    labels = [int(m.group("label")) for i in reversed(run)
              if (m := _NUMERIC_NOTE.match(lines[i].text.strip()))]
    consecutive = all(b == a + 1 for a, b in itertools.pairwise(labels))
    return run if len(run) >= 2 and consecutive else []


def _lettered_run(lines: list[SourceLine], content: list[int]) -> list[int]:
    """The paragraphs that end a document as notes labelled by letters in a row ("a) Not
    published.", "b) See doc. 179."), other notes among them, each letter's sign printed
    after a word in the text above them ("the Amur (a),"); none when anything else
    stands among them, or a sign is missing (a lettered list ends the text)."""
    run: list[int] = []
    for i in reversed(content):
        text = lines[i].text.strip()
        if _STAR_NOTE.match(text) or _NUMERIC_NOTE.match(text):
            continue
        if _LETTER_NOTE.match(text) is None:
            break
        run.append(i)
    run.reverse()
    labels = [_key(m.group("label")) for i in run
              if (m := _LETTER_NOTE.match(lines[i].text.strip()))]
    if not run or labels != [chr(ord("a") + k) for k in range(len(labels))]:
        return []
    above = [lines[i].text for i in content if i < run[0]]
    signs = {_key(m.group("letter")) for text in above for m in _SIGN.finditer(text)
             if m.group("letter")}
    return run if signs >= set(labels) else []


class _CollectionDocument:
    """Reads one segment of the collection into a Document."""

    def __init__(self, seg: _Segment, seed: str, rules: Rules, data: CollectionData,
                 pages: dict[int, Node] | None = None) -> None:
        self.seg, self.seed, self.rules, self.data = seg, seed, rules, data
        self.warnings: list[EditionError] = []
        self.date: DateValue | None = seg.dating.value if seg.dating else None
        self.source_lines, body, unclear = self._split_source(seg.lines)
        self.source_lines = [*seg.stamps, *self.source_lines]  # (labels of the source note)
        number = next((n for line in self.source_lines
                       if (n := _NUMBER.match(line.text.strip()))), None)
        self.number = number.group("n") + number.group("letter") if number else None
        if number:
            self.doc_id = (f"{data.id_prefix}-{int(number.group('n')):0{data.number_width}d}"
                           f"{number.group('letter')}")
        elif self.date:  # (a heading told by its date alone: it has one)
            self.doc_id = f"{data.id_prefix}-" + self.date.attrs[0][1].replace("-", "")
        else:
            raise EditionError(seed, seg.heading[0].number, 1, "collection: a document with "
                               "neither a number nor a date: it cannot be given an id")
        for line in unclear:
            self.warn(line.number, "cannot tell what this line before the document's "
                      f"number is: {line.text.strip()[:60]!r}; kept with the source lines")
        self.parser = InlineParser(rules, self.doc_id)
        self.parser.notes.update(pages or {})  # the page breaks in its lines (read)
        self.body_lines, self.notes = self._notes(body)
        if seg.dating is None:
            self.warn(seg.heading[0].number, f"the heading {self._heading_text()[:60]!r} holds "
                      "no date this reader can read: the document is left undated")

    def _heading_text(self) -> str:
        return " ".join(line.text.strip() for line in self.seg.heading)

    def _heading_pieces(self) -> list[SourceLine]:
        """The heading's words around its dates, as lines to look for footnote signs in:
        each line above the last, the last line up to its dates, what follows them."""
        lines = [SourceLine(line.number, line.text.strip()) for line in self.seg.heading]
        last, dating = lines[-1], self.seg.dating
        if dating is None:
            return [*lines, SourceLine(last.number, "")]
        return [*lines[:-1], SourceLine(last.number, last.text[:dating.start]),
                SourceLine(last.number, dating.sign)]

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(EditionError(self.seed, line, 1, f"{self.doc_id}: {message}"))

    # -- the source block -------------------------------------------------------------

    def _split_source(self, lines: list[SourceLine]
                      ) -> tuple[list[SourceLine], list[SourceLine], list[SourceLine]]:
        """The source lines after the heading (to the number line), the rest, and the
        lines among the source lines that are none (warned about once the document has
        its id)."""
        start = next((i for i, line in enumerate(lines) if not is_blank(line.text)), len(lines))
        first = start
        stamps: list[SourceLine] = []  # "Copy No. 3" printed under the heading
        while start < len(lines) and (is_stamp(lines[start].text.strip())
                                      or (stamps and is_blank(lines[start].text))):
            if not is_blank(lines[start].text):
                stamps.append(lines[start])
            start += 1
        end = next((i for i in range(start, len(lines)) if is_blank(lines[i].text)), len(lines))
        block = lines[start:end]
        numbered = next((i for i, line in enumerate(block)
                         if _NUMBER.match(line.text.strip())), None)
        if numbered is not None:
            unclear = [line for line in block[:numbered]
                       if not (_is_source(line.text.strip(), self.data)
                               or is_stamp(line.text.strip()))]
            # stamps printed right under the number ("119." / "Copy No. 1") are the
            # source's, as those above it are: not the opening of the text
            upto = numbered + 1
            while upto < len(block) and is_stamp(block[upto].text.strip()):
                upto += 1
            return [*stamps, *block[:upto]], block[upto:] + lines[end:], unclear
        source: list[SourceLine] = []
        for line in block:
            if not _is_source(line.text.strip(), self.data):
                break
            source.append(line)
        if not source:  # (no source lines: the stamps are the text's, as printed)
            return [], lines[first:], []
        return [*stamps, *source], lines[start + len(source):], []

    # -- footnotes ----------------------------------------------------------------------

    def _notes(self, lines: list[SourceLine]) -> tuple[list[SourceLine], list[_Note]]:
        """Split off the footnotes: (the other lines, blanks kept; the notes as printed)."""
        content = [i for i, line in enumerate(lines) if not is_blank(line.text)]
        kinds: dict[int, str] = {}
        for pos, i in enumerate(content):
            text = lines[i].text.strip()
            if _STAR_NOTE.match(text):
                kinds[i] = "star"
            elif m := _NUMERIC_NOTE.match(text):
                # a numeric note stands among the notes: only its continuation (a few
                # paragraphs) comes between it and the next star note or the end; and
                # star notes follow it or precede it, or the text has its sign
                rest = content[pos + 1:]
                following = next((k for k, j in enumerate(rest)
                                  if _STAR_NOTE.match(lines[j].text.strip())), len(rest))
                among_notes = following < len(rest) or "star" in kinds.values()
                signed = any(b.group("bare") == m.group("label")
                             for j in content[:pos] for b in _SIGN.finditer(lines[j].text)
                             ) or _loose_signs([lines[j] for j in content[:pos]],
                                               m.group("label")) == 1
                if following <= _CONTINUATION and (among_notes or signed):
                    kinds[i] = "numeric"
        kinds.update(dict.fromkeys(_numbered_run(lines, content), "numeric"))
        kinds.update(dict.fromkeys(_lettered_run(lines, content), "letter"))
        notes: list[_Note] = []
        body: list[SourceLine] = []
        current: _Note | None = None
        trailing: list[SourceLine] = []
        for i, line in enumerate(lines):
            text = line.text.strip()
            kind = kinds.get(i)
            if kind is not None:
                m = {"star": _STAR_NOTE, "letter": _LETTER_NOTE}.get(
                    kind, _NUMERIC_NOTE).match(text)
                assert m is not None
                if trailing and notes:
                    # paragraphs between two notes: the one before them goes on in them
                    # (a star note of several paragraphs); they were the document's text
                    notes[-1].lines.extend(trailing)
                    taken = {t.number for t in trailing}
                    body = [SourceLine(b.number, "") if b.number in taken else b for b in body]
                current = _Note(m.group("label"), [SourceLine(line.number, m.group("text"))])
                notes.append(current)
                body.append(SourceLine(line.number, ""))
                trailing = []
            elif current is not None and current.label[-1].isdigit() and not is_blank(text):
                current.lines.append(line)  # a numeric note's continuation paragraph
                body.append(SourceLine(line.number, ""))
            elif notes and not is_blank(text):
                trailing.append(line)
                body.append(line)
                current = None
            else:
                body.append(line)
        if trailing:
            sign = self._unexplained_number(body, notes)
            if sign is not None:
                notes.append(_Note(sign, trailing, labelled=False))
                taken = {line.number for line in trailing}
                body = [SourceLine(line.number, "") if line.number in taken else line
                        for line in body]
            else:
                # the note above goes on (as a paragraph between two notes does): the
                # text does not go on after its footnotes
                notes[-1].lines.extend(trailing)
                taken = {line.number for line in trailing}
                body = [SourceLine(line.number, "") if line.number in taken else line
                        for line in body]
                self.warn(trailing[0].number, "text printed after the footnotes, with no "
                          "numeric sign in the text it could be the note of: read as the "
                          f"note {notes[-1].label!r} going on")
        return body, notes

    @staticmethod
    def _unexplained_number(body: list[SourceLine], notes: list[_Note]) -> str | None:
        """The first numeric sign ("13, 1 ,") in the text that no printed note claims."""
        labels = {_key(n.label) for n in notes}
        for line in body:
            for m in _SIGN.finditer(line.text):
                if m.group("bare") and m.group("bare") not in labels:
                    return m.group("bare")
        return None

    def _anchor(self, texts: list[SourceLine], note_lines: dict[int, int]) -> list[SourceLine]:
        """Put each note at its sign, in the order printed; mark signs without notes.

        ``texts`` are the source, body and note lines; ``note_lines`` maps an index of
        ``texts`` to the note (index in ``self.notes``) whose text it is. Returns the
        lines with placeholders where the notes and signs stand.
        """
        signs: list[_Sign] = []
        labels = {_key(n.label) for n in self.notes}
        for li, line in enumerate(texts):
            for m in _SIGN.finditer(line.text):
                kind = next((k for k in ("bare", "loose", "sup", "dagger", "letter")
                             if m.group(k)), "star")
                if kind in ("bare", "loose", "letter") and _key(m.group(0)) not in labels:
                    continue  # a number or a letter, not a sign: no note carries it
                signs.append(_Sign(li, m.start(), m.end(), m.group(0), kind))
        marks: list[tuple[_Sign, str]] = []
        cursors = dict.fromkeys(("star", "bare", "sup", "dagger", "letter"), (-1, -1))
        for k, note in enumerate(self.notes):
            kind = _note_kind(note.label)
            own = note_lines.get
            candidates = [s for s in signs if not s.claimed and s.kind == kind
                          and (s.line, s.start) > cursors[kind] and own(s.line) != k]
            found = next((s for s in candidates if s.key == _key(note.label)), None)
            if found is None and kind == "bare":
                # a number between two words ("tin 1 and"): the note's sign only when it
                # is the one such number the note could stand at
                loose = [s for s in signs if not s.claimed and s.kind == "loose"
                         and (s.line, s.start) > cursors[kind] and own(s.line) != k
                         and s.key == _key(note.label)]
                found = loose[0] if len(loose) == 1 else None
            if found is None and kind == "star":
                # printed with another sign ("***" in the text, "* *" at the foot):
                # the next sign that no later note claims
                later = {_key(n.label) for n in self.notes[k + 1:]}
                found = next((s for s in candidates if s.key not in later), None)
            if found is None:
                self.warn(note.lines[0].number,
                          f"note {note.label!r} has no sign in the text: kept as a note of "
                          "the document, typed unanchored")
                continue
            found.claimed = True
            note.anchored = True
            cursors[kind] = (found.line, found.start)
            marks.append((found, placeholder(k + 1)))
        by_key = {_key(n.label): k for k, n in enumerate(self.notes) if n.anchored}
        extra = len(self.notes)
        for sign in signs:
            if sign.claimed or sign.kind == "loose":
                continue  # (a number between words no note claims is a number)
            extra += 1
            target = by_key.get(sign.key)
            ref = el("ref", sign.text, type="noteSign", n=sign.text,
                     line=texts[sign.line].number)
            if target is not None:
                ref.attrs["target"] = f"#{self.doc_id}-n{target + 1}"
            else:
                self.warn(texts[sign.line].number,
                          f"footnote sign {sign.text!r} has no note in the source")
            self.parser.notes[extra] = ref
            marks.append((sign, placeholder(extra)))
        out = list(texts)
        for sign, mark in sorted(marks, key=lambda sm: (sm[0].line, -sm[0].start)):
            line = out[sign.line]
            out[sign.line] = SourceLine(line.number, line.text[: sign.start] + mark
                                        + line.text[sign.end:])
        return out

    # -- the document -----------------------------------------------------------------

    def document(self) -> Document:
        seg = self.seg
        heading = self._heading_pieces()
        texts = [*heading, *self.source_lines, *self.body_lines]
        note_lines: dict[int, int] = {}
        for k, note in enumerate(self.notes):
            for line in note.lines:
                note_lines[len(texts)] = k
                texts.append(line)
        texts = self._anchor(texts, note_lines)
        n_head, n_source, n_body = len(heading), len(self.source_lines), len(self.body_lines)
        heading = texts[:n_head]
        source_lines = texts[n_head:n_head + n_source]
        body_lines = texts[n_head + n_source:n_head + n_source + n_body]
        note_texts: dict[int, list[SourceLine]] = {}
        for index, k in note_lines.items():
            note_texts.setdefault(k, []).append(texts[index])
        self._build_notes(note_texts)
        first = seg.heading[0].number
        link = seg.dating.link if seg.dating else ""
        div = el("div", type="document", line=first)
        if self.number:
            div.attrs["n"] = self.number
        div.append(self._head(heading))
        if source_lines:
            div.append(self._source_note(source_lines))
        front = self._before() if seg.before else []
        blocks = split_blocks(body_lines)
        self._headings_within(blocks)
        if link:
            div.append(el("gap", reason="link-only", line=first))
            if blocks:  # (the editors' words before the next document, perhaps)
                self.warn(blocks[0].line, "text after a heading whose document the page gives "
                          "only as a link: kept after the link in this document; it may "
                          "introduce the next document")
        elif not blocks and not any(n.anchored for n in self.notes):
            div.append(el("gap", reason="cut-off", line=first))
            self.warn(first, "no text follows the heading: the page is cut off "
                      "here (recorded as a gap)")
        div.extend(list(build_text(blocks, self.parser)))
        if blocks and seg.last and not link:
            self._cut_off(div, blocks[-1])
        unanchored = [n.node for n in self.notes if not n.anchored and n.node is not None]
        if unanchored:
            # before the closer and postscript that end the document, if any: TEI allows
            # no part after them (the notes are listed with the others, not shown here)
            at = len(div.children)
            while at and getattr(div.children[at - 1], "tag", None) in ("closer", "postscript"):
                at -= 1
            div.children.insert(at, el("div", *unanchored, type="notes",
                                       line=unanchored[0].line))
        return Document(self._metadata(), body=[div], front=front, warnings=self.warnings)

    def _headings_within(self, blocks: list[Block]) -> None:
        """Warn about a line within the text shaped like a document's heading (a title
        of more than a place, a full stop, a date: "Letter from … Molotov. March 4,
        1955") with text under it: without a source line or a number nothing tells
        another document from a part of this one, and it is read as the latter."""
        for block in blocks[:-1]:
            text = block.text.strip()
            if len(block.lines) != 1 or not _YEAR_AT_END.search(text):
                continue
            dating = _dating(text, self.data)
            if dating is None or dating.link or len(text[:dating.start].split()) <= 3:
                continue  # ("Moscow, Kremlin. March 10, 1953": a closing dateline)
            self.warn(block.line, f"{text[:60]!r} is shaped like a document's heading but "
                      "has no source line or number under it: read as a heading within "
                      "this document; it may head a document of its own")

    def _head(self, pieces: list[SourceLine]) -> Node:
        """The heading: its lines (a line break between them), its dates tagged, then a
        footnote sign and the site's link as printed. ``pieces``: the words around the
        dates with their signs put in (:meth:`_heading_pieces`, :meth:`_anchor`)."""
        dating, lines = self.seg.dating, self.seg.heading
        head = el("head", type="document", line=lines[0].number)
        for k, piece in enumerate(pieces[:-1]):
            if k:
                head.append(el("lb", line=piece.number))
            head.extend(self.parser.parse(piece.text, piece.number))
        if dating is None:
            return head
        at, last = dating.start, lines[-1].number
        for start, end, attrs in dating.dates:
            date = el("date", dating.text[start:end], line=last, **attrs)
            if dating.bracket >= 0:  # "Undated [November 1955]": the compilers'
                if dating.bracket > at:
                    head.extend(self.parser.parse(dating.text[at:dating.bracket], last))
                head.append(el("supplied", date, reason="translator", line=last))
                at = end + 1  # (after the closing bracket)
                continue
            if start > at:  # the words before a date ("Sent ", ", received ")
                head.extend(self.parser.parse(dating.text[at:start], last))
            head.append(date)
            at = end
        sign = pieces[-1]
        if sign.text:
            space = dating.text[at:dating.text.index(dating.sign, at)]
            if space:
                head.append(space)
            head.extend(self.parser.parse(sign.text, last))
        if dating.link:
            head.append(dating.link)
        if dating.stop:
            head.append(dating.stop)
        return head

    def _before(self) -> list[Node]:
        """Text above the page's first heading (the end of a document of the page
        before, perhaps): the first document's front matter, a paragraph a block, each
        with a warning (nothing says what it is; built as the document's text, a part
        heading among it put the text's opener after a part)."""
        out: list[Node] = []
        for block in split_blocks(self.seg.before or []):
            self.warn(block.line, f"cannot tell what {block.text.strip()[:40]!r} above the "
                      "page's first document heading is: kept before this document's "
                      "text, as a paragraph of its front matter")
            out.append(el("p", *parse_lines(block, self.parser), line=block.line))
        return out

    def _build_notes(self, note_texts: dict[int, list[SourceLine]]) -> None:
        # later notes first: a note may hold the sign of a note printed after it
        for k in range(len(self.notes) - 1, -1, -1):
            note, lines = self.notes[k], note_texts[k]
            node = el("note", place="foot", n=note.label, xml_id=f"{self.doc_id}-n{k + 1}",
                      line=lines[0].number)
            if not note.labelled:
                node.attrs["rend"] = "unlabelled"
            if not note.anchored:
                node.attrs["type"] = "unanchored"
            if len(lines) == 1:
                node.extend(self.parser.parse(lines[0].text.strip(), lines[0].number))
            else:
                for i, line in enumerate(lines):
                    if i:  # white space between the paragraphs, for tools that run them on
                        node.append("\n")
                    node.append(el("p", *parse_lines(Block([line]), self.parser),
                                   line=line.number))
            note.node = node
            self.parser.notes[k + 1] = node

    def _source_note(self, source_lines: list[SourceLine]) -> Node:
        note = el("note", type="source", place="top", line=source_lines[0].number)
        for i, line in enumerate(source_lines):
            text = line.text.strip()
            if i:
                note.append(el("lb", line=line.number))
            content = self.parser.parse(text, line.number)
            if _NUMBER.match(self.source_lines[i].text.strip()):
                note.append(el("label", *content, type="number", line=line.number))
            elif is_stamp(text):  # "Top Secret", "Copy No. 3": no source of the text
                note.append(el("label", *content, type="classification", line=line.number))
            elif text.startswith("A source:"):
                note.append(el("bibl", *content, type="source", line=line.number))
            else:
                note.append(el("bibl", *content, type="archive", line=line.number))
        return note

    def _cut_off(self, div: Node, last: Block) -> None:
        """The page's last document ends mid-sentence: a cut-off gap after its last words."""
        text = last.text.strip()
        if len(text) < 60 or not _CUT.search(text) or block_is_table(last):
            return  # (a table's last cell ends no sentence)
        ending = div.children[-1] if div.children else None
        if isinstance(ending, Node) and ending.tag in ("closer", "postscript"):
            return  # the text ends with its signature: not cut off
        target = div
        while target.children and isinstance(target.children[-1], Node) and \
                target.children[-1].tag in ("p", "div", "list", "item", "quote"):
            target = target.children[-1]
        target.append(el("gap", reason="cut-off", line=last.lines[-1].number))
        self.warn(last.lines[-1].number, "the page is cut off in the middle of a sentence "
                  "(recorded as a gap)")

    # -- the header ---------------------------------------------------------------------

    def _metadata(self) -> Metadata:
        seg = self.seg
        plain = InlineParser(self.rules, self.doc_id)  # header text: corrections applied
        title = " ".join([*(line.text.strip() for line in seg.heading[:-1]),
                          seg.heading[-1].text.strip()[:seg.dating.start] if seg.dating
                          else seg.heading[-1].text.strip()])
        first = _first_line(seg)
        meta = Metadata(
            doc_id=self.doc_id,
            title=_PLACE_AT_END.sub("", reading_text(plain.parse(title.strip())).strip()
                                    ).rstrip("."),
            seed=self.seed, seed_format=FORMAT, date=self.date, number=self.number,
            collection_title=self.data.title, source_group=self.data.title,
            original_language=self.data.original_language, first_line=first,
            last_line=seg.lines[-1].number if seg.lines else seg.heading[-1].number,
        )
        for line in self.source_lines:
            text = line.text.strip()
            if s := _SOURCE.match(text):
                meta.collection_title, meta.collection_year = s.group("title"), s.group("year")
                meta.collection_pages = re.sub(r"^pp?\.\s*", "", s.group("pages"))
            elif not _NUMBER.match(text) and not is_stamp(text):
                meta.archive_line = text
                if t := _TRANSLATED.search(text):
                    meta.original_language = t.group("lang")
                self._archive(meta, reading_text(plain.parse(_LABEL.sub("", text))), line)
        return meta

    def _archive(self, meta: Metadata, ref: str, line: SourceLine) -> None:
        """Repository and call number from an archive line (corrections applied)."""
        known = sorted((name for name in self.data.archives if ref.startswith(name)),
                       key=len, reverse=True)
        if known:
            meta.repository = self.data.archives[known[0]]
            meta.call_number = ref[len(known[0]):].lstrip(". ").split(",")[0].strip() or None
            return
        call = _CALL.search(ref)
        if call is None and (named := _PLACE_ARCHIVE.match(ref)):
            meta.repository = named.group("name")
            meta.call_number = named.group("call").split(",")[0].strip() or None
            self.warn(line.number, f"the archive {meta.repository!r} is not in "
                      "edition/data/archives.yml: its name is kept as printed")
        elif call:
            start = call.start() + (2 if call.group(0).startswith(". ") else 0)
            meta.repository = ref[:start].rstrip(". ") or None
            meta.call_number = ref[start:].split(",")[0].strip()
            if meta.repository:
                self.warn(line.number, f"the archive {meta.repository!r} is not in "
                          "edition/data/archives.yml: its abbreviation is kept as printed")
        elif not _NEWSPAPER.match(ref):
            self.warn(line.number, "cannot tell the archive or the call number in this "
                      "source line: kept as printed")


# The page's heading that names its volume ("Soviet-Chinese relations. 1956-1959"): the
# collection a document without an "A source:" line is printed in
_VOLUME = regexes.compile(r"^(?P<series>.+?)\. (?:[A-Z][a-z]+ )?\d{4}\s*[-–]\s*(?:[A-Z][a-z]+ )?\d{4}$")


def _volume(lines: list[SourceLine], data: CollectionData) -> CollectionData:
    """The collection's data with its title taken from the page's volume heading, where
    the page prints one of the same series as the edition's title and another volume
    ("Soviet-Chinese relations. 1956-1959" → "… 1956-1959: Collection of documents")."""
    series, _, subtitle = data.title.partition(": ")
    for line in lines[:10]:
        m = _VOLUME.match(line.text.strip())
        if m and m.group("series") == series.split(". ")[0]:
            title = f"{line.text.strip()}: {subtitle}" if subtitle else line.text.strip()
            return dataclasses.replace(data, title=title)
    return data


# A running head of the printed volume, with its page number before or after it ("94
# Soviet-Chinese relations. 1956-1959"), printed where a page of a document breaks.
_RUNNING_HEAD = regexes.compile(r"^(?:(?P<n1>\d{1,4})\s+(?P<h1>\S.*?)|(?P<h2>\S.*?)\s+(?P<n2>\d{1,4}))$")
# Keys of the page breaks' placeholders (above any footnote's)
_PAGE_KEYS = 100_000


def _running_heads(lines: list[SourceLine], data: CollectionData
                   ) -> tuple[list[SourceLine], dict[int, Node]]:
    """The volume's running heads with their page numbers, where a document's text goes on
    past them: each a page break (``pb`` with the number) and the running head as
    printed (``fw``), put at the start of the line below, where the new page begins (a
    paragraph broken by the page is then one paragraph: structure.py joins it), the line
    itself left blank; their nodes by placeholder key. A running head by a heading, a
    source line or a number line is left as it stands; one after a document's last words
    (the page ends it) goes after them."""
    series = data.title.partition(": ")[0].split(". ")[0]
    out = list(lines)
    nodes: dict[int, Node] = {}
    for i, line in enumerate(lines):
        text = line.text.strip()
        m = _RUNNING_HEAD.match(text)
        head = m and (m["h1"] or m["h2"])
        volume = _VOLUME.match(head) if head else None
        if not (m and volume and volume["series"] == series):
            continue
        above = next((k for k in range(i - 1, -1, -1) if not is_blank(out[k].text)), None)
        below = next((k for k in range(i + 1, len(out)) if not is_blank(out[k].text)), None)
        if above is None or not _text_line(out[above].text.strip(), data):
            continue
        key = _PAGE_KEYS + len(nodes)  # (two nodes a page)
        nodes[key] = el("pb", n=m["n1"] or m["n2"], line=line.number)
        nodes[key + 1] = el("fw", text, type="header", place="top", line=line.number)
        marks = placeholder(key) + placeholder(key + 1)
        if below is not None and _text_line(out[below].text.strip(), data):
            # the text goes on on the new page: the break where it begins
            indent = out[below].text[:len(out[below].text) - len(out[below].text.lstrip())]
            out[below] = SourceLine(out[below].number, indent + marks
                                    + out[below].text.lstrip())
        else:  # the page ends the document (or the file): after its last words
            out[above] = SourceLine(out[above].number, out[above].text.rstrip() + marks)
        out[i] = SourceLine(line.number, "")
    return out, nodes


def _text_line(text: str, data: CollectionData) -> bool:
    """A line of a document's text: none of a heading, a source line or a number line."""
    return (len(text) >= 40 and not _NUMBER.match(text) and not _is_source(text, data)
            and not (_YEAR_AT_END.search(text) and _dating(text, data)))


@dataclass
class PendingDocument:
    """One document of the collection, found (its segment, id and number) but not yet
    read into a Document: :meth:`build` reads it, in whichever process converts it, so
    that the documents of a collection are read in parallel, not one after another in
    the process that split the page (the reading is most of the work before the
    annotation)."""

    seg: _Segment
    seed: str
    data: CollectionData
    pages: dict[int, Node]
    numbers: dict[str, str]  # every document's printed number → its id: 'doc. 78' links
    doc_id: str
    first_line: int
    last_line: int

    def build(self, rules: Rules) -> Document:
        doc = _CollectionDocument(self.seg, self.seed, rules, self.data, self.pages).document()
        resolve_references([doc], self.numbers)
        return doc


def pending(lines: list[SourceLine], seed: str, rules: Rules) -> list[PendingDocument]:
    """The collection's documents, each found and given its id (a second document with
    one id is an error here, naming both lines), none read yet."""
    data = _volume(lines, load_collection_data())
    lines, pages = _running_heads(drop_chrome(lines, FORMAT, rules), data)
    found = [(seg, _CollectionDocument(seg, seed, rules, data, pages))
             for seg in _segments(lines, seed, data)]
    seen: dict[str, int] = {}
    for seg, reader in found:
        first = _first_line(seg)
        if reader.doc_id in seen:
            raise EditionError(seed, first, 1,
                               f"collection: a second document gets the id {reader.doc_id} "
                               f"(the first is at line {seen[reader.doc_id]})")
        seen[reader.doc_id] = first
    numbers = {reader.number: reader.doc_id for _, reader in found if reader.number}
    return [PendingDocument(seg, seed, data, pages, numbers, reader.doc_id, _first_line(seg),
                            (seg.lines or seg.heading)[-1].number) for seg, reader in found]


def _first_line(seg: _Segment) -> int:
    """A document's first line: the text above the page's first heading, else its own."""
    return seg.before[0].number if seg.before else seg.heading[0].number


def read(lines: list[SourceLine], seed: str, rules: Rules) -> list[Document]:
    return [doc.build(rules) for doc in pending(lines, seed, rules)]


def resolve_references(docs: list[Document], by_number: dict[str, str]) -> None:
    """'doc. 78' becomes a link when document 78 is in the edition (``by_number``: the
    printed numbers' ids)."""
    for doc in docs:
        for node in doc.nodes():
            if node.tag == "ref" and node.attrs.get("type") == "unresolved":
                target = by_number.get(node.attrs.get("n", ""))
                if target:
                    node.attrs = {"type": "document", "target": f"{target}.xml"}
