"""Offline: pages opened from disk make no request to any other origin, and served over http the
site keeps working offline after the first visit (service worker + manifest)."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from tests.test_site_support import PAGE_TYPES, open_page, url  # noqa: F401


def _record(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    return seen


def test_no_request_leaves_the_site_from_disk(demo_site, browser):
    ctx = browser.new_context()
    page = ctx.new_page()
    seen = _record(page)
    try:
        for path in PAGE_TYPES.values():
            page.goto(url(demo_site, path))
            page.wait_for_load_state("load")
        page.goto(url(demo_site, "find/index.html"))
        page.fill("#q", "lunch")
        page.check("#f-free")
        page.click("[data-wo-scheme]:visible", timeout=2000)  # switch colour scheme
        page.wait_for_timeout(500)
        outside = [u for u in seen if not u.startswith(("file://", "data:", "blob:"))]
        assert outside == []
        assert len(seen) > 40
    finally:
        ctx.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture()
def served(demo_site):
    handler = functools.partial(_Quiet, directory=str(demo_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state = {"server": server}

    def stop():
        if state["server"]:
            state["server"].shutdown()
            state["server"].server_close()
            state["server"] = None

    yield f"http://127.0.0.1:{server.server_address[1]}/", stop
    stop()


def test_served_over_http_it_keeps_working_offline_after_the_first_visit(served, browser):
    base, stop = served
    ctx = browser.new_context(service_workers="allow")
    page = ctx.new_page()
    seen = _record(page)
    try:
        page.goto(base + "index.html")
        assert page.evaluate("""async () => { const r = await navigator.serviceWorker.ready;
            const w = r.active;
            if (w.state !== 'activated') await new Promise(done => w.addEventListener(
                'statechange', () => { if (w.state === 'activated') done(); }));
            return w.state; }""") == "activated"
        page.goto(base + "activities/aigburth-tuesday-walk/index.html")  # kept once visited
        manifest = page.evaluate("""async () => (await fetch(document.querySelector(
            'link[rel=manifest]').href)).json()""")
        assert manifest["display"] == "standalone" and manifest["icons"]
        stop()  # the server is gone, and the browser is offline too
        ctx.set_offline(True)
        page.goto(base + "index.html")
        assert page.inner_text("h1") == "What's On in South Liverpool"
        page.goto(base + "find/index.html?q=walk&free=1")
        page.wait_for_timeout(600)
        assert page.inner_text("#result-count").endswith("found")
        assert page.locator("#results li").count() >= 1
        page.goto(base + "days/tuesday/index.html")
        assert page.inner_text("h1") == "Tuesday timetable"
        page.goto(base + "activities/aigburth-tuesday-walk/index.html")
        assert page.inner_text("h1") == "Tuesday Health Walk"
        page.reload()
        assert page.inner_text("h1") == "Tuesday Health Walk"
        assert [u for u in seen if not u.startswith((base, "data:", "blob:"))] == []
    finally:
        ctx.close()
