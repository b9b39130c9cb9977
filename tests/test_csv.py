"""Spreadsheets: the import layout (round trip of the demo, the template, row-numbered reasons)
and the link workers' CSV."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from generator.cli import main
from generator.directory import load
from generator.opendata import link_workers, sessions_csv
from tests.conftest import DEMO, DEMO_TODAY, ROOT

TEMPLATE = ROOT / "templates" / "import-template.csv"


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "listings"
    folder.mkdir()
    shutil.copy(DEMO / "listings" / "venues.yml", folder / "venues.yml")
    return folder


def _load(folder):
    return load(folder, DEMO / "site_config", today=DEMO_TODAY, enrich_transport=False)


def test_round_trip_through_csv(demo, tmp_path, out, capsys):
    sheet = tmp_path / "sessions.csv"
    assert main(["export", "sessions", str(sheet), "--today", DEMO_TODAY.isoformat()]) == 0
    rows = list(csv.DictReader(sheet.open(encoding="utf-8")))
    assert len(rows) == sum(max(1, len(e.activity.schedules)) for e in demo.activities)
    assert main(["import", "csv", str(sheet), "--out", str(out)]) == 0
    back = _load(out)
    assert back.errors == []
    assert {o.id: o.organisation for o in demo.organisations} == {
        o.id: o.organisation for o in back.directory.organisations}
    assert {e.id: (e.org_id, e.activity, e.venue, e.venue_key) for e in demo.activities} == {
        e.id: (e.org_id, e.activity, e.venue, e.venue_key) for e in back.directory.activities}


def test_template_imports_to_valid_listings(out, capsys):
    assert main(["import", "csv", str(TEMPLATE), "--out", str(out)]) == 0
    result = _load(out)
    assert result.errors == []
    knit = result.directory.activity("knit-and-natter").activity
    assert [s.frequency.value for s in knit.schedules] == ["weekly", "monthly"]
    fair = result.directory.activity("christmas-craft-fair")
    assert fair.venue.name == "Mossley Hill Parish Rooms" and fair.venue_key == "christmas-craft-fair-venue"
    assert "wrote" in capsys.readouterr().out


def test_template_header_is_the_layout():
    header = next(csv.reader(TEMPLATE.open(encoding="utf-8")))
    assert header == sessions_csv.header()


def test_layout_document_is_current():
    text = (ROOT / "templates" / "import-csv.md").read_text(encoding="utf-8")
    assert text == sessions_csv.layout_markdown()
    for column in sessions_csv.header():
        assert f"| `{column}` |" in text


def _sheet(tmp_path, rows):
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=sessions_csv.header(), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in sessions_csv.header()})
    path = tmp_path / "sheet.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


GOOD = {"organisation_id": "test-group", "organisation_name": "Test Group", "activity_id": "test-walk",
        "name": "Test Walk", "summary": "A walk.", "categories": "walking", "cost": "free",
        "access": "drop-in", "venue": "st-annes-hall", "last_checked": "2026-11-01",
        "checked_by": "Sam", "frequency": "weekly", "days": "Tuesday", "start": "10:00", "end": "11:00"}


def test_rows_that_cannot_convert_are_reported_by_row_number(tmp_path, out, capsys):
    sheet = _sheet(tmp_path, [
        GOOD,
        {**GOOD, "activity_id": "bad-day", "days": "Tuesdy"},
        {**GOOD, "activity_id": "bad-cost", "cost": "fixed"},
        {**GOOD, "activity_id": "no-venue", "venue": "town-hall"},
        {**GOOD, "activity_id": "bad-yes", "step_free": "maybe", "venue": "", "venue_name": "Hall",
         "venue_address": "1 Road, Liverpool", "venue_postcode": "L17 7AA", "venue_area": "aigburth"},
        {**GOOD, "activity_id": "no-check", "last_checked": "", "categories": ""},
        {**GOOD, "activity_id": "test-walk"},  # a second session of the first activity: fine
    ])
    assert main(["import", "csv", str(sheet), "--out", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert ('not imported: row 3: days (session 1): "tuesdy" is not a day. Did you mean "tuesday"? '
            "Write Monday, Tuesday, …") in err
    assert "not imported: row 4: cost: A fixed cost needs an amount, e.g. amount: 3.50" in err
    assert ('not imported: row 5: venue: "town-hall" is not in listings/venues.yml. Add it there, '
            "or fill in venue_name, venue_address, venue_postcode and venue_area") in err
    assert 'not imported: row 6: step_free: "maybe" is not yes or no' in err
    # what the sheet leaves empty is left for a person: written without it, listed, and the
    # listing does not validate until it is filled in
    joined = " ".join(err)
    assert ("activities[1].categories (no-check): no category: write category ids from "
            "site_config/categories.yml, like [walking], or import again with --category ID") in joined
    assert ("activities[1].last_checked (no-check): the source does not say when a person last "
            "checked these details: write that date, like 2026-11-22, or import again with "
            "--checked-on DATE") in joined
    assert "1 listing file(s) written, 1 of them with facts to fill in; 4 record(s) not imported." in joined
    path = out / "test-group.yml"
    assert {p.field for p in _load(out).errors} == {"activities[1].categories", "activities[1].last_checked"}
    text = path.read_text(encoding="utf-8")
    assert "- id: no-check\n" in text
    path.write_text(text.replace("- id: no-check\n", "- id: no-check\n  categories: [walking]\n"
                                 "  last_checked: 2026-11-01\n"), encoding="utf-8")
    assert _load(out).errors == []
    walk = _load(out).directory.activity("test-walk").activity
    assert len(walk.schedules) == 2


def test_wrong_layout_is_refused(tmp_path, capsys):
    path = tmp_path / "x.csv"
    path.write_text("Name,Day\nWalk,Tuesday\n")
    assert main(["import", "csv", str(path), "--out", str(tmp_path / "l")]) == 2
    assert (f"{path}: the first row should be the column names (activity_id, name, summary, …), "
            "as in templates/import-template.csv") in capsys.readouterr().err
    path.write_text("activity_id,Day\nwalk,Tuesday\n")
    assert main(["import", "csv", str(path), "--out", str(tmp_path / "l")]) == 2
    assert (f'{path}: "Day" is not a column of the import layout. The columns are listed in '
            "templates/import-csv.md") in capsys.readouterr().err


def test_uk_dates_and_windows_text_are_handled(tmp_path, out, capsys):
    sheet = _sheet(tmp_path, [{**GOOD, "last_checked": "01/11/2026"}])
    assert main(["import", "csv", str(sheet), "--out", str(out)]) == 0
    assert _load(out).directory.activity("test-walk").activity.last_checked.isoformat() == "2026-11-01"
    sheet.write_bytes(sheet.read_bytes().replace(b"Test Walk", "Café Walk".encode("cp1252")))
    assert main(["import", "csv", str(sheet), "--out", str(tmp_path / "other")]) == 2
    assert (f'{sheet}: this is not UTF-8 text. In your spreadsheet program, save it as "CSV UTF-8"'
            in capsys.readouterr().err)


def test_link_worker_csv(demo, tmp_path):
    path = tmp_path / "activities.csv"
    assert main(["export", "csv", str(path), "--today", DEMO_TODAY.isoformat()]) == 0
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert list(rows[0].keys()) == link_workers.COLUMNS
    assert len(rows) == len(demo.current())
    walk = next(r for r in rows if r["activity_id"] == "aigburth-tuesday-walk")
    assert walk["days"] == "Tuesday"
    assert walk["times"] == "10:00-11:30"
    assert walk["when"] == "Every Tuesday, 10am to 11:30am; not on bank holidays"
    assert walk["areas"] == "Aigburth"
    assert (walk["cost"], walk["free"], walk["access"]) == ("Free", "yes", "drop-in")
    assert walk["referral_from"] == "self; link-worker; gp"
    assert (walk["step_free"], walk["on_the_day_phone"]) == ("yes", "07700 900123")
    assert walk["last_checked"] == "2026-09-14" and walk["freshness"] in ("fresh", "due")
    assert walk["url"] == "https://whats-on.example.org/activities/aigburth-tuesday-walk/"
    assert walk["categories"] == "Walking; Physical activity; Loneliness and befriending"
