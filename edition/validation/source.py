"""A file under validation: its bytes, its safely parsed tree, and where its elements are.

Parsing goes through :func:`edition.xmlio.parse_bytes` (no DTD, no entities, no network,
a DOCTYPE refused); its messages are turned into words an editor can act on here.

Locations: lxml gives an element's line only (and the line where a long start tag
*ends*), jing gives the position just after a start tag. Both are mapped to the line
and column of the ``<`` that opens the element's start tag, found by scanning the
source text once (lazily, only for files with problems).
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree

from edition.errors import EditionError
from edition.namespaces import TEI_NS, XML_NS
from edition.validation.report import Problem
from edition.xmlio import parse_bytes

# Markup in document order: group 1 is the name in an end tag, group 2 in a start tag.
_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
    r"|</([^\s>]+)\s*>|<([^\s/>]+)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL,
)


def qname(name: str, prefixes: Mapping[str | None, str] | None = None) -> str:
    """A Clark name (``{ns}local``) as an editor reads it: ``xml:id``, ``tei:p`` or ``p``."""
    if not name.startswith("{"):
        return name
    uri, local = name[1:].split("}", 1)
    if uri == XML_NS:
        return f"xml:{local}"
    if uri == TEI_NS:
        return local
    for prefix, value in (prefixes or {}).items():
        if value == uri and prefix:
            return f"{prefix}:{local}"
    return local


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname


@dataclass
class SourceFile:
    """A well-formed file: what it was read as, and lazily, where its elements start."""

    path: str
    data: bytes
    tree: etree._ElementTree

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @cached_property
    def prefixes(self) -> dict[str, str]:
        """Every namespace prefix the file declares (the first binding of each)."""
        found: dict[str, str] = {}
        for element in self.root.iter(tag=etree.Element):
            for prefix, uri in element.nsmap.items():
                if prefix and prefix not in found:
                    found[prefix] = uri
        return found

    @cached_property
    def uri(self) -> str:
        return Path(self.path).resolve().as_uri()

    @cached_property
    def text(self) -> str:
        encoding = (self.tree.docinfo.encoding or "utf-8").lower()
        if encoding in ("utf-8", "utf8"):
            encoding = "utf-8-sig"
        try:
            codecs.lookup(encoding)
        except LookupError:
            encoding = "utf-8"
        return self.data.decode(encoding, errors="replace")

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(match.end() for match in re.finditer("\n", self.text))
        return starts

    @cached_property
    def _elements(self) -> list[etree._Element]:
        return list(self.root.iter(tag=etree.Element))

    @cached_property
    def _index(self) -> dict[etree._Element, int]:
        return {element: number for number, element in enumerate(self._elements)}

    @cached_property
    def _layout(self) -> tuple[list[int], list[tuple[int, int]]]:
        """Start offset of each element's start tag, and its (start, end) span.

        Elements are listed in document order, the order of ``root.iter()``. Empty
        lists if the scan and the tree disagree (not expected for a well-formed file).
        """
        starts: list[int] = []
        spans: list[tuple[int, int]] = []
        open_elements: list[int] = []
        for match in _MARKUP.finditer(self.text):
            if match.group(2) is not None:
                starts.append(match.start())
                spans.append((match.start(), match.end()))
                if not match.group(0).endswith("/>"):
                    open_elements.append(len(spans) - 1)
            elif match.group(1) is not None and open_elements:
                number = open_elements.pop()
                spans[number] = (spans[number][0], match.end())
        if len(starts) != len(self._elements):
            return [], []
        return starts, spans

    @property
    def _starts(self) -> list[int]:
        return self._layout[0]

    @property
    def _spans(self) -> list[tuple[int, int]]:
        return self._layout[1]

    def offset_to_position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def position_to_offset(self, line: int, col: int) -> int:
        if line < 1 or line > len(self._line_starts):
            return len(self.text)
        return min(self._line_starts[line - 1] + max(col, 1) - 1, len(self.text))

    def element_position(self, element: etree._Element) -> tuple[int, int]:
        """Line and column of the ``<`` of the element's start tag."""
        number = self._index.get(element)
        if number is not None and self._starts:
            return self.offset_to_position(self._starts[number])
        line = element.sourceline
        return (line if isinstance(line, int) and line > 0 else 1, 1)

    def attribute_position(self, element: etree._Element, name: str) -> tuple[int, int]:
        """Line and column of attribute ``name`` (Clark notation) in the start tag."""
        number = self._index.get(element)
        if number is None or not self._starts:
            return self.element_position(element)
        start, _ = self._spans[number]
        tag_end = self.text.find(">", start)
        uri, _, local = name[1:].partition("}") if name.startswith("{") else ("", "", name)
        prefix = ""
        if uri == XML_NS:
            prefix = "xml:"
        elif uri:
            prefix = next((f"{p}:" for p, u in element.nsmap.items() if u == uri and p), "")
        pattern = re.compile(rf"\s({re.escape(prefix + local)})\s*=")
        match = pattern.search(self.text, start, tag_end if tag_end >= 0 else len(self.text))
        if match is None:
            return self.element_position(element)
        return self.offset_to_position(match.start(1))

    def _containing(self, offset: int) -> etree._Element | None:
        """The innermost element whose span (start tag to end tag) holds ``offset``.

        It is the last element starting at or before ``offset`` or one of its ancestors.
        """
        number = bisect.bisect_right(self._starts, offset) - 1
        if number < 0:
            return None
        element: etree._Element | None = self._elements[number]
        while element is not None:
            start, end = self._spans[self._index[element]]
            if start <= offset < end:
                return element
            element = element.getparent()
        return None

    def element_at(self, line: int, col: int) -> etree._Element | None:
        """The element whose tag ends just before this position (jing's positions).

        jing reports problems with an element just after its start tag; problems it
        finds at an end tag belong to the element that the end tag closes.
        """
        if not self._starts:
            return None
        offset = self.position_to_offset(line, col)
        tag = self.text.rfind("<", 0, max(offset - 1, 0) + 1)
        return self._containing(tag) if tag >= 0 else None

    def _tag_at_or_before(self, offset: int) -> int:
        """jing reports text problems at the ``<`` that ends the text."""
        if self.text.startswith("<", offset):
            return offset
        return self.text.rfind("<", 0, max(offset - 1, 0) + 1)

    def parent_at(self, line: int, col: int) -> etree._Element | None:
        """The innermost element whose content holds the text before (line, col)."""
        if not self._starts:
            return None
        tag = self._tag_at_or_before(self.position_to_offset(line, col))
        if tag < 0:
            return None
        if self.text.startswith("</", tag):
            return self._containing(tag)
        return self._containing(max(tag - 1, 0))

    def text_before(self, line: int, col: int) -> tuple[tuple[int, int], str]:
        """Where the text run that ends at the tag at or before (line, col) starts, and
        the run itself (stripped)."""
        tag = self._tag_at_or_before(self.position_to_offset(line, col))
        run_start = self.text.rfind(">", 0, max(tag, 0)) + 1
        run = self.text[run_start:tag] if tag > run_start else ""
        if not run.strip():
            return (line, col), ""
        return self.offset_to_position(run_start + len(run) - len(run.lstrip())), run.strip()


