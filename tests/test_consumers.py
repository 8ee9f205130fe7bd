"""Our TEI read by other people's tools: CETEIcean (the npm package, in Chromium) and the
TEI Consortium's Stylesheets (html/html.xsl, through saxonche).

For each of our TEI files, every word of its ``text`` must be shown as a word of its
own: the words are read from the TEI here, independently of both tools, with
``lb``/``pb``/``cb`` as word breaks (a break with no white space beside it would glue
two words in any consumer), a note apart from the words around its anchor, and, of a
``choice``, the editors' reading (corr, reg,
expan), which both tools show. The comparison is of word counts, not order: both tools
move notes (CETEIcean to a list at the end, html.xsl to footnotes).
"""

from __future__ import annotations

import re
import shutil
import threading
from collections import Counter
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from edition.xmlio import parse_file
from tests.conftest import FILES, ROOT, TEI, shared

TEI_NS = "{http://www.tei-c.org/ns/1.0}"
WORD = re.compile(r"\w+")
BREAKS = ("lb", "pb", "cb")
EDITORIAL = ("corr", "reg", "expan")
CETEI_JS = ROOT / "node_modules" / "CETEIcean" / "dist" / "CETEI.js"
DOCUMENTS = sorted(p for p in TEI.glob("*.xml") if p.name not in ("corpus.xml", "registers.xml"))


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _walk(element: etree._Element, out: list[str]) -> None:
    name = _local(element)
    if name in BREAKS:
        out.append(" ")
    if name == "choice":
        children = [c for c in element if isinstance(c.tag, str)]
        shown = next((c for c in children if _local(c) in EDITORIAL), children[0] if children
                     else None)
        out.append(" ")
        if shown is not None:
            _walk(shown, out)
        out.append(" ")
        return
    if name == "note":  # out of line: both tools move it away from its anchor
        out.append(" ")
    if element.text:
        out.append(element.text)
    for child in element:
        if isinstance(child.tag, str):
            _walk(child, out)
        if child.tail:
            out.append(child.tail)
    if name == "note":
        out.append(" ")


def text_words(path: Path) -> Counter[str]:
    """The words of a TEI file's ``text`` as a reader of the TEI should see them."""
    text = parse_file(path).getroot().find(f"{TEI_NS}text")
    assert text is not None, path
    out: list[str] = []
    _walk(text, out)
    return Counter(WORD.findall("".join(out)))


def _missing(path: Path, shown: str) -> Counter[str]:
    return text_words(path) - Counter(WORD.findall(shown))


def test_word_reading_sees_a_glued_break(tmp_path: Path) -> None:
    """The reference itself: a break is a word boundary, a choice gives one reading."""
    sample = tmp_path / "glued.xml"
    sample.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>This victory<lb/>not '
        "only <choice><sic>Truth</sic><corr>Pravda</corr></choice></p></body></text></TEI>",
        encoding="utf-8")
    assert text_words(sample) == Counter(["This", "victory", "not", "only", "Pravda"])
    assert _missing(sample, "This victorynot only Pravda") == Counter(["victory", "not"])


# ------------------------------------------------------------------ TEI Stylesheets


@pytest.fixture(scope="module")
def tei_html() -> Any:
    """html.xsl of the TEI Stylesheets, compiled once."""
    saxonche = pytest.importorskip("saxonche")
    stylesheet = shared("reference", "tei-stylesheets", "html", "html.xsl")
    processor = saxonche.PySaxonProcessor(license=False)
    executable = processor.new_xslt30_processor().compile_stylesheet(
        stylesheet_file=str(stylesheet))
    assert executable is not None
    executable.set_save_xsl_message(True)
    return processor, executable


def _body_text(html_text: str) -> str:
    from lxml import html

    body = html.fromstring(html_text).find(".//body")
    assert body is not None
    for hidden in body.xpath(".//script | .//style"):
        hidden.getparent().remove(hidden)
    return " ".join(body.itertext())


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_tei_stylesheets_show_every_word(tei_html: Any, path: Path) -> None:
    processor, executable = tei_html
    executable.clear_xsl_messages()
    node = processor.parse_xml(xml_file_name=str(path))
    result = executable.transform_to_string(xdm_node=node)
    assert result, f"html.xsl gave nothing for {path.name}"
    messages = executable.get_xsl_messages()
    texts = [str(messages.item_at(i).string_value) for i in range(messages.size)] if messages else []
    assert not [m for m in texts if "error" in m.lower()], texts
    missing = _missing(path, _body_text(result))
    assert not missing, f"{path.name}: words html.xsl does not show as words: {dict(missing)}"


# ------------------------------------------------------------------ CETEIcean


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A local web server with CETEIcean, a page that loads a TEI file, and our TEI."""
    if not CETEI_JS.is_file():
        pytest.skip(f"{CETEI_JS} is not installed: `make test` runs npm install first")
    root = tmp_path_factory.mktemp("ceteicean")
    shutil.copy(CETEI_JS, root / "CETEI.js")
    shutil.copy(FILES / "consumers" / "ceteicean.html", root / "index.html")
    shutil.copytree(TEI, root / "tei", ignore=shutil.ignore_patterns(".*"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def viewer(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """One browser page and the errors it reports (script errors, files not found)."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error"
            and not msg.text.startswith("Failed to load resource") else None)
    # every file the page asks for is there (the browser's own favicon request aside)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400
            and not r.url.endswith("/favicon.ico") else None)
    yield page, errors
    page.close()


# <lb/> with no white space on either side would glue two words in any consumer that does
# not know our convention: the encoder gives every lb white space (issue 8), so every
# document must show every word.
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_ceteicean_shows_every_word(server: str, viewer: tuple[Any, list[str]],
                                    path: Path) -> None:
    page, errors = viewer
    del errors[:]
    # a fresh load for each: CETEIcean defines its custom elements once per window
    page.goto(f"{server}/index.html?file=tei/{path.name}")
    page.wait_for_selector(f"body[data-loaded='tei/{path.name}']", timeout=20000)
    missing = _missing(path, page.inner_text("#tei"))
    assert not errors, errors[:5]
    assert not missing, f"{path.name}: words CETEIcean does not show as words: {dict(missing)}"
