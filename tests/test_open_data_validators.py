"""Our exports pass other people's validators: frictionless for the tabular data package, the
HSDS 3.0 API (HSDA, which ORUK publishers serve) for /services and /services/{id}, and the
tabular package alone brings the whole demo back."""

from __future__ import annotations

import csv
import json

import jsonschema
import pytest
from frictionless import validate

from generator.cli import main
from generator.directory import load
from generator.opendata import export_hsds
from tests.conftest import DEMO, DEMO_TODAY, ROOT

STANDARD = ROOT / "generator" / "opendata" / "standard"


@pytest.fixture(scope="module")
def exported(demo, tmp_path_factory):
    out = tmp_path_factory.mktemp("hsds")
    export_hsds(demo, out, include_private=True)
    return out


def _errors(report) -> list[str]:
    return [f"{task.name}: {err.message}" for task in report.tasks for err in task.errors]


def test_the_tabular_package_is_valid_for_frictionless(exported):
    report = validate(str(exported / "tabular" / "datapackage.json"))
    assert _errors(report) == []
    assert report.valid and len(report.tasks) == 21
    with (exported / "tabular" / "addresses.csv").open(encoding="utf-8") as fh:
        nations = {row["state_province"] for row in csv.DictReader(fh)}
    assert nations == {"England"}  # the demo is in Liverpool (postcode area L)


def test_frictionless_would_refuse_an_empty_state_province(exported, tmp_path):
    import shutil

    broken = tmp_path / "tabular"
    shutil.copytree(exported / "tabular", broken)
    path = broken / "addresses.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    column = rows[0].index("state_province")
    for row in rows[1:]:
        row[column] = ""
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    report = validate(str(broken / "datapackage.json"))
    assert not report.valid
    assert any("state_province" in e for e in _errors(report))


def _schema(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((STANDARD / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_services_is_an_hsda_page_of_one_to_one_services(demo, exported):
    api = json.loads((STANDARD / "hsds-3.0-openapi.json").read_text(encoding="utf-8"))
    ok = api["paths"]["/services"]["get"]["responses"]["200"]
    assert "one-to-one fields" in ok["description"]
    page = jsonschema.Draft202012Validator(api["components"]["schemas"]["Page"])
    index = json.loads((exported / "services.json").read_text(encoding="utf-8"))
    assert list(page.iter_errors(index)) == []
    assert set(api["components"]["schemas"]["Page"]["properties"]) | {"contents"} == set(index)
    assert index["total_items"] == index["size"] == len(index["contents"]) == len(demo.activities)
    service = _schema("hsds-3.0-service.json")
    for item in index["contents"]:
        assert list(service.iter_errors(item)) == [], item["name"]
        assert not [k for k, v in item.items() if isinstance(v, list)]  # one-to-one only
        assert item["organization"]["name"] and not [
            k for k, v in item["organization"].items() if isinstance(v, (list, dict))]


def test_each_service_is_the_full_hsda_service_by_its_id(exported):
    api = json.loads((STANDARD / "hsds-3.0-openapi.json").read_text(encoding="utf-8"))
    ref = api["paths"]["/services/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert ref["schema"]["$ref"].endswith("/compiled/service.json")  # the schema we validate with
    service = _schema("hsds-3.0-service.json")
    index = json.loads((exported / "services.json").read_text(encoding="utf-8"))
    for item in index["contents"]:
        full = json.loads((exported / "services" / f"{item['id']}.json").read_text(encoding="utf-8"))
        assert list(service.iter_errors(full)) == [], full["name"]
        assert {k: v for k, v in full.items() if k in item and k != "organization"} == {
            k: v for k, v in item.items() if k != "organization"}


def test_the_tabular_package_alone_brings_the_demo_back(demo, exported, tmp_path, capsys):
    out = tmp_path / "listings"
    assert main(["import", "hsds", str(exported / "tabular"), "--out", str(out)]) == 0
    assert (f"{len(demo.organisations)} listing file(s) written, 0 of them with facts to fill in; "
            "0 record(s) not imported.") in capsys.readouterr().err
    back = load(out, DEMO / "site_config", today=DEMO_TODAY, enrich_transport=False)
    assert back.errors == []
    assert ({o.id: o.organisation for o in back.directory.organisations}
            == {o.id: o.organisation for o in demo.organisations})
    assert ({e.id: (e.org_id, e.activity, e.venue, e.venue_key) for e in back.directory.activities}
            == {e.id: (e.org_id, e.activity, e.venue, e.venue_key) for e in demo.activities})


def test_uk_profile_readers_find_the_cost_words_and_the_phone(demo, exported):
    """The UK profile drops fees_description and service phones, keeping `fees` and contacts."""
    walk = demo.activity("aigburth-tuesday-walk").activity
    full = json.loads((exported / "services" / f"{_id('aigburth-tuesday-walk')}.json").read_text())
    assert full["fees"] == full["fees_description"] == "Free"
    [contact] = full["contacts"]
    assert contact["name"] == demo.activity("aigburth-tuesday-walk").organisation.name
    assert [p["number"] for p in contact["phones"]] == [walk.phone]


def _id(activity_id: str) -> str:
    from generator.opendata import ids

    return ids.service(activity_id)
