"""Phone first: an activity's key facts fit the first 700 px at 390 px wide, the home page puts
a search box and today's list above the tiles, marks what has finished and warns on bank
holidays; My list keeps, prints, copies and shares a link worker's picks."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_site_support import url

MONDAY_2PM = dt.datetime(2026, 11, 23, 14, 30)


def _page(browser, site, path, when=MONDAY_2PM, width=390):
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    page.clock.set_fixed_time(when)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url(site, path))
    page.js_errors = errors
    return ctx, page


@pytest.mark.parametrize("activity", ["aigburth-tuesday-walk", "chair-exercise-allerton",
                                      "cressington-knit-and-natter", "speke-advice-appointments",
                                      "cooking-on-a-budget"])
def test_the_key_facts_are_on_the_first_screen_of_a_phone(demo_web, demo, browser, activity):
    """(A stale or closed listing's warning comes first, above the facts, and may push them lower:
    it says whether to go at all.)"""
    ctx, page = _page(browser, demo_web, f"activities/{activity}/index.html")
    try:
        facts = page.locator(".wo-keyfacts")
        box = facts.bounding_box()
        assert box["y"] + box["height"] <= 700, f"key facts end at {box['y'] + box['height']} px"
        text = " ".join(facts.inner_text().split())
        entry = demo.activity(activity)
        assert "Next" in text and "On the day" in text and "How to go" in text
        assert ("Step-free access" in text) == bool(entry.venue.step_free)
        assert "Nearest stop:" in text and "Bus" in text
        phone = entry.activity.on_the_day_phone or entry.activity.phone
        assert phone in text
        if entry.activity.capacity.value != "open":
            assert page.locator(".wo-keyfacts strong").count() == 1  # full / waiting list stands out
    finally:
        ctx.close()


def test_the_next_date_moves_on_in_a_saved_copy(demo_web, browser):
    ctx, page = _page(browser, demo_web, "activities/aigburth-tuesday-walk/index.html",
                      when=dt.datetime(2026, 12, 2, 9, 0))  # a week after the build
    try:
        assert page.inner_text("[data-wo-next]").startswith("Tuesday 8 December")
    finally:
        ctx.close()


def test_home_puts_search_and_today_first_and_marks_finished_sessions(demo_web, browser):
    ctx, page = _page(browser, demo_web, "index.html")
    try:
        search = page.locator("#home-q").bounding_box()
        today = page.locator("#today-heading").bounding_box()
        tiles = page.locator(".wo-bigtiles").bounding_box()
        assert search["y"] < today["y"] < tiles["y"] and search["y"] < 600
        finished = page.inner_text(".wo-done-list")
        assert "Monday Morning Walk" in finished  # 10:30 to 11:30, before 2:30pm
        assert "Finished" in finished
        assert "Monday Morning Walk" not in page.inner_text("#today-list > .wo-day-list")
        assert page.locator("#today-notice .wo-notice").count() == 0
        page.fill("#home-q", "choir")
        with page.expect_navigation():
            page.press("#home-q", "Enter")
        assert "find/index.html?q=choir" in page.url
    finally:
        ctx.close()


def test_a_bank_holiday_says_ring_before_you_go(demo_web, browser):
    ctx, page = _page(browser, demo_web, "index.html", when=dt.datetime(2026, 12, 25, 9, 0))
    try:
        assert page.inner_text("#today-notice") == "Today is a bank holiday: ring before you go."
    finally:
        ctx.close()


def test_my_list_from_a_card_to_a_handout_texts_and_a_link(demo_web, demo, browser):
    ctx, page = _page(browser, demo_web, "find/index.html?q=knit+and+natter", width=1280)
    try:
        page.click("#results li:first-child .wo-mylist-button")
        assert page.get_attribute("#results li:first-child .wo-mylist-button", "aria-pressed") == "true"
        page.goto(url(demo_web, "activities/garston-foodbank/index.html"))
        page.click(".wo-mylist-add button")
        page.goto(url(demo_web, "my-list/index.html"))
        names = page.locator("#mylist-items h2").all_inner_texts()
        assert names == ["Knit and Natter", "Garston Foodbank"]
        page.click("#mylist-copy-sms")
        texts = page.input_value("#mylist-sms").split("\n\n")
        from generator.sms import text_message
        assert texts == [text_message(demo, demo.activity(i))
                         for i in ("cressington-knit-and-natter", "garston-foodbank")]
        page.click("#mylist-copy-link")
        link = page.input_value("#mylist-link")
        assert link.endswith("my-list/index.html?ids=cressington-knit-and-natter,garston-foodbank")
        other = ctx.browser.new_context()  # someone else, with an empty list
        try:
            p2 = other.new_page()
            p2.goto(link)
            assert p2.locator("#mylist-items h2").all_inner_texts() == names
            assert p2.is_visible("#mylist-shared")
        finally:
            other.close()
        page.click("#mylist-items li:first-child button")
        assert page.locator("#mylist-items h2").all_inner_texts() == ["Garston Foodbank"]
    finally:
        ctx.close()


def test_a_closed_activity_never_shows_a_next_date(demo_web, demo, browser):
    closed = [e for e in demo.current() if e.activity.status.value == "temporarily-closed"]
    assert closed
    for entry in closed:
        html = (demo_web / "activities" / entry.id / "index.html").read_text()
        assert "data-wo-next" not in html
    ctx, page = _page(browser, demo_web, "find/index.html?q=ukulele", width=1280)
    try:
        card = page.locator("#results li", has_text="Ukulele for Beginners")
        assert "Ring first: closed for now" in card.inner_text()
        assert "Next:" not in card.inner_text()
    finally:
        ctx.close()
