"""One truth across outputs: for every demo activity, read back what each output of the one demo
build says (site page, finder data, text message, calendar, HSDS, the link workers' CSV, and the
booklet and poster text) and check that its status, cost, how to join, phone, on-the-day number
and next dates agree with the model, as worded by generator.words."""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import re
import subprocess
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
from dateutil import rrule

from generator import urls
from generator.model import Access, Capacity, Frequency
from generator.printing import select
from generator.site.finder import read_part
from generator.words import dates, people, place, status
from generator.words.cost import cost_line, cost_text
from generator.words.dates import long_date, next_date, next_session, short_date


def flat(text: str) -> str:
    """White space folded, so words wrapped across lines in a PDF still match."""
    return " ".join(text.split())


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def page_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return flat(" ".join(parser.parts))


class Facts:
    """What the model says about one activity, in the words every output must use."""

    def __init__(self, demo, entry) -> None:
        a = entry.activity
        self.entry = entry
        self.label = status.status_label(entry)  # "Closed for now", "Ended" or None
        self.running = self.label is None
        self.cost, self.cost_line = cost_text(entry), cost_line(entry)
        self.access = people.access_text(entry)
        self.capacity = people.capacity_text(entry)
        self.phone, self.on_the_day = place.phone(entry), place.on_the_day_phone(entry)
        self.next = next_session(demo, entry)
        self.past = sorted({d for s in a.schedules if s.frequency is Frequency.once
                            for d in s.dates if d < demo.today})


@pytest.fixture(scope="module")
def facts(demo):
    return {e.id: Facts(demo, e) for e in demo.activities}


def test_the_demo_covers_what_the_test_checks(facts):
    """Closed, ended, full, waiting list, book, referral, on-the-day numbers and past one-off
    dates are all in the demo, so every check below is exercised."""
    every = list(facts.values())
    assert any(f.label == "Closed for now" for f in every)
    assert any(f.label == "Ended" for f in every)
    assert any(f.entry.activity.capacity is Capacity.full for f in every)
    assert any(f.entry.activity.capacity is Capacity.waiting_list for f in every)
    assert any(f.entry.activity.how_to_go.access is Access.book for f in every)
    assert any(f.entry.activity.how_to_go.access is Access.referral for f in every)
    assert any(f.on_the_day for f in every)
    assert any(f.past and f.running for f in every)


# ---------------------------------------------------------------------------------------------
# The website


def test_activity_pages_agree_with_the_model(demo_site, demo, facts):
    for f in facts.values():
        markup = (demo_site / urls.activity(f.entry.id) / "index.html").read_text()
        text = page_text(markup)
        where = f.entry.id
        notices = re.findall(r'<h2 id="notice-heading-\d">([^<]*)</h2>', markup)
        if f.label == "Closed for now":
            assert notices[0] == "Closed for now", where
        elif f.label == "Ended":
            assert notices[0] == "This activity has ended", where
        else:
            assert not {"Closed for now", "This activity has ended"} & set(notices), where
        assert f.cost in text and f.access in text, where
        if f.capacity:
            assert f.capacity in text, where
        for number in (f.phone, f.on_the_day):
            if number:
                assert number in text, (where, number)
        found = re.search(r'<dd data-wo-next="([^"]*)"', markup)
        if not f.running:
            assert not found, where  # no "Next" for a closed group
        elif f.next:
            assert found, where
            first_day, first_text = json.loads(html.unescape(found.group(1)))[0]
            assert first_day == dates.day_number(f.next.date), where
            assert next_date(f.next.date, demo.today) in first_text, where
        if f.running:
            for day in f.past:
                assert long_date(day, year=False) not in text, (where, day)


def _finder_docs(site: Path) -> dict[str, list]:
    return {d[0]: d for p in (site / "assets" / "finder").rglob("*.js") if "names" not in p.parts
            and p.name not in ("start.js", "indexes.js") for d in read_part(p.read_text())["docs"]}


