"""The web form in headless Chromium, driven with the keyboard only, as a volunteer would."""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
import subprocess
import sys
import urllib.parse
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from generator import listing_store as store
from generator import webform
from generator.directory import load_config
from generator.issue_to_listing import convert
from generator.model import Activity, Cost, HowToGo, Listing, Organisation, Schedule, Where
from generator.yaml_load import loads
from tests.conftest import DEMO

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def form_page(demo, tmp_path_factory) -> str:
    page = webform.write_standalone(demo, tmp_path_factory.mktemp("form"))
    return page.as_uri()


@pytest.fixture(scope="module")
def demo_files(demo) -> dict[str, Path]:
    """organisation id -> its listing file (wherever the demo fixture read it from)."""
    return {org.id: Path(org.source.file) for org in demo.organisations}


def _page(browser, viewport):
    context = browser.new_context(viewport=viewport)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    return context, pg, errors


@pytest.fixture()
def page(browser):
    context, pg, errors = _page(browser, {"width": 1100, "height": 900})
    yield pg
    context.close()
    assert errors == [], "JavaScript errors on the page"


@pytest.fixture()
def phone(browser):
    context, pg, errors = _page(browser, PHONE)
    yield pg
    context.close()
    assert errors == [], "JavaScript errors on the page"


def open_form(page, url: str, activity: str | None = None) -> None:
    page.goto(url + (f"?activity={activity}" if activity else ""))
    page.wait_for_selector("body[data-form-ready]")


# ---------------------------------------------------------------------------------------------
# Keyboard only: move with Tab, type, Space to tick, arrows for radios and lists, Enter to go on.


def active(page) -> dict:
    return page.evaluate("() => { const e = document.activeElement; "
                         "return {id: e.id, name: e.name || '', value: e.value || '', "
                         "cls: e.className || '', tag: e.tagName}; }")


def tab_to(page, test, limit: int = 200) -> None:
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


def step(page) -> str:
    return page.evaluate("WO.form.state.step")


def go_on(page, expected: str) -> None:
    """Enter in a field submits the step (Continue); from the step's heading, Tab to Continue
    first. Then the next step's heading has the focus."""
    if active(page)["tag"] in ("H2", "BODY", "SELECT", "TEXTAREA"):
        tab_to(page, lambda a: "wo-continue" in a["cls"])
    page.keyboard.press("Enter")
    assert step(page) == expected
    assert active(page)["id"] == f"step-{expected}-title"


def file_text(page) -> str:
    page.wait_for_selector("#wo-result:not([hidden])")
    assert step(page) == "check"
    return page.locator("#wo-yaml").text_content()


def line_of(text: str, line: str) -> int:
    return text.splitlines().index(line) + 1


def as_listing(text: str) -> Listing:
    return Listing.model_validate(loads(text).data)


def validate_file(tmp_path: Path, folder: Path, name: str, text: str) -> subprocess.CompletedProcess:
    listings = tmp_path / "listings"
    shutil.copytree(folder, listings)
    (listings / name).write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "generator", "validate", str(listings / name),
                           "--listings", str(listings), "--config", str(DEMO / "site_config")],
                          capture_output=True, text=True, cwd=ROOT)


# ---------------------------------------------------------------------------------------------
# A new group, from the first question to the file.


def fill_new_knit_and_natter(page, shots: Path | None = None) -> None:
    def shot(name: str) -> None:
        if shots:
            page.screenshot(path=str(shots / f"{name}.png"), full_page=True)

    shot("01-group")
    type_into(page, "f-org-name", "Garston Knit and Natter")
    go_on(page, "activity")
    shot("02-activity")
    type_into(page, "f-name", "Wednesday Knit and Natter")
    type_into(page, "f-summary", "Bring your knitting or learn from scratch, with tea and biscuits.")
    go_on(page, "kind")
    shot("03-kind")
    tick(page, "f-categories-befriending")
    tick(page, "f-categories-arts")
    go_on(page, "who")
    shot("04-who")
    go_on(page, "when")
    choose(page, "f-timed", "yes")
    choose(page, "s0-frequency", "fortnightly")
    tick(page, "s0-days-wednesday")
    type_into(page, "s0-start-date", "02/12/2026")
    type_into(page, "s0-start", "13:30")
    type_into(page, "s0-end", "25:00")
    shot("05-when")
    page.keyboard.press("Enter")  # Continue: the end time is wrong


