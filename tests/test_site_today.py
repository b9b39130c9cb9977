""""What's on today" is worked out in the browser: the JavaScript must agree with
generator.schedule.sessions for every activity on every day, bank holidays and terms included."""

from __future__ import annotations

import datetime as dt

from generator import schedule
from generator.site.today import day_number
from generator.words import status
from tests.test_site_support import open_page

FIRST, LAST = dt.date(2026, 11, 1), dt.date(2027, 2, 28)  # Christmas bank holidays, half terms


def python_sessions(directory) -> dict[int, list[list]]:
    # an activity closed for now is not on today's list (it is not running)
    acts = [e for e in directory.current() if e.activity.schedules and status.is_running(e)]
    out: dict[int, list[list]] = {}
    for i, e in enumerate(acts):
        for s in schedule.sessions(e.activity.schedules, FIRST, LAST, directory.calendar):
            out.setdefault(day_number(s.date), []).append([i, s.start, s.end])
    return out


def test_javascript_sessions_match_python_for_every_day(demo_site, demo, browser):
    ctx, page = open_page(browser, demo_site, "index.html")
    try:
        got = page.evaluate("""([a, b]) => { const out = {};
            for (let n = a; n <= b; n++) out[n] = WhatsOn.sessionsOn(n, WO_SCHED); return out; }""",
                            [day_number(FIRST), day_number(LAST)])
        want = python_sessions(demo)
        days = 0
        for n in range(day_number(FIRST), day_number(LAST) + 1):
            assert sorted(got[str(n)]) == sorted(want.get(n, [])), dt.date(1970, 1, 1) + dt.timedelta(n)
            days += 1
        assert days == 120 and sum(len(v) for v in want.values()) > 500
    finally:
        ctx.close()


def test_the_home_page_shows_today_and_the_week_from_the_device_clock(demo_site, demo, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    try:
        page.clock.set_fixed_time(dt.datetime(2026, 12, 1, 9, 0))  # a Tuesday
        page.goto((demo_site / "index.html").as_uri())
        assert page.inner_text("#today-date") == "Today is Tuesday 1 December."
        today = page.inner_text("#today-list")
        assert "10am to 11:30am Tuesday Health Walk" in today
        assert "Saturday Stroll" not in today
        week = page.inner_text("#week-list")
        assert "Wednesday 2 December" in week and "Monday 7 December" in week
        assert "Saturday Stroll round Sefton Park" in week
        # Christmas Day 2026 is a Friday and a bank holiday: no-bank-holiday sessions drop out.
        page.clock.set_fixed_time(dt.datetime(2026, 12, 25, 9, 0))
        page.reload()
        assert page.inner_text("#today-date") == "Today is Friday 25 December."
        shown = page.eval_on_selector_all("#today-list a", "links => links.map(a => a.textContent)")
        day = dt.date(2026, 12, 25)
        want = [e.activity.name for e in demo.current() if status.is_running(e)
                and schedule.sessions(e.activity.schedules, day, day, demo.calendar)]
        every_friday = [e.activity.name for e in demo.current() if any(
            s.frequency.value == "weekly" and "friday" in [d.value for d in s.days]
            for s in e.activity.schedules)]
        assert sorted(shown) == sorted(want) and len(want) < len(every_friday)
    finally:
        ctx.close()


def test_closed_and_ended_activities_are_not_in_todays_lists(demo):
    """Ukulele for Beginners (closed for now) was listed every Tuesday with no label."""
    from generator.site.today import schedule_data

    names = {a[0] for a in schedule_data(demo)["acts"]}
    assert "Ukulele for Beginners" not in names and "Tuesday Health Walk" in names
    assert not [e for e in demo.activities
                if e.activity.name in names and not status.is_running(e)]
