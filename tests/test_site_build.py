"""The built demo site: every page there, the nav holding browse pages only, listing details as
in the YAML, no markup injected from a listing, and everything needed offline."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from generator import schedule, urls, webform
from generator.site import finder, offline
from generator.sms import text_message
from generator.transport.routes import route_index
from tests.conftest import DEMO

ROOT = Path(__file__).resolve().parent.parent


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> Tags:
    tags = Tags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


def test_every_page_type_is_built(demo_site, demo):
    for path in ["index.html", "find/index.html", "find/list/index.html", "categories/index.html",
                 "areas/index.html", "days/index.html", "a-z/index.html", "organisations/index.html",
                 "buses/index.html", "print/index.html", "add/index.html",
                 "about/accessibility/index.html", "manifest.webmanifest", "sw.js",
                 "assets/lunr.js", "assets/finder/start.js", "assets/finder/no-area.js",
                 "assets/schedules.js", "download/index.html", "download/whats-on-print.zip"]:
        assert (demo_site / path).is_file(), path
    for c in demo.config.categories:
        assert (demo_site / urls.category(c.id) / "index.html").is_file()
    for a in demo.config.areas:
        assert (demo_site / urls.area(a.id) / "index.html").is_file()
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
        assert (demo_site / urls.day(day) / "index.html").is_file()
    for e in demo.activities:
        assert (demo_site / urls.activity(e.id) / "index.html").is_file()
        assert (demo_site / urls.activity(e.id) / f"{e.id}.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    for o in demo.organisations:
        assert (demo_site / urls.organisation(o.id) / "index.html").is_file()
    routes = route_index(demo)
    assert len(routes) >= 10
    for r in routes:
        assert (demo_site / urls.bus_route(r.number, r.operator_slug) / "index.html").is_file()
    assert not list(demo_site.rglob("wo-shell"))


def test_the_nav_holds_browse_pages_and_no_listing(demo_web):
    tags = parse(demo_web / "activities" / "aigburth-tuesday-walk" / "index.html").tags
    nav_links = [a["href"] for t, a in tags if t == "a" and "md-nav__link" in a.get("class", "")]
    assert "../../find/index.html" in nav_links
    assert not [h for h in nav_links if "activities/" in h or "organisations/" in h and h.count("/") > 3]
    assert len(nav_links) <= 13


def test_every_link_inside_the_site_leads_to_a_file(demo_web):
    """From file:// a link to a folder shows a directory listing, not its index.html."""
    checked = 0
    for page in demo_web.rglob("*.html"):
        if page.name == "404.html":  # served by a web server from any folder: root-relative links
            continue
        for tag, attrs in parse(page).tags:
            target = attrs.get("href") if tag in ("a", "link") else attrs.get("src")
            if not target or re.match(r"^([a-z]+:|#|//)", target):
                continue
            path = target.split("#")[0].split("?")[0]
            if not path:
                continue
            assert (page.parent / path).is_file(), f"{page.relative_to(demo_web)}: {target}"
            checked += 1
    assert checked > 1000


def test_no_page_loads_anything_from_another_site(demo_web):
    for page in demo_web.rglob("*.html"):
        for tag, attrs in parse(page).tags:
            for key in ("src", "srcset", "data") if tag != "a" else ():
                assert not re.match(r"^(https?:)?//", attrs.get(key) or ""), (page, tag, attrs)
            if tag == "link":
                assert not re.match(r"^(https?:)?//", attrs.get("href") or "") or \
                    attrs.get("rel") == "canonical", (page, attrs)
    css = (demo_web / "assets" / "site.css").read_text()
    assert "fonts.googleapis" not in css and "@import" not in css


def test_lunr_js_is_copied_at_build_time_not_kept_in_the_repository(demo_web):
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "lunr.js" not in tracked and "lunr.min.js" not in tracked
    # from Debian's libjs-lunr (a pinned package), never read out of another Python package
    assert (demo_web / "assets" / "lunr.js").read_bytes() == \
        Path("/usr/share/javascript/lunr/lunr.min.js").read_bytes()
    assert 'D.version="2.3.9"' in (demo_web / "assets" / "lunr.js").read_text()
    assert "mkdocs" not in Path(offline.lunr_js()).as_posix()
    part = finder.read_part((demo_web / "assets" / "finder" / "area" / "garston.js").read_text())
    data = part["index"]
    assert data["version"] == "2.3.9" and data["fields"] == ["name", "body", "syn", "synname"]


