"""Archive references ("AVPRF f. 0102, op. 23, p. 112, d. 24, pp. 13-23. Obtained by …")
read into repository, call number, pages and credits, and the document id they give.

The archives, their printed forms and id schemes are data (edition/data/archives.yml);
an archive not listed there still gets a repository and a readable id, with a note
saying so (the caller turns it into a warning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from edition.dates import parse_date
from edition.model import DateValue
from edition.read.vocabulary import Archive, Vocabulary

_RANGE = r"\d+[a-z]*(?:\s*[-–]\s*\d+[a-z]*)?"
_VALUE = r"(?:[A-Z]-?)?\d+[a-z]*"  # a fond, opis or delo number: "0102", "059a", "R-5446"
_NUMBER = re.compile(r"(?<![A-Za-z])[A-Za-z]?\d+[a-z]?\b")  # "43", "059a", "C54"
_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")


@dataclass
class Reference:
    """What an archive reference says."""

    text: str  # the reference as printed, credits excluded
    repository: str | None = None
    call_number: str | None = None
    pages: str | None = None
    credits: str = ""
    archive: Archive | None = None
    notes: list[str] = field(default_factory=list)  # what the reader could not place
    periodical: str | None = None  # a newspaper's name, where the source is one
    issue: DateValue | None = None  # the issue's date ("8 March 1953")

    def id_from(self, vocabulary: Vocabulary) -> str | None:
        """The document id the archive's scheme gives, or None without a call number (a
        newspaper's: its name, its issue's date and page, "nodong-sinmun-1953-03-08-p1")."""
        if self.periodical:
            when = dict(self.issue.attrs).get("when", "") if self.issue else ""
            return "-".join([*re.findall(r"[a-z0-9]+", self.periodical.lower()), when,
                             *([f"p{self.pages}"] if self.pages else [])])
        if not self.call_number:
            return None
        if self.archive is not None:
            prefix = self.archive.prefix
            if self.archive.id_parts is not None:
                parts = _russian_parts(self.call_number, vocabulary)
                numbers = [parts[k] for k in self.archive.id_parts if k in parts]
                if numbers:
                    return "-".join([prefix, *numbers])
        else:
            prefix = _fallback_prefix(self.repository or "archive")
        numbers = [n.lower() for n in _NUMBER.findall(self.call_number)]
        return "-".join([prefix, *numbers]) if numbers else None


def split_credits(text: str, vocabulary: Vocabulary) -> tuple[str, str]:
    """'AVPRF …, pp. 13-23. Obtained by X.' → ('AVPRF …, pp. 13-23', 'Obtained by X.')."""
    roles = "|".join(re.escape(r) for r in vocabulary.credit_roles)
    m = re.search(rf"(?:^|\.\s+)(?=(?:{roles})\b)", text, re.IGNORECASE)
    if m is None:
        return text.strip().rstrip(".").strip(), ""
    return text[: m.start()].strip().rstrip(".").strip(), text[m.end():].strip()


def _russian_parts(call: str, vocabulary: Vocabulary) -> dict[str, str]:
    """'f. 0102, op. 23, p. 112, d. 24' → {fond: 0102, opis: 23, papka: 112, delo: 24}."""
    found: dict[str, str] = {}
    for part in (p.strip() for p in call.split(",")):
        key = _part_key(part, vocabulary, "delo" in found)
        if key and key != "pages":
            found.setdefault(key, part.split()[-1].rstrip(".").lower())
    return found


def _part_key(part: str, vocabulary: Vocabulary, after_delo: bool) -> str | None:
    head, _, value = part.partition(" ")
    if not value or not re.fullmatch(f"{_VALUE}|{_RANGE}", value.strip().rstrip(".")):
        return None
    for key, forms in vocabulary.call_number_parts.items():
        if head in forms:
            if head in ("p.", "P.") and key == "papka" and after_delo:
                return "pages"
            if key == "pages" and head in ("p.", "P.") and not after_delo:
                continue
            return key
    return None


def _known_archive(text: str, vocabulary: Vocabulary) -> tuple[Archive, str] | None:
    best: tuple[Archive, str] | None = None
    for archive in vocabulary.archives:
        for form in archive.forms:
            if re.match(rf"{re.escape(form)}(?![\w])", text) and (
                    best is None or len(form) > len(best[1])):
                best = (archive, form)
    return best


def _fallback_prefix(name: str) -> str:
    m = _ABBREVIATION.search(name)
    if m:
        return m.group(1).lower()
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper())
    return (initials or "archive").lower()


def _pages(parts: list[str], vocabulary: Vocabulary, known: bool, after_comma: bool) -> str | None:
    """The pages, if the last part of the reference gives them (removed from ``parts``)."""
    if not parts:
        return None
    last = parts[-1].strip().rstrip(".")
    page_forms = "|".join(re.escape(f.rstrip(".")) for f in vocabulary.call_number_parts["pages"])
    m = re.fullmatch(rf"(?:{page_forms})\.?\s*({_RANGE})", last)
    bare = re.fullmatch(rf"{_RANGE}", last)
    russian = "delo" in _russian_parts(", ".join(parts[:-1]), vocabulary)
    if m and (not last.startswith(("p.", "P.")) or russian or len(parts) == 1):
        parts.pop()
        return re.sub(r"\s+", "", m.group(1))
    if bare and (len(parts) > 1 or after_comma) and ("-" in last or known):
        parts.pop()
        return re.sub(r"\s+", "", last)
    return None


def _periodical(ref: Reference, rest: str, vocabulary: Vocabulary) -> bool:
    """A newspaper, not an archive: a date where the call number would stand ("Nodong
    Sinmun, 8 March 1953, p. 1": no archive's call number is a day). ``ref`` becomes
    the periodical's, its page its pages."""
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    if len(parts) > 1 and re.fullmatch(r"\d{4}", parts[1].rstrip(".")):  # "November 7, 1957"
        parts[:2] = [f"{parts[0]}, {parts[1]}"]
    issue = parse_date(parts[0].rstrip(".")) if parts else None
    if issue is None or len(dict(issue.attrs).get("when", "")) != 10:
        return False
    ref.periodical, ref.issue, ref.repository = ref.repository, issue, None
    ref.pages = _pages(parts[1:], vocabulary, True, True) if parts[1:] else None
    return True


def read_reference(text: str, vocabulary: Vocabulary) -> Reference:
    """Read an archive reference with its credits, by the archives' data."""
    ref_text, credits = split_credits(text, vocabulary)
    ref = Reference(ref_text, credits=credits)
    known = _known_archive(ref_text, vocabulary)
    after_comma = False
    if known is not None:
        ref.archive, form = known
        ref.repository = ref.archive.name
        rest = ref_text[len(form):].lstrip(" .")
        # the name written out, then its abbreviation in brackets: "… Federation (AVPRF), f. 5"
        bracket = re.match(r"\(([^()]*)\)", rest)
        if bracket and bracket.group(1).strip() in ref.archive.forms:
            rest = rest[bracket.end():].lstrip(" .")
        after_comma = rest.startswith(",")
        rest = rest.lstrip(" ,")
    else:
        first, comma, after = ref_text.partition(",")
        if comma and not any(ch.isdigit() for ch in first):
            ref.repository, rest, after_comma = first.strip(), after.strip(), True
        else:
            words = ref_text.split()
            at = next((i for i, w in enumerate(words) if any(ch.isdigit() for ch in w)),
                      len(words))
            ref.repository = " ".join(words[:at]).rstrip(",") or None
            rest = " ".join(words[at:])
        if ref.repository and _periodical(ref, rest, vocabulary):
            return ref
        if ref.repository:
            ref.notes.append(f"the archive {ref.repository!r} is not in "
                             "edition/data/archives.yml: its name and id are read by the "
                             "fallback rule (add it there to fix its id scheme)")
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    ref.pages = _pages(parts, vocabulary, known is not None, after_comma)
    ref.call_number = ", ".join(parts) or None
    return ref
