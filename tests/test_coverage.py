"""The coverage view for coordinators: counts, gaps picked out, Markdown, CSV and the site page."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from generator import coverage
from generator.cli import main
from generator.directory import load
from tests.conftest import DEMO

ROOT = Path(__file__).resolve().parent.parent

ACTIVITY = """\
  - id: {id}
    name: {name}
    summary: Something to do.
    categories: [{cats}]
    cost: {cost}
    how_to_go: {{access: drop-in}}
    schedules:
      - {{frequency: weekly, days: [{day}], start: "{start}", end: "23:30"}}
    where: {where}
    last_checked: {checked}
    checked_by: Pat
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("coverage")
    shutil.copytree(DEMO / "site_config", root / "site_config", ignore=shutil.ignore_patterns("transport"))
    site = root / "site_config" / "site.yml"
    site.write_text("".join(line for line in site.read_text().splitlines(keepends=True)
                            if not line.lstrip().startswith(("naptan:", "gtfs:", "postcodes:"))))
    listings = root / "listings"
    listings.mkdir()
    (listings / "venues.yml").write_text(
        "venues:\n"
        "  - {id: hall, name: The Hall, address: 1 Road, postcode: L19 2AA, area: garston, step_free: true}\n"
        "  - {id: room, name: The Room, address: 2 Road, postcode: L24 1AA, area: speke}\n")
    acts = [
        ACTIVITY.format(id="lunch-a", name="Lunch A", cats="lunch-clubs", cost="{kind: free}", day="monday",
                        start="12:00", where="{venue: hall}", checked="2026-10-01"),
        ACTIVITY.format(id="walk-b", name="Walk B", cats="walking, befriending",
                        cost="{kind: fixed, amount: 2}", day="monday", start="10:00",
                        where="{venue: room}", checked="2025-01-01"),
        ACTIVITY.format(id="phone-c", name="Phone C", cats="befriending", cost="{kind: free}", day="friday",
                        start="18:00", where="{by_phone: true}", checked="2026-10-01"),
    ]
    (listings / "group.yml").write_text("organisation:\n  name: Group\nactivities:\n" + "".join(acts))
    return root


def _cov(small):
    result = load(small / "listings", small / "site_config", today=__import__("datetime").date(2026, 11, 22),
                  enrich_transport=False)
    assert result.errors == []
    return coverage.coverage(result.directory)


def _table(cov, key):
    return next(t for t in cov.tables if t.key == key)


def _cell(table, row, column):
    i, j = table.rows.index(row), table.columns.index(column)
    return table.cells[i][j], table.gap[i][j]


def test_categories_by_area(small):
    t = _table(_cov(small), "categories-by-area")
    assert _cell(t, "Lunch clubs", "Garston") == ("1", False)
    assert _cell(t, "Lunch clubs", "Speke") == ("0", True)
    assert _cell(t, "Loneliness and befriending", "Not at a venue") == ("1", False)
    assert _cell(t, "Walking", "Not at a venue") == ("0", False)  # no venue is not an area: never a gap
    assert "Speke has nothing in: Loneliness and befriending" not in t.gaps[1]
    assert t.gaps[0].startswith("Aigburth has nothing in: Loneliness and befriending; Arts and creativity;")


def test_days_by_time(small):
    t = _table(_cov(small), "days-by-time")
    assert _cell(t, "Monday", "Morning") == ("1", False)
    assert _cell(t, "Monday", "Afternoon") == ("1", False)
    assert _cell(t, "Friday", "Evening") == ("1", False)
    assert _cell(t, "Tuesday", "Morning") == ("0", True)
    assert "Nothing on Sunday evening." in t.gaps
    assert len(t.gaps) == 21 - 3


def test_free_and_step_free(small):
    t = _table(_cov(small), "free-and-step-free")
    assert t.cells[t.rows.index("Garston")] == ["1", "1 (100%)", "1 (100%)", "0"]
    assert t.cells[t.rows.index("Speke")] == ["1", "0 (0%)", "0 (0%)", "1"]
    assert t.cells[t.rows.index("All areas")] == ["3", "2 (67%)", "1 (50%)", "1"]
    assert "Speke: nothing free." in t.gaps
    assert "Aigburth: no activities at all." in t.gaps


def test_freshness_by_area(small):
    t = _table(_cov(small), "freshness-by-area")
    assert _cell(t, "Speke", "Stale") == ("1", True)
    assert "Speke: 1 stale (left out of print until checked)." in t.gaps


def test_markdown_and_csv(small, capsys):
    args = ["coverage", "--listings", str(small / "listings"), "--config", str(small / "site_config"),
            "--today", "2026-11-22"]
    assert main(args) == 0
    md = capsys.readouterr().out
    assert md.startswith("# Coverage (2026-11-22)\n\n3 running activities.")
    assert "| Lunch clubs | **0** | 1 | **0** |" in md
    assert main([*args, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {"table": "days-by-time", "row": "Friday", "column": "Evening", "value": "1", "gap": "no"} in rows
    assert {"table": "categories-by-area", "row": "Lunch clubs", "column": "Speke", "value": "0",
            "gap": "yes"} in rows


def test_the_site_has_the_page_outside_the_patients_navigation(demo_web):
    page = (demo_web / "coordinators" / "coverage" / "index.html").read_text()
    assert "<h1" in page and "Coverage: where the gaps are" in page
    assert '<td class="wo-gap">0 <span class="wo-gap-mark">gap</span></td>' in page
    home = (demo_web / "index.html").read_text()
    assert "coordinators/coverage" not in home  # not in the navigation patients use
