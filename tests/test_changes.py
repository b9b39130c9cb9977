"""What's new: changes worked out from a scripted git history of listings/, and every output of
them (the command, the site page, the Atom feed, the printed sheet)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import changes, cli
from generator.changes import ChangeLog
from tests.conftest import DEMO, ROOT

VENUES = """venues:
  - id: garston-village-hall
    name: Garston Village Hall
    address: 88 St Mary's Road, Garston, Liverpool
    postcode: L19 2NP
    area: garston
  - id: speke-library
    name: Speke Library
    address: 1 Central Way, Speke, Liverpool
    postcode: L24 2SQ
    area: speke
"""

ACTIVITY = """  - id: {id}
    name: {name}
    summary: A friendly group.
    categories: [walking]
    audience:
      groups: [Everyone]
    cost: {{kind: free}}
    how_to_go:
      access: drop-in
    schedules:
      - frequency: weekly
        days: [{day}]
        start: "10:00"
        end: "11:00"
    where:
      venue: {venue}
    status: {status}
    last_checked: {checked}
    checked_by: Jo Example
"""


def listing(org: str, **activity: str) -> str:
    values = {"day": "wednesday", "venue": "garston-village-hall", "status": "active",
              "checked": "2026-09-01", **activity}
    return (f"organisation:\n  name: {org}\n  email: hello@{org.lower().replace(' ', '')}.example.org\n"
            f"activities:\n" + ACTIVITY.format(**values))


class Repo:
    def __init__(self, root: Path):
        self.root = root
        (root / "listings").mkdir(parents=True)
        shutil.copytree(DEMO / "site_config", root / "site_config")
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, when: str = "2026-09-01") -> None:
        env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
               "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org",
               "GIT_AUTHOR_DATE": f"{when}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{when}T12:00:00+00:00"}
        subprocess.run(["git", *args], cwd=self.root, env=env, check=True, capture_output=True)

    def write(self, name: str, text: str) -> None:
        (self.root / "listings" / name).write_text(text, encoding="utf-8")

    def commit(self, when: str, message: str) -> None:
        self.git("add", "-A", when=when)
        self.git("commit", "-q", "--allow-empty", "-m", message, when=when)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Repo:
    r = Repo(tmp_path_factory.mktemp("history") / "directory")
    r.write("venues.yml", VENUES)
    r.write("walkers.yml", listing("Walkers", id="walk", name="Wednesday Walk"))
    r.commit("2026-09-01", "the directory starts")
    r.write("singers.yml", listing("Singers", id="choir", name="Community Choir", day="monday"))
    r.commit("2026-10-05", "a new choir")
    r.write("walkers.yml", listing("Walkers", id="walk", name="Wednesday Walk", day="thursday"))
    r.commit("2026-10-12", "the walk moves to Thursdays")
    r.git("mv", "listings/walkers.yml", "listings/walking-group.yml")
    r.commit("2026-10-19", "rename the file")
    r.write("walking-group.yml", listing("Walkers", id="walk", name="Wednesday Walk", day="thursday",
                                         checked="2026-10-26"))
    r.commit("2026-10-26", "re-checked, nothing changed")
    r.write("singers.yml", listing("Singers", id="choir", name="Community Choir", day="monday",
                                   venue="speke-library"))
    r.commit("2026-11-02", "the choir moves")
    r.write("singers.yml", listing("Singers", id="choir", name="Community Choir", day="monday",
                                   venue="speke-library", status="temporarily-closed"))
    r.commit("2026-11-09", "choir closed for now")
    r.write("singers.yml", listing("Singers", id="choir", name="Community Choir", day="monday",
                                   venue="speke-library"))
    r.commit("2026-11-16", "choir back")
    r.write("walking-group.yml", listing("Walkers", id="walk", name="Wednesday Walk", day="thursday",
                                         checked="2026-11-20", status="ended"))
    r.commit("2026-11-20", "the walk has stopped")
    return r


@pytest.fixture(scope="module")
def log(repo) -> ChangeLog:
    return changes.from_history(repo.root / "listings")


EXPECTED = [
    ("2026-11-20", "ended", "walk", "This activity has stopped"),
    ("2026-11-16", "reopened", "choir", "Running again after a break"),
    ("2026-11-09", "closed", "choir", "Closed for now: not running at the moment"),
    ("2026-11-02", "where", "choir", "Moved to Speke Library"),
    ("2026-10-12", "when", "walk", "Now on Thursdays, not Wednesdays"),
    ("2026-10-05", "new", "choir", "Newly listed: every Monday, 10am to 11am. Garston Village Hall"),
]


def test_the_history_gives_each_change_once_newest_first(log):
    assert log.available
    got = [(c.day.isoformat(), c.kind, c.activity_id, c.text) for c in log.changes]
    assert got == EXPECTED


def test_a_rename_and_a_re_check_are_not_changes(log):
    days = {c.day.isoformat() for c in log.changes}
    assert "2026-10-19" not in days and "2026-10-26" not in days
    assert not [c for c in log.changes if c.kind == "new" and c.activity_id == "walk"]


def test_without_git_history_the_changes_are_not_available(tmp_path):
    shutil.copytree(DEMO / "listings", tmp_path / "listings")
    log = changes.from_history(tmp_path / "listings")
    assert not log.available and log.changes == ()
    assert log.note == ("What has changed cannot be shown: the listings folder has no git history "
                        "(it is a plain folder or a download).")


def _run(capsys, repo, *args):
    code = cli.main(["changes", "--listings", str(repo.root / "listings"), "--config",
                     str(repo.root / "site_config"), "--today", "2026-11-22", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_command_gives_json_csv_and_markdown(capsys, repo):
    code, out, _ = _run(capsys, repo, "--since", "2026-11-01", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [(c["day"], c["kind"], c["activity_id"]) for c in data["changes"]] == [e[:3] for e in EXPECTED[:4]]
    code, out, _ = _run(capsys, repo, "--since", "2026-10-01", "--format", "csv")
    rows = out.strip().splitlines()
    assert rows[0] == "date,change,activity_id,activity,organisation,what changed"
    assert rows[-1] == ('2026-10-05,New,choir,Community Choir,Singers,"Newly listed: every Monday, '
                        '10am to 11am. Garston Village Hall"')
    code, out, _ = _run(capsys, repo, "--since", "2026-10-10", "--format", "markdown")
    assert out.splitlines()[0] == "# What has changed since Saturday 10 October 2026"
    assert "- **2026-10-12** New day or time: Wednesday Walk (Walkers). Now on Thursdays, not Wednesdays." in out


def test_the_command_says_when_there_is_no_history(capsys, tmp_path):
    shutil.copytree(DEMO / "listings", tmp_path / "listings")
    code = cli.main(["changes", "--listings", str(tmp_path / "listings"), "--today", "2026-11-22"])
    assert code == 2
    assert "cannot be shown" in capsys.readouterr().err


@pytest.fixture(scope="module")
def history_site(repo, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("history-site") / "site"
    code = cli.main(["site", "--quiet", "--out", str(out), "--listings", str(repo.root / "listings"),
                     "--config", str(repo.root / "site_config"), "--today", "2026-11-22"])
    assert code == 0
    return out


def test_the_whats_new_page_lists_the_changes_in_the_last_eight_weeks(history_site):
    html = (history_site / "whats-new" / "index.html").read_text()
    assert "in the last 8 weeks (since Sunday 27 September 2026)" in html
    for _day, _kind, _aid, text in EXPECTED:
        assert text.replace("'", "&#39;") in html
    assert html.index("This activity has stopped") < html.index("Newly listed")  # newest first
    assert 'href="../activities/choir/index.html"' in html
    nav = (history_site / "index.html").read_text()
    assert 'href="whats-new/index.html"' in nav


def test_the_feed_is_atom_with_every_change(history_site):
    from lxml import etree

    atom = "{http://www.w3.org/2005/Atom}"
    root = etree.fromstring((history_site / "whats-new" / "feed.xml").read_bytes())
    assert root.tag == f"{atom}feed"
    # RFC 4287 4.1.1: exactly one id, title and updated; an author for the feed; a self link
    for name in ("id", "title", "updated", "author"):
        assert len(root.findall(f"{atom}{name}")) == 1, name
    assert root.find(f"{atom}link[@rel='self']").get("href") == "https://whats-on.example.org/whats-new/feed.xml"
    entries = root.findall(f"{atom}entry")
    assert len(entries) == len(EXPECTED)
    ids = [e.findtext(f"{atom}id") for e in entries]
    assert len(set(ids)) == len(ids)
    for e, (day, _kind, aid, text) in zip(entries, EXPECTED, strict=True):
        for name in ("id", "title", "updated", "summary"):  # 4.1.2: each entry's own
            assert len(e.findall(f"{atom}{name}")) == 1, name
        assert dt.datetime.fromisoformat(e.findtext(f"{atom}updated")).date().isoformat() == day
        assert e.findtext(f"{atom}summary").startswith(text)
        link = e.find(f"{atom}link")
        assert link.get("rel", "alternate") == "alternate"  # 4.2.7.2: no rel means alternate
        assert link.get("href").endswith(f"/activities/{aid}/index.html")


@pytest.mark.pdf
def test_the_printed_sheet_holds_this_months_changes_for_the_edition(repo, log, tmp_path):
    import pdfplumber

    from generator.directory import load
    from generator.printing import render
    from generator.printing.changes_sheet import build

    directory = load(repo.root / "listings", repo.root / "site_config",
                     today=dt.date(2026, 11, 22)).directory
    speke = [e for e in directory.config.editions if e.id == "speke"]
    with render.pool(1) as pool:
        [doc] = build(directory, log, tmp_path, pool, editions=speke)
    with pdfplumber.open(tmp_path / doc.filename) as pdf:
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
        sizes = {round(ch["size"], 1) for p in pdf.pages for ch in p.chars}
    assert doc.filename == "changes/speke.pdf"
    assert "Changes this month: What's On in Speke" in text
    assert "Moved to Speke Library" in text and "Running again after a break" in text
    assert "Wednesday Walk" not in text, "the walk is in Garston, not in this edition"
    assert "Now on Thursdays" not in text, "October's changes are not this month's"
    assert min(sizes) >= 16


def test_changes_in_one_commit_come_in_the_same_order_in_every_process(tmp_path):
    """Activities touched by one commit were held in a set, whose order changes with Python's
    string hash seed: the What's new page and feed (and every zip holding them) came out in
    another order on each build."""
    r = Repo(tmp_path / "directory")
    r.write("venues.yml", VENUES)
    r.write("walkers.yml", listing("Walkers", id="walk", name="Wednesday Walk"))
    r.commit("2026-09-01", "the directory starts")
    for n in range(8):
        r.write(f"group-{n}.yml", listing(f"Group {n}", id=f"group-{n}", name=f"Group {n} Meet-up"))
    r.commit("2026-11-02", "eight new groups at once")
    args = [sys.executable, "-m", "generator", "changes", "--listings", str(r.root / "listings"),
            "--config", str(r.root / "site_config"), "--today", "2026-11-22", "--since",
            "2026-10-01", "--format", "json"]
    seen = {subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3", "4")}
    assert len(seen) == 1
    assert len(json.loads(seen.pop())["changes"]) == 8