def test_finder_data_agrees_with_the_model(demo_site, facts):
    docs = _finder_docs(demo_site)
    for f in facts.values():
        doc = docs.get(f.entry.id)
        if f.label == "Ended":
            assert doc is None, f.entry.id
            continue
        assert doc is not None, f.entry.id
        assert doc[6] == f.cost and doc[7].startswith(people.access_short(f.entry)), f.entry.id
        if people.capacity_short(f.entry):
            assert people.capacity_short(f.entry) in doc[7], f.entry.id
        assert doc[8] == (f.phone or f.on_the_day or ""), f.entry.id
        if f.label:
            assert doc[21] == f.label, f.entry.id  # "ring first": closed for now
        for day in f.past:
            assert long_date(day, year=False) not in doc[4], (f.entry.id, day)


def _sms(site: Path, entry) -> str:
    markup = (site / urls.activity(entry.id) / "index.html").read_text()
    return html.unescape(re.search(r'<textarea id="sms-text"[^>]*>([^<]*)</textarea>', markup).group(1))


def test_text_messages_agree_with_the_model(demo_site, demo, facts):
    for f in facts.values():
        sms, a = _sms(demo_site, f.entry), f.entry.activity
        where = (f.entry.id, sms)
        for number in re.findall(r"Tel ([\d ]+\d)", sms):
            assert number == f.phone, where
        for number in re.findall(r"On the day: ([\d ]+\d)", sms):
            assert number == f.on_the_day, where
        for number in re.findall(r"Book: ring ([\d ]+\d)", sms):
            assert number == f.phone and a.how_to_go.access is Access.book, where
        assert ("Full at the moment" in sms) <= (a.capacity is Capacity.full), where
        assert ("Waiting list" in sms) <= (a.capacity is Capacity.waiting_list), where
        assert ("Referral needed" in sms) <= (a.how_to_go.access is Access.referral), where
        assert ("Book" in sms.replace(a.name, "")) <= (a.how_to_go.access is Access.book), where
        if f.label:
            assert f.label in sms, where
        elif f.next:
            assert f"Next {short_date(f.next.date, demo.today)}" in sms, where


# ---------------------------------------------------------------------------------------------
# Calendars, open data and the link workers' spreadsheet


def _first_after(event, today: dt.date) -> dt.date | None:
    start = event.decoded("dtstart")
    found = rrule.rruleset()
    if event.get("rrule"):
        rule = event.get("rrule").to_ical().decode()
        found.rrule(rrule.rrulestr(rule, dtstart=start))
    else:
        found.rdate(start)
    for key, add in (("rdate", found.rdate), ("exdate", found.exdate)):
        lists = event.get(key)
        for one in (lists if isinstance(lists, list) else [lists] if lists else []):
            for when in one.dts:
                add(when.dt)
    at = dt.datetime.combine(today, dt.time(), start.tzinfo)
    nxt = found.after(at, inc=True)
    return nxt.date() if nxt else None


def test_calendars_agree_with_the_model(demo_site, demo, facts):
    checked = 0
    for f in facts.values():
        path = demo_site / urls.activity(f.entry.id) / f"{f.entry.id}.ics"
        if not f.entry.activity.schedules or f.label == "Ended":
            continue
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        events = [e for e in cal.walk("VEVENT")]
        assert events, f.entry.id
        for ev in events:
            text = str(ev.get("description"))
            assert f"Cost: {f.cost_line}" in text, f.entry.id
            if f.phone:
                assert f"Phone: {f.phone}" in text, f.entry.id
            if f.on_the_day:
                assert f"On the day, ring: {f.on_the_day}" in text, f.entry.id
            if f.label == "Closed for now":
                assert text.startswith(status.closed_warning(f.entry)), f.entry.id
                assert str(ev.get("status")) == "TENTATIVE"
            else:
                assert str(ev.get("status")) == "CONFIRMED", f.entry.id
        if f.next:
            firsts = [d for d in (_first_after(ev, demo.today) for ev in events) if d]
            assert min(firsts) == f.next.date, f.entry.id
            checked += 1
    assert checked > 30


