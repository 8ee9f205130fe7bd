"""The rendered pages in a real browser (Playwright, Debian's Chromium).

Pages are rendered into a temporary folder and opened as file:// URLs, as a reader
would open a copy of the site. Screenshots of both views at desktop and phone width
go to tests/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM

from edition import paths
from edition.render import Renderer
from edition.site_assets import assets

if not CHROMIUM.is_file():
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

FILES = Path(__file__).parent / "files"
SCREENSHOTS = Path(__file__).parent / "screenshots"
REFERENCE = paths.ROOT.parent / "shared" / "reference"
FRUS = REFERENCE / "frus" / "frus1894Nicaragua.xml"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    SCREENSHOTS.mkdir(exist_ok=True)
    renderer = Renderer()
    pages = dict(assets())
    pages.update(renderer.render_index((FILES / "render" / "corpus.xml").read_bytes()))
    pages.update(renderer.render_document((FILES / "sample.xml").read_bytes(), "sample.xml"))
    pages.update(renderer.render_registers((FILES / "registers" / "registers.xml").read_bytes()))
    if FRUS.is_file():
        pages.update(renderer.render_document(FRUS.read_bytes(), FRUS.name))
    for name, data in pages.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root



def open_page(browser: Any, url: str, **context: Any) -> Any:
    page = browser.new_context(**context).new_page()
    page.goto(url)
    return page


def url_of(site: Path, name: str) -> str:
    return (site / name).as_uri()


def scroll_y(page: Any) -> float:
    return float(page.evaluate("window.scrollY"))


def inside_viewport(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return bool(box and box["x"] >= 0 and box["y"] >= 0
                and box["x"] + box["width"] <= size["width"] + 0.5
                and box["y"] + box["height"] <= size["height"] + 0.5)


def test_footnote_shows_on_hover_in_place(browser: Any, site: Path) -> None:
    page = open_page(browser, url_of(site, "reading/scr-071.html"), viewport=DESKTOP)
    marker = page.locator(".fn-ref").first
    popover = page.locator(".fn-pop").first
    marker.scroll_into_view_if_needed()
    page.mouse.move(5, 5)
    before = scroll_y(page)
    assert not popover.is_visible()
    marker.hover()
    sync_api.expect(popover).to_be_visible()
    assert "See doc. 68" in popover.inner_text()
    assert scroll_y(page) == before, "showing the note must not scroll the page"
    assert inside_viewport(page, popover)
    marker_box, popover_box = marker.bounding_box(), popover.bounding_box()
    assert 0 < popover_box["y"] - marker_box["y"] < 80, "the note opens beside its marker"
    # the pointer can move into the popover without losing it
    page.mouse.move(popover_box["x"] + 20, popover_box["y"] + popover_box["height"] / 2)
    sync_api.expect(popover).to_be_visible()
    page.mouse.move(5, 5)
    sync_api.expect(popover).to_be_hidden()
    page.screenshot(path=str(SCREENSHOTS / "reading-desktop-viewport.png"))
    page.context.close()


def test_footnote_shows_on_keyboard_focus(browser: Any, site: Path) -> None:
    page = open_page(browser, url_of(site, "reading/scr-071.html"), viewport=DESKTOP)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert inside_viewport(page, skip), "the skip link shows when focused"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('fn-ref')"):
            break
    else:
        pytest.fail("no footnote marker is reachable with the Tab key")
    popover = page.locator(".fn:focus-within .fn-pop")
    sync_api.expect(popover).to_be_visible()
    assert "See doc. 68" in popover.inner_text()
    assert inside_viewport(page, popover)
    page.screenshot(path=str(SCREENSHOTS / "reading-desktop-footnote-focus.png"))
    page.keyboard.press("Escape")
    sync_api.expect(page.locator(".fn-pop").first).to_be_hidden()
    # Enter pins the note open instead of jumping away to the list
    page.keyboard.press("Enter")
    assert "#fn-" not in page.url
    sync_api.expect(page.locator(".fn-pop").first).to_be_visible()
    page.context.close()


def test_footnote_opens_on_tap_on_a_phone(browser: Any, site: Path) -> None:
    page = open_page(browser, url_of(site, "reading/scr-071.html"), viewport=PHONE,
                     has_touch=True, is_mobile=True, device_scale_factor=2)
    marker = page.locator(".fn-ref").first
    marker.scroll_into_view_if_needed()
    before = scroll_y(page)
    marker.tap()
    popover = page.locator(".fn-pop").first
    sync_api.expect(popover).to_be_visible()
    assert "#fn-" not in page.url
    assert scroll_y(page) == before
    assert inside_viewport(page, popover)
    page.screenshot(path=str(SCREENSHOTS / "reading-phone-footnote-tap.png"))
    marker.tap()
    sync_api.expect(popover).to_be_hidden()
    page.context.close()


def test_the_view_switch_leads_to_the_diplomatic_page(browser: Any, site: Path) -> None:
    page = open_page(browser, url_of(site, "reading/scr-071.html"), viewport=DESKTOP)
    page.click("a.view-link[data-view='diplomatic']")
    page.wait_for_url(re.compile(r"/diplomatic/scr-071\.html$"))
    assert page.locator("body.view-diplomatic").count() == 1
    assert "[North]" in page.locator("main").inner_text()
    page.click("a.view-link[data-view='reading']")
    page.wait_for_url(re.compile(r"/reading/scr-071\.html$"))
    page.click("a.nav-index")
    page.wait_for_url(re.compile(r"/index\.html$"))
    assert page.locator("table.doc-table tbody tr").count() == 6
    page.context.close()


PHONE_PAGES = ["reading/scr-071.html", "diplomatic/scr-071.html", "index.html",
               "persons.html", "places.html", "organisations.html"]
if FRUS.is_file():
    PHONE_PAGES += ["reading/frus1894Nicaragua.html", "diplomatic/frus1894Nicaragua.html"]


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_no_horizontal_scrolling_at_375px(browser: Any, site: Path, name: str) -> None:
    page = open_page(browser, url_of(site, name), viewport=PHONE)
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{name} is {width[0]}px wide in a {width[1]}px window"
    page.context.close()


CONTRAST = """
selector => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll(selector)].map(el => {
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}
"""


@pytest.mark.parametrize("name", ["reading/scr-071.html", "diplomatic/scr-071.html"])
def test_text_contrast(browser: Any, site: Path, name: str) -> None:
    page = open_page(browser, url_of(site, name), viewport=DESKTOP)
    selector = ("main p, main dt, main dd, .apparatus, .not-in-edition, .restriction-kind, "
                ".fn-ref, .fn-sign, .gap, mark, .view-switch a, .site-footer")
    ratios = page.evaluate(CONTRAST, selector)
    assert ratios and min(ratios) >= 4.5, f"lowest contrast {min(ratios):.2f}"
    page.context.close()


@pytest.mark.parametrize("view", ["reading", "diplomatic"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_screenshots(browser: Any, site: Path, view: str, size: str) -> None:
    viewport = DESKTOP if size == "desktop" else PHONE
    page = open_page(browser, url_of(site, f"{view}/scr-071.html"), viewport=viewport)
    page.screenshot(path=str(SCREENSHOTS / f"{view}-{size}.png"), full_page=True)
    page.context.close()
    index = open_page(browser, url_of(site, "index.html"), viewport=viewport)
    index.screenshot(path=str(SCREENSHOTS / f"index-{size}.png"))
    index.context.close()
    assert (SCREENSHOTS / f"{view}-{size}.png").stat().st_size > 10_000


# ----- the register pages -----


def visible_entries(page: Any) -> list[str]:
    return list(page.evaluate(
        "[...document.querySelectorAll('.entry')].filter(e => e.offsetParent !== null)"
        ".map(e => e.id)"))


def test_register_filter_narrows_the_list(browser: Any, site: Path) -> None:
    page = open_page(browser, url_of(site, "places.html"), viewport=DESKTOP)
    box = page.locator("#register-filter")
    sync_api.expect(box).to_be_visible()  # the script shows it
    assert visible_entries(page) == ["dprk", "pyongyang", "yalu-river"]
    box.fill("korea")  # a variant: "[North] Korea"
    assert visible_entries(page) == ["dprk"]
    sync_api.expect(page.locator("#register-filter-status")).to_have_text("1 place of 3 shown.")
    sync_api.expect(page.locator("#letter-P")).to_be_hidden()
    assert "is-filtered" in (page.locator(".letter-bar a[data-letter='Y']")
                             .get_attribute("class") or "")
    box.fill("PYÖNG")  # case and accents ignored
    assert visible_entries(page) == ["pyongyang"]
    box.fill("no such place")
    assert visible_entries(page) == []
    sync_api.expect(page.locator("#register-empty")).to_be_visible()
    box.press("Escape")
    assert visible_entries(page) == ["dprk", "pyongyang", "yalu-river"]
    sync_api.expect(page.locator("#register-empty")).to_be_hidden()
    page.context.close()


def test_register_page_works_without_javascript(browser: Any, site: Path) -> None:
    page = open_page(browser, url_of(site, "places.html"), viewport=DESKTOP,
                     java_script_enabled=False)
    sync_api.expect(page.locator(".register-filter")).to_be_hidden()
    assert visible_entries(page) == ["dprk", "pyongyang", "yalu-river"]
    page.click(".letter-bar a[data-letter='Y']")
    page.wait_for_url(re.compile(r"#letter-Y$"))
    assert inside_viewport(page, page.locator("#yalu-river h3"))
    page.context.close()


def test_register_entry_is_shown_below_the_sticky_letters(browser: Any, site: Path) -> None:
    page = open_page(browser, url_of(site, "persons.html") + "#nikita-khrushchev",
                     viewport={"width": 1280, "height": 400})
    name = page.locator("#nikita-khrushchev h3")
    tools = page.locator(".register-tools").bounding_box()
    assert name.bounding_box()["y"] >= tools["y"] + tools["height"], "not under the letters"
    page.context.close()


def test_register_contrast(browser: Any, site: Path) -> None:
    page = open_page(browser, url_of(site, "places.html"), viewport=DESKTOP)
    selector = ("main p, main h3, .entry-type, .entry-label, .mention-count, .letter-bar a, "
                ".register-filter label, .site-links a, .site-footer")
    ratios = page.evaluate(CONTRAST, selector)
    assert ratios and min(ratios) >= 4.5, f"lowest contrast {min(ratios):.2f}"
    page.context.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_register_screenshots(browser: Any, site: Path, size: str) -> None:
    viewport = DESKTOP if size == "desktop" else PHONE
    page = open_page(browser, url_of(site, "places.html"), viewport=viewport)
    path = SCREENSHOTS / f"places-{size}.png"
    page.screenshot(path=str(path), full_page=True)
    page.context.close()
    assert path.stat().st_size > 10_000


# ----- search and timeline, on the edition's own TEI built as `edition render` builds it -----

EDITION_DOCUMENTS = [p for p in paths.TEI_DIR.glob("*.xml")
                     if p.name not in ("corpus.xml", "registers.xml")]
LATER = {"avprf-0102-23-112-24", "wcda-114177"}  # the documents of 1959 and 1967


@pytest.fixture(scope="module")
def edition_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from edition.build import render

    if len(EDITION_DOCUMENTS) != 40:
        pytest.skip("tei/ does not hold the 40 documents of the edition")
    out = tmp_path_factory.mktemp("edition-site")
    report = render(paths.TEI_DIR, out)
    assert not report.problems, report.problems
    SCREENSHOTS.mkdir(exist_ok=True)
    return out


def address(site: Path, name: str) -> str:
    """The file:// address of a page, with its query (url_of would escape the "?")."""
    return f"{site.as_uri()}/{name}"


def search_page(browser: Any, site: Path, query: str = "", **context: Any) -> Any:
    context.setdefault("viewport", DESKTOP)
    page = open_page(browser, address(site, "search.html" + query), **context)
    sync_api.expect(page.locator("#search-form")).to_be_visible()  # the script runs
    return page


def result_ids(page: Any) -> list[str]:
    return list(page.eval_on_selector_all("#search-results > li",
                                          "items => items.map(i => i.dataset.id)"))


def search_for(page: Any, query: str, status: str) -> list[str]:
    page.fill("#search-q", query)
    sync_api.expect(page.locator("#search-status")).to_have_text(status)
    return result_ids(page)


def test_search_finds_kirov_with_a_marked_snippet(browser: Any, edition_site: Path) -> None:
    page = search_page(browser, edition_site)
    sync_api.expect(page.locator("#search-status")).to_contain_text("All 40 documents")
    assert len(result_ids(page)) == 40
    assert page.locator("#search-static").is_hidden()
    assert search_for(page, "Kirov", "1 document matches “Kirov”.") == ["scr-070"]
    result = page.locator("#search-results > li[data-id='scr-070']")
    snippet = result.locator(".result-snippet")
    assert snippet.locator("mark").first.inner_text() == "Kirov"
    assert "Kirov" in snippet.inner_text() and len(snippet.inner_text()) < 400
    assert result.locator(".result-title mark").inner_text() == "Kirov"
    assert "Kirov Plant" in result.locator(".result-names").inner_text()
    assert "No. 70" in result.locator(".result-meta").inner_text()
    # the search is in the address, ready to cite
    sync_api.expect(page).to_have_url(re.compile(r"/search\.html\?q=Kirov$"))
    result.locator(".result-title a").click()
    page.wait_for_url(re.compile(r"/reading/scr-070\.html\?hl=kirov$"))  # words to mark
    page.context.close()


def test_search_ignores_case_and_accents_and_ranks_titles_first(
        browser: Any, edition_site: Path) -> None:
    page = search_page(browser, edition_site)
    assert search_for(page, "KÍROV", "1 document matches “KÍROV”.") == ["scr-070"]
    page.fill("#search-q", "korean")
    sync_api.expect(page.locator("#search-status")).to_contain_text("documents match")
    ids = result_ids(page)
    in_title = page.eval_on_selector_all(
        "#search-results > li", "items => items.map(i => !!i.querySelector('.result-title mark'))")
    assert in_title[0] and in_title == sorted(in_title, reverse=True), \
        "the documents with a hit in their title come first"
    hits = page.eval_on_selector_all(
        "#search-results > li", "items => items.map(i => parseInt("
        "i.querySelector('.result-hits').textContent, 10))")
    titled = sum(in_title)
    assert hits[:titled] == sorted(hits[:titled], reverse=True)
    assert hits[titled:] == sorted(hits[titled:], reverse=True)
    assert len(ids) == len(set(ids)) > 5
    page.context.close()


def test_search_for_a_quoted_phrase(browser: Any, edition_site: Path) -> None:
    page = search_page(browser, edition_site)
    assert search_for(page, '"Kirov Plant"', "1 document matches “\"Kirov Plant\"”.") == [
        "scr-070"]
    marks = page.locator("#search-results .result-snippet mark")
    assert marks.first.inner_text() == "Kirov Plant"
    assert search_for(page, '"Plant Kirov"', "No document matches “\"Plant Kirov\"”.") == []
    assert search_for(page, "Plant Kirov", "1 document matches “Plant Kirov”.") == ["scr-070"]
    page.context.close()


def test_search_filters_by_year_and_source(browser: Any, edition_site: Path) -> None:
    page = search_page(browser, edition_site)
    page.fill("#search-q", "Korea")
    sync_api.expect(page.locator("#search-status")).to_contain_text("documents match")
    everywhere = set(result_ids(page))
    page.fill("#search-from", "1959")
    page.fill("#search-to", "1967")
    sync_api.expect(page.locator("#search-status")).to_contain_text("dated 1959–1967")
    in_years = set(result_ids(page))
    assert in_years and in_years <= LATER and in_years < everywhere
    sync_api.expect(page).to_have_url(re.compile(r"\?q=Korea&from=1959&to=1967$"))
    page.fill("#search-from", "")
    page.fill("#search-to", "")
    page.select_option("#search-source", "Soviet-Chinese relations. 1952-1955: Collection of "
                       "documents")
    sync_api.expect(page.locator("#search-status")).to_contain_text("from Soviet-Chinese")
    in_source = set(result_ids(page))
    assert in_source and all(i.startswith("scr-") for i in in_source)
    assert in_source == {i for i in everywhere if i.startswith("scr-")}
    page.click("button[type='reset']")
    sync_api.expect(page.locator("#search-status")).to_contain_text("All 40 documents")
    page.context.close()


def test_the_address_restores_the_search(browser: Any, edition_site: Path) -> None:
    page = search_page(browser, edition_site, "?q=Kirov&from=1954&to=1954")
    assert page.input_value("#search-q") == "Kirov"
    assert page.input_value("#search-from") == "1954"
    assert page.input_value("#search-to") == "1954"
    sync_api.expect(page.locator("#search-status")).to_have_text(
        "1 document matches “Kirov” (dated 1954).")
    assert result_ids(page) == ["scr-070"]
    page.context.close()
    page = search_page(browser, edition_site, "?q=%22Plant+Kirov%22")
    assert page.input_value("#search-q") == '"Plant Kirov"'
    sync_api.expect(page.locator("#search-status")).to_contain_text("No document matches")
    page.context.close()


def test_search_by_keyboard(browser: Any, edition_site: Path) -> None:
    page = search_page(browser, edition_site)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search-q"
    page.keyboard.type("Kirov")
    page.keyboard.press("Enter")
    sync_api.expect(page.locator("#search-status")).to_have_text("1 document matches “Kirov”.")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('#search-results')"):
            break
    else:
        pytest.fail("no result is reachable with the Tab key")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/reading/scr-070\.html\?hl=kirov$"))  # words to mark
    page.go_back()
    page.wait_for_url(re.compile(r"/search\.html\?q=Kirov$"))
    page.focus("#search-q")
    page.keyboard.press("Escape")
    sync_api.expect(page.locator("#search-status")).to_contain_text("All 40 documents")
    page.context.close()


def test_search_page_without_javascript(browser: Any, edition_site: Path) -> None:
    page = open_page(browser, url_of(edition_site, "search.html"), viewport=DESKTOP,
                     java_script_enabled=False)
    sync_api.expect(page.locator("#search-form")).to_be_hidden()
    sync_api.expect(page.locator(".search-note")).to_contain_text("needs JavaScript")
    assert page.locator("#search-static ol > li a").count() == 40
    page.context.close()


def test_timeline_shows_every_document_in_order(browser: Any, edition_site: Path) -> None:
    page = open_page(browser, url_of(edition_site, "timeline.html"), viewport=DESKTOP,
                     java_script_enabled=False)
    items = page.locator(".tl-item")
    assert items.count() == 40
    keys = page.eval_on_selector_all(".tl-item", "items => items.map(i => i.dataset.sort)")
    assert keys == sorted(keys)
    page.click(".tl-years a[href='#y1967']")
    page.wait_for_url(re.compile(r"#y1967$"))
    assert inside_viewport(page, page.locator("#y1967-head"))
    page.click("li[data-id='avprf-0102-23-112-24'] .tl-title a")
    page.wait_for_url(re.compile(r"/reading/avprf-0102-23-112-24\.html$"))
    page.context.close()


@pytest.mark.parametrize("name", ["search.html?q=Kirov", "search.html", "timeline.html",
                                  "reading/scr-070.html", "index.html"])
def test_search_and_timeline_fit_a_phone(browser: Any, edition_site: Path, name: str) -> None:
    page = open_page(browser, address(edition_site, name), viewport=PHONE)
    page.wait_for_load_state("load")
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{name} is {width[0]}px wide in a {width[1]}px window"
    page.context.close()


@pytest.mark.parametrize("name", ["search.html?q=Kirov", "timeline.html"])
def test_search_and_timeline_contrast(browser: Any, edition_site: Path, name: str) -> None:
    page = open_page(browser, address(edition_site, name), viewport=DESKTOP)
    page.wait_for_load_state("load")
    selector = ("main p, main label, main legend, main h2, main h3, .result-meta, .result-label, "
                ".result mark, .tl-precision, .tl-meta, .tl-count, .tl-years a, "
                ".search-help summary, .site-links a, .site-footer")
    ratios = page.evaluate(CONTRAST, selector)
    assert ratios and min(ratios) >= 4.5, f"lowest contrast {min(ratios):.2f}"
    page.context.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_search_and_timeline_screenshots(browser: Any, edition_site: Path, size: str) -> None:
    viewport = DESKTOP if size == "desktop" else PHONE
    page = search_page(browser, edition_site, "?q=Kirov", viewport=viewport)
    sync_api.expect(page.locator("#search-status")).to_contain_text("1 document matches")
    page.screenshot(path=str(SCREENSHOTS / f"search-{size}.png"))
    page.context.close()
    page = open_page(browser, url_of(edition_site, "timeline.html"), viewport=viewport)
    page.screenshot(path=str(SCREENSHOTS / f"timeline-{size}.png"), full_page=True)
    page.context.close()
    for name in ("search", "timeline"):
        assert (SCREENSHOTS / f"{name}-{size}.png").stat().st_size > 10_000
