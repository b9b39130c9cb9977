"""Everyday answers read the way volunteers write them (generator/everyday.py)."""

from __future__ import annotations

import pytest

from generator import everyday
from generator.everyday import Read, Unclear


@pytest.mark.parametrize(("text", "value", "noted"), [
    ("10am", "10:00", False), ("10 AM", "10:00", False), ("2.30pm", "14:30", False),
    ("2:30 pm", "14:30", False), ("noon", "12:00", False), ("12 noon", "12:00", False),
    ("midday", "12:00", False), ("12pm", "12:00", False), ("7pm", "19:00", False),
    ("14:30", "14:30", False), ("9.30", "09:30", False), ("09:30", "09:30", False),
    ("half past ten", "10:30", True), ("half ten", "10:30", True), ("quarter to three", "14:45", True),
    ("quarter past 2 in the afternoon", "14:15", False), ("ten o'clock", "10:00", True),
    ("2:30", "14:30", True), ("10", "10:00", True),
])
def test_times(text, value, noted):
    read = everyday.clock(text)
    assert read.value == value
    assert (read.note is not None) == noted
    if noted:
        assert read.note == f'"{text}" was read as {value}.'


@pytest.mark.parametrize("text", ["soon", "25:00", "half past thirteen", ""])
def test_times_that_cannot_be_read(text):
    with pytest.raises(Unclear):
        everyday.clock(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("every other Tuesday", {"frequency": "fortnightly", "days": ["tuesday"]}),
    ("fortnightly on Wednesdays", {"frequency": "fortnightly", "days": ["wednesday"]}),
    ("every Tuesday and Thursday", {"frequency": "weekly", "days": ["tuesday", "thursday"]}),
    ("Mondays", {"frequency": "weekly", "days": ["monday"]}),
    ("first Monday of the month", {"frequency": "monthly", "days": ["monday"], "weeks": ["first"]}),
    ("1st and 3rd Tuesday", {"frequency": "monthly", "days": ["tuesday"], "weeks": ["first", "third"]}),
    ("last Friday of every month", {"frequency": "monthly", "days": ["friday"], "weeks": ["last"]}),
    ("every week", {"frequency": "weekly"}),
])
def test_how_often(text, expected):
    assert everyday.how_often(text) == expected


def test_how_often_that_cannot_be_read():
    with pytest.raises(Unclear, match='"when we feel like it" is not something we can read'):
        everyday.how_often("when we feel like it")


@pytest.mark.parametrize(("text", "expected"), [
    ("(0151) 496-0123", "0151 496 0123"), ("+44 151 496 0123", "0151 496 0123"),
    ("0151.496.0123", "0151 496 0123"), ("07700900123", "07700 900123"),
    ("020 7946 0000", "020 7946 0000"), ("01632 960123", "01632 960123"),
])
def test_phone_numbers(text, expected):
    assert everyday.phone(text) == expected


def test_phone_problem_quotes_what_was_written():
    with pytest.raises(Unclear, match=r'^"\(0151\) 496" is not a UK phone number: it has 7 digits'):
        everyday.phone("(0151) 496")


VENUES = {"st-annes-hall": "St Anne's Church Hall", "garston-library": "Garston Library"}


@pytest.mark.parametrize(("text", "venue_id", "suggestion"), [
    ("St Annes Church Hall", "st-annes-hall", None),
    ("saint anne's church hall", "st-annes-hall", None),
    ("ST ANNE’S CHURCH HALL, 12 Example Road", "st-annes-hall", None),
    ("st-annes-hall", "st-annes-hall", None),
    ("St Anne Church Hall", None, "St Anne's Church Hall"),
    ("Garston Libary", None, "Garston Library"),
    ("The Moon", None, None),
])
def test_venues_matched_loosely(text, venue_id, suggestion):
    assert everyday.venue(text, VENUES) == everyday.VenueMatch(venue_id, suggestion)


def test_read_is_a_value_and_a_note():
    assert everyday.clock("10am") == Read("10:00")
