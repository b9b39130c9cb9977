"""The finder tried as people search: a corpus of everyday queries (tests/fixtures/
search_corpus.yml), each run in Chromium against the demo site, must find its activities, set
the filters its words name, and never end in a dead end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml

from tests.test_site_support import url

CORPUS = yaml.safe_load((Path(__file__).parent / "fixtures" / "search_corpus.yml").read_text())
CLOCK = dt.datetime(2026, 11, 23, 10, 0)  # a Monday morning
FILTER_FIELDS = {"day": "#f-day", "area": "#f-area", "time": "#f-time", "when": "#f-when"}


def test_the_corpus_is_big_enough_and_names_real_activities(demo):
    assert len(CORPUS) >= 40
    ids = {e.id for e in demo.current()}
    for case in CORPUS:
        assert set(case.get("find", [])) <= ids, case["q"]


@pytest.fixture(scope="module")
def finder(demo_web, browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.clock.set_fixed_time(CLOCK)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.js_errors = errors
    yield page
    ctx.close()


def results(page) -> list[str]:
    while page.is_visible("#more"):
        page.click("#more")
    return page.eval_on_selector_all(
        "#results h2 a", "links => links.map(a => a.getAttribute('href').split('/').slice(-2)[0])")


@pytest.mark.browser
@pytest.mark.parametrize("case", CORPUS, ids=[c["q"] for c in CORPUS])
def test_each_query_finds_what_a_person_means(demo_web, finder, case):
    finder.goto(url(demo_web, "find/index.html?" + urlencode({"q": case["q"]})))
    found = results(finder)
    assert finder.js_errors == []
    missing = [i for i in case.get("find", []) if i not in found]
    assert missing == [], f"{case['q']!r} missed {missing}; found {found}"
    if "first" in case:
        assert found[0] == case["first"], f"{case['q']!r}: {found}"
    if "top" in case:
        assert set(found[:len(case["top"])]) == set(case["top"]), f"{case['q']!r}: {found}"
    for field, value in case.get("filters", {}).items():
        if field == "free":
            assert finder.is_checked("#f-free")
        else:
            assert finder.input_value(FILTER_FIELDS[field]) == value, field
    if case.get("filters"):
        assert "your words set the filters" in finder.inner_text("#finder-understood")
    if case.get("none"):
        assert found == []
        assert finder.is_visible("#suggestions")
        assert not finder.is_visible("#print-link")
        text = finder.inner_text("#suggestions")
        assert "every category" in text  # always a way on
        if case.get("filters"):
            assert " activit" in text and any(ch.isdigit() for ch in text)  # suggestions with counts
    else:
        assert len(found) < 40, f"{case['q']!r} finds {len(found)}: too loose to help"
