"""Every printout from the site is large print (UKAAF): Chromium's own print to PDF, read back with
pdfplumber, has no glyph under 16 pt, no navigation, and is headed with what was asked and the
date it was printed; each activity says when, where, bus, phone and how to join."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pytest

from tests.test_site_support import url

CLOCK = dt.datetime(2026, 11, 23, 10, 0)
PRINTOUTS = {
    "activity": ("activities/aigburth-tuesday-walk/index.html", "Tuesday Health Walk"),
    "longest activity": ("activities/garston-foodbank/index.html", "Garston Foodbank"),
    "results list": ("find/list/index.html?q=walk&free=1", "Activities matching “walk”, free."),
    "day timetable": ("days/tuesday/index.html", "Tuesday timetable"),
    "my list": ("my-list/index.html?ids=aigburth-tuesday-walk,garston-foodbank", "Activities chosen for you."),
}


def _pdf(browser, site, path) -> pdfplumber.PDF:
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.clock.set_fixed_time(CLOCK)
        page.goto(url(site, path))
        page.wait_for_timeout(200)
        page.emulate_media(media="print")
        return pdfplumber.open(io.BytesIO(page.pdf(format="A4", print_background=True)))
    finally:
        ctx.close()


@pytest.mark.parametrize("kind", list(PRINTOUTS))
def test_every_printout_is_large_print_and_says_what_and_when(demo_web, browser, kind):
    path, asked = PRINTOUTS[kind]
    pdf = _pdf(browser, demo_web, path)
    sizes = [round(c["size"], 1) for p in pdf.pages for c in p.chars if c["text"].strip()]
    assert sizes and min(sizes) >= 16, f"{kind}: glyphs down to {min(sizes)} pt"
    first = " ".join((pdf.pages[0].extract_text() or "").split())
    assert "Printed on Monday 23 November 2026" in first
    assert asked in first
    text = " ".join(" ".join((p.extract_text() or "") for p in pdf.pages).split())
    assert "Find an activity" not in text and "Skip to" not in text  # no navigation
    assert not [c for p in pdf.pages for c in p.chars if "Italic" in c["fontname"]]


def test_each_printed_activity_says_when_where_bus_phone_and_how_to_join(demo_web, browser):
    for path in ("find/list/index.html?q=walk&free=1",
                 "my-list/index.html?ids=aigburth-tuesday-walk,garston-foodbank"):
        pdf = _pdf(browser, demo_web, path)
        text = " ".join(" ".join((p.extract_text() or "") for p in pdf.pages).split())
        for word in ("Next:", "When:", "Where:", "Nearest stop:", "Phone:", "Drop in"):
            assert word in text, (path, word)
    pdf = _pdf(browser, demo_web, "days/tuesday/index.html")
    text = " ".join(" ".join((p.extract_text() or "") for p in pdf.pages).split())
    assert "Tuesday Health Walk" in text and "Nearest stop: Mersey Road" in text
    assert "Phone 07700 900123" in text or "Phone 0151 496 0123" in text
