"""The e-dossier (004): an introductory essay with endnotes and a list of documents.

    NKIDP e-Dossier no. 16               series (formats.yml `edossier.series`)
    Title                                title: the block after the series line
    March 18, 2014                       the page's date (optional): docDate
    Introduced by Liang Zhi              byline: a credit line ("Introduced by", "Edited by"),
                                         or the role alone and an author a line below it;
                                         a line below it "X is …": the authors' biography
    Edited by …                          more credit lines ("Translations by …"): bylines
    essay paragraphs with [1]..[9]       (a line '***' divides its parts)
    Translated by Charles Kraus          translator (optional; "Translated from the
                                         Russian by", "Translation by"), and credit
                                         lines after it ("Edited by …")
    LIANG Zhi is …                       biography: begins with an author's name (optional)
    Document List / Document No. N …     the documents introduced (optional, any number)
    [1] … [9]                            the endnotes: the trailing blocks that begin "[N]"
    Tagged …                             (site chrome to the end)

Each part is found by its own words. An endnote without an anchor is kept (in a
``div type="notes"``) and warned about; a block between the essay and the list that
is neither translator line nor biography is kept in the back matter and warned about.
Only "Introduced by"/"Written by" make a ``docAuthor``; "Edited by" is a credit. An
author's affiliation after a comma ("A, Charles University, Prague") is no author.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from edition import regexes
from edition.annotate import find_dates
from edition.detect import load_cues
from edition.errors import EditionError
from edition.model import Document, Metadata, Node, Resp, SourceLine, el
from edition.read import endnotes
from edition.read.common import (
    UNDATED,
    credit_role_words,
    credit_roles,
    date_line,
    doc_date_attrs,
    drop_chrome,
    parse_credits,
)
from edition.read.detection import Verdict
from edition.read.inline import NOTE_CLOSE, NOTE_OPEN, InlineParser
from edition.read.structure import Block, build_text, split_blocks
from edition.read.vocabulary import EdossierWords, load_vocabulary
from edition.rules import Rules

FORMAT = "edossier"
# the translator line: "Translated by A", "Translation by A", "Translated from the
# Russian by A and B"
_TRANSLATOR = regexes.compile(r"^(?:Translated|Translations?)(?:\s+from\s+(?:the\s+)?[A-Z][a-z]+)?"
                         r"\s+by\s+\S", re.IGNORECASE)


def detect(text: str) -> Verdict:
    series = load_vocabulary().edossier.series
    for line in text.split("\n")[:20]:
        if series.match(line.strip()):
            return Verdict.accept(f"the series line {line.strip()!r}")
    return Verdict.decline("no series line such as 'NKIDP e-Dossier no. N' near the top")


def _bibl(block: Block, n: str | None, parser: InlineParser) -> Node:
    """'Document No. 1' / '“Title,” 23 November 1953' / '[Source: …]' → bibl. A source
    printed over more lines than one (up to its closing bracket) is one note, with its
    line breaks, and so is a credit in brackets in its place ('(Translated by A.)'); the
    title's date may be a day, a month, a span ("9-10 October 1956") or "undated", and a
    note's sign after it stands after the date."""
    label, *rest = block.lines
    bibl = el("bibl", type="document", line=block.line)
    if n is not None:
        bibl.attrs["n"] = n
    bibl.append(el("idno", label.text.strip(), type="document", line=label.number))
    i = 0
    while i < len(rest):
        line, text = rest[i], rest[i].text.strip()
        # (a title on the number's line, "Document No. 1: “…”", follows it with no break)
        bibl.append(" " if line.number == label.number else el("lb", line=line.number))
        i += 1
        if re.match(r"^\[?Source:", text) or _bracketed_credit(text):
            note = el("note", *_inline(text, line.number, parser), type="source",
                      line=line.number)
            while text.startswith("[") and not text.endswith("]") and i < len(rest):
                text = rest[i].text.strip()
                note.extend([el("lb", line=rest[i].number),
                             *_inline(text, rest[i].number, parser)])
                i += 1
            bibl.append(note)
            continue
        signs = _SIGNS_AT_END.search(text)
        tail = text[signs.start():] if signs else ""
        text = text[:len(text) - len(tail)]
        dates = _title_date(text)
        title = text[:dates[0][0]].rstrip() if dates else text
        last = bibl.children[-2] if len(bibl.children) > 1 else None
        if isinstance(last, Node) and last.tag == "title" and not tail:
            # a title wrapped over lines ("“… the Chairman of the" / "Cabinet …,” 2
            # March 1956"): one title, with its line break
            bibl.children.pop()  # (the break goes into the title)
            last.extend([el("lb", line=line.number), *_inline(title, line.number, parser)])
        else:
            bibl.append(el("title", *_inline(title, line.number, parser), line=line.number))
        if dates:
            at = len(title)
            for start, end, attrs in dates:
                bibl.append(text[at:start])
                bibl.append(el("date", text[start:end], line=line.number, **attrs))
                at = end
        bibl.extend(_inline(tail, line.number, parser) if tail else [])
    return bibl


