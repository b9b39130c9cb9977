"""The web form in headless Chromium, driven with the keyboard only, as a volunteer would."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import subprocess
import sys
import urllib.parse
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from generator import webform
from generator.directory import load_config
from generator.issue_to_listing import convert
from generator.model import Activity, Cost, HowToGo, Listing, Organisation, Schedule, Where
from generator.yaml_load import loads

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"


@pytest.fixture(scope="module")
def form_page(demo, tmp_path_factory) -> str:
    page = webform.write_standalone(demo, tmp_path_factory.mktemp("form"))
    return page.as_uri()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert errors == [], "JavaScript errors on the page"


def open_form(page, url: str, activity: str | None = None) -> None:
    page.goto(url + (f"?activity={activity}" if activity else ""))
    page.wait_for_selector("body[data-form-ready]")


# ---------------------------------------------------------------------------------------------
# Keyboard only: move with Tab, type, Space to tick, arrows for radios and lists.


def active(page) -> dict:
    return page.evaluate("() => { const e = document.activeElement; "
                         "return {id: e.id, name: e.name || '', value: e.value || ''}; }")


def tab_to(page, test, limit: int = 400) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if test(active(page)):
            return
    raise AssertionError("could not reach the field with the Tab key")


def type_into(page, field_id: str, text: str) -> None:
    tab_to(page, lambda a: a["id"] == field_id)
    page.keyboard.type(text)


def tick(page, field_id: str) -> None:
    tab_to(page, lambda a: a["id"] == field_id)
    page.keyboard.press("Space")


def choose(page, name: str, value: str) -> None:
    """Radios: Tab stops once on the group; arrow keys move and select."""
    tab_to(page, lambda a: a["name"] == name)
    for _ in range(8):
        if active(page)["value"] == value:
            break
        page.keyboard.press("ArrowDown")
    assert active(page)["value"] == value
    if not page.evaluate("document.activeElement.checked"):
        page.keyboard.press("Space")


def pick(page, field_id: str, value: str) -> None:
    """A closed <select>: arrow down until the option is chosen."""
    tab_to(page, lambda a: a["id"] == field_id)
    for _ in range(60):
        if page.evaluate("document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"option {value} not reached")


def yaml_text(page) -> str:
    page.wait_for_selector("#wo-result:not([hidden])")
    return page.locator("#wo-yaml").inner_text()


def as_listing(text: str) -> Listing:
    return Listing.model_validate(loads(text).data)


def validate_file(tmp_path: Path, name: str, text: str) -> subprocess.CompletedProcess:
    listings = tmp_path / "listings"
    shutil.copytree(ROOT / "listings", listings)
    (listings / name).write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "generator", "validate", str(listings / name),
                           "--listings", str(listings), "--config", str(ROOT / "site_config")],
                          capture_output=True, text=True, cwd=ROOT)


# ---------------------------------------------------------------------------------------------


def fill_new_knit_and_natter(page) -> None:
    type_into(page, "f-org-name", "Garston Knit and Natter")
    type_into(page, "f-name", "Wednesday Knit and Natter")
    type_into(page, "f-summary", "Bring your knitting or learn from scratch, with tea and biscuits.")
    tick(page, "f-categories-befriending")
    tick(page, "f-categories-arts")
    choose(page, "s0-frequency", "fortnightly")
    tick(page, "s0-days-wednesday")
    type_into(page, "s0-start-date", "02/12/2026")
    type_into(page, "s0-start", "13:30")
    type_into(page, "s0-end", "25:00")
    choose(page, "f-where-kind", "list")
    pick(page, "f-venue", "garston-village-hall")
    choose(page, "f-cost-kind", "fixed")
    type_into(page, "f-amount", "2")
    choose(page, "f-access", "drop-in")
    type_into(page, "f-phone", "0151 496")
    type_into(page, "f-checked-by", "Mary Example")
    page.keyboard.press("Enter")  # submits the form: "Check my answers"


def expected_knit_and_natter(today: dt.date) -> Listing:
    return Listing(
        organisation=Organisation(name="Garston Knit and Natter"),
        activities=[Activity(
            id="wednesday-knit-and-natter", name="Wednesday Knit and Natter",
            summary="Bring your knitting or learn from scratch, with tea and biscuits.",
            categories=["befriending", "arts"], cost=Cost(kind="fixed", amount=Decimal("2")),
            how_to_go=HowToGo(access="drop-in"), phone="0151 496 0456",
            schedules=[Schedule(frequency="fortnightly", days=["wednesday"], start_date=dt.date(2026, 12, 2),
                                start="13:30", end="15:30")],
            where=Where(venue="garston-village-hall"), last_checked=today, checked_by="Mary Example",
        )],
    )


def test_volunteer_fills_the_form_with_the_keyboard_fixes_errors_and_gets_valid_yaml(page, form_page, tmp_path):
    open_form(page, form_page)
    fill_new_knit_and_natter(page)

    summary = page.locator("#wo-error-summary")
    assert summary.is_visible()
    assert active(page)["id"] == "wo-error-summary"
    assert page.locator("#wo-error-summary-title").inner_text() == "There are 2 problems"
    assert page.locator("#wo-error-list li").all_inner_texts() == [
        "End time 25:00 is not a time. Write it like 14:30",
        '"0151 496" is not a UK phone number. Write it with the area code, like 0151 496 0123',
    ]
    end = page.locator("#s0-end")
    assert end.get_attribute("aria-invalid") == "true"
    assert "s0-end-error" in end.get_attribute("aria-describedby").split()
    assert page.locator("#s0-end-error").text_content() == "Error: End time 25:00 is not a time. Write it like 14:30"

    # Follow the first link in the summary with the keyboard: it lands in the field to fix.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert active(page)["id"] == "s0-end"
    page.keyboard.press("Control+A")
    page.keyboard.type("15:30")
    type_into(page, "f-phone", "")
    page.keyboard.press("Control+A")
    page.keyboard.type("0151 496 0456")
    page.keyboard.press("Enter")

    text = yaml_text(page)
    assert not page.locator("#wo-error-summary").is_visible()
    assert page.locator("#s0-end").get_attribute("aria-invalid") is None
    assert as_listing(text) == expected_knit_and_natter(dt.date.today())
    done = validate_file(tmp_path, "garston-knit-and-natter.yml", text)
    assert done.returncode == 0, done.stdout + done.stderr
    assert page.locator("#wo-download").get_attribute("download") == "garston-knit-and-natter.yml"


def test_every_demo_activity_comes_back_unchanged(page, form_page, demo):
    """Start from each existing activity, change nothing: the same listing comes back."""
    for org in demo.organisations:
        original = Listing(organisation=org.organisation, activities=[e.activity for e in org.activities])
        for entry in org.activities:
            open_form(page, form_page, entry.id)
            page.locator("#wo-check").press("Enter")
            text = yaml_text(page)
            assert as_listing(text) == original, entry.id
            assert page.locator("#wo-download").get_attribute("download") == f"{org.id}.yml"
            assert page.locator("#wo-github-hint").inner_text() == (
                "If you have a GitHub account. It opens a form with your listing filled in."), entry.id


def test_a_correction_is_a_small_edit(page, form_page, demo):
    open_form(page, form_page, "aigburth-tuesday-walk")
    assert page.locator("#wo-title").inner_text() == "Update: Tuesday Health Walk"
    assert page.locator("#wo-today-note").inner_text().startswith(
        "These details were last checked on 14 September 2026 by Jean Example. If you change anything, "
        "or tick the box below, we record today's date, ")
    type_into(page, "f-on-the-day-phone", "")
    page.keyboard.press("Control+A")
    page.keyboard.type("07700 900125")
    page.keyboard.press("Enter")
    after = as_listing(yaml_text(page))
    org = next(o for o in demo.organisations if o.id == "aigburth-walkers")
    before = Listing(organisation=org.organisation, activities=[e.activity for e in org.activities])
    walk = before.activities[0].model_copy(update={
        "on_the_day_phone": "07700 900125", "last_checked": dt.date.today()})
    assert after == before.model_copy(update={"activities": [walk, before.activities[1]]})


def test_ticking_still_correct_sets_only_the_date(page, form_page, demo):
    open_form(page, form_page, "aigburth-tuesday-walk")
    tick(page, "f-confirm")
    page.keyboard.press("Enter")
    after = loads(yaml_text(page)).data
    before = loads((ROOT / "listings" / "aigburth-walkers.yml").read_text()).data
    assert after["activities"][0]["last_checked"] == dt.date.today().isoformat()
    after["activities"][0]["last_checked"] = before["activities"][0]["last_checked"]
    assert Listing.model_validate(after) == Listing.model_validate(before)


def _issue_body(template: str, query: dict[str, str]) -> str:
    """What GitHub writes when an issue form is submitted with these pre-filled answers."""
    form = yaml.safe_load((TEMPLATES / template).read_text())
    parts = []
    for element in form["body"]:
        if element["type"] == "markdown":
            continue
        attrs = element["attributes"]
        value = query.get(element["id"], "")
        if element["type"] == "checkboxes":
            text = "\n".join(f"- [ ] {o['label']}" for o in attrs["options"])
        elif value and attrs.get("render"):
            text = f"```{attrs['render']}\n{value}\n```"
        else:
            text = value or "_No response_"
        parts.append(f"### {attrs['label']}\n\n{text}")
    return "\n\n".join(parts) + "\n"


def _links(page) -> dict[str, str]:
    return {name: page.locator(f"#wo-{name}").get_attribute("href")
            for name in ("send-github", "send-email", "download")}


def test_send_links_carry_the_listing_and_the_github_issue_converts_back(page, form_page, tmp_path):
    open_form(page, form_page)
    fill_new_knit_and_natter(page)
    page.locator("#s0-end").fill("15:30")
    page.locator("#f-phone").fill("0151 496 0456")
    page.locator("#wo-check").press("Enter")
    text = yaml_text(page)
    links = _links(page)

    assert urllib.parse.unquote(links["download"].split(",", 1)[1]) == text
    mail = urllib.parse.urlsplit(links["send-email"])
    assert mail.scheme == "mailto" and mail.path == "directory@whats-on.example.org"
    mail_query = urllib.parse.parse_qs(mail.query)
    assert mail_query["subject"] == ["New listing: Wednesday Knit and Natter"]
    assert mail_query["body"][0].endswith(text)

    issue = urllib.parse.urlsplit(links["send-github"])
    assert (issue.netloc, issue.path) == ("github.com", "/example-org/whats-on/issues/new")
    query = {k: v[0] for k, v in urllib.parse.parse_qs(issue.query).items()}
    assert query["template"] == "add-activity.yml"
    assert query["title"] == "Add: Wednesday Knit and Natter"
    assert len(links["send-github"]) < 8000
    body = _issue_body(query["template"], query)
    shutil.copytree(ROOT / "listings", tmp_path / "listings")
    result = convert(body, "new", tmp_path / "listings", load_config(ROOT / "site_config"), dt.date.today())
    assert result.path.name == "garston-knit-and-natter.yml"
    assert result.text == text


def test_update_link_converts_back_to_the_same_file(page, form_page, tmp_path):
    open_form(page, form_page, "aigburth-tuesday-walk")
    page.locator("#f-on-the-day-phone").fill("07700 900125")
    page.locator("#wo-check").press("Enter")
    text = yaml_text(page)
    query = {k: v[0] for k, v in urllib.parse.parse_qs(
        urllib.parse.urlsplit(_links(page)["send-github"]).query).items()}
    assert query["template"] == "update-listing.yml"
    assert query["activity_id"] == "aigburth-tuesday-walk"
    # The link carries only the organisation and the activity changed, to stay short.
    assert [a["id"] for a in loads(query["listing_yaml"]).data["activities"]] == ["aigburth-tuesday-walk"]
    shutil.copytree(ROOT / "listings", tmp_path / "listings")
    result = convert(_issue_body(query["template"], query), "update", tmp_path / "listings",
                     load_config(ROOT / "site_config"), dt.date.today())
    assert result.path.name == "aigburth-walkers.yml"
    assert as_listing(result.text) == as_listing(text)
    result.path.write_text(result.text)
    before = (ROOT / "listings" / "aigburth-walkers.yml").read_text().splitlines()
    changed = [line for line in result.text.splitlines() if line not in before]
    assert changed == ["    on_the_day_phone: 07700 900125", f"    last_checked: {dt.date.today().isoformat()}"]


def test_unknown_activity_starts_a_new_listing(page, form_page):
    open_form(page, form_page, "no-such-activity")
    assert page.locator("#wo-mode").inner_text() == (
        "We could not find the activity no-such-activity. You can add it as a new activity below.")
    assert page.locator("#wo-title").inner_text() == "Add or update your activity"


def test_new_activity_with_a_name_already_taken_is_explained(page, form_page):
    open_form(page, form_page)
    page.locator("#f-name").fill("Bumps and Babies")
    page.locator("#wo-check").click()
    assert ("There is already an activity called Bumps and Babies. If it is yours, open its page and "
            "choose Update this activity. If not, give this one a different name"
            ) in page.locator("#wo-error-list li").all_inner_texts()


@pytest.mark.parametrize("state", ["empty", "errors", "result", "update"])
def test_form_has_no_axe_violations(page, form_page, state):
    open_form(page, form_page, "aigburth-tuesday-walk" if state == "update" else None)
    if state == "errors":
        page.locator("#wo-check").click()
        page.wait_for_selector("#wo-error-summary:not([hidden])")
    if state in ("result", "update"):
        if state == "result":
            open_form(page, form_page, "carers-cafe-allerton")
        page.locator("#wo-check").click()
        page.wait_for_selector("#wo-result:not([hidden])")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


# ---------------------------------------------------------------------------------------------
# The browser's checks agree with the Python model: what one refuses, the other refuses.

BASE = {
    "organisation": {"name": "Test Group"},
    "activities": [{
        "id": "test-walk", "name": "Test Walk", "summary": "A walk.", "categories": ["walking"],
        "cost": {"kind": "free"}, "how_to_go": {"access": "drop-in"},
        "schedules": [{"frequency": "weekly", "days": ["tuesday"], "start": "10:00", "end": "11:00"}],
        "where": {"venue": "st-annes-hall"}, "last_checked": "2026-11-01", "checked_by": "Al",
    }],
}

CHANGES = [
    ("phone", "0151 496 0123", True), ("phone", "0151 496", False), ("phone", "+44 7700 900123", True),
    ("phone", "01514960123x", False), ("email", "a@example.org", True), ("email", "a@b", False),
    ("website", "https://example.org/x", True), ("website", "example.org", False),
    ("summary", "x" * 141, False), ("categories", [], False),
    ("where", {"venue": {"name": "Hall", "address": "1 Road", "postcode": "l17 7aa", "area": "aigburth"}}, True),
    ("where", {"venue": {"name": "Hall", "address": "1 Road", "postcode": "L17", "area": "aigburth"}}, False),
    ("where", {}, False), ("where", {"online": True}, True),
    ("cost", {"kind": "fixed"}, False), ("cost", {"kind": "fixed", "amount": 3.5}, True),
    ("cost", {"kind": "concessions", "amount": 3}, False),
    ("audience", {"min_age": 60, "max_age": 18}, False), ("audience", {"min_age": 121}, False),
    ("schedules", [{"frequency": "weekly", "days": ["tuesday"], "start": "25:00", "end": "26:00"}], False),
    ("schedules", [{"frequency": "weekly", "days": ["tuesday"], "start": "9.30", "end": "11:00"}], True),
    ("schedules", [{"frequency": "weekly", "days": ["tuesday"], "start": "11:00", "end": "10:00"}], False),
    ("schedules", [{"frequency": "weekly", "days": [], "start": "10:00", "end": "11:00"}], False),
    ("schedules", [{"frequency": "fortnightly", "days": ["wednesday"], "start_date": "2026-12-02",
                    "start": "10:00", "end": "11:00"}], True),
    ("schedules", [{"frequency": "fortnightly", "days": ["tuesday"], "start_date": "2026-12-02",
                    "start": "10:00", "end": "11:00"}], False),
    ("schedules", [{"frequency": "monthly", "days": ["tuesday"], "weeks": ["first"], "start": "10:00",
                    "end": "11:00"}], True),
    ("schedules", [{"frequency": "monthly", "days": ["tuesday"], "start": "10:00", "end": "11:00"}], False),
    ("schedules", [{"frequency": "monthly", "day_of_month": 32, "start": "10:00", "end": "11:00"}], False),
    ("schedules", [{"frequency": "once", "dates": ["2026-12-05"], "start": "10:00", "end": "11:00"}], True),
    ("schedules", [{"frequency": "once", "dates": ["2026-02-30"], "start": "10:00", "end": "11:00"}], False),
    ("schedules", [{"frequency": "once", "dates": [], "start": "10:00", "end": "11:00"}], False),
    ("schedules", [{"frequency": "daily", "days": ["tuesday"], "start": "10:00", "end": "11:00"}], False),
    ("last_checked", "22/11/2026", False), ("id", "Test Walk", False), ("colour", "red", False),
]


def test_browser_and_python_agree_on_what_is_valid(page, form_page):
    open_form(page, form_page)
    disagree = []
    for key, value, valid in CHANGES:
        listing = copy.deepcopy(BASE)
        listing["activities"][0][key] = value
        try:
            Listing.model_validate(listing)
            python_ok = True
        except ValueError:
            python_ok = False
        browser_ok = page.evaluate(
            "l => WO.checkSchema(WHATSON_SCHEMA, l).concat(WO.checkRules(l)).length === 0", listing)
        if not (python_ok == browser_ok == valid):
            disagree.append((key, value, {"python": python_ok, "browser": browser_ok, "expected": valid}))
    assert disagree == []


def test_focus_is_visible_and_nothing_scrolls_sideways_on_a_phone(browser, form_page):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    open_form(page, form_page, "aigburth-tuesday-walk")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for field_id in ("f-org-name", "f-description", "f-categories-walking", "f-venue", "wo-check"):
        tab_to(page, lambda a, f=field_id: a["id"] == f)
        style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); "
                              "return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()")
        assert style[0] != "none" and style[1] != "0px" or style[2] != "none", (field_id, style)
    page.locator("#wo-check").press("Enter")
    page.wait_for_selector("#wo-result:not([hidden])")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