# ------------------------------------------------------------------ reading and parsing

_PARSE_WORDING: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(r"Premature end of data in tag (\S+) line (\d+)"),
        "xml.truncated",
        "the file ends before <{0}> (opened on line {1}) is closed: the file looks "
        "truncated; expected the rest of the document and its end tags",
    ),
    (
        re.compile(r"EndTag: '</' not found|Premature end of data"),
        "xml.truncated",
        "the file ends in the middle of the document: the file looks truncated",
    ),
    (
        re.compile(r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)"),
        "xml.syntax",
        "the end tag </{2}> does not match the open element <{0}> (line {1}): "
        "expected </{0}> here",
    ),
    (
        re.compile(r"Input is not proper UTF-8|Invalid bytes in character encoding"
                   r"|Document labelled UTF-16 but has UTF-8 content|encoding error",
                   re.IGNORECASE),
        "xml.encoding",
        "the bytes here are not valid in the file's encoding (UTF-8 unless the XML "
        "declaration says otherwise): save the file as UTF-8, or declare its real encoding",
    ),
    (
        re.compile(r"Excessive depth in document: (\d+)"),
        "xml.depth",
        "elements are nested more than {0} levels deep, the parser's safety limit: "
        "the file is probably damaged or generated wrongly",
    ),
    (
        re.compile(r"Extra content at the end of the document"),
        "xml.syntax",
        "there is more content after the end of the root element: expected one root "
        "element holding everything",
    ),
    (
        re.compile(r"Start tag expected, '<' not found|Document is empty"),
        "xml.syntax",
        "no XML element found: expected the document to start with an element such as "
        "<TEI> (after an optional XML declaration)",
    ),
    (
        re.compile(r"Attribute (\S+) redefined"),
        "xml.syntax",
        "the attribute {0} appears twice on the same element: expected it once",
    ),
    (
        re.compile(r"Entity '([^']+)' not defined"),
        "xml.syntax",
        "unknown entity &{0};: only &amp; &lt; &gt; &quot; &apos; and character "
        "references such as &#233; are allowed; write the character itself",
    ),
    (
        re.compile(r"xmlParseEntityRef: no name|EntityRef: expecting ';'"),
        "xml.syntax",
        "a bare '&': write &amp; for an ampersand in the text",
    ),
    (
        re.compile(r"StartTag: invalid element name|invalid element name"),
        "xml.syntax",
        "'<' is not followed by an element name: write &lt; for a '<' in the text",
    ),
    (
        re.compile(r"Couldn't find end of Start Tag (\S+)"),
        "xml.syntax",
        "the start tag <{0} is not closed: expected '>' (check the quotes of its "
        "attribute values)",
    ),
    (
        re.compile(r"AttValue: \" or ' expected|Specification mandates value for attribute"
                   r"|attributes construct error"),
        "xml.syntax",
        "an attribute is not written name=\"value\": expected its value in quotes",
    ),
    (
        re.compile(r"(?:PCDATA invalid Char value|Char 0x[0-9A-Fa-f]+ out of allowed range)"),
        "xml.syntax",
        "a control character that XML does not allow: remove it",
    ),
]