def test_no_theme_search_files_in_the_site_the_precache_or_the_zip(demo_web):
    assert not (demo_web / "assets" / "javascripts" / "lunr").exists()
    assert not (demo_web / "assets" / "javascripts" / "workers").exists()
    sw = (demo_web / "sw.js").read_text()
    keep = json.loads(sw.split("const KEEP = ", 1)[1].split(";\n", 1)[0])
    assert "assets/lunr.js" in keep and "assets/finder.js" in keep
    assert [k for k in keep if "javascripts/lunr" in k or "workers" in k or k.endswith(".map")] == []
    zips = sorted((demo_web / offline.DOWNLOADS).glob("whats-on-*.zip"))  # one per area, print
    assert zips
    for path in zips:
        names = zipfile.ZipFile(path).namelist()
        assert not [n for n in names if "javascripts/lunr" in n or "javascripts/workers" in n], path.name


def test_the_tuesday_walk_page_says_what_the_yaml_says(demo_web, demo):
    entry = demo.activity("aigburth-tuesday-walk")
    html = (demo_web / "activities" / "aigburth-tuesday-walk" / "index.html").read_text()
    text = " ".join("".join(parse(demo_web / "activities" / "aigburth-tuesday-walk" /
                                  "index.html").text).split())
    assert "<title>Tuesday Health Walk - What&#39;s On in South Liverpool</title>" in html \
        or "<title>Tuesday Health Walk - What's On in South Liverpool</title>" in html
    for words in ["Every Tuesday, 10am to 11:30am; not on bank holidays",
                  "St Anne's Church Hall", "12 Example Road, Aigburth, Liverpool", "L17 7AA",
                  "Step-free access", "Hearing loop", "Free", "Drop in: just turn up",
                  "Meet at the church hall door at 10am; look for the green flag.",
                  "Someone will meet you when you arrive.", "Ages 18 and over",
                  "Last checked on 14 September 2026 by Jean Example", "How to get there",
                  "Languages: English."]:
        assert words in text, words
    assert 'href="tel:+441514960123"' in html and 'href="tel:+447700900123"' in html
    assert "On the day, ring:" in text
    assert escape(text_message(demo, entry)) in html
    assert 'href="aigburth-tuesday-walk.ics"' in html
    assert "<svg" in html and "QR code for https://whats-on.example.org/activities/aigburth-tuesday-walk/" in html
    assert 'href="../../add/index.html?activity=aigburth-tuesday-walk"' in html
    assert "wo-notice" not in html


@pytest.mark.parametrize("activity_id,title", [
    ("ukulele-for-beginners", "These details may be out of date"),
    ("cooking-on-a-budget", "Due for a check"),
])
def test_due_and_stale_listings_carry_a_clear_notice(demo_web, activity_id, title):
    html = (demo_web / "activities" / activity_id / "index.html").read_text()
    assert re.search(rf'<h2 id="(notice-heading-\d|due-heading)">{re.escape(title)}</h2>', html)
    if title == "Due for a check":  # in the key facts too, linking to the notice
        assert '<dt>Ring first</dt><dd><a href="#due-heading">Due for a check</a></dd>' in html


def test_the_status_notice_comes_before_the_freshness_notice(demo_web):
    """Ukulele for Beginners is closed for now and not checked for a long time: the page says
    it is closed first, and says it is out of date as well (one did hide the other)."""
    html = (demo_web / "activities" / "ukulele-for-beginners" / "index.html").read_text()
    closed = html.index('<h2 id="notice-heading-1">Closed for now</h2>')
    assert closed < html.index('<h2 id="notice-heading-2">These details may be out of date</h2>')


def test_ended_activities_keep_a_page_but_are_left_out_of_lists(demo_web, demo):
    ended = [e for e in demo.activities if e.freshness.value == "ended"]
    assert ended
    az = (demo_web / "a-z" / "index.html").read_text()
    docs = "".join(p.read_text() for p in (demo_web / "assets" / "finder").rglob("*.js"))
    for e in ended:
        assert "This activity has ended" in (demo_web / urls.activity(e.id) / "index.html").read_text()
        assert f'href="../{urls.activity(e.id)}index.html"' not in az
        assert f'["{e.id}",' not in docs


