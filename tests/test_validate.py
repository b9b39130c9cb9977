"""The broken-listing corpus (tests/broken/): every mistake a volunteer can make gives the exact
FILE:LINE:COLUMN: field: message line, all errors in one run, and one bad file never stops the
others from building.

Each case is run through the real CLI, in-process, in a small directory built in tmp_path from a
copy of the real site_config/, tests/broken/_site/ (a shared venue and one good listing) and the
one broken file.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.directory import load
from tests.conftest import DEMO

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "broken"
TODAY = "2026-11-22"

# One entry per file in tests/broken/ (plus "huge", made by the test: a multi-megabyte file is
# not worth keeping in git). The lines are exactly what `validate` prints on stdout.
EXPECTED = {
    'alias-bomb': [
        'listings/alias-bomb.yml:3:8: b[0]: The file uses a YAML alias (*name). Write the value out in full instead.',
    ],
    'at-sign': [
        'listings/at-sign.yml:26:17: This is not valid YAML: a value starts with a character YAML keeps for itself (such as @, ` or %). Put the value in quotes.',
    ],
    'bad-date': [
        'listings/bad-date.yml:25:19: activities[0].last_checked: "22/11/2026" is not a date. Write it like 2026-11-22 (year-month-day).',
    ],
    'bad-email': [
        'listings/bad-email.yml:5:10: organisation.email: "hello at example.org" is not an e-mail address. Write it like name@example.org.',
    ],
    'bad-id': [
        'listings/bad-id.yml:10:9: activities[0].id: "Friday Walk" is not an id. Use lower-case letters, numbers and hyphens, like tuesday-walk.',
    ],
    'bad-phone-short': [
        'listings/bad-phone-short.yml:18:12: activities[0].phone: "0151 496 020" is not a UK phone number: it has 10 digits, and numbers starting 0151 have 11. Check for a missing digit.',
    ],
    'bad-phone-words': [
        'listings/bad-phone-words.yml:18:12: activities[0].phone: "ring Jean" is not a UK phone number. Write it with the area code, like 0151 496 0123.',
    ],
    'bad-postcode': [
        'listings/bad-postcode.yml:28:19: activities[0].where.venue.postcode: "L19 ZAA" is not a UK postcode. Write it like L17 7AA.',
    ],
    'bad-url': [
        'listings/bad-url.yml:19:14: activities[0].website: "www.example.org/walks" is not a web address. Write it in full, like https://www.example.org.',
    ],
    'binary-junk': [
        'listings/binary-junk.yml:1:1: The file is not UTF-8 text (it may be a binary or a word-processor file). Save it as plain text (UTF-8).',
    ],
    'charity-number-words': [
        'listings/charity-number-words.yml:6:19: organisation.charity_number: "charity no. 1123456" is not a charity number. Write the number only, like 1123456.',
    ],
    'closes-before-opens': [
        'listings/closes-before-opens.yml:23:14: activities[0].schedules[0].end: It ends at 02:00, which is not after it starts at 14:00. Check the times (24-hour clock: 2pm is 14:00).',
    ],
    'cost-as-word': [
        'listings/cost-as-word.yml:16:11: activities[0].cost: Write this as a group of fields, like cost: {kind: free}.',
    ],
    'cost-without-amount': [
        'listings/cost-without-amount.yml:16:11: activities[0].cost: A fixed cost needs an amount, e.g. amount: 3.50.',
    ],
    'day-typo': [
        'listings/day-typo.yml:21:16: activities[0].schedules[0].days[0]: "fridya" is not a day. Did you mean "friday"? Write Monday, Tuesday, …',
    ],
    'days-as-text': [
        'listings/days-as-text.yml:21:15: activities[0].schedules[0].days[0]: "tuesday and friday" is not a day. For several days, write a list: days: [tuesday, friday].',
    ],
    'duplicate-activity-id': [
        'listings/duplicate-activity-id.yml:10:9: activities[0].id: The activity id "good-coffee-morning" is already used at listings/a-good-group.yml:9. Every activity needs its own id.',
    ],
    'duplicate-key': [
        'listings/duplicate-key.yml:27:5: activities[0].last_checked: This key is written twice (first on line 25). Keep one of them.',
    ],
    'empty': [
        'listings/empty.yml:1:1: The file is empty. Start a listing with `python -m generator new`, or copy one from listings/.',
    ],
    'empty-value': [
        'listings/empty-value.yml:11:10: activities[0].name: There is nothing after the colon. Write a value, or remove the line.',
    ],
    'fifth-monday-words': [
        'listings/fifth-monday-words.yml:21:16: activities[0].schedules[0].days[0]: "5th monday" is not a day. Put the day in days and the week in weeks, like days: [monday] and weeks: [first] (for the last one in the month, weeks: [last]).',
    ],
    'fifth-week': [
        'listings/fifth-week.yml:22:17: activities[0].schedules[0].weeks[0]: "fifth" is not a week we can use: most months have no fifth one. Write first, second, third, fourth or last.',
    ],
    'fortnightly-no-start-date': [
        'listings/fortnightly-no-start-date.yml:20:20: activities[0].schedules[0].frequency: A fortnightly activity needs start_date: the date of its first session, so we know which weeks it runs.',
    ],
    'fortnightly-wrong-weekday': [
        'listings/fortnightly-wrong-weekday.yml:22:21: activities[0].schedules[0].start_date: The start_date 2026-11-03 is a Tuesday, but the days are Friday. Give the date of the first session.',
    ],
    'future-last-checked': [
        'listings/future-last-checked.yml:25:19: activities[0].last_checked: The date 2027-01-15 is in the future. Write the date a person last checked the details: today or earlier.',
    ],
    'list-not-mapping': [
        'listings/list-not-mapping.yml:2:1: The file should be a group of fields (key: value lines), starting with organisation:.',
    ],
    'maintainer-no-contact': [
        'listings/maintainer-no-contact.yml:7:7: organisation.maintainers[0]: Give an email or a github user name so we can remind this person.',
    ],
    'merge-key': [
        'listings/merge-key.yml:21:9: activities[0].schedules[1]: The file uses a YAML merge (<<:). Write the values out in full instead.',
    ],
    'missing-activities': [
        'listings/missing-activities.yml:8:13: activities: This list is empty. Give at least one entry.',
    ],
    'missing-checked-by': [
        'listings/missing-checked-by.yml:10:5: activities[0].checked_by: This is required but missing. Add a line `checked_by: Your Name` with the name (or role) of who checked them.',
    ],
    'missing-last-checked': [
        'listings/missing-last-checked.yml:10:5: activities[0].last_checked: This is required but missing. Add a line `last_checked: 2026-11-22` with the date a person last checked these details.',
    ],
    'monthly-both': [
        'listings/monthly-both.yml:23:23: activities[0].schedules[0].day_of_month: A monthly activity is either on a date (day_of_month: 15) or on a weekday (days: [tuesday] and weeks: [first]), not both.',
    ],
    'not-utf8': [
        'listings/not-utf8.yml:11:1: The file is not UTF-8 text (it may be a binary or a word-processor file). Save it as plain text (UTF-8).',
    ],
    'nowhere': [
        'listings/nowhere.yml:24:12: activities[0].where: Say where it happens: a venue, or online / by_phone / home_visits: true.',
    ],
    'python-tag': [
        'listings/python-tag.yml:26:17: activities[0].checked_by: The tag !!python/object/apply:os.system is not allowed in a listing. Remove it and write a plain value.',
    ],
    'same-activity-twice': [
        'listings/same-activity-twice.yml:28:11: activities[1].name: "Friday walk" looks like the same activity as the one at listings/same-activity-twice.yml:10 (same name, place and times). List it once.',
    ],
    'several-errors': [
        'listings/several-errors.yml:5:10: organisation.email: "hello@" is not an e-mail address. Write it like name@example.org.',
        'listings/several-errors.yml:13:18: activities[0].categories[0]: "walkng" is not a category id we know. Did you mean "walking"? See site_config/categories.yml for the list.',
        'listings/several-errors.yml:18:12: activities[0].phone: "0151 496 02" is not a UK phone number: it has 9 digits. UK numbers have 11 digits (a few have 10), like 0151 496 0123 or 07700 900123.',
        'listings/several-errors.yml:22:16: activities[0].schedules[0].start: Start time 10:70 is not a time. Write it like 14:30.',
    ],
    'summary-too-long': [
        'listings/summary-too-long.yml:12:14: activities[0].summary: This is too long: at most 140 characters (this has 149). Shorten it.',
    ],
    'tab-indent': [
        'listings/tab-indent.yml:11:1: This is not valid YAML: there is a tab character here. Indent with spaces, not tabs.',
    ],
    'time-25': [
        'listings/time-25.yml:22:16: activities[0].schedules[0].start: Start time 25:00 is not a time. Write it like 14:30.',
    ],
    'unclosed-bracket': [
        'listings/unclosed-bracket.yml:13:17: This is not valid YAML: a list in square brackets [ ] is not closed, or a comma is missing between its items.',
    ],
    'unknown-area': [
        'listings/unknown-area.yml:29:15: activities[0].where.venue.area: "garstang" is not an area id we know. Did you mean "garston"? See site_config/areas.yml for the list.',
    ],
    'unknown-category': [
        'listings/unknown-category.yml:13:27: activities[0].categories[1]: "walks" is not a category id we know. Did you mean "walking"? See site_config/categories.yml for the list.',
    ],
    'unknown-key': [
        'listings/unknown-key.yml:12:5: activities[0].sumary: "sumary" is not a field we know. Did you mean "summary"?',
    ],
    'unknown-key-no-match': [
        'listings/unknown-key-no-match.yml:17:5: activities[0].colour: "colour" is not a field we know. Fields here are: id, name, summary, description, categories, audience, cost, how_to_go, capacity, status, languages, communication_support, easy_read, first_visit, phone, on_the_day_phone, email, website, schedules, where, last_checked, checked_by.',
    ],
    'unknown-venue': [
        'listings/unknown-venue.yml:24:20: activities[0].where.venue: "test-hal" is not a venue id we know. Did you mean "test-hall"? See listings/venues.yml for the list. Or write the venue in full (name, address, postcode, area).',
    ],
    'unquoted-colon': [
        'listings/unquoted-colon.yml:12:18: This is not valid YAML: a colon (:) is in a place YAML does not expect. If the text has a colon in it, put the whole text in quotes, like summary: "Note: bring water". Otherwise check that this line is indented like the lines around it.',
    ],
    'valid-to-before-from': [
        'listings/valid-to-before-from.yml:25:19: activities[0].schedules[0].valid_to: The run ends (valid_to 2026-09-30) before it starts (valid_from 2027-04-01). Check the dates: year-month-day.',
    ],
    'venue-missing-fields': [
        'listings/venue-missing-fields.yml:26:9: activities[0].where.venue.address: This is required but missing. Add a line `address: 12 Example Road, Liverpool`.',
        'listings/venue-missing-fields.yml:26:9: activities[0].where.venue.postcode: This is required but missing. Add a line `postcode: L17 7AA`.',
    ],
    'wrong-type-bool': [
        'listings/wrong-type-bool.yml:19:23: activities[0].first_visit.bring_a_friend: This should be true or false, not "maybe".',
    ],
    'wrong-type-list': [
        "listings/wrong-type-list.yml:13:17: activities[0].categories: This should be a list (one item per line starting with '- ', or [a, b]), not a group of fields.",
    ],
    'wrong-type-number': [
        'listings/wrong-type-number.yml:15:16: activities[0].audience.min_age: This should be a whole number, not "eighteen".',
    ],
    'yaml-syntax-error': [
        'listings/yaml-syntax-error.yml:11:10: This is not valid YAML: a colon (:) is in a place YAML does not expect. If the text has a colon in it, put the whole text in quotes, like summary: "Note: bring water". Otherwise check that this line is indented like the lines around it.',
    ],
    'us-spelling': [
        'listings/us-spelling.yml:3:1: organization: "organization" is not a field we know. Did you mean "organisation"?',
    ],
    'time-am-pm': [
        'listings/time-am-pm.yml:22:16: activities[0].schedules[0].start: Start time 10am is not a time. Write it like 10:00.',
        'listings/time-am-pm.yml:23:14: activities[0].schedules[0].end: End time 12 noon is not a time. Write it like 12:00.',
    ],
    "huge": [
        "listings/huge.yml:1:1: The file is 3.0 MB, but a listing must be under 512 KB. Check it is the right file.",
    ],
}


def _make_huge(path: Path) -> None:
    base = (BROKEN / "time-25.yml").read_text(encoding="utf-8")
    padding = "# " + "x" * 98 + "\n"
    path.write_text(base + padding * (3 * 1024 * 1024 // len(padding) + 1), encoding="utf-8")


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A tiny directory: real settings, one shared venue, one good listing."""
    shutil.copytree(DEMO / "site_config", tmp_path / "site_config",
                    ignore=shutil.ignore_patterns("transport"))
    site_yml = tmp_path / "site_config" / "site.yml"
    kept = [line for line in site_yml.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.lstrip().startswith(("naptan:", "gtfs:", "postcodes:"))]
    site_yml.write_text("".join(kept), encoding="utf-8")  # no transport data in these tests
    listings = tmp_path / "listings"
    listings.mkdir()
    for path in (BROKEN / "_site").iterdir():
        shutil.copy(path, listings / path.name)
    monkeypatch.chdir(tmp_path)
    return listings