def _at_end(data: bytes, line: int, col: int) -> bool:
    """Whether (line, col) is at the very end of ``data`` (where a cut-off file fails)."""
    text = data.rstrip()
    last_line = text.count(b"\n") + 1
    return line >= last_line and col >= len(text) - (text.rfind(b"\n") + 1)


def _parse_problem(error: EditionError, display: str, data: bytes = b"") -> Problem:
    message = error.message
    line, col = max(error.line, 1), max(error.col, 1)
    if "the file is empty" in message:
        return Problem(display, 1, 1, "error", "the file is empty: expected a TEI document",
                       "xml.empty")
    if "binary" in message:
        return Problem(display, 1, 1, "error",
                       "the file is binary (it holds NUL bytes), not XML text: expected a "
                       "TEI document", "xml.binary")
    if "document type declaration" in message:
        return Problem(display, line, col, "error",
                       "a document type declaration with declarations of its own (<!DOCTYPE "
                       "… [ … ]>) is not allowed: TEI files declare no entities; remove it "
                       "(it was not read, and no entity in it was expanded)", "xml.doctype")
    if "is declared in the DTD" in message:
        return Problem(display, line, col, "error", message, "xml.dtd-entity")
    if "larger than" in message:
        return Problem(display, 1, 1, "error", f"{message}: too large to check safely",
                       "xml.size")
    if "cannot read" in message:
        return Problem(display, 0, 0, "error", message, "io.read")
    if "nested more than" in message:  # ours (xmlio: past 100 levels, or the parser's 256)
        return Problem(display, line, col, "error", message, "xml.depth")
    raw = message.removeprefix("not well-formed XML: ").strip()
    if data and _at_end(data, line, col) and "Premature end" not in raw:
        return Problem(display, line, col, "error",
                       "not well-formed XML: the file ends in the middle of the markup: it "
                       "looks truncated; expected the rest of the document and its end tags",
                       "xml.truncated")
    for pattern, rule, wording in _PARSE_WORDING:
        match = pattern.search(raw)
        if match:
            words = wording.format(*match.groups())
            return Problem(display, line, col, "error", f"not well-formed XML: {words}", rule)
    return Problem(display, line, col, "error", f"not well-formed XML: {raw}", "xml.syntax")


def load(path: Path, display: str) -> SourceFile | Problem:
    """Read and parse one file; a Problem (never an exception) when that fails."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Problem(display, 0, 0, "error",
                       f"cannot read the file: {exc.strerror or exc}", "io.read")
    try:
        tree = parse_bytes(data, display)
    except EditionError as exc:
        return _parse_problem(exc, display, data)
    return SourceFile(display, data, tree)