def test_volunteer_fills_the_form_with_the_keyboard_fixes_errors_and_gets_valid_yaml(page, form_page, tmp_path,
                                                                                    demo_files):
    open_form(page, form_page)
    assert step(page) == "group"
    assert page.locator("#step-group-count").inner_text() == "Step 1 of 11"
    fill_new_knit_and_natter(page)

    assert step(page) == "when"  # not let through
    assert active(page)["id"] == "wo-error-summary"
    assert page.locator("#wo-error-summary-title").inner_text() == "There is a problem"
    assert page.locator("#wo-error-list li").all_inner_texts() == [
        "End time 25:00 is not a time. Write it like 14:30"]
    end = page.locator("#s0-end")
    assert end.get_attribute("aria-invalid") == "true"
    assert "s0-end-error" in end.get_attribute("aria-describedby").split()
    assert page.locator("#s0-end-error").text_content() == "Error: End time 25:00 is not a time. Write it like 14:30"

    # Follow the link in the summary with the keyboard: it lands in the field to fix.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert active(page)["id"] == "s0-end"
    page.keyboard.press("Control+A")
    page.keyboard.type("15:30")
    go_on(page, "where")
    assert page.locator("#s0-end").get_attribute("aria-invalid") is None
    assert not page.locator("#wo-error-summary").is_visible()
    choose(page, "f-where-kind", "list")
    pick(page, "f-venue", "garston-village-hall")
    go_on(page, "cost")
    choose(page, "f-cost-kind", "fixed")
    type_into(page, "f-amount", "2")
    go_on(page, "join")
    choose(page, "f-access", "drop-in")
    go_on(page, "first")
    go_on(page, "contact")
    type_into(page, "f-phone", "0151 496")
    page.keyboard.press("Enter")
    assert page.locator("#wo-error-list li").all_inner_texts() == [
        'Enter the phone number for this activity with the area code, like 0151 496 0123. '
        '"0151 496" is not a UK phone number']
    page.locator("#f-phone").fill("0151 496 0456")
    page.locator("#f-phone").press("Enter")
    assert step(page) == "you"
    type_into(page, "f-checked-by", "Mary Example")
    go_on(page, "check")

    text = file_text(page)
    assert not text.startswith("#")  # no yaml-language-server line for the volunteer
    assert as_listing(text) == expected_knit_and_natter(dt.date.today())
    done = validate_file(tmp_path, next(iter(demo_files.values())).parent, "garston-knit-and-natter.yml",
                         store.SCHEMA_LINE + text)
    assert done.returncode == 0, done.stdout + done.stderr
    assert page.locator("#wo-download").get_attribute("download") == "garston-knit-and-natter.yml"
    # The answers in plain words, each with a Change link back to its step.
    rows = page.locator(".wo-summary__row")
    assert "Name of the activityWednesday Knit and NatterChange" in rows.all_inner_texts()[1].replace("\n", "")
    summary = page.locator("#wo-summary").inner_text()
    for words in ("Every two weeks", "Wednesday", "Garston Village Hall", "A set price", "Just turn up (drop in)"):
        assert words in summary
    assert "frequency:" not in summary and "yaml-language-server" not in page.locator("#step-check").inner_text()
    assert not page.locator("#wo-yaml").is_visible()  # behind "Show the file"
    page.locator("#wo-file summary").click()
    assert page.locator("#wo-yaml").is_visible()


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


def test_required_questions_have_no_default_answers(page, form_page):
    """Kind of activity, set times, cost and how to join are asked, never assumed."""
    open_form(page, form_page)
    for name in ("f-categories", "f-timed", "f-cost-kind", "f-access"):
        assert page.locator(f'input[name="{name}"]:checked').count() == 0, name
    for step_name, message in (("kind", "Choose at least one kind of activity"),
                               ("when", "Choose whether it happens at set times"),
                               ("cost", "Choose what it costs"), ("join", "Choose how people join")):
        page.evaluate(f"WO.form.showStep('{step_name}')")
        page.locator(f"#step-{step_name} .wo-continue").click()
        assert step(page) == step_name
        assert page.locator("#wo-error-list li").all_inner_texts() == [message]


