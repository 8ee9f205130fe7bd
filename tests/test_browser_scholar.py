"""The scholar's tools in a real browser (Playwright, Debian's Chromium): citing,
paragraph links, the view switch at the same paragraph, previous/next, the map with no
request leaving the machine, stemmed search, facets, the highlight after a result, the
restrictions page and its toggle. The edition (tei/) is rendered once into a temporary
folder and opened from file:// (and, once, over http from a local server).

Screenshots of every page type at laptop (1280) and phone (375) width go to
tests/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM

from edition import paths

if not CHROMIUM.is_file():
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

SCREENSHOTS = Path(__file__).parent / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
DOCUMENTS = [p for p in paths.TEI_DIR.glob("*.xml")
             if p.name not in ("corpus.xml", "registers.xml")]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from edition.build import render

    if len(DOCUMENTS) != 40:
        pytest.skip("tei/ does not hold the 40 documents of the edition")
    out = tmp_path_factory.mktemp("scholar-site")
    report = render(paths.TEI_DIR, out)
    assert not report.problems, report.problems
    SCREENSHOTS.mkdir(exist_ok=True)
    return out



def page_at(browser: Any, site: Path, name: str, viewport: dict[str, int] = DESKTOP,
            **context: Any) -> Any:
    page = browser.new_context(viewport=viewport, **context).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site.as_uri()}/{name}")
    page.wait_for_load_state("load")
    page.errors = errors
    return page


def in_view(page: Any, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    height = page.viewport_size["height"]
    return bool(box and box["y"] + box["height"] > 0 and box["y"] < height)


def test_cite_block_of_a_translated_archive_document(browser: Any, site: Path) -> None:
    page = page_at(browser, site, "reading/wcda-114169.html",
                   permissions=["clipboard-read", "clipboard-write"])
    chicago = page.inner_text("#cite-chicago")
    assert chicago.startswith("“CCP Central Committee Propaganda Instructions")
    for part in ("December 10, 1953", "Shanxi Provincial Archives, C54-1005-15",
                 "Translated by Jeffrey Wang and Charles Kraus",
                 "Cold War Documents Edition", "version 0.1.0", "reading view",
                 "reading/wcda-114169.html"):
        assert part in chicago, part
    assert "[date of access]" not in chicago  # the script fills the slot with today
    bibtex = page.inner_text("#cite-bibtex")
    assert bibtex.startswith("@misc{wcda-114169-reading,")
    assert "translator = {Jeffrey Wang and Charles Kraus}" in bibtex
    assert "note = {Shanxi Provincial Archives, C54-1005-15}" in bibtex
    assert "year = {1953}" in bibtex
    assert re.search(r"urldate = \{\d{4}-\d\d-\d\d\}", bibtex)
    release = page.inner_text(".site-footer .release")
    assert re.fullmatch(r"Version 0\.1\.0, built \d{4}-\d\d-\d\d", release)
    assert release.split("built ")[1] in chicago  # the build date is in the citation
    page.click(".copy-button[data-copy='cite-bibtex']")
    sync_api.expect(page.locator(".copy-button[data-copy='cite-bibtex']")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()").startswith("@misc{wcda-114169")


def test_cite_block_of_a_collection_document_in_the_diplomatic_view(
        browser: Any, site: Path) -> None:
    page = page_at(browser, site, "diplomatic/scr-080.html")
    chicago = page.inner_text("#cite-chicago")
    assert "AVPRF" in chicago and "diplomatic view" in chicago
    assert "diplomatic/scr-080.html" in chicago
    assert "Translated by" not in chicago  # the collection names no translator
    assert chicago.count("F. 22. Op. 7") == 1 and ".." not in chicago  # the holding named once
    bibtex = page.inner_text("#cite-bibtex")
    assert bibtex.startswith("@misc{scr-080-diplomatic,") and "year = {1954}" in bibtex
    assert "translator" not in bibtex


def test_cite_block_of_an_essay_names_its_author_first(browser: Any, site: Path) -> None:
    """An e-dossier's essay is cited under its author ("Introduced by Liang Zhi"), not
    under its translator alone."""
    page = page_at(browser, site, "reading/nkidp-edossier-16.html")
    chicago = page.inner_text("#cite-chicago")
    assert chicago.startswith("Liang Zhi. “North Korean Apprentices in China")
    assert "Translated by Charles Kraus" in chicago
    assert "author = {Liang Zhi}" in page.inner_text("#cite-bibtex")


def test_a_paragraph_link_lands_on_its_paragraph(browser: Any, site: Path) -> None:
    page = page_at(browser, site, "reading/scr-074.html")
    anchors = page.eval_on_selector_all(".document-text p[id] > .anchor-link",
                                        "links => links.map(a => a.getAttribute('href'))")
    assert len(anchors) > 10
    target = anchors[10]
    link = page.locator(f".anchor-link[href='{target}']")
    assert float(link.evaluate("a => getComputedStyle(a).opacity")) == 0
    link.focus()  # visible on focus
    page.wait_for_timeout(250)
    assert float(link.evaluate("a => getComputedStyle(a).opacity")) == 1
    other = page_at(browser, site, f"reading/scr-074.html{target}")
    assert other.evaluate("scrollY") > 0
    assert in_view(other, target)
    # the same id names the same paragraph in the diplomatic view
    dip = page_at(browser, site, f"diplomatic/scr-074.html{target}")
    words = other.inner_text(target).split()[:4]
    assert dip.inner_text(target).split()[:4] == words
    assert in_view(dip, target)


def test_the_view_switch_keeps_the_paragraph_in_view(browser: Any, site: Path) -> None:
    page = page_at(browser, site, "reading/scr-074.html#p20")
    assert in_view(page, "#p20")
    page.click("a.view-here")  # the header's switch does the same, from the top
    page.wait_for_url(re.compile(r"diplomatic/scr-074\.html#p\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    assert in_view(page, f"#{anchor}")
    assert abs(int(anchor[1:]) - 20) <= 2  # the paragraph at the top of the window
    page.keyboard.press("v")  # and back, by key
    page.wait_for_url(re.compile(r"reading/scr-074\.html#p\d+$"))
    assert in_view(page, "#" + page.url.rsplit("#", 1)[1])


def test_previous_and_next_document(browser: Any, site: Path) -> None:
    page = page_at(browser, site, "reading/scr-070.html")
    date_row = page.locator(".doc-nav-date")
    assert date_row.locator(".doc-prev").get_attribute("href") == "../reading/wcda-114169.html"
    assert date_row.locator(".doc-next").get_attribute("href") == "../reading/scr-071.html"
    source_row = page.locator(".doc-nav-source")
    assert source_row.locator(".doc-prev").count() == 0  # first of its collection
    assert source_row.locator(".doc-next").get_attribute("href") == "../reading/scr-071.html"
    page.keyboard.press("]")
    page.wait_for_url(re.compile(r"reading/scr-071\.html$"))
    page.keyboard.press("[")
    page.wait_for_url(re.compile(r"reading/scr-070\.html$"))
    # within its source: the 1959 archive record's neighbour is the 1953 one, not 1954's
    wcda = page_at(browser, site, "diplomatic/wcda-114177.html")
    assert wcda.locator(".doc-nav-source .doc-prev").get_attribute(
        "href") == "../diplomatic/wcda-114169.html"


def test_register_mentions_link_to_their_paragraph(browser: Any, site: Path) -> None:
    page = page_at(browser, site, "places.html")
    link = page.locator("#geneva .mention-passage").first
    href = link.get_attribute("href")
    assert re.fullmatch(r"reading/[\w-]+\.html#p\d+(-\d+)?", href)
    doc = page_at(browser, site, href)
    anchor = "#" + href.rsplit("#", 1)[1]
    assert in_view(doc, anchor)
    assert "Geneva" in doc.inner_text(anchor)


def test_the_map_draws_the_places_with_no_request_leaving_the_machine(
        browser: Any, site: Path) -> None:
    context = browser.new_context(viewport=DESKTOP)
    attempted: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.goto(f"{site.as_uri()}/map.html")
    page.wait_for_load_state("networkidle")
    places = page.locator("svg.map a.map-place circle")
    assert places.count() >= 40
    drawn = page.eval_on_selector_all(
        "svg.map a.map-place circle",
        "cs => cs.filter(c => { const b = c.getBoundingClientRect(); "
        "return b.width > 0 && b.height > 0; }).length")
    assert drawn >= 40
    assert page.locator("svg.map path.country").count() > 150  # the outlines
    assert attempted == []
    # each place links to its register entry; the list gives its documents
    assert page.locator("svg.map a.map-place").first.get_attribute("href").startswith(
        "places.html#")
    assert page.locator(".map-list a.map-doc").count() > 40
    assert (site / "assets" / "world-atlas" / "PROVENANCE.txt").is_file()
    assert "Natural Earth" in page.inner_text("figcaption")


def test_a_stemmed_query_finds_other_forms(browser: Any, site: Path) -> None:
    page = page_at(browser, site, "search.html?q=negotiate")
    sync_api.expect(page.locator("#search-status")).to_contain_text("match")
    marked = page.eval_on_selector_all("#search-results mark",
                                       "ms => ms.map(m => m.textContent.toLowerCase())")
    assert "negotiations" in marked  # no document has "negotiate" itself
    assert not [w for w in marked if w.startswith("negotiate")]


def test_the_page_stems_as_the_index_does(browser: Any, site: Path) -> None:
    """The query is stemmed in the page (snowball-stemmers), the edition's words in
    Python (snowballstemmer): the two must agree, word for word."""
    page = page_at(browser, site, "search.html")
    disagree = page.evaluate("""() => {
      const s = window.snowballFactory.newStemmer("english");
      const stems = window.EDITION_SEARCH.stems;
      const words = Object.keys(stems);
      const text = window.EDITION_SEARCH.documents.map(d => d.text).join(" ").toLowerCase()
        .normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      const same = (text.match(/[a-z0-9]+/g) || []).filter(w => !(w in stems));
      return words.filter(w => s.stem(w) !== stems[w])
        .concat(same.filter(w => s.stem(w) !== w));
    }""")
    assert len(page.evaluate("Object.keys(window.EDITION_SEARCH.stems)")) > 1000
    assert disagree == []


def test_a_facet_narrows_the_results(browser: Any, site: Path) -> None:
    page = page_at(browser, site, "search.html")
    sync_api.expect(page.locator("#search-status")).to_contain_text("All 40 documents")
    page.select_option("#search-place", "geneva")
    sync_api.expect(page.locator("#search-status")).to_contain_text("naming Geneva")
    ids = page.eval_on_selector_all("#search-results > li", "ls => ls.map(l => l.dataset.id)")
    assert 0 < len(ids) < 40
    assert "place=geneva" in page.url
    for doc in ids[:3]:
        text = (paths.TEI_DIR / f"{doc}.xml").read_text(encoding="utf-8")
        assert "registers.xml#geneva" in text


def test_the_hit_is_highlighted_after_following_a_result(browser: Any, site: Path) -> None:
    page = page_at(browser, site, "search.html?q=negotiate")
    sync_api.expect(page.locator("#search-status")).to_contain_text("match")
    page.click("#search-results > li:first-child h2 a")
    page.wait_for_url(re.compile(r"reading/.*\?hl="))
    hits = page.locator(".document-text mark.search-hit")
    assert hits.count() >= 1
    assert hits.first.inner_text().lower().startswith("negotiat")
    assert in_view(page, ".document-text mark.search-hit")


def test_restrictions_page_links_both_views_and_the_toggle(browser: Any, site: Path) -> None:
    page = page_at(browser, site, "restrictions.html")
    items = page.locator(".restriction")
    assert items.count() >= 2
    first = items.first
    assert "do not announce" in first.inner_text()
    reading = first.locator("a.to-reading").get_attribute("href")
    diplomatic = first.locator("a.to-diplomatic").get_attribute("href")
    assert reading.split("#")[1] == diplomatic.split("#")[1]
    doc = page_at(browser, site, reading)
    anchor = "#" + reading.split("#")[1]
    assert in_view(doc, anchor)
    words = doc.locator(f"{anchor} .restricted-words")
    assert words.is_visible()
    doc.check("#as-published")
    assert not words.is_visible()
    assert doc.locator(f"{anchor} .withheld-marker").is_visible()
    dip = page_at(browser, site, diplomatic)
    assert in_view(dip, anchor)


def test_search_and_map_over_http(browser: Any, site: Path) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        page = browser.new_context(viewport=DESKTOP).new_page()
        page.goto(f"{base}/search.html?q=negotiate")
        sync_api.expect(page.locator("#search-status")).to_contain_text("match")
        page.goto(f"{base}/reading/wcda-114169.html")
        assert base + "/reading/wcda-114169.html" in page.inner_text("#cite-chicago")
    finally:
        server.shutdown()
        server.server_close()


PAGES = ["index.html", "reading/wcda-114169.html", "diplomatic/wcda-114169.html",
         "persons.html", "places.html", "organisations.html", "search.html?q=negotiate",
         "timeline.html", "map.html", "restrictions.html"]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_screenshots_of_every_page_type(browser: Any, site: Path, size: str) -> None:
    viewport = DESKTOP if size == "desktop" else PHONE
    for name in PAGES:
        page = page_at(browser, site, name, viewport=viewport)
        page.wait_for_timeout(150)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"] + 1, f"{name} scrolls sideways at {size}"
        assert page.errors == [], name
        stem = re.sub(r"[^\w.-]+", "_", name)
        page.screenshot(path=str(SCREENSHOTS / f"scholar-{stem}-{size}.png"))
