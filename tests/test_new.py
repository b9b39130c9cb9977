"""`python -m generator new`: from flags and from answers typed on stdin, the file it writes is
valid; bad answers are asked again; an existing file is never overwritten."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.model import Listing
from generator.yaml_load import load_file
from tests.conftest import DEMO

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--org", "Grassendale Knit & Natter", "--activity", "Knit and Natter", "--category", "arts",
         "--day", "Thu", "--start", "13:30", "--end", "15:30", "--venue", "test-hall",
         "--cost", "free", "--access", "drop-in",
         "--phone", "0151 496 0456", "--checked-by", "Maggie Example", "--today", "2026-11-22"]


@pytest.fixture
def site(tmp_path, monkeypatch):
    shutil.copytree(DEMO / "site_config", tmp_path / "site_config",
                    ignore=shutil.ignore_patterns("transport"))
    site_yml = tmp_path / "site_config" / "site.yml"
    site_yml.write_text("".join(line for line in site_yml.read_text().splitlines(keepends=True)
                                if not line.lstrip().startswith(("naptan:", "gtfs:", "postcodes:"))))
    (tmp_path / "listings").mkdir()
    shutil.copy(ROOT / "tests" / "broken" / "_site" / "venues.yml", tmp_path / "listings" / "venues.yml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _valid(capsys, path: str) -> Listing:
    assert main(["validate", path, "--today", "2026-11-22"]) == 0, capsys.readouterr()
    capsys.readouterr()
    return Listing.model_validate(load_file(Path(path)).data)


def test_from_flags(site, capsys):
    assert main(["new", *FLAGS, "--yes"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "Wrote listings/grassendale-knit-and-natter.yml (activity id: knit-and-natter).",
        "Assumed (change them in the file if they are wrong): summary: Knit and Natter",
        "It is valid. Add the details you left out (the lines starting with #), then run: "
        "python -m generator validate listings/grassendale-knit-and-natter.yml",
    ]
    text = (site / "listings" / "grassendale-knit-and-natter.yml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema/listing.schema.json\n")
    assert "    # on_the_day_phone: 07700 900123   # the number to ring on the day\n" in text
    listing = _valid(capsys, "listings/grassendale-knit-and-natter.yml")
    assert listing.organisation.name == "Grassendale Knit & Natter"
    a = listing.activities[0]
    assert (a.id, a.categories, a.cost.kind.value, a.phone, a.where.venue) == (
        "knit-and-natter", ["arts"], "free", "0151 496 0456", "test-hall")
    s = a.schedules[0]
    assert (s.frequency.value, [d.value for d in s.days], s.start, s.end) == ("weekly", ["thursday"], "13:30", "15:30")
    assert (str(a.last_checked), a.checked_by) == ("2026-11-22", "Maggie Example")


def test_bad_flags_with_yes_are_all_reported(site, capsys):
    flags = [f if f != "13:30" else "25:00" for f in FLAGS]
    flags = [f if f != "arts" else "artz" for f in flags]
    assert main(["new", *flags[:-4], "--yes"]) == 1  # and no --checked-by / --today
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        '--category: "artz" is not a category. Did you mean "arts"? Type a number from 1 to 20, '
        "or an id from site_config/categories.yml.",
        '--start: Start time: "25:00" is not a time we can read. Write it like 10:00, 10am or 2.30pm.',
        "--checked-by is needed with --yes (Your name (we note who checked the details):)",
        "No file was written.",
    ]
    assert list((site / "listings").iterdir()) == [site / "listings" / "venues.yml"]


def test_never_overwrites(site, capsys):
    assert main(["new", *FLAGS, "--yes"]) == 0
    before = (site / "listings" / "grassendale-knit-and-natter.yml").read_text()
    capsys.readouterr()
    assert main(["new", *FLAGS, "--yes", "--activity", "Another"]) == 1
    _, err = capsys.readouterr()
    assert err == ("listings/grassendale-knit-and-natter.yml already exists, so nothing was written. "
                   "To change that listing, edit the file; for a new one, use a different "
                   "organisation name.\n")
    assert (site / "listings" / "grassendale-knit-and-natter.yml").read_text() == before


ANSWERS = [
    "Speke Chess Club",              # organisation
    "Chess for Everyone",            # activity
    "Friendly chess: boards provided, all levels welcome.",  # summary (has a colon)
    "99", "learnin", "9",            # category: two bad answers, then 9 = learning
    "Moonday", "monday",             # day
    "soon", "7pm",                   # start: not a time, then 7pm (19:00)
    "18:00", "9pm",                  # end: before the start, then right
    "the library", "new",            # venue: unknown id, then new
    "Speke Library",                 # venue name
    "1 Example Way, Speke, Liverpool",  # address
    "L24 ZZZ", "l24 1aa",            # postcode: bad, then good (lower case is fine)
    "3",                             # area 3 = speke
    "",                              # a venue of its own (not shared)
    "two pounds", "£2",              # cost
    "4", "book",                     # how to join: not a choice, then book
    "0151 496 02", "",               # phone: too short, then none
    "Ray Example",                   # your name
    "ray@example.org",               # e-mail
]


def test_from_answers_on_stdin(site, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(ANSWERS) + "\n"))
    assert main(["new", "--today", "2026-11-22"]) == 0
    out, _ = capsys.readouterr()
    lines = [line.removeprefix("> ") for line in out.splitlines()]  # input()'s prompt, unechoed
    retries = [line for line in lines if line.endswith("Please try again.")]
    assert retries == [
        '"99" is not a category. Type a number from 1 to 20, or an id from '
        "site_config/categories.yml. Please try again.",
        '"learnin" is not a category. Did you mean "learning"? Type a number from 1 to 20, or an id '
        "from site_config/categories.yml. Please try again.",
        '"Moonday" is not a day. Did you mean "monday"? Write Monday, Tuesday, … Please try again.',
        'Start time: "soon" is not a time we can read. Write it like 10:00, 10am or 2.30pm. Please try again.',
        "It ends at 18:00, which is not after it starts at 19:00. Use the 24-hour clock: 2pm is 14:00. "
        "Please try again.",
        '"the library" is not a venue id we know. Give an id from listings/venues.yml, or type "new" '
        "to describe the place. Please try again.",
        '"L24 ZZZ" is not a UK postcode. Write it like L17 7AA. Please try again.',
        '"two pounds" is not a cost. Write free, pay what you can, or an amount like 3.50. Please try again.',
        '"4" is not a way to join. Type a number from 1 to 3, or an id from the list above. Please try again.',
        '"0151 496 02" is not a UK phone number: it has 9 digits. UK numbers have 11 digits (a few have '
        "10), like 0151 496 0123 or 07700 900123. Please try again.",
    ]
    assert "   9. Learning and digital skills (learning)" in lines
    listing = _valid(capsys, "listings/speke-chess-club.yml")
    a = listing.activities[0]
    assert a.summary == "Friendly chess: boards provided, all levels welcome."
    assert (a.categories, a.cost.kind.value, a.cost.amount, a.phone) == (["learning"], "fixed", 2, None)
    assert (a.how_to_go.access.value, a.schedules[0].start, a.schedules[0].end) == ("book", "19:00", "21:00")
    assert "    cost: {kind: fixed, amount: 2.00}\n" in Path("listings/speke-chess-club.yml").read_text()
    assert (a.where.venue.name, a.where.venue.postcode, a.where.venue.area) == ("Speke Library", "L24 1AA", "speke")
    assert [(m.name, m.email) for m in listing.organisation.maintainers] == [("Ray Example", "ray@example.org")]


def test_stdin_ending_early_writes_nothing(site, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Half Done Group\n"))
    with pytest.raises(SystemExit) as stop:
        main(["new"])
    assert str(stop.value) == "\nStopped before the end: no file was written."
    assert list((site / "listings").iterdir()) == [site / "listings" / "venues.yml"]


def test_from_flags_with_a_new_venue_and_an_email(site, capsys):
    flags = [f if f != "test-hall" else "new" for f in FLAGS]
    assert main(["new", *flags, "--yes", "--venue-name", "Garston Library", "--address",
                 "3 Example Lane, Garston, Liverpool", "--postcode", "l19 2aa", "--area", "Garston",
                 "--summary", "Knitting, crochet and a natter: all welcome.", "--cost", "£1.50",
                 "--email", "maggie@example.org"]) == 0
    out, _ = capsys.readouterr()
    assert "Assumed" not in out
    listing = _valid(capsys, "listings/grassendale-knit-and-natter.yml")
    venue = listing.activities[0].where.venue
    assert (venue.name, venue.postcode, venue.area) == ("Garston Library", "L19 2AA", "garston")
    assert listing.activities[0].cost.amount == 1.5
    assert [(m.name, m.email) for m in listing.organisation.maintainers] == [("Maggie Example", "maggie@example.org")]


def test_cost_and_how_to_join_are_never_assumed(site, capsys):
    flags = [f for f in FLAGS]
    for flag in ("--cost", "--access"):
        i = flags.index(flag)
        del flags[i:i + 2]
    assert main(["new", *flags, "--yes"]) == 1
    err = capsys.readouterr().err
    assert "--cost is needed with --yes" in err and "--access is needed with --yes" in err


def test_a_new_directory_with_no_listings_folder(site, capsys):
    shutil.rmtree(site / "listings")
    assert main(["new", *[f if f != "test-hall" else "new" for f in FLAGS], "--yes", "--venue-name",
                 "St Anne's Church Hall", "--address", "12 Example Road, Liverpool", "--postcode", "L17 7AA",
                 "--area", "aigburth", "--start", "10am", "--end", "half past eleven"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Wrote listings/grassendale-knit-and-natter.yml")
    listing = _valid(capsys, "listings/grassendale-knit-and-natter.yml")
    assert (listing.activities[0].schedules[0].start, listing.activities[0].schedules[0].end) == ("10:00", "11:30")


def test_a_shared_venue_goes_into_venues_yml(site, capsys):
    before = (site / "listings" / "venues.yml").read_text()
    assert main(["new", *[f if f != "test-hall" else "new" for f in FLAGS], "--yes", "--venue-name",
                 "St Anne's Church Hall", "--address", "12 Example Road, Liverpool", "--postcode", "L17 7AA",
                 "--area", "aigburth", "--shared-venue", "yes"]) == 0
    out = capsys.readouterr().out
    assert "Added the venue to listings/venues.yml as st-annes-church-hall." in out
    after = (site / "listings" / "venues.yml").read_text()
    assert after.startswith(before)  # the venues already there are untouched
    listing = _valid(capsys, "listings/grassendale-knit-and-natter.yml")
    assert listing.activities[0].where.venue == "st-annes-church-hall"
    assert main(["validate", "--today", "2026-11-22"]) == 0


def test_a_shared_venue_when_there_is_no_venues_yml(site, capsys):
    (site / "listings" / "venues.yml").unlink()
    assert main(["new", *[f if f != "test-hall" else "new" for f in FLAGS], "--yes", "--venue-name",
                 "The Hall", "--address", "1 Road, Liverpool", "--postcode", "L17 7AA",
                 "--area", "aigburth", "--shared-venue", "yes"]) == 0
    capsys.readouterr()
    assert main(["validate", "--today", "2026-11-22"]) == 0
    assert "  - id: the-hall\n" in (site / "listings" / "venues.yml").read_text()
