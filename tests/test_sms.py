"""Copy as a text message: at most 160 GSM-7 characters, filled in order of what a patient needs
on the day (name, next date, place, full/book/referral, on-the-day number, buses)."""

from __future__ import annotations

import dataclasses

import pytest

from generator.model import Access, Capacity
from generator.sms import LIMIT, PRIORITY, _join, gsm_length, parts, text_message, to_gsm
from generator.words import place, status
from generator.words import transport as transport_words
from generator.words.dates import next_session, short_date


def test_every_demo_activity_fits_one_gsm7_text(demo):
    for entry in demo.activities:
        message = text_message(demo, entry)
        assert gsm_length(message) <= LIMIT, message
        assert message == to_gsm(message)


def test_the_tuesday_walk_message_is_pinned(demo):
    """It had 108 of 160 characters and no on-the-day number or bus."""
    entry = demo.activity("aigburth-tuesday-walk")
    assert text_message(demo, entry) == (
        "Tuesday Health Walk: Next Tue 24 Nov, 10am-11:30am, then every Tuesday. St Anne's Church "
        "Hall, L17 7AA. On the day: 07700 900123. Buses 82, 82A, 82C. Drop in")


def test_the_cook_along_says_it_is_full_and_to_book(demo):
    message = text_message(demo, demo.activity("family-cook-along"))
    assert "Full at the moment. Book: ring 07700 900333" in message, message


def test_a_long_name_and_place_are_shortened_but_the_on_the_day_number_is_kept(demo):
    entry = demo.activity("aigburth-tuesday-walk")
    long_activity = entry.activity.model_copy(update={"name": "A" * 120 + " club"})
    long_venue = entry.venue.model_copy(update={"name": "The Very Long Community Centre Name " * 4})
    message = text_message(demo, dataclasses.replace(entry, activity=long_activity, venue=long_venue))
    assert gsm_length(message) <= LIMIT
    assert "On the day: 07700 900123" in message and "L17 7AA" in message
    assert "..." in message


def _facts(demo, entry) -> dict[str, bool]:
    """Which of the facts the model has for this activity a message must carry."""
    a = entry.activity
    running = status.status_label(entry) is None
    return {
        "when": True,
        "where": bool(place.where_short(entry)),
        "join": running and (a.how_to_go.access is not Access.drop_in or a.capacity is not Capacity.open),
        "phone": bool(place.phone(entry) or (running and place.on_the_day_phone(entry))),
        "bus": bool(transport_words.bus_numbers_for(demo.getting_there(entry), entry)),
    }


def test_every_fact_is_there_or_was_pushed_out_by_a_more_important_one(demo):
    """For every demo activity: each fact the patient needs is in the message, or even its
    shortest wording did not fit after the facts above it (never left out for a lesser one)."""
    checked = 0
    for entry in demo.activities:
        found = {p.key: p for p in parts(demo, entry)}
        message = text_message(demo, entry)
        assert list(found) == list(PRIORITY)
        needed = _facts(demo, entry)
        for key, wanted in needed.items():
            part = found[key]
            if not wanted:
                continue
            assert part.options, (entry.id, key)
            if part.chosen is not None:
                assert part.chosen in message, (entry.id, key, message)
                continue
            if key == "phone" and place.phone(entry) in message:
                continue  # "Book: ring …" already gave the number
            above = [found[k].chosen for k in PRIORITY[:PRIORITY.index(key)] if found[k].chosen]
            assert gsm_length(_join([*above, part.options[-1]])) > LIMIT, (entry.id, key, message)
            checked += 1
        session = next_session(demo, entry)
        if status.status_label(entry) is None and session is not None:
            assert short_date(session.date, demo.today) in message, (entry.id, message)
        a_number = place.on_the_day_phone(entry)
        if a_number and found["phone"].chosen and status.status_label(entry) is None:
            assert a_number in message, (entry.id, message)
    assert len(demo.activities) > 40


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
            assert ": Next " in message, message
            next_day = min(d for s in schedules for d in s.dates if d >= demo.today)
            assert f"{next_day.day} {next_day.strftime('%b')}" in message
            return
    raise AssertionError("the demo has no upcoming one-off activity")
