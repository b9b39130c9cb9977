"""iCalendar files: parse them with icalendar, expand the rules with dateutil, and compare the
dates with schedule.occurrences for whole months (bank holidays and term time included); then
read them as calendar programs do, with recurring_ical_events and the strict ``ical`` library,
over six months: every reader gets the same sessions."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from dateutil import rrule as rr
from ical.calendar_stream import IcsCalendarStream

from generator.calendar_ics import activity_ics, collection_ics
from generator.directory import load
from generator.schedule import occurrences
from tests.conftest import DEMO

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)
LONDON = ZoneInfo("Europe/London")

LISTING = """\
# yaml-language-server: $schema=../schema/listing.schema.json
organisation:
  name: Every Kind Club
activities:
  - id: every-kind
    name: Every Kind
    summary: One schedule of each kind.
    categories: [befriending]
    cost: {kind: fixed, amount: 2.50}
    how_to_go: {access: drop-in}
    phone: 0151 496 0456
    on_the_day_phone: 07700 900456
    where: {venue: st-annes-hall}
    last_checked: 2026-10-01
    checked_by: Test Person
    schedules:
      - {frequency: weekly, days: [monday, thursday], start: "10:00", end: "11:00"}
      - {frequency: weekly, days: [monday], start: "14:00", end: "15:00", not_on_bank_holidays: true}
      - {frequency: fortnightly, days: [tuesday], start_date: 2026-11-10, start: "18:00", end: "19:30"}
      - {frequency: fortnightly, days: [monday], start_date: 2026-12-21, start: "09:00", end: "10:00",
         not_on_bank_holidays: true}
      - {frequency: monthly, days: [tuesday], weeks: [first], start: "13:00", end: "14:00"}
      - {frequency: monthly, days: [friday], weeks: [last], start: "19:00", end: "21:00"}
      - {frequency: monthly, days: [monday], weeks: [first, third], start: "10:30", end: "12:00",
         not_on_bank_holidays: true}
      - {frequency: monthly, day_of_month: 31, start: "12:00", end: "13:00"}
      - {frequency: once, dates: [2026-12-24, 2027-01-09, 2026-12-28], start: "15:00", end: "17:00",
         not_on_bank_holidays: true}
      - {frequency: weekly, days: [wednesday], start: "16:00", end: "17:00", term_time_only: true}
      - {frequency: weekly, days: [saturday], start: "10:00", end: "12:00",
         valid_from: 2026-12-05, valid_to: 2027-02-27}
