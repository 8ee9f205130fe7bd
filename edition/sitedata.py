"""The whole edition as one tree, for the pages that look across documents.

:func:`edition_tree` puts every TEI document of the edition (anchors assigned, as the
views give them: :mod:`edition.anchors`) under one ``teiCorpus``. The register pages
(each mention linked to its paragraph), the timeline (the dated events the documents
mention), the restrictions page and the map read it as the stylesheet parameter
``$edition``. A document that cannot be parsed is left out (``edition validate``
reports it; its pages are not rendered either).
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from edition.anchors import assign_anchors
from edition.errors import EditionError
from edition.namespaces import TEI_NS
from edition.xmlio import parse_bytes

# The document's file name without .xml, on its TEI element (the pages are named so).
FILE = "{urn:edition:functions}file"


def edition_tree(documents: Iterable[tuple[str, bytes]]) -> etree._Element:
    """A ``teiCorpus`` holding each document (given as name and TEI bytes) whose root
    is a TEI element, each with its anchors."""
    corpus = etree.fromstring(
        f'<teiCorpus xmlns="{TEI_NS}" xmlns:ed="urn:edition:functions"/>'.encode())
    for name, data in documents:
        try:
            root = parse_bytes(data, name).getroot()
        except EditionError:
            continue
        if root.tag != f"{{{TEI_NS}}}TEI":
            continue
        assign_anchors(root)
        root.set(FILE, name.rsplit("/", 1)[-1].removesuffix(".xml"))
        corpus.append(root)
    return corpus
