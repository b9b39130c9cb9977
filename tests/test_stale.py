"""The staleness report: exact rows for a small fixture directory in every format, --strict, and
the demo's rows checked against dates worked out independently from its YAML."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta

from generator.cli import main
from generator.yaml_load import load_file
from tests.conftest import DEMO

ROOT = Path(__file__).resolve().parent.parent

# Policy in the real site.yml: due after 6 months, stale after 12.
LISTING = """\
organisation:
  name: {org}
  maintainers:{maintainers}
activities:
{activities}"""

ACTIVITY = """\
  - id: {id}
    name: {name}
    summary: Something to do.
    categories: [befriending]
    cost: {{kind: free}}
    how_to_go: {{access: drop-in}}{extra}
    schedules:
      - frequency: {schedule}
        start: 10:00
        end: 12:00
    where: {{venue: test-hall}}
    last_checked: {checked}
    checked_by: {by}
"""


def _activity(id_, name, checked, by="Pat Example", schedule="weekly\n        days: [monday]",
              extra=""):
    return ACTIVITY.format(id=id_, name=name, checked=checked, by=by, schedule=schedule, extra=extra)


@pytest.fixture
def small(tmp_path, monkeypatch):
    shutil.copytree(DEMO / "site_config", tmp_path / "site_config",
                    ignore=shutil.ignore_patterns("transport"))
    site = tmp_path / "site_config" / "site.yml"
    site.write_text("".join(line for line in site.read_text().splitlines(keepends=True)
                            if not line.lstrip().startswith(("naptan:", "gtfs:", "postcodes:"))))
    listings = tmp_path / "listings"
    listings.mkdir()
    shutil.copy(ROOT / "tests" / "broken" / "_site" / "venues.yml", listings / "venues.yml")
    (listings / "alpha-club.yml").write_text(LISTING.format(
        org="Alpha Club",
        maintainers="\n    - {email: alpha@example.org, github: alpha-gh}",
        activities=_activity("alpha-fresh", "Fresh Coffee", "2026-10-01")
        + _activity("alpha-due", "Due Walk", "2026-04-30", by="Ann")
        + _activity("alpha-stale", "Stale Choir", "2025-07-01", by="Ann"),
    ))
    (listings / "beta-group.yml").write_text(LISTING.format(
        org="Beta Group",
        maintainers="\n    - {email: beta@example.org}",
        activities=_activity("beta-summer", "Summer Fair", "2026-06-01",
                             schedule="once\n        dates: [2026-08-15]")
        + _activity("beta-closed", "Closed Club", "2026-10-10", extra="\n    status: ended")
        + _activity("beta-season", "Spring Bowls", "2026-03-01",
                    schedule="weekly\n        days: [friday]\n        valid_to: 2026-09-25"),
    ))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(capsys, *args):
    code = main(["stale", "--today", "2026-11-22", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_table(small, capsys):
    code, out, err = _run(capsys)
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "On 2026-11-22: 1 stale, 1 due, 3 ended (due for a check after 6 months, stale after 12).",
        "",
        "STATE  ACTIVITY     ORGANISATION  CHECKED     BY           SINCE       MAINTAINERS                  FILE",
        "stale  alpha-stale  Alpha Club    2025-07-01  Ann          2026-07-01  @alpha-gh alpha@example.org  listings/alpha-club.yml",
        "due    alpha-due    Alpha Club    2026-04-30  Ann          2026-10-30  @alpha-gh alpha@example.org  listings/alpha-club.yml",
        "ended  beta-summer  Beta Group    2026-06-01  Pat Example  2026-08-15  beta@example.org             listings/beta-group.yml",
        "ended  beta-season  Beta Group    2026-03-01  Pat Example  2026-09-25  beta@example.org             listings/beta-group.yml",
        "ended  beta-closed  Beta Group    2026-10-10  Pat Example              beta@example.org             listings/beta-group.yml",
    ]


def test_csv(small, capsys):
    _, out, _ = _run(capsys, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["state", "activity_id", "activity", "organisation", "file", "last_checked",
                       "checked_by", "since", "maintainers", "line", "reason", "email", "phone",
                       "update_link"]
    assert rows[1] == ["stale", "alpha-stale", "Stale Choir", "Alpha Club", "listings/alpha-club.yml",
                       "2025-07-01", "Ann", "2026-07-01", "'@alpha-gh alpha@example.org", "34",
                       "not checked for 12 months", "alpha@example.org", "",
                       "https://whats-on.example.org/add/?activity=alpha-stale"]
    assert [r[:2] for r in rows[2:]] == [["due", "alpha-due"], ["ended", "beta-summer"],
                                         ["ended", "beta-season"], ["ended", "beta-closed"]]
    assert rows[-1][10] == "marked status: ended"
    assert rows[-2][10] == "its dates are all past"


def test_json(small, capsys):
    _, out, _ = _run(capsys, "--format", "json")
    data = json.loads(out)
    assert data["today"] == "2026-11-22"
    assert data["policy"] == {"due_after_months": 6, "stale_after_months": 12}
    assert data["counts"] == {"stale": 1, "due": 1, "ended": 3}
    assert data["rows"][1] == {
        "state": "due", "activity_id": "alpha-due", "activity": "Due Walk", "organisation": "Alpha Club",
        "file": "listings/alpha-club.yml", "last_checked": "2026-04-30", "checked_by": "Ann",
        "since": "2026-10-30", "maintainers": ["@alpha-gh", "alpha@example.org"], "line": 20,
        "reason": "not checked for 6 months",
    }


def test_markdown_is_an_issue_comment(small, capsys):
    _, out, _ = _run(capsys, "--format", "markdown")
    lines = out.splitlines()
    assert lines[0] == "# Listings to re-check (2026-11-22)"
    repo = "https://github.com/example-org/whats-on/blob/main"
    form = "https://whats-on.example.org/add/?activity="
    new = "https://github.com/example-org/whats-on/issues/new?template=still-correct.yml"
    assert [line for line in lines if line.startswith(("## ", "- "))] == [
        "## Stale: not checked for a long time (1)",
        "- **Stale Choir**, Alpha Club: stale since 2026-07-01; last checked 2025-07-01. "
        f"[Update this activity]({form}alpha-stale) · [Nothing has changed]({new}&title=Still+correct%3A+"
        f"Stale+Choir&activity_id=alpha-stale) · [listings/alpha-club.yml]({repo}/listings/alpha-club.yml#L34)",
        "## Due for a check (1)",
        "- **Due Walk**, Alpha Club: due since 2026-10-30; last checked 2026-04-30. "
        f"[Update this activity]({form}alpha-due) · [Nothing has changed]({new}&title=Still+correct%3A+"
        f"Due+Walk&activity_id=alpha-due) · [listings/alpha-club.yml]({repo}/listings/alpha-club.yml#L20)",
        "## Ended: remove the listing, or give it new dates (3)",
        "- **Summer Fair**, Beta Group: ended 2026-08-15; last checked 2026-06-01. "
        f"[Update this activity]({form}beta-summer) · [listings/beta-group.yml]({repo}/listings/beta-group.yml#L6)",
        "- **Spring Bowls**, Beta Group: ended 2026-09-25; last checked 2026-03-01. "
        f"[Update this activity]({form}beta-season) · [listings/beta-group.yml]({repo}/listings/beta-group.yml#L35)",
        "- **Closed Club**, Beta Group: marked ended; last checked 2026-10-10. "
        f"[Update this activity]({form}beta-closed) · [listings/beta-group.yml]({repo}/listings/beta-group.yml#L20)",
    ]
    assert "@" not in out  # no maintainer's e-mail address or GitHub handle: they are private


def test_markdown_names_cannot_inject_markup(small, capsys):
    path = small / "listings" / "alpha-club.yml"
    path.write_text(path.read_text().replace("name: Stale Choir",
                                             'name: "[Win](https://evil.example) @octocat #1 **x** <b>"'))
    _, out, _ = _run(capsys, "--format", "markdown")
    line = next(x for x in out.splitlines() if "alpha-stale" in x)
    assert line.startswith("- **\\[Win\\]\\(https:\u200b//evil.example\\) @\u200boctocat "
                           "\\#\u200b1 \\*\\*x\\*\\* \\<b\\>**, Alpha Club")


def test_strict_fails_only_when_something_is_stale(small, capsys):
    code, _, err = _run(capsys, "--strict")
    assert code == 1
    assert err == "Aborted: 1 stale listing(s) with --strict.\n"
    (small / "listings" / "alpha-club.yml").unlink()  # the only stale one
    code, out, err = _run(capsys, "--strict")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "On 2026-11-22: 0 stale, 0 due, 3 ended (due for a check after 6 months, stale after 12)."


def test_nothing_to_report(small, capsys):
    code = main(["stale", "--today", "2026-01-01", "--format", "markdown",
                 "--listings", "site_config"])  # a folder with no listings
    out, _ = capsys.readouterr()
    assert code == 0
    assert out == ("# Listings to re-check (2026-01-01)\n\n"
                   "Nothing is due, stale or ended on 2026-01-01. Thank you, everyone!\n")


def test_a_broken_file_is_left_out_and_said_so(small, capsys):
    (small / "listings" / "gamma.yml").write_text("organisation: [\n")
    code, out, err = _run(capsys)
    assert code == 0
    assert err == ("1 file(s) with errors were left out of this report. "
                   "Run `python -m generator validate` to see why.\n")
    assert "alpha-stale" in out


# ---------------------------------------------------------------------------------------------
# The demo, checked against an independent reading of its YAML


def _expected_from_yaml(today: dt.date) -> set[tuple[str, str]]:
    policy = load_file(DEMO / "site_config" / "site.yml").data.get("staleness", {})
    due_after = policy.get("due_after_months", 6)
    stale_after = policy.get("stale_after_months", 12)
    out = set()
    for path in sorted((DEMO / "listings").glob("*.yml")):
        if path.name == "venues.yml":
            continue
        for a in load_file(path).data["activities"]:
            checked = dt.date.fromisoformat(str(a["last_checked"]))
            ends = []
            for s in a.get("schedules") or []:
                if s.get("valid_to"):
                    ends.append(dt.date.fromisoformat(str(s["valid_to"])))
                elif str(s["frequency"]).lower() == "once":
                    ends.append(max(dt.date.fromisoformat(str(d)) for d in s["dates"]))
                else:
                    ends.append(dt.date.max)
            if str(a.get("status", "active")).lower() == "ended" or (ends and max(ends) < today):
                out.add(("ended", a["id"]))
            elif today >= checked + relativedelta(months=stale_after):
                out.add(("stale", a["id"]))
            elif today >= checked + relativedelta(months=due_after):
                out.add(("due", a["id"]))
    return out


def test_demo_rows_match_the_dates_in_the_yaml(capsys):
    code = main(["stale", "--today", "2026-11-22", "--format", "json"])
    out, _ = capsys.readouterr()
    assert code == 0
    rows = json.loads(out)["rows"]
    assert {(r["state"], r["activity_id"]) for r in rows} == _expected_from_yaml(dt.date(2026, 11, 22))
    assert {r["state"] for r in rows} == {"due", "stale", "ended"}  # the demo shows every kind
