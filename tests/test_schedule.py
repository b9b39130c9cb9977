"""Schedules: occurrences for every kind, bank holidays, term time, fortnightly phase, plain-English
sentences and RFC 5545 rules. All from generator.schedule, on in-memory models."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model import Schedule
from generator.schedule import (
    Calendar,
    Rule,
    bank_holidays,
    is_over,
    occurrences,
    rule,
    sessions,
    weekdays_of,
)
from generator.words.dates import clock, describe, describe_all

D = dt.date
TERMS = ((D(2026, 9, 3), D(2026, 10, 23)), (D(2026, 11, 2), D(2026, 12, 18)), (D(2027, 1, 5), D(2027, 2, 12)))
CAL = Calendar(bank_holidays("england-and-wales"), TERMS)
DEC = (D(2026, 12, 1), D(2026, 12, 31))  # 1 December 2026 is a Tuesday


def S(**fields) -> Schedule:
    return Schedule.model_validate({"start": "10:00", "end": "12:00", **fields})


def days(schedule: Schedule, start: dt.date, end: dt.date) -> list[int]:
    return [d.day for d in occurrences(schedule, start, end, CAL)]


def test_bank_holidays_include_substitute_days():
    holidays = bank_holidays("england-and-wales")
    assert D(2026, 12, 28) in holidays  # Boxing Day falls on a Saturday: Monday instead
    assert D(2027, 5, 3) in holidays and D(2027, 5, 31) in holidays
    assert D(2026, 12, 24) not in holidays
    assert D(2027, 1, 4) not in bank_holidays("england-and-wales")
    assert D(2027, 1, 4) in bank_holidays("scotland")  # 2 January, moved to the Monday


@pytest.mark.parametrize("schedule, month, expected", [
    (S(frequency="weekly", days=["tuesday"]), DEC, [1, 8, 15, 22, 29]),
    (S(frequency="weekly", days=["Thursday", "monday"]), DEC, [3, 7, 10, 14, 17, 21, 24, 28, 31]),
    (S(frequency="weekly", days=["monday"], not_on_bank_holidays=True), DEC, [7, 14, 21]),
    (S(frequency="weekly", days=["monday"], not_on_bank_holidays=True), (D(2027, 5, 1), D(2027, 5, 31)),
     [10, 17, 24]),
    (S(frequency="weekly", days=["monday"]), (D(2027, 5, 1), D(2027, 5, 31)), [3, 10, 17, 24, 31]),
    (S(frequency="weekly", days=["wednesday"], term_time_only=True), DEC, [2, 9, 16]),
    (S(frequency="weekly", days=["saturday"], valid_from="2026-12-10", valid_to="2026-12-20"), DEC, [12, 19]),
    (S(frequency="fortnightly", days=["thursday"], start_date="2026-11-05"), DEC, [3, 17, 31]),
    (S(frequency="fortnightly", days=["thursday"], start_date="2026-11-05"),
     (D(2026, 10, 1), D(2026, 11, 30)), [5, 19]),  # nothing before the first session
    (S(frequency="fortnightly", days=["monday", "thursday"], start_date="2026-11-05"),
     (D(2026, 11, 1), D(2026, 11, 30)), [5, 16, 19, 30]),  # not Monday 2nd: before the start
    (S(frequency="fortnightly", days=["friday"], start_date="2020-01-03"), DEC, [11, 25]),  # 361 weeks on: odd
    (S(frequency="monthly", days=["tuesday"], weeks=["first"]), DEC, [1]),
    (S(frequency="monthly", days=["tuesday"], weeks=["first", "third"]), DEC, [1, 15]),
    (S(frequency="monthly", days=["friday"], weeks=["last"]), DEC, [25]),
    (S(frequency="monthly", days=["friday"], weeks=["last"], not_on_bank_holidays=True), DEC, []),
    (S(frequency="monthly", days=["friday"], weeks=["last"]), (D(2027, 1, 1), D(2027, 1, 31)), [29]),
    (S(frequency="monthly", days=["monday"], weeks=["fourth"], not_on_bank_holidays=True), DEC, []),  # the 28th
    (S(frequency="monthly", day_of_month=31), DEC, [31]),
    (S(frequency="monthly", day_of_month=31), (D(2026, 11, 1), D(2026, 11, 30)), []),  # no 31 November
    (S(frequency="monthly", day_of_month=15, valid_to="2026-12-14"), DEC, []),
    (S(frequency="once", dates=["2027-01-09", "2026-12-05"]), DEC, [5]),
    (S(frequency="once", dates=["2026-12-25"], not_on_bank_holidays=True), DEC, []),
])
def test_occurrences_in_a_month(schedule, month, expected):
    assert days(schedule, *month) == expected


def test_term_time_only_without_terms_has_no_sessions():
    schedule = S(frequency="weekly", days=["wednesday"], term_time_only=True)
    assert occurrences(schedule, *DEC, Calendar(bank_holidays())) == []


def test_sessions_merge_schedules_in_order():
    morning = S(frequency="weekly", days=["tuesday"])
    evening = S(frequency="monthly", days=["tuesday"], weeks=["first"], start="18:00", end="19:00")
    found = sessions([evening, morning], D(2026, 12, 1), D(2026, 12, 8), CAL)
    assert [(s.date.day, s.start, s.end) for s in found] == [(1, "10:00", "12:00"), (1, "18:00", "19:00"),
                                                               (8, "10:00", "12:00")]


@pytest.mark.parametrize("schedule, sentence", [
    (S(frequency="weekly", days=["tuesday"], not_on_bank_holidays=True),
     "Every Tuesday, 10am to 12 noon; not on bank holidays"),
    (S(frequency="weekly", days=["thursday", "monday"], start="09:30", end="11:00"),
     "Every Monday and Thursday, 9:30am to 11am"),
    (S(frequency="fortnightly", days=["thursday"], start_date="2026-11-05", start="14:30", end="16:00"),
     "Every other Thursday, 2:30pm to 4pm"),
    (S(frequency="monthly", days=["tuesday"], weeks=["third", "first"], start="19:00", end="21:00"),
     "First and third Tuesday of the month, 7pm to 9pm"),
    (S(frequency="monthly", days=["friday"], weeks=["last"], start="12:00", end="13:30"),
     "Last Friday of the month, 12 noon to 1:30pm"),
    (S(frequency="monthly", day_of_month=31), "On the 31st of every month, 10am to 12 noon"),
    (S(frequency="monthly", day_of_month=2), "On the 2nd of every month, 10am to 12 noon"),
    (S(frequency="monthly", day_of_month=13), "On the 13th of every month, 10am to 12 noon"),
    (S(frequency="once", dates=["2026-12-05"], start="10:00", end="13:00"),
     "On Saturday 5 December 2026, 10am to 1pm"),
    (S(frequency="once", dates=["2026-12-12", "2026-12-05"]),
     "On Saturday 5 December and Saturday 12 December 2026, 10am to 12 noon"),
    (S(frequency="once", dates=["2026-12-05", "2027-01-09"]),
     "On Saturday 5 December 2026 and Saturday 9 January 2027, 10am to 12 noon"),
    (S(frequency="weekly", days=["saturday"], valid_from="2026-05-02", valid_to="2026-09-26"),
     "Every Saturday, 10am to 12 noon; from 2 May 2026 to 26 September 2026"),
    (S(frequency="weekly", days=["saturday"], valid_to="2026-09-26"),
     "Every Saturday, 10am to 12 noon; until 26 September 2026"),
    (S(frequency="weekly", days=["wednesday"], term_time_only=True, not_on_bank_holidays=True,
       start="00:00", end="00:30"),
     "Every Wednesday, midnight to 12:30am; school term time only; not on bank holidays"),
])
def test_describe(schedule, sentence):
    assert describe(schedule) == sentence


def test_describe_all_with_no_schedule():
    assert describe_all([]) == ["Ring to arrange a time"]


def test_clock():
    assert [clock(t) for t in ("09:00", "12:00", "12:30", "13:05", "00:00", "23:59")] == [
        "9am", "12 noon", "12:30pm", "1:05pm", "midnight", "11:59pm"]


@pytest.mark.parametrize("schedule, expected, text", [
    (S(frequency="weekly", days=["thursday", "monday"]),
     Rule("WEEKLY", 1, ("TH", "MO")), "FREQ=WEEKLY;BYDAY=TH,MO"),
    (S(frequency="fortnightly", days=["thursday"], start_date="2026-11-05"),
     Rule("WEEKLY", 2, ("TH",), dtstart=D(2026, 11, 5)), "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"),
    (S(frequency="fortnightly", days=["thursday"], start_date="2026-11-05", valid_from="2026-11-10"),
     Rule("WEEKLY", 2, ("TH",), dtstart=D(2026, 11, 19)), "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"),
    (S(frequency="monthly", days=["friday"], weeks=["last"]),
     Rule("MONTHLY", 1, ("-1FR",)), "FREQ=MONTHLY;BYDAY=-1FR"),
    (S(frequency="monthly", days=["tuesday"], weeks=["first", "third"]),
     Rule("MONTHLY", 1, ("1TU", "3TU")), "FREQ=MONTHLY;BYDAY=1TU,3TU"),
    (S(frequency="monthly", day_of_month=15, valid_from="2026-10-01", valid_to="2027-03-31"),
     Rule("MONTHLY", 1, (), 15, dtstart=D(2026, 10, 1), until=D(2027, 3, 31)),
     "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20270331"),
    (S(frequency="once", dates=["2027-01-09", "2026-12-05"]),
     Rule(None, rdates=(D(2026, 12, 5), D(2027, 1, 9))), None),
])
def test_rule(schedule, expected, text):
    assert rule(schedule) == expected
    assert rule(schedule).rrule_text() == text


def test_rule_and_occurrences_agree_on_the_first_fortnightly_session():
    s = S(frequency="fortnightly", days=["thursday"], start_date="2026-11-05", valid_from="2026-11-10")
    assert occurrences(s, D(2026, 11, 1), D(2026, 11, 30), CAL)[0] == rule(s).dtstart


@pytest.mark.parametrize("schedules, today, over", [
    ([], D(2026, 11, 22), False),
    ([S(frequency="weekly", days=["monday"])], D(2026, 11, 22), False),
    ([S(frequency="weekly", days=["monday"], valid_to="2026-11-21")], D(2026, 11, 22), True),
    ([S(frequency="weekly", days=["monday"], valid_to="2026-11-22")], D(2026, 11, 22), False),  # last day
    ([S(frequency="once", dates=["2026-08-15"])], D(2026, 11, 22), True),
    ([S(frequency="once", dates=["2026-08-15", "2026-12-05"])], D(2026, 11, 22), False),
    ([S(frequency="once", dates=["2026-08-15"]), S(frequency="weekly", days=["monday"])],
     D(2026, 11, 22), False),
])
def test_is_over(schedules, today, over):
    assert is_over(schedules, today) is over


def test_weekdays_of():
    found = weekdays_of([S(frequency="weekly", days=["friday", "monday"]),
                         S(frequency="monthly", day_of_month=3),
                         S(frequency="once", dates=["2026-12-05"])])
    assert [d.value for d in found] == ["monday", "friday", "saturday"]


def test_fortnightly_first_session_after_valid_from_on_an_earlier_weekday():
    s = S(frequency="fortnightly", days=["monday", "thursday"], start_date="2026-11-05",
          valid_from="2026-11-16")
    assert occurrences(s, D(2026, 11, 1), D(2026, 11, 30), CAL) == [D(2026, 11, 16), D(2026, 11, 19),
                                                                    D(2026, 11, 30)]
    assert rule(s).dtstart == D(2026, 11, 16)


def test_the_first_sessions_are_found_without_working_out_a_year(demo, tmp_path):
    """first_sessions / first_occurrences look a few weeks ahead first: the same answers as the
    whole range, for every demo and synthetic schedule (weekly, fortnightly, monthly, one-off,
    bank holidays and terms), from many days, whatever the count."""
    from generator.directory import load, load_config
    from generator.fake import ANCHOR, generate
    from generator.schedule import first_occurrences, first_sessions, occurrences, sessions
    from tests.conftest import DEMO

    generate(40, tmp_path / "fake", load_config(DEMO / "site_config"), seed=9)
    fake = load(tmp_path / "fake", DEMO / "site_config", today=ANCHOR,
                enrich_transport=False).directory
    checked = 0
    for directory in (demo, fake):
        cal = directory.calendar
        for entry in directory.activities:
            schedules = entry.activity.schedules
            for start in (directory.today + dt.timedelta(days=n) for n in (0, 17, 40, 200, 390)):
                end = start + dt.timedelta(days=366)
                whole = sessions(schedules, start, end, cal)
                for count in (1, 6, 60):
                    assert first_sessions(schedules, start, end, cal, count) == whole[:count]
                for s in schedules:
                    assert first_occurrences(s, start, end, cal) == occurrences(s, start, end, cal)[:1]
                checked += 1
    assert checked > 500
