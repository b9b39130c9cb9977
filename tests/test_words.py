"""The wording layer: one function a fact, every sentence through words.say(), and no output
imported by it (so outputs can only lay its words out)."""

from __future__ import annotations

import ast
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from generator.model import Activity, Schedule
from generator.schedule import Calendar
from generator.words import dates, people, say, use_catalogue
from generator.words.cost import cost_line, cost_short, cost_text, money
from generator.words.lists import and_list, or_list

WORDS = Path(__file__).resolve().parent.parent / "generator" / "words"
OUTPUTS = ("generator.site", "generator.printing", "generator.opendata", "generator.sms",
           "generator.calendar_ics", "generator.stale", "generator.commands", "generator.cli")
TODAY = dt.date(2026, 11, 30)  # a Monday


def test_words_imports_no_output():
    for path in WORDS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            for name in names:
                assert not name.startswith(OUTPUTS), f"{path.name} imports {name}"


def test_a_catalogue_replaces_the_words_without_touching_outputs():
    act = _activity(cost={"kind": "pay-what-you-can", "amount": 3})
    try:
        use_catalogue({"Pay what you can (suggested {amount})": "Talwch beth allwch (awgrym {amount})",
                       "{items} and {last}": "{items} a {last}"})
        assert cost_text(act) == "Talwch beth allwch (awgrym £3)"
        assert and_list(["te", "coffi", "bisgedi"]) == "te, coffi a bisgedi"
    finally:
        use_catalogue(None)
    assert cost_text(act) == "Pay what you can (suggested £3)"
    assert say("{n} m", n=5) == "5 m"


def _activity(**fields) -> Activity:
    base = {"id": "test-activity", "name": "Test", "summary": "An activity.", "categories": ["walking"],
            "cost": {"kind": "free"}, "how_to_go": {"access": "drop-in"},
            "where": {"online": True}, "last_checked": "2026-11-01", "checked_by": "Test",
            "schedules": []}
    return Activity.model_validate({**base, **fields})


@pytest.mark.parametrize(("cost", "text", "short"), [
    ({"kind": "free"}, "Free", "Free"),
    ({"kind": "fixed", "amount": 3.5}, "£3.50", "£3.50"),
    ({"kind": "concessions", "amount": 3, "concession_amount": 1.5}, "£3, or £1.50 concessions",
     "£3 (£1.50 concessions)"),
    ({"kind": "pay-what-you-can", "amount": 3}, "Pay what you can (suggested £3)",
     "Pay what you can (suggested £3)"),
    ({"kind": "pay-what-you-can"}, "Pay what you can", "Pay what you can"),
])
def test_cost_is_worded_once(cost, text, short):
    act = _activity(cost=cost)
    assert cost_text(act) == text and cost_short(act) == short
    noted = _activity(cost={**cost, "description": "Tea included."})
    assert cost_line(noted) == f"{text}. Tea included."
    assert money(Decimal("2.00")) == "£2" and money(None) == ""


@pytest.mark.parametrize(("audience", "lines"), [
    (None, ["Everyone"]),
    ({"min_age": 18, "groups": ["Everyone"], "not_just_older_people": True},
     ["Ages 18 and over", "Not just for older people"]),
    ({"groups": ["Everyone"], "not_just_older_people": True}, ["Everyone", "Not just for older people"]),
    ({"not_just_older_people": True}, ["All ages welcome: not just for older people"]),
    ({"groups": ["Older people"], "not_just_older_people": True},
     ["Older people", "Younger people welcome too"]),
    ({"min_age": 5, "max_age": 11}, ["Ages 5 to 11"]),
    ({"max_age": 5, "groups": ["Parents", "Carers"]}, ["Parents and Carers", "Ages up to 5"]),
])
def test_who_it_is_for_never_contradicts_itself(audience, lines):
    act = _activity(**({"audience": audience} if audience else {}))
    assert people.who_for(act) == lines


def test_lists():
    assert and_list([]) == "" and and_list(["a"]) == "a" and and_list(["a", "b", "c"]) == "a, b and c"
    assert or_list(["Online", "By phone"]) == "Online or By phone"


def _schedule(**fields) -> Schedule:
    return Schedule.model_validate({"start": "10:00", "end": "12:00", **fields})


def test_a_course_that_has_not_started_says_from_when():
    s = _schedule(frequency="weekly", days=["tuesday"], valid_from="2027-01-12",
                  valid_to="2027-03-30")
    assert dates.describe(s, TODAY) == (
        "Every Tuesday, 10am to 12 noon; from 12 January 2027 to 30 March 2027")
    running = _schedule(frequency="weekly", days=["tuesday"], valid_from="2026-09-01",
                        valid_to="2027-03-30")
    assert dates.describe(running, TODAY) == "Every Tuesday, 10am to 12 noon; until 30 March 2027"


def test_past_one_off_dates_are_left_out():
    s = _schedule(frequency="once", dates=["2026-11-12", "2026-11-19", "2026-11-26", "2026-12-03"])
    assert dates.describe(s, TODAY) == "On Thursday 3 December 2026, 10am to 12 noon"
    assert "12 November" in dates.describe(s)  # without a build date, every date


def test_every_other_monday_says_which_monday():
    s = _schedule(frequency="fortnightly", days=["monday"], start_date="2026-11-23")
    assert dates.describe(s, TODAY) == "Every other Monday, 10am to 12 noon; next on Monday 7 December"
    monthly = _schedule(frequency="monthly", days=["thursday"], weeks=["first"])
    assert dates.describe(monthly, TODAY).endswith("; next on Thursday 3 December")
    assert dates.describe(s, TODAY, with_next=False) == "Every other Monday, 10am to 12 noon"


def test_term_time_and_bank_holiday_notes():
    s = _schedule(frequency="weekly", days=["monday"], term_time_only=True, not_on_bank_holidays=True)
    cal = Calendar(frozenset({dt.date(2026, 12, 28)}), ((dt.date(2026, 9, 1), dt.date(2026, 12, 18)),))
    assert dates.describe(s, TODAY, cal) == (
        "Every Monday, 10am to 12 noon; school term time only; not on bank holidays")


def test_how_to_join():
    book = _activity(how_to_go={"access": "book"}, capacity="full")
    assert people.access_text(book) == "Book ahead"
    assert people.capacity_text(book) == "Full at the moment: ring to ask about places."
    assert people.join_short(book, "0151 496 0123") == ["Full at the moment. Book: ring 0151 496 0123"]
    referral = _activity(how_to_go={"access": "referral", "referral_from": ["gp", "link-worker"]})
    assert people.referrer_line(referral) == (
        "Who can refer you: your GP and a social prescribing link worker.")
    drop_in = _activity(how_to_go={"access": "drop-in", "referral_from": ["self", "gp"]})
    assert people.referrer_line(drop_in) is None  # anyone may just turn up
