"""The annotate stage: temporal expressions in the text become ``<date>`` with ISO values.

Runs on the text model between reading and encoding. Recognised (see
../shared/gold/GUIDELINES.md §2 for the conventions followed):

* full dates: "December 10, 1953", "10 December 1959", "December 1958";
* ranges written as one expression: "between February 1959 and April 1959",
  "from January 25 to February 18", "From September 29 to October 12",
  "from winter 1954 through 1957", "1928-1933" (``@from``/``@to``);
* dates without a year, resolved against the document's own date: "1 February",
  "18 January of this year", "in February", "last year", "this year";
* fuzzy periods: "the end of 1966", "the end of this year", "the second half of
  1966" (``@notBefore``/``@notAfter``);
* years: "in 1957 and 1958" (two dates).

Durations, ages, anniversaries and vague adverbials are not dates. A date is never
marked inside another date, a reference, a correction, a title or a source line.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass

from edition.dates import MONTHS, iso
from edition.model import Document, Node, el

_M = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
      r"|December)")
_YEAR = r"(?:1[89]\d\d|20[0-4]\d)"
_SKIP = {"date", "ref", "choice", "sic", "corr", "orig", "reg", "foreign", "title", "idno",
         "bibl", "label", "docDate", "gap", "lb", "milestone", "ptr", "citedRange"}
_SKIP_NOTES = {"source"}
_ANNOTATE_IN = {"p", "item", "head", "salute", "signed", "note", "quote", "seg", "supplied",
                "opener", "closer", "byline", "titlePart"}

Maker = Callable[[re.Match[str], int | None], dict[str, str] | None]


def _month(name: str) -> int:
    return MONTHS[name.lower()]


def _day(year: int | None, name: str, day: str) -> str | None:
    return iso(year, _month(name), int(day)) if year else None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _range(m: re.Match[str], year: int | None) -> dict[str, str] | None:
    g = m.groupdict()
    y1 = int(g["y1"]) if g.get("y1") else year
    y2 = int(g["y2"]) if g.get("y2") else (y1 if g.get("y1") else year)
    if y1 is None or y2 is None:
        return None
    start = iso(y1, _month(g["m1"]), int(g["d1"]) if g.get("d1") else None)
    end = iso(y2, _month(g["m2"]), int(g["d2"]) if g.get("d2") else None)
    return {"from": start, "to": end} if start and end and start <= end else None


def _full_mdy(m: re.Match[str], _: int | None) -> dict[str, str] | None:
    value = iso(int(m["y"]), _month(m["m"]), int(m["d"]))
    return {"when": value} if value else None


def _full_dmy(m: re.Match[str], _: int | None) -> dict[str, str] | None:
    value = iso(int(m["y"]), _month(m["m"]), int(m["d"]))
    return {"when": value} if value else None


def _month_year(m: re.Match[str], _: int | None) -> dict[str, str] | None:
    return {"when": iso(int(m["y"]), _month(m["m"])) or ""}


def _day_this_year(m: re.Match[str], year: int | None) -> dict[str, str] | None:
    value = _day(year, m["m"], m["d"])
    return {"when": value} if value else None


def _month_this_year(m: re.Match[str], year: int | None) -> dict[str, str] | None:
    return {"when": iso(year, _month(m["m"]))} if year else None  # type: ignore[dict-item]


def _relative_year(m: re.Match[str], year: int | None) -> dict[str, str] | None:
    if year is None:
        return None
    return {"when": f"{year - 1 if m['which'].lower() == 'last' else year:04d}"}


def _period(m: re.Match[str], year: int | None) -> dict[str, str] | None:
    y = int(m["y"]) if m.groupdict().get("y") else year
    if y is None:
        return None
    part = m["part"].lower()
    spans = {"end": (12, 1, 12), "beginning": (1, 1, 1), "first half": (1, 1, 6),
             "second half": (7, 1, 12)}
    first_month, first_day, last_month = spans[part]
    return {"notBefore": f"{y:04d}-{first_month:02d}-{first_day:02d}",
            "notAfter": f"{y:04d}-{last_month:02d}-{_last_day(y, last_month):02d}"}


def _season_range(m: re.Match[str], _: int | None) -> dict[str, str] | None:
    return {"from": m["y1"], "to": m["y2"]} if m["y1"] <= m["y2"] else None


def _year_range(m: re.Match[str], _: int | None) -> dict[str, str] | None:
    return {"from": m["y1"], "to": m["y2"]} if m["y1"] < m["y2"] else None


def _year(m: re.Match[str], _: int | None) -> dict[str, str] | None:
    return {"when": m["y"]}


def _month_range(m: re.Match[str], _: int | None) -> dict[str, str] | None:
    y = int(m["y"])
    start, end = iso(y, _month(m["m1"])), iso(y, _month(m["m2"]))
    return {"from": start, "to": end} if start and end and start < end else None


# Order matters: the longest expressions first.
PATTERNS: list[tuple[re.Pattern[str], Maker]] = [
    (re.compile(rf"\b(?P<m1>{_M})-(?P<m2>{_M}) (?P<y>{_YEAR})\b"), _month_range),
    (re.compile(rf"\b[Bb]etween (?P<m1>{_M}) (?:(?P<d1>\d{{1,2}}),? )?(?P<y1>{_YEAR})? ?and "
                rf"(?P<m2>{_M}) (?:(?P<d2>\d{{1,2}}),? )?(?P<y2>{_YEAR})"), _range),
    (re.compile(rf"\b[Ff]rom (?P<m1>{_M}) (?P<d1>\d{{1,2}})(?:, (?P<y1>{_YEAR}))? (?:to|through) "
                rf"(?P<m2>{_M}) (?P<d2>\d{{1,2}})(?:, (?P<y2>{_YEAR}))?"), _range),
    (re.compile(rf"\b[Ff]rom (?:winter|spring|summer|autumn|fall) (?P<y1>{_YEAR}) "
                rf"(?:to|through|until) (?P<y2>{_YEAR})\b"), _season_range),
    (re.compile(rf"\bthe (?P<part>end|beginning|first half|second half) of "
                rf"(?:(?P<y>{_YEAR})\b|this year)"), _period),
    (re.compile(rf"\b(?P<m>{_M}) (?P<d>\d{{1,2}}), (?P<y>{_YEAR})\b"), _full_mdy),
    (re.compile(rf"\b(?P<d>\d{{1,2}}) (?P<m>{_M}),? (?P<y>{_YEAR})\b"), _full_dmy),
    (re.compile(rf"\b(?P<m>{_M}),? (?P<y>{_YEAR})\b"), _month_year),
    (re.compile(rf"\b(?P<d>\d{{1,2}}) (?P<m>{_M})(?: of this year)?\b"), _day_this_year),
    (re.compile(rf"\b(?P<m>{_M}) (?P<d>\d{{1,2}})\b(?!,? {_YEAR})(?: of this year)?"),
     _day_this_year),
    (re.compile(rf"(?<=\bin )(?P<m>(?!May\b){_M})\b(?! \d)"), _month_this_year),
    (re.compile(r"\b(?P<which>[Ll]ast|[Tt]his) year\b"), _relative_year),
    (re.compile(rf"(?<![\d,.\-/№])\b(?P<y1>{_YEAR})-(?P<y2>{_YEAR})\b(?![\d\-])"), _year_range),
    (re.compile(rf"(?<![\d,.\-/№])(?<!No\. )(?<!No )\b(?P<y>{_YEAR})\b(?!\d|-\d|,\d| \w+ \w+ of)"),
     _year),
]


def find_dates(text: str, year: int | None) -> list[tuple[int, int, dict[str, str]]]:
    """Non-overlapping dates in ``text``: (start, end, ISO attributes)."""
    taken: list[tuple[int, int, dict[str, str]]] = []
    for pattern, make in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e, _ in taken):
                continue
            attrs = make(m, year)
            if attrs and all(attrs.values()):
                taken.append((m.start(), m.end(), attrs))
    return sorted(taken, key=lambda t: t[0])


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around ``start``-``end``."""
    left = max((m.end() for m in _SENTENCE.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _SENTENCE.finditer(text, end)), len(text))
    return text[left:right]