def _hsds(site: Path) -> dict[str, dict]:
    out = {}
    for path in (site / "data" / "hsds" / "services").glob("*.json"):
        service = json.loads(path.read_text())
        out[service["url"].rstrip("/").rsplit("/", 1)[-1]] = service
    return out


def test_hsds_agrees_with_the_model(demo_site, demo, facts):
    services = _hsds(demo_site)
    hsds_status = {"active": None, "temporarily closed": "Closed for now", "defunct": "Ended"}
    for f in facts.values():
        service = services.get(f.entry.id)
        if service is None:
            assert f.label == "Ended", f.entry.id
            continue
        a = f.entry.activity
        said = hsds_status[service["status"]]
        assert said == f.label or (f.label == "Ended" and said is None and f.entry.freshness.value == "ended"), f.entry.id
        assert service["fees_description"] == f.cost_line, f.entry.id
        assert service["application_process"] in (a.how_to_go.how, f.access + "."), f.entry.id
        phones = {(p["number"], p.get("description")) for p in service["phones"]}
        if a.phone:
            assert (a.phone, None) in phones, f.entry.id
        if f.on_the_day:
            assert (f.on_the_day, "On the day") in phones, f.entry.id
        if f.label == "Closed for now":
            assert service["alert"] == status.closed_warning(f.entry)
        described = {s["description"] for s in service["schedules"]}
        assert described == {dates.describe(s) for s in a.schedules}, f.entry.id


