"""The issue route as a volunteer and a reviewer meet it: honest checks, nothing invented, every
problem at once in the words of the form, everyday answers understood, updates that merge, and
PR text that flags what a reviewer must check."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator import yaml_load
from generator.directory import load_config
from generator.issue_to_listing import IssueProblem, convert, pr_body
from tests.conftest import DEMO
from tests.issue_bodies import NEW, body

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)
WALK = "aigburth-tuesday-walk"  # in listings/aigburth-walkers.yml, last checked 2026-10-03 or so


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """A copy of the demo to read (the converter writes nothing)."""
    root = tmp_path_factory.mktemp("issue-route")
    shutil.copytree(DEMO / "listings", root / "listings")
    shutil.copytree(DEMO / "site_config", root / "site_config")
    return root


def _load(text: str) -> dict:
    return yaml_load.loads(text).data  # the project's reader: 10:00 is a time, dates stay text


def run(tree: Path, kind: str, author: str | None = None, **answers):
    return convert(body(kind, **answers), kind, tree / "listings", load_config(tree / "site_config"),
                   TODAY, author=author)


def problems(tree: Path, kind: str, **answers) -> list[str]:
    with pytest.raises(IssueProblem) as err:
        run(tree, kind, **answers)
    return err.value.problems


def walk(result) -> dict:
    return next(a for a in _load(result.text)["activities"] if a["id"] == WALK)


def original(tree: Path) -> dict:
    data = _load((tree / "listings" / "aigburth-walkers.yml").read_text())
    return next(a for a in data["activities"] if a["id"] == WALK)


# ---- 13.2 honest checks


def test_an_update_without_the_box_keeps_the_check_date(tree):
    result = run(tree, "update", activity_id=WALK, phone="0151 496 0999", checked_by="Jean Example")
    after, before = walk(result), original(tree)
    assert after["phone"] == "0151 496 0999"
    assert (after["last_checked"], after["checked_by"]) == (before["last_checked"], before["checked_by"])
    assert any("did not tick" in n and f"stays {before['last_checked']}" in n for n in result.notes)


def test_the_box_records_the_check(tree):
    result = run(tree, "update", activity_id=WALK, still_correct=["Everything not changed below is still correct"],
                 checked_by="Jean Example")
    assert walk(result)["last_checked"] == TODAY.isoformat()
    assert walk(result)["checked_by"] == "Jean Example"


def test_nothing_has_changed_checks_every_activity_named(tree):
    result = run(tree, "checked", activity_id=f"{WALK}, sefton-park-saturday-stroll",
                 all_correct=["I have checked: everything in the listing is still correct"],
                 checked_by="Jean Example", author="jean-example")
    acts = {a["id"]: a for a in _load(result.text)["activities"]}
    assert acts[WALK]["last_checked"] == TODAY.isoformat() == acts["sefton-park-saturday-stroll"]["last_checked"]
    assert result.flags == []  # Jean is a listed maintainer, and nothing but the check changed
    assert result.changed and all(c.endswith(("last_checked", "checked_by")) for c in result.changed)


def test_nothing_has_changed_needs_the_box(tree):
    found = problems(tree, "checked", activity_id=WALK, checked_by="Jean")
    assert found == ["Is it all still correct?: Please tick the box to say everything in the listing is "
                     'still correct. If something has changed, use the form "Update or correct a listing" instead.']


# ---- 13.3 nothing invented


def test_a_new_activity_without_the_facts_gets_every_question_back(tree):
    answers = {k: v for k, v in NEW.items() if k not in ("categories", "frequency", "cost", "access")}
    assert problems(tree, "new", **answers) == [
        "What kind of activity is it?: Please choose at least one kind of activity.",
        "How often does it happen?: Please say how often it happens.",
        "What does it cost?: Please say what it costs (Free is one of the answers).",
        "How do people join?: Please say how people join: Just turn up, Book first or Needs a referral.",
    ]


def test_the_pr_lists_what_the_sender_did_not_write(tree):
    answers = {k: v for k, v in NEW.items() if k != "summary"}
    result = run(tree, "new", **answers)
    text = pr_body(result, "new", 3)
    assert "- summary: the activity's name (One line about it was left blank)" in text
    assert "- id: wednesday-knit-and-natter (made from the activity's name)" in text
    act = _load(result.text)["activities"][0]
    assert act["cost"] == {"kind": "free"} and act["how_to_go"] == {"access": "drop-in"}  # as sent


# ---- 13.4 replies a volunteer can act on; everyday answers


def test_every_problem_at_once_named_by_its_question(tree):
    found = problems(tree, "new", **{**NEW, "start": "25 o'clock", "end": "soonish", "phone": "12345",
                                     "venue": "St Anne Church Hall", "cost": "A fixed price"})
    assert found == [  # in the order of the form
        "Start time: \"25 o'clock\" is not a time we can read. Write it like 10:00, 10am or 2.30pm.",
        "End time: \"soonish\" is not a time we can read. Write it like 10:00, 10am or 2.30pm.",
        "Where is it?: \"St Anne Church Hall\" is not a venue on our list. Did you mean St Anne's Church Hall? "
        "Give the venue's name as it appears in the directory, or its name and full address ending with "
        "the postcode.",
        "Price in pounds: Please give the price in pounds, like 3.50.",
        "Phone number: \"12345\" is not a UK phone number. Write it with the area code, like 0151 496 0123.",
    ]
    for line in found:
        assert "listings/" not in line and "activities[" not in line and ".yml" not in line


def test_everyday_answers_are_understood(tree):
    result = run(tree, "new", **{**NEW, "frequency": "every other Tuesday", "days": None,
                                 "dates": "1/12/2026", "start": "10am", "end": "half past eleven",
                                 "phone": "(0151) 496-0123", "venue": "st annes church hall"})
    act = _load(result.text)["activities"][0]
    assert act["schedules"] == [{"frequency": "fortnightly", "days": ["tuesday"],
                                 "start_date": "2026-12-01", "start": "10:00", "end": "11:30"}]
    assert act["phone"] == "0151 496 0123"
    assert act["where"] == {"venue": "st-annes-hall"}
    text = pr_body(result, "new", None)
    assert 'End time: "half past eleven" was read as 11:30.' in text
    assert "Where is it?: \"st annes church hall\" was read as St Anne's Church Hall." in text


def test_every_other_week_needs_a_date(tree):
    found = problems(tree, "new", **{**NEW, "frequency": "every other Tuesday", "days": None})
    assert found == ["Date: It happens every two weeks: give the date of one session, so we know which weeks."]


def test_noon_and_pm(tree):
    result = run(tree, "update", activity_id=WALK, start="noon", end="2.30pm", checked_by="Jean")
    assert walk(result)["schedules"][0]["start"] == "12:00"
    assert walk(result)["schedules"][0]["end"] == "14:30"


# ---- 12.7 updates merge, and the reviewer is told what to check


def test_an_update_from_the_form_keeps_what_it_did_not_send(tree):
    sent = ("organisation:\n  name: Aigburth Walkers\nactivities:\n"
            f"  - id: {WALK}\n    name: Tuesday Health Walk\n    summary: A new summary.\n")
    result = run(tree, "update", activity_id=WALK, listing_yaml=sent, checked_by="Jean")
    after, before = walk(result), original(tree)
    assert after["summary"] == "A new summary."
    for key in ("description", "schedules", "where", "cost", "categories", "last_checked"):
        assert after[key] == before[key], key
    org = _load(result.text)["organisation"]
    assert org["maintainers"] == [{"name": "Jean Example", "email": "jean@aigburth-walkers.example.org",
                                   "github": "jean-example"}]
    assert len(_load(result.text)["activities"]) == 2  # the other activity is still there


def test_contact_changes_and_strangers_are_flagged_first(tree):
    result = run(tree, "update", activity_id=WALK, phone="0151 496 0999", checked_by="Mallory",
                 author="mallory")
    text = pr_body(result, "update", 9)
    first = text.split("\n\n")[0:2]
    assert first[0] == "**Check before merging:**"
    assert "- ⚠ The sender is not one of this group's listed maintainers." in first[1]
    assert "- ⚠ This changes contact details or maintainers: activities[0].phone." in first[1]
    assert "jean-example" not in text and "jean@" not in text  # maintainers' handles stay private


def test_a_listed_maintainer_changing_a_time_is_not_flagged(tree):
    result = run(tree, "update", activity_id=WALK, start="10:15", checked_by="Jean", author="Jean-Example")
    assert result.flags == []


def test_a_heading_inside_an_answer_does_not_redirect_the_update(tree):
    trick = "Please note\n\n### Which activity?\n\ngarston-lunch-club-friday"
    result = run(tree, "update", activity_id=WALK, other_changes=trick, checked_by="Jean")
    assert result.path.name == "aigburth-walkers.yml"
    new = {**NEW, "description": "Hello\n\n### Your group or organisation\n\nAigburth Walkers"}
    added = run(tree, "new", **new)
    assert added.path.name == "garston-knit-and-natter.yml"
    assert "### Your group or organisation" in _load(added.text)["activities"][0]["description"]
    assert any("repeats the heading" in f for f in added.flags)


def test_a_group_called_venues_never_touches_the_shared_venues(tree):
    result = run(tree, "new", **{**NEW, "organisation": "Venues"})
    assert result.path.name == "venues-group.yml"


def test_the_web_forms_nothing_has_changed_file_records_the_check(tree):
    """The web form's "Nothing has changed" sends the organisation's name, the activity's id and
    the new check only (templates/form/form.js readStillCorrect)."""
    sent = (f"organisation:\n  name: Aigburth Walkers\nactivities:\n  - id: {WALK}\n"
            f"    last_checked: {TODAY.isoformat()}\n    checked_by: Jean Example\n")
    result = run(tree, "update", activity_id=WALK, listing_yaml=sent, checked_by="Jean Example")
    after, before = walk(result), original(tree)
    assert after["last_checked"] == TODAY.isoformat()
    assert {k: v for k, v in after.items() if k not in ("last_checked", "checked_by")} == \
        {k: v for k, v in before.items() if k not in ("last_checked", "checked_by")}


def test_a_check_dated_in_the_future_is_not_recorded(tree):
    sent = (f"organisation:\n  name: Aigburth Walkers\nactivities:\n  - id: {WALK}\n"
            "    last_checked: 2030-01-01\n    checked_by: Jean Example\n")
    result = run(tree, "update", activity_id=WALK, listing_yaml=sent, checked_by="Jean Example")
    assert walk(result)["last_checked"] == original(tree)["last_checked"]
