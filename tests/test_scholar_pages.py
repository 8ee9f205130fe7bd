"""The scholar's pages without a browser: anchors, the edition tree, the country
outlines, the map and restrictions pages, the stems of the search index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree, html

from edition import geo
from edition.anchors import anchor_of, assign_anchors, citable_blocks
from edition.errors import EditionError
from edition.namespaces import XML_ID
from edition.render import Renderer
from edition.search import index_data
from edition.sitedata import edition_tree

FILES = Path(__file__).parent / "files"
TEI = "http://www.tei-c.org/ns/1.0"
DOC = f"""<TEI xmlns="{TEI}" xml:id="d1"><teiHeader><fileDesc><titleStmt><title>T</title>
</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p>s</p></sourceDesc>
</fileDesc><profileDesc><creation><date when="1954-03-01">March 1, 1954</date></creation>
</profileDesc></teiHeader><text><body><head>Heading</head>
<p>One <persName ref="registers.xml#kim">Kim</persName> said
<seg type="restricted" xml:id="r1">the figure</seg>
<note type="restriction" place="inline" target="#r1">(do not announce this)</note>.</p>
<p xml:id="p3">Given its own id.<note place="foot" n="1"><p>A note's paragraph.</p></note></p>
<p>Third, on <date when="1953-07-27">27 July 1953</date>.</p>
<list><item>An item</item></list>
</body></text></TEI>"""


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


def test_citable_blocks_get_anchors_in_document_order() -> None:
    root = etree.fromstring(DOC.encode())
    anchors = assign_anchors(root)
    blocks = citable_blocks(root)
    # head, p, p (given p3), p, item; the note's paragraph has none
    assert [anchors[b] for b in blocks] == ["p1", "p2", "p3", "p4", "p5"]
    assert all(b.get(XML_ID) for b in blocks)
    note_p = root.find(f".//{{{TEI}}}note/{{{TEI}}}p")
    assert note_p is not None and note_p.get(XML_ID) is None
    name = root.find(f".//{{{TEI}}}persName")
    assert name is not None and anchor_of(name, anchors) == "p2"


def test_an_anchor_taken_elsewhere_is_not_reused() -> None:
    root = etree.fromstring(DOC.replace('xml:id="r1"', 'xml:id="p4"')
                            .replace('target="#r1"', 'target="#p4"').encode())
    anchors = assign_anchors(root)
    assert sorted(anchors.values()) == ["p1", "p2", "p3", "p4-2", "p5"]


def test_both_views_give_the_same_anchors(renderer: Renderer) -> None:
    pages = renderer.render_document(DOC.encode(), "d1.xml")
    ids = []
    for view in ("reading", "diplomatic"):
        tree = html.fromstring(pages[f"{view}/d1.html"])
        ids.append(tree.xpath("//*[@class='document-text']//*[a[@class='anchor-link']]/@id"))
    assert ids[0] == ids[1] == ["p1", "p2", "p3", "p4", "p5"]


def test_the_restrictions_page_lists_the_instruction(renderer: Renderer) -> None:
    edition = edition_tree([("tei/d1.xml", DOC.encode()), ("tei/bad.xml", b"<oops")])
    assert len(edition) == 1  # the broken file is left out
    registers = (FILES / "registers" / "registers.xml").read_bytes()
    pages = renderer.render_cross_pages(registers, edition, None)
    page = html.fromstring(pages["restrictions.html"])
    item = page.xpath("//li[@class='restriction']")[0]
    assert "the figure" in item.text_content()
    assert "(do not announce this)" in item.text_content()
    assert item.xpath(".//a[@class='to-reading']/@href") == ["reading/d1.html#r1"]
    assert item.xpath(".//a[@class='to-diplomatic']/@href") == ["diplomatic/d1.html#r1"]
    # without outlines the map still draws the places it can, and says what is missing
    assert b"country outlines are missing" in pages["map.html"]


def test_country_outlines_decode_and_place_countries() -> None:
    if not (geo.WORLD_ATLAS / geo.DATASET).is_file():
        pytest.skip("world-atlas is not installed (make build runs npm ci)")
    countries = {c.get("name"): c for c in geo.geography()}
    assert len(countries) > 150
    china = countries["China"]
    assert 30 < float(china.get("lat", "0")) < 42 and 95 < float(china.get("lon", "0")) < 112
    assert china.get("geonames") == "1814991"  # through the gazetteer, by ISO number
    russia = countries["Russia"]  # crosses the antimeridian: still placed in Russia
    assert 40 < float(russia.get("lon", "0")) < 140
    assert china.get("d", "").startswith("M")


def test_a_missing_dataset_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EditionError, match="npm ci"):
        geo.geography(tmp_path / "countries-110m.json")
    (tmp_path / "bad.json").write_text(json.dumps({"objects": {}}))
    with pytest.raises(EditionError, match="country outlines"):
        geo.geography(tmp_path / "bad.json")


def test_the_index_carries_snowball_stems() -> None:
    data = index_data([{"id": "a", "title": "Negotiations", "text": "they negotiated",
                        "notes": ["the negotiating parties"]}])
    stems = data["stems"]
    assert stems["negotiations"] == stems["negotiated"] == stems["negotiating"] == "negoti"
    assert "they" not in stems  # a word that is its own stem is left out
