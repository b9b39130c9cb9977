"""Shared fixtures. The demo directory is loaded once per test session."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO_TODAY = dt.date(2026, 11, 22)  # the date the demo's expected staleness rows are pinned to


@pytest.fixture(autouse=True, scope="session")
def _run_from_repo_root():
    os.chdir(ROOT)


@pytest.fixture(scope="session")
def demo_result():
    from generator.directory import load

    return load(ROOT / "listings", ROOT / "site_config", today=DEMO_TODAY)


@pytest.fixture(scope="session")
def demo(demo_result):
    return demo_result.directory


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium. Missing it is a failure, never a skip: `make setup` installs it."""
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Debian's chromium is not installed. Run `make setup` (apt-get install chromium).")
    return path


BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser(chromium_path):
    """The one headless Chromium of the test session (Playwright allows one sync driver at a time)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=BROWSER_ARGS)
        yield b
        b.close()


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: a missing tool must never pass quietly."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and os.environ.get("CI") and exitstatus == 0:
        print(f"\n{skipped} test(s) skipped: CI counts a skip as a failure.")
        session.exitstatus = 1


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo built once per test session with the real command (`python -m generator build`)."""
    from generator.cli import main

    out = tmp_path_factory.mktemp("demo-build") / "site"
    code = main(["build", "--out", str(out), "--today", DEMO_TODAY.isoformat(),
                 "--listings", str(ROOT / "listings"), "--config", str(ROOT / "site_config")])
    assert code == 0, "python -m generator build failed on the demo"
    return out