def _bracketed_credit(text: str) -> bool:
    """A credit in brackets where a listed document's source line would stand
    ("(Obtained and translated by …)", "[Translation by …]")."""
    roles = credit_role_words()
    return re.match(rf"^(?:\((?:{roles})\b.*\)|\[(?:{roles})\b.*\])$", text,
                    re.IGNORECASE) is not None
# the signs of notes at the end of a line (put in by :meth:`endnotes.Endnotes.anchor`)
_SIGNS_AT_END = regexes.compile(rf"(?:{NOTE_OPEN}\d+{NOTE_CLOSE})+$")


# "…,” undated" (common.UNDATED's words)
_UNDATED_END = regexes.compile(rf"(?<=[,”\"]\s)(?:{UNDATED.pattern})$", re.IGNORECASE)


def _inline(text: str, line: int, parser: InlineParser) -> list[str | Node]:
    """A listed document's words as printed; read for their markup only where they hold
    a note's sign."""
    return list(parser.parse(text, line)) if NOTE_OPEN in text else [text]


def _title_date(text: str) -> list[tuple[int, int, dict[str, str]]]:
    """The dates a listed document's title line ends in ('“Report …,” 4 September 1956',
    '…, 9-10 October 1956', '…,” undated', two days of a month '…,” 3 and 8 March
    1953'): the span and attributes of each; none if it ends in none."""
    undated = _UNDATED_END.search(text)
    if undated is not None:  # "…,” undated": a date of no date
        return [(undated.start(), undated.end(), {})]
    found = find_dates(text, None)
    if not found:
        return []
    start, end, attrs = found[-1]
    day = _DAY_AND.search(text[:start])
    when = attrs.get("when", "")
    if day is not None and re.fullmatch(r"\d{4}-\d\d-\d\d", when):  # "3 and 8 March"
        first = (day.start(), day.start() + len(day.group("day")),
                 {"when": f"{when[:8]}{int(day.group('day')):02d}"})
        if _ends_title(text[:day.start()]):
            return [first, (start, end, attrs)]
    if end != len(text) or start == 0 or not _ends_title(text[:start]):
        return []
    return [(start, end, attrs)]


# the first of two days of one month ("3 and " before "8 March 1953")
_DAY_AND = regexes.compile(r"(?<!\S)(?P<day>[0-3]?\d)\s+and\s+$")


def _ends_title(before: str) -> bool:
    """Whether the words before a date end a title (a comma, a closing quotation mark)."""
    return bool(before.strip()) and bool(re.search(r"[,”\"]?\s$", before))


# a byline that names the authors alone: "By A, B, and C"
_BY = regexes.compile(r"^By\s+(?P<names>[A-Z].+)$")
# an author's affiliation in brackets after the name ("A (Korea University, Seoul)"): no
# name of its own, its commas split no authors
_AFFILIATION = regexes.compile(r"\s*\([^()]*\)")
# what parts a byline's names: a comma or semicolon, "and" (which always opens an author)
_NAME_SEPARATOR = regexes.compile(r"(\s*[,;]\s*(?:and\s+)?|\s+and\s+)")


