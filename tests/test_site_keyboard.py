"""Keyboard and zoom at phone widths: Tab only ever lands on something on screen and visibly
focused (a closed side menu is `inert`), and the menu is a real button the keyboard can open."""

from __future__ import annotations

import pytest

from tests.test_site_support import PAGE_TYPES, open_page

TABS = 20  # Tab presses per page: past the header, the skip link and well into the content

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return {html: e.outerHTML.slice(0, 100), top: r.top, bottom: r.bottom, left: r.left,
          right: r.right, width: r.width, height: r.height,
          vw: window.innerWidth, vh: window.innerHeight,
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
          shadow: s.boxShadow !== 'none'};
}"""


def off_screen_or_unseen(page, presses: int) -> list[str]:
    bad = []
    for n in range(1, presses + 1):
        page.keyboard.press("Tab")
        f = page.evaluate(FOCUSED)
        if f is None:
            break
        visible = (f["width"] > 0 and f["height"] > 0 and f["bottom"] > 0 and f["top"] < f["vh"]
                   and f["right"] > 0 and f["left"] < f["vw"])
        if not visible:
            bad.append(f"Tab {n}: off screen: {f['html']}")
        elif not (f["outline"] or f["shadow"]):
            bad.append(f"Tab {n}: no visible focus: {f['html']}")
    return bad


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 320])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_every_tab_stop_is_on_screen_and_visibly_focused(demo_web, browser, kind, width):
    ctx, page = open_page(browser, demo_web, PAGE_TYPES[kind], width=width, height=800)
    try:
        page.wait_for_timeout(100)
        assert off_screen_or_unseen(page, TABS) == []
    finally:
        ctx.close()


@pytest.mark.browser
def test_the_menu_opens_and_closes_from_the_keyboard(demo_web, browser):
    ctx, page = open_page(browser, demo_web, PAGE_TYPES["day"], width=390, height=800)
    try:
        button = page.locator("[data-wo-menu]")
        assert button.is_visible() and button.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.querySelector('.md-sidebar--primary').inert") is True
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(400)  # the drawer slides in
        assert button.get_attribute("aria-expanded") == "true"
        assert page.evaluate("document.querySelector('.md-sidebar--primary').inert") is False
        assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
        assert off_screen_or_unseen(page, 3) == []  # the menu's links are on screen now
        page.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.activeElement.matches('[data-wo-menu]')")
    finally:
        ctx.close()


@pytest.mark.browser
def test_the_colour_scheme_button_works_from_the_keyboard(demo_web, browser):
    ctx, page = open_page(browser, demo_web, PAGE_TYPES["home"], width=390)
    try:
        scheme = "document.body.getAttribute('data-md-color-scheme')"
        assert page.evaluate(scheme) == "default"
        page.locator("[data-wo-scheme]:visible").focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(150)
        assert page.evaluate(scheme) == "slate"
        assert page.evaluate("document.activeElement.matches('[data-wo-scheme]')")
    finally:
        ctx.close()


@pytest.mark.browser
def test_wide_screens_keep_the_side_menu_and_no_menu_button(demo_web, browser):
    ctx, page = open_page(browser, demo_web, PAGE_TYPES["day"], width=1280)
    try:
        assert not page.locator("[data-wo-menu]").is_visible()
        assert page.evaluate("document.querySelector('.md-sidebar--primary').inert") is False
    finally:
        ctx.close()
