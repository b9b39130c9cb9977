"""Long commands say what they are doing: plain lines in logs, a live display on a terminal,
only the final line with --quiet."""

from __future__ import annotations

import io
import re
import threading
import time

import pytest

from generator import cli, progress
from tests import tiny
from tests.conftest import DEMO, DEMO_TODAY


def _run(mode: progress.Mode, work) -> list[str]:
    out = io.StringIO()
    with progress.session(mode, out):
        work()
    return out.getvalue().splitlines()


def _secs(line: str) -> str:
    return re.sub(r"\d+\.\ds", "N.Ns", line)


def test_plain_mode_prints_a_line_when_each_stage_starts_and_ends():
    def work():
        with progress.stage("Reading listings", total=3, unit="files") as s:
            for _ in range(3):
                s.advance()
        with progress.stage("Printing"):
            with progress.stage("Posters", total=2, unit="posters"):
                pass
        progress.final_line("Built 3 pages in 0.1s", ". Open site/index.html to look.")

    lines = [_secs(line) for line in _run("plain", work)]
    assert lines[:6] == [
        "Reading listings: started, 3 files",
        "Reading listings: done, 3 files in N.Ns",
        "Printing: started",
        "  Posters: started, 2 posters",
        "  Posters: done, 2 posters in N.Ns",
        "Printing: done in N.Ns",
    ]
    assert lines[6].startswith("Built 3 pages in N.Ns") and lines[6].endswith(". Open site/index.html to look.")
    assert len(lines) == 7


def test_quiet_mode_prints_only_the_final_line():
    def work():
        with progress.stage("Pages", total=5, unit="pages") as s:
            s.advance(5)
        progress.final_line("Built 5 pages in 0.0s")

    assert [_secs(x) for x in _run("quiet", work)][0].startswith("Built 5 pages in N.Ns")
    assert len(_run("quiet", work)) == 1


def test_the_final_line_names_each_stage_that_took_a_tenth_of_the_time_or_more():
    def work():
        with progress.stage("Printing"):
            time.sleep(0.3)
        with progress.stage("Zip"):
            pass
        progress.final_line("Built it", ".")

    [line] = [x for x in _run("quiet", work)]
    assert re.fullmatch(r"Built it \(printing 0\.\ds\)\.", line), line


def test_work_in_other_threads_is_shown_under_the_stage_that_started_it():
    def work():
        with progress.stage("PDFs"):
            def booklet(name):
                with progress.stage(f"Booklet: {name}", unit="pages") as s:
                    s.advance(4)
            threads = [threading.Thread(target=booklet, args=(n,)) for n in ("Aigburth", "Speke")]
            for t in threads:
                t.start()
            for t in threads:
                t.join()

    lines = _run("plain", work)
    assert lines[0] == "PDFs: started" and lines[-1].startswith("PDFs: done in ")
    inner = sorted(_secs(x) for x in lines[1:-1])
    assert inner == sorted(["  Booklet: Aigburth: started", "  Booklet: Aigburth: done, 4 pages in N.Ns",
                            "  Booklet: Speke: started", "  Booklet: Speke: done, 4 pages in N.Ns"])


def test_the_terminal_display_draws_bars_with_counts():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out = Terminal()
    assert progress.choose_mode(out) == "terminal"
    with progress.session("terminal", out):
        with progress.stage("Activity pages", total=40, unit="pages") as s:
            for _ in range(40):
                s.advance()
        progress.final_line("Built 40 pages")
    text = out.getvalue()
    assert "Activity pages" in text and "40 pages" in text and "Built 40 pages" in text


def test_library_calls_outside_a_command_print_nothing(capsys):
    with progress.stage("Pages", total=1) as s:
        s.advance()
    assert s.seconds is not None
    assert capsys.readouterr() == ("", "")


def test_the_demo_build_log_says_each_stage_with_its_counts(demo_build_log, demo):
    lines = [_secs(x) for x in demo_build_log]
    files = len(list((DEMO / "listings").glob("*.yml"))) - 1  # venues.yml is read on its own
    assert lines[0] == f"Reading listings: started, {files} files"
    assert f"  Booklets: started, {len(demo.config.editions)} booklets" in lines
    assert lines[1] == f"Reading listings: done, {files} files in N.Ns"
    stages = [x.split(":")[0] for x in lines if x.endswith(": started") or ": started, " in x]
    for name in ("Finder index", "PDFs", "  Booklets", "  Posters", "Open data", "Pages", "MkDocs",
                 "Activity pages", "Zip"):
        assert name in stages, name
    for edition in demo.config.editions:
        assert f"    Booklet: {edition.title}: started" in lines
        done = [x for x in lines if x.startswith(f"    Booklet: {edition.title}: done, ")]
        assert len(done) == 1 and re.fullmatch(r".*: done, \d+ pages in N\.Ns", done[0])
    pages = len(demo.activities) + len(demo.organisations)
    assert f"Activity pages: done, {pages} pages in N.Ns" in lines
    assert re.fullmatch(r"Built \d+ pages, \d+ PDFs, \d+ open-data files into .*/ in N\.Ns( \(.*\))?\. "
                        r"Open .*/index\.html to look\.", lines[-1])
    assert not any("\r" in x or "\x1b" in x for x in demo_build_log), "nothing redraws in a log"


def test_quiet_prints_only_the_last_line(tmp_path, capsys):
    # a small directory (one listing, the demo's venues and settings): the quiet output is the same
    # however many listings there are, and the demo's site is built elsewhere (demo_web)
    tiny.write(tmp_path / "listings", "tiny-test-group", tiny.listing())
    code = cli.main(["site", "--quiet", "--out", str(tmp_path / "site"), "--today", DEMO_TODAY.isoformat(),
                     "--listings", str(tmp_path / "listings"), "--config", str(DEMO / "site_config")])
    assert code == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    *problems, line = captured.err.splitlines()
    assert line.startswith("Built ") and line.endswith("/index.html to look.")
    # the demo's own settings are warned about (they are problems, so --quiet keeps them)
    assert problems and all(": warning: " in p for p in problems), problems


@pytest.mark.parametrize("command", ["build", "site", "print", "export", "import"])
def test_long_commands_offer_quiet(command, capsys):
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    assert "--quiet" in capsys.readouterr().out


def test_one_of_a_unit_is_singular():
    assert progress.counted(1, "editions") == "1 edition"
    assert progress.counted(2, "editions") == "2 editions"
    assert progress.counted(1_000, "files") == "1,000 files"
