"""A corpus of crafted issue bodies (issue 12.7): every one ends in a plain message for the sender
or a valid listing, never a traceback. Made from the forms (generator.issue_forms) with mutations,
plus hand-written nasty ones."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pytest

from generator.directory import load_config
from generator.issue_check import problems_in
from generator.issue_forms import BY_KIND
from generator.issue_to_listing import IssueProblem, _venues, convert
from tests.conftest import DEMO
from tests.issue_bodies import NEW, body

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)

BASE = {
    "new": NEW,
    "update": {"activity_id": "aigburth-tuesday-walk", "start": "10am", "end": "noon",
               "phone": "0151 496 0123", "cost": "A fixed price", "price": "2",
               "still_correct": ["Everything not changed below is still correct"], "checked_by": "Jean"},
    "stopped": {"activity_id": "https://whats-on.example.org/activities/aigburth-tuesday-walk/",
                "last_date": "30/11/2026", "checked_by": "Jean"},
    "checked": {"activity_id": "aigburth-tuesday-walk",
                "all_correct": ["I have checked: everything in the listing is still correct"],
                "checked_by": "Jean"},
}
NASTY_VALUES = [
    None, " ", "\x00\x01\x02\x7f", "\u202eevil\u200b", "=HYPERLINK(\"http://x\")", "a" * 70_000,
    "🙂" * 300, "<script>alert(1)</script>", "### Which activity?\n\ngarston-lunch-club-friday",
    "```", "- [x] Online", "null", "!!python/object/apply:os.system ['ls']", "&a [*a, *a]",
    "25:99", "-1", "1e309", "../../etc/passwd", "Venues", "St Annes Church Hall", "every other Tuesday",
    "£3.80", "half past ten", "Garston Village Hall, 1 Road, L19 2AA", "\r\n\r\n", "0", "[1, 2]",
    "{kind: free}", "Monday, Funday", "Free, Pay what you can",
]
FILE_NASTIES = [
    "organisation: Venues\nactivities: []\n",
    "organisation: [a, b]\n",
    "organisation:\n  name: Venues\nactivities:\n  - id: x\n",
    "a: &a [1]\nb: [*a, *a, *a]\n",
    "organisation: !!python/object/apply:os.system ['ls']\n",
    "organisation:\n  name: A\x00B\n",
    "{" * 5000,
    "organisation:\n  name: Tea & Cake Café\nactivities:\n  - id: ../../etc\n    name: X\n",
    "organisation:\n  name: Aigburth Walkers\nactivities:\n  - id: garston-lunch-club-friday\n    name: Stolen\n",
    "organisation:\n  name: Aigburth Walkers\nactivities:\n  - id: aigburth-tuesday-walk\n"
    "    schedules: weekly\n",
    "- just\n- a list\n",
    "organisation:\n  name: " + "x" * 100_000 + "\nactivities: [{id: a}]\n",
]


def _mutated() -> list[tuple[str, str, str]]:
    """(id, kind, body): each question of each form given a few nasty answers, in turn."""
    cases = []
    n = 0
    for kind, form in BY_KIND.items():
        for q in form.questions:
            for _ in range(2):
                value = NASTY_VALUES[n % len(NASTY_VALUES)]
                n += 1
                cases.append((f"{kind}-{q.id}-{n}", kind, body(kind, **{**BASE[kind], q.id: value})))
    return cases


def _structural() -> list[tuple[str, str, str]]:
    cases = []
    for kind in BY_KIND:
        full = body(kind, **BASE[kind])
        sections = full.split("\n\n### ")
        cases += [
            (f"{kind}-empty", kind, ""),
            (f"{kind}-no-headings", kind, "Please add our group, we meet on Tuesdays."),
            (f"{kind}-crlf", kind, full.replace("\n", "\r\n")),
            (f"{kind}-lone-cr", kind, full.replace("\n", "\r")),
            (f"{kind}-reversed", kind, "### " + "\n\n### ".join(reversed(sections)).lstrip("# ")),
            (f"{kind}-doubled", kind, full + "\n" + full),
            (f"{kind}-huge", kind, full + "x" * 250_000),
        ]
        rng = random.Random(kind)
        for i in range(6):
            cut = rng.randrange(len(full))
            cases.append((f"{kind}-cut-{i}", kind, full[:cut]))
        for i in range(4):
            chars = list(full)
            for _ in range(20):
                chars[rng.randrange(len(chars))] = rng.choice("#`-[]x\n:\x00\u202e ")
            cases.append((f"{kind}-noise-{i}", kind, "".join(chars)))
    for i, text in enumerate(FILE_NASTIES):
        cases.append((f"new-file-{i}", "new", body("new", checked_by="Al", listing_yaml=text)))
        cases.append((f"update-file-{i}", "update", body("update", activity_id="aigburth-tuesday-walk",
                                                         checked_by="Al", listing_yaml=text)))
    cases.append(("org-string", "new", body("new", **{**NEW, "organisation": "Venues"})))
    cases.append(("heading-redirect", "update", body(
        "update", activity_id="aigburth-tuesday-walk", checked_by="Al",
        other_changes="x\n\n### Which activity?\n\ngarston-lunch-club-friday")))
    checked = ["I have checked: everything in the listing is still correct"]
    cases += [
        ("new-rtl-org", "new", body("new", **{**NEW, "organisation": "\u202eevil\u202c Club"})),
        ("new-script-description", "new", body("new", **{**NEW, "description": "<script>alert(1)</script>"})),
        ("new-venue-typo", "new", body("new", **{**NEW, "venue": "St Annes Church Hal"})),
        ("new-no-venue-no-elsewhere", "new", body("new", **{**NEW, "venue": None})),
        ("update-price-pence", "update", body("update", **{**BASE["update"], "price": "50p"})),
        ("update-emoji-name", "update", body("update", **{**BASE["update"], "checked_by": "🙂 Jean"})),
        ("checked-two-groups", "checked", body("checked", **{**BASE["checked"],
                                                           "activity_id": "aigburth-tuesday-walk, garston-lunch-club"})),
        ("checked-unknown-id", "checked", body("checked", activity_id="no-such-thing", all_correct=checked,
                                               checked_by="Al")),
        ("stopped-url-with-query", "stopped", body("stopped", **{**BASE["stopped"],
                                                               "activity_id": "https://x.example/add/?activity=garston-lunch-club"})),
    ]
    return cases


CASES = _mutated() + _structural()


def test_the_corpus_is_big_enough():
    assert len(CASES) >= 200


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(DEMO / "listings", root / "listings")
    shutil.copytree(DEMO / "site_config", root / "site_config")
    return root


@pytest.mark.parametrize(("name", "kind", "text"), CASES, ids=[c[0] for c in CASES])
def test_ends_in_a_plain_message_or_a_valid_listing(tree, name, kind, text):
    config = load_config(tree / "site_config")
    listings = tree / "listings"
    try:
        result = convert(text, kind, listings, config, TODAY, author="someone")
    except IssueProblem as err:
        assert err.problems, name
        for problem in err.problems:
            assert isinstance(problem, str) and 10 < len(problem) < 700, (name, problem[:300])
            assert "Traceback" not in problem and "listings/" not in problem, (name, problem[:300])
            assert not any(w in problem for w in ("activities[", "schedules[", "Error:", "\x00")), \
                (name, problem[:300])
            assert "\u202e" not in problem, (name, problem[:300])
        return
    assert result.path.parent == listings and result.path.name != "venues.yml", name
    assert problems_in(result.text, config, _venues(listings)) == [], name


def test_an_update_with_a_price_works_in_a_fresh_process(tree, tmp_path):
    """The issue workflow converts one issue per process. An update that sets a price must not
    need a new listing to have been written earlier in the same process (ruamel keeps its writers'
    representers per class), which the corpus above, in one process, could not show."""
    import subprocess
    import sys

    issue = tmp_path / "issue.md"
    issue.write_text(body("update", **BASE["update"]), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "issue-to-listing", "--kind", "update",
                           "--body-file", str(issue), "--listings", str(tree / "listings"),
                           "--config", str(tree / "site_config"), "--today", TODAY.isoformat(),
                           "--dry-run"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    import yaml

    [walk] = [a for a in yaml.safe_load(done.stdout)["activities"] if a["id"] == "aigburth-tuesday-walk"]
    assert walk["cost"] == {"kind": "fixed", "amount": 2}  # a number, as the sender wrote it
