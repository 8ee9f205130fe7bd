"""The annotate stage: temporal expressions in the text become ``<date>`` with ISO values.

Runs on the text model between reading and encoding. Recognised (see
../shared/gold/GUIDELINES.md §2 for the conventions followed):

* full dates: "December 10, 1953", "10 December 1959", "December 1958";
* ranges written as one expression: "between February 1959 and April 1959",
  "from January 25 to February 18", "From September 29 to October 12",
  "from winter 1954 through 1957", "1928-1933", "1955-56", "from 1953 to 1957",
  "between 1953 and 1959", "from May to July 1957", "between March and May",
  "January–February", "between 1 and 15 June" (``@from``/``@to``); "5 and 6 May": two
  dates;
* dates without a year, resolved against the document's own date: "1 February",
  "18 January of this year", "in February", "last year", "this year", "next year",
  "December of last year", "the end of last year", "last summer", "next spring";
* fuzzy periods: "the end of 1966", "the end of this year", "the second half of
  1966" (``@notBefore``/``@notAfter``); parts of a month or a year, taken as a third
  of it (approximate: the text does not say where they end): "the end of May", "early
  August 1954", "mid-October", "early 1957", "mid-1958", "late 1956"; decades, "the
  1950s";
* days with an ordinal, "the 15th of May", "November 13th"; months cut short, "Sept. 1,
  1959", "2 Dec."; months in Roman numerals, "12.V.1956";
* years: "in 1957 and 1958" (two dates);
* quarters and seasons: "the fourth quarter of 1955", "the first quarter of the year",
  "the spring of 1961", "this summer", "winter 1954" (``@notBefore``/``@notAfter``;
  winter runs into the next year's February);
* bounds: "before 20 March", "prior to August", "Prior to 1959": one date, ``@notAfter``;
* numeric dates, "28.10.1955", "01/07/1953", read day or month first by evidence (see
  edition/data/dates.yml), both readings as bounds where there is none;
* "today", "yesterday", "tomorrow" in a document with a full date;
* a year or month the translator supplied in brackets, "November [1955]", "[March]
  1955": one date holding the ``supplied`` element.

Datelines and headings keep their dates where they stand (``dateline/date``,
``head/date``), so they are told from dates in the text by their place.

Durations, ages, anniversaries and vague adverbials are not dates. A date is never
marked inside another date, a reference, a correction, a title or a source line.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from edition import regexes, yamlio
from edition.dates import MONTHS, iso
from edition.model import EVENT_ELEMENTS, PAGE_DIVS, TEXT_CONTAINERS, Document, Node, el
from edition.paths import DATA_DIR

_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
# a month's name, as printed in a sentence or in capitals ("8 SEPTEMBER 1961")
_M = "(?:" + "|".join((*_MONTH_NAMES, *(m.upper() for m in _MONTH_NAMES))) + ")"
_YEAR = r"(?:1[89]\d\d|20[0-4]\d)"
_SKIP = {"date", "ref", "choice", "sic", "corr", "orig", "reg", "foreign", "title", "idno",
         "bibl", "label", "docDate", "gap", "lb", "milestone", "ptr", "citedRange",
         *EVENT_ELEMENTS}
_SKIP_NOTES = {"source"}

Maker = Callable[[re.Match[str], int | None], dict[str, str] | None]


# a month's name cut short, with its full stop ("Sept. 1, 1959", "1 Oct. 1957")
_MA = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\."
_ABBREVIATED = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
# a month in Roman numerals, as Russian documents date ("12.V.1956")
_ROMAN_MONTHS = {numeral: number for number, numeral in enumerate(
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"], start=1)}
_R = r"(?P<r>XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or _ABBREVIATED[key]


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


# a year named from the document's ("last year", "the previous year", "next year"):
# how many years from the document's
_YEAR_SHIFT = {"last": -1, "the previous": -1, "the past": -1, "this": 0, "the current": 0,
               "next": 1, "the coming": 1}


def _shift(words: str) -> int:
    """The years from the document's that ``words`` name ("last", "The previous")."""
    return _YEAR_SHIFT[" ".join(words.lower().split())]


def _relative_year(m: re.Match[str], year: int | None) -> dict[str, str] | None:
    if year is None:
        return None
    return {"when": f"{year + _shift(m['which']):04d}"}


