"""Shared helpers for the site's browser tests (no tests here).

Debian's chromium through Playwright, opening the built demo straight from disk (file://).
"""

from __future__ import annotations

from pathlib import Path

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# One page of each type, by path inside the built site.
PAGE_TYPES = {
    "home": "index.html",
    "finder with results": "find/index.html?q=walk",
    "finder with none": "find/index.html?q=zzzzqqq",
    "finder printable list": "find/list/index.html?day=0&free=1",
    "category": "categories/walking/index.html",
    "area": "areas/garston/index.html",
    "day": "days/tuesday/index.html",
    "a-z activities": "a-z/index.html",
    "a-z organisations": "organisations/index.html",
    "activity": "activities/aigburth-tuesday-walk/index.html",
    "activity (stale)": "activities/ukulele-for-beginners/index.html",
    "activity (due)": "activities/cooking-on-a-budget/index.html",
    "organisation": "organisations/aigburth-walkers/index.html",
    "add your activity": "add/index.html",
    "bus route": "buses/82/index.html",
    "bus routes": "buses/index.html",
    "booklets": "print/index.html",
    "accessibility statement": "about/accessibility/index.html",
    "coverage (for coordinators)": "coordinators/coverage/index.html",
    "what's new": "whats-new/index.html",
    "my list": "my-list/index.html?ids=aigburth-tuesday-walk,garston-foodbank",
}

# Pages whose scripts add content after the load event (the finder's parts, the home page's
# "on today", My list); the others are whole once loaded.
LATE_CONTENT = {kind for kind in PAGE_TYPES if kind.startswith(("home", "finder", "my list"))}


def url(site: Path, path: str) -> str:
    return (site / path.split("?")[0]).as_uri() + ("?" + path.split("?", 1)[1] if "?" in path else "")


def open_page(browser, site: Path, path: str, *, width: int = 1280, height: int = 900,
              scheme: str = "light", **context):
    """A fresh context and page; fails on any JavaScript error."""
    ctx = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                              **context)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url(site, path))
    page.wait_for_load_state("load")
    page.js_errors = errors
    return ctx, page


def axe_violations(page, tags=WCAG) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": list(tags)},
                                      "resultTypes": ["violations"]})
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result.response["violations"]]


def as_big_directory(site: Path) -> None:
    """Make a copy of the built demo's finder behave as a big directory's: its parts not inside
    start.js (loaded as searches need them) and no search indexes file of a small directory."""
    import json

    from generator.site import finder

    path = site / "assets" / "finder" / "start.js"
    start = finder.read_part(path.read_text())
    start["eager"] = False
    del start["indexes"]
    path.write_text("window.WO_START=" + json.dumps(start, ensure_ascii=False) + ";\n",
                    encoding="utf-8")
    (path.parent / "indexes.js").write_text(finder._pushed({"indexes": {}}), encoding="utf-8")
