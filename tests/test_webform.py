"""The web form's files, and the form inside the real built site (mkdocs-material)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from generator import webform

ROOT = Path(__file__).resolve().parent.parent


def _js_value(path: Path, name: str) -> object:
    text = path.read_text(encoding="utf-8")
    prefix = f"window.{name} = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix):-2])


@pytest.fixture(scope="module")
def docs(demo, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    webform.write(demo, out)
    return out


def test_write_puts_the_page_and_its_files_under_add(docs, demo):
    add = docs / "add"
    assert sorted(p.name for p in add.iterdir()) == sorted(
        ["index.md", "form.css", "form.js", "validate.js", "yaml.js", "listing-schema.js", "form-data.js",
         "listings"])
    page = (add / "index.md").read_text()
    assert page.startswith("---\ntitle: Add or update your activity\n---\n")
    for script in ("listing-schema.js", "form-data.js", "validate.js", "yaml.js", "form.js"):
        assert f'<script src="{script}"></script>' in page
    assert _js_value(add / "listing-schema.js", "WHATSON_SCHEMA") == json.loads(
        (ROOT / "schema" / "listing.schema.json").read_text())
    data = _js_value(add / "form-data.js", "WHATSON_FORM")
    assert data["site"]["github_repository"] == "example-org/whats-on"
    assert data["site"]["email"] == "directory@whats-on.example.org"
    assert {v["id"] for v in data["venues"]} == set(demo.venues)
    assert data["activity_ids"] == sorted(e.id for e in demo.activities)


def test_one_small_file_per_activity_holds_its_group_and_that_activity(docs, demo):
    files = sorted(p.stem for p in (docs / "add" / "listings").glob("*.js"))
    assert files == sorted(e.id for e in demo.activities)
    walk = _js_value(docs / "add" / "listings" / "aigburth-tuesday-walk.js", "WHATSON_LISTING")
    assert walk["file"] == "aigburth-walkers.yml"
    assert walk["activity"] == "aigburth-tuesday-walk"
    assert [a["id"] for a in walk["listing"]["activities"]] == ["aigburth-tuesday-walk"]
    assert walk["listing"]["organisation"]["website"] == "https://aigburth-walkers.example.org"
    assert "languages" in walk["listing"]["activities"][0]  # written in the file
    stroll = _js_value(docs / "add" / "listings" / "sefton-park-saturday-stroll.js", "WHATSON_LISTING")
    assert "languages" not in stroll["listing"]["activities"][0]  # not written: left to the default


def test_no_maintainer_is_in_any_file_of_the_form(docs, demo):
    """Names, e-mails and GitHub handles of maintainers are private: the prefill files are public."""
    people = [m for org in demo.organisations for m in org.organisation.maintainers]
    assert len(people) > 20
    public_names = {e.activity.checked_by for e in demo.activities} | {
        p.description for org in demo.organisations for p in org.organisation.phones if p.description}
    text = "\n".join(p.read_text(encoding="utf-8") for p in (docs / "add").rglob("*") if p.is_file())
    prefill = "\n".join(p.read_text(encoding="utf-8") for p in (docs / "add" / "listings").glob("*.js"))
    assert '"maintainers"' not in prefill
    # A few groups publish the same address as their own contact (hello@…): that one is public.
    published = " ".join(str(v) for org in demo.organisations for v in
                         [org.organisation.email, org.organisation.website]
                         + [x for e in org.activities for x in (e.activity.email, e.activity.website)] if v)
    private = [v for m in people for v in (m.email, m.github) if v and v not in published]
    assert len(private) > 20
    leaks = [value for value in private if value in text]
    leaks += [m.name for m in people if m.name and m.name not in public_names and m.name in text]
    assert leaks == []
    data = _js_value(docs / "add" / "form-data.js", "WHATSON_FORM")
    assert {"id": "aigburth-walkers", "name": "Aigburth Walkers"} in data["organisations"]


def test_script_data_cannot_close_a_script_element():
    assert webform._js("X", {"name": "a</script><b>"}) == 'window.X = {"name":"a<\\/script><b>"};\n'


def test_a_schema_keyword_the_browser_cannot_check_stops_the_build(tmp_path):
    schema = json.loads((ROOT / "schema" / "listing.schema.json").read_text())
    schema["$defs"]["Cost"]["if"] = {"properties": {"kind": {"const": "fixed"}}}
    path = tmp_path / "listing.schema.json"
    path.write_text(json.dumps(schema))
    with pytest.raises(webform.FormError) as err:
        webform.load_schema(path)
    assert str(err.value) == ("The form's browser check does not know the schema keyword(s) if: "
                              "add them to templates/form/validate.js.")
    with pytest.raises(webform.FormError, match="is missing: run `python -m generator schema` first."):
        webform.load_schema(tmp_path / "nope.json")


def test_the_real_schema_uses_only_supported_keywords():
    used = webform.schema_keywords(json.loads((ROOT / "schema" / "listing.schema.json").read_text()))
    assert used - webform.ANNOTATIONS <= webform.SUPPORTED_KEYWORDS
    assert {"pattern", "anyOf", "$ref", "additionalProperties"} <= used


# ---------------------------------------------------------------------------------------------
# Inside the real site


@pytest.fixture(scope="module")
def site(demo_web) -> Path:
    """The demo's site as `python -m generator site` builds it (the session's one build)."""
    return demo_web


@pytest.mark.slow
@pytest.mark.browser
def test_form_works_inside_the_built_site_and_from_an_activity_page(site, browser):
    page_html = (site / "add" / "index.html").read_text()
    assert 'id="wo-form"' in page_html and '<script src="form.js"></script>' in page_html
    activity = (site / "activities" / "aigburth-tuesday-walk" / "index.html").read_text()
    assert 'href="../../add/index.html?activity=aigburth-tuesday-walk"' in activity

    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / "activities" / "aigburth-tuesday-walk" / "index.html").as_uri())
    page.get_by_role("link", name="Update this activity").press("Enter")
    page.wait_for_selector("body[data-form-ready='update']")
    assert page.locator("#wo-title").inner_text() == "Update: Tuesday Health Walk"
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.locator("#wo-nothing-changed").press("Enter")
    page.wait_for_selector("#wo-result:not([hidden])")
    assert page.locator("#wo-download").get_attribute("download") == "aigburth-walkers-changes.yml"
    page.locator("#wo-back").press("Enter")
    page.locator("#wo-something-changed").press("Enter")
    assert page.locator("#f-on-the-day-phone").input_value() == "07700 900123"
    page.close()
    assert errors == []