def test_one_zip_per_area_and_one_of_the_print_files(demo_site, demo):
    """Each area's zip works on its own: every browse page and the finder, that area's activity
    and organisation pages, no other area's; the print files are in a zip of their own."""
    page = (demo_site / "download" / "index.html").read_text()
    assert "WOZIPSIZE" not in page
    links = re.findall(r'href="([^"]+\.zip)"', page)
    assert all((demo_site / "download" / link).resolve().is_file() for link in links), links
    for a in demo.config.areas:
        assert any(link.endswith(f"/whats-on-{a.id}.zip") for link in links), a.id
        assert re.search(rf'whats-on-{a.id}\.zip" download>[^<]+</a> <span class="wo-small">\(zip, [\d.]+ [KM]B\)', page)
        path = demo_site / "download" / f"whats-on-{a.id}.zip"
        assert path.stat().st_mode & 0o777 == 0o644  # a web server of another user may read it
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
        assert {"whats-on/index.html", "whats-on/find/index.html", "whats-on/assets/lunr.js",
                "whats-on/assets/finder/start.js", f"whats-on/{urls.area(a.id)}index.html"} <= names
        assert not any(n.startswith(("whats-on/print/", "whats-on/download/")) for n in names)
        for e in demo.activities:
            inside = f"whats-on/{urls.activity(e.id)}index.html" in names
            assert inside == (a.id in e.areas or not e.areas), (a.id, e.id)
            # the web form's file for "suggest a change" goes with the activity's page
            if (demo_site / webform.listing_path(e.id)).exists():
                assert (f"whats-on/{webform.listing_path(e.id)}" in names) == inside, (a.id, e.id)
        assert any(a.id in e.areas for e in demo.activities)
    assert (demo_site / "download" / "whats-on-print.zip").stat().st_mode & 0o777 == 0o644
    with zipfile.ZipFile(demo_site / "download" / "whats-on-print.zip") as zf:
        names = zf.namelist()
    assert names and all(n.startswith("whats-on/print/") for n in names)
    assert any(n.endswith(".pdf") for n in names)
    home = (demo_site / "index.html").read_text()
    assert 'href="download/index.html"' in home and "whats-on-site.zip" not in home


def test_manifest_and_service_worker(demo_web):
    manifest = json.loads((demo_web / "manifest.webmanifest").read_text())
    assert manifest["start_url"] == "./index.html" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        assert (demo_web / icon["src"]).is_file()
    keep = json.loads(re.search(r"const KEEP = (\[.*?\]);", (demo_web / "sw.js").read_text()).group(1))
    for name in keep[2:]:
        assert (demo_web / name).is_file(), name
    assert "find/index.html" in keep and "assets/finder/start.js" in keep


def test_booklets_page_lists_the_pdfs_with_pages_and_dates(demo_site):
    html = (demo_site / "print" / "index.html").read_text()
    pdfs = sorted(p.relative_to(demo_site / "print").as_posix()
                  for p in (demo_site / "print").rglob("*.pdf"))
    assert pdfs, "no PDFs were built"
    for name in pdfs[:5]:
        assert f'href="../print/{name}"' in html
    assert re.search(r"\(PDF, \d+ pages?, [\d.]+ [KM]B, made on \d+ \w+ \d{4}\)", html)
    home = (demo_site / "index.html").read_text()
    assert re.search(r'href="print/[^"]+\.pdf">[^<]+</a> <span class="wo-small">\(PDF, \d+ pages, '
                     r"made on 22 November 2026\)", home)


