"""Lint is the same however it is run: the whole tree (make lint), or one file at a time (what the
pre-commit hook runs on a changed file)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RUFF = [sys.executable, "-m", "ruff"]


def _python_files() -> list[str]:
    tracked = subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True)
    if tracked.returncode == 0 and tracked.stdout.strip():
        return sorted(tracked.stdout.split())
    return sorted(str(p.relative_to(ROOT)) for folder in ("generator", "tests", "scripts")
                  for p in (ROOT / folder).rglob("*.py"))


def test_the_whole_tree_is_clean():
    run = subprocess.run([*RUFF, "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_files_named_one_by_one_are_clean_with_the_pre_commit_hooks_command():
    """pre-commit names the changed files; ruff must judge them as it does in the whole tree
    (first-party imports, exclusions), so every file is named here."""
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
             ["repos"][0]["hooks"]}
    entry = hooks["ruff"]["entry"].split()
    assert entry[:2] == [".venv/bin/ruff", "check"], entry
    run = subprocess.run([*RUFF, *entry[1:], *_python_files()], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    one = subprocess.run([*RUFF, *entry[1:], "generator/site/pages.py"], cwd=ROOT, capture_output=True,
                         text=True)
    assert one.returncode == 0, one.stdout



def test_no_noqa_comment_is_unused():
    run = subprocess.run([*RUFF, "check", ".", "--extend-select", "RUF100"], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout


def test_every_python_file_is_linted():
    """An exclusion meant for the built site/ once left out generator/site/ as well."""
    run = subprocess.run([*RUFF, "check", "--show-files", "."], cwd=ROOT, capture_output=True, text=True)
    shown = {Path(line.strip()).resolve() for line in run.stdout.splitlines() if line.strip().endswith(".py")}
    missing = [f for f in _python_files() if (ROOT / f).resolve() not in shown]
    assert not missing, missing
