"""Is a written page plainly safe: would the last check of the stylesheets change nothing?

Every page passes a last check before it is written (mode ``ed:safe`` of
``xslt/urls.xsl``): URL attributes through the allow-list, no event handlers, inline
styles or ``srcdoc``, no scripts but the edition's own and no elements that load other
content. Over a long page that check is a copy of the whole page in memory and a pass
over every attribute. :func:`plainly_safe` asks the same of the page as Saxon wrote it,
with a few text searches: when it finds nothing the check could change, the page is
kept as written; when it finds anything it cannot vouch for, the page is made again
with the stylesheets' own check on (:class:`edition.render.Renderer` does so). The
answer errs one way only: "plainly safe" means the stylesheets' check would keep the
page as it is; anything unusual (an attribute value it does not know to be a plain link,
a word that looks like an attribute in the text) sends the page to the full check.

The names it looks for (URL attributes, the elements checked, the attributes dropped)
are read from ``xslt/urls.xsl``, their one home.

It relies on how Saxon's HTML serializer writes a page: every attribute as
`` name="value"`` after a space (``"`` in a value escaped), ``<`` in text escaped.
"""

from __future__ import annotations

import re
from functools import cache

from lxml import etree

from edition import paths

_XSL = "{http://www.w3.org/1999/XSL/Transform}"
# a plain relative link or fragment (the stylesheets' fast path of ed:safe-url), or a
# web or mail address of printable characters ("&" only as "&amp;"): values the
# allow-list keeps as they are; the page is searched in lower case
_KEPT_VALUE = (rb'(?!(?!//)[a-z0-9._~/#?=%+\-]+"'
               rb'|(?:https?:|mailto:)(?:[!#-%\'-~]|&amp;)*")')
# the edition's own script element, as page.xsl writes it (searched in the page as written)
_OUR_SCRIPT = re.compile(rb'<script src="(?!//)[A-Za-z0-9._~/#?=%+\-]+\.js" defer></script>')
# before an attribute's name: the space that separates it, or the colon of its prefix
_ATTRIBUTE_START = frozenset(b" \t\n\r\f:")


def _names(variable: str) -> list[str]:
    """The quoted names in the select of the variable ``variable`` of urls.xsl."""
    tree = etree.parse(str(paths.XSLT_DIR / "urls.xsl"))
    for element in tree.iter(f"{_XSL}variable"):
        if element.get("name") == variable:
            return re.findall(r"'([^']+)'", element.get("select", ""))
    raise LookupError(f"urls.xsl has no variable {variable}")


def _after(names: list[str]) -> bytes:
    """At the ``="`` of an attribute named one of ``names`` (after a space or a prefix)."""
    return b"|".join(b'(?<=[\\s:]' + re.escape(name.encode()) + b'=")' for name in names)


@cache
def _searches() -> tuple[re.Pattern[bytes], re.Pattern[bytes], re.Pattern[bytes]]:
    """The searches, each one pass over the page (in lower case): URL attributes whose
    value the allow-list might change and attributes always dropped; attributes named
    like event handlers (the character before the name is checked after); elements
    checked by the last pass (with or without a prefix)."""
    # (a prefixed name, xlink:href, is found by its local name after the colon)
    urls = list(dict.fromkeys(name.split(":")[-1].lower()
                              for name in _names("ed:url-attributes")))
    dropped = [name.lower() for name in (*_names("ed:style-attributes"), "srcset")]
    attributes = re.compile(rb'="(?:(?:' + _after([u for u in urls if u != "srcset"]) + rb")"
                            + _KEPT_VALUE + rb"|" + _after(dropped) + rb")")
    prefixes = sorted({name.lower() for name in _names("ed:on-prefixes")})
    handlers = re.compile(rb"(?:" + b"|".join(re.escape(p.encode()) for p in prefixes)
                          + rb')[^\s"\'>/=<]*="')
    names = b"|".join(re.escape(name.lower().encode()) for name in _names("ed:checked-elements"))
    elements = re.compile(rb"<(?:[^\s<>/\"'=]*:)?(" + names + rb")[\s/>]")
    return attributes, handlers, elements


def plainly_safe(page: bytes) -> bool:
    """True when the stylesheets' last check would leave ``page`` as it is (see above);
    False when it might not."""
    attributes, handlers, elements = _searches()
    low = page.lower()  # ASCII letters only: every position stays where it was
    if attributes.search(low):
        return False
    for found in handlers.finditer(low):
        if found.start() and low[found.start() - 1] in _ATTRIBUTE_START:
            return False
    for found in elements.finditer(low):
        if not (found.group() == b"<script " and _OUR_SCRIPT.match(page, found.start())):
            return False
    return True