def _period(m: re.Match[str], year: int | None) -> dict[str, str] | None:
    y = int(m["y"]) if m.groupdict().get("y") else year
    if y is None:
        return None
    if not m.groupdict().get("y"):  # "the end of last year", "… of next year"
        y += _shift(m.groupdict().get("rel") or "this")
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
_OLD_PATTERNS: list[tuple[re.Pattern[str], Maker]] = [
    (regexes.compile(rf"\b(?P<m1>{_M})-(?P<m2>{_M}) (?P<y>{_YEAR})\b"), _month_range),
    (regexes.compile(rf"\b[Bb]etween (?P<m1>{_M}) (?:(?P<d1>\d{{1,2}}),? )?(?P<y1>{_YEAR})? ?and "
                rf"(?P<m2>{_M}) (?:(?P<d2>\d{{1,2}}),? )?(?P<y2>{_YEAR})"), _range),
    (regexes.compile(rf"\b[Ff]rom (?P<m1>{_M}) (?P<d1>\d{{1,2}})(?:, (?P<y1>{_YEAR}))? (?:to|through) "
                rf"(?P<m2>{_M}) (?P<d2>\d{{1,2}})(?:, (?P<y2>{_YEAR}))?"), _range),
    (regexes.compile(rf"\b[Ff]rom (?:winter|spring|summer|autumn|fall) (?P<y1>{_YEAR}) "
                rf"(?:to|through|until) (?P<y2>{_YEAR})\b"), _season_range),
    (regexes.compile(rf"\bthe (?P<part>end|beginning|first half|second half) of "
                rf"(?:(?P<y>{_YEAR})\b|(?P<rel>this|last|next) year\b|the (?:current )?year\b)"),
     _period),
    (regexes.compile(rf"\b(?P<m>{_M}) (?P<d>\d{{1,2}}),? (?P<y>{_YEAR})\b"), _full_mdy),
    (regexes.compile(rf"\b(?P<d>\d{{1,2}}) (?P<m>{_M}),? (?P<y>{_YEAR})\b"), _full_dmy),
    (regexes.compile(rf"\b(?P<m>{_M}),? (?P<y>{_YEAR})\b"), _month_year),
    (regexes.compile(rf"\b(?P<d>\d{{1,2}}) (?P<m>{_M})(?: of this year)?\b"), _day_this_year),
    (regexes.compile(rf"\b(?P<m>{_M}) (?P<d>\d{{1,2}})\b(?!,? {_YEAR})(?: of this year)?"),
     _day_this_year),
    (regexes.compile(rf"(?<=\bin )(?P<m>{_M})\b(?! \d)"), _month_this_year),
    (regexes.compile(r"\b(?P<which>[Ll]ast|[Tt]his|[Nn]ext) year\b"), _relative_year),
    (regexes.compile(rf"(?<![\d,.\-/№])\b(?P<y1>{_YEAR})[-–](?P<y2>{_YEAR})\b(?![\d\-])"), _year_range),
    (regexes.compile(rf"(?<![\d,.\-/№])(?<!No\. )(?<!No )\b(?P<y>{_YEAR})\b(?!\d|-\d|,\d| \w+ \w+ of)"),
     _year),
]


@dataclass(frozen=True)
class Context:
    """What a date in the text is read against: the document's own date, and whether the
    document writes the month or the day first (for numeric dates like 03/04/1955)."""

    year: int | None = None
    when: str = ""  # the document's date, ISO
    order: str | None = None  # "dmy" | "mdy" | None (no evidence)


_ORDINAL = {"first": 1, "1st": 1, "i": 1, "second": 2, "2nd": 2, "ii": 2, "third": 3,
            "3rd": 3, "iii": 3, "fourth": 4, "4th": 4, "iv": 4}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _span(y: int, first_month: int, last_month: int) -> dict[str, str]:
    return {"notBefore": f"{y:04d}-{first_month:02d}-01",
            "notAfter": f"{y:04d}-{last_month:02d}-{_last_day(y, last_month):02d}"}


