"""Names of persons, places and organisations in the text, linked to the registers.

The forms of the register entries are looked for in the text as the source prints
it: a translator's supplied words with their brackets ("[North] Korea"), the source
reading of a correction ("DRPK"). A form is matched case-sensitively, as whole words,
the longest first; a match never overlaps another name or a date, and never cuts an
element in two (it may contain whole supplied words or corrections). A form listed
under ``in:`` for some documents means that entry only there, and wins there over
the same form elsewhere.

Only the document's own text is annotated: not the source's header block, nor a
collection document's heading and source lines (see ../shared/gold/GUIDELINES.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from edition import regexes
from edition.detect import INITIALS_TOKEN, Candidate, Detector, DocState, load_cues
from edition.model import EVENT_ELEMENTS, PAGE_DIVS, TEXT_CONTAINERS, Document, Node, el
from edition.register_kinds import KINDS, NAME_TAG
from edition.registers import Entry, Registers

REGISTER_FILE = "registers.xml"
_SKIP = {"date", "ref", "persName", "placeName", "orgName", "title", "idno", "bibl", "label",
         "gap", "lb", "milestone", "foreign", "choice", "docDate", "docTitle", *EVENT_ELEMENTS}
_INSIDE_NAMES = {"supplied", "choice", "sic"}  # what a name may hold whole
BARRIER = "\x00"  # stands for what a name cannot run through (a note, a gap)
_BARRIERS = frozenset({"note", "gap", *EVENT_ELEMENTS})


def _diplomatic(node: Node) -> str:
    """The text of an inline element as the source prints it."""
    if node.tag in _BARRIERS:
        return BARRIER
    if node.tag == "lb":
        return " "
    if node.tag == "choice":
        source = next((c for c in node.children if isinstance(c, Node)
                       and c.tag in ("sic", "orig")), None)
        printed = next((c for c in node.children if isinstance(c, Node) and c.tag == "reg"
                        and c.attrs.get("rend") == "brackets"), None)
        if source and printed and " " in _diplomatic(printed):
            # "Pak Heon-yeong [Pak Hon-yong]": a whole name spelt twice is one name, the
            # printed form (the name wraps both)
            return _diplomatic(source)
        if source and printed:  # "Pyeongan [Pyongan]": both forms are printed
            return f"{_diplomatic(source)} [{_diplomatic(printed)}]"
        return _diplomatic(source) if source else ""
    inner = "".join(c if isinstance(c, str) else _diplomatic(c) for c in node.children)
    if node.tag == "supplied" or (node.tag == "foreign" and node.attrs.get("rend") == "brackets"):
        return f"[{inner}]"
    if node.tag == "sic" and node.attrs.get("rend") == "bracket-sic":
        return f"{inner} [sic]"
    return inner


# a word in capitals ("YUDIN"): its first letter, and the rest to be made small
_CAPITALS = re.compile(r"\b([A-Z])([A-Z]+)\b")


def _loose(form: str) -> str:
    return re.sub(r"[\s\[\]]+", "", form)


@dataclass
class Proposal:
    """A name no register holds, found in the text: a proposed register entry."""

    kind: str
    id: str
    forms: list[str] = field(default_factory=list)
    documents: dict[str, list[int]] = field(default_factory=dict)  # document → lines
    evidence: list[str] = field(default_factory=list)
    place_type: str | None = None
    gazetteer: dict[str, str] = field(default_factory=dict)
    # the documents (→ lines) where the same name was marked as another kind, by kind:
    # "Comrade Molotov" a person, "Molotov said" (Perm's old name) a place
    also: dict[str, dict[str, list[int]]] = field(default_factory=dict)

    def add(self, cand: Candidate, doc_id: str, line: int) -> None:
        if cand.form not in self.forms:
            self.forms.append(cand.form)
        if cand.kind == self.kind and not self.also:  # (the rule: a name of one kind)
            lines = self.documents.setdefault(doc_id, [])
            if line not in lines:
                lines.append(line)
        else:
            self.add_documents(cand.kind, {doc_id: [line]})
        if cand.evidence not in self.evidence:
            self.evidence.append(cand.evidence)

    def by_kind(self) -> dict[str, dict[str, list[int]]]:
        """Each kind the name was marked as, with its documents (→ lines)."""
        return {self.kind: self.documents, **self.also}

    def add_documents(self, kind: str, documents: dict[str, list[int]]) -> None:
        """Documents (→ lines) where the name was marked as ``kind``; the proposal is then
        of the kind most of its documents give it (a tie: the first in KINDS), whatever
        the order they came in."""
        if not documents:
            return
        kinds = self.by_kind()
        have = kinds.setdefault(kind, {})
        for doc, lines in documents.items():
            known = have.setdefault(doc, [])
            known.extend(n for n in lines if n not in known)
        order = [k.entry for k in KINDS]
        kinds = {k: docs for k, docs in kinds.items() if docs}
        self.kind = max(kinds, key=lambda k: (len(kinds[k]), -order.index(k)))
        self.documents = kinds.pop(self.kind)
        self.also = kinds

    def join(self, other: Proposal, keep: Callable[[str], bool] | None = None) -> None:
        """Add another proposal of the same id: its forms and evidence, and its documents
        of each kind (those ``keep`` takes)."""
        self.forms.extend(f for f in other.forms if f not in self.forms)
        self.evidence.extend(e for e in other.evidence if e not in self.evidence)
        if self.place_type is None:
            self.place_type = other.place_type
        if not self.gazetteer:
            self.gazetteer = dict(other.gazetteer)
        for kind, docs in other.by_kind().items():
            self.add_documents(kind, {d: list(lines) for d, lines in docs.items()
                                      if keep is None or keep(d)})


@dataclass
class Open:
    """What the annotator leaves for the editor: proposals, new forms of known entries
    (a bare surname), and short forms it could not link (two persons of that surname)."""

    proposals: dict[str, Proposal] = field(default_factory=dict)
    merges: dict[tuple[str, str], dict[str, list[int]]] = field(default_factory=dict)
    ambiguous: list[tuple[str, int, str, tuple[str, ...]]] = field(default_factory=list)


@dataclass
class Consulted:
    """What the annotation of some documents asked of the registers, beyond their text:
    the words of the text it matched forms in (a form can only match where all its
    words are), the ids it asked about (is this key an entry's?) and the forms it
    compared loosely (spaces and brackets aside). What a change of the registers can
    touch is told from these (:mod:`edition.name_reach`)."""

    words: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    loose: set[str] = field(default_factory=set)

    def merge(self, other: Consulted) -> None:
        """Add what another annotation consulted (a split source's documents)."""
        self.words |= other.words
        self.ids |= other.ids
        self.loose |= other.loose


_WORD = re.compile(r"\w+")


def form_words(text: str) -> list[str]:
    """The words of a form or a text, as :class:`Consulted` keeps them."""
    return _WORD.findall(text)


@dataclass
class Tables:
    """What the annotator looks names up in, made from the registers: each form's entry
    (the first entry holding it), each document's own forms, the loose forms, the ids."""

    general: dict[str, Entry]
    local: dict[str, dict[str, Entry]]
    loose: dict[str, Entry]
    ids: set[str]
    kinds: dict[str, str]  # each entry's kind, by id
    surnames: dict[str, set[str]]  # a person's family name → the persons who bear it


def tables(registers: Registers) -> Tables:
    general: dict[str, Entry] = {}
    local: dict[str, dict[str, Entry]] = {}
    for entry in registers.entries:
        for form in entry.forms:
            general.setdefault(form, entry)
        for doc_id, forms in entry.only_in.items():
            for form in forms:
                local.setdefault(doc_id, {})[form] = entry
    # forms that differ from a register's only in spaces and brackets ("Alexandrov
    # G. F.", "Alexandrov G.F."): a new form of that entry, not a new entity
    loose = {_loose(f): e for f, e in general.items()}
    surnames: dict[str, set[str]] = {}
    for entry in registers.entries:
        if entry.kind == "person":
            for form in {entry.name, *entry.forms}:
                if (family := _family_name(form)) is not None:
                    surnames.setdefault(family, set()).add(entry.id)
    return Tables(general, local, loose, {e.id for e in registers.entries},
                  {e.id: e.kind for e in registers.entries}, surnames)


_ONE_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


def _family_name(form: str) -> str | None:
    """The family name in a person's form: before a comma ("Ivanov, Ivan"), first in a
    Chinese or Korean name ("Zhou Enlai", "Kim Il Sung"), else last ("Nikita
    Khrushchev", "G.F. Aleksandrov"); None for a form of one word or initials only."""
    if "," in form:
        return form.split(",", 1)[0].strip() or None
    words = [w for w in form.replace("[", "").replace("]", "").split()
             if not INITIALS_TOKEN.fullmatch(w)]
    if not words or len(form.split()) == 1:
        return None  # initials only, or one word: no given name to tell it by
    return words[0] if words[0] in load_cues().surnames else words[-1]


@dataclass
class Matcher:
    pattern: re.Pattern[str] | None
    entries: dict[str, Entry]  # form → entry


def _matcher(forms: dict[str, Entry], *, kept: bool = False) -> Matcher:
    """``kept``: its pattern compiled once per machine (:mod:`edition.regexes`): the
    registers' general forms, not those of one document (a process converting a thousand
    documents would keep a thousand patterns)."""
    if not forms:
        return Matcher(None, {})
    alternatives = sorted(forms, key=len, reverse=True)
    text = (r"(?<![\w\[])(?:" + "|".join(re.escape(f) for f in alternatives)
            + r")(?![\w\]])")
    pattern = regexes.compile(text) if kept else re.compile(text)
    return Matcher(pattern, forms)


# initials printed beside a person's name: before it ("N. S. Khrushchev"), after it
# ("Khrushchev N.S."), or within a register's form already ("D.T. Shepilov")
_INITIALS_BEFORE = re.compile(r"(?<![\w.])(?:[A-Z]\.\s?){1,3}(?=\Z)")
_INITIALS_AFTER = re.compile(r"\s(?:[A-Z]\.\s?){1,3}(?![\w])")
_INITIALS_IN = re.compile(r"(?<![\w.])[A-Z]\.")

# the kinds whose names, made into an id, name one entity: not persons, whom a common
# name ("V. Ivanov") does not tell apart
_SAME_BY_NAME = frozenset({"org", "place"})


class NameAnnotator:
    """Compiled once per register set; annotates one document at a time."""

    def __init__(self, registers: Registers, detector: Detector | None = None) -> None:
        self.detector = detector
        looked_up = tables(registers)
        self.ids = looked_up.ids
        self.kinds = looked_up.kinds
        self.surnames = looked_up.surnames
        self.open = Open()
        self.consulted = Consulted()  # reset by the caller for each source
        self._doc_id = ""
        self._state = DocState()
        self.local = looked_up.local
        self.general = looked_up.general
        self.loose = looked_up.loose
        self._general_matcher = _matcher(self.general, kept=True)
        regexes.keep()
        # a document with forms of its own gets its matcher when it is annotated: a
        # process converting one document does not compile one for every such document
        self._local_matchers: dict[str, Matcher] = {}

    def _matcher_for(self, doc_id: str) -> Matcher:
        forms = self.local.get(doc_id)
        if forms is None:
            return self._general_matcher
        if doc_id not in self._local_matchers:
            self._local_matchers[doc_id] = _matcher({**self.general, **forms})
        return self._local_matchers[doc_id]

    def annotate(self, doc: Document) -> None:
        matcher = self._matcher_for(doc.meta.doc_id)
        self._doc_id = doc.meta.doc_id
        self._state = DocState()
        self._known_from_title(doc.meta.title, matcher)
        texts = list(self._annotated(doc))
        if self.detector is not None:
            self.detector.prescan([_diplomatic(node) for node in texts], self._state)
        for node in texts:
            self._annotate_children(node, matcher)

    def _annotated(self, doc: Document) -> Iterator[Node]:
        """The elements of a document whose text is annotated, in document order."""
        for top in doc.body:
            yield from self._walk(top)
        # the back matter (endnotes, a biography, a list of documents with their
        # sources) names persons and organisations too; not the page's words about the
        # document (model.PAGE_DIVS)
        for top in doc.back:
            if top.tag == "div" and top.attrs.get("type") in PAGE_DIVS:
                continue
            yield from self._walk(top, back=True)

    def _known_from_title(self, title: str, matcher: Matcher) -> None:
        """The registers' persons the document's title names in full ("… between Premier
        Zhou Enlai and …"), known to the document before its text: its "Premier Zhou" is
        then Zhou Enlai, as it would be after his full name in the text. The title
        itself is not marked (it is the header's)."""
        if self.detector is None or matcher.pattern is None or not title:
            return
        self.consulted.words.update(_WORD.findall(title))  # (a register change there counts)
        for m in matcher.pattern.finditer(title):
            entry = matcher.entries[m.group(0)]
            if entry.kind == "person" and len(m.group(0).split()) > 1:
                self._state.person(m.group(0), entry.id, self.detector.cues)

    def _walk(self, node: Node, back: bool = False) -> Iterator[Node]:
        skip = _SKIP - {"title", "bibl"} if back else _SKIP
        if node.tag in skip or (node.tag == "head" and node.attrs.get("type") == "document"):
            return
        if node.tag == "note" and node.attrs.get("type") == "restriction":
            return
        if node.tag == "note" and node.attrs.get("type") == "source" and not back:
            return
        if node.tag in TEXT_CONTAINERS or (back and node.tag in ("title", "note", "bibl")):
            yield node
        for child in node.children:
            if isinstance(child, Node):
                yield from self._walk(child, back)

    def _annotate_children(self, node: Node, matcher: Matcher) -> None:
        pieces = [c if isinstance(c, str) else _diplomatic(c) for c in node.children]
        flat = "".join(pieces)
        self.consulted.words.update(_WORD.findall(flat))
        starts, pos = [], 0
        for piece in pieces:
            starts.append(pos)
            pos += len(piece)
        spans: list[tuple[int, int, int, int, Node]] = []  # child/offset of start and end
        taken: list[tuple[int, int]] = []
        soft: dict[tuple[int, int], int] = {}  # a register's name: its span index
        kinds: dict[tuple[int, int], str] = {}
        registered: dict[tuple[int, int], tuple[str, str]] = {}
        for m in matcher.pattern.finditer(flat) if matcher.pattern else ():
            entry = matcher.entries[m.group(0)]
            start, end = m.start(), m.end()
            if entry.kind == "person":
                start, end = self._with_initials(flat, start, end)
            located = self._locate(node, starts, pieces, start, end)
            if located is None and (start, end) != (m.start(), m.end()):
                start, end = m.start(), m.end()
                located = self._locate(node, starts, pieces, start, end)
            if located:
                soft[(start, end)] = len(spans)
                kinds[(start, end)] = entry.kind
                spans.append((*located, el(NAME_TAG[entry.kind], line=node.line,
                                           ref=f"{REGISTER_FILE}#{entry.id}")))
                taken.append((start, end))
                registered[(start, end)] = (entry.kind, entry.id)
                if entry.kind == "person" and self.detector:
                    self._state.person(flat[start:end], entry.id, self.detector.cues)
        if self.detector:
            self.detector.aliases(flat, [(s, e, kind, key) for (s, e), (kind, key)
                                         in registered.items()], self._state)
            # elements a name cannot run through are taken already
            pos = 0
            for piece, child in zip(pieces, node.children, strict=True):
                if isinstance(child, Node) and child.tag not in _INSIDE_NAMES:
                    taken.append((pos, pos + len(piece)))
                pos += len(piece)
            dropped: set[int] = set()
            for cand in self.detector.find(flat, taken, self._state, node.line, kinds,
                                           signature=node.tag == "signed"):
                located = self._locate(node, starts, pieces, cand.start, cand.end)
                if located:
                    spans.append((*located, self._proposed(cand, node.line)))
                    dropped.update(soft[t] for t in cand.swallows)
            spans = [s for i, s in enumerate(spans) if i not in dropped]
            self.open.ambiguous.extend((form, line, self._doc_id, keys)
                                       for form, line, keys in self._state.ambiguous)
            self._state.ambiguous.clear()
        spans.sort(key=lambda s: (s[0], s[1]))
        for first, first_off, last, last_off, name in reversed(spans):
            self._wrap(node, first, first_off, last, last_off, name)

    @staticmethod
    def _with_initials(text: str, start: int, end: int) -> tuple[int, int]:
        """A register's person with the initials printed beside the form ("N. S.
        Khrushchev", "Khrushchev N.S.": initials are part of the name), where the form
        has none of its own."""
        if _INITIALS_IN.search(text, start, end):
            return start, end
        not_initials = load_cues().not_initials  # ("U.S.": names.yml)
        before = _INITIALS_BEFORE.search(text, 0, start)
        if before and before.group(0).replace(" ", "") not in not_initials:
            return before.start(), end
        after = _INITIALS_AFTER.match(text, end)
        if after and after.group(0).strip().replace(" ", "") not in not_initials:
            return start, end + len(after.group(0).rstrip())
        return start, end

    def _proposed(self, cand: Candidate, line: int) -> Node:
        """The name element of a candidate, and its proposal (or new form) recorded."""
        if cand.kind == "person" and cand.link is None and _ONE_WORD.fullmatch(cand.form):
            # "Chairman Mao", "Premier Zhou": a family name alone that one person of the
            # registers bears is that person, under a new form (two who bear it: neither)
            bearers = self.surnames.get(cand.form, set())
            if len(bearers) == 1:
                cand = replace(cand, link=next(iter(bearers)))
        self.consulted.loose.add(_loose(cand.form))
        self.consulted.ids.update(key for key in (cand.link, cand.key) if key)
        same = self.loose.get(_loose(cand.form))
        if same is None and cand.kind == "person":  # "P. F. YUDIN": "P.F. Yudin"
            same = self.loose.get(_loose(_CAPITALS.sub(
                lambda m: m.group(1) + m.group(2).lower(), cand.form)))
        if same is not None and same.kind == cand.kind:
            cand = replace(cand, link=same.id)
        elif (cand.link is None and cand.kind in _SAME_BY_NAME
              and self.kinds.get(cand.key) == cand.kind):
            # "CPSU Central Committee" beside the entry cpsu-central-committee ("Central
            # Committee of the CPSU"): an organisation or place whose words make the id
            # of one of the registers' own kind is that entry, under a new form
            cand = replace(cand, link=cand.key)
        if cand.link and cand.link in self.ids:  # a new form of a register entry
            where = self.open.merges.setdefault((cand.link, cand.form), {})
            lines = where.setdefault(self._doc_id, [])
            if line not in lines:
                lines.append(line)
            return el(NAME_TAG[cand.kind], line=line, ref=f"{REGISTER_FILE}#{cand.link}",
                      cert="medium")
        key = cand.key
        if cand.link is None and key in self.ids:  # another entity with a register's id
            key = f"{key}-new"
        proposal = self.open.proposals.get(key)
        if proposal is None:
            gazetteer: dict[str, str] = {}
            if cand.place and cand.place.geonames:
                gazetteer = ({"country": cand.place.iso or ""} if cand.place.type == "country"
                             else {"city": cand.place.name, "country": cand.place.iso or ""})
            proposal = Proposal(cand.kind, key, place_type=cand.place_type,
                                gazetteer=gazetteer)
            self.open.proposals[key] = proposal
        proposal.add(cand, self._doc_id, line)
        return el(NAME_TAG[cand.kind], line=line, ref=f"{REGISTER_FILE}#{key}", cert="low")

    @staticmethod
    def _locate(node: Node, starts: list[int], pieces: list[str], start: int,
                end: int) -> tuple[int, int, int, int] | None:
        """(child, offset) of the match's start and end, if it cuts no element in two."""
        first = max(i for i, s in enumerate(starts) if s <= start)
        last = max(i for i, s in enumerate(starts) if s < end)
        first_off, last_off = start - starts[first], end - starts[last]
        for index in range(first, last + 1):
            child = node.children[index]
            if isinstance(child, str):
                continue
            if child.tag not in _INSIDE_NAMES:
                return None
            if (index == first and first_off != 0) or (
                    index == last and last_off != len(pieces[index])):
                return None
        return first, first_off, last, last_off

    @staticmethod
    def _wrap(node: Node, first: int, first_off: int, last: int, last_off: int,
              name: Node) -> None:
        children = node.children
        before: list[str | Node] = []
        after: list[str | Node] = []
        inner: list[str | Node] = []
        for index in range(first, last + 1):
            child = children[index]
            if isinstance(child, str):
                lo = first_off if index == first else 0
                hi = last_off if index == last else len(child)
                if index == first and child[:lo]:
                    before.append(child[:lo])
                inner.append(child[lo:hi])
                if index == last and child[hi:]:
                    after.append(child[hi:])
            else:
                inner.append(child)
        name.extend([c for c in inner if c != ""])
        node.children = [*children[:first], *before, name, *after, *children[last + 1:]]