def _byline_start(text: str) -> tuple[list[str], str] | None:
    """A byline's first line: its roles ("Introduced by" → [introduced], "Translations
    by" → [translated], "By A, B" → [written]) and the names after them ("" when the
    names stand on the lines below); None for a line that opens no byline."""
    vocabulary = load_vocabulary()
    text = " ".join(text.split())
    by = _BY.match(text)
    if by is not None:
        return (["written"], by.group("names")) if _only_names(by.group("names")) else None
    m = re.match(rf"^{credit_roles()}(?:\s+(?P<names>\S.*))?$", text, re.IGNORECASE)
    if m is None:
        return None
    return ([vocabulary.credit_nouns.get(r.lower(), r.lower())
             for r in re.split(r"\s+and\s+", m.group("roles"))], m.group("names") or "")


@cache
def _small_words() -> frozenset[str]:
    """The small words a byline's names and affiliations may hold ("University of
    Warsaw", "Ludwig van Beethoven", "Ana del Río"): names.yml's name particles and
    formats.yml's ``byline_small_words``."""
    return frozenset(load_cues().name_particles) | load_vocabulary().edossier.byline_small_words


def _only_names(names: str) -> bool:
    """Whether the words after "By" are names (and affiliations), not a sentence that
    opens with "By" ("By December 1957 the Chinese leadership had decided …")."""
    words = _AFFILIATION.sub("", names).replace(",", " ").replace(";", " ").split()
    return (0 < len(words) <= 20 and not any(ch.isdigit() or ch in "[]" for ch in names)
            and all(w[:1].isupper() or w in _small_words() for w in words))


def _names(text: str, words: EdossierWords) -> list[str]:
    """The authors a byline's names give ("A, Charles University, Prague, and B" → [A,
    B]): a part between commas that holds a word of an affiliation (formats.yml
    ``affiliation_words``) is the affiliation of the author before it, and so is a part of
    one word right after one (its place, "Prague"); "and" always opens an author."""
    # (a line of its own may open with the "and" before its author: "and Charles Kraus")
    plain = re.sub(r"^and\s+", "", _AFFILIATION.sub("", text).strip().rstrip("."))
    parts = _NAME_SEPARATOR.split(plain)
    out: list[str] = []
    after_affiliation = False
    for k in range(0, len(parts), 2):
        part, separator = parts[k].strip(), parts[k - 1] if k else ""
        if not part:
            continue
        part = _untitled(part)
        tokens = part.split()
        if any(w in words.affiliation_words for w in tokens):
            after_affiliation = True
        elif after_affiliation and "and" not in separator.split() and len(tokens) == 1:
            continue  # the affiliation's place
        else:
            out.append(part)
            after_affiliation = False
    return out


def _is_credit_line(block: Block) -> bool:
    """A line of credit alone after the essay ("Edited by A", "Translations by A and B")."""
    text = block.text.strip()
    start = _byline_start(text)
    return (len(block.lines) == 1 and len(text) < 150 and start is not None
            and bool(start[1]) and not _BY.match(text))


def _untitled(name: str) -> str:
    """A name without the title before it ("Dr. Anna Petrova" → "Anna Petrova": names.yml
    person_titles)."""
    for title in sorted(load_cues().titles, key=len, reverse=True):
        if name.startswith(title + " ") and len(name) > len(title) + 1:
            return name[len(title) + 1:].strip()
    return name


def _byline_credits(lines: list[str], words: EdossierWords) -> list[Resp]:
    """The credits a byline gives: each of its roles for each name ("Introduced by A and
    B"; "Introduced by" with an author a line below it; "By A, B, and C": written by
    each), the affiliations left out."""
    start = _byline_start(lines[0]) if lines else None
    if start is None:
        return parse_credits(" ".join(lines))
    roles, first = start
    names = [n for text in (first, *lines[1:]) for n in _names(text, words)]
    return [Resp(f"{role} by", name) for role in roles for name in names]


def _list_heading(block: Block, words: EdossierWords) -> bool:
    """A heading among the listed documents ("Further Reading"): one short line, no
    "Document No. N", no final punctuation."""
    text = block.text.strip()
    return (len(block.lines) == 1 and len(text) < 60 and not words.entry.match(text)
            and not re.search(r"[.,;:\]\)”\"]$", text) and text[:1].isupper())


def _is_biography(text: str, authors: list[str]) -> bool:
    """A paragraph on an author: it begins with an author's name and "is" or "was", or
    (the site's way) with a name whose surname is in capitals ("QIANG Zhai is …")."""
    low = text.casefold()
    return (any(re.match(rf"{re.escape(a.casefold())}\s+(?:is|was)\b", low) for a in authors)
            or _capitals_name(text))


