"""A new directory's first build warns about booklets with nothing in them and demo settings left
in place (issue 13.8)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import setup_checks
from generator.directory import load
from tests.conftest import DEMO

ROOT = Path(__file__).resolve().parent.parent


def test_the_demo_settings_are_called_demo_settings(demo):
    fields = [w.field for w in setup_checks.demo_values(demo)]
    assert fields == ["url", "publisher", "contact.email", "contact.phone", "contact.address",
                      "github_repository"]
    first = str(setup_checks.demo_values(demo)[0])
    assert first.startswith("site_config/site.yml:8:1: url: warning: https://whats-on.example.org/ "
                            "is the demo's web address")


@pytest.fixture()
def own(tmp_path) -> Path:
    shutil.copytree(DEMO / "site_config", tmp_path / "site_config", ignore=shutil.ignore_patterns("transport"))
    site = tmp_path / "site_config" / "site.yml"
    text = "".join(line for line in site.read_text().splitlines(keepends=True)
                   if not line.lstrip().startswith(("naptan:", "gtfs:", "postcodes:")))
    for old, new in (("https://whats-on.example.org/", "https://whatson.sefton-cvs.org.uk/"),
                     (setup_checks.DEMO_PUBLISHER, "Sefton CVS"),
                     ("directory@whats-on.example.org", "directory@sefton-cvs.org.uk"),
                     ("0151 496 0000", "0151 920 0726"),
                     ("The Old Library, 1 Example Road, Liverpool L19 2AA", "3rd Floor, Bootle, L20 4AB"),
                     ("example-org/whats-on", "sefton-cvs/whats-on")):
        text = text.replace(old, new)
    site.write_text(text)
    shutil.copytree(DEMO / "listings", tmp_path / "listings")
    return tmp_path


def test_own_settings_have_no_warnings(own):
    result = load(own / "listings", own / "site_config", enrich_transport=False,
                  today=__import__("datetime").date(2026, 11, 22))
    assert setup_checks.warnings(result.directory) == []


def test_an_edition_with_nothing_in_it_is_warned_about(own):
    areas = own / "site_config" / "areas.yml"
    areas.write_text(areas.read_text() + "  - {id: bootle, name: Bootle}\n")
    editions = own / "site_config" / "editions.yml"
    editions.write_text(editions.read_text() + "  - id: bootle\n    title: What's On in Bootle\n"
                        "    areas: [bootle]\n    include_online: false\n")
    line = editions.read_text().splitlines().index("  - id: bootle") + 1
    result = load(own / "listings", own / "site_config", enrich_transport=False,
                  today=__import__("datetime").date(2026, 11, 22))
    assert [str(w).removeprefix(f"{own}/") for w in setup_checks.empty_editions(result.directory)] == [
        f"site_config/editions.yml:{line}:1: editions.bootle: warning: The booklet \"What's On in Bootle\" "
        "has no activities in it (none running in its areas, or all stale): it would say \"0 activities\". "
        "Add listings for its areas, or take the edition out of editions.yml."]


def test_the_build_prints_them(demo_build_log):
    assert any("url: warning: https://whats-on.example.org/ is the demo's web address" in line
               for line in demo_build_log)
