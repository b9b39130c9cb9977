"""The finder's data in parts (generator/site/finder.py): a search fetches only the parts it needs,
the names index of the whole directory stays small, and a big directory (here: the demo's own
parts, marked as too big to load at once, as a directory of 100,000 activities is) searches names
first, loads the areas it found, says what it is loading, and keeps working offline after use."""

from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import shutil
import threading

import pytest

from generator.site import finder, offline
from generator.site.today import area_keys
from tests.test_site_support import as_big_directory

START = "window.WO_START="


def test_the_names_index_does_not_grow_with_descriptions(demo):
    """Names, organisations, areas and categories only: descriptions ten times longer change no
    byte of it."""
    longer = tuple(dataclasses.replace(e, activity=e.activity.model_copy(update={
        "description": (e.activity.description or "") + " Lorem ipsum dolor sit amet." * 200,
        "summary": e.activity.summary + " And much more besides."}))
        for e in demo.activities)
    wordy = dataclasses.replace(demo, activities=longer)
    assert sum(len(e.activity.description or "") for e in wordy.current()) > \
        5 * sum(len(e.activity.description or "") for e in demo.current())
    assert finder.names_parts(wordy) == finder.names_parts(demo)
    entry = next(e for e in demo.current() if e.id == "garston-monday-walk")
    record = next(r for r in finder.name_records(demo) if r[0] == entry.id)
    assert record == [entry.id, entry.activity.name, entry.organisation.name,
                      [[a.id for a in demo.config.areas].index("garston")],
                      [[c.id for c in demo.config.categories].index(c) for c in entry.activity.categories]]


def test_a_part_of_more_than_direct_activities_has_no_field_vectors(demo, monkeypatch):
    """Only lunr's scoring reads field vectors, and the finder reads a part that big directly."""
    routes = []
    small = finder.read_part(finder.area_shard(demo, "garston", routes))
    assert small["index"]["fieldVectors"] and "direct" not in small
    count = sum(1 for e in demo.current() if "garston" in area_keys(e, demo))
    monkeypatch.setattr(finder, "DIRECT", count - 1)
    big = finder.read_part(finder.area_shard(demo, "garston", routes))
    assert big["direct"] is True and big["index"]["fieldVectors"] == []
    assert big["docs"] == small["docs"]
    assert big["index"]["invertedIndex"] == small["index"]["invertedIndex"]


def test_names_parts_split_by_word_starts_and_find_every_name_word(demo):
    """With a tiny budget every part is split down to its words' starts; each word of every name
    is in exactly one part, whose prefix it starts with, beside the record it came from."""
    parts = finder.names_parts(demo, budget=600)
    assert len(parts) > len(finder.names_parts(demo))
    for prefix, part in parts.items():
        assert part["p"] == prefix
        if len(finder._json(part)) > 600:  # only a part of one word (or 6 letters) stays over
            assert len(part["w"]) == 1 or len(prefix) >= 6, prefix
        for word, numbers in part["w"].items():
            assert word.startswith(prefix.rstrip("=")) and (word == prefix[:-1]) == prefix.endswith("=")
            assert all(word in finder.words_of(part["r"][n][1] + " " + part["r"][n][2]) for n in numbers)
    for record in finder.name_records(demo):
        for word in finder._name_words(record):
            holding = [p for p in parts.values() if word in p["w"]]
            assert len(holding) == 1, word
            assert record in [holding[0]["r"][n] for n in holding[0]["w"][word]]


def test_every_current_activity_is_in_its_areas_parts(demo_web, demo):
    folder = demo_web / "assets" / "finder"
    text = (folder / "start.js").read_text()
    start = finder.read_part(text)
    assert start["eager"] is True  # the demo is small: its parts come inside start.js
    inline = finder.inline_parts(text)
    indexes = finder.read_part((demo_web / "assets" / start["indexes"]).read_text())["indexes"]
    assert list(indexes) == [key for key, *_ in start["parts"]]
    seen: dict[str, set[str]] = {}
    for (key, path, count, _), part in zip(start["parts"], inline, strict=True):
        whole = finder.read_part((demo_web / "assets" / path).read_text())
        assert part == {"key": key, "docs": whole["docs"]} and indexes[key] == whole["index"]
        assert len(part["docs"]) == count
        for doc in part["docs"]:
            seen.setdefault(doc[0], set()).add(key)
    assert seen == {e.id: set(area_keys(e, demo)) for e in demo.current()}


