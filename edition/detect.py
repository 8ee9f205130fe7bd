"""Names no register holds, found from the evidence the text gives.

Pure: a string in, candidates out. The evidence (edition/data/names.yml):

* a title or office before a person's name ("Ambassador Puzanov", "Vice Premier Chen
  Yi", "Cde. Pak [Yong-guk]"), or a list of names after "Translated by";
* the shape of romanised names: "Surname I.O." and "I.O. Surname" (Russian), a Chinese
  or Korean family name before a pinyin, hyphenated or bracketed given name
  ("Tang Zhenchang", "O Jin-u", "Pak [Yong-guk]"), a known given name before a surname;
* a bare surname of a person named in full earlier in the same document;
* organisation heads with a proper modifier or an "of …" part ("Ministry of Foreign
  Trade", "Albanian Embassy", "Moscow City Committee of the CPSU"); a head alone, in
  the plural or with only generic words ("Party Committees", "the Embassy") is none;
* place heads ("South Hwanghae Province", "Yalu River") and the names the packaged
  gazetteers know (edition/gazetteer.py), with their ids only where certain.

Wrong candidates stay unmarked: sentence-initial words, adjectives and demonyms,
titles alone, months. Each candidate carries a stable key (a slug of its form, so the
same form gets the same key in every document and every run) and its evidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from edition import regexes, yamlio
from edition.dates import MONTHS
from edition.errors import EditionError
from edition.gazetteer import Place, place_index
from edition.paths import DATA_DIR

CUES_FILE = DATA_DIR / "names.yml"



def _letter_class(test: Callable[[str], bool]) -> str:
    """The Latin letters for which ``test`` holds, as the inside of a regular expression's
    character class (runs written as ranges): the Latin-1 and Latin Extended letters of
    Polish, Czech, Hungarian, Romanian, Vietnamese … names ("Jędrychowski", "Hájek",
    "Gomułka", "Nguyễn"), which Python's ``re`` has no class for."""
    codes = [c for block in ((0x41, 0x7B), (0xC0, 0x250), (0x1E00, 0x1F00))
             for c in range(*block) if test(chr(c)) and chr(c).isalpha()]
    runs: list[list[int]] = []
    for code in codes:
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                   for a, b in runs)


_U = _letter_class(str.isupper)  # capitals (and title-case letters: none in these blocks)
_L = _letter_class(str.islower)
CAP = rf"[{_U}][{_L}]+(?:['’](?!s\b)[{_L}]+)?"  # O'Neil, not a possessive "'s"
CAPH = rf"{CAP}(?:-[{_U}{_L}][{_L}]*)*"
BRACKET = rf"\[{CAPH}(?:[ -]{CAPH})*\]"
INITIAL = rf"[{_U}][{_L}]?\.\s?"
# an abbreviation in capitals, whole ("CPSU", "KWP-CC"; "CPCz" and "MfAA" with their
# small letters, never the "CPC" of "CPCz")
ACRONYM = rf"(?:[{_U}]{{2,}}[a-z]?|[{_U}][a-z][{_U}]{{2,}})(?:-[{_U}]+)?(?!\w)"
# a token of a name that is its initials ("V.", "V.V.", "Yu.")
INITIALS_TOKEN = re.compile(r"(?:[A-Z][a-z]?\.)+")

_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao"
    r"|uai|uan|van|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|ve|a|o|e|i|u|v)|er)"
    r"(?:'?(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong"
    r"|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|ve|a|o|e|i|u|v)"
    r"|er)){0,2}")
# a Vietnamese syllable written without its marks ("van", "dong", "nguyen", "khanh")
_VIETNAMESE_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    r"(?:uye|uya|oai|oay|uay|uoi|uou|ieu|yeu|oa|oe|uy|ua|uo|ia|ie|ye|ai|ao|au|ay|eo|eu|iu|"
    r"oi|ui|ou|a|e|i|o|u|y)(?:ng|nh|ch|[cmnpt])?")
_KOREAN_SYLLABLE = re.compile(
    r"(?:kk|tt|pp|ss|jj|ch|ts|ph|th|kh|[bcdghjklmnprstwy])?"
    r"(?:yeo|yae|ae|ai|eo|eu|oe|ui|wa|wo|ya|yo|yu|ye|a|e|i|o|u)(?:ng|n|m|l|k|p|t|r)?")


@dataclass(frozen=True)
class Cues:
    titles: tuple[str, ...]
    list_cues: tuple[str, ...]
    surnames: frozenset[str]
    given_names: frozenset[str]
    not_names: frozenset[str]
    adjectives: frozenset[str]
    org_heads: tuple[str, ...]
    adjective_heads: frozenset[str]
    generic_modifiers: frozenset[str]
    place_heads: dict[str, str]
    not_initials: frozenset[str]
    gazetteer_stoplist: frozenset[str]
    subdivision_suffixes: tuple[str, ...]
    not_orgs: frozenset[str]
    heads_need_modifier: frozenset[str] = frozenset()
    surname_endings: tuple[str, ...] = ()
    generic_heads: frozenset[str] = frozenset()
    political_words: frozenset[str] = frozenset()
    lowercase_org_heads: tuple[str, ...] = ()
    org_continuations: tuple[str, ...] = ()
    org_abbreviations: frozenset[str] = frozenset()
    org_abbreviation_parts: tuple[str, ...] = ()
    adjective_endings: tuple[str, ...] = ()
    org_openers: frozenset[str] = frozenset()
    korean_surnames: frozenset[str] = frozenset()
    english_like_pinyin: frozenset[str] = frozenset()
    event_heads: frozenset[str] = frozenset()
    place_patterns: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    vietnamese_surnames: frozenset[str] = frozenset()
    org_appositive_cues: tuple[str, ...] = ()
    period_states: tuple[tuple[str, tuple[str, ...]], ...] = ()
    press: tuple[str, ...] = ()
    place_aliases: tuple[tuple[str, str], ...] = ()
    offices_after: tuple[str, ...] = ()
    not_org_acronyms: frozenset[str] = frozenset()
    org_lead_heads: tuple[str, ...] = ()
    unit_heads: tuple[str, ...] = ()
    patronymic_endings: tuple[str, ...] = ()
    acronym_followers: tuple[str, ...] = ()
    place_particles: tuple[str, ...] = ()
    name_particles: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()