HOSTILE = """\
organisation:
  name: <script>alert('org')</script> Group
  description: <img src=x onerror=alert(1)> hello
  website: https://evil.example.org/?q=%22%3E%3Cscript%3Ealert(2)%3C/script%3E
  phones:
    - number: 0151 496 0999
      description: <b onmouseover=alert(3)>Office</b>
activities:
  - id: hostile-activity
    name: <script>alert('name')</script>Hostile
    summary: <iframe src="javascript:alert(4)"></iframe> summary
    description: |
      [click me](javascript:alert(5)) <script>alert(6)</script>
      <a href="javascript:alert(7)">raw link</a> **bold**
    categories: [walking]
    audience:
      groups: ["<svg onload=alert(8)>"]
      eligibility: <style>body{display:none}</style>
    cost: {kind: free, description: "<script>alert(9)</script>"}
    how_to_go: {access: drop-in, how: "<img src=x onerror=alert(10)>"}
    first_visit: {notes: "<script>alert(11)</script>"}
    languages: ["<script>alert(12)</script>"]
    communication_support: <script>alert(13)</script>
    schedules:
      - {frequency: weekly, days: [monday], start: "10:00", end: "11:00", notes: "<script>alert(14)</script>"}
    where:
      venue:
        name: <script>alert(15)</script> Hall
        address: <img src=x onerror=alert(16)>, Liverpool
        postcode: L17 7AA
        area: aigburth
        accessibility_notes: <script>alert(17)</script>
        transport: {nearest_stop: "<script>alert(18)</script>", buses: ["82"], notes: "<b>x</b>"}
      details: <script>alert(19)</script>
    last_checked: 2026-10-01
    checked_by: <script>alert(20)</script>
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from generator.cli import main

    base = tmp_path_factory.mktemp("hostile")
    listings = base / "listings"
    listings.mkdir()
    shutil.copyfile(DEMO / "listings" / "venues.yml", listings / "venues.yml")
    (listings / "hostile.yml").write_text(HOSTILE, encoding="utf-8")
    out = base / "site"
    assert main(["site", "--out", str(out), "--listings", str(listings), "--config",
                 str(DEMO / "site_config"), "--today", "2026-11-22"]) == 0
    return out


def test_a_hostile_listing_cannot_inject_markup(hostile_site):
    pages = [hostile_site / "activities" / "hostile-activity" / "index.html",
             hostile_site / "organisations" / "hostile" / "index.html",
             hostile_site / "categories" / "walking" / "index.html",
             hostile_site / "a-z" / "index.html", hostile_site / "days" / "monday" / "index.html"]
    for page in pages:
        tags = parse(page)
        for tag, attrs in tags.tags:
            assert tag not in ("iframe", "style", "img"), (page, tag, attrs)
            assert not any(k.startswith("on") for k in attrs), (page, tag, attrs)
            for key in ("href", "src"):
                assert not (attrs.get(key) or "").strip().lower().startswith("javascript:"), (page, attrs)
        values = [v for _, attrs in tags.tags for k, v in attrs.items()
                  if not (k == "href" and (v or "").startswith("https://evil.example.org/?q=%22"))]
        assert "alert(" not in " ".join(str(v) for v in values)
        for script in re.findall(r"<script[^>]*>(.*?)</script>", page.read_text(), re.S):
            assert "alert" not in script, (page, script[:200])
    text = "".join(parse(pages[0]).text)
    assert "<script>alert('name')</script>Hostile" in text  # shown as text, not run
    assert "[click me](javascript:alert(5))" in text or "click me" in text
    docs = "".join(p.read_text() for p in (hostile_site / "assets" / "finder").rglob("*.js"))
    assert "</script>" not in docs.replace("<\\/script>", "") or "<script" not in docs.split("=", 1)[0]


def test_a_day_timetable_says_when_a_group_is_full_or_has_a_waiting_list(demo_site, demo):
    """As its card does: a patient choosing from Tuesday's timetable is not sent to a full group
    unawares."""
    from generator.site.views import entry_sessions
    from generator.words import people

    seen = 0
    for entry in demo.current():
        label = people.capacity_short(entry)
        for on, _ in entry_sessions(demo, entry) if label else ():
            for day_index in on:
                page = (demo_site / "days" / schedule.DAY_ORDER[day_index].value / "index.html")
                rows = [r for r in page.read_text(encoding="utf-8").split("<tr>")
                        if f'activities/{entry.id}/index.html"' in r]
                assert rows and all(f"<strong>{label}</strong>" in r for r in rows), (entry.id, page)
                seen += 1
    assert seen >= 3  # the demo has full and waiting-list groups on several days
