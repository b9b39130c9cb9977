"""The home page's "what's on today" in a big directory (generator/site/today.py): the demo's
schedules written per area, as a directory whose finder parts are too big to load at once
writes them, served over HTTP. The home page asks for an area, says what it is loading and
fetches only that area's file (and the one of activities with no area, if any)."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import shutil
import threading

import pytest

from generator import schedule, urls
from generator.site import offline
from generator.site.today import area_keys, today_files
from generator.words import status
from tests.test_site_support import as_big_directory


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def big_home(demo_web, demo, tmp_path_factory):
    """A copy of the demo site (no PDFs or zips) with the home page data of a big directory."""
    site = tmp_path_factory.mktemp("today-big") / "site"
    shutil.copytree(demo_web, site, ignore=shutil.ignore_patterns("print", "download"))
    as_big_directory(site)  # the finder behaves as a big directory's too
    for name, text in today_files(demo, big=True).items():
        (site / "assets" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "assets" / name).write_text(text, encoding="utf-8")
    offline.write_service_worker(site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", site
    server.shutdown()
    server.server_close()


def test_a_small_directory_keeps_one_schedules_file(demo_web, demo):
    assert not (demo_web / "assets" / "today").exists()
    text = (demo_web / "assets" / "schedules.js").read_text()
    assert text == today_files(demo, big=False)["schedules.js"]


def test_every_running_activity_is_in_its_areas_file(demo):
    files = today_files(demo, big=True)
    start = json.loads(files["schedules.js"].split("=", 1)[1].rstrip().removesuffix(";"))
    assert start["acts"] is None and start["parts"]
    one = json.loads(today_files(demo, big=False)["schedules.js"].split("=", 1)[1].rstrip().removesuffix(";"))
    assert {k: start[k] for k in ("built", "bh", "terms")} == {k: one[k] for k in ("built", "bh", "terms")}
    seen: dict[str, set[str]] = {}
    for key, _, path, count in start["parts"]:
        part = json.loads(files[path][files[path].index(".push(") + 6:].rstrip().removesuffix(");"))
        assert part["today"] == key and len(part["acts"]) == count
        for act in part["acts"]:
            seen.setdefault(act[1], set()).add(key)
    running = [e for e in demo.current() if e.activity.schedules and status.is_running(e)]
    assert seen == {urls.activity(e.id): set(area_keys(e, demo)) for e in running}


def test_a_big_directory_keeps_todays_files_out_of_the_precache(big_home):
    _, site = big_home
    keep = json.loads((site / "sw.js").read_text().split("const KEEP = ", 1)[1].split(";\n", 1)[0])
    assert "assets/schedules.js" in keep and not [k for k in keep if k.startswith("assets/today/")]


@pytest.mark.browser
def test_the_home_page_loads_only_the_chosen_areas_schedules(big_home, demo, browser):
    base, site = big_home
    parts = {p[0]: p for p in json.loads(
        (site / "assets" / "schedules.js").read_text().split("=", 1)[1].rstrip().removesuffix(";"))["parts"]}
    ctx = browser.new_context(service_workers="block", viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url.split("/assets/", 1)[1])
            if "/assets/today/" in r.url or "/assets/schedules.js" in r.url else None)
    try:
        page.clock.set_fixed_time(dt.datetime(2026, 12, 1, 9, 0))  # a Tuesday
        page.goto(base + "index.html")
        assert page.is_visible("#today-form") and page.inner_text("#today-list") == ""
        assert seen == ["schedules.js"]
        page.select_option("#today-area", "garston")
        page.click("#today-form button")
        page.wait_for_function("/Showing/.test(document.getElementById('today-status').textContent)")
        assert page.inner_text("#today-status") == "Showing activities in Garston."
        assert page.get_attribute("#today-status", "aria-live") == "polite"
        want_files = ["schedules.js", "today/garston.js"] + (["today/no-area.js"] if "" in parts else [])
        assert seen == want_files
        day = dt.date(2026, 12, 1)
        want = sorted({e.activity.name for e in demo.current() if status.is_running(e)
                       and set(area_keys(e, demo)) & {"garston", ""}
                       and schedule.sessions(e.activity.schedules, day, day, demo.calendar)})
        shown = page.eval_on_selector_all("#today-list a[href*='activities/']", "as => as.map(a => a.textContent)")
        assert shown and set(shown) <= set(want)
        if set(shown) != set(want):  # more than the first 8 still to come: the rest in the finder
            assert "area=garston" in page.get_attribute("#today-list a[href*='when=today']", "href")
        elsewhere = {e.activity.name for e in demo.current() if status.is_running(e)
                     and set(area_keys(e, demo)).isdisjoint({"garston", ""})} - set(want)
        assert elsewhere and not elsewhere & set(shown)
        from tests.test_site_support import axe_violations

        assert axe_violations(page) == []  # the area form, its status and the lists shown
    finally:
        ctx.close()


@pytest.mark.browser
def test_an_area_that_cannot_be_loaded_is_said_and_can_be_tried_again(big_home, browser):
    base, _ = big_home
    ctx = browser.new_context(service_workers="block")
    page = ctx.new_page()
    try:
        page.route("**/assets/today/speke.js", lambda route: route.abort())
        page.goto(base + "index.html")
        page.select_option("#today-area", "speke")
        page.focus("#today-form button")
        page.keyboard.press("Enter")
        page.wait_for_function("/could not/.test(document.getElementById('today-status').textContent)")
        assert page.inner_text("#today-status") == ("Today's activities in Speke could not be loaded. "
                                                    "Check your connection and try again.")
        page.unroute("**/assets/today/speke.js")
        page.keyboard.press("Enter")
        page.wait_for_function("/Showing/.test(document.getElementById('today-status').textContent)")
        assert page.inner_text("#today-list").strip()
    finally:
        ctx.close()
