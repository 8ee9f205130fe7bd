"""What a document's pages read of the corpus (edition/stages/neighbours.py): the order
worked out in Python is the one the pages link (xslt/docnav.xsl), on the edition's
corpus and on corpora written to reach its corners; and the render stage keyed on it
renders again, after a new document or a changed title, the documents whose neighbours
changed, with the bytes of a render from scratch."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import html

from edition import paths
from edition.render import VIEWS, Renderer
from edition.stages.neighbours import neighbour_ids, page_keys
from edition.stages.render import render

CORPUS = paths.TEI_DIR / "corpus.xml"
TEI_NS = "http://www.tei-c.org/ns/1.0"


def _linked(page: bytes) -> list[str | None]:
    """The neighbours a page links: [previous, next] by date, then within its source."""
    tree = html.fromstring(page)
    found: list[str | None] = []
    for kind in ("date", "source"):
        for rel in ("prev", "next"):
            links = tree.xpath(f'//div[contains(@class, "doc-nav-{kind}")]'
                               f'//a[contains(@class, "doc-{rel}")]/@href')
            found.append(str(links[0]).rsplit("/", 1)[-1].removesuffix(".html")
                         if links else None)
    return found


def _corpus(entries: list[str]) -> bytes:
    return (f'<TEI xmlns="{TEI_NS}"><teiHeader/><text><body><listBibl>'
            + "".join(entries) + "</listBibl></body></text></TEI>").encode()


def _entry(ident: str, when: str | None = None, n: str | None = None, source: str = "",
           date: str | None = None) -> str:
    """A corpus entry; ``date``: the date's attributes, when not ``when`` alone."""
    number = f' n="{n}"' if n is not None else ""
    attributes = date if date is not None else f'when="{when}"' if when is not None else None
    dated = f"<date {attributes}>{when or 'undated'}</date>" if attributes is not None else ""
    title = f'<title type="source">{source}</title>' if source else ""
    return (f'<bibl type="document"{number}><ref target="{ident}.xml">Document {ident}</ref>'
            f"{dated}{title}</bibl>")


# ties broken by number, then id; numbers that are and are not integers; dates from other
# attributes than @when (the first in the element's order), empty ones, none; sources
# shared and not
CORNERS = _corpus([
    _entry("c", "1950-01-02", "7", "A"), _entry("a", "1950-01-02", "7", "B"),
    _entry("b", "1950-01-02", " 3 ", "A"), _entry("d", "1950-01-02", "x", "A"),
    _entry("e", None, None, "B", 'from="1949-05-01" to="1952"'),
    _entry("f", None, "2", "A", 'when="" notAfter="1950-01-02"'),
    _entry("g", "1951", "+12", ""), _entry("h", "1951", "-1", "A"), _entry("i", None, "5", "B"),
    _entry("j", None, None, "A", 'to="1949" from="1953"'),
])


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(stylesheets=VIEWS)


@pytest.mark.parametrize("corpus", ["edition", "corners"])
def test_the_order_is_the_one_the_pages_link(renderer: Renderer, corpus: str) -> None:
    data = CORPUS.read_bytes() if corpus == "edition" else CORNERS
    renderer.set_context(build_date="2026-01-01", corpus=data)
    found = neighbour_ids(data)
    assert found is not None
    documents = sorted(p for p in paths.TEI_DIR.glob("*.xml")
                       if p.name not in ("corpus.xml", "registers.xml"))
    if corpus == "corners":  # a document given each id of the corpus
        text = documents[0].read_text(encoding="utf-8")
        old = re.search(r'<TEI[^>]*xml:id="([^"]+)"', text)
        assert old is not None
        sources = {ident: text.replace(f'xml:id="{old.group(1)}"', f'xml:id="{ident}"', 1)
                   for ident in found}
    else:
        sources = {p.stem: p.read_text(encoding="utf-8") for p in documents[::3]}
    assert sources
    for ident, text in sources.items():
        pages = renderer.render_document(text.encode(), f"tei/{ident}.xml")
        assert _linked(pages[f"reading/{ident}.html"]) == found[ident], ident


def test_a_corpus_read_otherwise_keys_every_page_on_the_whole_file() -> None:
    two_titles = _corpus([_entry("a", "1950").replace(
        "</bibl>", "<title type='source'>X</title><title type='source'>Y</title></bibl>")])
    for corpus in (two_titles, b"<TEI", None):
        keys = page_keys(corpus)
        assert keys(["a"]) == keys(["b"])  # one key for every page
    keys = page_keys(CORNERS)
    assert keys(["a"]) != keys(["b"])


def _tei(tmp_path: Path, names: list[str]) -> Path:
    tei = tmp_path / "tei"
    tei.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(paths.TEI_DIR / name, tei / name)
    return tei


def _site(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(out).parts}


def test_a_new_document_renders_again_its_neighbours_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    corpus = CORPUS.read_text(encoding="utf-8")
    order = [ident for ident in re.findall(r'<ref target="(scr-0[0-9]+)\.xml"', corpus)]
    names = [f"{ident}.xml" for ident in order[:6]]
    tei = _tei(tmp_path, [*names, "registers.xml"])

    def corpus_of(kept: list[str]) -> str:  # the corpus with only these documents
        return re.sub(r'<bibl type="document"[^>]*>\s*<ref target="([^"]+)".*?</bibl>\s*',
                      lambda m: m.group(0) if m.group(1) in kept else "", corpus, flags=re.S)

    new = names[2]  # the third by date: between the second and the fourth
    (tei / new).unlink()
    (tei / "corpus.xml").write_text(corpus_of([n for n in names if n != new]), encoding="utf-8")
    out = tmp_path / "site"
    render(tei, out, progress=False)
    shutil.copy(paths.TEI_DIR / new, tei / new)
    (tei / "corpus.xml").write_text(corpus_of(names), encoding="utf-8")
    report = render(tei, out, progress=False)
    # the new one, and the ones it stands between (by date, and in their source)
    assert sorted(report.rendered) == sorted([names[1], new, names[3]])
    scratch = tmp_path / "scratch"
    render(tei, scratch, progress=False)
    assert _site(out) == _site(scratch)
    # a title changed in the corpus: the pages that link that document
    (tei / "corpus.xml").write_text(corpus_of(names).replace(
        f'<ref target="{names[4]}">', f'<ref target="{names[4]}">Renamed: ', 1),
        encoding="utf-8")
    report = render(tei, out, progress=False)
    assert sorted(report.rendered) == sorted([names[3], names[5]])
    scratch = tmp_path / "scratch-2"
    render(tei, scratch, progress=False)
    assert _site(out) == _site(scratch)
