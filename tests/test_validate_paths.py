"""`validate PATH` never passes what it did not read (issue 12, item 3), and duplicates blame the
newcomer (item 5): a conflict is reported on every file involved, the newcomer is the one left
out, and checking only the changed files still runs the cross-file checks on the whole directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.directory import load
from tests.conftest import DEMO, DEMO_TODAY, ROOT

BROKEN = ROOT / "tests" / "broken"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A directory repository in git: settings, the shared venues and Aigburth Walkers, committed."""
    shutil.copytree(DEMO / "site_config", tmp_path / "site_config",
                    ignore=shutil.ignore_patterns("transport"))
    site_yml = tmp_path / "site_config" / "site.yml"
    site_yml.write_text("".join(line for line in site_yml.read_text().splitlines(keepends=True)
                                if not line.lstrip().startswith(("naptan:", "gtfs:", "postcodes:"))))
    (tmp_path / "listings").mkdir()
    for name in ("venues.yml", "aigburth-walkers.yml"):
        shutil.copy(DEMO / "listings" / name, tmp_path / "listings" / name)
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first", date="2026-01-01T10:00:00")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _git(where, *args, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *args], cwd=where, env=env, check=True, capture_output=True)


def _validate(capsys, *args):
    code = main(["validate", "--today", DEMO_TODAY.isoformat(), *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def _newcomer(repo):
    """aaa-allerton-amblers.yml: a copy of Aigburth Walkers' file (same ids), sorting first."""
    text = (repo / "listings" / "aigburth-walkers.yml").read_text()
    path = repo / "listings" / "aaa-allerton-amblers.yml"
    path.write_text(text.replace("name: Aigburth Walkers", "name: Allerton Amblers", 1))
    return path


# --- item 3 ---------------------------------------------------------------------------------

def test_a_missing_path_is_an_error(repo, capsys):
    code, out, err = _validate(capsys, "/nonexistent.yml")
    assert code == 2 and out == []
    assert err == "/nonexistent.yml: no such file, so it was not checked.\n"


def test_a_file_that_is_not_a_listing_is_refused(repo, capsys):
    (repo / "README.md").write_text("# hello\n")
    code, _, err = _validate(capsys, "README.md")
    assert (code, err) == (2, "README.md is not a listing file: listings are YAML files ending .yml.\n")
    code, _, err = _validate(capsys, "listings")
    assert code == 2 and "is a folder, not a listing file" in err
    assert "All good" not in err


def test_a_file_outside_listings_is_checked_against_the_directory(repo, capsys, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("downloads")
    good = elsewhere / "woolton-walkers.yml"
    good.write_text((repo / "listings" / "aigburth-walkers.yml").read_text()
                    .replace("aigburth-tuesday-walk", "woolton-walk")
                    .replace("sefton-park-saturday-stroll", "woolton-stroll")
                    .replace("Tuesday Health Walk", "Woolton Walk")
                    .replace("Saturday Stroll round Sefton Park", "Woolton Stroll"))
    code, out, err = _validate(capsys, str(good))
    assert (code, out) == (0, [])
    assert err.startswith("All good: 3 file(s), 4 activities checked")
    clash = elsewhere / "clash.yml"
    clash.write_text((repo / "listings" / "aigburth-walkers.yml").read_text())
    code, out, _ = _validate(capsys, str(clash))
    assert code == 1
    assert out[0] == (f'{clash}:19:9: activities[0].id: The activity id "aigburth-tuesday-walk" is '
                      "already used at listings/aigburth-walkers.yml:19. Every activity needs its own id.")
    unknown = elsewhere / "unknown-venue.yml"
    shutil.copy(BROKEN / "unknown-venue.yml", unknown)
    code, out, _ = _validate(capsys, str(unknown))
    assert code == 1 and '"test-hal" is not a venue id we know.' in out[0]


@pytest.mark.parametrize("case", ["alias-bomb", "python-tag", "binary-junk", "merge-key"])
def test_hostile_files_given_by_path_are_refused(repo, capsys, tmp_path, case):
    path = tmp_path / f"{case}.yml"
    shutil.copy(BROKEN / f"{case}.yml", path)
    code, out, _ = _validate(capsys, path.name)  # in the top folder, not in listings/
    assert code == 1 and len(out) == 1 and out[0].startswith(f"{case}.yml:")


def test_a_nul_byte_given_by_path_is_refused(repo, capsys, tmp_path):
    path = tmp_path / "nul.yml"
    path.write_bytes((repo / "listings" / "aigburth-walkers.yml").read_bytes() + b"\x00\n")
    code, out, _ = _validate(capsys, path.name)
    assert code == 1
    assert out == ["nul.yml:1:1: The file is not text (it contains binary data). Save it as plain text."]


# --- item 5 ---------------------------------------------------------------------------------

def test_the_newcomer_is_blamed_and_left_out_not_the_group_already_listed(repo, capsys):
    new = _newcomer(repo)
    code, out, _ = _validate(capsys, "listings/aaa-allerton-amblers.yml")  # what pre-commit runs
    assert code == 1
    assert out == [
        'listings/aaa-allerton-amblers.yml:19:9: activities[0].id: The activity id '
        '"aigburth-tuesday-walk" is already used at listings/aigburth-walkers.yml:19. Every '
        'activity needs its own id.',
        'listings/aaa-allerton-amblers.yml:52:9: activities[1].id: The activity id '
        '"sefton-park-saturday-stroll" is already used at listings/aigburth-walkers.yml:52. Every '
        'activity needs its own id.',
    ]
    result = load(repo / "listings", repo / "site_config", today=DEMO_TODAY, enrich_transport=False)
    names = {o.organisation.name for o in result.directory.organisations}
    assert "Aigburth Walkers" in names and "Allerton Amblers" not in names
    # The group that was there first is told too, as a warning (its own check still passes).
    code, out, _ = _validate(capsys, "listings/aigburth-walkers.yml")
    assert code == 0
    assert out[0] == ('listings/aigburth-walkers.yml:19:9: activities[0].id: warning: The activity '
                      'id "aigburth-tuesday-walk" is also in listings/aaa-allerton-amblers.yml, which '
                      'came later and is left out of the build until one of them is changed.')
    # Committed later (as in a pull request, and after a merge), it is still the newcomer.
    _git(repo, "add", str(new))
    _git(repo, "commit", "-q", "-m", "second", date="2026-02-01T10:00:00")
    code, out, _ = _validate(capsys, "listings/aaa-allerton-amblers.yml")
    assert code == 1 and len(out) == 2
    result = load(repo / "listings", repo / "site_config", today=DEMO_TODAY, enrich_transport=False)
    assert "Aigburth Walkers" in {o.organisation.name for o in result.directory.organisations}


def test_the_pull_request_check_fails_the_newcomer(repo, capsys):
    """The workflow's own step, run for real on a branch that adds the copy."""
    import yaml

    _git(repo, "checkout", "-q", "-b", "pr")
    _newcomer(repo)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "add", date="2026-02-01T10:00:00")
    base = subprocess.run(["git", "rev-parse", "main"], cwd=repo, capture_output=True, text=True,
                          check=True).stdout.strip()
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text())
    step = next(s for job in workflow["jobs"].values() for s in job["steps"]
                if s.get("name") == "Validate the changed listings")
    env = {**os.environ, "BASE_SHA": base, "PYTHONPATH": str(ROOT),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert ("::error file=listings/aaa-allerton-amblers.yml,line=19,col=9::activities[0].id: The "
            'activity id "aigburth-tuesday-walk" is already used') in done.stdout


def test_without_git_the_file_that_sorts_later_is_the_newcomer(tmp_path, capsys):
    from tests import tiny

    tiny.write(tmp_path / "l", "b-group", tiny.listing())
    result = tiny.directory(tmp_path / "l", name="a-group")
    assert [p.file.rsplit("/", 1)[-1] for p in result.errors] == ["b-group.yml"]
    assert [p.file.rsplit("/", 1)[-1] for p in result.warnings] == ["a-group.yml"]
