"""The whitespace the stylesheets strip (``xsl:strip-space`` of xslt/common.xsl), stripped
from the parsed document before it is handed to Saxon.

Saxon strips through a view of the document made anew for every transformation, so every
key of the stylesheets was built again for every page; the document views are compiled
without the declaration (:class:`edition.render.Renderer`) and get a document stripped
here by the same rule: a text node of whitespace only (space, tab, carriage return, line
feed) whose parent is one of the elements named, unless ``xml:space="preserve"`` holds
there. The names are read from common.xsl, their one home.
"""

from __future__ import annotations

import re
from functools import cache

from lxml import etree

from edition import paths

_XSL = "{http://www.w3.org/1999/XSL/Transform}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_WHITESPACE = " \t\r\n"
# XPath's white space (normalize-space, tokenize), not Python's wider one (no-break space)
_XPATH_SPACE = re.compile(r"[ \t\r\n]+")


def tokens(value: str) -> list[str]:
    """``value`` split as XPath's ``tokenize($value)`` splits it."""
    return [token for token in _XPATH_SPACE.split(value) if token]


def normalize_space(value: str) -> str:
    """``value`` as XPath's ``normalize-space($value)`` gives it."""
    return " ".join(tokens(value))


@cache
def stripped_elements() -> frozenset[str]:
    """The elements (Clark names) whose whitespace-only text children are stripped."""
    tree = etree.parse(str(paths.XSLT_DIR / "common.xsl"))
    names: set[str] = set()
    for declaration in tree.iter(f"{_XSL}strip-space"):
        for name in declaration.get("elements", "").split():
            prefix, _, local = name.rpartition(":")
            uri = declaration.nsmap.get(prefix or None)
            if local == "*" or (prefix and uri is None):
                raise ValueError(f"common.xsl: strip-space name {name!r} is not supported here")
            names.add(f"{{{uri}}}{local}" if uri else local)
    return frozenset(names)


def _blank(text: str | None) -> bool:
    return text is not None and not text.strip(_WHITESPACE)


def strip_space(root: etree._Element) -> None:
    """Remove the whitespace-only text nodes the stylesheets' xsl:strip-space would."""
    names = stripped_elements()
    for element in root.iter(*names):
        preserve = next((a.get(_XML_SPACE) for a in (element, *element.iterancestors())
                         if a.get(_XML_SPACE) is not None), "default")
        if preserve == "preserve":
            continue
        if _blank(element.text):
            element.text = None
        for child in element:
            if _blank(child.tail):
                child.tail = None
