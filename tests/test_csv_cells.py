"""CSV formula injection (issue 12, item 6): every CSV What's On writes neutralises cells a
spreadsheet would run as a formula, and `import csv` gives back exactly what was written."""

from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import stale
from generator.cli import main
from generator.csv_cells import TRIGGERS, neutral, undo
from generator.directory import load
from generator.opendata import hsds_files, link_workers, sessions_csv
from tests import tiny
from tests.conftest import DEMO, DEMO_TODAY

HOSTILE = {
    "name": "=HYPERLINK(\"https://evil.example.org\",\"Click\")",
    "summary": "=cmd|' /C calc'!A0",
    "checked_by": "@SUM(1+1)*cmd|' /C calc'!A0",
    "description": "+1+1",
}


@pytest.mark.parametrize(("given_", "written"), [
    ("=1+1", "'=1+1"), ("+44 151 496 0000", "'+44 151 496 0000"), ("-x", "'-x"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("'=x", "''=x"),
    ("-2.9275", "-2.9275"), ("53.37", "53.37"), ("'quoted'", "'quoted'"), ("Tea = cake", "Tea = cake"),
    ("", ""),
])
def test_cells_are_neutralised(given_, written):
    assert neutral(given_) == written
    assert undo(written) == given_


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("=+-@\t\r'x1.-"), max_size=6) | st.text(max_size=8))
def test_undo_gives_back_what_was_neutralised(text):
    assert undo(neutral(text)) == text
    assert _dangerous([neutral(text)]) == []


def _first_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _dangerous(cells: list[str]) -> list[str]:
    """Cells a spreadsheet would run as a formula (plain numbers such as -2.93 are numbers)."""
    return [c for c in cells if c and c[0] in TRIGGERS and not re.fullmatch(r"[-+][0-9]+(\.[0-9]+)?", c)]


@pytest.fixture
def hostile(tmp_path):
    result = tiny.directory(tmp_path / "listings", {**HOSTILE, "last_checked": "2024-01-01"})
    assert result.errors == [], result.errors
    return result.directory


def test_every_csv_written_is_neutralised(hostile, tmp_path):
    texts = {
        "link workers": link_workers.text(hostile),
        "sessions": sessions_csv.to_text(sessions_csv.rows(hostile)),
        "stale": stale.as_csv(stale.report(hostile)),
    }
    paths = hsds_files.write_tabular(hsds_files.services(hostile), tmp_path / "tabular")
    texts.update({p.name: p.read_text(encoding="utf-8") for p in paths if p.suffix == ".csv"})
    assert "'=HYPERLINK" in texts["link workers"] and "'=HYPERLINK" in texts["services.csv"]
    assert "'@SUM" in texts["stale"] or "'=HYPERLINK" in texts["stale"]
    for name, text in texts.items():
        assert _dangerous(_first_cells(text)) == [], name


def test_import_csv_undoes_it(hostile, tmp_path, capsys):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(sessions_csv.to_text(sessions_csv.rows(hostile)), encoding="utf-8")
    assert "'=cmd" in sheet.read_text()
    back = tmp_path / "back"
    back.mkdir()
    (back / "venues.yml").write_bytes((DEMO / "listings" / "venues.yml").read_bytes())
    assert main(["import", "csv", str(sheet), "--out", str(back)]) == 0
    again = load(back, DEMO / "site_config", today=DEMO_TODAY, enrich_transport=False).directory
    act = again.activity("tiny-walk").activity
    assert (act.name, act.summary, act.checked_by, act.description) == (
        HOSTILE["name"], HOSTILE["summary"], HOSTILE["checked_by"], HOSTILE["description"])


@pytest.mark.parametrize("value", ["-1FR", "1TU,-1FR", "+2MO", "-1SU,-2SU"])
def test_rfc_5545_weekday_lists_are_left_as_they_are(value):
    """The HSDS tabular byday column: other open-data readers need -1FR, not '-1FR."""
    assert neutral(value) == value


@pytest.mark.parametrize("value", ["-1FR+cmd|' /C calc'!A0", "-HYPERLINK(1)", "=1TU"])
def test_a_formula_that_starts_like_a_weekday_is_still_neutralised(value):
    assert neutral(value) == "'" + value