# two or three words of a name, and "is" or "was" ("LIANG Zhi is", "Anna PETROVA was")
_NAME_IS = regexes.compile(r"^(?P<name>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){1,2})\s+(?:is|was)\b")
# words that open a sentence, not a name ("The USSR was …")
_NOT_NAME = frozenset({"The", "This", "That", "These", "Its", "His", "Her", "Their", "In",
                       "On", "At", "By", "For", "A", "An", "North", "South", "Soviet"})


def _capitals_name(text: str) -> bool:
    """Whether a paragraph begins with a name whose surname is in capitals and "is" or
    "was" ("QIANG Zhai is a professor …"): one word of the name in capitals, the others
    capitalised, none a word that opens a sentence."""
    m = _NAME_IS.match(text)
    if m is None:
        return False
    words = m.group("name").split()
    caps = [w for w in words if w.isupper() and len(w) > 1]
    return (len(caps) == 1 and not set(words) & _NOT_NAME
            and all(w.isupper() or (w[:1].isupper() and w[1:].islower()) for w in words))


def _number(entry: re.Match[str] | None) -> str | None:
    """A listed document's number: "1", or "2-3" for "Document Nos. 2-3"."""
    return re.sub(r"\s+", "", entry.group("n")) if entry else None


class _Dossier:
    def __init__(self, lines: list[SourceLine], seed: str, rules: Rules) -> None:
        self.lines, self.seed, self.rules = lines, seed, rules
        self.words = load_vocabulary().edossier
        self.warnings: list[tuple[int, str]] = []

    def read(self) -> Document:
        blocks = split_blocks(drop_chrome(self.lines, FORMAT, self.rules))
        at = next((i for i, b in enumerate(blocks) if self.words.series.match(b.text.strip())),
                  None)
        if at is None:
            raise EditionError(self.seed, blocks[0].line if blocks else 1, 1,
                               "e-dossier: expected a series line such as 'NKIDP e-Dossier "
                               "no. N' followed by the title")
        stray, blocks = blocks[:at], blocks[at:]
        for block in stray:
            self.warnings.append((block.line, f"cannot tell what {block.text[:40]!r} before "
                                  "the series line is: kept before the title (add a chrome "
                                  "rule to edition/data/rules.yml if it is site chrome)"))
        series = self.words.series.match(blocks[0].text.strip())
        assert series is not None
        if series.group("title"):  # "NKIDP e-Dossier no. 5: Title"
            title_block, i = Block([SourceLine(blocks[0].line, series.group("title"))]), 1
        elif len(blocks) > 1:
            title_block, i = blocks[1], 2
        else:
            raise EditionError(self.seed, blocks[0].line, 1, "e-dossier: no title after the "
                               "series line")
        # the page's date under the title ("March 18, 2014")
        date_block = None
        if i < len(blocks) and len(blocks[i].lines) == 1 and date_line(blocks[i].text):
            date_block, i = blocks[i], i + 1
        page_date = date_line(date_block.text) if date_block else None
        # the byline, and the credit lines after it ("Translations by …", "Edited by …")
        bylines: list[Block] = []
        while i < len(blocks) and self._is_byline(blocks[i], first=not bylines):
            bylines.append(blocks[i])
            i += 1
        if not bylines:
            self.warnings.append((title_block.line, "no byline ('Introduced by …', 'Edited by "
                                  "…') after the title"))
        bylines, front_bio = self._byline_biography(bylines)
        doc_id = f"{series.group('programme').lower()}-edossier-{series.group('number')}"
        parser = InlineParser(self.rules, doc_id)
        # (the site's chrome after the notes is gone: what follows a note continues it);
        # the notes follow the Document List where there is one: it and its entries
        # never continue a note printed above it ("* The heading is the editors'.")
        list_at = next((k for k, b in enumerate(blocks[i:])
                        if b.text.strip() == self.words.document_list), None)
        after = i + list_at + 1 if list_at is not None else i
        tail, note_blocks = endnotes.split(blocks[after:], trailing=True,
                                           before=blocks[i:after])
        rest = [*blocks[i:after], *tail]
        if list_at is None:
            self.warnings.append((1, f"no {self.words.document_list!r}: the e-dossier lists "
                                  "no documents"))
        entries = rest[list_at + 1:] if list_at is not None else []
        # a heading after the listed documents ("Further Reading", "Related Documents")
        # opens a part of its own: what follows it is no listed document
        cut = next((k for k, b in enumerate(entries) if k and _list_heading(b, self.words)),
                   len(entries))
        entries, after_list = entries[:cut], entries[cut:]
        before_list = rest[:list_at] if list_at is not None else rest
        byline_credits = [r for b in bylines
                          for r in _byline_credits([x.text for x in b.lines], self.words)]
        authors = [r.name for r in byline_credits]
        translator_at = next((k for k, b in enumerate(before_list)
                              if _TRANSLATOR.match(b.text.strip())
                              or (k and _is_credit_line(b))), None)
        bio_at = next((k for k, b in enumerate(before_list)
                       if _is_biography(b.text.strip(), authors)), None)
        essay_end = min(k for k in (translator_at, bio_at, len(before_list)) if k is not None)
        essay = before_list[:essay_end]

        notes = endnotes.Endnotes(note_blocks, parser, doc_id)
        anchor = notes.anchor
        parts: list[list[Block]] = [[]]
        separators: list[Block] = []
        for block in (anchor(b) for b in essay):
            if block.text.strip() == "***":
                parts.append([])
                separators.append(block)
            else:
                parts[-1].append(block)
        body = el("div", type="essay", line=essay[0].line if essay else 0)
        for k, part in enumerate(parts):
            if k:
                body.append(el("milestone", unit="section", rend="***",
                               line=separators[k - 1].line))
            body.extend(list(build_text(part, parser, essay=True)))
        # the translator line and the credit lines after it ("Edited by …")
        credits_at = [] if translator_at is None else list(itertools.takewhile(
            lambda k: k == translator_at or _is_credit_line(before_list[k]),
            range(translator_at, len(before_list))))
        translator = [before_list[k] for k in credits_at]
        credit_lines: list[str | Node] = [
            el("byline", *parser.parse(t.text.strip(), t.line), line=t.line)
            for t in translator]
        if translator_at == essay_end:  # (after a biography: they close the biography)
            body.extend(credit_lines)
        back: list[Node] = []
        after_essay = [b for k, b in enumerate(before_list) if k >= essay_end
                       and k not in credits_at]
        if after_essay:
            bio = el("div", type="biography", line=after_essay[0].line)
            for k, b in enumerate(after_essay):
                if k and b.text.split(" ", 1)[0] in self.words.biography_continues and \
                        _is_biography(after_essay[k - 1].text.strip(), authors):
                    continue  # "She is the author of …" after her biography
                if endnotes.NOTE.match(b.lines[0].text.strip()):
                    self.warnings.append((b.line, f"{b.text[:40]!r} looks like a note printed "
                                          f"before the {self.words.document_list!r}, apart "
                                          "from the notes: kept where it stands, with the "
                                          "biography"))
                elif not _is_biography(b.text.strip(), authors):
                    self.warnings.append((b.line, f"cannot tell what {b.text[:40]!r} is (not "
                                          "the translator line, and it does not begin with "
                                          "an author's name): kept with the biography"))
            bio.extend(list(build_text([anchor(b) for b in after_essay], parser)))
            if translator_at != essay_end:
                bio.extend(credit_lines)
            back.append(bio)
        if list_at is not None:
            documents = el("div", el("head", self.words.document_list,
                                     line=rest[list_at].line),
                           type="documents", line=rest[list_at].line)
            list_bibl = el("listBibl", line=rest[list_at].line)
            for block in entries:
                m = self.words.entry.match(block.lines[0].text.strip())
                if m and m.group("title"):  # "Document No. 1: “Title,” date"
                    label = block.lines[0]
                    cut = len(label.text) - len(label.text.lstrip()) + m.start("title")
                    block = Block([SourceLine(label.number, label.text[:cut].rstrip()),
                                   SourceLine(label.number, label.text[cut:]),
                                   *block.lines[1:]])
                if not m:
                    self.warnings.append((block.line, "a listed document without a "
                                          "'Document No. N' line: kept without a number"))
                list_bibl.append(_bibl(anchor(block), _number(m), parser))
            if entries:
                documents.append(list_bibl)
            back.append(documents)
        if after_list:
            head = after_list[0]
            back.append(el("div", el("head", *parser.parse(head.text.strip(), head.line),
                                     line=head.line),
                           *build_text([anchor(b) for b in after_list[1:]], parser, titled=True),
                           type="section", line=head.line))
        unanchored, warnings = notes.unanchored("essay")
        self.warnings.extend(warnings)
        self.warnings.extend((line, f"the note sign {sign} has no note: kept as printed")
                             for line, sign in parser.stray_signs)
        if unanchored is not None:
            back.append(unanchored)

        resps = list(dict.fromkeys([*byline_credits, *(r for t in translator
                                                      for r in parse_credits(t.text))]))
        meta = Metadata(
            doc_id=doc_id, title=title_block.text.strip(), seed=self.seed, seed_format=FORMAT,
            series=series.group("series"), resps=resps, source_group=series.group("series"),
            date=page_date,
            first_line=(stray or blocks)[0].line, last_line=self.lines[-1].number,
        )
        printed = (blocks[0].text.strip()[:series.start("title")].rstrip()
                   if series.group("title") else series.group("series"))
        front: list[Node] = [el("p", b.text.strip(), line=b.line) for b in stray]
        front.append(
            el("docTitle",
               el("titlePart", printed, type="series", line=blocks[0].line),
               el("titlePart", *parser.parse(title_block.text.strip(), title_block.line),
                  type="main", line=title_block.line), line=blocks[0].line))
        if date_block is not None:
            front.append(el("docDate", date_block.text.strip(), line=date_block.line,
                            **doc_date_attrs(page_date)))
        front.extend(self._byline(b) for b in bylines)
        if front_bio:  # the authors' biography printed under the byline
            front.append(el("div", *build_text(front_bio, parser), type="biography",
                            line=front_bio[0].line))
        doc = Document(meta, front=front, body=[body], back=back)
        for line, message in self.warnings:
            doc.warn(line, message)
        return doc

    def _is_byline(self, block: Block, *, first: bool) -> bool:
        """A block that opens with a credit ('Introduced by', 'Edited and introduced by',
        'Translations by', 'By A and B'), its names on that line or, for the first byline,
        on the lines below ('Introduced by' / 'A, University of X' / 'B, Y Institute').
        After the first, a credit line alone ("By 1958 the opposition …" is no byline)."""
        text = block.lines[0].text.strip()
        start = _byline_start(text)
        if start is None or len(text) >= 200:
            return False
        if not first:
            return len(block.lines) == 1 and bool(start[1]) and not _BY.match(text)
        return bool(start[1]) or len(block.lines) > 1

    def _byline_biography(self, bylines: list[Block]) -> tuple[list[Block], list[Block]]:
        """(the bylines, the lines of the first that are the authors' biography: from the
        first line under it that begins with an author's name and "is" or "was")."""
        if not bylines:
            return bylines, []
        first = bylines[0]
        for k in range(1, len(first.lines)):
            authors = [r.name for r in _byline_credits([x.text for x in first.lines[:k]],
                                                       self.words)]
            if _is_biography(first.lines[k].text.strip(), authors):
                return [Block(first.lines[:k]), *bylines[1:]], [Block(first.lines[k:])]
        return bylines, []

    def _byline(self, block: Block) -> Node:
        """'Introduced by X' → byline with docAuthor (one a line when the authors stand
        each on a line of their own); 'Edited by X' → a byline of credit."""
        first, *more = [line.text.strip() for line in block.lines]
        numbers = [line.number for line in block.lines]
        start = _byline_start(first)
        assert start is not None
        roles, names = start
        byline = el("byline", line=block.line)
        if roles[-1] in self.words.author_roles or _BY.match(first):
            lead = first[:len(first) - len(names)] if names else first
            byline.append(lead)
            if names:
                byline.append(el("docAuthor", names, line=numbers[0]))
            for number, text in zip(numbers[1:], more, strict=True):
                byline.extend([el("lb", line=number), el("docAuthor", text, line=number)])
            return byline
        byline.append(first)
        for number, text in zip(numbers[1:], more, strict=True):
            byline.extend([el("lb", line=number), text])
        return byline


def read(lines: list[SourceLine], seed: str, rules: Rules,
         _metadata: dict[str, object] | None = None) -> list[Document]:
    return [_Dossier(lines, seed, rules).read()]