def test_each_field_is_checked_as_you_leave_it(page, form_page):
    open_form(page, form_page, "aigburth-tuesday-walk")
    page.locator("#wo-something-changed").click()
    page.evaluate("WO.form.showStep('contact')")
    type_into(page, "f-phone", "")
    page.keyboard.press("Control+A")
    page.keyboard.type("0151 496")
    page.keyboard.press("Tab")  # leave the field
    assert page.locator("#f-phone-error").is_visible()
    assert page.locator("#wo-error-summary").is_hidden()  # only the field says so, for now
    page.keyboard.press("Control+A")
    page.keyboard.type("0151")
    page.keyboard.press("Tab")
    phone_error = page.locator("#f-phone-error").text_content()
    day_error = page.locator("#f-on-the-day-phone-error").text_content()
    assert phone_error.startswith("Error: Enter the phone number for this activity")
    assert day_error.startswith("Error: Enter the number to ring on the day")
    assert phone_error.split(".")[0] != day_error.split(".")[0]
    page.locator("#f-phone").fill("0151 496 0123")
    page.locator("#f-phone").focus()
    page.keyboard.press("Tab")
    assert page.locator("#f-phone-error").is_hidden()
    assert page.locator("#f-phone").get_attribute("aria-invalid") is None
    # An empty required field is not called out just for being passed over.
    page.evaluate("WO.form.showStep('you')")
    tab_to(page, lambda a: a["id"] == "f-checked-by")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.press("Tab")
    assert page.locator("#f-checked-by-error").text_content() == "Error: Enter your name"


BAD_VALUES = {  # field -> a wrong answer
    "f-org-phone": "0151", "f-org-email": "a@b", "f-org-website": "example.org", "f-phone": "0151",
    "f-on-the-day-phone": "0151", "f-email": "a@b", "f-website": "example.org", "f-contact-email": "a@b",
    "f-min-age": "200", "f-max-age": "300", "f-amount": "lots", "f-concession-amount": "less",
    "s0-start": "25:00", "s0-end": "26:00", "s0-valid-from": "31/02/2027", "s0-valid-to": "32/02/2027",
    "f-venue-postcode": "L17",
}


def test_every_field_has_its_own_error_text(page, form_page):
    open_form(page, form_page)
    page.evaluate("""bad => {
        document.querySelector('#f-timed-yes').click();
        document.querySelector('#f-where-kind-new').click();
        document.querySelector('#f-cost-kind-concessions').click();
        for (const [id, value] of Object.entries(bad)) document.getElementById(id).value = value;
    }""", BAD_VALUES)
    problems = page.evaluate("WO.form.problems()")
    texts = {p["id"]: p["text"] for p in problems if p["id"] in BAD_VALUES}
    assert set(texts) == set(BAD_VALUES)
    assert len(set(texts.values())) == len(texts), texts
    assert texts["f-phone"] != texts["f-on-the-day-phone"] != texts["f-org-phone"]


def test_js_and_python_make_the_same_slug(page, form_page):
    open_form(page, form_page)
    for name in ("Tea & Cake Café", "St Anne’s Straße", "Ølsted  --  Søndergård", "Bumps & Babies (Speke)"):
        assert page.evaluate("n => WO.form.slug(n)", name) == store.slug(name), name


# ---------------------------------------------------------------------------------------------
# Updates: "Nothing has changed" first; a change is merged into the group's file.


@pytest.mark.parametrize("half", [0, 1])  # two tests of about 14 s each, for the two workers
def test_every_demo_activity_comes_back_unchanged(page, form_page, demo, demo_files, half):
    """Start from each existing activity, change nothing: merged into its file, no line changes."""
    for org in demo.organisations[half::2]:
        original = demo_files[org.id].read_text(encoding="utf-8")
        for entry in org.activities:
            open_form(page, form_page, entry.id)
            assert step(page) == "still"
            page.locator("#wo-something-changed").click()
            page.evaluate("WO.form.showStep('check')")
            text = file_text(page)
            sent = store.load(text)
            assert "maintainers" not in sent["organisation"], entry.id
            assert [a["id"] for a in sent["activities"]] == [entry.id]
            merged = store.merge_file(original, sent)
            assert (merged.changes, merged.text == original) == ([], True), entry.id
            assert page.locator("#wo-download").get_attribute("download") == f"{org.id}-changes.yml"
            assert page.locator("#wo-github-hint").inner_text() == (
                "If you have a GitHub account. It opens a form with your answers filled in."), entry.id


