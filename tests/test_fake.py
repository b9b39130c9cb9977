"""`python -m generator fake`: synthetic directories that validate cleanly and repeat exactly."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.directory import PARALLEL_FROM, load, load_config
from generator.fake import ANCHOR, MAX_VENUES, _Writer, generate
from generator.freshness import Freshness
from generator.model import CostKind, Frequency
from generator.yaml_load import MAX_BYTES
from tests.conftest import DEMO

ROOT = Path(__file__).resolve().parent.parent
CONFIG = DEMO / "site_config"
SIZE = PARALLEL_FROM + 50  # big enough for the loader's worker processes to be used


@pytest.fixture(scope="module")
def config():
    return load_config(CONFIG)


@pytest.fixture(scope="module")
def made(tmp_path_factory, config):
    out = tmp_path_factory.mktemp("fake") / "listings"
    result = generate(SIZE, out, config, seed=42)
    return out, result


@pytest.fixture(scope="module")
def loaded(made):
    out, _ = made
    return load(out, CONFIG)


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_fake_output_validates_with_no_errors_or_listing_warnings(made, loaded):
    out, result = made
    assert [str(p) for p in loaded.errors] == []
    assert [str(p) for p in loaded.warnings if str(out) in p.file or p.file.endswith(".yml")
            and not p.file.startswith("site_config")] == []
    assert loaded.files_read == SIZE + 1
    assert len(loaded.directory.organisations) == SIZE
    assert len(loaded.directory.activities) == result.activities
    assert SIZE <= result.activities <= 4 * SIZE
    assert result.venues == SIZE // 5


def test_fake_writes_one_file_per_listing_and_a_venues_file(made):
    out, _ = made
    names = sorted(p.name for p in out.iterdir())
    assert "venues.yml" in names and len(names) == SIZE + 1
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.yml", n) for n in names)
    first = (out / names[0]).read_text(encoding="utf-8")
    assert first.startswith("# yaml-language-server: $schema=../schema/listing.schema.json\n")


def test_fake_is_deterministic_for_a_seed(tmp_path, config, made):
    out, _ = made
    again = tmp_path / "again"
    generate(SIZE, again, config, seed=42)
    assert _contents(again) == _contents(out)
    other = tmp_path / "other"
    generate(SIZE, other, config, seed=43)
    assert _contents(other) != _contents(out)


def test_fake_reads_like_a_real_directory(loaded, config):
    d = loaded.directory
    activities = [e.activity for e in d.activities]
    assert {c for a in activities for c in a.categories} == {c.id for c in config.categories}
    assert {v.area for v in d.venues.values()} == {a.id for a in config.areas}
    assert {a.cost.kind for a in activities} == set(CostKind)
    kinds = {s.frequency for a in activities for s in a.schedules}
    assert kinds == set(Frequency)
    schedules = [s for a in activities for s in a.schedules]
    assert any(s.day_of_month for s in schedules) and any(s.weeks for s in schedules)
    assert any(s.valid_to for s in schedules) and any(s.term_time_only for s in schedules)
    assert {e.freshness for e in d.activities} == set(Freshness)
    text = " ".join(a.name + " " + a.summary for a in activities).lower()
    assert "lorem" not in text and "lunch club" in text
    for entry in d.activities:
        for number in filter(None, (entry.activity.phone, entry.activity.on_the_day_phone)):
            assert re.fullmatch(r"0151 496 0\d{3}|07700 900\d{3}", number)
        assert entry.organisation.email.endswith(".example.org")


def test_venues_stay_under_the_loader_size_limit(config):
    text = _Writer(config, random.Random(1), ANCHOR).venues_file(MAX_VENUES)
    assert len(text.encode("utf-8")) < MAX_BYTES


def test_cli_writes_only_into_an_empty_folder(tmp_path):
    out = tmp_path / "dir"
    run = subprocess.run([sys.executable, "-m", "generator", "fake", "--count", "12", "--out", str(out),
                          "--seed", "5"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stderr.startswith("Wrote 12 listing file(s) with ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir"]
    assert len(list(out.iterdir())) == 13
    again = subprocess.run([sys.executable, "-m", "generator", "fake", "--count", "12", "--out",
                            str(out)], cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 2
    assert again.stderr == (f"{out} is not an empty folder. Choose a new or empty folder, so no "
                            "listings are overwritten.\n")
    check = subprocess.run([sys.executable, "-m", "generator", "validate", "--listings", str(out)],
                           cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_parallel_loading_reports_exactly_what_one_process_does(made, tmp_path, monkeypatch):
    """The loader parses in worker processes above PARALLEL_FROM files; broken files mixed in
    with good ones must get the same FILE:LINE:COLUMN messages as in a one-process run."""
    import shutil

    from generator import directory

    out, _ = made
    mixed = tmp_path / "mixed"
    shutil.copytree(out, mixed)
    broken = sorted((ROOT / "tests" / "broken").glob("*.yml"))
    assert len(broken) > 30
    for path in broken:
        shutil.copy(path, mixed / path.name)
    first = sorted(mixed.glob("*.yml"))[1]  # a good fake file: give it a cross-file problem too
    first.write_text(first.read_text(encoding="utf-8").replace("categories: [", "categories: [knitting, ", 1),
                     encoding="utf-8")
    parallel = load(mixed, CONFIG)
    monkeypatch.setattr(directory, "PARALLEL_FROM", 10**9)
    serial = load(mixed, CONFIG)
    assert len(parallel.errors) > 30
    assert any('"knitting" is not a category id' in p.message for p in parallel.errors)
    assert [str(p) for p in parallel.problems] == [str(p) for p in serial.problems]
    assert [e.source for e in parallel.directory.activities] == [e.source for e in serial.directory.activities]
    assert dict(parallel.directory.venue_places) == dict(serial.directory.venue_places)
