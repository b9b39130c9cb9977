"""The spoken variant of the wording layer: facts said the way people say them."""

from __future__ import annotations

import pytest

from generator.words import spoken


@pytest.mark.parametrize(("hours", "minutes", "said"), [
    (10, 30, "half past ten in the morning"),
    (10, 0, "ten o'clock in the morning"),
    (12, 0, "twelve noon"),
    (0, 0, "midnight"),
    (13, 15, "quarter past one in the afternoon"),
    (18, 45, "quarter to seven in the evening"),
    (11, 45, "quarter to twelve"),
    (9, 5, "five past nine in the morning"),
    (19, 40, "twenty to eight in the evening"),
    (14, 7, "two oh seven in the afternoon"),
    (16, 23, "four twenty-three in the afternoon"),
])
def test_clock(hours, minutes, said):
    assert spoken.clock(hours, minutes) == said


@pytest.mark.parametrize(("written", "said"), [
    ("0151 496 0123", "oh one five one, four nine six, oh one two three"),
    ("07700 900123", "oh seven seven oh oh, nine oh oh one two three"),
])
def test_phone(written, said):
    assert spoken.phone(written) == said


@pytest.mark.parametrize(("written", "said"), [
    ("Every Tuesday, 10:30am to 11:30am", "Every Tuesday, from half past ten to half past eleven in the morning"),
    ("Every Monday, 1pm to 3pm; not on bank holidays",
     "Every Monday, from one o'clock to three o'clock in the afternoon; not on bank holidays"),
    ("10am to 12 noon", "from ten o'clock in the morning to twelve noon"),
    ("11:30am to 1pm", "from half past eleven in the morning to one o'clock in the afternoon"),
    ("£3.50, or £2 concessions", "three pounds fifty, or two pounds concessions"),
    ("Pay what you can (suggested £1)", "Pay what you can (suggested one pound)"),
    ("50p", "50p"),
    ("On 12 November and 3 December", "On the twelfth of November and the third of December"),
    ("Ring 0151 496 0123 or 07700 900123",
     "Ring oh one five one, four nine six, oh one two three or oh seven seven oh oh, nine oh oh one two three"),
    ("Tea & cake", "Tea and cake"),
    ("Aigburth Vale (Stop B), 150 m away", "Aigburth Vale (Stop B), 150 metres away"),
])
def test_sentence(written, said):
    assert spoken.sentence(written) == said


@pytest.mark.parametrize(("written", "said"), [
    ("L19 2NP", "L nineteen, two N P"),
    ("WA7 1AB", "W A seven, one A B"),
    ("SW1A 1AA", "S W one A, one A A"),
])
def test_postcode(written, said):
    assert spoken.postcode(written) == said


def test_numbers_and_counts():
    assert [spoken.number(n) for n in (0, 7, 21, 40, 105, 999)] == [
        "zero", "seven", "twenty-one", "forty", "one hundred and five", "nine hundred and ninety-nine"]
    assert [spoken.ordinal(n) for n in (1, 2, 3, 12, 20, 22, 31)] == [
        "first", "second", "third", "twelfth", "twentieth", "twenty-second", "thirty-first"]
    assert spoken.of_total("Activity", 3, 12) == "Activity 3 of 12."
