"""What a RELAX NG schema allows, element by element, for messages an editor can act on.

lxml says "Did not expect element hi there" or "Element div failed to validate
attributes"; with this model the validator can say which elements, attributes and
values *are* allowed. The model is an over-approximation (it ignores order and
counts), used for wording only: the verdict always comes from the RELAX NG engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lxml import etree

from edition.errors import EditionError
from edition.xmlio import safe_parser

RNG_NS = "http://relaxng.org/ns/structure/1.0"
_R = f"{{{RNG_NS}}}"
_XML_NS = "http://www.w3.org/XML/1998/namespace"

# What an editor should type, by XML Schema datatype, and how to recognise it.
DATATYPES: dict[str, tuple[str, re.Pattern[str]]] = {
    "nonNegativeInteger": ("a whole number such as 2", re.compile(r"\s*\+?\d+\s*")),
    "integer": ("a whole number such as 2", re.compile(r"\s*[+-]?\d+\s*")),
    "language": (
        "a language code such as en, zh or ru-Latn",
        re.compile(r"\s*[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\s*"),
    ),
    "NCName": (
        "a name without spaces or colons that does not start with a digit",
        re.compile(r"\s*[^\W\d][\w.-]*\s*"),
    ),
    "ID": (
        "a name without spaces or colons that does not start with a digit",
        re.compile(r"\s*[^\W\d][\w.-]*\s*"),
    ),
    "anyURI": ("a reference without spaces such as #id or scr-078.xml", re.compile(r"\s*\S*\s*")),
    "token": ("a single word without spaces", re.compile(r"\s*\S+\s*")),
}


@dataclass
class ElementInfo:
    """What one element name may hold, over all its definitions in the schema."""

    name: str
    children: set[str] = field(default_factory=set)
    text: bool = False
    attributes: dict[str, set[str] | None] = field(default_factory=dict)
    datatypes: dict[str, str] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not self.children and not self.text


@dataclass
class _Walk:
    info: ElementInfo
    seen: set[str] = field(default_factory=set)


class SchemaModel:
    """Element names, children, attributes and value lists of a RELAX NG schema (XML syntax)."""

    def __init__(self, path: Path) -> None:
        try:
            self._tree = etree.parse(str(path), safe_parser())
        except (OSError, etree.XMLSyntaxError) as exc:
            raise EditionError(path, 0, 0, f"cannot read the schema: {exc}") from None
        root = self._tree.getroot()
        if root.tag != f"{_R}grammar" and root.tag != f"{_R}element":
            raise EditionError(path, 1, 1, "not a RELAX NG schema in XML syntax: expected "
                               "<grammar> or <element> in the RELAX NG namespace")
        self._defines: dict[str, list[etree._Element]] = {}
        self._elements: dict[str, list[etree._Element]] = {}
        for node in root.iter(f"{_R}define", f"{_R}element"):
            if node.tag == f"{_R}define":
                self._defines.setdefault(node.get("name", ""), []).append(node)
            else:
                name = self._name_of(node)
                if name:
                    self._elements.setdefault(name[1], []).append(node)
        self._infos: dict[str, ElementInfo] = {}

    # ---------------------------------------------------------------- names

    @staticmethod
    def _ns_of(node: etree._Element) -> str:
        current: etree._Element | None = node
        while current is not None:
            value = current.get("ns")
            if value is not None:
                return value
            current = current.getparent()
        return ""

    def _name_of(self, node: etree._Element) -> tuple[str, str] | None:
        """(namespace, local name) of an element or attribute pattern with a plain name."""
        name = node.get("name")
        if name is None:
            first = node.find(f"{_R}name")
            if first is None or not first.text:
                return None
            name = first.text.strip()
            ns = first.get("ns") if first.get("ns") is not None else self._ns_of(node)
        else:
            ns = node.get("ns") if node.get("ns") is not None else (
                self._ns_of(node) if node.tag == f"{_R}element" else "")
        if ":" in name:
            prefix, name = name.split(":", 1)
            ns = _XML_NS if prefix == "xml" else node.nsmap.get(prefix, "") or ""
        return ns or "", name

    @cached_property
    def start(self) -> set[tuple[str, str]]:
        """(namespace, local name) of the elements allowed as the root."""
        root = self._tree.getroot()
        found: set[tuple[str, str]] = set()
        if root.tag == f"{_R}element":
            name = self._name_of(root)
            return {name} if name else set()
        for start in root.iter(f"{_R}start"):
            self._collect_start(start, found, set())
        return found

    def _collect_start(self, node: etree._Element, found: set[tuple[str, str]],
                       seen: set[str]) -> None:
        for child in node:
            if child.tag == f"{_R}element":
                name = self._name_of(child)
                if name:
                    found.add(name)
            elif child.tag == f"{_R}ref":
                ref = child.get("name", "")
                if ref not in seen:
                    seen.add(ref)
                    for define in self._defines.get(ref, []):
                        self._collect_start(define, found, seen)
            elif isinstance(child.tag, str):
                self._collect_start(child, found, seen)

    def knows(self, local: str) -> bool:
        return local in self._elements

    # ---------------------------------------------------------------- content

    def element(self, local: str) -> ElementInfo | None:
        """What ``local`` may hold, or None if the schema has no element of that name."""
        if local not in self._elements:
            return None
        if local not in self._infos:
            info = ElementInfo(local)
            required: set[str] | None = None
            for pattern in self._elements[local]:
                walk = _Walk(info)
                here: set[str] = set()
                for child in pattern:
                    self._walk(child, walk, optional=False, required=here)
                required = here if required is None else required & here
            info.required = required or set()
            self._infos[local] = info
        return self._infos[local]

    def _walk(self, node: etree._Element, walk: _Walk, *, optional: bool,
              required: set[str]) -> None:
        tag = node.tag
        if not isinstance(tag, str) or not tag.startswith(_R):
            return
        kind = tag[len(_R):]
        if kind == "element":
            name = self._name_of(node)
            if name:
                walk.info.children.add(name[1])
        elif kind == "attribute":
            self._attribute(node, walk, optional=optional, required=required)
        elif kind in ("text", "data", "value", "list"):
            walk.info.text = True
        elif kind == "mixed":
            walk.info.text = True
            for child in node:
                self._walk(child, walk, optional=optional, required=required)
        elif kind == "ref" or kind == "parentRef":
            ref = node.get("name", "")
            if ref in walk.seen:
                return
            walk.seen.add(ref)
            for define in self._defines.get(ref, []):
                for child in define:
                    self._walk(child, walk, optional=optional, required=required)
        elif kind in ("optional", "zeroOrMore", "choice"):
            for child in node:
                self._walk(child, walk, optional=True, required=required)
        elif kind in ("group", "interleave", "oneOrMore", "define"):
            for child in node:
                self._walk(child, walk, optional=optional, required=required)

    def _attribute(self, node: etree._Element, walk: _Walk, *, optional: bool,
                   required: set[str]) -> None:
        name = self._name_of(node)
        if name is None:
            return
        clark = f"{{{name[0]}}}{name[1]}" if name[0] else name[1]
        values: set[str] | None = set()
        datatype = ""
        content = [child for child in node.iter() if child is not node]
        for child in content:
            if child.tag == f"{_R}value" and values is not None:
                values.add((child.text or "").strip())
            elif child.tag in (f"{_R}data", f"{_R}text", f"{_R}ref", f"{_R}list"):
                values = None
                if child.tag == f"{_R}data" and not datatype:
                    datatype = child.get("type", "")
        if not content:
            values = None
        previous = walk.info.attributes.get(clark, set())
        if previous is None or values is None:
            walk.info.attributes[clark] = None
        else:
            walk.info.attributes[clark] = previous | values
        if datatype:
            walk.info.datatypes[clark] = datatype
        if not optional:
            required.add(clark)


def datatype_problem(datatype: str, value: str) -> str | None:
    """What is wrong with ``value`` for a simple XML Schema type, if we can tell."""
    known = DATATYPES.get(datatype)
    if known is None:
        return None
    wanted, pattern = known
    return None if pattern.fullmatch(value) else wanted
