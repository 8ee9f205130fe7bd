"""Helpers shared by the format readers: credits, funders, archive references, chrome."""

from __future__ import annotations

import re

from edition.dates import parse_date
from edition.model import DateValue, Resp, SourceLine
from edition.read.vocabulary import load_vocabulary
from edition.rules import Rules

_STOP = frozenset(["a", "an", "and", "the", "of", "on", "in", "to", "with", "from", "for",
                   "at", "by", "about", "between"])


def credit_role_words() -> str:
    """formats.yml's ``credit_roles`` and ``credit_nouns`` as a pattern's alternation."""
    vocabulary = load_vocabulary()
    return "|".join(re.escape(w) for w in [*vocabulary.credit_roles, *vocabulary.credit_nouns])


def credit_roles() -> str:
    """A credit's roles up to its "by", as a pattern (match it with re.IGNORECASE): one
    role or more joined by "and" (group ``roles``: "Obtained and translated", "Translations"),
    and the language a text was translated from ("translated from the Spanish by": no
    name)."""
    roles = credit_role_words()
    return (rf"(?P<roles>(?:{roles})(?:\s+and\s+(?:{roles}))*)"
            rf"(?:\s+from\s+(?:the\s+)?[A-Z][a-z]+)?\s+by")


def _role_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b{credit_roles()}\s+", re.IGNORECASE)


# the end of a sentence: a full stop, not one after an initial ("Margaret K. Gnoinska")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])\.\s")


def parse_credits(text: str) -> list[Resp]:
    """'Obtained by A and translated by B and C.' → [obtained by A, translated by B, C];
    'Obtained and translated by A' → [obtained by A, translated by A]; 'Translated from
    the Spanish by A for NKIDP' → [translated by A]; 'Translations by A' (a noun of
    formats.yml credit_nouns) → [translated by A]."""
    nouns = load_vocabulary().credit_nouns
    resps: list[Resp] = []
    parts = _role_pattern().split(text)
    # parts: [before, roles1, names1, roles2, names2, ...]
    for roles, names in zip(parts[1::2], parts[2::2], strict=True):
        names = names.strip().rstrip(".];,").strip()
        names = _SENTENCE_END.split(names)[0]  # stop at the end of the sentence
        names = re.sub(r"\s+for\s+(?:the\s+)?\S.*$", "", names)  # "… for NKIDP"
        names = re.sub(r"\s+and$", "", names)
        for role in re.split(r"\s+and\s+", roles):
            for name in re.split(r",\s*(?:and\s+)?|\s+and\s+", names):
                if name.strip():
                    role = nouns.get(role.lower(), role.lower())
                    resps.append(Resp(f"{role} by", name.strip()))
    return resps


def parse_funder(text: str) -> str | None:
    m = load_vocabulary().funder_line.match(" ".join(text.split()))
    return m.group("name") if m else None


# what a funder's name ends in: "… Foundation and the MacArthur Foundation" names two
_FUNDER_END = r"(?:Foundation|Fund|Trust|Endowment|Institute|Council|Corporation|Society)"


def funders_of(name: str | None) -> list[str]:
    """The funders a credit line names ("Leon Levy Foundation and the MacArthur
    Foundation" → two), each as printed."""
    if not name:
        return []
    parts = re.split(r",?\s+and\s+(?:the\s+)?(?=[A-Z])", name)
    return parts if all(re.search(rf"\b{_FUNDER_END}$", p) for p in parts) else [name]


# a funder's name printed alone ends so ("… Council", "… Institute" may be an
# organisation the page names as a subject)
_TAG_END = r"(?:Foundation|Fund|Trust|Endowment|Corporation)"


def funder_tag(text: str) -> bool:
    """A line that is a funder's name alone ("Leon Levy Foundation", "the Carnegie
    Corporation of New York"): the site's funder tag at a page's foot."""
    return re.fullmatch(rf"(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+(?:(?:of|for|and)\s+)?){{1,6}}"
                        rf"{_TAG_END}(?:\s+of(?:\s+[A-Z][\w.'’-]*){{1,3}})?",
                        " ".join(text.split())) is not None


