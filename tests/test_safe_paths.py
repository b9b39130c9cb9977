"""Nothing is written outside its folder (issue 12, item 2): ids that become file names are
checked, paths stay inside their folder, and a build never empties a folder it did not write."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import output_folder
from generator.cli import main
from generator.safe_paths import UnsafePath, checked_id, inside, listing_file
from tests.conftest import DEMO, DEMO_TODAY, ROOT

TEMPLATE = ROOT / "templates" / "import-template.csv"


@pytest.mark.parametrize("bad", ["../x", "/etc/passwd", "../site_config/site", "a/b", "..",
                                 "", "A-Capital", "x.yml", "bad\x00id", "-leading", "ok/../../x"])
def test_ids_that_are_not_ids_never_name_a_file(tmp_path, bad):
    with pytest.raises(UnsafePath, match="cannot be used as a file name"):
        listing_file(tmp_path, bad)


def test_a_good_id_names_its_file():
    assert listing_file(Path("listings"), "aigburth-walkers") == Path("listings/aigburth-walkers.yml")
    assert checked_id("x1") == "x1"


def test_inside_follows_symbolic_links(tmp_path):
    (tmp_path / "listings").mkdir()
    (tmp_path / "listings" / "evil.yml").symlink_to(tmp_path / "elsewhere.yml")
    with pytest.raises(UnsafePath, match="outside the folder"):
        inside(tmp_path / "listings", "evil.yml")
    with pytest.raises(UnsafePath):
        inside(tmp_path / "listings", "..", "site_config", "site.yml")


def _sheet(tmp_path: Path, org_id: str) -> Path:
    rows = list(csv.reader(TEMPLATE.open(encoding="utf-8")))
    header, first = rows[0], rows[1]
    first = list(first)
    first[header.index("organisation_id")] = org_id
    path = tmp_path / "sheet.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, first])
    return path


def _listings(tmp_path: Path) -> Path:
    out = tmp_path / "work" / "listings"
    out.mkdir(parents=True)
    shutil.copy(DEMO / "listings" / "venues.yml", out / "venues.yml")
    return out


@pytest.mark.parametrize("org_id", ["../x", "/etc/passwd", "../site_config/site"])
def test_import_csv_refuses_an_organisation_id_that_is_a_path(tmp_path, capsys, org_id):
    out = _listings(tmp_path)
    config = tmp_path / "work" / "site_config"
    shutil.copytree(DEMO / "site_config", config)
    before = (config / "site.yml").read_bytes()
    code = main(["import", "csv", str(_sheet(tmp_path, org_id)), "--out", str(out),
                 "--config", str(config), "--update"])
    err = capsys.readouterr().err
    assert code == 1
    assert f'organisation_id: "{org_id}" is not an id' in err
    assert (config / "site.yml").read_bytes() == before
    assert not (tmp_path / "work" / "x.yml").exists() and not Path("/etc/passwd.yml").exists()
    assert sorted(p.name for p in tmp_path.rglob("*.yml") if p.parent == out) == ["venues.yml"]


@pytest.mark.parametrize("org_id", ["../x", "/etc/passwd", "../site_config/site"])
def test_import_hsds_refuses_an_organisation_id_that_is_a_path(tmp_path, capsys, org_id):
    import json

    from generator.opendata import hsds_export as columns

    svc = json.loads((ROOT / "tests" / "fixtures" / "oruk" / "tea-dance.json").read_text())
    svc["organization"].setdefault("attributes", []).append(
        {"taxonomy_term": {"taxonomy": columns.WHATS_ON, "code": "organisation_id"}, "value": org_id})
    source = tmp_path / "evil.json"
    source.write_text(json.dumps(svc))
    out = _listings(tmp_path)
    assert main(["import", "hsds", str(source), "--out", str(out), "--update"]) == 1
    assert f'organisation_id: "{org_id}" is not an id' in capsys.readouterr().err
    assert {p.name for p in out.iterdir()} == {"venues.yml"}
    assert [p for p in tmp_path.rglob("*.yml") if p.parent != out] == []
    assert not Path("/etc/passwd.yml").exists()


def _build(tmp_path: Path, out: Path, command: str = "site") -> int:
    listings = tmp_path / "src" / "listings"
    if not listings.exists():
        listings.mkdir(parents=True)
        shutil.copy(DEMO / "listings" / "venues.yml", listings / "venues.yml")
        shutil.copy(DEMO / "listings" / "aigburth-walkers.yml", listings / "aigburth-walkers.yml")
    return main([command, "--out", str(out), "--listings", str(listings),
                 "--config", str(DEMO / "site_config"), "--today", DEMO_TODAY.isoformat()])


@pytest.mark.parametrize("where", [".", "listings", "generator", "site_config", "tests/fixtures",
                                   "..", "/"])
def test_build_refuses_the_repository_and_its_folders(tmp_path, capsys, where):
    before = sorted(p.name for p in ROOT.iterdir())
    with pytest.raises(output_folder.OutputRefused):
        output_folder.check(ROOT / where if not where.startswith("/") else Path(where))
    assert main(["site", "--out", str(ROOT / where)]) == 2
    err = capsys.readouterr().err
    assert "never builds there" in err or "not empty" in err
    assert sorted(p.name for p in ROOT.iterdir()) == before


def test_build_refuses_its_own_listings_and_config_folders(tmp_path, capsys):
    listings = tmp_path / "mine" / "listings"
    with pytest.raises(output_folder.OutputRefused, match="listings/"):
        output_folder.check(listings, listings=listings)
    with pytest.raises(output_folder.OutputRefused):
        output_folder.check(tmp_path / "mine", listings=listings)
    with pytest.raises(output_folder.OutputRefused):
        output_folder.check(listings / "site", listings=listings)


def test_build_refuses_a_folder_with_someone_elses_files(tmp_path, capsys):
    out = tmp_path / "notes"
    out.mkdir()
    (out / "my-listing.yml").write_text("uncommitted work\n")
    assert _build(tmp_path, out) == 2
    assert (f"{out} is not empty and was not written by an earlier build (it has no "
            ".whats-on-output file); a build empties its folder first, so nothing was changed."
            ) in capsys.readouterr().err
    assert (out / "my-listing.yml").read_text() == "uncommitted work\n"


def test_build_refuses_a_git_repository(tmp_path, capsys):
    out = tmp_path / "clone"
    (out / ".git").mkdir(parents=True)
    (out / output_folder.MARKER).write_text("a marker does not make a repository safe")
    assert _build(tmp_path, out) == 2
    assert "holds a git repository" in capsys.readouterr().err


def test_build_rebuilds_its_own_output_and_marks_it(tmp_path, capsys):
    out = tmp_path / "public"
    assert _build(tmp_path, out) == 0
    assert (out / output_folder.MARKER).is_file()
    (out / "stray.html").write_text("left from last time")
    assert _build(tmp_path, out) == 0  # an earlier build's folder: emptied and written again
    assert not (out / "stray.html").exists()
    assert (out / "index.html").is_file() and (out / output_folder.MARKER).is_file()


def test_the_cli_refuses_before_reading_anything(tmp_path):
    out = tmp_path / "full"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert (out / "keep.txt").read_text() == "x"
