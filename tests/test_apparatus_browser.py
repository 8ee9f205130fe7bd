"""The translation apparatus in a real browser (Playwright, Debian's Chromium): the
correction's source and reason open on hover, on keyboard focus and on tap, without
script; the corrections page. Screenshots go to tests/screenshots/ (git-ignored)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM

from edition.corrections_page import corrections_page
from edition.render import Renderer
from edition.site_assets import assets

if not CHROMIUM.is_file():
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

ROOT = Path(__file__).resolve().parent.parent
TEI = ROOT / "tei"
SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    SCREENSHOTS.mkdir(exist_ok=True)
    pages = dict(assets())
    pages.update(Renderer().render_document((TEI / "scr-095.xml").read_bytes(), "scr-095.xml"))
    pages.update(corrections_page(TEI))
    for name, data in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root



def correction(page: Any) -> Any:
    return page.locator("span.apparatus", has_text="civil airlines").first


def test_hover_shows_source_and_reason(browser: Any, site: Path) -> None:
    page = browser.new_context(viewport={"width": 1280, "height": 900},
                               java_script_enabled=False).new_page()
    page.goto((site / "reading" / "scr-095.html").as_uri())
    span = correction(page)
    pop = span.locator(".app-pop")
    assert not pop.is_visible()
    span.hover()
    assert pop.is_visible()
    assert "civil overhead lines" in pop.inner_text()
    span.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "apparatus-hover.png"))


def test_keyboard_focus_shows_it(browser: Any, site: Path) -> None:
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto((site / "reading" / "scr-095.html").as_uri())
    span = correction(page)
    for _ in range(60):  # Tab through the page until the correction has the focus
        page.keyboard.press("Tab")
        if span.evaluate("e => e === document.activeElement"):
            break
    assert span.evaluate("e => e === document.activeElement")
    assert span.locator(".app-pop").is_visible()


def test_tap_shows_it_on_a_phone(browser: Any, site: Path) -> None:
    page = browser.new_context(viewport={"width": 375, "height": 812}, has_touch=True,
                               is_mobile=True, java_script_enabled=False).new_page()
    page.goto((site / "reading" / "scr-095.html").as_uri())
    span = correction(page)
    span.scroll_into_view_if_needed()
    span.tap()
    pop = span.locator(".app-pop")
    assert pop.is_visible()
    box, view = pop.bounding_box(), page.viewport_size
    assert box is not None and box["x"] + box["width"] <= view["width"] + 1
    page.screenshot(path=str(SCREENSHOTS / "apparatus-tap-phone.png"))


def test_corrections_page(browser: Any, site: Path) -> None:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto((site / "corrections.html").as_uri())
    assert page.locator("h1").inner_text() == "Corrections"
    assert page.locator("table.corrections-table tbody tr").count() >= 70
    page.screenshot(path=str(SCREENSHOTS / "corrections-page.png"))
