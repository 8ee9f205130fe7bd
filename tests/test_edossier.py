"""The e-dossier reader's bylines (edition/read/edossier.py): who is credited, and as
what, from the lines under the title."""

from __future__ import annotations

import pytest

from edition.read.edossier import _byline_credits
from edition.read.vocabulary import load_vocabulary


def _credits(*lines: str) -> list[str]:
    return [f"{r.role} {r.name}" for r in _byline_credits(list(lines),
                                                           load_vocabulary().edossier)]


@pytest.mark.parametrize(("lines", "credits"), [
    (["Introduced by Jan Hladik, Charles University, Prague"],
     ["introduced by Jan Hladik"]),
    (["Introduced by Jordan Baev, Bulgarian Defense College, and Kostadin Grozev, Sofia "
      "University"], ["introduced by Jordan Baev", "introduced by Kostadin Grozev"]),
    (["By Jakub Nowicki, Anna Lewandowska, and Piotr Zawadzki"],
     ["written by Jakub Nowicki", "written by Anna Lewandowska",
      "written by Piotr Zawadzki"]),
    (["Introduced by", "Bernd Schaefer, Woodrow Wilson International Center for Scholars",
      "Liana Kang-Schmitz, University of Leipzig"],
     ["introduced by Bernd Schaefer", "introduced by Liana Kang-Schmitz"]),
    # a second author on a line of their own after "and"
    (["Introduced by James Person", "and Charles Kraus"],
     ["introduced by James Person", "introduced by Charles Kraus"]),
    # an "and" inside an affiliation opens no author
    (["Introduced by Natalia Matveeva, Institute of Oriental and African Studies"],
     ["introduced by Natalia Matveeva"]),
    (["Introduction by Dr. Anna Petrova"], ["introduced by Anna Petrova"]),
    (["Translations by Bernd Schaefer and Liana Kang-Schmitz"],
     ["translated by Bernd Schaefer", "translated by Liana Kang-Schmitz"]),
    (["Edited and introduced by Bernd Schaefer"],
     ["edited by Bernd Schaefer", "introduced by Bernd Schaefer"]),
    # the small words of names (names.yml name_particles) in "By …"
    (["By Ana del Río and Pierre du Pont"],
     ["written by Ana del Río", "written by Pierre du Pont"]),
    (["By Maria das Dores and Jan ter Horst, University of Amsterdam"],
     ["written by Maria das Dores", "written by Jan ter Horst"]),
])
def test_a_byline_credits_its_names_alone(lines: list[str], credits: list[str]) -> None:
    assert _credits(*lines) == credits


@pytest.mark.parametrize(("text", "biography"), [
    ("QIANG Zhai is a professor of history.", True),
    ("Anna PETROVA is a senior researcher.", True),
    ("LI Xiaobing was a visiting scholar.", True),
    ("The USSR was the first to recognise the DPRK.", False),
    ("North KOREA was isolated.", False),
    ("Kim Il Sung was furious.", False),  # no surname in capitals: not without a byline
])
def test_a_biography_without_a_byline_by_its_capitals(text: str, biography: bool) -> None:
    from edition.read.edossier import _is_biography

    assert _is_biography(text, []) is biography


@pytest.mark.parametrize(("line", "credit"), [
    ("(Obtained and translated by Sergey Radchenko)", True),
    ("[Translation by Anna Petrova]", True),  # a noun of formats.yml credit_nouns
    ("(Compiled by the editors)", True),
    ("(Selected and introduced by Jan Hladik]", False),  # the brackets do not pair
    ("Translated by Anna Petrova", False),  # a byline, not a bracketed credit
    ("(The translation was made in 1956.)", False),
])
def test_a_credit_in_brackets_under_a_listed_document(line: str, credit: bool) -> None:
    from edition.read.edossier import _bracketed_credit

    assert _bracketed_credit(line) is credit
