"""Shared fixtures. The demo directory is loaded once per test session."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from generator.printing import render as _render

ROOT = Path(__file__).resolve().parent.parent
# The tests' own copy of the demo directory (listings and settings), so a coordinator who replaces
# listings/ and site_config/ with their own still has a passing `make test`.
DEMO = ROOT / "tests" / "demo"
DEMO_TODAY = dt.date(2026, 11, 22)  # the date the demo's expected staleness rows are pinned to


@pytest.fixture(autouse=True, scope="session")
def _run_from_the_demo_copy():
    """Commands run in-process with their default folders (listings/, site_config/) read the
    tests' own copy of the demo; paths in messages read as they do for a coordinator."""
    os.chdir(DEMO)


@pytest.fixture(autouse=True, scope="session")
def _caches_in_the_session_folder(tmp_path_factory):
    """The build cache (site pages, PDFs, braille, speech, Easy Read) starts empty in every test
    session and lives in its temporary folder: every run builds cold, as CI does, and nothing is
    written into the repository (tests/demo/.cache, .cache/). Tests of the cache settings set their
    own."""
    caches = tmp_path_factory.mktemp("caches")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WHATS_ON_CACHE", str(caches / "whats-on"))
        yield caches


@pytest.fixture(scope="session")
def demo_result():
    from generator.directory import load

    return load(DEMO / "listings", DEMO / "site_config", today=DEMO_TODAY)


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


# Tests that use these fixtures need Debian's chromium, or render PDFs with WeasyPrint; they are
# marked automatically, so `make test-fast` (-m "not browser and not pdf") leaves them out.
BROWSER_FIXTURES = {"browser", "chromium_path"}
PDF_FIXTURES = {"demo_site", "demo_printed", "printed", "booklets", "whole"}


_pdf_allowed = True  # False while a test that is not marked pdf runs


def _render_if_marked(html_text: str):
    """generator.printing.render.render, refused in a test not marked pdf (also in the worker
    processes the test starts: they are forked, so they inherit the flag)."""
    if not _pdf_allowed:
        raise AssertionError("this test renders a PDF with WeasyPrint: mark it @pytest.mark.pdf "
                             "(make test-fast leaves those out)")
    return _real_render(html_text)


_real_render = _render.render
_render.render = _render_if_marked  # the one function every PDF is made by (booklets, posters, ...)


@pytest.fixture(autouse=True)
def _pdf_only_in_tests_marked_pdf(request):
    """The quick loop (-m "not browser and not pdf") must need no WeasyPrint: a test that renders a
    PDF without the pdf marker fails, so the marker cannot be forgotten."""
    global _pdf_allowed
    _pdf_allowed = request.node.get_closest_marker("pdf") is not None
    yield
    _pdf_allowed = True


def pytest_collection_modifyitems(config, items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if names & PDF_FIXTURES:
            item.add_marker(pytest.mark.pdf)
    # The longest tests that need no demo build go first. pytest-xdist hands out the first quarter
    # of the tests to the workers in turn, so one worker runs these while the other builds the
    # demo, and neither ends the run alone on one of them.
    items.sort(key=lambda item: item.get_closest_marker("long") is None)  # stable: else as collected


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: a missing tool must never pass quietly."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and os.environ.get("CI") and exitstatus == 0:
        print(f"\n{skipped} test(s) skipped: CI counts a skip as a failure.")
        session.exitstatus = 1


def _made_once(tmp_path_factory, name: str, make) -> Path:
    """make(folder) into a new folder, once per test run. With pytest-xdist (make test runs two
    workers) each worker is a session of its own: the first worker that needs it makes it while
    holding a lock, and the others wait for it and then use the same folder."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    import fcntl

    shared = tmp_path_factory.getbasetemp().parent  # the run's folder, above each worker's own
    folder, made = shared / name, shared / f"{name}.made"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a worker that failed to make it
            folder.mkdir()
            make(folder)
            made.touch()
    return folder


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo built once per test run with the real command (`python -m generator build`)."""
    import contextlib
    import io

    from generator.cli import main

    def build(folder: Path) -> None:
        out = folder / "site"
        log = io.StringIO()  # not a terminal: the plain progress lines a CI log gets
        with contextlib.redirect_stderr(log):
            code = main(["build", "--out", str(out), "--today", DEMO_TODAY.isoformat(),
                         "--listings", str(DEMO / "listings"), "--config", str(DEMO / "site_config")])
        (folder / "build-log.txt").write_text(log.getvalue(), encoding="utf-8")
        assert code == 0, f"python -m generator build failed on the demo:\n{log.getvalue()}"

    return _made_once(tmp_path_factory, "demo-build", build) / "site"


@pytest.fixture(scope="session")
def demo_build_log(demo_site) -> list[str]:
    """What the demo build printed on standard error, line by line (no terminal: plain lines)."""
    return (demo_site.parent / "build-log.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def demo_printed(demo_site, demo):
    """The PDFs of the one demo build: (folder, [PrintedDocument]), read back from site/print/.

    Print tests use these rather than rendering the booklets a second time."""
    import pikepdf

    from generator.printing.document import PrintedDocument

    folder = demo_site / "print"
    kinds = {"booklets": "booklet", "posters": "poster", "near-here": "near-here"}
    docs = []
    for sub, kind in kinds.items():
        for pdf in sorted((folder / sub).glob("*.pdf")):
            with pikepdf.open(pdf) as doc:
                title = str(doc.open_metadata().get("dc:title", "") or pdf.stem)
                pages = len(doc.pages)
            docs.append(PrintedDocument(kind=kind, id=pdf.stem, title=title,
                                        filename=f"{sub}/{pdf.name}", pages=pages,
                                        printed_on=DEMO_TODAY))
    # in the order build_all returns them: booklets by editions.yml, then posters, then places
    rank = {("booklet", e.id): i for i, e in enumerate(demo.config.editions)}
    rank.update({("poster", a.id): i for i, a in enumerate(demo.activities)})
    rank.update({("near-here", p.id): i for i, p in enumerate(demo.config.places)})
    order = list(kinds.values())
    docs.sort(key=lambda d: (order.index(d.kind), rank.get((d.kind, d.id), len(rank)), d.id))
    assert docs, f"the demo build wrote no PDFs into {folder}"
    return folder, docs


@pytest.fixture(scope="session")
def demo_web(request, tmp_path_factory) -> Path:
    """The demo website. The full build (`demo_site`) when this test run makes it anyway; otherwise
    the site alone (`python -m generator site`: no PDFs), so the quick loop needs no WeasyPrint."""
    if any("demo_site" in getattr(item, "fixturenames", ()) for item in request.session.items):
        return request.getfixturevalue("demo_site")
    from generator.cli import main

    def build(folder: Path) -> None:
        code = main(["site", "--out", str(folder / "site"), "--today", DEMO_TODAY.isoformat(),
                     "--listings", str(DEMO / "listings"), "--config", str(DEMO / "site_config")])
        assert code == 0, "python -m generator site failed on the demo"

    return _made_once(tmp_path_factory, "demo-web", build) / "site"