"""

# Months chosen for their traps: Christmas and New Year bank holidays, May bank holidays and
# half term, a clock change (March), a 31-less month (February, April), a summer holiday.
MONTHS = [(2026, 11), (2026, 12), (2027, 1), (2027, 2), (2027, 3), (2027, 4), (2027, 5),
          (2027, 8)]


@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    base = tmp_path_factory.mktemp("ics")
    shutil.copytree(DEMO / "site_config", base / "site_config")
    (base / "listings").mkdir()
    shutil.copy(DEMO / "listings" / "venues.yml", base / "listings" / "venues.yml")
    (base / "listings" / "every-kind-club.yml").write_text(LISTING)
    result = load(base / "listings", base / "site_config", today=TODAY, enrich_transport=False)
    assert result.errors == []
    return result.directory


def _expand(event: icalendar.Event, lo: dt.date, hi: dt.date) -> list[dt.datetime]:
    """All start times of a VEVENT between lo and hi (inclusive), using dateutil."""
    start = event.decoded("dtstart")
    assert start.tzinfo is not None
    rset = rr.rruleset()
    if "rrule" in event:
        rset.rrule(rr.rrulestr(event["rrule"].to_ical().decode(), dtstart=start))
    else:
        rset.rdate(start)
    for prop in ("rdate", "exdate"):
        values = event.get(prop, [])
        for value in values if isinstance(values, list) else [values]:
            for d in value.dts:
                (rset.rdate if prop == "rdate" else rset.exdate)(d.dt)
    lo_dt = dt.datetime.combine(lo, dt.time(), tzinfo=LONDON)
    hi_dt = dt.datetime.combine(hi, dt.time(23, 59), tzinfo=LONDON)
    return list(rset.between(lo_dt, hi_dt, inc=True))


_UID = re.compile(r"^(?P<activity>.+?)-(?P<n>[0-9]{1,3})(?:-(?P<date>[0-9]{8}))?@")


def _schedule_index(event) -> tuple[str, int]:
    """(activity id, schedule index) from a UID: ID-N@host, or ID-N-YYYYMMDD@host for one date."""
    m = _UID.match(str(event["uid"]))
    assert m, event["uid"]
    return m.group("activity"), int(m.group("n")) - 1


def _by_schedule(events) -> dict[int, list]:
    out: dict[int, list] = {}
    for event in events:
        out.setdefault(_schedule_index(event)[1], []).append(event)
    return out


def _expand_all(events, lo: dt.date, hi: dt.date) -> list[dt.datetime]:
    return sorted(d for event in events for d in _expand(event, lo, hi))


def _month(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return first, last


def test_ics_expands_to_the_same_dates_as_occurrences_for_every_schedule_kind(directory):
    entry = directory.activity("every-kind")
    cal = icalendar.Calendar.from_ical(activity_ics(directory, entry))
    events = _by_schedule(cal.walk("VEVENT"))
    schedules = entry.activity.schedules
    assert sorted(events) == list(range(len(schedules)))
    for i, s in enumerate(schedules):
        for year, month in MONTHS:
            lo, hi = _month(year, month)
            got = _expand_all(events[i], lo, hi)
            want = occurrences(s, lo, hi, directory.calendar)
            assert [d.date() for d in got] == want, (i, s.frequency, year, month)
            h, m = (int(p) for p in s.start.split(":"))
            assert all((d.hour, d.minute) == (h, m) for d in got)
            assert all(d.astimezone(LONDON).utcoffset() == d.utcoffset() for d in got)


def test_known_dates_in_december_2026(directory):
    """Pinned by hand, not computed: guards against occurrences and ics agreeing on a mistake."""
    entry = directory.activity("every-kind")
    events = _by_schedule(icalendar.Calendar.from_ical(activity_ics(directory, entry)).walk("VEVENT"))
    lo, hi = _month(2026, 12)

    def days(i):
        return [d.day for d in _expand_all(events[i], lo, hi)]

    assert days(1) == [7, 14, 21]  # Mondays, not 28 December (bank holiday)
    assert days(2) == [8, 22]  # every other Tuesday from 10 November
    assert days(4) == [1]  # first Tuesday
    assert days(5) == [25]  # last Friday (Christmas Day is no bank-holiday opt-out here)
    assert days(6) == [7, 21]  # first and third Monday
    assert days(7) == [31]
    assert days(8) == [24]  # 28 December is a bank holiday: left out
    assert days(9) == [2, 9, 16]  # term ends 18 December
    assert days(10) == [5, 12, 19, 26]


def test_rules_are_real_rrules(directory):
    entry = directory.activity("every-kind")
    text = activity_ics(directory, entry).decode()
    assert "RRULE:FREQ=WEEKLY;BYDAY=MO,TH\r\n" in text
    assert "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;WKST=MO\r\n" in text
    assert "RRULE:FREQ=MONTHLY;BYDAY=1TU\r\n" in text
    assert "RRULE:FREQ=MONTHLY;BYDAY=-1FR\r\n" in text
    assert "RRULE:FREQ=MONTHLY;BYDAY=1MO,3MO\r\n" in text
    assert "RRULE:FREQ=MONTHLY;BYMONTHDAY=31\r\n" in text
    assert "RRULE:FREQ=WEEKLY;UNTIL=20270227T235900Z;BYDAY=SA\r\n" in text
    assert "EXDATE;TZID=Europe/London:20261228T140000\r\n" in text
    assert "DTSTART;TZID=Europe/London:20261110T180000\r\n" in text  # fortnightly: a real session
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n" in text
    first = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(first["location"]) == "St Anne's Church Hall, 12 Example Road, Aigburth, Liverpool, L17 7AA"
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))  # folded per RFC 5545
    description = str(first["description"])
    assert "Phone: 0151 496 0456" in description
    assert "On the day, ring: 07700 900456" in description
    assert "Cost: £2.50\n" in description
    assert "https://whats-on.example.org/activities/every-kind/" in description


def test_summer_time_is_kept_local(directory):
    """10am in June is 09:00 UTC; 10am in December is 10:00 UTC."""
    entry = directory.activity("every-kind")
    event = icalendar.Calendar.from_ical(activity_ics(directory, entry)).walk("VEVENT")[0]
    june = _expand(event, dt.date(2027, 6, 7), dt.date(2027, 6, 7))[0]
    december = _expand(event, dt.date(2026, 12, 7), dt.date(2026, 12, 7))[0]
    assert june.astimezone(dt.UTC).hour == 9
    assert december.astimezone(dt.UTC).hour == 10


def test_demo_calendars_parse_and_expand(demo):
    for entry in demo.activities:
        cal = icalendar.Calendar.from_ical(activity_ics(demo, entry))
        for index, events in _by_schedule(cal.walk("VEVENT")).items():
            s = entry.activity.schedules[index]
            lo, hi = _month(2026, 12)
            assert [d.date() for d in _expand_all(events, lo, hi)] == occurrences(s, lo, hi, demo.calendar)


def test_demo_description_says_how_to_get_there(demo):
    event = icalendar.Calendar.from_ical(
        activity_ics(demo, demo.activity("aigburth-tuesday-walk"))).walk("VEVENT")[0]
    lines = str(event["description"]).splitlines()
    assert "Cost: Free" in lines
    assert any(line.startswith("Getting there: Nearest stop: ") and "Buses 82" in line
               for line in lines)


def test_collection_holds_every_activity(demo):
    walks = [e for e in demo.current() if "walking" in e.activity.categories]
    cal = icalendar.Calendar.from_ical(collection_ics(demo, walks, "Walking"))
    uids = {_schedule_index(ev)[0] for ev in cal.walk("VEVENT")}
    assert uids == {e.id for e in walks if e.activity.schedules}
    assert str(cal["x-wr-calname"]) == "Walking (What's On in South Liverpool)"


# ---------------------------------------------------------------------------------------------
# Calendar programs' readers, over six months


SIX_MONTHS = (TODAY, TODAY + dt.timedelta(days=183))


def _wanted(directory, entries) -> list[tuple[str, dt.datetime]]:
    lo, hi = SIX_MONTHS
    out = []
    for entry in entries:
        for s in entry.activity.schedules:
            h, m = (int(p) for p in s.start.split(":"))
            out += [(entry.activity.name, dt.datetime.combine(d, dt.time(h, m), tzinfo=LONDON))
                    for d in occurrences(s, lo, hi, directory.calendar)]
    return sorted(out)


def _recurring(ics: bytes) -> list[tuple[str, dt.datetime]]:
    lo, hi = SIX_MONTHS
    cal = icalendar.Calendar.from_ical(ics)
    found = recurring_ical_events.of(cal).between(lo, hi + dt.timedelta(days=1))
    return sorted((str(ev["summary"]), ev.decoded("dtstart").astimezone(LONDON)) for ev in found)


def _strict(ics: bytes) -> list[tuple[str, dt.datetime]]:
    """The ``ical`` library (Home Assistant's): stricter than icalendar about RFC 5545."""
    lo, hi = SIX_MONTHS
    cal = IcsCalendarStream.calendar_from_ics(ics.decode("utf-8"))
    start = dt.datetime.combine(lo, dt.time(), tzinfo=LONDON)
    end = dt.datetime.combine(hi, dt.time(23, 59), tzinfo=LONDON)
    return sorted((ev.summary, ev.dtstart.astimezone(LONDON))
                  for ev in cal.timeline_tz(LONDON).overlapping(start, end))


@pytest.mark.parametrize("reader", [_recurring, _strict], ids=["recurring_ical_events", "ical"])
def test_calendar_readers_get_every_session_of_every_kind(directory, reader):
    entry = directory.activity("every-kind")
    want = _wanted(directory, [entry])
    assert len(want) > 100
    assert reader(activity_ics(directory, entry)) == want
    # the one-off dates are there, each one (the strict reader used to drop the first)
    got = {d for _, d in reader(activity_ics(directory, entry))}

    def at3(*day: int) -> dt.datetime:
        return dt.datetime(*day, 15, 0, tzinfo=LONDON)

    assert {at3(2026, 12, 24), at3(2027, 1, 9)} <= got and at3(2026, 12, 28) not in got


@pytest.mark.parametrize("reader", [_recurring, _strict], ids=["recurring_ical_events", "ical"])
def test_calendar_readers_agree_on_the_demo_collections(demo, reader):
    for kind, items, member in (("category", demo.config.categories,
                                 lambda e, i: i in e.activity.categories),
                                ("area", demo.config.areas,
                                 lambda e, i: e.venue is not None and e.venue.area == i)):
        for item in items:
            entries = [e for e in demo.current() if member(e, item.id)]
            ics = collection_ics(demo, entries, item.name)
            assert reader(ics) == _wanted(demo, entries), (kind, item.id)
