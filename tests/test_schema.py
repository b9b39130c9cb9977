"""schema/*.json: current with the models, standard JSON Schema 2020-12, agreeing with validate on
the demo (accepted) and on the broken corpus (the shape mistakes are rejected in an editor or a
browser too)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

from generator.cli import main
from generator.schema_export import schemas
from generator.yaml_load import load_file
from tests.conftest import DEMO

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema"
NAMES = ["listing.schema.json", "venues.schema.json", "site.schema.json", "categories.schema.json",
         "areas.schema.json", "editions.schema.json", "places.schema.json", "term_dates.schema.json",
         "synonyms.schema.json"]


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((SCHEMA / name).read_text()),
                                           format_checker=jsonschema.FormatChecker())


def test_schema_files_are_up_to_date(capsys):
    assert main(["schema", "--check", "--out", str(SCHEMA)]) == 0, "run: python -m generator schema"
    assert capsys.readouterr().err == "All 9 schema files are up to date.\n"


def test_check_fails_when_a_file_is_out_of_date(tmp_path, capsys):
    shutil.copytree(SCHEMA, tmp_path / "schema")
    (tmp_path / "schema" / "areas.schema.json").write_text("{}\n")
    (tmp_path / "schema" / "places.schema.json").unlink()
    assert main(["schema", "--check", "--out", str(tmp_path / "schema")]) == 1
    assert capsys.readouterr().err.replace(str(tmp_path), "T").splitlines() == [
        "T/schema/areas.schema.json: out of date. Run: python -m generator schema",
        "T/schema/places.schema.json: out of date. Run: python -m generator schema",
    ]
    assert main(["schema", "--out", str(tmp_path / "schema")]) == 0
    assert main(["schema", "--check", "--out", str(tmp_path / "schema")]) == 0


def test_every_file_is_written():
    assert sorted(schemas()) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_standard_2020_12_with_titles(name):
    schema = json.loads((SCHEMA / name).read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] and schema["$id"] == name


# Escapes an ECMAScript regular expression accepts with the "u" flag (Ajv's default).
_JS_ESCAPES = set("dDwWsSbB.\\/^$*+?()[]{}|-nrtfv")


def _patterns(node):
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


@pytest.mark.parametrize("name", NAMES)
def test_patterns_work_in_a_browser(name):
    for pattern in _patterns(json.loads((SCHEMA / name).read_text())):
        re.compile(pattern)
        escapes = set(re.findall(r"\\(.)", pattern.replace("\\\\", "")))
        assert escapes <= _JS_ESCAPES, (pattern, escapes - _JS_ESCAPES)
        assert "(?P<" not in pattern and "(?i" not in pattern


def test_editor_friendly_details():
    listing = json.loads((SCHEMA / "listing.schema.json").read_text())
    defs = listing["$defs"]
    start = defs["Schedule"]["properties"]["start"]
    assert start["pattern"] == "^([01]?[0-9]|2[0-3])[:.][0-5][0-9]$" and start["examples"] == ["10:00", "14:30"]
    assert start["description"] == "Start time, 24-hour, e.g. `10:00`."
    assert "monday" in defs["Day"]["enum"] and "Monday" in defs["Day"]["enum"]
    assert defs["CostKind"]["enum"] == ["free", "fixed", "concessions", "pay-what-you-can"]
    checked = defs["Activity"]["properties"]["last_checked"]
    assert checked["format"] == "date" and checked["pattern"] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    assert defs["Activity"]["additionalProperties"] is False
    # every field says what it is for
    for model, body in defs.items():
        for field, spec in body.get("properties", {}).items():
            assert spec.get("description"), f"{model}.{field} has no description"


def _listing_files():
    return sorted(p for p in (DEMO / "listings").glob("*.yml") if p.name != "venues.yml")


def test_demo_listings_start_with_the_schema_line_and_pass():
    validator = _validator("listing.schema.json")
    for path in _listing_files():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/listing.schema.json", path.name
        errors = [e.message for e in validator.iter_errors(load_file(path).data)]
        assert errors == [], path.name
    venues = DEMO / "listings" / "venues.yml"
    assert list(_validator("venues.schema.json").iter_errors(load_file(venues).data)) == []


@pytest.mark.parametrize("name", NAMES[2:])
def test_site_config_passes(name):
    path = DEMO / "site_config" / name.replace(".schema.json", ".yml")
    if not path.exists():
        pytest.fail(f"{path} is missing")
    assert path.read_text().splitlines()[0] == f"# yaml-language-server: $schema=../schema/{name}"
    assert [e.message for e in _validator(name).iter_errors(load_file(path).data)] == []


# Shape mistakes the schema can see by itself (ids that must exist elsewhere, dates in the
# future, and duplicates need the whole directory, so only `validate` finds those).
SCHEMA_CATCHES = [
    "bad-date", "bad-email", "bad-id", "bad-phone-words", "bad-postcode", "bad-url", "time-25",
    "unknown-key", "unknown-key-no-match", "wrong-type-number", "wrong-type-list", "wrong-type-bool",
    "fifth-week", "fifth-monday-words", "day-typo", "missing-last-checked", "missing-checked-by",
    "missing-activities", "summary-too-long", "empty-value", "charity-number-words",
]


@pytest.mark.parametrize("case", SCHEMA_CATCHES)
def test_the_schema_rejects_shape_mistakes(case):
    data = load_file(ROOT / "tests" / "broken" / f"{case}.yml").data
    assert list(_validator("listing.schema.json").iter_errors(data)), case
