"""Reading back what the index needs from a TEI file of the edition (ours or edited)."""

from __future__ import annotations

from lxml import etree

from edition.model import DateValue, Metadata
from edition.namespaces import NS, XML_ID

OTHER = "Other sources"


def _text(tree: etree._ElementTree, path: str) -> str | None:
    value = tree.xpath(f"string(({path})[1])", namespaces=NS)
    return " ".join(str(value).split()) or None


def source_group(tree: etree._ElementTree) -> str:
    """How the index groups a document: its collection, its series, or the web
    publication it was read from (sourceDesc/bibl[@type='publication'])."""
    return (_text(tree, "//t:sourceDesc/t:bibl[@type='collection']/t:title")
            or _text(tree, "//t:titleStmt/t:title[@type='sub']")
            or _text(tree, "//t:sourceDesc/t:bibl[@type='publication']/t:title")
            or OTHER)


def metadata_from_tei(tree: etree._ElementTree) -> Metadata:
    root = tree.getroot()
    date = None
    for el in root.iterfind(".//t:profileDesc/t:creation/t:date", NS):
        attrs = tuple((k, str(v)) for k in ("when", "from", "to", "notBefore", "notAfter")
                      if (v := el.get(k)))
        date = DateValue(" ".join(str(el.xpath("string()")).split()), attrs)
    return Metadata(
        doc_id=root.get(XML_ID) or "",
        title=_text(tree, "//t:titleStmt/t:title[@type='main']") or "",
        seed=_text(tree, "//t:sourceDesc/t:bibl[@type='seed']/t:idno[@type='seed']") or "",
        seed_format="",
        date=date,
        number=_text(tree, "/t:TEI/t:text/t:body/t:div[@type='document']/@n"),
        source_group=source_group(tree),
        first_line=int(_text(tree, "//t:bibl[@type='seed']/t:citedRange/@from") or 0),
    )