def date_line(text: str) -> DateValue | None:
    """A line that is a date as printed ("March 7, 1967", "December 1958"), a bare year
    ("1958"), or a span or bound of dates ("August 10, 1958 - August 22, 1958", "Not
    later than May 1956"), the forms a page or record gives its date in."""
    value = parse_date(text)
    if value is None and re.fullmatch(r"1[89]\d\d|20\d\d", text.strip()):
        value = DateValue(text.strip(), (("when", text.strip()),))
    if value is None and (attrs := whole_date(text)) is not None:
        value = DateValue(text.strip(), tuple(attrs.items()))
    if value is None and (m := _CIRCA.fullmatch(text.strip())):
        # "ca. 1956": the year, its precision low
        value = DateValue(text.strip(), (("when", m.group("y") or m.group("y2")),
                                         ("precision", "low")))
    if value is None and UNDATED.fullmatch(text.strip()):
        value = DateValue(text.strip(), ())  # the page says so: a date line of no date
    return value


def whole_date(text: str) -> dict[str, str] | None:
    """The attributes of the one date the date annotator finds in ``text`` when that date
    is the whole of it ("3.IV.1956", "April 3rd, 1956"; a "the" before it aside: "the 5th
    of March, 1953"), else None. (A heading's or a dateline's date the printed forms do
    not give: :func:`edition.dates.parse_date` first.)"""
    from edition.annotate import find_dates

    stripped = text.strip()
    found = find_dates(stripped, None)
    lead = len(stripped) - len(re.sub(r"(?i)^the\s+", "", stripped))
    if len(found) == 1 and found[0][:2] in ((0, len(stripped)), (lead, len(stripped))):
        return dict(found[0][2])
    return None


# "Undated", "n.d.", "No date", "Date unknown": a date line that gives no date
UNDATED = re.compile(r"undated|n\.\s?d\.|no date|date unknown|not dated", re.IGNORECASE)
# "ca. 1956", "c. 1956", "circa 1956", "around 1956", "1956 (approximate)"
_CIRCA = re.compile(r"(?i)(?:ca?\.|circa|around|about)\s*(?P<y>1[89]\d\d|20\d\d)"
                    r"|(?P<y2>1[89]\d\d|20\d\d)\s*\((?:approximate|approx\.)\)")


def doc_date_attrs(date: DateValue | None) -> dict[str, str]:
    """The attributes of a ``docDate`` for ``date``: TEI gives docDate ``when`` alone, so
    a span or a bound (kept in the header's creation date) gives none."""
    attrs = dict(date.attrs) if date else {}
    when = attrs.get("when")
    # (an approximate year, "ca. 1956", keeps its precision in the creation date only)
    return {"when": when} if when and "precision" not in attrs else {}


def fallback_id(date: DateValue | None, title: str) -> str:
    """A readable id for a document whose source gives no number: its date and the
    first three words of its title that are not small words ('doc-19620809-journal-…')."""
    when = date.attrs[0][1] if date and date.attrs else ""  # (a span: its first day)
    words = [w.lower() for w in re.findall(r"[A-Za-z0-9]+", title)
             if w.lower() not in _STOP and len(w) > 1]
    return "-".join(["doc", *([when.replace("-", "")] if when else []), *words[:3]])


def drop_chrome(lines: list[SourceLine], fmt: str, rules: Rules) -> list[SourceLine]:
    """The lines that are not site chrome, by the rules in ``rules.yml``.

    A dropped line's place is kept as a blank line so that block boundaries and
    line numbers stay as in the source.
    """
    tail_start = len(lines)
    for tail in rules.chrome_tail:
        if fmt in tail.formats:
            for i, line in enumerate(lines):
                if tail.start.match(line.text.strip()):
                    tail_start = min(tail_start, i)
                    break
    kept: list[SourceLine] = []
    for line in lines[:tail_start]:
        stripped = line.text.strip()
        if any(fmt in r.formats and r.pattern.match(stripped) for r in rules.chrome):
            kept.append(SourceLine(line.number, ""))
        else:
            kept.append(line)
    return kept