def _finder_requests(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url.split("/assets/", 1)[1])
            if "/assets/finder/" in r.url else None)
    return seen


@pytest.mark.browser
def test_a_small_directory_lists_its_activities_from_one_file_and_searches_with_a_second(
        demo_web, browser):
    """Every activity comes in start.js, with the page; the search indexes, more than half the
    bytes, only when something is typed (in one file)."""
    from tests.test_site_support import url

    ctx = browser.new_context()
    page = ctx.new_page()
    seen = _finder_requests(page)
    try:
        page.goto(url(demo_web, "find/index.html?area=garston"))
        page.wait_for_function("/found/.test(document.getElementById('result-count').textContent)")
        assert seen == ["finder/start.js"]
        with page.expect_request(lambda r: r.url.endswith("finder/indexes.js")):
            page.fill("#q", "walk")
        page.wait_for_function("/found/.test(document.getElementById('result-count').textContent)")
        assert page.inner_text("#result-count").endswith("found")
        assert seen == ["finder/start.js", "finder/indexes.js"]
        seen.clear()
        page.goto(url(demo_web, "find/index.html?q=walk"))  # a link with words: both at once
        page.wait_for_function("/found/.test(document.getElementById('result-count').textContent)")
        assert sorted(seen) == ["finder/indexes.js", "finder/start.js"]  # each once
        seen.clear()
        page.goto(url(demo_web, "my-list/index.html"))
        assert seen == ["finder/start.js"]
    finally:
        ctx.close()