def _named_forms(mapping: Any, key: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """names.yml's ``key``: each name with its other forms (a list, perhaps empty)."""
    if not isinstance(mapping, dict):
        if mapping is None:
            return ()
        raise EditionError(CUES_FILE, 0, 0, f"{key}: a mapping of names to their forms")
    out = []
    for name, forms in mapping.items():
        if forms is not None and not isinstance(forms, list):
            raise EditionError(CUES_FILE, 0, 0, f"{key} {name}: a list of forms")
        out.append((yamlio.strings([name], CUES_FILE, key)[0],
                    tuple(yamlio.strings(forms, CUES_FILE, f"{key} {name}"))))
    return tuple(out)


@cache
def load_cues() -> Cues:
    data: dict[str, Any] = yamlio.read(CUES_FILE) or {}

    def words(key: str) -> list[str]:
        return yamlio.strings(data.get(key), CUES_FILE, key)

    korean = frozenset(words("korean_surnames"))
    vietnamese = frozenset(words("vietnamese_surnames"))
    return Cues(tuple(words("person_titles")), tuple(words("person_lists_after")),
                frozenset(words("east_asian_surnames")) | korean | vietnamese,
                frozenset(words("given_names")),
                frozenset(words("not_names")), frozenset(words("adjectives")),
                tuple(dict.fromkeys(words("org_heads"))), frozenset(words("adjective_heads")),
                frozenset(words("generic_modifiers")),
                yamlio.string_map(data.get("place_heads"), CUES_FILE, "place_heads"),
                frozenset(words("not_initials")), frozenset(words("gazetteer_stoplist")),
                tuple(words("subdivision_suffixes")), frozenset(words("not_orgs")),
                frozenset(words("heads_need_modifier")), tuple(words("surname_endings")),
                frozenset(words("generic_heads")), frozenset(words("political_words")),
                tuple(words("lowercase_org_heads")), tuple(words("org_continuations")),
                frozenset(words("org_abbreviations")), tuple(words("org_abbreviation_parts")),
                tuple(words("adjective_endings")), frozenset(words("org_openers")),
                korean, frozenset(words("english_like_pinyin")),
                frozenset(words("event_heads")), tuple(words("place_patterns")),
                tuple(words("regions")), vietnamese, tuple(words("org_appositive_cues")),
                _named_forms(data.get("period_states"), "period_states"),
                tuple(words("press")),
                tuple(yamlio.string_map(data.get("place_aliases"), CUES_FILE,
                                        "place_aliases").items()),
                tuple(words("offices_after")), frozenset(words("not_org_acronyms")),
                tuple(words("org_lead_heads")), tuple(words("unit_heads")),
                tuple(words("patronymic_endings")), tuple(words("acronym_followers")),
                tuple(words("place_particles")), tuple(words("name_particles")),
                tuple(words("institutions")))


_MONTH_WORDS = frozenset(m.capitalize() for m in MONTHS) | {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


# Latin letters that Unicode does not decompose into a letter and its mark, as a slug
# writes them ("Gomułka" → "gomulka", not "gomuka")
_NO_DECOMPOSITION = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                                   "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                                   "ı": "i", "ħ": "h", "Ħ": "H"})


def slug(form: str) -> str:
    """A stable, lowercase ASCII key for a form: "Pak [Yong-guk]" → "pak-yong-guk". It
    becomes an ``xml:id`` in registers.xml, which may not begin with a digit: "7th Border
    Detachment" → "id-7th-border-detachment"."""
    ascii_form = unicodedata.normalize("NFKD", form.translate(_NO_DECOMPOSITION)).encode(
        "ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "-", ascii_form.lower()).strip("-") or "name"
    return f"id-{key}" if key[0].isdigit() else key


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str  # person | place | org
    form: str
    key: str
    evidence: str
    place_type: str | None = None
    place: Place | None = None
    link: str | None = None  # an entity already named in this document (a bare surname)
    swallows: tuple[tuple[int, int], ...] = ()  # register names inside an organisation's


@dataclass
class DocState:
    """What a document has named so far: surnames of persons named in full."""

    surnames: dict[str, set[str]] = field(default_factory=dict)
    russian: dict[tuple[str, str], str] = field(default_factory=dict)  # (stem, initials) → key
    ambiguous: list[tuple[str, int, tuple[str, ...]]] = field(default_factory=list)
    acronyms: dict[str, tuple[str, str]] = field(default_factory=dict)  # "SMA" → (kind, key)
    # abbreviations no list holds that the document names as organisations' somewhere
    # ("the FSLN", "FSLN leaders"): each one wherever it stands (Detector.prescan)
    cued: set[str] = field(default_factory=set)
    full: dict[str, str] = field(default_factory=dict)  # a person's form of 2+ words → key

    def person(self, form: str, key: str, cues: Cues) -> None:
        if len(form.split()) > 1:
            self.full.setdefault(form, key)
        tokens = [t for t in re.split(r"\s+", form.replace("[", "").replace("]", "")) if t]
        words = [t for t in tokens if not INITIALS_TOKEN.fullmatch(t)]
        initials = "".join(t for t in tokens if t not in words).replace(" ", "")
        if not words:
            return
        if initials:
            surname = _as_printed_in_text(words[0] if tokens[0] == words[0] else words[-1])
            self.russian[(surname.rstrip("a"), initials)] = key
            self.surnames.setdefault(surname, set()).add(key)
            return
        elif len(words) < 2 or words[0] in cues.surnames or words[0].capitalize() in cues.surnames:
            surname = words[0]
        else:
            surname = words[-1]
        self.surnames.setdefault(surname, set()).add(key)


def _compiled(key: str, pattern: str) -> re.Pattern[str]:
    """A pattern of names.yml's list ``key``, matched as whole words; a bad one is an
    error naming the file and the list."""
    try:
        return regexes.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])")
    except re.error as exc:
        raise EditionError(CUES_FILE, 0, 0, f"{key}: bad regular expression {pattern!r}: "
                                            f"{exc}") from None


def _as_printed_in_text(surname: str) -> str:
    """A surname printed in capitals ("IVANOV") as the text prints it ("Ivanov")."""
    return surname.capitalize() if surname.isupper() and len(surname) > 2 else surname


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """Words as a pattern's alternation: the longest first (a word is not taken for its
    start), then in order, so that the same words make the same pattern in every process
    (:func:`edition.regexes.compile` keeps it)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_SENTENCE_START = regexes.compile(r"(?:^|[.!?:;\x00]\s*|\n\s*|[\"“‘(]\s*)$")


class Detector:
    """Compiled once from the cue lists; ``find`` runs on one text at a time."""

    def __init__(self, cues: Cues | None = None, rejected: frozenset[str] = frozenset()) -> None:
        self.cues = cues or load_cues()
        self.rejected = rejected
        c = self.cues
        self.stop = c.not_names | c.adjectives | c.political_words | {
            m.capitalize() for m in MONTHS} | set(
            c.org_heads) | set(c.titles)
        # a surname after a particle ("Charles de Gaulle", "Miguel d'Escoto": names.yml
        # name_particles)
        surname = (rf"(?:(?:{alternation(c.name_particles)})\s|d['’])?{CAPH}"
                   if c.name_particles else CAPH)
        name = (rf"(?:{INITIAL}){{0,3}}{surname}(?:\s(?:{surname}|{BRACKET})){{0,2}}"
                rf"(?:\s(?:{INITIAL}){{1,3}})?")
        self.name_re = regexes.compile(name)
        self.title_re = regexes.compile(rf"(?<![\w-])(?:{alternation(c.titles)})\s+"
                                   rf"(?=[{_U}\[]|{surname})")
        self.list_re = regexes.compile(rf"(?<!\w)(?:{alternation(c.list_cues)})\s+")
        surnames = sorted(c.surnames | {s.upper() for s in c.surnames if len(s) > 1})
        self.east_re = regexes.compile(
            rf"(?<![\w\[.-])(?P<s>{alternation(surnames)})\s(?P<g>{CAP}-[{_L}]+|\[{CAPH}\]"
            rf"|{CAP}(?:\s{CAP})?)(?![\w\]-])")
        given = alternation(sorted(c.given_names))
        patronymic = (rf"(?:\s[{_U}][{_L}]+(?:{alternation(c.patronymic_endings)}))?"
                      if c.patronymic_endings else "")
        self.given_re = regexes.compile(
            rf"(?<![\w-])(?:{given})(?:\s(?:{given}))*{patronymic}(?:\s{INITIAL})?\s{surname}"
            rf"(?![\w-])")
        self.office_after_re = regexes.compile(
            rf"(?<![\w.-])(?P<name>{CAPH}(?:\s(?:{INITIAL})?{CAPH}){{1,2}}),\s(?:the\s)?"
            rf"(?:(?:First|Deputy|Vice)[\s-])?(?P<office>{alternation(c.offices_after)})\b"
        ) if c.offices_after else regexes.compile(r"(?!)")
        self.rus1_re = regexes.compile(rf"(?<![\w.\[-]){CAPH}\s?(?:{INITIAL}){{2,3}}")
        # a surname printed in capitals with its initials, as a diary's heading prints its
        # keeper ("From the journal of V.V. IVANOV", "KUZNETSOV V.V.")
        caps = rf"[{_U}]{{3,}}(?:-[{_U}]{{2,}})?"
        self.caps_re = regexes.compile(
            rf"(?<![\w.\[-])(?:(?P<i1>(?:{INITIAL}){{1,3}})(?P<s1>{caps})"
            rf"|(?P<s2>{caps})\s(?P<i2>(?:[{_U}]\.\s?){{1,3}}))(?![\w-])")
        self.rus2_re = regexes.compile(
            rf"(?<![\w.\[-])(?:(?:{INITIAL}){{2,3}}|[{_U}]\.\s?){CAPH}(?![\w-])")
        mod = rf"(?:{CAPH}(?:['’]s?)?|{ACRONYM}|{BRACKET})"  # "People's", "Workers' Party"
        heads = alternation(c.org_heads)
        self.heads_alt = heads
        tail = rf"(?:\s(?:of|for)\s(?:the\s)?{mod}(?:\s(?:and\s)?{mod})*)"
        if c.org_continuations:  # "… for Cultural Relations with Foreign Countries"
            tail = (rf"(?:{tail}(?:\s(?:{alternation(c.org_continuations)})\s(?:the\s)?"
                    rf"{mod}(?:\s(?:and\s)?{mod})*)?)")
        self.org_re = regexes.compile(
            rf"(?<![\w\[-])(?P<mods>(?:(?!(?:{heads})\sand\s){mod}\s(?:and\s)?){{0,6}})"
            rf"(?P<head>{heads})"
            rf"(?![\w'’-])(?P<tail>{tail}{{0,6}})")
        self.appositive_re = regexes.compile(
            rf"\b(?P<cue>{alternation(c.org_appositive_cues)})\s(?P<name>(?:{CAPH}|{ACRONYM})"
            rf"(?:\s(?:{CAPH}|{ACRONYM})){{0,2}})(?![\w'’-])") if c.org_appositive_cues else None
        # "Radio Ankara", "Voice of Democratic Kampuchea": the head before the name
        self.lead_org_re = regexes.compile(
            rf"(?<![\w-])(?P<head>{alternation(c.org_lead_heads)})\s(?P<name>{CAPH}"
            rf"(?:\s{CAPH}){{0,3}})(?![\w'’-])") if c.org_lead_heads else None
        # "the 7th Border Detachment", "the Third Shock Army": a unit of an army
        self.unit_re = regexes.compile(
            rf"(?<![\w-])(?P<ord>{_ORDINAL.pattern})\s(?P<mods>(?:{CAPH}\s){{0,3}})"
            rf"(?P<head>{alternation(c.unit_heads)})(?![\w'’-])") if c.unit_heads else None
        self.acronym_follower_re = regexes.compile(
            rf"(?:['’]s\b|\s(?:{alternation(c.acronym_followers) or '(?!)'})\b)")
        self.lower_org_re = regexes.compile(
            rf"(?<=\b[Tt]he\s)(?P<mods>{CAPH}(?:\s{CAPH}){{0,2}})\s(?P<head>"
            rf"{alternation(c.lowercase_org_heads) or '(?!)'})(?![\w'’-])")
        parts = alternation(c.org_abbreviation_parts) or "(?!)"
        self.abbr_re = regexes.compile(
            rf"(?<![\w.-])(?:(?P<lead>{ACRONYM})\s)?(?P<a>{ACRONYM})(?:\s(?:{parts}))*"
            rf"(?![\w-]|\.\w)")
        self.place_re = regexes.compile(
            rf"(?<![\w\[-])(?P<mods>{mod}(?:\s{mod}){{0,3}})\s(?P<head>"
            rf"{alternation(list(c.place_heads))})(?![\w'’-])")
        # the names before a plural head, joined by commas and "and" ("Jilin, Heilongjiang,
        # and Liaoning Provinces", "South Pyongan and North Hamgyong provinces"): read
        # backwards from the name next to the head, one at a time
        self.coordinated_re = regexes.compile(
            rf"(?<![\w\[-])(?P<n>{mod}(?:\s{mod}){{0,3}})(?:,\s(?:and\s)?|\sand\s)\Z")
        self.place_patterns = [_compiled("place_patterns", pattern) for pattern in c.place_patterns]
        if c.regions:  # ("the Far East", "Manchuria": names.yml regions)
            self.place_patterns.append(_compiled("regions", alternation(c.regions)))
        self.gazetteer = place_index(c.subdivision_suffixes)
        # names the data knows whole: the period's states (a place, keyed on the state's
        # name) and its press (an organisation)
        self.known_names: dict[str, tuple[str, str, str]] = {}
        for name, forms in c.period_states:
            for form in (name, *forms):
                self.known_names[form] = ("place", slug(name), "a state of the period "
                                          "(names.yml period_states)")
        for form in c.press:
            self.known_names[form] = ("org", slug(form), "a newspaper or news agency of "
                                      "the period (names.yml press)")
        for form in c.institutions:
            self.known_names[form] = ("org", slug(form), "a state's body known by its own "
                                      "name (names.yml institutions)")
        self.aliases_of: dict[str, str] = {}
        for form, name in c.place_aliases:  # ("New York" → the gazetteer's New York City)
            # the editors' word wins over the gazetteer's, which may know the form as a
            # former name without an identifier ("Peking") or as another place ("Gold
            # Coast", a city of Australia)
            self.known_names[form] = ("place", slug(form), f"another name of {name} "
                                      "(names.yml place_aliases)")
            self.aliases_of[form] = name
        # the letters of the states' abbreviations, in order: a misprint that swaps two
        # ("DRPK") is the state's, not an organisation's
        self.state_letters = frozenset(
            "".join(sorted(form)) for form, (kind, _, _) in self.known_names.items()
            if kind == "place" and form.isupper() and form.isalpha())
        self.known = _Phrases(list(self.known_names))
        self.russian_re = regexes.compile(
            rf"(?<![\w\[.-])[{_U}][{_L}]+(?:{alternation(self.cues.surname_endings)})"
            rf"(?![\w'’-])")
        # capitalised words, with the small words of places' names between them ("Dar es
        # Salaam", "Viña del Mar": names.yml place_particles)
        particle = (rf"(?:(?:{alternation(c.place_particles)})\s)?" if c.place_particles
                    else "")
        self.cap_seq = regexes.compile(
            rf"(?<![\w\[-]){CAPH}(?:\s{particle}{CAPH}){{0,3}}(?![\w-])")
        regexes.keep()  # the next process takes them compiled (a tenth of a second)

    # -- helpers -------------------------------------------------------------------

    def _free(self, start: int, end: int, taken: list[tuple[int, int]]) -> bool:
        return not any(start < e and s < end for s, e in taken)

    def _ok_person(self, form: str) -> bool:
        if form in self.rejected:
            return False
        words = [w for w in re.split(r"[\s\[\]]+", form) if w and not w.endswith(".")]
        initials = len(words) < len(form.split())  # (a surname in capitals: caps_re's)
        return bool(words) and not any(w in self.stop for w in words) and not any(
            w.upper() == w and len(w) > 1 and w.capitalize() not in self.cues.surnames
            and not (initials and len(words) == 1) for w in words)

    def _trim_person(self, text: str, start: int, end: int) -> tuple[int, int]:
        """Drop trailing words that are no name (adjectives, heads, months)."""
        form = text[start:end].rstrip()
        tokens = form.split(" ")
        while len(tokens) > 1 and (tokens[-1].strip("[]") in self.stop
                                   or tokens[-1].strip("[]") in self.gazetteer):
            tokens.pop()
        form = " ".join(tokens).rstrip()
        return start, start + len(form)

    def _given_name_before(self, text: str, start: int) -> int:
        """Where a name of initials and a surname that starts at ``start`` begins with
        the given name before it ("Margaret K. Gnoinska", "James F. Person"): a
        capitalised word that is no title, cue or place, not opening a sentence (unless
        it is a known given name); else ``start``."""
        m = re.search(rf"(?<![\w.'’-])({CAP})\s$", text[:start])
        if m is None:
            return start
        word = m.group(1)
        if word in self.stop or word in self.gazetteer or word in self.known_names:
            return start  # ("… in Czechoslovakia U.A. Johnson": the state is no given name)
        if word not in self.cues.given_names and _sentence_start(text, m.start()):
            return start
        return m.start()

    # -- the kinds of evidence ----------------------------------------------------

    def _persons(self, text: str, taken: list[tuple[int, int]], state: DocState,
                 signature: bool = False) -> list[Candidate]:
        found: list[Candidate] = []

        def add(start: int, end: int, evidence: str) -> None:
            form = text[start:end]
            if not self._free(start, end, taken) or not self._ok_person(form):
                return
            key = self._person_key(form, state)
            found.append(Candidate(start, end, "person", form, key, evidence,
                                   link=key if key != slug(form) else None))
            taken.append((start, end))
            state.person(form, key, self.cues)

        for m in self.title_re.finditer(text):
            title = m.group(0).strip()
            pos = m.end()
            while True:
                n = self.name_re.match(text, pos)
                if not n:
                    break
                start, end = self._trim_person(text, n.start(), n.end())
                add(start, end, f"title or office before the name: {title!r}")
                rest = re.match(r",\s|\s(?:and|&)\s|,\sand\s", text[end:])
                if not title.endswith("s") or not rest:
                    break
                pos = end + rest.end()
        for m in self.list_re.finditer(text):
            pos, cue = m.end(), m.group(0).strip()
            while True:
                n = re.compile(rf"{CAPH}(?:\s{CAPH}){{1,2}}").match(text, pos)
                if not n:
                    break
                add(n.start(), n.end(), f"name after {cue!r}")
                rest = re.match(r",\s(?:and\s)?|\sand\s", text[n.end():])
                if not rest:
                    break
                pos = n.end() + rest.end()
        for m in self.rus2_re.finditer(text):
            initials = re.sub(r"\s", "", text[m.start():m.end()].rsplit(".", 1)[0] + ".")
            surname = text[m.start():m.end()].rsplit(".", 1)[1].strip()
            # "I. Luoyang …" opening a paragraph is a numbered point, not a person; "signed
            # by V. Ivanov" is a person, though the gazetteer knows a place Ivanov, and so
            # is "V. Ivanov" signing a letter
            single = len(initials) == 2 and not text[:m.start()].strip() and not signature
            if initials not in self.cues.not_initials and not (
                    single and surname in self.gazetteer):
                add(self._given_name_before(text, m.start()), m.end(),
                    "initials and surname (I.O. Surname)")
        for m in self.caps_re.finditer(text):
            initials = re.sub(r"\s", "", m["i1"] or m["i2"])
            surname = (m["s1"] or m["s2"]).capitalize()
            # two initials make a person's name; one, with a surname of Russian shape or
            # a known one (not "U.S. CONGRESS", "P.S. NOTE")
            if initials not in self.cues.not_initials and surname not in self.stop and (
                    len(initials) >= 4 or surname in self.cues.surnames
                    or surname.endswith(tuple(self.cues.surname_endings))):
                add(m.start(), m.start() + len(m.group(0).rstrip()),
                    "initials and a surname in capitals (V.V. IVANOV)")
        for m in self.rus1_re.finditer(text):
            add(m.start(), m.start() + len(m.group(0).rstrip()), "surname and initials "
                "(Surname I.O.)")
        for m in self.east_re.finditer(text):
            given = m["g"]
            if self._east_given(m["s"], given) and not self.gazetteer.get(m.group(0)):
                # ("Hong Kong" has a name's shape, but the gazetteer knows the place)
                add(m.start(), m.end(), "family name and given name of Chinese or Korean shape")
        for m in self.given_re.finditer(text):
            add(m.start(), m.end(), "known given name before a surname")
        for m in self.office_after_re.finditer(text):
            name = m["name"]
            words = name.split()
            if (words[0] in self.cues.not_names or name in self.gazetteer
                    or any(w in self.cues.adjectives or w in _MONTH_WORDS for w in words)):
                continue  # ("In Moscow, Ambassador …", "Soviet Union, Chairman …")
            add(m.start("name"), m.end("name"), "a name and the office after it "
                f"({m['office']!r}: names.yml offices_after)")
        if signature:  # a signature line of a name alone ("Rusi Hristozov")
            alone = _NAME_ALONE.fullmatch(text)
            if alone and not any(w in self.gazetteer or w in self.known_names
                                 for w in (alone["n"], *alone["n"].split())):
                add(alone.start("n"), alone.end("n"), "a signature's name alone on its line")
        return found

    def _east_given(self, surname: str, given: str) -> bool:
        if given.startswith("["):
            return True
        parts = given.split()
        if surname.capitalize() in self.cues.vietnamese_surnames and all(
                _VIETNAMESE_SYLLABLE.fullmatch(p.lower()) and p not in self.stop
                for p in parts):
            return True  # "Pham Van Dong", "Le Duan"
        if re.fullmatch(rf"{CAP}-[{_L}]+", given):
            return True
        parts = given.lower().split()
        if len(parts) == 1:
            if given in self.stop:
                return False
            # "Nam Il": one Korean syllable after a Korean family name of three letters
            return bool(_PINYIN.fullmatch(parts[0])) or (
                len(parts[0]) >= 2 and bool(_KOREAN_SYLLABLE.fullmatch(parts[0]))
                and len(surname) >= 3 and surname.capitalize() in self.cues.korean_surnames)
        return all(len(p) <= 5 and _KOREAN_SYLLABLE.fullmatch(p) for p in parts) and not any(
            p.capitalize() in self.stop for p in parts)

    def _person_key(self, form: str, state: DocState) -> str:
        tokens = form.replace("[", "").replace("]", "").split()
        words = [t for t in tokens if not INITIALS_TOKEN.fullmatch(t)]
        initials = "".join(t for t in tokens if t not in words)
        if initials and words:
            surname = _as_printed_in_text(words[0] if tokens[0] == words[0] else words[-1])
            known = state.russian.get((surname.rstrip("a"), initials))
            if known:
                return known
            # "V. Ivanov" after "V.V. IVANOV": the same surname, initials one of the
            # other's, and no other person of that surname with such initials
            alike = {k for (stem, given), k in state.russian.items()
                     if stem == surname.rstrip("a") and (given.startswith(initials)
                                                         or initials.startswith(given))}
            if len(alike) == 1:
                return alike.pop()
        if len(words) == 1 and not initials and words[0] in state.surnames:
            keys = state.surnames[words[0]]
            if len(keys) == 1:
                return next(iter(keys))
        return slug(form)

    def _orgs(self, text: str, taken: list[tuple[int, int]],
              soft: dict[tuple[int, int], str]) -> list[Candidate]:
        found: list[Candidate] = []
        heads_alt = self.heads_alt
        for m in self.org_re.finditer(text):
            start, end = m.start(), m.end()
            # a register's place or person inside the name ("Embassy of the USSR") is
            # part of it: the longest name wins
            inside = tuple(t for t in taken if t in soft and start <= t[0] and t[1] <= end
                           and (t[0], t[1]) != (start, end)
                           # a person's name only before the head ("Kirov Plant")
                           and (soft[t] != "person" or t[1] <= m.start("head")))
            cut = min((s for s, e in taken if start < e and s < end and (s, e) not in inside),
                      default=None)
            if cut is not None:
                if cut <= m.start("head"):
                    continue
                end = cut
            form = text[start:end]
            # "and" joins the words of one name ("for Cultural and Educational Affairs"),
            # not two names ("the Ministry of Trade and Ministry of Finance")
            # … nor a name and an abbreviation ("… of Trade Unions and VOKS")
            joined = re.search(rf"\sand\s(?:{heads_alt}|{ACRONYM})(?![\w'’-])",
                               form[m.end("head") - start:])
            if joined:
                form = form[:m.end("head") - start + joined.start()]
            form = re.sub(r"(?:\s(?:of|for|the|and))+\s*$", "", form.rstrip())
            form = re.sub(r"['’]s$", "", form)  # a possessive ending is no part of a name
            while " " in form and form.rsplit(" ", 1)[1] in self.cues.titles:
                # "… of Trade Unions Comrade Shvernik": the title opens a person's name
                form = form.rsplit(" ", 1)[0]
                form = re.sub(r"(?:\s(?:of|for|the|and))+\s*$", "", form)
            mods = [w for w in m["mods"].split()]
            for i in range(len(mods) - 1, 0, -1):  # "the Chinese Party and Soviet Union"
                if mods[i] == "and" and (mods[i - 1] in self.cues.org_heads
                                         or mods[i - 1] in self.gazetteer):
                    start += len(" ".join(mods[:i + 1])) + 1
                    form = re.sub(r"(?:\s(?:of|for|the|and))+\s*$", "", text[start:end].rstrip())
                    mods = mods[i + 1:]
                    break
            while mods and (mods[0] in self.cues.not_names or mods[0] == "and") and (
                    mods[0] in ("The", "This", "and")
                    or (_sentence_start(text, start) and mods[0] not in self.cues.org_openers)):
                start += len(mods[0]) + 1
                form = form[len(mods[0]) + 1:]
                mods.pop(0)
            mods = [w for w in mods if w != "and"]
            has_tail = bool(m["tail"]) and start + len(form) > m.end("head")
            if (start, start + len(form)) in taken:
                continue  # the registers' own name, once "'s" or a tail is cut off
            inside = tuple(t for t in inside if t[1] <= start + len(form) and t[0] >= start)
            if not self._free(start, start + len(form), [t for t in taken if t not in inside]):
                continue
            if form in self.rejected or form in self.cues.not_orgs:
                continue
            if not mods and (not has_tail or m["head"] in self.cues.heads_need_modifier):
                continue
            adjectives = [w for w in mods if w in self.cues.adjectives]
            generic = [w for w in mods if w in self.cues.generic_modifiers]
            if not has_tail and m["head"] not in self.cues.adjective_heads and (
                    # "the Chinese Party", "the Soviet Government": a description
                    (len(mods) == 1 and adjectives)
                    # "Party Committees", "Municipal Party Committee": generic
                    or (not adjectives and len(generic) == len(mods))
                    # "Chinese Party Committee": a demonym before generic words
                    or (len(adjectives) + len(generic) == len(mods)
                        and m["head"] in self.cues.generic_heads)):
                continue
            if not has_tail and len(mods) == 1 and _sentence_start(text, start) and (
                    mods[0] in self.cues.not_names):
                continue
            if mods and mods[0] in MONTHS_CAP:
                continue
            if m["head"] in self.cues.event_heads and mods and _ORDINAL.fullmatch(mods[0]):
                # "the Twentieth CPSU Congress", "the Fourth Party Congress": a meeting,
                # not a body (GUIDELINES: conferences are not annotated)
                continue
            found.append(Candidate(start, start + len(form), "org", form, slug(form),
                                   f"organisation head {m['head']!r}"
                                   + (" with a proper modifier" if mods else " with 'of …'"),
                                   swallows=inside))
            for t in inside:
                taken.remove(t)
            taken.append((start, start + len(form)))
        return found

    def _appositive_orgs(self, text: str, taken: list[tuple[int, int]]) -> list[Candidate]:
        """"the newspaper Rodong Sinmun", "the news agency Xinhua", "the party Masjumi":
        the name after a cue noun in lower case (names.yml org_appositive_cues), when it
        is no title, cue word, month or place."""
        found: list[Candidate] = []
        if self.appositive_re is None:
            return found
        for m in self.appositive_re.finditer(text):
            words = self._trim_tail(m["name"].split())
            if not words or words[0] in self.stop:
                continue
            name = " ".join(words)
            start, end = m.start("name"), m.start("name") + len(name)
            if name in self.gazetteer or name in self.rejected or not self._free(start, end,
                                                                                  taken):
                continue
            found.append(Candidate(start, end, "org", name, slug(name),
                                   f"name after {m['cue']!r}"))
            taken.append((start, end))
        return found

    def _swallowable(self, start: int, end: int, taken: list[tuple[int, int]],
                     soft: dict[tuple[int, int], str]) -> tuple[tuple[int, int], ...] | None:
        """The registers' names inside ``start``–``end`` that a name found there takes in
        (a place or person of the registers inside a station's or unit's name); None where
        the span overlaps another name."""
        inside = tuple(t for t in taken if t in soft and start <= t[0] and t[1] <= end
                       and t != (start, end))
        if not self._free(start, end, [t for t in taken if t not in inside]):
            return None
        return inside

    def _take(self, found: list[Candidate], cand: Candidate,
              taken: list[tuple[int, int]]) -> None:
        found.append(cand)
        for t in cand.swallows:
            taken.remove(t)
        taken.append((cand.start, cand.end))

    def _trim_tail(self, words: list[str]) -> list[str]:
        """A name's words without the trailing ones that are no name's (titles, cue
        words, months: :attr:`stop`)."""
        while words and words[-1] in self.stop:
            words.pop()
        return words

    def _lead_orgs(self, text: str, taken: list[tuple[int, int]],
                   soft: dict[tuple[int, int], str]) -> list[Candidate]:
        """A station's name after its head ("Radio Ankara", "Voice of Democratic
        Kampuchea": names.yml org_lead_heads), the place inside it part of it."""
        found: list[Candidate] = []
        if self.lead_org_re is None:
            return found
        for m in self.lead_org_re.finditer(text):
            words = self._trim_tail(m["name"].split())
            if not words or words[0] in self.cues.not_names:
                continue
            self._org_here(text, m.start(), m.start("name") + len(" ".join(words)),
                           f"name after the head {m['head']!r} (names.yml org_lead_heads)",
                           found, taken, soft)
        return found

    def _org_here(self, text: str, start: int, end: int, evidence: str,
                  found: list[Candidate], taken: list[tuple[int, int]],
                  soft: dict[tuple[int, int], str]) -> None:
        """An organisation's name at ``start``–``end``, taking in the registers' names
        inside it, unless it overlaps another name or the editors rejected it."""
        inside = self._swallowable(start, end, taken, soft)
        form = text[start:end]
        if inside is None or form in self.rejected or form in self.cues.not_orgs:
            return
        self._take(found, Candidate(start, end, "org", form, slug(form), evidence,
                                    swallows=inside), taken)

    def _units(self, text: str, taken: list[tuple[int, int]],
               soft: dict[tuple[int, int], str]) -> list[Candidate]:
        """An army's unit by its ordinal and head ("the 7th Border Detachment": names.yml
        unit_heads)."""
        found: list[Candidate] = []
        if self.unit_re is None:
            return found
        for m in self.unit_re.finditer(text):
            if any(w in MONTHS_CAP for w in m["mods"].split()):
                continue
            self._org_here(text, m.start(), m.end(), f"a unit: ordinal and head "
                           f"{m['head']!r} (names.yml unit_heads)", found, taken, soft)
        return found

    def _lower_orgs(self, text: str, taken: list[tuple[int, int]],
                    soft: dict[tuple[int, int], str]) -> list[Candidate]:
        """A proper name before a lowercase institutional head after "the" ("the Kirov
        plant"): one organisation, and a person's name inside it is part of it. Without
        "the" the head may be a verb ("Ivanov works")."""
        found: list[Candidate] = []
        c = self.cues
        for m in self.lower_org_re.finditer(text):
            start, end = m.start(), m.end()
            mods = m["mods"].split()
            while mods and mods[0] in c.not_names:  # "The Kirov plant", "At Putilov works"
                start += len(mods[0]) + 1
                mods.pop(0)
            if not mods or any(w in c.adjectives or w in self.stop or w in MONTHS_CAP
                               for w in mods) or all(
                    w in c.generic_modifiers for w in mods):
                continue  # "a Soviet plant", "the Party committee": a description
            if len(mods) == 1 and _sentence_start(text, start) and mods[0].endswith(
                    c.adjective_endings):
                continue  # "II. Automotive plant": a capitalised adjective
            name = " ".join(mods)
            if soft.get((start, start + len(name))) == "place" or (
                    name in self.gazetteer and name not in c.gazetteer_stoplist
                    and not any(t[0] == start for t in soft)):
                continue  # "the Fushun plant": the place stays a place, the plant unnamed
            # only a person's name is swallowed ("Kirov" in "the Kirov plant"); a
            # register's organisation ("Krasny Putilovets") stays as it is
            inside = tuple(t for t in taken if soft.get(t) == "person" and start <= t[0]
                           and t[1] <= end and t != (start, end))
            if not self._free(start, end, [t for t in taken if t not in inside]):
                continue
            form = text[start:end]
            if form in self.rejected or form in c.not_orgs:
                continue
            found.append(Candidate(start, end, "org", form, slug(form),
                                   f"proper name before the lowercase head {m['head']!r}",
                                   swallows=inside))
            for t in inside:
                taken.remove(t)
            taken.append((start, end))
        return found

    def _known(self, matches: list[tuple[int, int, str]], taken: list[tuple[int, int]],
               soft: dict[tuple[int, int], str], kind_wanted: str) -> list[Candidate]:
        """The period's states and press by the names the data gives them ("GDR",
        "Trybuna Ludu"): no cue needed. ``matches``: the text's (``Phrases.finditer``)."""
        found: list[Candidate] = []
        for start, end, form in matches:
            kind, key, evidence = self.known_names[form]
            if kind != kind_wanted:
                continue
            # the whole name, not the registers' name inside it ("East Pakistan")
            inside = self._swallowable(start, end, taken, soft)
            if inside is None or form in self.rejected:
                continue
            alias = self.aliases_of.get(form)
            place = self.gazetteer.get(alias) if alias else None
            self._take(found, Candidate(start, end, kind, form, key, evidence,
                                        (place.type if place else "city") if alias
                                        else "country" if kind == "place" else None, place,
                                        swallows=inside), taken)
        return found

    def _abbreviations(self, text: str, taken: list[tuple[int, int]],
                       soft: dict[tuple[int, int], str], state: DocState) -> list[Candidate]:
        """A party's, state organ's or agency's abbreviation of the data list ("KWP",
        "KWP CC", "DPRK MFA"); other abbreviations only where a document defines them."""
        found: list[Candidate] = []
        c = self.cues
        for m in self.abbr_re.finditer(text):
            start, end = m.start(), m.end()
            lead = m["lead"]
            if lead and lead not in c.org_abbreviations:
                lead_span = (m.start("lead"), m.end("lead"))
                if soft.get(lead_span) != "place" and lead not in self.gazetteer and (
                        m["a"] not in c.org_abbreviation_parts):
                    start = m.start("a")  # only a state leads: "DPRK MFA", not "ABC TASS"
            if m["a"] not in c.org_abbreviations and not (
                    lead and lead in c.org_abbreviations):
                if not lead and m["a"] not in state.acronyms and (
                        m["a"] in state.cued or self._unlisted_acronym(text, m.start("a"),
                                                                       m.end("a"))):
                    self._org_here(text, m.start("a"), m.end("a"),
                                   "an abbreviation no list holds, named as an organisation's "
                                   "in the document (after 'the', before 'leaders' …: "
                                   "names.yml acronym_followers, not_org_acronyms)",
                                   found, taken, soft)
                continue
            if lead and lead in c.org_abbreviations and m["a"] not in c.org_abbreviations \
                    and m["a"] not in c.org_abbreviation_parts:
                end = m.end("lead")  # "CPSU DPRK": the first one only
            inside = tuple(t for t in taken if t in soft and start <= t[0] and t[1] <= end
                           and (t[0], t[1]) != (start, end))
            if (start, end) in taken:
                continue
            if not self._free(start, end, [t for t in taken if t not in inside]):
                continue
            form = text[start:end]
            if form in self.rejected:
                continue
            found.append(Candidate(start, end, "org", form, slug(form),
                                   "abbreviation of a party, state organ or agency "
                                   "(names.yml org_abbreviations)", swallows=inside))
            for t in inside:
                taken.remove(t)
            taken.append((start, end))
        return found

    def _unlisted_acronym(self, text: str, start: int, end: int) -> bool:
        """Whether an abbreviation no list holds is an organisation's where it stands:
        three letters or more, after "the", before "'s" or a word of names.yml
        acronym_followers ("FSLN leaders"); not a state's, not a word names.yml
        not_org_acronyms lists, not a Roman number, not in a text printed in capitals
        (a stamp, a heading)."""
        acronym = text[start:end]
        if (len(acronym) < 3 or not acronym.isupper() or acronym in self.cues.not_org_acronyms
                or acronym in self.known_names or acronym in self.gazetteer
                or acronym in self.rejected or _ROMAN.fullmatch(acronym)
                or "".join(sorted(acronym)) in self.state_letters):
            return False  # (the last: a state's with two letters swapped, "DRPK")
        if not (re.search(r"\b[Tt]he\s$", text[max(0, start - 4):start])
                or self.acronym_follower_re.match(text, end)):
            return False
        letters = [ch for ch in text if ch.isalpha()]
        return sum(ch.isupper() for ch in letters) * 2 < len(letters)

    def prescan(self, texts: list[str], state: DocState) -> None:
        """Before a document is annotated: the abbreviations no list holds that its text
        names as organisations' somewhere (:meth:`_unlisted_acronym`), so that each is
        marked wherever it stands, before that place too ("FSLN" in the first paragraph,
        "the FSLN" in the third)."""
        for text in texts:
            for m in self.abbr_re.finditer(text):
                a = m["a"]
                if (a not in self.cues.org_abbreviations and a not in state.cued
                        and self._unlisted_acronym(text, m.start("a"), m.end("a"))):
                    state.cued.add(a)

    def _places(self, text: str, taken: list[tuple[int, int]],
                known: list[tuple[int, int]]) -> list[Candidate]:
        """Places by their heads, patterns and the gazetteer; ``known``: the places found
        already (the registers', the data's)."""
        found: list[Candidate] = []
        for m in self.place_re.finditer(text):
            mods = m["mods"].split()
            start = m.start()
            while mods and mods[0] in self.cues.not_names:
                start += len(mods[0]) + 1
                mods.pop(0)
            if self._no_name(mods):
                continue
            head = m["head"]
            place_type = self.cues.place_heads[head]
            plural = (head.endswith("s") and head[:-1] in self.cues.place_heads
                      and head not in ("Islands", "Mountains"))
            end = m.start("head") - 1 if plural else m.end()
            form = text[start:end]
            if not self._free(start, end, taken) or form in self.rejected:
                continue
            name = " ".join(mods)
            key = slug(name) if place_type in ("province", "region") else slug(form)
            place = self._known_place(name)
            found.append(Candidate(start, end, "place", form, key,
                                   f"place head {head!r}", place_type, place))
            taken.append((start, end))
            if plural:
                found.extend(self._coordinated(text, start, head, place_type, taken))
        for pattern in self.place_patterns:  # "the 38th parallel"
            for m in pattern.finditer(text):
                if self._free(m.start(), m.end(), taken) and m.group(0) not in self.rejected:
                    found.append(Candidate(m.start(), m.end(), "place", m.group(0),
                                           slug(m.group(0)), "a named line or region",
                                           "other"))
                    taken.append((m.start(), m.end()))
        for m in self.cap_seq.finditer(text):
            words = m.group(0).split()
            skip = 0
            while skip < len(words) - 1 and words[skip] in self.cues.not_names:
                skip += 1  # "In Kaesong": the sentence's first word is no part of the name
            if skip and " ".join(words[:2]) in self.gazetteer:
                skip = 0  # "New Delhi": the gazetteer knows the name with its first word
            offset = len(" ".join(words[:skip])) + (1 if skip else 0)
            words = words[skip:]
            # the longest run of words from the start that the gazetteer knows
            for n in range(len(words), 0, -1):
                name = " ".join(words[:n])
                if name not in self.gazetteer:
                    continue
                start = m.start() + offset
                end = start + len(name)
                place = self.gazetteer[name]
                places = known + [(f.start, f.end) for f in found]
                if not self._gazetteer_ok(text, name, start, end, place, taken, places):
                    break
                evidence = ("gazetteer: " + (f"{place.type} ({place.source})" if place
                                             else "several places of this name"))
                found.append(Candidate(start, end, "place", name, slug(name), evidence,
                                       place.type if place else "other", place))
                taken.append((start, end))
                break
        return found

    def _no_name(self, words: list[str]) -> bool:
        """Whether the words before a place's head make no name: none, or only generic
        words and adjectives ("the Chinese and Korean provinces")."""
        return all(w in self.cues.generic_modifiers or w in self.cues.adjectives
                   for w in words)

    def _known_place(self, name: str) -> Place | None:
        """The gazetteers' place of a name (its editor's brackets left out), if one."""
        return self.gazetteer.get(name.replace("[", "").replace("]", "")) or None

    def _coordinated(self, text: str, end: int, head: str, place_type: str,
                     taken: list[tuple[int, int]]) -> list[Candidate]:
        """The places named before the one next to a plural head ("Jilin, Heilongjiang,
        and Liaoning Provinces": Jilin and Heilongjiang), each without the head."""
        found: list[Candidate] = []
        while (m := self.coordinated_re.search(text, 0, end)) is not None:
            words = m["n"].split()
            while words and words[0] in self.cues.not_names:
                words.pop(0)
            start = m.end("n") - len(" ".join(words))
            if self._no_name(words) or not self._free(start, m.end("n"), taken):
                break
            name = " ".join(words)
            place = self._known_place(name)
            found.append(Candidate(start, m.end("n"), "place", name, slug(name),
                                   f"one of the places before {head!r}", place_type, place))
            taken.append((start, m.end("n")))
            end = m.start("n")
        return found

    def _former_town(self, name: str) -> bool:
        """Whether the gazetteer knows ``name`` only as a town's former name (no
        identifier: "Zhdanov", "Kalinin", "Molotov" were towns named after leaders)."""
        place = self.gazetteer.get(name)
        return place is not None and place.geonames is None and place.type == "city"

    def _gazetteer_ok(self, text: str, name: str, start: int, end: int, place: Place | None,
                      taken: list[tuple[int, int]],
                      places: list[tuple[int, int]] | None = None) -> bool:
        c = self.cues
        if not self._free(start, end, taken) or name in self.rejected:
            return False
        if name in c.gazetteer_stoplist or name in self.stop or name in c.surnames:
            return False
        if (self._former_town(name) and name.endswith(c.surname_endings)
                and not _PLACE_CUE.search(text[:start])
                and not _beside_a_place(text, start, end, places or [])):
            return False  # a town's former name that is a leader's ("Zhdanov said"),
            # unless a preposition of place stands before it ("in Zhdanov") or it is one
            # of a list of places ("Stalingrad, Kharkov")
        if len(name) < 4 or (place is not None and place.type == "province"
                             and _sentence_start(text, start)):
            return False
        if _in_romanised_title(text, start, end, c.english_like_pinyin):
            return False
        # a name followed by another capitalised word is part of a longer name
        return not re.match(rf"\s(?:{CAPH}|{ACRONYM})(?![\w.])", text[end:]) or bool(
            re.match(r"\s(?:" + "|".join(c.place_heads) + ")", text[end:]))

    def _surnames(self, text: str, taken: list[tuple[int, int]], state: DocState,
                  line: int) -> list[Candidate]:
        found: list[Candidate] = []
        for surname, keys in state.surnames.items():
            if surname not in text:  # (a pattern per name: most are not in a given text)
                continue
            for m in re.finditer(rf"(?<![\w\[.-]){re.escape(surname)}(?![\w\]-])", text):
                if not self._free(m.start(), m.end(), taken):
                    continue
                before = re.search(rf"(?<![.!?:;]\s)({CAPH})\s$", text[:m.start()])
                if re.match(rf"\s(?:{CAPH}|{INITIAL})", text[m.end():]) or (
                        before and before.group(1) not in _MONTH_WORDS):
                    continue  # part of another name ("Panchen Lama", "Kim Chaek"); not
                    # after a date's month ("on 27 September Tanaka was received")
                if surname in self.gazetteer or surname in self.stop:
                    continue
                if len(keys) > 1:
                    state.ambiguous.append((surname, line, tuple(sorted(keys))))
                    continue
                key = next(iter(keys))
                found.append(Candidate(m.start(), m.end(), "person", surname, key,
                                       "surname of a person named in full earlier in the "
                                       "document", link=key))
                taken.append((m.start(), m.end()))
        return found

    def _repeats(self, text: str, taken: list[tuple[int, int]], state: DocState
                 ) -> list[Candidate]:
        """A person's name of two or more words found earlier in the document, again
        (where no title stands before it, or at a sentence's start), unless it is part of a
        longer name ("Kim Il Sung University")."""
        found: list[Candidate] = []
        for form, key in state.full.items():
            if form not in text:
                continue
            for m in re.finditer(rf"(?<![\w\[.-]){re.escape(form)}(?![\w\]-])", text):
                if not self._free(m.start(), m.end(), taken) or re.match(
                        rf"\s(?:{CAPH}|{INITIAL})", text[m.end():]) or re.search(
                        rf"(?<![.!?:;]\s){CAPH}\s$", text[:m.start()]):
                    continue
                found.append(Candidate(m.start(), m.end(), "person", form, key,
                                       "the name of a person named earlier in the document",
                                       link=key if key != slug(form) else None))
                taken.append((m.start(), m.end()))
        return found

    def _russian(self, text: str, taken: list[tuple[int, int]], state: DocState
                 ) -> list[Candidate]:
        """A surname of Russian (or Ukrainian, Armenian, Georgian) shape standing alone."""
        found: list[Candidate] = []
        for m in self.russian_re.finditer(text):
            form = m.group(0)
            if (not self._free(m.start(), m.end(), taken) or form in self.stop
                    or form in state.surnames
                    or (form in self.gazetteer and not self._former_town(form))
                    or form in self.rejected
                    or form in self.cues.gazetteer_stoplist
                    or re.match(rf"\s(?:{CAPH}|{ACRONYM})", text[m.end():])
                    or re.search(rf"(?<![.!?:;]\s){CAPH}\s$", text[:m.start()])):
                continue
            key = self._person_key(form, state)
            found.append(Candidate(m.start(), m.end(), "person", form, key,
                                   "surname of Russian shape", link=key if key != slug(form)
                                   else None))
            taken.append((m.start(), m.end()))
            state.person(form, key, self.cues)
        return found

    def aliases(self, text: str, named: list[tuple[int, int, str, str]], state: DocState
                ) -> None:
        """Abbreviations defined in brackets after a name: "Shanghai Municipal Archives
        (SMA)" makes later "SMA" the same entity."""
        for _start, end, kind, key in named:
            m = re.match(rf"\s?\((?P<a>{ACRONYM})\)", text[end:])
            if m and kind in ("org", "place"):
                state.acronyms.setdefault(m["a"], (kind, key))

    def _acronyms(self, text: str, taken: list[tuple[int, int]], state: DocState
                  ) -> list[Candidate]:
        found: list[Candidate] = []
        for acronym, (kind, key) in state.acronyms.items():
            if acronym not in text:
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
                if self._free(m.start(), m.end(), taken):
                    found.append(Candidate(m.start(), m.end(), kind, acronym, key,
                                           "abbreviation defined in brackets after the name",
                                           link=key))
                    taken.append((m.start(), m.end()))
        return found

    def find(self, text: str, taken: list[tuple[int, int]], state: DocState,
             line: int = 0, soft: dict[tuple[int, int], str] | None = None,
             signature: bool = False) -> list[Candidate]:
        """Candidates in ``text`` outside the ``taken`` spans, in text order. An
        organisation's name may contain ``soft`` spans (names the registers found, with
        their kind): the candidate then lists them in ``swallows``. ``signature``: the
        text is a signature line (a closer's ``signed``), whose name is a person's."""
        taken = list(taken)
        # the press and bodies the data names first: "Le Figaro" is no person Le
        known = list(self.known.finditer(text))
        soft = soft or {}
        found = self._known(known, taken, soft, "org")
        found += self._persons(text, taken, state, signature)
        found += self._units(text, taken, soft)
        found += self._orgs(text, taken, soft)
        found += self._lead_orgs(text, taken, soft)
        found += self._lower_orgs(text, taken, soft)
        found += self._abbreviations(text, taken, soft, state)
        found += self._appositive_orgs(text, taken)
        # (the states after the organisations that may hold them)
        found += self._known(known, taken, soft, "place")
        found += self._places(text, taken, [t for t, kind in soft.items()
                                            if kind == "place"]
                              + [(c.start, c.end) for c in found if c.kind == "place"])
        self.aliases(text, [(c.start, c.end, c.kind, c.key) for c in found], state)
        found += self._acronyms(text, taken, state)
        found += self._repeats(text, taken, state)
        found += self._surnames(text, taken, state, line)
        found += self._russian(text, taken, state)
        return sorted(found, key=lambda c: c.start)


MONTHS_CAP = frozenset(m.capitalize() for m in MONTHS)
_ROMAN = re.compile(r"[IVXLCDM]+")
_NAME_ALONE = regexes.compile(rf"\s*(?P<n>{CAPH}(?:\s{CAPH}){{1,2}})[.,]?\s*")  # a signature
class _Phrases:
    r"""Fixed phrases found whole in a text, the longest first where several start at one
    place: what a regular expression of their alternation finds (``(?<![\w-])(?:…)
    (?![\w-])``), found by a look-up of each word's first letters, some ten times faster
    than the alternation of a few hundred phrases."""

    def __init__(self, phrases: list[str]) -> None:
        self.by_head: dict[str, list[str]] = {}
        for phrase in sorted(set(phrases), key=len, reverse=True):
            if phrase:
                self.by_head.setdefault(phrase[:2], []).append(phrase)
        firsts = "".join(sorted({re.escape(p[0]) for p in self.by_head}))
        self.starts = re.compile(rf"(?<![\w-])[{firsts}]") if firsts else None

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        if self.starts is None:
            return
        after = 0
        for m in self.starts.finditer(text):
            start = m.start()
            if start < after:
                continue
            for phrase in self.by_head.get(text[start:start + 2], ()):
                end = start + len(phrase)
                if text.startswith(phrase, start) and not _WORD_GOES_ON.match(text, end):
                    yield start, end, phrase
                    after = end
                    break


_WORD_GOES_ON = re.compile(r"[\w-]")


def _beside_a_place(text: str, start: int, end: int, places: list[tuple[int, int]]) -> bool:
    """Whether ``start``–``end`` is joined to one of ``places`` by a comma or "and"."""
    return any(_JOINT.fullmatch(text, e, start) is not None for _, e in places if e <= start
               ) or any(_JOINT.fullmatch(text, end, s) is not None for s, _ in places if s >= end)


_JOINT = re.compile(r",\s(?:and\s)?|\sand\s")
_PLACE_CUE = re.compile(r"\b(?:in|at|to|from|near|via|towards|outside|of)\s$")


def _sentence_start(text: str, start: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, start - 4):start]))


