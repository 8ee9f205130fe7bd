"""Stable anchors for the citable blocks of a document: the same id in both views.

A block the TEI gives an ``xml:id`` keeps it. Every other citable block of ``text``
(paragraphs, headings, list items, verse lines, the parts of a letter's opener and
closer) gets ``p1``, ``p2``, … in document order, counted over the citable blocks of
the document: the anchor depends only on the TEI, so both views, the register pages and
the restrictions page name the same block the same way, and a rebuild keeps it. Blocks
inside notes get none (a note is shown twice, in its popover and in the list).

:func:`assign_anchors` works on the parsed tree in memory only; the TEI files are not
changed.
"""

from __future__ import annotations

from lxml import etree

from edition.namespaces import TEI_NS, XML_ID

# The blocks a reader may want to cite (their templates in xslt/common.xsl write the id).
CITABLE = frozenset({"p", "ab", "head", "item", "l", "salute", "signed", "dateline",
                     "opener", "closer", "postscript", "trailer", "byline"})
PREFIX = "p"
# Marks a citable block in the tree handed to the stylesheets (they find a passage's
# block by it); never written to a file.
MARK = "{urn:edition:functions}anchor"


def citable_blocks(root: etree._Element) -> list[etree._Element]:
    """The citable blocks of the document's text, in document order."""
    tags = [f"{{{TEI_NS}}}{name}" for name in sorted(CITABLE)]
    blocks: list[etree._Element] = []
    for text in root.iterfind(f"{{{TEI_NS}}}text"):
        # everything inside a note or a header is left out (lxml filters by tag natively)
        inside: set[etree._Element] = set()
        for outer in text.iter(f"{{{TEI_NS}}}note", f"{{{TEI_NS}}}teiHeader"):
            inside.update(outer.iter(*tags))
        blocks.extend(element for element in text.iter(*tags) if element not in inside)
    return blocks


def assign_anchors(root: etree._Element, *, mark: bool = True) -> dict[etree._Element, str]:
    """Give each citable block without an ``xml:id`` its anchor; return every citable
    block's anchor (given or assigned). An anchor that another element already holds is
    not reused: the block gets ``p<N>-<k>`` instead. With ``mark``, each block also
    gets the :data:`MARK` attribute (the pages that look across documents find a
    passage's block by it; a document's own views do not need it)."""
    ids = root.xpath("//@xml:id")  # (the document's every id: lxml finds them natively)
    taken = {str(value) for value in ids} if isinstance(ids, list) else set()
    anchors: dict[etree._Element, str] = {}
    for number, block in enumerate(citable_blocks(root), start=1):
        if mark:
            block.set(MARK, "yes")
        given = block.get(XML_ID)
        if given:
            anchors[block] = given
            continue
        anchor = f"{PREFIX}{number}"
        k = 1
        while anchor in taken:
            k += 1
            anchor = f"{PREFIX}{number}-{k}"
        taken.add(anchor)
        block.set(XML_ID, anchor)
        anchors[block] = anchor
    if mark:  # one declaration of the mark's namespace, on the root (not one per element)
        etree.cleanup_namespaces(root, top_nsmap={"ed": MARK[1:].split("}")[0]})
    return anchors


def anchor_of(element: etree._Element, anchors: dict[etree._Element, str]) -> str | None:
    """The anchor of the citable block that holds ``element`` (itself included)."""
    for candidate in (element, *element.iterancestors()):
        if candidate in anchors:
            return anchors[candidate]
    return None
