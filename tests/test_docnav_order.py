"""Previous and next document (xslt/docnav.xsl): the corpus is put in order once per
corpus (Renderer passes it to every page as $corpus-order) instead of on every page;
the links are the ones the page finds when it sorts the corpus itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition import paths
from edition.render import VIEWS, Renderer

CORPUS = paths.TEI_DIR / "corpus.xml"
DOCUMENTS = sorted(p for p in paths.TEI_DIR.glob("*.xml")
                   if p.name not in ("corpus.xml", "registers.xml"))[::7]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_the_corpus_ordered_once_gives_the_links_of_a_page_that_sorts_it(
        path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    once = Renderer(stylesheets=VIEWS)
    once.set_context(build_date="2026-01-01", corpus=CORPUS.read_bytes())
    pages = once.render_document(path.read_bytes(), str(path))
    assert "corpus-order" in once._globals
    each = Renderer(stylesheets=VIEWS)
    each.set_context(build_date="2026-01-01", corpus=CORPUS.read_bytes())
    monkeypatch.setattr(each, "order_corpus", lambda: None)  # each page sorts the corpus
    assert each.render_document(path.read_bytes(), str(path)) == pages
    assert b'class="doc-nav apparatus"' in pages[f"reading/{path.stem}.html"]


def test_a_new_corpus_is_ordered_again() -> None:
    renderer = Renderer(stylesheets=VIEWS)
    document = DOCUMENTS[0]
    renderer.set_context(corpus=CORPUS.read_bytes())
    renderer.render_document(document.read_bytes(), str(document))
    # a corpus of this document alone: no neighbours
    corpus = CORPUS.read_bytes()
    start = corpus.index(b"<bibl ")
    end = corpus.rindex(b"</bibl>") + len(b"</bibl>")
    entry = next(part for part in corpus[start:end].split(b"</bibl>")
                 if f'"{document.name}"'.encode() in part) + b"</bibl>"
    renderer.set_context(corpus=corpus[:start] + entry.strip() + corpus[end:])
    page = renderer.render_document(document.read_bytes(), str(document))
    assert b"doc-nav-link" not in page[f"reading/{document.stem}.html"]
    # … and no row or navigation that would say "By date:" with nothing after it
    assert b"doc-nav" not in page[f"reading/{document.stem}.html"]
