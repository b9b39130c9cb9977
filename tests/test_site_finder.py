"""The finder from disk (file://): search and filters agree with the Directory, the count is
announced in a live region, the whole journey works by keyboard alone, and a real journey ends
on a page that says what the YAML says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from generator import schedule
from generator.transport.routes import route_index
from generator.words import status
from tests.conftest import DEMO
from tests.test_site_support import open_page

ROOT = Path(__file__).resolve().parent.parent

WALK = DEMO / "listings" / "garston-monday-walkers.yml"  # a free Monday walk in the demo


CLOCK = dt.datetime(2026, 11, 23, 10, 0)  # Monday 23 November 2026


def clocked_page(browser, site, path, **kw):
    ctx, page = open_page(browser, site, "404.html", **kw)
    page.clock.set_fixed_time(CLOCK)
    page.goto((site / path.split("?")[0]).as_uri() + ("?" + path.split("?", 1)[1] if "?" in path else ""))
    return ctx, page


def result_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "#results h2 a", "links => links.map(a => a.getAttribute('href').split('/').slice(-2)[0])")


def test_a_real_journey_walk_monday_free(demo_site, browser):
    data = yaml.safe_load(WALK.read_text())["activities"][0]
    ctx, page = clocked_page(browser, demo_site, "find/index.html")
    try:
        page.fill("#q", "walk")
        page.select_option("#f-day", label="Monday")
        page.check("#f-free")
        page.wait_for_timeout(600)
        assert page.inner_text("#result-count") == "1 activity found"
        with page.expect_navigation():
            page.click("#results h2 a")
        assert page.url.endswith("activities/garston-monday-walk/index.html")
        main = " ".join(page.inner_text("main").split())
        assert page.inner_text("h1") == data["name"]
        assert data["summary"] in main
        assert "Every Monday, 10:30am to 11:30am; not on bank holidays" in main
        assert "Garston Village Hall" in main and "Cost Free" in main
        assert data["summary"] in main and "New walkers are always welcome" in main
        tels = page.eval_on_selector_all("a[href^='tel:']", "links => links.map(a => a.href)")
        assert "tel:+441514960411" in tels and "tel:+447700900411" in tels
        assert "On the day, ring: 07700 900411" in main
        assert "Pat waits by the front door of the hall from 10:15am in a yellow coat." in main
        assert "Last checked on 1 November 2026 by Pat Example" in main
    finally:
        ctx.close()


def meets_on_weekday(demo, entry, weekday: int) -> bool:
    """Weekly days, plus the days the next dates (9 weeks) of monthly and one-off sessions fall on."""
    if weekday in [schedule.day_index(d) for d in schedule.weekdays_of(entry.activity.schedules)]:
        return True
    start = CLOCK.date()
    return any(d.weekday() == weekday for s in entry.activity.schedules
               if s.frequency.value in ("monthly", "once")
               for d in schedule.occurrences(s, start, start + dt.timedelta(days=62), demo.calendar))


@pytest.mark.browser
def test_search_and_filters_agree_with_the_directory(demo_site, demo, browser):
    ctx, page = clocked_page(browser, demo_site, "find/index.html?day=1&free=1")
    try:
        page.wait_for_timeout(300)
        want = [e.id for e in demo.current() if e.activity.cost.kind.value == "free" and
                meets_on_weekday(demo, e, 1)]
        assert "speke-advice-appointments" in want  # the 15th: Tuesday 15 December
        shown = result_ids(page)
        while page.is_visible("#more"):
            page.click("#more")
            shown = result_ids(page)
        assert sorted(shown) == sorted(want) and len(want) > 5
        page.goto((demo_site / "find/index.html").as_uri() + "?area=speke&category=young-people")
        want = [e.id for e in demo.current() if "speke" in e.areas and
                "young-people" in e.activity.categories]
        assert sorted(result_ids(page)) == sorted(want) and want
        route = next(r for r in route_index(demo) if r.number == "82" and not r.operator_slug)
        page.goto((demo_site / "find/index.html").as_uri() + "?route=82")
        assert sorted(result_ids(page)) == sorted(e.id for e in route.entries)
        choir = next(e.id for e in demo.current() if e.activity.name == "Woolton Community Choir")
        page.goto((demo_site / "find/index.html").as_uri() + "?q=choir")
        assert result_ids(page)[0] == choir
        page.goto((demo_site / "find/index.html").as_uri() + "?q=singing")  # a stem, in the body
        assert choir in result_ids(page)
        page.goto((demo_site / "find/index.html").as_uri() + "?age=15")
        ids = result_ids(page)
        assert "aigburth-tuesday-walk" not in ids  # 18 and over
    finally:
        ctx.close()


def test_the_count_is_announced_in_a_live_region(demo_site, browser):
    ctx, page = open_page(browser, demo_site, "find/index.html")
    try:
        region = page.locator("#result-count")
        assert region.get_attribute("role") == "status"
        assert region.get_attribute("aria-live") == "polite"
        page.fill("#q", "lunch")
        page.wait_for_timeout(600)
        assert region.inner_text().endswith("activities found")
        page.fill("#q", "zzzzqqq")
        page.wait_for_timeout(600)
        assert region.inner_text() == "No activities found. Try one of the suggestions below."
        assert page.is_visible("#suggestions") and not page.is_visible("#print-link")
    finally:
        ctx.close()


def test_the_printable_list_shows_the_same_results(demo_site, browser):
    ctx, page = open_page(browser, demo_site, "find/index.html?q=walk&free=1")
    try:
        page.wait_for_timeout(300)
        ids = result_ids(page)
        href = page.get_attribute("#print-link", "href")
        assert href == "list/index.html?q=walk&free=1"
        with page.expect_navigation():
            page.click("#print-link")
        assert result_ids(page) == ids
        assert page.inner_text("#list-filters") == "Activities matching “walk”, free."
        assert "Phone:" in page.inner_text("#results")
    finally:
        ctx.close()


def _focus_visible(page) -> bool:
    return page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return (s.outlineStyle !== 'none' && s.outlineWidth !== '0px') || s.boxShadow !== 'none'; }""")


