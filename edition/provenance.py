"""Where a document's text comes from: the language of its original (only where the
source or evidence in data/provenance.yml says it, with that basis), where its English
comes from, and a newspaper source as a structured citation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from edition import yamlio
from edition.dates import MONTHS
from edition.errors import EditionError
from edition.model import Document
from edition.paths import DATA_DIR

PATH = DATA_DIR / "provenance.yml"
WHERE = ("source", "text", "heading")


@dataclass(frozen=True)
class LanguageRule:
    where: str
    pattern: re.Pattern[str]
    languages: tuple[str, ...] | None  # None: the pattern's group `lang`
    basis: str


@dataclass(frozen=True)
class Provenance:
    translation: dict[str, str]
    language_rules: tuple[LanguageRule, ...]
    newspapers: dict[str, str]


@dataclass(frozen=True)
class OriginalLanguage:
    languages: tuple[str, ...]  # empty: no single original is known
    basis: str


@dataclass(frozen=True)
class Newspaper:
    printed: str  # the name as the source prints it ("Truth")
    title: str  # the newspaper's own title ("Pravda")
    date_text: str  # as printed ("1954. 30 Apr.")
    when: str | None  # ISO date, when the printed date is complete


@cache
def load_provenance(path: Path = PATH) -> Provenance:
    try:
        data = yamlio.read(path, "cannot load the provenance rules")
        rules = []
        for r in data["original_language"]:
            if r["where"] not in WHERE:
                raise EditionError(path, 0, 0, f"where: {r['where']!r} is not one of "
                                   f"{', '.join(WHERE)}")
            langs = r.get("languages")
            rules.append(LanguageRule(r["where"], re.compile(r["pattern"]),
                                      None if langs is None else tuple(langs), r["basis"]))
        return Provenance(dict(data["translation"]), tuple(rules), dict(data["newspapers"]))
    except (OSError, KeyError, TypeError, re.error) as exc:
        raise EditionError(path, 0, 0, f"cannot load the provenance rules: {exc}") from None


def _source_lines(doc: Document) -> str:
    return "\n".join(n.text() for n in doc.nodes()
                     if n.tag == "note" and n.attrs.get("type") == "source")


def _text(doc: Document) -> str:
    return " ".join(n.text() for n in doc.nodes() if n.tag in ("p", "item"))


def original_language(doc: Document, rules: Provenance | None = None) -> OriginalLanguage | None:
    """The language(s) of the original with their basis; None when nothing says it.

    A document whose source has a field for it ("Original Language: Chinese") keeps
    that, stated by the source; a collection document is judged by the rules.
    """
    meta = doc.meta
    if meta.seed_format != "collection":
        if meta.original_language:
            # "Russian, Spanish", "Vietnamese and French": each a language of the original
            names = tuple(n for n in re.split(r"\s*(?:,|;|\band\b|/)\s*",
                                              meta.original_language.strip()) if n)
            return OriginalLanguage(names or (meta.original_language,),
                                    meta.original_language_basis
                                    or "stated by the source in its \"Original Language\" field")
        return None
    rules = rules or load_provenance()
    texts = {"source": meta.archive_line or _source_lines(doc), "heading": meta.title,
             "text": None}
    for rule in rules.language_rules:
        if texts.get(rule.where) is None:
            texts[rule.where] = _text(doc)
        m = rule.pattern.search(texts[rule.where] or "")
        if not m:
            continue
        if rule.languages is None:
            lang = m.group("lang")
            return OriginalLanguage((lang,), rule.basis.format(lang=lang))
        return OriginalLanguage(rule.languages, rule.basis)
    return None


def translation_statement(doc: Document, rules: Provenance | None = None) -> str | None:
    return (rules or load_provenance()).translation.get(doc.meta.seed_format)


_NEWSPAPER_DATE = re.compile(
    r"^(?P<year>\d{4})\. (?:(?P<day>\d{1,2}) (?P<month>[A-Z][a-z]{2,8})\.?"
    r"|(?P<month2>[A-Z][a-z]{2,8})\.? (?P<day2>\d{1,2}))")


def newspaper(archive_line: str | None, rules: Provenance | None = None) -> Newspaper | None:
    """'Archive: Truth. 1954. 30 Apr.' → Pravda, 1954-04-30; None for other sources."""
    if not archive_line:
        return None
    papers = (rules or load_provenance()).newspapers
    line = re.sub(r"^Archive: ", "", archive_line.strip())
    for printed in sorted(papers, key=len, reverse=True):
        if not line.startswith(printed + ". "):
            continue
        rest = line[len(printed) + 2:].split(", translated from")[0].strip()
        m = _NEWSPAPER_DATE.match(rest)
        when = None
        if m:
            month_name = (m.group("month") or m.group("month2")).lower()
            day = int(m.group("day") or m.group("day2"))
            month = next((n for name, n in MONTHS.items() if name.startswith(month_name[:3])),
                         None)
            if month:
                when = f"{m.group('year')}-{month:02d}-{day:02d}"
        return Newspaper(printed, papers[printed], rest, when)
    return None