def test_nothing_has_changed_is_one_click_and_sets_only_the_date(page, form_page, demo_files):
    open_form(page, form_page, "aigburth-tuesday-walk")
    assert page.locator("#step-still-title").inner_text() == "Is everything still correct?"
    assert page.locator("#wo-still-note").inner_text().startswith(
        "These details were last checked on 14 September 2026 by Jean Example.")
    tab_to(page, lambda a: a["id"] == "wo-nothing-changed")
    page.keyboard.press("Enter")  # the one click
    text = file_text(page)
    assert page.locator("#wo-check-intro").inner_text().startswith(
        "You are telling us that every detail of Tuesday Health Walk is still correct today.")
    original = demo_files["aigburth-walkers"].read_text(encoding="utf-8")
    merged = store.merge_file(original, store.load(text))
    today = dt.date.today().isoformat()
    assert store.changed_lines(original, merged.text) == [
        (line_of(original, "    last_checked: 2026-09-14"), "    last_checked: 2026-09-14", f"    last_checked: {today}")]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(page.locator("#wo-send-email").get_attribute("href")).query)
    assert query["subject"] == ["Still correct: Tuesday Health Walk"]


def test_a_correction_is_one_line_and_keeps_the_date_unless_every_answer_is_confirmed(page, form_page, demo_files):
    open_form(page, form_page, "aigburth-tuesday-walk")
    assert page.locator("#wo-title").inner_text() == "Update: Tuesday Health Walk"
    page.locator("#wo-something-changed").click()
    page.evaluate("WO.form.showStep('contact')")
    page.locator("#f-on-the-day-phone").fill("07700 900125")
    page.evaluate("WO.form.showStep('you')")
    page.locator("#f-checked-by").fill("Sam Example")
    page.locator("#step-you .wo-continue").click()
    original = demo_files["aigburth-walkers"].read_text(encoding="utf-8")
    merged = store.merge_file(original, store.load(file_text(page)))
    assert store.changed_lines(original, merged.text) == [
        (line_of(original, "    on_the_day_phone: 07700 900123"), "    on_the_day_phone: 07700 900123",
         "    on_the_day_phone: 07700 900125")]
    assert page.locator("#wo-today-note").inner_text().startswith(
        "These details were last checked on 14 September 2026 by Jean Example. Tick the box")
    page.locator("#f-confirm").check()
    merged = store.merge_file(original, store.load(file_text(page)))
    assert [line[2] for line in store.changed_lines(original, merged.text)] == [
        "    on_the_day_phone: 07700 900125", f"    last_checked: {dt.date.today().isoformat()}",
        "    checked_by: Sam Example"]


