"""Our customisation of TEI as an ODD (``schema/edition.odd``), and the reading of RELAX NG
schemas that checks it against ``schema/edition.rng``.

The ODD says, in TEI's own terms, what our RELAX NG schema allows: the TEI elements we
use (``elementRef``), for each the TEI attributes we do not allow (``attDef
mode="delete"``) and the closed lists of values we do allow (``valList
type="closed"``). It is written by :func:`odd_from_schemas` from our RNG and TEI's
``tei_all.rng`` (run it again after a change to the RNG, or edit the ODD by hand);
tests/test_odd.py checks that its element set, its attribute sets and its value lists
are those of edition.rng, and that it is valid TEI.

``python -m edition.odd TEI_ALL.rng`` prints the ODD the schemas give now.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.namespaces import TEI_NS
from edition.paths import EDITION_RNG
from edition.release import PUBLISHER

RNG_NS = "http://relaxng.org/ns/structure/1.0"
R = f"{{{RNG_NS}}}"
T = f"{{{TEI_NS}}}"


@dataclass
class Declared:
    """What a schema allows on one element: attribute name → closed values (None: open)."""

    attributes: dict[str, set[str] | None] = field(default_factory=dict)

    def add(self, name: str, values: set[str] | None) -> None:
        if name in self.attributes:
            old = self.attributes[name]
            self.attributes[name] = None if old is None or values is None else old | values
        else:
            self.attributes[name] = values


def _attribute_values(attribute: etree._Element) -> set[str] | None:
    """The closed list of values of an attribute pattern, or None when it is open."""
    content = [c for c in attribute.iter() if c is not attribute and isinstance(c.tag, str)
               and c.tag != f"{R}name"]
    if content and all(c.tag in (f"{R}value", f"{R}choice") for c in content):
        values = {(c.text or "").strip() for c in content if c.tag == f"{R}value"}
        return values or None
    return None


def _attribute_name(attribute: etree._Element) -> str | None:
    name = attribute.get("name")
    if name is None:
        child = attribute.find(f"{R}name")
        name = child.text.strip() if child is not None and child.text else None
    return name


class Grammar:
    """A RELAX NG grammar read as XML: the elements it declares and their attributes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        root = etree.parse(str(path)).getroot()
        self._defines: dict[str, list[etree._Element]] = {}
        for define in root.iter(f"{R}define"):
            self._defines.setdefault(str(define.get("name")), []).append(define)
        self._elements: dict[str, list[etree._Element]] = {}
        for element in root.iter(f"{R}element"):
            name = element.get("name")
            if name is not None:
                self._elements.setdefault(name, []).append(element)

    def element_names(self) -> set[str]:
        return set(self._elements)

    def declared(self, name: str) -> Declared:
        """The attributes of every element pattern of that name, together."""
        found = Declared()
        for element in self._elements.get(name, []):
            self._collect(element, found, set())
        return found

    def _collect(self, pattern: etree._Element, found: Declared, seen: set[str]) -> None:
        """Attributes of ``pattern``, following refs but not into child elements."""
        for child in pattern:
            if not isinstance(child.tag, str) or child.tag == f"{R}element":
                continue
            if child.tag == f"{R}attribute":
                attr = _attribute_name(child)
                if attr:
                    found.add(attr, _attribute_values(child))
            elif child.tag == f"{R}ref":
                ref = str(child.get("name"))
                if ref not in seen:
                    seen.add(ref)
                    for define in self._defines.get(ref, []):
                        self._collect(define, found, seen)
            else:
                self._collect(child, found, seen)


