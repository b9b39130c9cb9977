"""HSDS schedule rows into listing sessions: each RFC 5545 part carried exactly (as the
listing's own form, or as the dates it gives), or left for a person with the rule in words."""

from __future__ import annotations

import pytest

from generator.opendata import hsds_schedules as S


def _one(**row):
    return S.one({"opens_at": "10:00", "closes_at": "11:30", **row}, 0, ours=False)


@pytest.mark.parametrize(("row", "expected"), [
    ({"freq": "WEEKLY", "byday": "TU,TH"}, {"frequency": "weekly", "days": "tuesday; thursday"}),
    ({"freq": "WEEKLY", "interval": 2, "byday": "MO", "dtstart": "2026-11-02"},
     {"frequency": "fortnightly", "days": "monday", "start_date": "2026-11-02"}),
    ({"freq": "MONTHLY", "byday": "1TU"}, {"frequency": "monthly", "weeks": "first", "days": "tuesday"}),
    ({"freq": "MONTHLY", "byday": "-1FR"}, {"frequency": "monthly", "weeks": "last", "days": "friday"}),
    ({"freq": "MONTHLY", "bymonthday": "15"}, {"frequency": "monthly", "day_of_month": "15"}),
    ({"dtstart": "2026-12-23"}, {"frequency": "once", "dates": "2026-12-23"}),
    ({"freq": "WEEKLY", "byday": "WE", "until": "2027-03-31"},
     {"frequency": "weekly", "days": "wednesday", "valid_to": "2027-03-31"}),
])
def test_the_listing_forms_map_exactly(row, expected):
    out, fills, _, _ = _one(**row)
    assert fills == []
    assert {k: out[k] for k in expected} == expected
    assert (out["start"], out["end"]) == ("10:00", "11:30")


def test_a_finite_rule_a_listing_cannot_say_is_carried_as_its_dates():
    # Thursdays and Fridays that fall on the 2nd to the 4th, three times, from 1 January 2026
    out, fills, notes, _ = _one(freq="WEEKLY", byday="TH,FR", bymonthday="2,3,4", count=3,
                                dtstart="2026-01-01")
    assert fills == []
    assert (out["frequency"], out["dates"]) == ("once", "2026-01-02; 2026-04-02; 2026-04-03")
    assert "days" not in out
    assert notes == ['"every week on Thursday and Friday, on days 2, 3, 4 of the month, 3 times, '
                     'from 2026-01-01, 10:00 to 11:30" (count, bymonthday with a weekly rule) is carried '
                     "as its 3 date(s)"]
    out, fills, _, _ = _one(freq="MONTHLY", bymonthday="1,15", dtstart="2026-01-01",
                            until="2026-02-28")
    assert out["dates"] == "2026-01-01; 2026-01-15; 2026-02-01; 2026-02-15" and fills == []
    out, _, _, _ = _one(freq="WEEKLY", byday="MO", byweekno="2", dtstart="2026-01-01",
                        valid_to="2026-12-31")
    assert out["dates"] == "2026-01-05"  # the Monday of ISO week 2


def test_an_endless_rule_a_listing_cannot_say_is_left_for_a_person():
    out, fills, _, _ = _one(freq="WEEKLY", interval=3, byday="SA", dtstart="2026-01-03")
    [fill] = fills
    assert fill.path == "schedules.0.frequency"
    assert fill.reason.startswith('the source\'s rule "every 3 weeks on Saturday, from 2026-01-03, '
                                  '10:00 to 11:30" cannot be said in a listing (every 3 weeks) and '
                                  "it has no end (count, until or valid_to) to list its dates")
    assert out["days"] == "saturday" and "frequency" not in out
    _, fills, _, _ = _one(freq="WEEKLY", interval=2, byday="TU")
    assert [f.path for f in fills] == ["schedules.0.start_date"]
    _, fills, _, _ = _one(freq="DAILY")
    assert "freq DAILY" in fills[0].reason


def test_holiday_words_description_and_the_rest_are_carried_or_reported():
    out, _, notes, dropped = _one(freq="WEEKLY", byday="MO", description="Closed on bank holidays.",
                                  notes="Bring water.", timezone="Europe/London",
                                  schedule_link="https://example.org/book", wkst="MO",
                                  attending_type="In person")
    assert out["not_on_bank_holidays"] == "yes"
    assert out["schedule_notes"] == "Closed on bank holidays. Bring water."
    assert any("not_on_bank_holidays set" in n for n in notes)
    assert dropped == ['attending_type "In person" (a listing says how people take part with '
                       "where.online / by_phone / home_visits)",
                       "timezone Europe/London (times are read as UK local time)",
                       "schedule_link https://example.org/book"]


def test_the_same_schedule_at_three_levels_is_one_session():
    row = {"id": "a", "freq": "WEEKLY", "byday": "TU", "opens_at": "10:00", "closes_at": "11:00"}
    svc = {"schedules": [row], "service_at_locations": [
        {"schedules": [dict(row, service_at_location_id="x")],
         "location": {"schedules": [dict(row, id="b", location_id="y")]}}]}
    sessions = S.read(svc, ours=False)
    assert len(sessions.rows) == 1 and sessions.not_carried == []
    svc["service_at_locations"][0]["location"]["schedules"] = [dict(row, byday="SA", id="c")]
    sessions = S.read(svc, ours=False)
    assert len(sessions.rows) == 1
    assert sessions.not_carried[0].startswith("the location's own schedule (every week on Saturday")


@pytest.mark.parametrize("row", [
    {"freq": "WEEKLY", "byday": "TH,FR", "bymonthday": "2,3,4", "count": 5},
    {"freq": "WEEKLY", "interval": 2, "byday": "MO,WE", "until": "2026-06-30"},
    {"freq": "WEEKLY", "interval": 3, "byday": "SA", "count": 7, "wkst": "SU"},
    {"freq": "WEEKLY", "byday": "MO", "byweekno": "2,20,-1", "until": "2028-12-31"},
    {"freq": "WEEKLY", "byday": "TU", "byweekno": "1,53", "wkst": "SU", "until": "2030-12-31"},
    {"freq": "WEEKLY", "byday": "SU", "byyearday": "-1,100,200", "until": "2030-12-31"},
    {"freq": "MONTHLY", "bymonthday": "1,-1", "count": 9},
    {"freq": "MONTHLY", "interval": 2, "byday": "2TU,-1FR", "count": 8},
    {"freq": "MONTHLY", "byday": "MO", "bymonthday": "8,9,10,11,12,13,14", "count": 6},
    {"freq": "MONTHLY", "byday": "1MO,3MO", "byweekno": "1,2,3,4,5,6,7,8,9,10", "until": "2027-12-31"},
])
def test_rule_dates_are_what_rfc_5545_gives(row):
    """The day-by-day expansion agrees with dateutil's rrule wherever dateutil ends."""
    import datetime as dt

    from dateutil import rrule

    start = dt.date(2026, 1, 1)
    out = S._dates({**row, "dtstart": start.isoformat()}, None, S._date(row.get("until")))
    parts = [f"FREQ={row['freq']}"] + [f"{k.upper()}={v}" for k, v in row.items() if k != "freq"
                                       and k != "until"]
    if row.get("until"):
        parts.append(f"UNTIL={row['until'].replace('-', '')}T235959")
    want = [d.date() for d in rrule.rrulestr(";".join(parts), dtstart=dt.datetime(2026, 1, 1))]
    assert out == want and out