def test_a_new_activity_for_a_group_with_a_listing_is_added_to_its_file(page, form_page, demo_files):
    open_form(page, form_page)
    page.locator("#f-org-name").fill("aigburth walkers")
    page.locator("#f-org-name").press("Enter")
    assert page.locator("#wo-known-group").inner_text().startswith("Aigburth Walkers already has a listing")
    page.locator("#f-name").fill("Nordic Walk")
    page.locator("#f-summary").fill("Walking with poles.")
    page.locator("#f-summary").press("Enter")
    page.locator("#f-categories-walking").check()
    page.locator("#step-kind .wo-continue").click()
    page.locator("#step-who .wo-continue").click()
    page.locator("#f-timed-no").check()
    page.locator("#step-when .wo-continue").click()
    page.locator("#f-where-kind-list").check()
    page.locator("#f-venue").select_option("st-annes-hall")
    page.locator("#step-where .wo-continue").click()
    page.locator("#f-cost-kind-free").check()
    page.locator("#step-cost .wo-continue").click()
    page.locator("#f-access-book").check()
    for name in ("join", "first", "contact"):
        page.locator(f"#step-{name} .wo-continue").click()
    page.locator("#f-checked-by").fill("Jean Example")
    page.locator("#f-contact-email").fill("jean@aigburth-walkers.example.org")
    page.locator("#step-you .wo-continue").click()
    text = file_text(page)
    assert page.locator("#wo-download").get_attribute("download") == "aigburth-walkers-changes.yml"
    original = demo_files["aigburth-walkers"].read_text(encoding="utf-8")
    sent = store.load(text)
    assert store.find_listing(demo_files["aigburth-walkers"].parent, sent) == demo_files["aigburth-walkers"]
    merged = store.merge_file(original, sent)
    assert merged.added == ["nordic-walk"] and merged.text.startswith(original)
    after = store.load(merged.text)
    assert [a["id"] for a in after["activities"]] == ["aigburth-tuesday-walk", "sefton-park-saturday-stroll",
                                                       "nordic-walk"]
    assert [m["github"] for m in after["organisation"]["maintainers"]] == ["jean-example"]  # kept, not doubled


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


def at(page, name: str) -> None:
    page.evaluate(f"WO.form.showStep('{name}')")


def _finish_knit_and_natter(page) -> None:
    page.locator("#s0-end").fill("15:30")
    at(page, "where")
    page.locator("#f-where-kind-list").check()
    page.locator("#f-venue").select_option("garston-village-hall")
    at(page, "cost")
    page.locator("#f-cost-kind-fixed").check()
    page.locator("#f-amount").fill("2")
    at(page, "join")
    page.locator("#f-access-drop-in").check()
    at(page, "contact")
    page.locator("#f-phone").fill("0151 496 0456")
    at(page, "you")
    page.locator("#f-checked-by").fill("Mary Example")
    at(page, "check")


def test_send_links_carry_the_listing_and_the_github_issue_converts_back(page, form_page, tmp_path, demo_files):
    open_form(page, form_page)
    fill_new_knit_and_natter(page)
    _finish_knit_and_natter(page)
    text = file_text(page)
    links = _links(page)

    assert urllib.parse.unquote(links["download"].split(",", 1)[1]) == text
    mail = urllib.parse.urlsplit(links["send-email"])
    assert mail.scheme == "mailto" and mail.path == "directory@whats-on.example.org"
    mail_query = urllib.parse.parse_qs(mail.query)
    assert mail_query["subject"] == ["New listing: Wednesday Knit and Natter"]
    assert mail_query["body"][0] == f"Please add this listing (file garston-knit-and-natter.yml):\n\n{text}"

    issue = urllib.parse.urlsplit(links["send-github"])
    assert (issue.netloc, issue.path) == ("github.com", "/example-org/whats-on/issues/new")
    query = {k: v[0] for k, v in urllib.parse.parse_qs(issue.query).items()}
    assert query["template"] == "add-activity.yml"
    assert query["title"] == "Add: Wednesday Knit and Natter"
    assert len(links["send-github"]) < 8000
    body = _issue_body(query["template"], query)
    shutil.copytree(demo_files["aigburth-walkers"].parent, tmp_path / "listings")
    result = convert(body, "new", tmp_path / "listings", load_config(DEMO / "site_config"), dt.date.today())
    assert result.path.name == "garston-knit-and-natter.yml"
    assert result.text == store.SCHEMA_LINE + text


def test_the_forms_email_merges_with_the_merge_command(page, form_page, tmp_path, demo_files):
    """The coordinator saves the e-mail the form wrote and runs `merge` on it."""
    from generator.cli import main

    open_form(page, form_page, "aigburth-tuesday-walk")
    page.locator("#wo-something-changed").click()
    page.locator("#f-org-website").fill("https://walkers.example.org")
    at(page, "you")
    page.locator("#f-checked-by").fill("Jean Example")
    at(page, "check")
    file_text(page)
    body = urllib.parse.parse_qs(urllib.parse.urlsplit(_links(page)["send-email"]).query)["body"][0]
    saved = tmp_path / "message.txt"
    saved.write_text(body, encoding="utf-8")
    listings = tmp_path / "listings"
    shutil.copytree(demo_files["aigburth-walkers"].parent, listings)
    assert main(["merge", str(saved), "--listings", str(listings), "--config", str(DEMO / "site_config")]) == 0
    after = (listings / "aigburth-walkers.yml").read_text(encoding="utf-8")
    original = demo_files["aigburth-walkers"].read_text(encoding="utf-8")
    old = "  website: https://aigburth-walkers.example.org"
    assert store.changed_lines(original, after) == [(line_of(original, old), old, "  website: https://walkers.example.org")]


