"""The whitespace of xsl:strip-space (xslt/common.xsl) stripped in Python before the
document views run (edition/whitespace.py): the same text nodes as Saxon strips."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree
from saxonche import PySaxonProcessor

from edition import paths
from edition.whitespace import strip_space

REFERENCE = paths.ROOT.parent / "shared" / "reference"
SAMPLES = [*sorted((REFERENCE / "tei-samples").rglob("*.xml"))[:5],
           *sorted(paths.TEI_DIR.glob("scr-07*.xml"))[:2]]
PRESERVED = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text>
  <body xml:space="preserve">
    <div>  <p> a </p>
      <list> <item>x</item> </list></div>
    <div xml:space="default"> <p>b</p> <lg>&#9;<l>c</l>&#10;</lg> </div>
  </body>
  <back> <!-- c --> <div>&#160;<p>d</p></div> <?pi x?> </back>
</text></TEI>"""

COPY = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="{common}"/>
  <xsl:output method="xml" indent="no"/>
  <xsl:template match="/" priority="99"><xsl:copy-of select="."/></xsl:template>
</xsl:stylesheet>"""


@pytest.fixture(scope="module")
def saxon() -> tuple[Any, Any, Any]:
    processor = PySaxonProcessor(license=False)
    xslt = processor.new_xslt30_processor()
    text = COPY.format(common=(paths.XSLT_DIR / "common.xsl").as_uri())
    stripping = xslt.compile_stylesheet(stylesheet_text=text)
    xslt.set_parameter("{urn:edition:functions}strip-space",
                       processor.make_boolean_value(False))
    keeping = xslt.compile_stylesheet(stylesheet_text=text)
    xslt.clear_parameters()
    return processor, stripping, keeping


@pytest.mark.parametrize("data", [PRESERVED, *(p.read_bytes() for p in SAMPLES)],
                         ids=["preserved", *(p.name for p in SAMPLES)])
def test_python_strips_what_saxon_strips(saxon: tuple[Any, Any, Any],
                                         data: bytes) -> None:
    processor, stripping, keeping = saxon
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    by_saxon = stripping.transform_to_string(
        xdm_node=processor.parse_xml(xml_text=etree.tostring(root, encoding="unicode")))
    strip_space(root)
    by_python = keeping.transform_to_string(
        xdm_node=processor.parse_xml(xml_text=etree.tostring(root, encoding="unicode")))
    assert by_python == by_saxon
    if data is PRESERVED:
        assert "<p>b</p><lg><l>c</l></lg>" in by_python  # stripped under xml:space="default"
        assert "<div>  <p> a </p>" in by_python  # kept under xml:space="preserve"
        assert "&#160;" in by_python or "\u00a0" in by_python  # no-break space is no whitespace
