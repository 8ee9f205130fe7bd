"""Dates as printed in the sources, normalised to ISO 8601 values for TEI attributes."""

from __future__ import annotations

import datetime
import re

from edition.model import DateValue

MONTHS = {
    name: number
    for number, name in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"], start=1)
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
# "December 10, 1953" | "10 December 1959" | "December 1958" | "1954"
DATE_PATTERN = re.compile(
    rf"(?:{_MONTH}\s+(?P<day1>\d{{1,2}}),\s+(?P<year1>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>January|February|March|April|May|June|July|August"
    rf"|September|October|November|December)\s+(?P<year2>\d{{4}})"
    rf"|(?P<month3>January|February|March|April|May|June|July|August|September|October"
    rf"|November|December)\s+(?P<year3>\d{{4}}))"
)


def iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """The ISO value, or None when the day does not exist (30 February)."""
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def from_match(m: re.Match[str]) -> DateValue | None:
    """A DateValue from a DATE_PATTERN match."""
    g = m.groupdict()
    if g.get("year1"):
        value = iso(int(g["year1"]), MONTHS[g["month"].lower()], int(g["day1"]))
    elif g.get("year2"):
        value = iso(int(g["year2"]), MONTHS[g["month2"].lower()], int(g["day2"]))
    else:
        value = iso(int(g["year3"]), MONTHS[g["month3"].lower()])
    if value is None:
        return None
    return DateValue(m.group(0), (("when", value),))


def parse_date(text: str) -> DateValue | None:
    """Parse a whole string that is a date ("December 10, 1953"); None if it is not one."""
    m = DATE_PATTERN.fullmatch(text.strip())
    return from_match(m) if m else None
