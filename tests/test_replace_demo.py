"""A coordinator replaces the demo with their own directory: `make test` still passes, because the
tests use their own copy of the demo (tests/demo/), never the repository's listings/ or settings."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DEMO, ROOT

# Tests that read the demo's facts most closely; run in a copy whose listings/ and settings are
# someone else's.
CHECKED = ["tests/test_demo_data.py", "tests/test_stale.py", "tests/test_validate.py",
           "tests/test_sms.py", "tests/test_words.py", "tests/test_remind.py", "tests/test_coverage.py",
           "tests/test_setup_checks.py", "tests/test_changes.py"]


def _copy_repository(target: Path) -> None:
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in tracked.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)


@pytest.mark.long
def test_the_tests_pass_after_the_demo_is_replaced(tmp_path):
    repo = tmp_path / "our-directory"
    _copy_repository(repo)
    shutil.rmtree(repo / "listings")
    fake = subprocess.run([sys.executable, "-m", "generator", "fake", "--count", "4", "--seed", "9",
                           "--out", str(repo / "listings")], cwd=repo, capture_output=True, text=True)
    assert fake.returncode == 0, fake.stderr
    site = repo / "site_config" / "site.yml"
    site.write_text(site.read_text().replace("South Liverpool", "North Wirral"))
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
                          "-m", "not browser and not pdf", *CHECKED], cwd=repo, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout.splitlines()[-1]


def test_the_tests_demo_copy_is_the_demo_while_the_demo_is_in_place():
    """While listings/ still holds the demo, tests/demo/ must be a copy of it (after changing the
    demo: cp -r listings site_config tests/demo/). Once a coordinator has replaced it, this holds
    nothing to compare."""
    if not (ROOT / "listings" / "aigburth-walkers.yml").exists():
        return  # the demo has been replaced: the tests keep their own copy
    for folder in ("listings", "site_config"):
        diff = filecmp.dircmp(ROOT / folder, DEMO / folder)
        pending = [diff]
        while pending:
            d = pending.pop()
            assert not (d.left_only or d.right_only or d.diff_files), (
                f"tests/demo/{folder} differs from {folder}/ ({d.left_only} {d.right_only} "
                f"{d.diff_files}): run  cp -r listings site_config tests/demo/")
            pending += d.subdirs.values()
