"""Copy as a text message: at most 160 GSM-7 characters, the phone number never cut."""

from __future__ import annotations

import dataclasses

import pytest

from generator.sms import LIMIT, gsm_length, text_message, to_gsm


def test_every_demo_activity_fits_one_gsm7_text(demo):
    for entry in demo.activities:
        message = text_message(demo, entry)
        assert gsm_length(message) <= LIMIT, message
        assert message == to_gsm(message)


def test_the_tuesday_walk_message_is_pinned(demo):
    entry = demo.activity("aigburth-tuesday-walk")
    assert text_message(demo, entry) == (
        "Tuesday Health Walk: Every Tuesday, 10am to 11:30am. St Anne's Church Hall, L17 7AA. "
        "Free. Tel 0151 496 0123")


def test_a_long_name_and_place_are_shortened_but_the_phone_is_kept(demo):
    entry = demo.activity("aigburth-tuesday-walk")
    long_activity = entry.activity.model_copy(update={"name": "A" * 120 + " club"})
    long_venue = entry.venue.model_copy(update={"name": "The Very Long Community Centre Name " * 4})
    message = text_message(demo, dataclasses.replace(entry, activity=long_activity, venue=long_venue))
    assert gsm_length(message) <= LIMIT
    assert message.endswith("Tel 0151 496 0123")
    assert "..." in message


@pytest.mark.parametrize("text,expected", [
    ("Caf\u00e9 \u2018tea\u2019 \u2013 \u201cfree\u201d\u2026", "Caf\u00e9 'tea' - \"free\"..."),
    ("\u0141\u00f3d\u017a na\u00efve", "Lodz naive"),
    ("\u00a33.50 \u20ac2", "\u00a33.50 \u20ac2"),
    ("emoji \U0001f600 gone", "emoji gone"),
])
def test_characters_are_made_gsm7(text, expected):
    assert to_gsm(text) == expected


def test_extension_characters_count_twice():
    assert gsm_length("\u20ac[]") == 6
    assert gsm_length("abc") == 3
    with pytest.raises(ValueError):
        gsm_length("\u0141")


def test_one_off_dates_give_the_next_date(demo):
    for entry in demo.current():
        schedules = entry.activity.schedules
        if schedules and all(s.frequency.value == "once" for s in schedules) and len(
                [d for s in schedules for d in s.dates if d >= demo.today]) > 0:
            message = text_message(demo, entry)
            assert ": Next on " in message, message
            next_day = min(d for s in schedules for d in s.dates if d >= demo.today)
            assert f"{next_day.day} {next_day.strftime('%B')}" in message
            return
    raise AssertionError("the demo has no upcoming one-off activity")
