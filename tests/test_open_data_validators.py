"""Our exports pass other people's validators: frictionless for the tabular data package, the
HSDS 3.0 API (HSDA) and the Open Referral UK API for /services and /services/{id}, and the
tabular package alone brings the whole demo back."""

from __future__ import annotations

import csv
import json

import jsonschema
import pytest
import rfc3339_validator
import rfc3986_validator
from frictionless import validate

from generator.cli import main
from generator.directory import load
from generator.opendata import export_hsds, hsds_export, hsds_files
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


# ---------------------------------------------------------------------------------------------
# Open Referral UK: the profile's compiled schemas and its API (openapi.json), as the official
# ORUK validator checks a feed: each /services page and each /services/{id} response against the
# response schema of openapi.json, its $refs resolved, Draft 2020-12, formats checked.

ORUK_RAW = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/compiled/"


def _oruk_response(path: str) -> jsonschema.Draft202012Validator:
    """The 200 response schema of `path` in ORUK's openapi.json, with its references resolved to
    our unchanged copies of the compiled schemas (the validator fetches the same files)."""
    api = json.loads((STANDARD / "oruk-3.0-openapi.json").read_text(encoding="utf-8"))

    def resolve(node):
        if isinstance(node, list):
            return [resolve(v) for v in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref", "")
        if ref.startswith(ORUK_RAW):
            return json.loads((STANDARD / f"oruk-3.0-{ref[len(ORUK_RAW):]}").read_text(encoding="utf-8"))
        if ref.startswith("#/"):
            target = api
            for part in ref[2:].split("/"):
                target = target[part]
            return resolve(target)
        return {k: resolve(v) for k, v in node.items()}

    response = api["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    schema = resolve(response["schema"])
    assert "$ref" not in json.dumps(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _messages(check: jsonschema.Draft202012Validator, data: dict) -> list[str]:
    return sorted(f"{list(e.absolute_path)}: {e.message}" for e in check.iter_errors(data))


def test_formats_are_checked_as_the_oruk_validator_checks_them():
    # jsonschema checks "uri" with rfc3986-validator and "date-time" with rfc3339-validator
    assert rfc3986_validator.validate_rfc3986("https://example.org/a", rule="URI")
    assert rfc3339_validator.validate_rfc3339("2026-11-22T10:30:45.123Z")
    assert {"uri", "date-time", "email", "uuid", "date"} <= set(jsonschema.FormatChecker().checkers)
    bad = {"id": "ac148810-d857-441c-9679-408f346de14b", "name": "x", "status": "active",
           "url": "not a web address", "last_modified": "yesterday", "email": "nobody"}
    assert _messages(_schema("oruk-3.0-service.json"), bad) == [
        "['email']: 'nobody' is not a 'email'",
        "['last_modified']: 'yesterday' is not a 'date-time'",
        "['url']: 'not a web address' is not a 'uri'"]


def test_services_json_is_an_oruk_services_page(demo, exported):
    index = json.loads((exported / "services.json").read_text(encoding="utf-8"))
    assert _messages(_oruk_response("/services"), index) == []
    assert index["size"] == len(index["contents"]) == len(demo.activities)
    assert all(item["url"].startswith("http") for item in index["contents"])


def test_each_service_file_is_the_oruk_service_by_its_id(exported):
    check = _oruk_response("/services/{id}")
    index = json.loads((exported / "services.json").read_text(encoding="utf-8"))
    for item in index["contents"]:
        full = json.loads((exported / "services" / f"{item['id']}.json").read_text(encoding="utf-8"))
        assert _messages(check, full) == [], full["name"]


def test_the_oruk_checks_can_fail(exported):
    index = json.loads((exported / "services.json").read_text(encoding="utf-8"))
    walk = next(i for i in index["contents"] if i["name"] == "Tuesday Health Walk")
    full = json.loads((exported / "services" / f"{walk['id']}.json").read_text(encoding="utf-8"))
    del full["url"], full["schedules"][0]["url"], full["attributes"][0]["taxonomy_term"]["name"]
    assert _messages(_oruk_response("/services/{id}"), full) == [
        "['attributes', 0, 'taxonomy_term']: 'name' is a required property",
        "['schedules', 0]: 'url' is a required property",
        "[]: 'url' is a required property"]
    index["contents"][0]["status"] = "open"
    del index["contents"][1]["organization"]["description"]
    assert _messages(_oruk_response("/services"), index) == [
        "['contents', 0, 'status']: 'open' is not one of "
        "['active', 'inactive', 'defunct', 'temporarily closed']",
        "['contents', 1, 'organization']: 'description' is a required property"]


def test_facts_the_uk_profile_has_no_field_for_are_kept_in_attributes(demo):
    """The UK profile removes application_process, eligibility_description,
    interpretation_services, phones (service, contact, organisation) and language names. Each such
    fact is also a whats-on attribute, and every taxonomy term is named in `term` as well."""
    seen = {"how_to_go": 0, "eligibility": 0, "communication_support": 0, "languages": 0,
            "phone": 0, "on_the_day_phone": 0, "organisation_phones": 0}
    for svc in hsds_files.services(demo):
        ext = _whats_on(svc)
        assert ext.get("how_to_go") == svc["application_process"] or ext.get("access"), svc["name"]
        assert ext.get("eligibility") == svc.get("eligibility_description")
        assert ext.get("communication_support") == svc.get("interpretation_services")
        assert ext.get("languages") == ("; ".join(lang["name"] for lang in svc["languages"]) or None)
        numbers = [p["number"] for p in svc["phones"]]
        assert [ext[k] for k in ("phone", "on_the_day_phone") if k in ext] == numbers
        org_numbers = [p["number"] for p in svc["organization"]["phones"]]
        assert all(n in _whats_on(svc["organization"])["organisation_phones"] for n in org_numbers)
        for key in seen:
            seen[key] += key in ext or key in _whats_on(svc["organization"])
        terms = [a["taxonomy_term"] for a in _attributes(svc)]
        assert terms and all(t["term"] == t["name"] for t in terms)
    assert all(seen.values()), seen  # the demo has each kind, so the checks above ran


def _whats_on(obj: dict) -> dict[str, str]:
    return {a["taxonomy_term"]["code"]: a["value"] for a in obj.get("attributes") or []
            if a["taxonomy_term"]["taxonomy"] == "whats-on" and "value" in a}


def _attributes(obj):
    """Every attribute nested anywhere in `obj`."""
    if isinstance(obj, list):
        for v in obj:
            yield from _attributes(v)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            if k == "attributes":
                yield from v
            else:
                yield from _attributes(v)


def test_each_organisation_is_valid_as_the_uk_profile_nests_it(demo):
    """We write no organisation document of its own: the organisation is checked where it is
    written, against the organisation the UK profile's compiled service schema nests."""
    schema = json.loads((STANDARD / "oruk-3.0-service.json").read_text(encoding="utf-8"))
    check = jsonschema.Draft202012Validator(schema["properties"]["organization"],
                                            format_checker=jsonschema.FormatChecker())
    for org in demo.organisations:
        assert _messages(check, hsds_export.organization(org.id, org.organisation)) == []


def test_the_compiled_schema_is_stricter_than_the_profiles_own_example():
    """The profile's published example (and its patch files) disagree with its compiled schema,
    which the ORUK validator uses; we follow the compiled schema (see standard/README.md)."""
    example = json.loads((ROOT / "tests" / "fixtures" / "published" / "oruk" / "service_full.json")
                         .read_text(encoding="utf-8"))
    assert _messages(_schema("oruk-3.0-service.json"), example) == [
        f"['{key}', 0]: 'url' is a required property"
        for key in ("contacts", "cost_options", "funding", "languages", "schedules")]