# ---- A big directory: the demo's parts with "eager" off, served over HTTP.

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def big(demo_web, tmp_path_factory):
    """A copy of the demo site (no PDFs or zips) whose finder behaves as a big directory's."""
    site = tmp_path_factory.mktemp("finder-big") / "site"
    shutil.copytree(demo_web, site, ignore=shutil.ignore_patterns("print", "download"))
    as_big_directory(site)  # and without the parts inside start.js
    offline.write_service_worker(site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", site
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_a_search_in_an_area_fetches_only_that_areas_part(big, demo, browser):
    base, site = big
    ctx = browser.new_context(service_workers="block")
    page = ctx.new_page()
    seen = _finder_requests(page)
    try:
        page.goto(base + "find/index.html?area=garston")
        page.wait_for_function("/found/.test(document.getElementById('result-count').textContent)")
        garston = sorted(e.id for e in demo.current() if "garston" in e.areas)
        shown = page.eval_on_selector_all("#results h2 a", "as => as.map(a => a.href.split('/').slice(-2)[0])")
        assert sorted(shown) == garston
        assert seen == ["finder/start.js", "finder/area/garston.js"]
        page.fill("#q", "walk")
        page.wait_for_timeout(600)
        assert page.inner_text("#result-count").endswith("found")
        assert seen == ["finder/start.js", "finder/area/garston.js"]  # nothing more for Garston
    finally:
        ctx.close()
    ctx = browser.new_context(service_workers="block")
    page = ctx.new_page()
    seen = _finder_requests(page)
    try:
        page.goto(base + "find/index.html?q=lunch+club+speke")  # the area named in the search
        page.wait_for_function("/found/.test(document.getElementById('result-count').textContent)")
        assert page.input_value("#f-area") == "speke"
        # the names index for "lunch club" first (results while the area loads), then Speke's part;
        # and the small directories' index file, which the page starts for any link with words
        # (for a big directory, 40 bytes)
        assert (site / "assets" / "finder" / "indexes.js").stat().st_size < 100
        seen = [p for p in seen if p != "finder/indexes.js"]
        assert seen[0] == "finder/start.js" and seen[-1] == "finder/area/speke.js", seen
        assert sorted(seen[1:-1]) == ["finder/names/c.js", "finder/names/l.js"], seen
    finally:
        ctx.close()


@pytest.mark.browser
def test_a_search_in_an_area_shows_the_names_found_there_while_the_area_loads(big, demo, browser):
    """On a slow line an area's part takes long (730 KB for 3,000 activities): the names index,
    a few KB, shows what in that area has the words in its name meanwhile."""
    base, _ = big

    def named(area: str) -> set[str]:
        return {e.id for e in demo.current() if area in area_keys(e, demo) and any(
            w.startswith("walk") for w in finder.words_of(e.activity.name + " " + e.organisation.name))}

    area = next(a for a in demo.config.areas if named(a.id))
    ctx = browser.new_context(service_workers="block")
    page = ctx.new_page()
    held = []
    page.route(f"**/finder/area/{area.id}.js", lambda route: held.append(route))  # held back
    shown = "as => as.map(a => a.href.split('/').slice(-2)[0])"
    try:
        page.goto(base + f"find/index.html?area={area.id}&q=walk", wait_until="domcontentloaded")
        page.wait_for_function("document.querySelectorAll('#results li').length > 0")
        assert held, "the area's part was asked for"
        assert set(page.eval_on_selector_all("#results h2 a", shown)) == named(area.id)
        assert page.inner_text("#result-count") == f"Loading activities in {area.name}…"
        said = page.inner_text("#finder-understood")
        assert f"Showing what in {area.name} has your words in its name" in said
        assert "No activity matches" not in said  # nothing was searched yet but names
        held[0].continue_()
        page.wait_for_function("/found/.test(document.getElementById('result-count').textContent)")
        assert named(area.id) <= set(page.eval_on_selector_all("#results h2 a", shown))
        assert "has your words in its name" not in page.inner_text("#finder-understood")
        # the same search with the area already loaded: everything at once, no names needed
        page.fill("#q", "walks")
        page.wait_for_timeout(600)
        assert page.inner_text("#result-count").endswith("found")
    finally:
        ctx.close()


def test_a_big_directory_keeps_its_parts_out_of_the_precache(big):
    _, site = big
    sw = (site / "sw.js").read_text()
    keep = json.loads(sw.split("const KEEP = ", 1)[1].split(";\n", 1)[0])
    assert "assets/finder/start.js" in keep and "assets/finder.js" in keep
    assert not [k for k in keep if k.startswith(("assets/finder/area/", "assets/finder/names/"))]


@pytest.mark.browser
def test_a_big_directory_asks_for_an_area_and_loads_nothing_more(big, browser):
    base, _ = big
    ctx = browser.new_context(service_workers="block")
    page = ctx.new_page()
    seen = _finder_requests(page)
    try:
        page.goto(base + "find/index.html")
        assert page.inner_text("#result-count") == "Choose an area, or type what you are looking for."
        assert page.inner_text("#suggestions-heading") == "Choose an area"
        assert seen == ["finder/start.js"]
        with page.expect_request(lambda r: r.url.endswith("finder/area/speke.js")):
            page.click("#suggestions button:has-text('Speke')")
        page.wait_for_function("/found/.test(document.getElementById('result-count').textContent)")
        assert page.input_value("#f-area") == "speke"
        assert seen == ["finder/start.js", "finder/area/speke.js"]
    finally:
        ctx.close()


@pytest.mark.browser
def test_a_big_directory_searches_names_then_loads_the_areas_found(big, demo, browser):
    base, _ = big
    ctx = browser.new_context(service_workers="block")
    page = ctx.new_page()
    seen = _finder_requests(page)
    said: list[str] = []
    page.expose_function("said", lambda text: said.append(text))
    page.add_init_script("""new MutationObserver(() => { const b = document.getElementById('result-count');
        if (b) window.said(b.textContent); }).observe(document, {subtree: true, childList: true,
        characterData: true});""")
    try:
        page.goto(base + "find/index.html?q=walk")
        page.wait_for_function("/found/.test(document.getElementById('result-count').textContent)")
        names = [p for p in seen if p.startswith("finder/names/")]
        areas = [p for p in seen if p.startswith("finder/area/")]
        assert names == ["finder/names/w.js"] and 1 <= len(areas) <= 2
        assert any(s == "Searching the names of every activity…" for s in said)
        assert any(s.startswith("Loading activities in ") and s.endswith("…") for s in said), said
        named = {e.id for e in demo.current()
                 if any(w.startswith("walk") for w in finder.words_of(e.activity.name + " " + e.organisation.name))}
        shown = page.eval_on_selector_all("#results h2 a", "as => as.map(a => a.href.split('/').slice(-2)[0])")
        assert named <= set(shown)  # every name hit, in any area
        assert "Searched the names of every activity, and everything about those in" in \
            page.inner_text("#finder-understood")
    finally:
        ctx.close()


@pytest.mark.browser
def test_a_big_directory_works_offline_for_what_was_used(big, browser):
    base, _ = big
    ctx = browser.new_context(service_workers="allow")
    page = ctx.new_page()
    try:
        page.goto(base + "find/index.html")
        page.evaluate("""async () => { const r = await navigator.serviceWorker.ready; const w = r.active;
            if (w.state !== 'activated') await new Promise(done => w.addEventListener('statechange',
            () => w.state === 'activated' && done())); }""")
        page.goto(base + "find/index.html?area=garston&q=walk")  # with the worker: kept as used
        page.wait_for_function("/found/.test(document.getElementById('result-count').textContent)")
        online = page.inner_text("#result-count")
        ctx.set_offline(True)
        page.goto(base + "find/index.html?area=garston&q=walk")
        page.wait_for_function("/found/.test(document.getElementById('result-count').textContent)")
        assert page.inner_text("#result-count") == online
        page.goto(base + "find/index.html?area=woolton")  # never loaded: said, not a blank
        page.wait_for_function("!/Loading/.test(document.getElementById('result-count').textContent)")
        assert "could not be loaded: you may be offline" in page.inner_text("#finder-understood")
    finally:
        ctx.close()


@pytest.mark.browser
def test_my_list_finds_an_activity_added_on_its_page(big, browser):
    """Added on the activity's page (no area known): My list finds its area in the names index."""
    base, _ = big
    ctx = browser.new_context(service_workers="block")
    page = ctx.new_page()
    try:
        page.goto(base + "activities/aigburth-tuesday-walk/index.html")
        page.click(".wo-mylist-add button")
        page.goto(base + "my-list/index.html")
        page.wait_for_function("document.querySelectorAll('#mylist-items li').length > 0")
        text = page.inner_text("#mylist-items")
        assert "Tuesday Health Walk" in text and "When:" in text and "Where:" in text
        assert "in=" in page.input_value("#mylist-link")
    finally:
        ctx.close()


@pytest.mark.browser
def test_reading_the_index_directly_finds_what_lunr_finds(big, demo_web, browser):
    """A big directory's searches read the index directly (no lunr scoring): the same activities
    for the corpus's queries in an area as lunr's search of the small demo. Here Garston's part
    is written as a part of more than finder.DIRECT activities is: without field vectors."""
    from tests.test_site_support import url

    base, site = big
    path = site / "assets" / "finder" / "area" / "garston.js"
    kept = path.read_text()
    part = finder.read_part(kept)
    assert part["index"]["fieldVectors"] and "direct" not in part  # a small part
    part["index"]["fieldVectors"], part["direct"] = [], True
    path.write_text(finder._pushed(part), encoding="utf-8")
    ctx = browser.new_context(service_workers="block")
    page = ctx.new_page()
    try:
        for q in ("walk", "lunch club", "singing", "computer help", "foodbank", "knitting"):
            query = f"find/index.html?area=garston&q={q.replace(' ', '+')}"
            page.goto(url(demo_web, query))
            lunr_found = sorted(page.eval_on_selector_all("#results h2 a", "as => as.map(a => a.href.split('/').slice(-2)[0])"))
            page.goto(base + query)
            page.wait_for_function("/found/.test(document.getElementById('result-count').textContent)")
            direct = sorted(page.eval_on_selector_all("#results h2 a", "as => as.map(a => a.href.split('/').slice(-2)[0])"))
            assert direct == lunr_found, q
    finally:
        ctx.close()
        path.write_text(kept, encoding="utf-8")

