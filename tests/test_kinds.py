"""Issue 8's text and structure kinds, each on a real passage of the seeds.

Each test names the seed line it reads; the document is converted afresh (the
session's ``converted`` fixture), so the test sees what the readers make of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree, html

from edition.read.inline import InlineParser
from edition.render import Renderer
from edition.rules import load_rules
from edition.xmlio import parse_file

NS = {"t": "http://www.tei-c.org/ns/1.0"}
TEI_NS = "{http://www.tei-c.org/ns/1.0}"


def _tree(converted: Path, name: str) -> etree._ElementTree:
    return parse_file(converted / f"{name}.xml")


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


def _pages(renderer: Renderer, converted: Path, name: str) -> dict[str, bytes]:
    path = converted / f"{name}.xml"
    return renderer.render_document(path.read_bytes(), str(path))


def _plain(page: bytes) -> str:
    """What a tool that ignores markup reads: the text nodes of <main>, concatenated."""
    main = html.fromstring(page).find(".//main")
    assert main is not None
    return "".join(main.itertext())


# ----- wrong kinds -----------------------------------------------------------------


def test_omission_with_any_spacing_is_a_gap(converted: Path) -> None:
    # 001 line 272: "… the Indochinese question. [... ] Fundamental political changes"
    t = _tree(converted, "scr-075")
    assert not t.xpath("//t:supplied[normalize-space(translate(., '.', ''))='']", namespaces=NS)
    gap = t.xpath("//t:p[contains(., 'Fundamental political changes')]/t:gap", namespaces=NS)
    assert [g.get("reason") for g in gap] == ["omitted"]
    parser = InlineParser(load_rules(), "x")
    for text in ("a [...] b", "a [... ] b", "a [ ... ] b", "a [. . .] b", "a […] b"):
        nodes = parser.parse(text)
        assert [n.tag for n in nodes if not isinstance(n, str)] == ["gap"], text


def test_alternative_romanisation_is_a_choice(converted: Path) -> None:
    # 003 line 40: "South Pyeongan [Pyongan] Province"
    t = _tree(converted, "wcda-114177")
    choice = t.xpath("//t:choice[t:orig='Pyeongan']", namespaces=NS)
    assert len(choice) == 1
    assert choice[0].xpath("string(t:reg[@rend='brackets'])", namespaces=NS) == "Pyongan"
    assert not t.xpath("//t:supplied[.='Pyongan']", namespaces=NS)
    # a supplied word stays supplied: "[North] Korea", "the [we]"
    parser = InlineParser(load_rules(), "x")
    for text, word in (("the [North] Korea", "North"), ("Korea [Chosen] and", "Chosen"),
                       ("Kim [Kim Il Sung]", "Kim Il Sung")):
        nodes = [n for n in parser.parse(text) if not isinstance(n, str)]
        assert [(n.tag, n.text()) for n in nodes] == [("supplied", word)], text


def test_alternative_romanisation_in_both_views(renderer: Renderer, converted: Path) -> None:
    pages = _pages(renderer, converted, "wcda-114177")
    assert "South Pyeongan [Pyongan] Province" in _plain(pages["diplomatic/wcda-114177.html"])
    assert "South Pyongan" in " ".join(_plain(pages["reading/wcda-114177.html"]).split())


# ----- words glued -------------------------------------------------------------------


def test_every_lb_has_white_space_on_one_side(converted: Path) -> None:
    glued = []
    for path in sorted(converted.glob("*.xml")):
        for lb in parse_file(path).iter(f"{TEI_NS}lb"):
            prev = lb.getprevious()
            before = (prev.tail if prev is not None else lb.getparent().text) or ""
            after = lb.tail or ""
            if before[-1:].isalnum() and after[:1].isalnum():
                glued.append(f"{path.name}: {before[-20:]!r}<lb/>{after[:20]!r}")
            elif prev is not None and not before and "".join(prev.itertext())[-1:].isalnum() \
                    and after[:1].isalnum():
                glued.append(f"{path.name}: <{prev.tag}>…<lb/>{after[:20]!r}")
    assert glued == []


def test_break_does_not_join_words_in_either_view(renderer: Renderer,
                                                  converted: Path) -> None:
    # 000 lines 29-31: "This victory" / "not only caused the enemy …"
    pages = _pages(renderer, converted, "wcda-114169")
    for view in ("reading", "diplomatic"):
        text = _plain(pages[f"{view}/wcda-114169.html"])
        assert "victorynot" not in text
        assert "victory" in text and "not only caused" in text
    tei = (converted / "wcda-114169.xml").read_text(encoding="utf-8")
    assert "victory<lb" not in tei and "for<lb/>the" not in tei