def _quarter(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    y = int(m["y"]) if m["y"] else ctx.year
    if y is None:
        return None
    q = _ORDINAL[m["q"].lower()]
    return _span(y, 3 * q - 2, 3 * q)


def _season(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    y = int(m["y"]) if m["y"] else ctx.year
    if y is None:
        return None
    season = m["s"].lower()
    if season == "winter":  # December of one year to February of the next, or Jan-Feb
        return {"notBefore": f"{y:04d}-01-01", "notAfter": f"{y + 1:04d}-02-{_last_day(y + 1, 2):02d}"}
    first, last = _SEASONS[season]
    return _span(y, first, last)


def _season_shifted(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    """"last summer", "next spring": the season of the year before or after the
    document's."""
    if ctx.year is None:
        return None
    return _season(m, Context(ctx.year + _shift(m["rel"]), ctx.when, ctx.order))


def _range_dmy(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    y2 = int(m["y2"]) if m["y2"] else ctx.year
    y1 = int(m["y1"]) if m["y1"] else y2
    if y1 is None or y2 is None:
        return None
    m1 = m["m1"] or m["m2"]
    start = iso(y1, _month(m1), int(m["d1"]))
    end = iso(y2, _month(m["m2"]), int(m["d2"]))
    return {"from": start, "to": end} if start and end and start <= end else None


def _roman_days(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    """"2-5.XI.1959": days of a month given by its Roman numeral."""
    month, y = _ROMAN_MONTHS[m["r"]], int(m["y"])
    start, end = iso(y, month, int(m["d1"])), iso(y, month, int(m["d2"]))
    return {"from": start, "to": end} if start and end and start < end else None


def _day_of_month(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    """"the 18th": that day of the document's own month (None without one)."""
    if len(ctx.when) < 7:
        return None
    value = iso(int(ctx.when[:4]), int(ctx.when[5:7]), int(m["d"]))
    return {"when": value} if value else None


def _numeric(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    dmy = iso(y, b, a)
    mdy = iso(y, a, b)
    if m["sep"] == "." or a > 12:  # the dotted form is day first; a 13th month is none
        return {"when": dmy} if dmy else None
    if b > 12:
        return {"when": mdy} if mdy else None
    if ctx.order == "dmy" and dmy:
        return {"when": dmy}
    if ctx.order == "mdy" and mdy:
        return {"when": mdy}
    if dmy and mdy:  # no evidence either way: both readings, honestly
        first, last = sorted((dmy, mdy))
        return {"notBefore": first, "notAfter": last} if first != last else {"when": first}
    return None


def _relative_day(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    if len(ctx.when) != 10:
        return None
    day = datetime.date.fromisoformat(ctx.when)
    shift = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
             "the day after tomorrow": 2}[m["w"].lower()]
    return {"when": (day + datetime.timedelta(days=shift)).isoformat()}


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _relative_week(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    """"last week", "this week", "next week": Monday to Sunday of that week, counted from
    the document's day (None without one)."""
    if len(ctx.when) != 10:
        return None
    day = datetime.date.fromisoformat(ctx.when)
    monday = day - datetime.timedelta(days=day.weekday() - 7 * _shift(m["rel"]))
    return {"from": monday.isoformat(), "to": (monday + datetime.timedelta(days=6)).isoformat()}


def _relative_weekday(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    """"last Friday": the Friday before the document's day; "next Thursday": the one
    after it (None without the document's day)."""
    if len(ctx.when) != 10:
        return None
    day = datetime.date.fromisoformat(ctx.when)
    target = _WEEKDAYS.index(m["wd"].lower())
    if m["rel"].lower() == "last":
        back = (day.weekday() - target) % 7 or 7
        return {"when": (day - datetime.timedelta(days=back)).isoformat()}
    ahead = (target - day.weekday()) % 7 or 7
    return {"when": (day + datetime.timedelta(days=ahead)).isoformat()}


def _relative_month(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    """"this month", "last month", "next month": the month of, before or after the
    document's (None without its month)."""
    if len(ctx.when) < 7:
        return None
    year, month = int(ctx.when[:4]), int(ctx.when[5:7])
    month += _shift(m["rel"])
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return {"when": iso(year, month) or ""}


def _year_of(m: re.Match[str], ctx: Context, group: str = "y") -> int | None:
    """The year the match gives in ``group``, else the document's."""
    found = m.groupdict().get(group)
    return int(found) if found else ctx.year


def _one_day_or_month(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    """"the 15th of May", "Sept. 1, 1959", "12.V.1956": a day (or month) with its month
    by name, short name or Roman numeral, and its year or the document's."""
    y = _year_of(m, ctx)
    if y is None:
        return None
    g = m.groupdict()
    month = _month(g["m"]) if g.get("m") else _ROMAN_MONTHS[g["r"]]
    value = iso(y, month, int(g["d"]) if g.get("d") else None)
    return {"when": value} if value else None


def _months_from_to(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    """"from May to July 1957", "between March and May": months, the first in the
    second's year unless it has its own."""
    y2 = _year_of(m, ctx, "y2")
    y1 = int(m["y1"]) if m["y1"] else y2
    if y1 is None or y2 is None:
        return None
    start, end = iso(y1, _month(m["m1"])), iso(y2, _month(m["m2"]))
    return {"from": start, "to": end} if start and end and start < end else None


def _years_from_to(m: re.Match[str], _: Context) -> dict[str, str] | None:
    """"from 1953 to 1957", "between 1953 and 1957", "1955-56": years."""
    first, last = m["y1"], _second_year(m["y1"], m["y2"])
    return {"from": first, "to": last} if first < last else None


def _second_year(first: str, second: str) -> str:
    """The second year of a pair in full: "1955-56" → 1956 (in the first's century)."""
    return first[:2] + second if len(second) == 2 else second


def _month_of_relative_year(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    """"December of last year", "18 January of this year", "May of next year"."""
    if ctx.year is None:
        return None
    day = m["d"] or m["d2"]
    value = iso(ctx.year + _shift(m["which"]), _month(m["m"]), int(day) if day else None)
    return {"when": value} if value else None


# TEI's @precision of bounds the edition chose, not the text ("the end of May": its last
# third): the views say they are approximate
APPROXIMATE = "medium"
# the days of a month that its beginning, middle and end name (approximate: a third each)
_THIRDS = {"beginning": (1, 10), "early": (1, 10), "middle": (11, 20), "mid": (11, 20),
           "end": (21, 31), "late": (21, 31)}
# the months of a year its early, middle and late part name (approximate: a third each)
_YEAR_THIRDS = {"early": (1, 4), "beginning": (1, 4), "mid": (5, 8), "middle": (5, 8),
                "late": (9, 12)}


def _part_of_month(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    """"the end of May", "early March 1957", "mid-October": that third of the month."""
    y = _year_of(m, ctx)
    if y is None:
        return None
    month = _month(m["m"])
    first, last = _THIRDS[(m["part"] or m["adj"]).lower()]
    last = min(last, _last_day(y, month))
    return {"notBefore": f"{y:04d}-{month:02d}-{first:02d}",
            "notAfter": f"{y:04d}-{month:02d}-{last:02d}", "precision": APPROXIMATE}


def _part_of_this_month(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    """"the end of the month": that third of the document's month."""
    if len(ctx.when) < 7:
        return None
    y, month = int(ctx.when[:4]), int(ctx.when[5:7])
    first, last = _THIRDS[m["part"].lower()]
    last = min(last, _last_day(y, month))
    return {"notBefore": f"{y:04d}-{month:02d}-{first:02d}",
            "notAfter": f"{y:04d}-{month:02d}-{last:02d}", "precision": APPROXIMATE}


def _one_of_two_days(m: re.Match[str], ctx: Context) -> dict[str, str] | None:
    """"15 or 16 September": one of the two days, in the month's year or the document's."""
    y = _year_of(m, ctx)
    if y is None:
        return None
    month = _month(m["m"])
    first, last = iso(y, month, int(m["d1"])), iso(y, month, int(m["d2"]))
    return {"notBefore": first, "notAfter": last} if first and last and first < last else None


def _part_of_year(m: re.Match[str], _: Context) -> dict[str, str] | None:
    """"early 1957", "mid-1958", "the middle of 1958", "late 1956": that third of it."""
    first, last = _YEAR_THIRDS[(m["part"] or m["adj"]).lower()]
    return {**_span(int(m["y"]), first, last), "precision": APPROXIMATE}


def _decade(m: re.Match[str], _: Context) -> dict[str, str] | None:
    """"the 1950s": its ten years."""
    return {"notBefore": m["y"], "notAfter": f"{int(m['y']) + 9:04d}"}


def _winter_across(m: re.Match[str], _: Context) -> dict[str, str] | None:
    """"the winter of 1950-1951": December of the first year to February of the next."""
    y1, y2 = int(m["y1"]), int(_second_year(m["y1"], m["y2"]))
    if y2 != y1 + 1:
        return None
    return {"notBefore": f"{y1:04d}-12-01", "notAfter": f"{y2:04d}-02-{_last_day(y2, 2):02d}"}


def _old(make: Maker) -> Callable[[re.Match[str], Context], dict[str, str] | None]:
    return lambda m, ctx: make(m, ctx.year)


_Q = r"(?P<q>[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|1st|2nd|3rd|4th|I|II|III|IV)"
_S = r"(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"

# Order matters: the longest expressions first.
PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str], Context], dict[str, str] | None]]] = [
    # days of one month said with words: "between 1 and 15 June"; "5 and 6 May" two dates;
    # "between January 10 and 15, 1958"
    (regexes.compile(rf"\b[Bb]etween (?P<m2>{_M}) (?P<d1>\d{{1,2}}) and (?P<d2>\d{{1,2}})"
                rf"(?:,? (?P<y2>{_YEAR}))?\b(?P<m1>)(?P<y1>)"), _range_dmy),
    (regexes.compile(rf"\b[Bb]etween (?P<d1>\d{{1,2}}) and (?P<d2>\d{{1,2}}) (?P<m2>{_M})"
                rf"(?:,? (?P<y2>{_YEAR}))?\b(?P<m1>)(?P<y1>)"), _range_dmy),
    (regexes.compile(rf"\b(?P<d>\d{{1,2}})(?= and \d{{1,2}} (?P<m>{_M})(?:,? (?P<y>{_YEAR})\b)?)"),
     _one_day_or_month),  # ("5" of "5 and 6 May": the month and year the second names)
    (regexes.compile(rf"\b(?P<m1>{_M})[-–](?P<m2>{_M})(?:,? (?P<y2>{_YEAR}))?\b(?P<y1>)"),
     _months_from_to),
    # ranges of years and of months, said with words
    (regexes.compile(rf"\b[Ff]rom (?P<y1>{_YEAR}) (?:to|through|till|until) (?P<y2>{_YEAR})"
                rf"\b(?![\d\-])"), _years_from_to),
    (regexes.compile(rf"\b[Bb]etween (?P<y1>{_YEAR}) and (?P<y2>{_YEAR})\b(?![\d\-])"),
     _years_from_to),
    (regexes.compile(rf"\b(?:[Ff]rom|[Bb]etween) (?P<m1>{_M})(?: (?P<y1>{_YEAR}))? "
                rf"(?:to|through|till|until|and) (?P<m2>{_M})(?:,? (?P<y2>{_YEAR}))?\b(?! \d)"),
     _months_from_to),
    (regexes.compile(rf"\b(?:[Tt]he )?[Ww]inter of (?P<y1>{_YEAR})[-–/](?P<y2>{_YEAR}|\d\d)\b"),
     _winter_across),
    (regexes.compile(rf"\b(?:(?P<d>\d{{1,2}}) )?(?P<m>{_M})(?: (?P<d2>\d{{1,2}}))? of "
                r"(?P<which>[Ll]ast|[Tt]his|[Nn]ext|the previous|the past|the current|"
                r"the coming) year\b"), _month_of_relative_year),
    (regexes.compile(rf"\b(?:(?P<d>\d{{1,2}}) )?(?P<m>{_M})(?: (?P<d2>\d{{1,2}}))?,? "
                r"(?P<which>[Ll]ast|[Nn]ext) year\b"), _month_of_relative_year),
    # one of two days: "on 15 or 16 September" (not before the first, not after the second)
    (regexes.compile(rf"\b(?P<d1>\d{{1,2}}) or (?P<d2>\d{{1,2}}) (?P<m>{_M})(?:,? (?P<y>{_YEAR}))?\b"),
     _one_of_two_days),
    (regexes.compile(rf"\b[Ff]rom (?P<d1>\d{{1,2}}) (?:(?P<m1>{_M}) (?:(?P<y1>{_YEAR}) )?)?"
                rf"(?:to|through|till|until) (?P<d2>\d{{1,2}}) (?P<m2>{_M})(?:,? (?P<y2>{_YEAR}))?\b"),
     _range_dmy),
    (regexes.compile(rf"\b(?:the )?{_Q} quarter of (?:(?P<y>{_YEAR})\b|this year|the (?:current )?year)"),
     _quarter),
    # months of two years: "November 1957 - January 1958"
    (regexes.compile(rf"\b(?P<m1>{_M}),? (?P<y1>{_YEAR}) ?[-–] ?(?P<m2>{_M}),? (?P<y2>{_YEAR})\b"),
     _months_from_to),
    # days of two months: "January 22 - February 14, 1950", "22 January - 14 February 1950",
    # "December 28, 1949 - January 3, 1950"
    (regexes.compile(rf"\b(?P<m1>{_M}) (?P<d1>\d{{1,2}})(?:,? (?P<y1>{_YEAR}))? ?[-–] ?(?P<m2>{_M}) "
                rf"(?P<d2>\d{{1,2}}),? (?P<y2>{_YEAR})\b"), _range_dmy),
    (regexes.compile(rf"\b(?P<d1>\d{{1,2}}) (?P<m1>{_M})(?:,? (?P<y1>{_YEAR}))? ?[-–] ?(?P<d2>\d{{1,2}}) "
                rf"(?P<m2>{_M}),? (?P<y2>{_YEAR})\b"), _range_dmy),
    # days of one month: "March 19-20, 2011", "19-20 March 1954"
    (regexes.compile(rf"\b(?P<m2>{_M}) (?P<d1>\d{{1,2}}) ?[-–] ?(?P<d2>\d{{1,2}}),? (?P<y2>{_YEAR})\b"
                rf"(?P<m1>)(?P<y1>)"), _range_dmy),
    (regexes.compile(rf"\b(?P<d1>\d{{1,2}}) ?[-–] ?(?P<d2>\d{{1,2}}) (?P<m2>{_M})(?:,? (?P<y2>{_YEAR}))?\b"
                rf"(?P<m1>)(?P<y1>)"), _range_dmy),
    *[(pattern, _old(make)) for pattern, make in _OLD_PATTERNS[:5]],  # the ranges
    (regexes.compile(rf"\b(?:the )?{_S} of (?:(?P<y>{_YEAR})\b|this year)"), _season),
    (regexes.compile(rf"\b{_S},? (?P<y>{_YEAR})\b"), _season),
    (regexes.compile(rf"\b[Tt]his {_S}(?P<y>)\b"), _season),
    (regexes.compile(rf"\b(?P<rel>[Ll]ast|[Nn]ext) {_S}(?P<y>)\b"), _season_shifted),
    # a part of a month or a year
    (regexes.compile(rf"\b(?:(?:[Tt]he )?(?P<part>[Bb]eginning|[Mm]iddle|[Ee]nd) of |(?P<adj>[Ee]arly|[Mm]id|"
                rf"[Ll]ate)(?: |-))(?P<m>{_M})(?:,? (?P<y>{_YEAR}))?\b(?! \d)"), _part_of_month),
    (regexes.compile(rf"\b(?:(?:[Tt]he )?(?P<part>[Mm]iddle) of |(?P<adj>[Ee]arly|[Mm]id|[Ll]ate)"
                rf"(?: |-))(?P<y>{_YEAR})\b(?![\d\-]\d)"), _part_of_year),
    (regexes.compile(r"(?<![\d\-])\b(?P<y>1[89]\d0|20[0-4]0)['’]?s\b"), _decade),
    # a day with an ordinal ("the 15th of May", "April 3rd"), a month cut short ("Sept. 1")
    (regexes.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th) (?:of )?(?P<m>{_M}|{_MA})"
                rf"(?:,? (?P<y>{_YEAR})\b)?"), _one_day_or_month),
    (regexes.compile(rf"\b(?P<m>{_M}|{_MA}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)\b(?:,? (?P<y>{_YEAR})\b)?"),
     _one_day_or_month),
    (regexes.compile(rf"\b(?P<m>{_MA}) (?P<d>\d{{1,2}})\b(?:,? (?P<y>{_YEAR})\b)?"), _one_day_or_month),
    (regexes.compile(rf"\b(?P<d>\d{{1,2}}) (?P<m>{_MA})(?:,? (?P<y>{_YEAR})\b)?"), _one_day_or_month),
    (regexes.compile(rf"\b(?P<m>{_MA}),? (?P<y>{_YEAR})\b"), _one_day_or_month),
    *[(pattern, _old(make)) for pattern, make in _OLD_PATTERNS[5:]],
    # a Roman month ("12.V.1956"), days of one ("2-5.XI.1959"), a second year of two
    # digits ("1955-56")
    (regexes.compile(rf"(?<![\d.])\b(?P<d1>\d{{1,2}}) ?[-–] ?(?P<d2>\d{{1,2}})\. ?{_R}\. ?"
                rf"(?P<y>{_YEAR})\b"), _roman_days),
    (regexes.compile(rf"(?<![\d.])\b(?P<d>\d{{1,2}})\. ?{_R}\. ?(?P<y>{_YEAR})\b"), _one_day_or_month),
    # ... without a year, the document's, after a word that introduces a date ("on
    # 11.III", "until 25.VII."; not "chapter 1.I")
    (regexes.compile(r"(?:" + "|".join(f"(?<=\\b{w} )" for w in ("on", "of", "from", "to", "until",
                                                          "till", "since", "by", "before",
                                                          "after", "On", "From", "Until"))
                + rf")(?P<d>\d{{1,2}})\.{_R}\.?(?![\w.]*\d)(?!\w)"), _one_day_or_month),
    # ... with a year of two digits, as a dateline writes it ("30.IV.56": 1956)
    (regexes.compile(rf"(?<![\d.])\b(?P<d>\d{{1,2}})\. ?{_R}\. ?(?P<yy>[4-9]\d)\b(?![.\d])"),
     lambda m, ctx: _one_day_or_month(m, Context(1900 + int(m["yy"]), ctx.when, ctx.order))),
    (regexes.compile(rf"(?<![\d,.\-/№])(?<!No\. )(?<!No )\b(?P<y1>{_YEAR})[-–/](?P<y2>\d\d)\b"
                r"(?![\d\-])"),
     _years_from_to),
    (regexes.compile(rf"(?<![\d.\-/№])\b(?P<a>\d{{1,2}})(?P<sep>[./])(?P<b>\d{{1,2}})(?P=sep)"
                rf"(?P<y>{_YEAR})\b(?![\d.\-/]\d)"), _numeric),
    (regexes.compile(r"\b(?P<w>[Tt]he day before yesterday|[Tt]he day after tomorrow|[Tt]oday|"
                r"[Yy]esterday|[Tt]omorrow)\b"), _relative_day),
    # a week, a day of the week, a month named from the document's day
    (regexes.compile(r"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext) week\b"), _relative_week),
    (regexes.compile(r"\b(?P<rel>[Ll]ast|[Nn]ext) (?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
                r"Saturday|Sunday)\b"), _relative_weekday),
    # a bare month after "before" / "prior to" (the words join the date in _bounded)
    (regexes.compile(rf"(?<=\b[Bb]efore )(?P<m>{_M})\b(?! \d)|(?<=\b[Pp]rior to )(?P<m2>{_M})\b"
                r"(?! \d)"),
     lambda m, ctx: {"when": iso(ctx.year, _month(m["m"] or m["m2"])) or ""} if ctx.year
     else None),
    (regexes.compile(r"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext) month\b"), _relative_month),
    # a part of the document's month: "at the end of the month"
    (regexes.compile(r"\b(?:[Tt]he )?(?P<part>beginning|middle|end) of (?:the|this) month\b"),
     _part_of_this_month),
    # a day of the document's month named alone: "on the 18th" (not "the 38th parallel",
    # "the 20th Congress", "the 40th anniversary")
    (regexes.compile(r"(?<=\b[Tt]he )(?P<d>[1-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:[A-Z]|"
                r"century|centuries|anniversary|time|floor|day|year|session|plenum|congress|"
                r"meeting|parallel|division|army|regiment|brigade|article|point|paragraph|"
                r"fleet|corps|squadron|battalion|flotilla|company|district|grade|class|"
                r"edition|volume|chapter|page|line|place|round|stage|term|convocation|"
                r"generation|birthday|largest|biggest|most))"),
     lambda m, ctx: _day_of_month(m, ctx)),
]


def find_dates(text: str, year: int | None, ctx: Context | None = None
               ) -> list[tuple[int, int, dict[str, str]]]:
    """Non-overlapping dates in ``text``: (start, end, ISO attributes)."""
    ctx = ctx or Context(year)
    # a no-break space between a date's parts is a space (the same length: the offsets
    # found are the text's)
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    taken: list[tuple[int, int, dict[str, str]]] = []
    for pattern, make in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e, _ in taken):
                continue
            attrs = make(m, ctx)
            if attrs and all(attrs.values()):
                taken.append((m.start(), m.end(), attrs))
    return [_bounded(text, found) for found in sorted(taken, key=lambda t: t[0])]


_BEFORE = regexes.compile(r"(?:\b(?<![Nn]ot )[Bb]efore|\b[Pp]rior to|\b[Nn]o later than"
                     r"|\b[Nn]ot later than) $")
# (not "after": "after 5 May" in a text most often says when something else happened;
# "not before 5 May" is the earliest, as "not earlier than" is)
_AFTER = regexes.compile(r"\b(?:[Nn]o|[Nn]ot) earlier than $|\b[Nn]ot before $")


def _bounded(text: str, found: tuple[int, int, dict[str, str]]
             ) -> tuple[int, int, dict[str, str]]:
    """"before 20 March", "prior to August": one date, the latest it can be; "not
    earlier than 28 December 1949": the earliest."""
    start, end, attrs = found
    m = _BEFORE.search(text, 0, start)
    if m is not None and m.end() == start and ("when" in attrs or "to" in attrs):
        return m.start(), end, {"notAfter": attrs.get("when") or attrs["to"]}
    m = _AFTER.search(text, 0, start)
    if m is not None and m.end() == start and ("when" in attrs or "from" in attrs):
        return m.start(), end, {"notBefore": attrs.get("when") or attrs["from"]}
    return found


@cache
def _day_first_languages() -> frozenset[str]:
    data = yamlio.read(DATA_DIR / "dates.yml") or {}
    return frozenset(str(lang) for lang in data.get("day_first_languages") or [])


def date_order(text: str, language: str | None = None) -> str | None:
    """Whether the numeric dates of a document put the day or the month first: from a
    numeric date that reads only one way, else from the language of the original."""
    seen = set()
    for a, b in re.findall(rf"\b(\d{{1,2}})[./](\d{{1,2}})[./]{_YEAR}\b", text):
        if int(a) > 12 >= int(b):
            seen.add("dmy")
        elif int(b) > 12 >= int(a):
            seen.add("mdy")
    if len(seen) == 1:
        return seen.pop()
    if not seen and language and language.strip() in _day_first_languages():
        return "dmy"
    return None


_SENTENCE = regexes.compile(r"(?<=[.!?])\s+")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around ``start``-``end``."""
    left = max((m.end() for m in _SENTENCE.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _SENTENCE.finditer(text, end)), len(text))
    return text[left:right]


_MONTH_WORD = regexes.compile(_M)


@dataclass
class _Annotator:
    year: int | None
    doc_date: str
    cues: re.Pattern[str] | None
    ctx: Context = Context()

    def later(self, attrs: dict[str, str], sentence: str) -> bool:
        """A date after the document's own, in a sentence about the future."""
        start = attrs.get("when") or attrs.get("from") or attrs.get("notBefore") or ""
        if not self.doc_date or not start:
            return False
        n = min(len(start), len(self.doc_date))
        return start[:n] > self.doc_date[:n] and bool(self.cues and self.cues.search(sentence))

    def nearest(self, attrs: dict[str, str], printed: str, sentence: str) -> dict[str, str]:
        """A month named without its year, more than half a year from the document's
        date in the document's year, is read as the nearer one where the sentence says
        which way: "in January" in a telegram of 29 December, in a sentence about the
        future (a future cue), is the next January; "in October" in a report of January,
        in a sentence with no such cue, last October. Otherwise, or with a year printed,
        the document's year."""
        when = attrs.get("when", "")
        if (len(self.doc_date) < 7 or len(when) < 7 or "year" in printed.lower()
                or re.search(r"\d{4}", printed) or not _MONTH_WORD.search(printed)
                or when[:4] != self.doc_date[:4]):
            return attrs
        doc = int(self.doc_date[:4]) * 12 + int(self.doc_date[5:7])
        month = int(when[:4]) * 12 + int(when[5:7])
        future = bool(self.cues and self.cues.search(sentence))
        shift = -1 if month - doc > 6 and not future else 1 if doc - month > 6 and future else 0
        if not shift:
            return attrs
        moved = iso(int(when[:4]) + shift, int(when[5:7]),
                    int(when[8:10]) if len(when) >= 10 else None)
        return {**attrs, "when": moved} if moved else attrs

    def node(self, node: Node) -> None:
        if node.tag in _SKIP or (node.tag == "note" and node.attrs.get("type") in _SKIP_NOTES):
            return
        if node.tag in TEXT_CONTAINERS:
            node.children = _supplied_parts(node.children, node.line)
        new: list[str | Node] = []
        full = node.text()  # the sentence of a date may run across inline elements
        offset = 0
        for child in node.children:
            here = offset
            offset += len(child) if isinstance(child, str) else len(child.text())
            if isinstance(child, str) and node.tag in TEXT_CONTAINERS:
                pos = 0
                for start, end, attrs in find_dates(child, self.year, self.ctx):
                    sentence = _sentence(full, here + start, here + end)
                    attrs = self.nearest(attrs, child[start:end], sentence)
                    new.append(child[pos:start])
                    if self.later(attrs, sentence):
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
    attrs = dict(doc.meta.date.attrs) if doc.meta.date else {}
    when = attrs.get("when", "")
    # the year the text's dates are read in: of the document's date, or of a span whose
    # ends fall in one year ("June 20-24, 1955"); a bound alone ("Not earlier than …",
    # "cites works of 2011") leaves the year open
    years = {v[:4] for k, v in attrs.items() if k in ("when", "from", "to") and v[:4].isdigit()}
    year = int(years.pop()) if len(years) == 1 else None
    cues = (re.compile(r"\b(?:" + "|".join(re.escape(c) for c in future_cues) + r")\b",
                       re.IGNORECASE) if future_cues else None)
    order = date_order(" ".join(top.text() for top in (*doc.body, *doc.back)),
                       doc.meta.original_language)
    annotator = _Annotator(year, when, cues, Context(year, when, order))
    for top in (*doc.body, *doc.back):
        if top.tag == "div" and top.attrs.get("type") in PAGE_DIVS:
            continue  # the page's words about the document (its summary …): no text of it
        annotator.node(top)


_MONTH_BEFORE = regexes.compile(rf"\b(?:(?P<d2>\d{{1,2}}) )?(?P<m>{_M})(?: (?P<d>\d{{1,2}}),?)? $")
_YEAR_AFTER = regexes.compile(rf"^,? (?P<y>{_YEAR})\b")


def _supplied_parts(children: list[str | Node], line: int) -> list[str | Node]:
    """A date whose year or month the translator supplied in brackets: "November [1955]",
    "[March] 1955" are one date, with the supplied part inside it."""
    out: list[str | Node] = []
    i = 0
    while i < len(children):
        child = children[i]
        nxt = children[i + 1] if i + 1 < len(children) else None
        if isinstance(child, str) and isinstance(nxt, Node) and nxt.tag == "supplied":
            inner = nxt.text().strip()
            m = _MONTH_BEFORE.search(child)
            if m and re.fullmatch(_YEAR, inner):
                day = m["d"] or m["d2"]  # "October 23, [1956]", "23 October [1956]"
                value = iso(int(inner), _month(m["m"]), int(day) if day else None)
                if value:
                    out.append(child[:m.start()])
                    out.append(el("date", child[m.start():], nxt, line=line, when=value))
                    i += 2
                    continue
        if isinstance(child, Node) and child.tag == "supplied" and isinstance(nxt, str):
            inner = child.text().strip()
            m = _YEAR_AFTER.match(nxt)
            if re.fullmatch(_M, inner) and m:
                value = iso(int(m["y"]), _month(inner))
                if value:
                    out.append(el("date", child, nxt[:m.end()], line=line, when=value))
                    rest = nxt[m.end():]
                    children = [*children[:i + 1], rest, *children[i + 2:]]
                    i += 2
                    if rest:
                        out.append(rest)
                    continue
        out.append(child)
        i += 1
    return [c for c in out if c != ""]
