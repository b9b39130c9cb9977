"""`python -m generator merge FILE`: a file that came by e-mail or download goes into the right listing."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import listing_store as store
from generator.cli import main
from tests.conftest import DEMO
from tests.test_listing_store import LISTING

ROOT = Path(__file__).resolve().parent.parent
VENUES = """\
venues:
  - id: test-hall
    name: Test Hall
    address: 1 Test Road, Liverpool
    postcode: L17 7AA
    area: aigburth
"""
NEW_ACTIVITY = """\
organisation:
  name: Tea & Cake Café
activities:
  - id: knit-and-cake
    name: Knit and Cake
    summary: Knitting, then cake.
    categories: [arts]
    cost: {kind: free}
    how_to_go: {access: drop-in}
    schedules:
      - {frequency: weekly, days: [monday], start: 10:00, end: 12:00}
    where: {venue: test-hall}
    last_checked: 2026-11-30
    checked_by: Sam Example
"""


@pytest.fixture
def listings(tmp_path) -> Path:
    folder = tmp_path / "listings"
    folder.mkdir()
    (folder / "tea-and-cake-cafe.yml").write_text(LISTING, encoding="utf-8")
    (folder / "venues.yml").write_text(VENUES, encoding="utf-8")
    return folder


def merge(capsys, listings: Path, file: Path, *flags: str) -> tuple[int, str, str]:
    code = main(["merge", str(file), *flags, "--listings", str(listings),
                 "--config", str(DEMO / "site_config"), "--today", "2026-11-30"])
    out, err = capsys.readouterr()
    return code, out.replace(str(listings), "L"), err.replace(str(listings), "L")


def sent(tmp_path: Path, text: str, name: str = "tea-and-cake-cafe.yml") -> Path:
    path = tmp_path / "inbox" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_an_unedited_downloaded_file_merges_with_zero_changed_lines(listings, tmp_path, capsys):
    code, out, err = merge(capsys, listings, sent(tmp_path, LISTING))
    assert (code, out, err) == (0, "Nothing to change: L/tea-and-cake-cafe.yml already says everything "
                                   "in tea-and-cake-cafe.yml.\n", "")
    assert (listings / "tea-and-cake-cafe.yml").read_text(encoding="utf-8") == LISTING


def test_one_changed_time_changes_one_line(listings, tmp_path, capsys):
    code, out, _ = merge(capsys, listings, sent(tmp_path, LISTING.replace("end: 16:00", "end: 16:30")))
    assert code == 0
    assert out == ("Changed L/tea-and-cake-cafe.yml (1 line):\n"
                   "  Tea and Cake: schedules[1].end: 16:00 -> 16:30\n"
                   "Check the change (git diff), then commit it.\n")
    after = (listings / "tea-and-cake-cafe.yml").read_text(encoding="utf-8")
    assert store.changed_lines(LISTING, after) == [
        (16, "      - {frequency: weekly, days: [thursday], start: 14:00, end: 16:00}",
         "      - {frequency: weekly, days: [thursday], start: 14:00, end: 16:30}")]


def test_dry_run_changes_nothing(listings, tmp_path, capsys):
    code, out, _ = merge(capsys, listings, sent(tmp_path, LISTING.replace("end: 16:00", "end: 16:30")),
                         "--dry-run")
    assert code == 0 and out.startswith("Would change L/tea-and-cake-cafe.yml (1 line):\n")
    assert (listings / "tea-and-cake-cafe.yml").read_text(encoding="utf-8") == LISTING


def test_a_new_activity_for_an_existing_group_keeps_its_other_activities_and_maintainers(
        listings, tmp_path, capsys):
    code, out, err = merge(capsys, listings, sent(tmp_path, NEW_ACTIVITY, "listing (1).yml"))
    assert code == 0, err
    assert out.splitlines()[:2] == ["Changed L/tea-and-cake-cafe.yml (11 lines):", "  Knit and Cake: added (new activity)"]
    after = (listings / "tea-and-cake-cafe.yml").read_text(encoding="utf-8")
    assert after.startswith(LISTING)
    data = store.load(after)
    assert [a["id"] for a in data["activities"]] == ["tea-and-cake", "cake-club", "knit-and-cake"]
    assert data["organisation"]["maintainers"][0]["email"] == "pat@example.org"
    assert data["organisation"]["name"] == "Tea & Cake Café"


def test_the_web_forms_email_saved_as_text_is_understood(listings, tmp_path, capsys):
    body = ("Please add this listing (file tea-and-cake-cafe.yml):\n\n"
            "# yaml-language-server: $schema=../schema/listing.schema.json\n" + NEW_ACTIVITY)
    code, out, err = merge(capsys, listings, sent(tmp_path, body, "mail.txt"))
    assert code == 0, err
    assert "Knit and Cake: added (new activity)" in out


def test_a_saved_email_with_the_file_attached(listings, tmp_path, capsys):
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "sam@example.org"
    message["To"] = "directory@whats-on.example.org"
    message["Subject"] = "New listing: Knit and Cake"
    message.set_content("Hello, here is our new activity.\n-- \nSam")
    message.add_attachment(NEW_ACTIVITY.encode(), maintype="text", subtype="yaml",
                           filename="tea-and-cake-cafe.yml")
    path = tmp_path / "message.eml"
    path.write_bytes(bytes(message))
    code, out, err = merge(capsys, listings, path)
    assert code == 0, err
    assert "Knit and Cake: added (new activity)" in out


def test_a_new_group_gets_its_own_file(listings, tmp_path, capsys):
    text = NEW_ACTIVITY.replace("Tea & Cake Café", "Knitters of Aigburth")
    code, out, err = merge(capsys, listings, sent(tmp_path, text, "knitters.yml"))
    assert code == 0, err
    made = listings / "knitters-of-aigburth.yml"
    assert out.startswith("Added L/knitters-of-aigburth.yml")
    assert made.read_text(encoding="utf-8") == store.SCHEMA_LINE + text


@pytest.mark.parametrize(("text", "message"), [
    ("Dear directory, please add us.\n", "has no listing in it: a listing starts with organisation:."),
    ("organisation: [1, 2]\n", "is not a listing: it should start with organisation: and its name."),
    ("organisation: &a {name: x}\nactivities: [*a]\n", "alias"),
    ("organisation:\n  name: Someone Else\nactivities:\n  - id: cake-club\n    phone: 0151 496 0777\n",
     'The organisation "Someone Else" has its own listing'),
    ("organisation:\n  name: Brand New Group\nactivities:\n  - id: brand-new\n    phone: 0151 496 0777\n",
     'is for a new group ("Brand New Group"), but the activity "brand-new" does not have all of its details.'),
])
def test_refusals_are_plain_and_change_nothing(listings, tmp_path, capsys, text, message):
    (listings / "someone-else.yml").write_text("organisation:\n  name: Someone Else\nactivities: []\n")
    code, out, err = merge(capsys, listings, sent(tmp_path, text, "sent.yml"))
    assert (code, out) == (1, "")
    assert message in err and err.endswith("Nothing was changed.\n")
    assert (listings / "tea-and-cake-cafe.yml").read_text(encoding="utf-8") == LISTING


def test_a_merge_that_would_not_validate_names_the_field(listings, tmp_path, capsys):
    text = "organisation:\n  name: Tea & Cake Café\nactivities:\n  - id: cake-club\n    phone: 0151 496\n"
    code, out, err = merge(capsys, listings, sent(tmp_path, text))
    assert (code, out) == (1, "")
    assert err.startswith('L/tea-and-cake-cafe.yml: activities[1].phone: "0151 496" is not a UK phone number')
    assert err.endswith("was not changed. Ask the sender to correct the answers named above.\n")
    assert (listings / "tea-and-cake-cafe.yml").read_text(encoding="utf-8") == LISTING


def test_a_cross_file_problem_puts_the_file_back(listings, tmp_path, capsys):
    text = NEW_ACTIVITY.replace("venue: test-hall", "venue: no-such-hall")
    code, _, err = merge(capsys, listings, sent(tmp_path, text))
    assert code == 1
    assert "no-such-hall" in err and err.endswith("L/tea-and-cake-cafe.yml was put back as it was.\n")
    assert (listings / "tea-and-cake-cafe.yml").read_text(encoding="utf-8") == LISTING


def test_the_forms_nothing_has_changed_file_sets_only_the_check(listings, tmp_path, capsys):
    text = ("organisation:\n  name: Tea & Cake Café\nactivities:\n"
            "  - id: cake-club\n    last_checked: 2026-11-30\n    checked_by: Pat Example\n")
    code, out, err = merge(capsys, listings, sent(tmp_path, text))
    assert code == 0, err
    assert out.splitlines()[:2] == ["Changed L/tea-and-cake-cafe.yml (1 line):",
                                    "  Cake Club: last_checked: 2026-09-01 -> 2026-11-30"]
    after = (listings / "tea-and-cake-cafe.yml").read_text(encoding="utf-8")
    assert store.changed_lines(LISTING, after) == [(31, "    last_checked: 2026-09-01", "    last_checked: 2026-11-30")]


def test_the_forms_changes_file_name_points_at_the_listing(listings, tmp_path, capsys):
    """Found by the file's name when neither the ids nor the organisation's name say."""
    text = "organisation:\n  name: Tea and Cake Cafe Ltd\nactivities: []\n"
    code, out, err = merge(capsys, listings, sent(tmp_path, text, "tea-and-cake-cafe-changes (1).yml"))
    assert code == 1  # another name is another group (a new one, here with no activity): not guessed
    assert "L/tea-and-cake-cafe-ltd.yml: activities: This list is empty." in err
    text = "organisation:\n  name: Tea & Cake Café\n  website: https://tea.example.org\nactivities: []\n"
    code, out, err = merge(capsys, listings, sent(tmp_path, text, "tea-and-cake-cafe-changes (1).yml"))
    assert code == 0, err
    assert "Organisation: website: added (https://tea.example.org)" in out