def test_update_link_converts_back_to_the_same_file(page, form_page, tmp_path, demo_files):
    open_form(page, form_page, "aigburth-tuesday-walk")
    page.locator("#wo-something-changed").click()
    at(page, "contact")
    page.locator("#f-on-the-day-phone").fill("07700 900125")
    at(page, "you")
    page.locator("#f-checked-by").fill("Jean Example")
    at(page, "check")
    text = file_text(page)
    query = {k: v[0] for k, v in urllib.parse.parse_qs(
        urllib.parse.urlsplit(_links(page)["send-github"]).query).items()}
    assert query["template"] == "update-listing.yml"
    assert query["activity_id"] == "aigburth-tuesday-walk"
    assert [a["id"] for a in loads(query["listing_yaml"]).data["activities"]] == ["aigburth-tuesday-walk"]
    shutil.copytree(demo_files["aigburth-walkers"].parent, tmp_path / "listings")
    result = convert(_issue_body(query["template"], query), "update", tmp_path / "listings",
                     load_config(DEMO / "site_config"), dt.date.today())
    assert result.path.name == "aigburth-walkers.yml"
    original = demo_files["aigburth-walkers"].read_text(encoding="utf-8")
    assert store.merge_file(original, store.load(text)).text == result.text
    assert "on_the_day_phone: 07700 900125" in result.text


def test_unknown_activity_starts_a_new_listing(page, form_page):
    open_form(page, form_page, "no-such-activity")
    assert page.locator("#wo-mode").inner_text() == (
        "We could not find the activity no-such-activity. You can add it as a new activity below.")
    assert page.locator("#wo-title").inner_text() == "Add or update your activity"
    assert step(page) == "group"


def test_new_activity_with_a_name_already_taken_is_explained(page, form_page):
    open_form(page, form_page)
    page.evaluate("WO.form.showStep('activity')")
    page.locator("#f-name").fill("Bumps and Babies")
    page.locator("#f-summary").fill("Babies.")
    page.locator("#step-activity .wo-continue").click()
    assert page.locator("#wo-error-list li").all_inner_texts() == [
        "There is already an activity called Bumps and Babies. If it is yours, open its page and "
        "choose Update this activity. If not, give this one a different name"]


@pytest.mark.parametrize("state", ["first", "errors", "check", "still", "update-check"])
def test_form_has_no_axe_violations(page, form_page, state):
    open_form(page, form_page, "aigburth-tuesday-walk" if state in ("still", "update-check") else None)
    if state == "errors":
        page.locator("#step-group .wo-continue").click()
        page.wait_for_selector("#wo-error-summary:not([hidden])")
    if state == "check":
        open_form(page, form_page, "carers-cafe-allerton")
        page.locator("#wo-nothing-changed").click()
        page.wait_for_selector("#wo-result:not([hidden])")
    if state == "update-check":
        page.locator("#wo-something-changed").click()
        page.evaluate("WO.form.showStep('check')")
        page.wait_for_selector("#wo-result:not([hidden])")
        page.locator("#wo-file summary").click()
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


# ---------------------------------------------------------------------------------------------
# On a phone, with the keyboard only.


def _step_fits(page, name: str) -> None:
    height = page.evaluate(f"document.getElementById('step-{name}').getBoundingClientRect().height")
    assert height <= 2 * PHONE["height"], (name, height)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); "
                          "return [s.outlineStyle, s.boxShadow]; })()")
    assert page.evaluate("document.activeElement.id") == f"step-{name}-title"
    assert style  # the heading holds the focus, so a screen reader reads the new step first


