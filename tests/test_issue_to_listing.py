"""Saved issue-form bodies (as GitHub writes them) convert to the expected listing files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from generator import cli, issue_forms
from generator.directory import load, load_config
from generator.issue_to_listing import (
    LABELS,
    IssueProblem,
    activity_id_from,
    convert,
    parse_body,
    parse_date,
    pr_body,
)
from generator.listing_store import changed_lines
from tests.conftest import DEMO

ROOT = Path(__file__).resolve().parent.parent
ISSUES = ROOT / "tests" / "fixtures" / "issues"
TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
TODAY = dt.date(2026, 11, 22)

CASES = [
    ("add-fields", "new", "listings/garston-knit-and-natter.yml"),
    ("add-new-venue", "new", "listings/speke-money-matters.yml"),
    ("update-fields", "update", "listings/aigburth-walkers.yml"),
    ("stopped", "stopped", "listings/aigburth-walkers.yml"),
    ("update-from-form", "update", "listings/aigburth-walkers.yml"),  # sent by the web form
]
# An edit changes only the lines that say something new (old line, new line; "" for none), so
# the pull request shows just those, whatever else the demo's file holds.
CHANGED_LINES = {
    "update-fields": [
        ("    on_the_day_phone: 07700 900123", "    on_the_day_phone: 07700 900125"),
        ("        start: 10:00", "        start: 10:30"),
        ("        end: 11:30", "        end: 12:00"),
        ("    last_checked: 2026-09-14", "    last_checked: 2026-11-22"),  # the box was ticked
        ("", "    capacity: waiting-list"),
    ],
    "stopped": [("", "    status: ended")],  # last_checked stays: "it stopped" is not a check
    "update-from-form": [
        ("        start: 11:00", "        start: 10:30"),
        ("        end: 12:00", "        end: 11:30"),
        ("    last_checked: 2026-10-03", "    last_checked: 2026-11-22"),
    ],
}


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """A copy of the demo listings and settings, to write into."""
    shutil.copytree(DEMO / "listings", tmp_path / "listings")
    shutil.copytree(DEMO / "site_config", tmp_path / "site_config")
    return tmp_path


def _convert(name: str, kind: str, tree: Path):
    body = (ISSUES / f"{name}.md").read_text(encoding="utf-8")
    return convert(body, kind, tree / "listings", load_config(tree / "site_config"), TODAY)


@pytest.mark.parametrize(("name", "kind", "path"), CASES)
def test_saved_issue_converts_to_expected_file(tree, name, kind, path):
    result = _convert(name, kind, tree)
    assert result.path == tree / path
    if name in CHANGED_LINES:
        before = result.path.read_text(encoding="utf-8")
        assert [(old, new) for _, old, new in changed_lines(before, result.text)] == CHANGED_LINES[name]
    else:
        assert result.text == (ISSUES / "expected" / f"{name}.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "kind", "path"), CASES)
def test_converted_file_passes_validation(tree, name, kind, path):
    result = _convert(name, kind, tree)
    result.path.write_text(result.text, encoding="utf-8")
    loaded = load(tree / "listings", tree / "site_config", today=TODAY, only=[result.path],
                  enrich_transport=False)
    assert [str(p) for p in loaded.errors] == []


def test_stopped_changes_only_status(tree):
    before = yaml.safe_load((tree / "listings" / "aigburth-walkers.yml").read_text())
    result = _convert("stopped", "stopped", tree)
    after = yaml.safe_load(result.text)
    stroll_before, stroll_after = before["activities"][1], after["activities"][1]
    assert stroll_after.pop("status") == "ended"
    assert stroll_after == stroll_before  # last_checked too: "it stopped" is not a check
    assert after["activities"][0] == before["activities"][0]
    assert after["organisation"] == before["organisation"]
    assert "last_checked stays 2026-10-03: saying it stopped is not a check of the whole listing." in result.notes


def test_update_keeps_comments_and_notes_hand_changes(tree):
    result = _convert("update-fields", "update", tree)
    assert result.text.startswith("# yaml-language-server: $schema=../schema/listing.schema.json\n")
    assert result.notes == ["Also asked for, to do by hand: Please add that we now have a second walk leader."]
    body = pr_body(result, "update", 42)
    assert body.startswith("**Check before merging:**\n\n- ⚠ We do not know who sent this")
    assert f"Updates `{result.path.as_posix()}`, from #42.\n\nCloses #42\n" in body
    assert "- Also asked for, to do by hand:" in body


def test_unknown_activity_is_explained(tree):
    with pytest.raises(IssueProblem) as err:
        _convert("update-bad-id", "update", tree)
    assert str(err.value) == ('Which activity?: There is no activity "no-such-walk" in the directory. '
                              "Check the web address of its page.")


def test_missing_name_is_explained(tree):
    body = (ISSUES / "stopped.md").read_text().replace("Jean Example", "_No response_")
    with pytest.raises(IssueProblem) as err:
        convert(body, "stopped", tree / "listings", load_config(tree / "site_config"), TODAY)
    assert err.value.problems == ["Your name: Please give your name: we record who checked the details."]


def test_bad_price_and_date_are_explained():
    with pytest.raises(IssueProblem, match=r'^"31/02/2026" is not a date. Write it like 05/12/2026.$'):
        parse_date("31/02/2026")
    assert parse_date("5/12/26") == dt.date(2026, 12, 5)
    assert parse_date("2026-12-05") == dt.date(2026, 12, 5)
    assert parse_date("5th December 2026") == dt.date(2026, 12, 5)
    assert parse_date("5 Dec 2026") == dt.date(2026, 12, 5)


@pytest.mark.parametrize(("text", "expected"), [
    ("https://whats-on.example.org/activities/aigburth-tuesday-walk/", "aigburth-tuesday-walk"),
    ("https://whats-on.example.org/add/?activity=tea-dance", "tea-dance"),
    ("  tea-dance ", "tea-dance"),
])
def test_activity_id_from(text, expected):
    assert activity_id_from(text) == expected


def test_parse_body_reads_blanks_checkboxes_and_yaml():
    body = ("### Your name\n\nAl\n\n### Website\n\n_No response_\n\n### Not at a venue?\n\n"
            "- [X] Online\n- [ ] By phone\n- [x] Home visits\n\n### Listing file from the web form\n\n"
            "```yaml\norganisation:\n  name: A\n```\n")
    assert parse_body(body) == {"checked_by": "Al", "elsewhere": ["Online", "Home visits"],
                                "listing_yaml": "organisation:\n  name: A\n"}


def _template_fields():
    for path in sorted(TEMPLATES.glob("*.yml")):
        if path.name == "config.yml":
            continue
        for element in yaml.safe_load(path.read_text())["body"]:
            if element["type"] != "markdown":
                yield path.name, element


def test_every_template_label_is_understood():
    labels = {element["attributes"]["label"] for _, element in _template_fields()}
    assert labels == set(LABELS)
    for name, element in _template_fields():  # the id is the query-string key the web form fills
        assert LABELS[element["attributes"]["label"]] == element["id"], name


def test_templates_are_made_from_site_config():
    """The files in .github/ISSUE_TEMPLATE are exactly what `github-templates` writes from the
    repository's own settings (a coordinator's, once the demo is replaced)."""
    wanted = issue_forms.templates(load_config(ROOT / "site_config"))
    assert sorted(wanted) == sorted(p.name for p in TEMPLATES.glob("*.yml"))
    for name, text in wanted.items():
        assert (TEMPLATES / name).read_text() == text, f"{name}: run python -m generator github-templates"
    assert cli.main(["github-templates", "--check", "--config", str(ROOT / "site_config"),
                     "--out", str(TEMPLATES)]) == 0


def test_templates_follow_a_changed_site_config(tree, capsys):
    site = tree / "site_config" / "site.yml"
    site.write_text(site.read_text().replace("https://whats-on.example.org/", "https://wo.example.net/"))
    areas = tree / "site_config" / "areas.yml"
    areas.write_text(areas.read_text().replace("name: Speke,", "name: Speke and Hunts Cross,"))
    out = tree / "templates"
    assert cli.main(["github-templates", "--config", str(tree / "site_config"), "--out", str(out)]) == 0
    assert cli.main(["github-templates", "--config", str(tree / "site_config"), "--out", str(out),
                     "--check"]) == 0
    add = yaml.safe_load((out / "add-activity.yml").read_text())
    area = next(e for e in add["body"] if e.get("id") == "area")
    assert "Speke and Hunts Cross" in area["attributes"]["options"]
    assert yaml.safe_load((out / "config.yml").read_text())["contact_links"][0]["url"] == "https://wo.example.net/add/"
    (out / "config.yml").write_text("blank_issues_enabled: true\n")
    capsys.readouterr()
    assert cli.main(["github-templates", "--config", str(tree / "site_config"), "--out", str(out),
                     "--check"]) == 1
    assert "config.yml is out of date" in capsys.readouterr().err


def test_label_commands_cover_every_form(capsys):
    assert cli.main(["github-templates", "--labels"]) == 0
    out = capsys.readouterr().out
    for form in issue_forms.FORMS:
        assert f"gh label create '{form.label}' " in out
    assert "gh label create staleness " in out


def test_new_form_requires_the_facts_a_listing_needs():
    add = yaml.safe_load((TEMPLATES / "add-activity.yml").read_text())
    required = {e["id"] for e in add["body"] if e.get("validations", {}).get("required")}
    assert {"categories", "frequency", "cost", "access", "organisation", "activity", "checked_by"} <= required


def test_templates_apply_the_labels_the_workflow_listens_for():
    labels = {path.name: yaml.safe_load(path.read_text())["labels"] for path in TEMPLATES.glob("*.yml")
              if path.name != "config.yml"}
    assert labels == {"add-activity.yml": ["listing: new"], "update-listing.yml": ["listing: update"],
                      "activity-stopped.yml": ["listing: stopped"], "still-correct.yml": ["listing: checked"]}


def test_cli_writes_file_and_pr_body(tree, capsys):
    pr = tree / "pr.md"
    code = cli.main(["issue-to-listing", "--kind", "new", "--body-file", str(ISSUES / "add-fields.md"),
                     "--listings", str(tree / "listings"), "--config", str(tree / "site_config"),
                     "--today", "2026-11-22", "--issue", "7", "--pr-body", str(pr)])
    out = capsys.readouterr().out
    assert code == 0
    written = tree / "listings" / "garston-knit-and-natter.yml"
    assert out == written.as_posix() + "\n"
    assert written.read_text() == (ISSUES / "expected" / "add-fields.yml").read_text()
    assert pr.read_text() == (
        f"Adds `{written.as_posix()}`, from #7.\n\nCloses #7\n\n"
        "**Not written by the sender** (check or correct them):\n\n"
        "- id: wednesday-knit-and-natter (made from the activity's name)\n"
        "- last_checked: 2026-11-22 (the day the issue was converted)\n"
        "- capacity: open (not asked: the site says new people are welcome)\n"
        "- languages: English (not asked)\n")


def test_cli_failure_goes_to_stderr(tree, capsys):
    code = cli.main(["issue-to-listing", "--kind", "update", "--body-file", str(ISSUES / "update-bad-id.md"),
                     "--listings", str(tree / "listings"), "--config", str(tree / "site_config")])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert captured.err == 'Which activity?: There is no activity "no-such-walk" in the directory. ' \
                           "Check the web address of its page.\n"


ISSUE_FORM_SCHEMA = {  # the parts of GitHub's issue-form syntax these templates use
    "type": "object", "required": ["name", "description", "body"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string"}, "description": {"type": "string"}, "title": {"type": "string"},
        "labels": {"type": "array", "items": {"type": "string"}},
        "body": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["type", "attributes"], "additionalProperties": False,
            "properties": {
                "type": {"enum": ["markdown", "input", "textarea", "dropdown", "checkboxes"]},
                "id": {"type": "string", "pattern": "^[a-zA-Z0-9_-]+$"},
                "attributes": {"type": "object"},
                "validations": {"type": "object", "properties": {"required": {"type": "boolean"}},
                                "additionalProperties": False},
            }}},
    },
}


def test_issue_forms_follow_githubs_syntax():
    import jsonschema

    for path in sorted(TEMPLATES.glob("*.yml")):
        if path.name == "config.yml":
            continue
        form = yaml.safe_load(path.read_text())
        jsonschema.validate(form, ISSUE_FORM_SCHEMA)
        ids = [e["id"] for e in form["body"] if e["type"] != "markdown"]
        assert len(ids) == len(set(ids)), path.name
        for element in form["body"]:
            attrs = element["attributes"]
            if element["type"] == "markdown":
                assert "value" in attrs
            else:
                assert attrs["label"].strip(), path.name
            if element["type"] in ("dropdown", "checkboxes"):
                assert attrs["options"], (path.name, element["id"])


def test_issue_chooser_links_to_the_web_form():
    config = yaml.safe_load((TEMPLATES / "config.yml").read_text())
    site = load_config(DEMO / "site_config").site
    assert config["contact_links"][0]["url"] == site.url.rstrip("/") + "/add/"