def _tab_to(page, selector: str, limit: int = 40) -> int:
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        assert _focus_visible(page), page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
        if page.evaluate("sel => document.activeElement.matches(sel)", selector):
            return presses
    raise AssertionError(f"Tab never reached {selector}")


def test_the_finder_journey_by_keyboard_alone(demo_site, browser):
    ctx, page = clocked_page(browser, demo_site, "find/index.html")
    try:
        assert _tab_to(page, ".md-skip", 1) == 1  # the first Tab reaches "Skip to the main content"
        page.keyboard.press("Enter")
        assert _tab_to(page, "#q", 2) <= 2
        page.keyboard.type("walk")
        _tab_to(page, "#f-day")
        page.keyboard.press("ArrowDown")  # Any day -> Monday
        assert page.input_value("#f-day") == "0"
        _tab_to(page, "#f-free")
        page.keyboard.press("Space")
        assert page.is_checked("#f-free")
        page.wait_for_timeout(600)
        assert page.inner_text("#result-count") == "1 activity found"
        _tab_to(page, "#results h2 a")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("activities/garston-monday-walk/index.html")
    finally:
        ctx.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["find/index.html?category=nope&day=9&area=speke",
                                  "find/list/index.html?category=nope&day=9&area=speke"])
def test_unknown_values_in_a_link_are_left_out_with_a_notice(demo_site, demo, browser, path):
    ctx, page = open_page(browser, demo_site, path)
    try:
        assert page.js_errors == []
        notice = page.inner_text("#finder-notice")
        assert "category “nope”" in notice and "day “9”" in notice and "left them out" in notice
        assert "Loading" not in page.inner_text("#result-count")
        speke = sorted(e.id for e in demo.current() if "speke" in e.areas)
        assert sorted(result_ids(page)) == speke  # the known filter still applies
    finally:
        ctx.close()


@pytest.mark.browser
def test_everyone_matches_every_audience(demo_site, demo, browser):
    ctx, page = open_page(browser, demo_site, "find/index.html?audience=Older+people")
    try:
        options = page.eval_on_selector_all("#f-audience option", "os => os.map(o => o.textContent)")
        assert options[0] == "Everyone" and "Anyone" not in options and options.count("Everyone") == 1
        shown = result_ids(page)
        while page.is_visible("#more"):
            page.click("#more")
            shown = result_ids(page)
        def fits(e):
            groups = [g.lower() for g in (e.activity.audience.groups if e.activity.audience else [])]
            return not groups or "everyone" in groups or "older people" in groups
        assert sorted(shown) == sorted(e.id for e in demo.current() if fits(e))
        assert "aigburth-tuesday-walk" in shown and "young-carers-club" not in shown
    finally:
        ctx.close()


@pytest.mark.browser
def test_the_when_filter_gives_the_sessions_on_a_chosen_date(demo_site, demo, browser):
    day = dt.date(2026, 12, 15)
    ctx, page = clocked_page(browser, demo_site, f"find/index.html?when=date&date={day}")
    try:
        assert page.is_visible("#f-date") and page.input_value("#f-date") == day.isoformat()
        want = [e.id for e in demo.current() if status.is_running(e)  # not one closed for now
                and schedule.sessions(e.activity.schedules, day, day, demo.calendar)]
        assert "speke-advice-appointments" in want
        assert sorted(result_ids(page)) == sorted(want)
        page.select_option("#f-when", "tomorrow")
        page.wait_for_timeout(100)
        tomorrow = CLOCK.date() + dt.timedelta(days=1)
        want = [e.id for e in demo.current() if status.is_running(e)
                and schedule.sessions(e.activity.schedules, tomorrow, tomorrow, demo.calendar)]
        assert sorted(result_ids(page)) == sorted(want) and not page.is_visible("#f-date")
    finally:
        ctx.close()


@pytest.mark.browser
def test_show_results_folds_the_filters_and_moves_focus(demo_site, browser):
    ctx, page = open_page(browser, demo_site, "find/index.html?area=garston", width=390)
    try:
        assert page.evaluate("document.getElementById('filterbox').open")
        button = page.locator("#show-results")
        count = len(result_ids(page))
        assert button.inner_text() == f"Show {count} activities"
        button.click()
        assert not page.evaluate("document.getElementById('filterbox').open")
        assert page.evaluate("document.activeElement.id") == "result-count"
        box = page.locator("#result-count").bounding_box()
        assert 0 <= box["y"] < 800
    finally:
        ctx.close()