def test_keyboard_only_walk_through_on_a_phone(phone, form_page, tmp_path, demo_files):
    """A new group at 390 px, Tab/Space/arrows/Enter only; every step at most two screens long.
    Screenshots of each step go to $FORM_SHOTS (if set) for a person to look at."""
    shots = Path(os.environ["FORM_SHOTS"]) if os.environ.get("FORM_SHOTS") else tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    page = phone
    open_form(page, form_page)
    fill_new_knit_and_natter(page, shots)
    page.screenshot(path=str(shots / "06-when-error.png"), full_page=True)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+A")
    page.keyboard.type("15:30")
    go_on(page, "where")
    choose(page, "f-where-kind", "list")
    pick(page, "f-venue", "garston-village-hall")
    page.screenshot(path=str(shots / "07-where.png"), full_page=True)
    go_on(page, "cost")
    _step_fits(page, "cost")
    choose(page, "f-cost-kind", "fixed")
    type_into(page, "f-amount", "2")
    page.screenshot(path=str(shots / "08-cost.png"), full_page=True)
    go_on(page, "join")
    _step_fits(page, "join")
    choose(page, "f-access", "drop-in")
    page.screenshot(path=str(shots / "09-join.png"), full_page=True)
    for name in ("first", "contact"):
        go_on(page, name)
        _step_fits(page, name)
    type_into(page, "f-phone", "0151 496 0456")
    type_into(page, "f-on-the-day-phone", "0151 496")
    page.keyboard.press("Tab")  # leaving the field checks it
    page.screenshot(path=str(shots / "10-contact-blur.png"), full_page=True)
    assert page.locator("#f-on-the-day-phone-error").is_visible()
    tab_to(page, lambda a: a["id"] == "f-on-the-day-phone")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    go_on(page, "you")
    _step_fits(page, "you")
    type_into(page, "f-checked-by", "Mary Example")
    page.screenshot(path=str(shots / "11-you.png"), full_page=True)
    go_on(page, "check")
    text = file_text(page)
    assert as_listing(text) == expected_knit_and_natter(dt.date.today())
    page.screenshot(path=str(shots / "12-check.png"), full_page=True)
    tab_to(page, lambda a: a["id"] == "wo-show-file")
    page.keyboard.press("Enter")
    assert page.locator("#wo-yaml").is_visible()
    tab_to(page, lambda a: a["id"] == "wo-copy")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('wo-copy-status').textContent !== ''")
    assert page.locator("#wo-copy-status").inner_text() in (
        "Copied. You can paste it into an e-mail.", "The file is selected: press Ctrl+C (or Cmd+C) to copy it.")
    page.screenshot(path=str(shots / "13-file.png"), full_page=True)
    # Back goes to the previous step, answers kept.
    tab_to(page, lambda a: a["id"] == "wo-back")
    page.keyboard.press("Enter")
    assert step(page) == "you" and page.locator("#f-checked-by").input_value() == "Mary Example"
    for name in ("group", "activity", "kind", "who", "when", "where"):
        page.evaluate(f"WO.form.showStep('{name}')")
        _step_fits(page, name)


def test_update_on_a_phone_starts_with_nothing_has_changed(phone, form_page, tmp_path):
    shots = Path(os.environ["FORM_SHOTS"]) if os.environ.get("FORM_SHOTS") else tmp_path
    open_form(phone, form_page, "aigburth-tuesday-walk")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=str(shots / "20-update-still.png"), full_page=True)
    box = phone.locator("#wo-nothing-changed").bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]  # on the first screen, no scrolling
    tab_to(phone, lambda a: a["id"] == "wo-nothing-changed")
    phone.keyboard.press("Enter")
    file_text(phone)
    phone.screenshot(path=str(shots / "21-update-check.png"), full_page=True)


def test_the_browsers_back_button_goes_back_a_step(page, form_page):
    open_form(page, form_page)
    page.locator("#f-org-name").fill("Garston Knit and Natter")
    page.locator("#f-org-name").press("Enter")
    assert step(page) == "activity"
    page.go_back()
    page.wait_for_function("WO.form.state.step === 'group'")
    assert page.locator("#f-org-name").input_value() == "Garston Knit and Natter"
    assert page.locator("#step-group").is_visible() and page.locator("#step-activity").is_hidden()
