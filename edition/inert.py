"""The TEI file as the site publishes it (``tei/<id>.xml``): inert in a browser.

A browser that opens an XML file runs what it recognises in it: an element
``script`` in the XHTML or SVG namespace, an event handler (``onload``) on an XHTML,
SVG or MathML element, an ``<?xml-stylesheet?>`` instruction (an XSLT stylesheet
that writes HTML with script). TEI files do not need any of these, and a hostile one
could use them, so the copy in the site keeps every element, attribute and word but
not their power: an element of those namespaces is moved into a namespace of its own
(``urn:edition:inert:`` + the original namespace), and an ``xml-stylesheet``
instruction is left out. Each change is a warning naming the file and line. A file
without any of them is published byte for byte.
"""

from __future__ import annotations

from lxml import etree

from edition.xmlio import parse_bytes

INERT = "urn:edition:inert:"
ACTIVE_NAMESPACES = frozenset({
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1998/Math/MathML",
    "http://www.w3.org/1999/XSL/Transform",
})
STYLESHEET_PI = "xml-stylesheet"


def _line(node: etree._Element) -> int:
    line = node.sourceline
    return line if isinstance(line, int) else 0


def inert_tei(data: bytes, root: etree._Element, source_name: str) -> tuple[bytes, list[str]]:
    """The bytes to publish for a TEI file and warnings; ``root`` is its safe parse (only
    read, to find whether anything needs to be made inert)."""
    prolog = list(root.itersiblings(preceding=True))[::-1]
    after = list(root.itersiblings())
    active = [e for e in root.iter() if isinstance(e.tag, str)
              and etree.QName(e).namespace in ACTIVE_NAMESPACES]
    instructions = [pi for pi in (*prolog, *root.iter(etree.ProcessingInstruction), *after)
                    if isinstance(pi, etree._ProcessingInstruction)
                    and pi.target == STYLESHEET_PI]
    if not active and not instructions:
        return data, []
    # the copy is made from the file's own bytes: the caller's tree may carry marks
    root = parse_bytes(data, source_name).getroot()
    prolog = list(root.itersiblings(preceding=True))[::-1]
    after = list(root.itersiblings())
    instructions = [pi for pi in (*prolog, *root.iter(etree.ProcessingInstruction), *after)
                    if isinstance(pi, etree._ProcessingInstruction)
                    and pi.target == STYLESHEET_PI]
    warnings = [
        f"{source_name}:{_line(pi)}:0: warning: <?{STYLESHEET_PI}?> left out of the copy "
        "published in the site: a browser would run the stylesheet it names"
        for pi in instructions
    ]
    copy = etree.fromstring(etree.tostring(root, with_tail=False), etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False))
    for original, element in zip(root.iter(), copy.iter(), strict=True):
        if isinstance(original.tag, str) and etree.QName(original).namespace in ACTIVE_NAMESPACES:
            name = etree.QName(original)
            element.tag = f"{{{INERT}{name.namespace}}}{name.localname}"
            warnings.append(
                f"{source_name}:{_line(original)}:0: warning: <{name.localname}> in the "
                f"namespace {name.namespace} made inert in the copy published in the site "
                f"(moved to the namespace {INERT}{name.namespace}): a browser would act on it")
        elif isinstance(original, etree._ProcessingInstruction) \
                and original.target == STYLESHEET_PI:
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
    etree.cleanup_namespaces(copy)
    kept = [node for node in (*prolog, *after)
            if not (isinstance(node, etree._ProcessingInstruction)
                    and node.target == STYLESHEET_PI)]
    parts = [b'<?xml version="1.0" encoding="UTF-8"?>\n']
    for node in prolog:
        if node in kept:
            parts.append(etree.tostring(node) + b"\n")
    parts.append(etree.tostring(copy, encoding="UTF-8", xml_declaration=False))
    for node in after:
        if node in kept:
            parts.append(b"\n" + etree.tostring(node))
    return b"".join(parts) + b"\n", warnings
