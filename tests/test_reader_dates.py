"""The printed-date finder as the readers use it (edition/dates.py): a date line at the
top of a web page or record, a heading ending in a date, a listed document's date."""

from __future__ import annotations

import pytest

from edition.dates import DATE_PATTERN, from_match, parse_date
from edition.read.edossier import _title_date
from edition.read.webpage import detect


@pytest.mark.parametrize(("text", "when"), [
    ("December 10, 1953", "1953-12-10"),
    ("March 7, 1967", "1967-03-07"),
    ("  March 7, 1967  ", "1967-03-07"),
    ("10 December 1959", "1959-12-10"),
    ("23 November 1953", "1953-11-23"),
    ("December 1958", "1958-12"),
    ("February 29, 1956", "1956-02-29"),
])
def test_a_whole_line_that_is_a_date(text: str, when: str) -> None:
    value = parse_date(text)
    assert value is not None
    assert dict(value.attrs) == {"when": when}
    assert value.text == text.strip()


@pytest.mark.parametrize("text", [
    "February 30, 1954",      # no such day
    "February 29, 1955",      # not a leap year
    "**December 10, 1953**",  # the record's bold markers are stripped by the reader first
    "March 7, 1967 Moscow",   # more than a date
    "Document Information",
    "",
])
def test_what_is_not_a_date_line(text: str) -> None:
    assert parse_date(text) is None


def test_a_heading_ending_in_its_date() -> None:
    heading = "Exchange of letters between the Society and the Kirov Plant. January 5, 1954"
    matches = list(DATE_PATTERN.finditer(heading))
    assert len(matches) == 1 and heading.endswith(matches[0].group(0))
    value = from_match(matches[0])
    assert value is not None and dict(value.attrs) == {"when": "1954-01-05"}


def test_a_listed_documents_title_and_date() -> None:
    text = "“Report on Soviet Specialists,” 4 March 1954"
    [(start, end, attrs)] = _title_date(text)
    assert (text[:start].rstrip(), text[start:end], attrs) == (
        "“Report on Soviet Specialists,”", "4 March 1954", {"when": "1954-03-04"})
    span = "“Memorandum of Conversation,” 9-10 October 1956"
    assert _title_date(span) == [(span.index("9-10"), len(span),
                                  {"from": "1956-10-09", "to": "1956-10-10"})]
    assert _title_date("“A title without a date,”") == []
    # two days of one month: two dates; "undated": a date of no date
    two = "“Two Reports,” 3 and 8 March 1953"
    assert [(two[s:e], a) for s, e, a in _title_date(two)] == [
        ("3", {"when": "1953-03-03"}), ("8 March 1953", {"when": "1953-03-08"})]
    undated = "“Record of Conversation,” undated"
    assert [(undated[s:e], a) for s, e, a in _title_date(undated)] == [("undated", {})]


@pytest.mark.parametrize(("page", "accepted"), [
    ("Skip to content\n\nMarch 7, 1967\n\nTitle\n", True),
    ("Skip to main content\n\n7 March 1967\n\nTitle\n", True),
    ("Skip to content\n\nA title first\n\nText\n\nMore\n\nEven more\n\nMarch 7, 1967\n", False),
    ("Skip to main content\nSupport\n\nNKIDP e-Dossier no. 16\n\nTitle\n", False),
])
def test_the_web_page_wants_a_date_among_its_first_lines(page: str, accepted: bool) -> None:
    assert detect(page).accepted is accepted


@pytest.mark.parametrize(("text", "attrs"), [
    ("Undated", {}), ("n.d.", {}),  # a date line that gives no date: the page says so
    ("ca. 1956", {"when": "1956", "precision": "low"}),
    ("1956 (approximate)", {"when": "1956", "precision": "low"}),
    ("August 10, 1958 - August 22, 1958", {"from": "1958-08-10", "to": "1958-08-22"}),
    # a day written out as a letter dates itself (the record's header date was not read:
    # a probe of further records, R108)
    ("the 5th of March, 1953", {"when": "1953-03-05"}),
    ("The 12th of June 1957", {"when": "1957-06-12"}),
])
def test_a_page_s_date_line_of_no_date_or_an_approximate_one(text: str,
                                                              attrs: dict[str, str]) -> None:
    from edition.read.common import date_line

    value = date_line(text)
    assert value is not None and dict(value.attrs) == attrs


def test_an_undated_web_page_is_read_and_says_so() -> None:
    """A web page whose date line is "Undated" is a web page (it was refused: no reader
    took it), without a date, with a warning at that line."""
    from edition.convert import read_documents
    from edition.manifest import SeedConfig
    from edition.rules import load_rules

    page = ("Skip to content\n\nUndated\n\nNote of the Embassy on the Harvest\n\n"
            "The harvest of this year was poor in the northern provinces.\n\n"
            "Document Information\n\nAVPRF f. 0102, op. 12, p. 6, d. 3, l. 4.\n")
    [doc] = read_documents("undated.txt", page.encode(), SeedConfig(), load_rules())
    assert doc.meta.date is None and doc.meta.title == "Note of the Embassy on the Harvest"
    assert [(w.line, "Undated" in w.message) for w in doc.warnings][:1] == [(3, True)]