@dataclass
class _Annotator:
    year: int | None
    doc_date: str
    cues: re.Pattern[str] | None

    def later(self, attrs: dict[str, str], sentence: str) -> bool:
        """A date after the document's own, in a sentence about the future."""
        start = attrs.get("when") or attrs.get("from") or attrs.get("notBefore") or ""
        if not self.doc_date or not start:
            return False
        n = min(len(start), len(self.doc_date))
        return start[:n] > self.doc_date[:n] and bool(self.cues and self.cues.search(sentence))

    def node(self, node: Node) -> None:
        if node.tag in _SKIP or (node.tag == "note" and node.attrs.get("type") in _SKIP_NOTES):
            return
        new: list[str | Node] = []
        full = node.text()  # the sentence of a date may run across inline elements
        offset = 0
        for child in node.children:
            here = offset
            offset += len(child) if isinstance(child, str) else len(child.text())
            if isinstance(child, str) and node.tag in _ANNOTATE_IN:
                pos = 0
                for start, end, attrs in find_dates(child, self.year):
                    new.append(child[pos:start])
                    if self.later(attrs, _sentence(full, here + start, here + end)):
                        attrs = {**attrs, "type": "later"}
                    new.append(el("date", child[start:end], line=node.line, **attrs))
                    pos = end
                new.append(child[pos:])
            else:
                if isinstance(child, Node):
                    self.node(child)
                new.append(child)
        node.children = [c for c in new if c != ""]


def annotate_dates(doc: Document, future_cues: tuple[str, ...] = ()) -> None:
    """Mark the dates of a document's text (front matter and source lines excepted).

    A date after the document's own date, in a sentence with one of ``future_cues``
    (a plan, a deadline), gets ``type="later"``.
    """
    when = dict(doc.meta.date.attrs).get("when", "") if doc.meta.date else ""
    year = int(when[:4]) if when[:4].isdigit() else None
    cues = (re.compile(r"\b(?:" + "|".join(re.escape(c) for c in future_cues) + r")\b",
                       re.IGNORECASE) if future_cues else None)
    annotator = _Annotator(year, when, cues)
    for top in (*doc.body, *doc.back):
        annotator.node(top)
