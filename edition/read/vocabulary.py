"""The readers' data: formats.yml and archives.yml loaded once into typed objects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from edition import yamlio
from edition.errors import EditionError
from edition.paths import DATA_DIR


@dataclass(frozen=True)
class Archive:
    name: str
    forms: tuple[str, ...]
    prefix: str
    id_parts: tuple[str, ...] | None  # None: every number of the call number


@dataclass(frozen=True)
class Publisher:
    name: str
    forms: tuple[str, ...]
    prefix: str
    url: re.Pattern[str]


@dataclass(frozen=True)
class WebpageWords:
    skip_links: tuple[str, ...]
    footer: str
    fields: dict[str, str]
    summary_verbs: frozenset[str]
    first_person: frozenset[str]
    funder_tag_after: tuple[str, ...] = ()  # the labels the site's funder tag follows


@dataclass(frozen=True)
class RecordWords:
    fields: dict[str, str]
    versions: re.Pattern[str]


@dataclass(frozen=True)
class EdossierWords:
    series: re.Pattern[str]
    document_list: str
    entry: re.Pattern[str]
    author_roles: frozenset[str]
    affiliation_words: frozenset[str]
    biography_continues: frozenset[str]
    byline_small_words: frozenset[str] = frozenset()  # besides names.yml's name_particles


@dataclass(frozen=True)
class CollectionWords:
    title: str
    original_language: str
    newspapers: tuple[str, ...]
    id_prefix: str = "scr"  # scr-070 from the printed number, scr-19540930 from the date
    number_width: int = 3
    date_words: tuple[str, ...] = ()  # "sent", "received": which date a heading gives
    heading_lines: int = 3  # at most this many lines make one heading
    link_marks: tuple[str, ...] = ()  # the site's link for a text given only as a link


@dataclass(frozen=True)
class Salutation:
    start: str
    ends: tuple[str, ...]
    shorter_than: int | None = None

    def matches(self, text: str) -> bool:
        return (text.startswith(self.start) and text.endswith(self.ends)
                and (self.shorter_than is None or len(text) < self.shorter_than))


def note_label(text: str) -> str:
    """A note's label as :attr:`LetterWords.translator_notes` holds it: lower case, the
    typographic apostrophe as the straight one."""
    return text.lower().replace("\u2019", "'")


@dataclass(frozen=True)
class LetterWords:
    closers: tuple[str, ...]
    salutations: tuple[Salutation, ...]
    signature_placeholders: frozenset[str] = frozenset()
    part_types: tuple[tuple[str, str], ...] = ()  # heading's first word → div type
    postscripts: tuple[str, ...] = ()  # what a postscript's first paragraph begins with
    stamps: re.Pattern[str] | None = None  # a line of a classification stamp, whole
    heading_words: tuple[str, ...] = ()  # a short line beginning so is a heading
    # what a translator's or the editors' note begins with (note_label: lower case, "'" for
    # any apostrophe, without a closing ":" or "."; the longest first)
    translator_notes: tuple[str, ...] = ()
    title_words: frozenset[str] = frozenset()  # a line in capitals holding one is a title
    bullets: tuple[str, ...] = ()  # marks that set off a point of a list
    enclosures: tuple[str, ...] = ()  # what a line saying what the letter encloses begins with
    labelled_lists: tuple[tuple[str, str], ...] = ()  # "Distribution" → list type
    priorities: frozenset[str] = frozenset()  # a telegram's priority ("top priority")
    not_speakers: frozenset[str] = frozenset()  # "Subject: …" is a label, not a speaker

    def note_kind(self, text: str) -> str | None:
        """"translator" or "editorial": the note a paragraph or a bracket is when it begins
        with one of :attr:`translator_notes` ("Translator’s Note:", "Editors' note -",
        "Note of the compilers."), in any letter case and with any apostrophe, the label
        followed by anything but a letter or digit; None when it begins with none."""
        low = note_label(text.lstrip()[:80])
        for label in self.translator_notes:
            if low.startswith(label) and not low[len(label):len(label) + 1].isalnum():
                return "translator" if label.startswith("translator") else "editorial"
        return None

    @cached_property
    def list_types(self) -> dict[str, str]:
        return dict(self.labelled_lists)

    @cached_property
    def part_type(self) -> dict[str, str]:
        return dict(self.part_types)


@dataclass(frozen=True)
class Vocabulary:
    credit_roles: tuple[str, ...]
    credit_nouns: dict[str, str]  # "translations" → "translated"
    funder_line: re.Pattern[str]
    webpage: WebpageWords
    record: RecordWords
    edossier: EdossierWords
    collection: CollectionWords
    letters: LetterWords
    archives: tuple[Archive, ...]
    call_number_parts: dict[str, tuple[str, ...]]
    publishers: tuple[Publisher, ...]

    def archive_names(self) -> dict[str, str]:
        """Every printed form of an archive → its name."""
        return {form: a.name for a in self.archives for form in a.forms}


def _load(path: Path) -> dict[str, Any]:
    try:
        data = yamlio.read(path, "cannot load the readers' data")
    except OSError as exc:
        raise EditionError(path, 0, 0, f"cannot load the readers' data: {exc}") from None
    if not isinstance(data, dict):
        raise EditionError(path, 0, 0, "expected a mapping at the top of the file")
    return data


def _re(path: Path, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise EditionError(path, 0, 0, f"bad regular expression {pattern!r}: {exc}") from None


def _stamp_line(path: Path, stamps: list[str]) -> re.Pattern[str]:
    """A whole line of stamps: one or more of ``stamps``, set apart by a full stop, a
    comma or a semicolon, a full stop after the last or none ("Top secret. Special
    folder", "Copy No. 3")."""
    one = "(?:" + "|".join(f"(?:{x})" for x in stamps) + ")"
    return _re(path, rf"(?i:{one}(?:\s*[.,;]\s*{one})*\s*\.?)")


@cache
def load_vocabulary(folder: Path = DATA_DIR) -> Vocabulary:
    """Load and check formats.yml and archives.yml (once per process)."""
    fpath, apath = folder / "formats.yml", folder / "archives.yml"
    f, a = _load(fpath), _load(apath)
    try:
        web, rec, dos, col, let = (f["webpage"], f["record"], f["edossier"], f["collection"],
                                   f["letters"])
        return Vocabulary(
            credit_roles=tuple(str(r) for r in f["credit_roles"]),
            credit_nouns={str(k).lower(): str(v) for k, v in f["credit_nouns"].items()},
            funder_line=_re(fpath, f["funder_line"]),
            webpage=WebpageWords(tuple(web["skip_links"]), str(web["footer"]),
                                 {str(k): str(v) for k, v in web["fields"].items()},
                                 frozenset(web["summary_verbs"]), frozenset(web["first_person"]),
                                 tuple(web.get("funder_tag_after", ()))),
            record=RecordWords({str(k): str(v) for k, v in rec["fields"].items()},
                               _re(fpath, rec["versions"])),
            edossier=EdossierWords(_re(fpath, dos["series"]), str(dos["document_list"]),
                                   _re(fpath, dos["entry"]), frozenset(dos["author_roles"]),
                                   frozenset(str(w) for w in dos["affiliation_words"]),
                                   frozenset(str(w) for w in dos["biography_continues"]),
                                   frozenset(str(w) for w in dos.get("byline_small_words", []))),
            collection=CollectionWords(str(col["title"]), str(col["original_language"]),
                                       tuple(col["newspapers"]), str(col.get("id_prefix", "scr")),
                                       int(col.get("number_width", 3)),
                                       tuple(str(w).lower() for w in col.get("date_words", [])),
                                       int(col.get("heading_lines", 3)),
                                       tuple(str(x) for x in col.get("link_marks", []))),
            letters=LetterWords(tuple(let["closers"]), tuple(
                Salutation(str(s["start"]), tuple(s["ends"]), s.get("shorter_than"))
                for s in let["salutations"]),
                frozenset(str(x) for x in let.get("signature_placeholders", [])),
                tuple((str(k), str(v)) for k, v in let.get("part_types", {}).items()),
                tuple(str(x) for x in let.get("postscripts", [])),
                _stamp_line(fpath, [str(x) for x in let["stamps"]])
                if let.get("stamps") else None,
                tuple(str(x) for x in let.get("heading_words", [])),
                tuple(sorted({note_label(str(x)).rstrip(":. ") for x in
                              let.get("translator_notes", [])}, key=lambda x: (-len(x), x))),
                frozenset(str(x).upper() for x in let.get("title_words", [])),
                tuple(str(x) for x in let.get("bullets", [])),
                tuple(str(x) for x in let.get("enclosures", [])),
                tuple((str(k), str(v)) for k, v in let.get("labelled_lists", {}).items()),
                frozenset(str(x).lower() for x in let.get("priorities", [])),
                frozenset(str(x).lower() for x in let.get("not_speakers", []))),
            archives=tuple(
                Archive(str(x["name"]), tuple(str(s) for s in x["forms"]), str(x["prefix"]),
                        None if x["id"] == "numbers" else tuple(x["id"]))
                for x in a["archives"]),
            call_number_parts={str(k): tuple(str(s) for s in v)
                               for k, v in a["call_number_parts"].items()},
            publishers=tuple(
                Publisher(str(p["name"]), tuple(p["forms"]), str(p["prefix"]),
                          _re(apath, p["url"]))
                for p in a["publishers"]),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise EditionError(fpath, 0, 0,
                           f"the readers' data lacks or misshapes {exc}") from None
