"""The text model: documents as typed metadata plus a small tree of TEI-shaped nodes.

Readers produce it, the annotator enriches it, the encoder turns it into TEI. The
tree carries inline markup (supplied words, gaps, notes, references, corrections,
dates, names, breaks) from the start: a paragraph is a ``Node`` whose children mix
strings and nodes, never a plain string.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from edition.errors import EditionError

# TEI's elements for what happens beside the words in a record of what was said ("[Laughs]",
# "[Applause]"), each with the types our schema allows (schema/edition.rng); the words the
# source prints for it are the element's desc.
EVENT_ELEMENTS = {"vocal": ("laughter",), "kinesic": ("applause", "gesture"),
                  "incident": ("pause", "noise")}
# Elements whose own words are the running text of a document, where the annotators look
# for names (edition.names) and dates (edition.annotate): not the header's fields, not
# the words the edition supplies around them.
TEXT_CONTAINERS = frozenset({"p", "item", "head", "salute", "signed", "dateline", "note",
                             "quote", "seg", "supplied", "opener", "closer", "byline",
                             "titlePart", "cell", "speaker"})
# The divisions a web page's back holds that are the site's words about the document
# (its summary, where it comes from, its rights): no part of its text, so neither names
# nor dates are looked for there (an archive record keeps them in its front)
PAGE_DIVS = frozenset({"summary", "source", "rights", "field", "credits", "citation",
                       "language", "contents"})


@dataclass
class Node:
    """An element of the text: a TEI local name, attributes, and mixed children."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[str | Node] = field(default_factory=list)
    line: int = 0  # the line of the seed file it comes from (0: made by the editor)

    def append(self, child: str | Node) -> None:
        """Append a child, merging adjacent strings."""
        if isinstance(child, str):
            if not child:
                return
            if self.children and isinstance(self.children[-1], str):
                self.children[-1] += child
                return
        self.children.append(child)

    def extend(self, children: list[str | Node]) -> None:
        for child in children:
            self.append(child)

    def iter(self) -> Iterator[Node]:
        """This node and all its descendant nodes, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def text(self) -> str:
        """The string value (all text, notes included)."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


def el(tag: str, *children: str | Node, line: int = 0, **attrs: str) -> Node:
    """Build a node: ``el("p", "text", el("gap", reason="omitted"))``.

    Attribute names use ``_`` for ``:`` (``xml_id`` → ``xml:id``).
    """
    node = Node(tag, {k.replace("_", ":", 1) if k.startswith("xml_") else k: v
                      for k, v in attrs.items()}, line=line)
    node.extend(list(children))
    return node


@dataclass(frozen=True)
class DateValue:
    """A normalised date: the text as printed and ISO attributes (``when``, ``from`` …)."""

    text: str
    attrs: tuple[tuple[str, str], ...] = ()

    @property
    def sort_key(self) -> str:
        values = dict(self.attrs)
        return values.get("when") or values.get("from") or values.get("notBefore") or "9999"


@dataclass(frozen=True)
class Resp:
    """Someone the source credits, with their role ("translated by")."""

    role: str
    name: str


@dataclass
class Metadata:
    """What the teiHeader says about one document."""

    doc_id: str
    title: str
    seed: str
    seed_format: str
    date: DateValue | None = None
    number: str | None = None  # printed number in a collection ("70", "73")
    citation: str | None = None
    url: str | None = None
    summary: str | None = None
    funders: list[str] = field(default_factory=list)
    resps: list[Resp] = field(default_factory=list)
    original_language: str | None = None  # as printed ("Chinese")
    original_language_basis: str | None = None  # why, when the source does not print it
    repository: str | None = None
    call_number: str | None = None
    pages: str | None = None
    collection_title: str | None = None
    collection_year: str | None = None
    collection_pages: str | None = None
    archive_line: str | None = None
    periodical: str | None = None  # a newspaper the document was printed in ("Pravda")
    issue: DateValue | None = None  # and the date of its issue
    source_group: str = ""  # how the index groups documents by source
    rights: str | None = None
    series: str | None = None  # "NKIDP e-Dossier no. 16"
    fields: list[tuple[str, str]] = field(default_factory=list)  # other labelled facts
    first_line: int = 0
    last_line: int = 0


@dataclass
class Document:
    """One document of the edition: metadata, body and back matter."""

    meta: Metadata
    body: list[Node] = field(default_factory=list)
    back: list[Node] = field(default_factory=list)
    front: list[Node] = field(default_factory=list)
    # what the reader found missing or could not place (file:line: message)
    warnings: list[EditionError] = field(default_factory=list)

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(EditionError(self.meta.seed, line, 1, message))

    def nodes(self) -> Iterator[Node]:
        for top in (*self.front, *self.body, *self.back):
            yield from top.iter()


@dataclass
class SourceLine:
    """A line of a seed file with its 1-based number."""

    number: int
    text: str