def _add(listings: Path, case: str) -> Path:
    target = listings / f"{case}.yml"
    if case == "huge":
        _make_huge(target)
    else:
        shutil.copy(BROKEN / f"{case}.yml", target)
    return target


def _validate(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(["validate", "--today", TODAY, *args])
    out, err = capsys.readouterr()
    # Warnings from other parts (e.g. bus data) are not this corpus's business.
    return code, [line for line in out.splitlines() if ": warning: " not in line], err


def test_the_corpus_has_a_case_for_every_file_and_at_least_30():
    files = {p.stem for p in BROKEN.glob("*.yml")}
    assert files == set(EXPECTED) - {"huge"}
    assert len(EXPECTED) >= 30


def test_the_good_site_alone_is_valid(site, capsys):
    code, out, err = _validate(capsys)
    assert (code, out) == (0, [])
    assert err.startswith("All good: 2 file(s), 1 activities checked in ")


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_each_mistake_gives_the_exact_line(site, capsys, case):
    _add(site, case)
    code, out, err = _validate(capsys)
    assert out == EXPECTED[case]
    assert code == 1
    files = len({line.split(":")[0] for line in out})
    if case == "duplicate-activity-id":
        files += 1  # the file that was there first gets a warning naming the newcomer
    assert err.strip().endswith(f"in {files} file(s).")


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_one_bad_file_never_stops_the_others(site, case):
    _add(site, case)
    result = load(Path("listings"), Path("site_config"), today=dt.date.fromisoformat(TODAY))
    ids = {e.id for e in result.directory.activities}
    assert "good-coffee-morning" in ids
    assert result.errors
    assert {p.file for p in result.errors} == {f"listings/{case}.yml"}
    if case != "same-activity-twice":
        assert ids == {"good-coffee-morning"}  # the broken file is left out whole


def test_paths_limit_the_report_to_those_files(site, capsys):
    _add(site, "time-25")
    _add(site, "bad-email")
    code, out, _ = _validate(capsys, "listings/bad-email.yml")
    assert (code, out) == (1, EXPECTED["bad-email"])
    code, out, _ = _validate(capsys, "listings/a-good-group.yml")
    assert (code, out) == (0, [])


def test_every_problem_in_every_file_comes_in_one_run(site, capsys):
    cases = ["several-errors", "time-25", "unknown-venue", "alias-bomb"]
    for case in cases:
        _add(site, case)
    code, out, err = _validate(capsys)
    assert code == 1
    assert out == [line for case in sorted(cases) for line in EXPECTED[case]]
    assert err.strip() == "7 problem(s) and 0 warning(s) in 4 file(s)."


def test_an_inline_venue_error_points_at_its_own_line(site, capsys):
    _add(site, "bad-postcode")
    _, out, _ = _validate(capsys)
    line = int(out[0].split(":")[1])
    text = (site / "bad-postcode.yml").read_text(encoding="utf-8").splitlines()[line - 1]
    assert text.strip() == "postcode: L19 ZAA"


@pytest.mark.parametrize("case", ["alias-bomb", "huge", "binary-junk", "python-tag", "merge-key"])
def test_hostile_files_are_refused_quickly(site, capsys, case):
    _add(site, case)
    started = time.process_time()  # CPU time, so a busy machine does not make this flaky
    code, out, _ = _validate(capsys)
    assert time.process_time() - started < 1.0
    assert (code, out) == (1, EXPECTED[case])


def test_the_python_tag_never_runs(site, capsys, tmp_path):
    marker = tmp_path / "ran"
    text = (BROKEN / "python-tag.yml").read_text(encoding="utf-8")
    (site / "python-tag.yml").write_text(text.replace('echo hello', f'touch {marker}'), encoding="utf-8")
    _validate(capsys)
    assert not marker.exists()


def test_pre_commit_hooks_run_local_commands_only():
    import yaml

    from generator.cli import _modules

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [r["repo"] for r in config["repos"]] == ["local"]
    hooks = {h["id"]: h for h in config["repos"][0]["hooks"]}
    assert set(hooks) == {"validate-listings", "validate-settings", "schema-current", "ruff", "actionlint"}
    assert all(h["language"] == "system" for h in hooks.values())
    assert hooks["validate-listings"]["pass_filenames"] is True
    commands = _modules()
    for hook in hooks.values():
        words = hook["entry"].split()
        assert words[0].startswith(".venv/bin/"), "hooks run the tools make setup installed"
        if words[:3] == [".venv/bin/python", "-m", "generator"]:
            assert words[3] in commands


def test_ids_are_looked_up_in_a_file_with_other_mistakes(site):
    """checks.references_in_raw: unknown ids in a file whose shape is wrong (load() calls it, so
    a file's id mistakes come in the same run as its other mistakes)."""
    from generator import checks
    from generator.directory import load_config
    from generator.yaml_load import load_file

    text = (BROKEN / "several-errors.yml").read_text(encoding="utf-8")
    text = text.replace("categories: [walking]", "categories: [walkng, Not An Id]")
    text = text.replace("where: {venue: test-hall}", "where: {venue: test-hal}")
    (site / "several-errors.yml").write_text(text, encoding="utf-8")
    loaded = load_file(site / "several-errors.yml")
    problems = checks.references_in_raw("listings/several-errors.yml", loaded, {"test-hall": None},
                                        load_config(Path("site_config")))
    assert [str(p) for p in problems] == [
        'listings/several-errors.yml:13:18: activities[0].categories[0]: "walkng" is not a category id '
        'we know. Did you mean "walking"? See site_config/categories.yml for the list.',
        'listings/several-errors.yml:24:20: activities[0].where.venue: "test-hal" is not a venue id we '
        'know. Did you mean "test-hall"? See listings/venues.yml for the list. Or write the venue in '
        "full (name, address, postcode, area).",
    ]