def test_the_link_workers_csv_agrees_with_the_model(demo_site, demo, facts):
    with (demo_site / "data" / "activities.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["activity_id"]: r for r in csv.DictReader(handle)}
    for f in facts.values():
        row = rows.get(f.entry.id)
        if f.entry.freshness.value == "ended":
            assert row is None, f.entry.id
            continue
        a = f.entry.activity
        assert row["cost"] == f.cost_line and row["status"] == a.status.value, f.entry.id
        assert row["access"] == a.how_to_go.access.value and row["capacity"] == a.capacity.value
        # the spreadsheet keeps the activity's own number (the organisation's is in its row too)
        assert row["phone"] == (a.phone or "") and row["on_the_day_phone"] == (f.on_the_day or "")
        assert row["when"] == "; ".join(dates.when(demo, f.entry)), f.entry.id
        for day in f.past:
            assert long_date(day, year=False) not in row["when"], (f.entry.id, day)


# ---------------------------------------------------------------------------------------------
# Print: booklets and posters, read back with pdftotext


@lru_cache(maxsize=64)
def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _blocks(booklet_text: str, entry) -> list[str]:
    """The activity printed in full: its name, its summary, up to its "Last checked" line."""
    text = flat(booklet_text)
    a = entry.activity
    head = flat(f"{a.name} {a.summary}")[:80]
    out = []
    for m in re.finditer(re.escape(head), text):
        end = text.find("Last checked:", m.end())
        out.append(text[m.start(): end if end > 0 else m.end() + 2000])
    return out


@pytest.mark.pdf
def test_booklets_agree_with_the_model(demo_site, demo, facts):
    booklets = sorted((demo_site / "print" / "booklets").glob("*.pdf"))
    assert booklets
    texts = [pdf_text(p) for p in booklets]
    printed = select.in_print(demo)
    assert printed
    for entry in printed:
        f = facts[entry.id]
        blocks = [b for t in texts for b in _blocks(t, entry)]
        assert blocks, f"{entry.activity.name} is not printed in full in any booklet"
        for block in blocks:
            assert flat(f"Cost: {f.cost_line}") in block, (entry.id, block)
            assert f.access in block, (entry.id, block)
            if f.capacity:
                assert f.capacity in block, (entry.id, block)
            if f.phone:
                assert f.phone in block, (entry.id, block)
            if f.on_the_day:
                assert f.on_the_day in block, (entry.id, block)
            if f.label:
                assert flat(status.closed_warning(entry)) in block, (entry.id, block)
            for day in f.past:
                assert long_date(day, year=False) not in block, (entry.id, day)
            for line in dates.when(demo, entry):
                assert flat(line) in block, (entry.id, line)


@pytest.mark.pdf
def test_posters_agree_with_the_model(demo_site, demo, facts):
    posters = sorted((demo_site / "print" / "posters").glob("*.pdf"))
    assert len(posters) > 20
    for path in posters:
        f = facts[path.stem]
        text = flat(pdf_text(path))
        assert flat(f.cost_line)[:60] in text, (path.stem, text)
        if f.label:
            assert flat(status.closed_warning(f.entry)) in text, path.stem
        if f.on_the_day or f.phone:
            assert (f.on_the_day or f.phone) in text, path.stem
        for day in f.past:
            assert long_date(day, year=False) not in text, (path.stem, day)
        if f.running and f.next and any(s.frequency is not Frequency.weekly
                                        for s in f.entry.activity.schedules):
            day = f.next.date
            assert f"{day.day} {day.strftime('%B')}" in text, (path.stem, text)


# ---------------------------------------------------------------------------------------------
# The browser hides what has passed on the visitor's own today (a saved page stays true)


def _on(browser, site: Path, activity_id: str, when: dt.datetime):
    ctx = browser.new_context(viewport={"width": 390, "height": 900})
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.clock.set_fixed_time(when)
    page.goto((site / urls.activity(activity_id) / "index.html").as_uri())
    page.js_errors = errors
    return ctx, page


@pytest.mark.browser
def test_the_browser_moves_the_next_date_and_text_message_on(demo_site, demo, browser):
    """Built on 22 November; read on Tuesday 1 December, the walk's page and text message say
    1 December, not the 24 November that was next when the site was built."""
    ctx, page = _on(browser, demo_site, "aigburth-tuesday-walk", dt.datetime(2026, 12, 1, 9, 0))
    try:
        assert "Tuesday 1 December" in page.inner_text("[data-wo-next]")
        sms = page.input_value("#sms-text")
        assert sms.startswith("Tuesday Health Walk: Next Tue 1 Dec, 10am-11:30am"), sms
        assert f"({len(sms)} of 160 characters)" in page.inner_text('label[for="sms-text"]')
        assert not page.js_errors
    finally:
        ctx.close()


@pytest.mark.browser
def test_the_browser_hides_one_off_dates_that_have_passed(demo_site, demo, browser):
    iftar = demo.activity("community-iftar")
    last = max(d for s in iftar.activity.schedules for d in s.dates)
    ctx, page = _on(browser, demo_site, "community-iftar", dt.datetime(2027, 2, 21, 9, 0))
    try:
        assert "Saturday 27 February" in page.inner_text("[data-wo-next]")
        shown = page.locator("#when + ul li[data-wo-until]").all_inner_texts()
        hidden = page.eval_on_selector_all("#when + ul li[data-wo-until]",
                                           "rows => rows.filter(r => r.hidden).map(r => r.textContent)")
        assert any("20 February" in h for h in hidden), (shown, hidden)
        assert [t for t in shown if "27 February" in t and t not in hidden]
    finally:
        ctx.close()
    ctx, page = _on(browser, demo_site, "community-iftar",
                    dt.datetime.combine(last + dt.timedelta(days=1), dt.time(9)))
    try:
        assert not page.is_visible("[data-wo-next]")
        rows = page.locator("#when + ul li[data-wo-until]")
        assert rows.count() >= 1 and not any(rows.nth(i).is_visible() for i in range(rows.count()))
        assert not page.js_errors
    finally:
        ctx.close()
