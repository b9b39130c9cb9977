"""Print styles: one activity prints on one A4 page (Chromium's own print to PDF)."""

from __future__ import annotations

import io

from pypdf import PdfReader

from generator import urls
from tests.test_site_support import url


def _longest(demo, n: int = 4) -> list[str]:
    size = {e.id: len(e.activity.description or "") + 200 * len(e.activity.schedules)
            + 300 * bool(e.venue) for e in demo.activities}
    return sorted(size, key=size.get, reverse=True)[:n] + ["aigburth-tuesday-walk"]


def test_each_activity_prints_on_one_page(demo_site, demo, browser):
    ctx = browser.new_context()
    page = ctx.new_page()
    try:
        for activity_id in _longest(demo):
            page.goto(url(demo_site, urls.activity(activity_id) + "index.html"))
            page.emulate_media(media="print")
            pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
            text = pdf.pages[0].extract_text()
            assert len(pdf.pages) == 1, f"{activity_id} prints on {len(pdf.pages)} pages"
            assert demo.activity(activity_id).activity.name in text
            assert "Find an activity" not in text  # no navigation in print
    finally:
        ctx.close()
