"""generator.linkcheck: links inside a built site."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cli
from generator.linkcheck import BrokenLink, check_site


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    (tmp_path / "add").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "site.js").write_text("")
    (tmp_path / "index.html").write_text(
        '<a href="add/index.html?activity=tea-dance">update</a> <a href="add/">folder</a>'
        '<a href="#top" id="top">top</a> <a href="add/index.html#wo-form">form</a>'
        '<script src="assets/site.js"></script> <a href="https://example.org/x">out</a>'
        '<a href="mailto:a@example.org">mail</a> <a href="tel:+441514960000">ring</a>'
        '<img src="data:image/png;base64,AA==" alt="">')
    (tmp_path / "add" / "index.html").write_text(
        '<form id="wo-form"></form><a href="../index.html">home</a><link rel="stylesheet" href="/assets/site.js">')
    return tmp_path


def test_a_good_site_has_no_broken_links(site):
    assert check_site(site) == ([], 2, 7)


def test_missing_files_and_fragments_are_reported(site):
    (site / "about.html").write_text('<a href="add/nope.html">x</a> <a href="index.html#gone">y</a>'
                                     '<img src="assets/logo.png" alt=""> <a href="../outside.html">z</a>')
    broken, pages, _ = check_site(site)
    assert [str(b) for b in broken] == [
        "about.html: ../outside.html: points outside the site",
        "about.html: add/nope.html: no such file",
        "about.html: assets/logo.png: no such file",
        'about.html: index.html#gone: no element with id "gone"',
    ]
    assert broken[0] == BrokenLink("about.html", "../outside.html", "points outside the site")
    assert pages == 3


def test_command_exit_codes_and_messages(site, tmp_path, capsys):
    assert cli.main(["linkcheck", str(site)]) == 0
    assert capsys.readouterr().err == "All 7 links in 2 pages work.\n"
    (site / "add" / "index.html").write_text('<form id="wo-form"></form><a href="missing/">x</a>')
    assert cli.main(["linkcheck", str(site)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "add/index.html: missing/: no such file\n"
    assert captured.err.startswith("1 broken link(s) in 2 pages")
    assert cli.main(["linkcheck", str(tmp_path / "nothing")]) == 2
    assert "index.html is missing: build the site first" in capsys.readouterr().err