def odd_from_schemas(ours: Path, tei_all: Path) -> bytes:
    """An ODD of our schema: TEI's elements we use, the TEI attributes we leave out, the
    closed value lists we allow."""
    mine, theirs = Grammar(ours), Grammar(tei_all)
    root = etree.Element(f"{T}TEI", nsmap={None: TEI_NS, "rng": RNG_NS})  # type: ignore[dict-item]
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    header = etree.SubElement(root, f"{T}teiHeader")
    file_desc = etree.SubElement(header, f"{T}fileDesc")
    title_stmt = etree.SubElement(file_desc, f"{T}titleStmt")
    etree.SubElement(title_stmt, f"{T}title").text = f"{PUBLISHER}: the TEI customisation"
    pub = etree.SubElement(file_desc, f"{T}publicationStmt")
    etree.SubElement(pub, f"{T}publisher").text = PUBLISHER
    source = etree.SubElement(file_desc, f"{T}sourceDesc")
    etree.SubElement(source, f"{T}p").text = (
        "Written from schema/edition.rng and TEI P5's tei_all.rng by edition/odd.py; "
        "tests/test_odd.py checks that the two agree.")
    body = etree.SubElement(etree.SubElement(root, f"{T}text"), f"{T}body")
    etree.SubElement(body, f"{T}head").text = "What the edition's TEI may hold"
    for text in (
        "The edition's TEI files use a strict subset of TEI P5: the elements listed below, "
        "each with only the attributes TEI gives it less those deleted here, and for some "
        "attributes only the values listed. docs/encoding.md says how each feature of the "
        "sources is encoded; schema/edition.rng states the same subset in RELAX NG, with "
        "content models narrowed further, and schema/edition.sch adds the rules RELAX NG "
        "cannot state (unique ids, pointers that resolve, ISO dates, footnote order).",
        "Two kinds of file share the schema: a document (and the corpus file, a list of "
        "documents) and the registers file (TEI xml:id=\"registers\") holding the persons, "
        "places and organisations the documents name.",
    ):
        etree.SubElement(body, f"{T}p").text = text
    spec = etree.SubElement(body, f"{T}schemaSpec", ident="edition", start="TEI",
                            ns=TEI_NS)
    etree.SubElement(spec, f"{T}moduleRef", key="tei")
    names = sorted(mine.element_names())
    for name in names:
        etree.SubElement(spec, f"{T}elementRef", key=name)
    for name in names:
        allowed = mine.declared(name).attributes
        tei = theirs.declared(name).attributes
        deleted = sorted(set(tei) - set(allowed))
        closed = {a: v for a, v in sorted(allowed.items()) if v is not None}
        added = sorted(set(allowed) - set(tei))
        if not (deleted or closed or added):
            continue
        element_spec = etree.SubElement(spec, f"{T}elementSpec", ident=name, mode="change")
        att_list = etree.SubElement(element_spec, f"{T}attList")
        for attr in deleted:
            etree.SubElement(att_list, f"{T}attDef", ident=attr, mode="delete")
        for attr, values in closed.items():
            att_def = etree.SubElement(att_list, f"{T}attDef", ident=attr,
                                       mode="add" if attr in added else "change")
            val_list = etree.SubElement(att_def, f"{T}valList", type="closed", mode="replace")
            for value in sorted(values):
                etree.SubElement(val_list, f"{T}valItem", ident=value)
        for attr in added:
            if attr not in closed:
                etree.SubElement(att_list, f"{T}attDef", ident=attr, mode="add")
    etree.indent(root, space="  ")
    data: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=True)
    return data + b"\n"


def odd_declares(odd: Path, tei_all: Path) -> dict[str, Declared]:
    """What an ODD of this shape allows: per element, TEI's attributes (from tei_all)
    less the deleted ones plus the added ones, with the closed value lists it gives."""
    root = etree.parse(str(odd)).getroot()
    theirs = Grammar(tei_all)
    spec = root.find(f".//{T}schemaSpec")
    if spec is None:
        return {}
    names = {str(ref.get("key")) for ref in spec.iterfind(f"{T}elementRef")}
    names |= {str(e.get("ident")) for e in spec.iterfind(f"{T}elementSpec[@mode='add']")}
    result = {name: Declared(dict(theirs.declared(name).attributes)) for name in names}
    for element_spec in spec.iterfind(f"{T}elementSpec"):
        declared = result.setdefault(str(element_spec.get("ident")), Declared())
        for att_def in element_spec.iterfind(f"{T}attList/{T}attDef"):
            ident, mode = str(att_def.get("ident")), att_def.get("mode", "add")
            if mode == "delete":
                declared.attributes.pop(ident, None)
                continue
            items = att_def.findall(f"{T}valList[@type='closed']/{T}valItem")
            declared.attributes[ident] = {str(i.get("ident")) for i in items} if items else (
                declared.attributes.get(ident) if mode == "change" else None)
    return result


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m edition.odd TEI_ALL.rng > schema/edition.odd", file=sys.stderr)
        return 2
    sys.stdout.buffer.write(odd_from_schemas(EDITION_RNG, Path(args[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
