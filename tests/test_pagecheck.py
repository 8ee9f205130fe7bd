"""The last safety check of a document page, made as a search of the written page
(edition/pagecheck.py) with the stylesheets' own pass (mode ed:safe) when it cannot vouch.

What must hold: a page the search calls plainly safe is the page the stylesheets' pass
would have written; anything the pass would change sends the page to it; and a template
that forgets the allow-list still cannot write a live link.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from edition import paths
from edition.pagecheck import plainly_safe
from edition.render import VIEWS, Renderer, _tei_root

FILES = Path(__file__).parent / "files"
HOSTILE = sorted((FILES / "hostile").glob("hostile-*.xml"))
SAMPLES = sorted((paths.ROOT.parent / "shared" / "reference" / "tei-samples").rglob("*.xml"))

PLAIN = (b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
         b'<script src="../assets/edition.js" defer></script></head><body>'
         b'<a class="anchor-link" href="#p1" aria-label="Link (p1)"></a>'
         b'<a href="../persons.html#kim-il-sung">Kim</a>'
         b'<a href="https://example.org/a?b=1&amp;c=2">web</a><a href="mailto:a@b.org">mail</a>'
         b'<meta name="description" content="once upon a time on the shore">'
         b'<p>He wrote on style and on the script of a manuscript: "href" is a word.</p>'
         b'</body></html>')


def test_a_plain_page_is_plainly_safe() -> None:
    assert plainly_safe(PLAIN)


@pytest.mark.parametrize("insert", [
    b'<a href="javascript:alert(1)">x</a>',
    b'<a HREF="JavaScript:alert(1)">x</a>',
    b'<a href="java&#9;script:alert(1)">x</a>',
    b'<a href="https://ok.org/&#10;x">x</a>',
    b'<a href="//evil.org/x">x</a>',
    b'<a href="">x</a>',
    b'<a href="data:text/html,x">x</a>',
    b'<a xlink:href="javascript:x">x</a>',
    b'<img src="x.png" srcset="a.png 1x">',
    b'<p onclick="alert(1)">x</p>',
    b'<p ONMOUSEOVER="alert(1)">x</p>',
    b'<p x:onload="alert(1)">x</p>',
    b'<p style="color: red">x</p>',
    b'<iframe srcdoc="x"></iframe>',
    b'<iframe src="x.html"></iframe>',
    b'<object data="x.swf"></object>',
    b'<embed src="x.swf">',
    b'<base href="https://evil.org/">',
    b'<svg:script href="x.js"></svg:script>',
    b'<script>alert(1)</script>',
    b'<script src="https://evil.org/x.js" defer></script>',
    b'<script src="../assets/x.JS" defer></script>',
    b'<form action="javascript:x"></form>',
    b'<q cite="vbscript:x">x</q>',
    b'<p title="a" data="javascript:x">x</p>',
])
def test_anything_the_stylesheets_check_could_change_is_sent_to_it(insert: bytes) -> None:
    assert not plainly_safe(PLAIN.replace(b"</body>", insert + b"</body>"))


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(stylesheets=VIEWS)


@pytest.mark.parametrize("path", HOSTILE + SAMPLES[:6], ids=lambda p: p.name)
def test_a_page_called_plainly_safe_is_what_the_full_check_writes(
        renderer: Renderer, path: Path) -> None:
    """The search's "plainly safe" against the stylesheets' own pass, on the hostile
    corpus and other projects' TEI; the pages it cannot vouch for are the full check's."""
    root = _tei_root(path.read_bytes(), str(path), "a TEI document", "<TEI>")
    node = renderer._to_saxon(root, str(path))
    for view in VIEWS:
        quick, _ = renderer._run(view, node, str(path), path.stem, {}, None, safe_pass=False)
        full, _ = renderer._run(view, node, str(path), path.stem, {}, None, safe_pass=True)
        if plainly_safe(quick):
            assert quick == full, (path.name, view)
        page, _ = renderer._transform(view, node, str(path), path.stem)
        assert page == full, (path.name, view)


@pytest.mark.parametrize("hostile", [False, True], ids=["registers", "hostile-note"])
def test_a_register_page_checked_after_is_what_the_full_check_writes(hostile: bool) -> None:
    """The register pages are long (some 3 MB at 1,000 documents): written as Saxon
    makes them and searched, like the document views. What the renderer gives is the
    page of the stylesheets' own check, for the edition's registers and for one whose
    entry note carries a script link."""
    data = (paths.ROOT / "tei" / "registers.xml").read_bytes()
    if hostile:
        data = data.replace(b"of the USSR (docs. 85, 103).</note>",
                            b'of the USSR <ref target="javascript:alert(1)">here</ref>.</note>', 1)
        assert b"javascript:" in data
    renderer = Renderer(stylesheets=())
    root = _tei_root(data, "registers.xml", "a registers file", "<TEI>")
    node = renderer._to_saxon(root, "registers.xml")
    for register in ("persons", "places", "organisations"):
        parameters = {"register": register}
        full, _ = renderer._run("registers", node, "registers.xml", "", parameters, None,
                                safe_pass=True)
        quick, _ = renderer._run("registers", node, "registers.xml", "", parameters, None,
                                 safe_pass=False)
        assert plainly_safe(quick) or hostile, register
        page, _ = renderer._transform("registers", node, "registers.xml", "", parameters)
        assert page == full, register
        assert b"javascript:" not in page.lower(), register


FORGETFUL = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0">
  <xsl:import href="{sheet}"/>
  <!-- a template that forgets the allow-list -->
  <xsl:template match="tei:ref" mode="reading diplomatic" priority="9">
    <a href="{{@target}}" onclick="{{@n}}"><xsl:apply-templates mode="#current"/></a>
  </xsl:template>
</xsl:stylesheet>"""

HOSTILE_REF = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Forgetful</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body>
<p>See <ref target="javascript:alert(1)" n="alert(2)">here</ref> and
<ref target="#p1" n="">there</ref>.</p></body></text></TEI>"""


def test_a_template_that_forgets_the_allow_list_still_writes_no_live_link(
        tmp_path: Path) -> None:
    # the views' one stylesheet (views.xsl), with a template of its own that forgets
    (tmp_path / "views.xsl").write_text(
        FORGETFUL.format(sheet=(paths.XSLT_DIR / "views.xsl").as_uri()), encoding="utf-8")
    renderer = Renderer(xslt_dir=tmp_path, stylesheets=VIEWS)
    pages = renderer.render_document(HOSTILE_REF.encode(), "forgetful.xml")
    for view in VIEWS:
        page = pages[f"{view}/forgetful.html"]
        assert b"javascript:" not in page and b"onclick" not in page, view
        assert b'href="#p1">there</a>' in page, view
    assert any("unsafe link dropped from the page" in w for w in renderer.take_warnings())
