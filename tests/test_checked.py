"""`python -m generator checked ID`: only the last_checked (and checked_by) lines change."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.model import Listing
from generator.yaml_load import load_file

LISTING = """\
# yaml-language-server: $schema=../schema/listing.schema.json
# Our group's listing. Keep this comment!
organisation:
  name: Checked Example Group   # the name people know us by
  maintainers:
    - {email: pat@example.org}
activities:
  - id: first-walk
    name: First Walk
    summary: A walk.
    categories: [walking]
    cost: {kind: free}
    how_to_go: {access: drop-in}
    schedules:
      - {frequency: weekly, days: [monday], start: 10:00, end: 11:00}
    where: {venue: test-hall}
    last_checked: 2025-01-05    # checked at the AGM
    checked_by: Pat Example

  - id: second-walk
    name: Second Walk
    summary: Another walk.
    categories: [walking]
    cost: {kind: free}
    how_to_go: {access: drop-in}
    where:
      venue: test-hall
    checked_by: 'Pat, the secretary'
  - {id: flow-walk, name: Flow Walk, summary: A walk., categories: [walking], cost: {kind: free}, how_to_go: {access: drop-in}, where: {venue: test-hall}, last_checked: 2025-02-01, checked_by: Sam}
"""


@pytest.fixture
def listings(tmp_path):
    folder = tmp_path / "listings"
    folder.mkdir()
    (folder / "checked-example.yml").write_text(LISTING, encoding="utf-8")
    return folder


def _run(capsys, listings: Path, *args: str):
    code = main(["checked", *args, "--date", "2026-11-22", "--listings", str(listings)])
    out, err = capsys.readouterr()
    return code, out.replace(str(listings), "L"), err


def _changed_lines(before: str, after: str) -> list[tuple[int, str, str]]:
    a, b = before.splitlines(), after.splitlines()
    assert len(a) == len(b)
    return [(i + 1, x, y) for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]


def test_only_the_last_checked_line_changes(listings, capsys):
    code, out, err = _run(capsys, listings, "first-walk")
    assert code == 0
    assert out == "L/checked-example.yml:17: last_checked: 2025-01-05 -> last_checked: 2026-11-22\n"
    assert err.startswith("Thank you!")
    after = (listings / "checked-example.yml").read_text(encoding="utf-8")
    assert _changed_lines(LISTING, after) == [
        (17, "    last_checked: 2025-01-05    # checked at the AGM",
         "    last_checked: 2026-11-22    # checked at the AGM"),
    ]


def test_by_sets_checked_by_and_quotes_when_needed(listings, capsys):
    code, out, _ = _run(capsys, listings, "first-walk", "--by", "Jo: volunteer")
    assert code == 0
    after = (listings / "checked-example.yml").read_text(encoding="utf-8")
    assert _changed_lines(LISTING, after)[1] == (18, "    checked_by: Pat Example",
                                                 '    checked_by: "Jo: volunteer"')
    activity = load_file(listings / "checked-example.yml").data["activities"][0]
    assert (activity["last_checked"], activity["checked_by"]) == ("2026-11-22", "Jo: volunteer")


def test_a_missing_last_checked_line_is_added_to_the_activity(listings, capsys):
    code, out, _ = _run(capsys, listings, "second-walk", "--by", "Sam O'Neill")
    assert code == 0
    after = (listings / "checked-example.yml").read_text(encoding="utf-8").splitlines()
    before = LISTING.splitlines()
    assert after[:27] == before[:27]
    assert after[27:30] == ["    checked_by: Sam O'Neill", "    last_checked: 2026-11-22", before[28]]
    assert out == ("L/checked-example.yml:28: checked_by: 'Pat, the secretary' -> checked_by: Sam O'Neill\n"
                   "L/checked-example.yml:29: (no line) -> last_checked: 2026-11-22\n")
    listing = Listing.model_validate(load_file(listings / "checked-example.yml").data)
    assert str(listing.activities[1].last_checked) == "2026-11-22"


def test_an_activity_written_on_one_line(listings, capsys):
    code, _, _ = _run(capsys, listings, "flow-walk", "--by", "Kim")
    assert code == 0
    after = (listings / "checked-example.yml").read_text(encoding="utf-8")
    assert _changed_lines(LISTING, after)[0][2].endswith("last_checked: 2026-11-22, checked_by: Kim}")


def test_an_unknown_id_suggests_the_nearest(listings, capsys):
    code, out, err = _run(capsys, listings, "frist-walk")
    assert (code, out) == (1, "")
    assert err.replace(str(listings), "L") == (
        'No activity has the id "frist-walk". Did you mean "first-walk"? '
        "The ids are the `id:` lines in L/*.yml.\n")
    assert (listings / "checked-example.yml").read_text(encoding="utf-8") == LISTING


def test_the_demo_file_keeps_every_other_byte(tmp_path, capsys):
    root = Path(__file__).resolve().parent.parent
    (tmp_path / "aigburth-walkers.yml").write_bytes((root / "listings" / "aigburth-walkers.yml").read_bytes())
    before = (tmp_path / "aigburth-walkers.yml").read_text(encoding="utf-8")
    activity_id = load_file(tmp_path / "aigburth-walkers.yml").data["activities"][0]["id"]
    assert _run(capsys, tmp_path, activity_id)[0] == 0
    changed = _changed_lines(before, (tmp_path / "aigburth-walkers.yml").read_text(encoding="utf-8"))
    assert len(changed) == 1 and changed[0][2].strip().startswith("last_checked: 2026-11-22")


def test_a_date_in_the_future_is_refused(listings, capsys):
    code = main(["checked", "first-walk", "--date", "2999-01-01", "--listings", str(listings)])
    assert code == 1
    assert capsys.readouterr().err == "2999-01-01 is in the future. Give the date the details were checked.\n"
    assert (listings / "checked-example.yml").read_text(encoding="utf-8") == LISTING
