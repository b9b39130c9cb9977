"""WCAG 2.2 AA: axe-core finds no violations on any page type, in light and dark schemes, plus the
checks axe cannot make (lang, heading order, targets, 320 px width and 200% zoom)."""

from __future__ import annotations

import pytest

from tests.test_site_support import LATE_CONTENT, PAGE_TYPES, axe_violations, open_page

DARK = ("home", "finder with results", "finder with none", "activity", "activity (stale)", "day",
        "organisation", "my list", "bus route")


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_axe_finds_no_violations(demo_site, browser, kind):
    ctx, page = open_page(browser, demo_site, PAGE_TYPES[kind])
    try:
        if kind in LATE_CONTENT:
            page.wait_for_timeout(500)  # its scripts fill it in; the finder announces after typing stops
        assert page.js_errors == []
        assert axe_violations(page) == []
    finally:
        ctx.close()


@pytest.mark.parametrize("kind", DARK)
def test_axe_finds_no_violations_in_the_dark_scheme(demo_site, browser, kind):
    ctx, page = open_page(browser, demo_site, PAGE_TYPES[kind], scheme="dark")
    try:
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert axe_violations(page, ["wcag2aa", "wcag21aa"]) == []
    finally:
        ctx.close()


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_lang_is_set_and_headings_go_in_order(demo_site, browser, kind):
    ctx, page = open_page(browser, demo_site, PAGE_TYPES[kind])
    try:
        assert page.evaluate("document.documentElement.lang") == "en"
        levels = page.evaluate("""() => [...document.querySelectorAll(
            'main h1, main h2, main h3, main h4, main h5, main h6')]
            .filter(h => h.offsetParent !== null).map(h => +h.tagName[1])""")
        assert levels[0] == 1 and levels.count(1) == 1, levels
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"heading jumps from h{before} to h{after}: {levels}"
    finally:
        ctx.close()


@pytest.mark.parametrize("kind", ["home", "finder with results", "activity", "day", "area",
                                  "a-z activities", "organisation", "bus route"])
@pytest.mark.parametrize("width,zoom", [(320, 1), (640, 2)])
def test_no_horizontal_scrolling_at_320_px_or_200_percent_zoom(
        demo_site, browser, kind, width, zoom):
    # 200% zoom of a 640 px window is the same CSS width as 320 px at 100%, on a 2x device.
    ctx, page = open_page(browser, demo_site, PAGE_TYPES[kind], width=width // zoom,
                          device_scale_factor=zoom)
    try:
        if kind in LATE_CONTENT:
            page.wait_for_timeout(300)
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= page.evaluate("window.innerWidth"), f"page is {wide}px wide"
    finally:
        ctx.close()


@pytest.mark.parametrize("kind", ["home", "finder with results", "activity", "day", "a-z activities"])
def test_touch_targets_are_at_least_24_px(demo_site, browser, kind):
    ctx, page = open_page(browser, demo_site, PAGE_TYPES[kind], width=390)
    try:
        small = page.evaluate("""() => [...document.querySelectorAll(
            'a[href], button, input, select, textarea, label.md-header__button')]
            .filter(e => e.offsetParent !== null && !e.closest('p, li, td, dd, figcaption'))
            .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect()])
            .filter(([_, r]) => r.width > 0 && (r.width < 24 || r.height < 24))""")
        assert small == []
    finally:
        ctx.close()


def test_focus_is_visible_on_links_and_controls(demo_site, browser):
    ctx, page = open_page(browser, demo_site, PAGE_TYPES["finder with results"])
    try:
        for _ in range(8):
            page.keyboard.press("Tab")
            style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
                return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }""")
            assert style[0] != "none" and style[1] != "0px" or style[2] != "none", style
    finally:
        ctx.close()