# an ordinal before the head of a meeting: "Twentieth", "Twenty-Second", "4th", "XXth", "IV"
_ORDINAL = re.compile(
    r"(?:(?:Twenty|Thirty|Forty|Fifty)-)?(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh"
    r"|Eighth|Ninth|Tenth|Eleventh|Twelfth|Thirteenth|Fourteenth|Fifteenth|Sixteenth"
    r"|Seventeenth|Eighteenth|Nineteenth|Twentieth|Thirtieth|Fortieth|Fiftieth)"
    r"|\d{1,2}(?:st|nd|rd|th)|[IVXL]{1,6}(?:th)?")


def _in_romanised_title(text: str, start: int, end: int,
                        english: frozenset[str] = frozenset()) -> bool:
    """Whether a name stands among lowercase pinyin words: a title in Chinese ("Shanghai
    shi laodong ju guanyu Chaoxian shixisheng …"), not an English sentence ("expected in
    Chongjin in May", "will leave Pyongyang for Beijing"). Many English words have
    pinyin's shape ("leave", "before", "since"; ``english`` lists some), so one such word
    beside the name is no evidence: it takes a pinyin word on each side of it ("shi
    Yulin qu"), or two pinyin words of three letters or more among the three lowercase
    words on either side, one of them next to the name."""
    before = re.search(r"(?<![\w'’-])(?:[a-z]+\s){1,3}$", text[:start])
    after = re.match(r"(?:\s[a-z]+){1,3}", text[end:])
    words_before = before.group(0).split() if before else []
    words_after = after.group(0).split() if after else []
    def pinyin(word: str, shortest: int) -> bool:
        return len(word) >= shortest and bool(_PINYIN.fullmatch(word)) and word not in english

    # "shi Yulin qu": pinyin on both sides, however short
    if words_before and words_after and pinyin(words_before[-1], 2) and pinyin(
            words_after[0], 2):
        return True
    found = {w for w in (*words_before, *words_after) if pinyin(w, 3)}
    return len(found) >= 2 and any(w in found for w in (*words_before[-1:], *words_after[:1]))
