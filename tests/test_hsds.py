"""HSDS 3.0 / Open Referral UK: every exported service validates against the official schema,
ids are stable, the tabular package follows the standard's tables, export -> import gives the
same directory, and another directory's ORUK service converts sensibly."""

from __future__ import annotations

import csv
import dataclasses
import json
import shutil

import jsonschema
import pytest
import yaml

from generator.cli import main
from generator.directory import load
from generator.model import Status
from generator.opendata import export_all, hsds_export, hsds_files, ids
from tests.conftest import DEMO, DEMO_TODAY, ROOT

# The official HSDS 3.0 compiled schemas, copied unchanged (see generator/opendata/standard/README.md).
STANDARD = ROOT / "generator" / "opendata" / "standard"
FIXTURES = ROOT / "tests" / "fixtures" / "oruk"


@pytest.fixture(scope="module")
def services(demo):
    return hsds_files.services(demo)


def _validator(name: str) -> jsonschema.Draft202012Validator:
    """Draft 2020-12 with format checking (uri and date-time too), as the ORUK validator checks."""
    schema = json.loads((STANDARD / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="module")
def validator():
    return _validator("hsds-3.0-service.json")


# HSDS 3.0 compiled/service.json and the Open Referral UK profile's compiled/service.json
@pytest.mark.parametrize("schema", ["hsds-3.0-service.json", "oruk-3.0-service.json"])
def test_every_exported_service_is_valid_hsds_and_oruk(demo, services, schema):
    assert len(services) == len(demo.activities) > 20
    check = _validator(schema)
    for svc in services:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in check.iter_errors(svc)]
        assert errors == [], svc["name"]


def test_the_validator_can_fail(services, validator):
    broken = json.loads(json.dumps(services[0]))
    broken["status"] = "open"
    broken["schedules"] = [{"id": "not-a-uuid", "freq": "DAILY"}]
    messages = sorted(e.message for e in validator.iter_errors(broken))
    assert "'open' is not one of ['active', 'inactive', 'defunct', 'temporarily closed']" in messages
    assert "'DAILY' is not one of ['WEEKLY', 'MONTHLY']" in messages
    assert "'not-a-uuid' is not a 'uuid'" in messages


def test_organisation_is_valid_on_its_own(demo):
    schema = json.loads((STANDARD / "hsds-3.0-organization.json").read_text(encoding="utf-8"))
    v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for org in demo.organisations:
        data = hsds_export.organization(org.id, org.organisation)
        assert list(v.iter_errors(data)) == []


def test_ids_are_stable_uuid5(demo, services):
    walk = next(s for s in services if s["name"] == "Tuesday Health Walk")
    assert walk["id"] == ids.service("aigburth-tuesday-walk") == "d049b4f1-dd97-5958-b610-85fff63674ad"
    again = hsds_files.services(demo)
    assert json.dumps(again, sort_keys=True) == json.dumps(services, sort_keys=True)
    all_ids = [s["id"] for s in services]
    assert len(set(all_ids)) == len(all_ids)


def test_the_walk_maps_where_the_standard_says(services):
    walk = next(s for s in services if s["name"] == "Tuesday Health Walk")
    assert walk["assured_date"] == "2026-09-14"
    assert walk["status"] == "active"
    assert walk["organization"]["organization_identifiers"][0]["identifier_scheme"] == "GB-CHC"
    [row] = walk["schedules"]
    assert (row["freq"], row["byday"], row["opens_at"], row["closes_at"]) == ("WEEKLY", "TU", "10:00", "11:30")
    assert "not on bank holidays" in row["description"]
    flags = {a["taxonomy_term"]["code"]: a["value"] for a in row["attributes"]}
    assert flags["not_on_bank_holidays"] == "yes"
    loc = walk["service_at_locations"][0]["location"]
    assert loc["addresses"][0]["postal_code"] == "L17 7AA"
    assert loc["external_identifier"] == "st-annes-hall"
    terms = {(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"]) for a in walk["attributes"]}
    assert {("whats-on-category", "walking"), ("esdServiceTypes", "1127"),
            ("openactive", "95092977-5a20-4d6e-b312-8fddabe71544")} <= terms
    day_phone = [p for p in walk["phones"] if p.get("description") == "On the day"]
    assert day_phone[0]["number"] == "07700 900123"


def test_every_schedule_kind_maps_to_rows(services):
    rows = [r for s in services for r in s["schedules"]]
    assert any(r.get("interval") == 2 and r.get("dtstart") for r in rows)  # fortnightly
    assert any(r.get("freq") == "MONTHLY" and r.get("byday", "").startswith("-1") for r in rows)
    assert any(r.get("freq") == "MONTHLY" and r.get("bymonthday") for r in rows)
    assert any("freq" not in r and r.get("dtstart") for r in rows)  # one-off dates
    assert any(r.get("until") for r in rows)


def test_transportation_comes_from_getting_there(demo, services):
    with_stop = [s for s in services for sal in s["service_at_locations"]
                 if "Nearest stop" in sal["location"].get("transportation", "")]
    assert with_stop, "the demo has transport data: some location should name its nearest stop"


@pytest.mark.parametrize("status, expected", [
    ("active", "active"), ("temporarily-closed", "temporarily closed"), ("ended", "defunct")])
def test_status_mapping(demo, status, expected):
    entry = demo.activity("aigburth-tuesday-walk")
    changed = dataclasses.replace(entry, activity=entry.activity.model_copy(update={"status": Status(status)}))
    assert hsds_export.service(demo, changed, "aigburth-walkers")["status"] == expected


def test_export_all_writes_files_envelope_and_tabular_package(demo, tmp_path):
    written = export_all(demo, tmp_path)
    assert all(p.exists() for p in written)
    index = json.loads((tmp_path / "hsds" / "services.json").read_text())
    assert {k: index[k] for k in ("total_items", "total_pages", "page_number", "size",
                                  "first_page", "last_page", "empty")} == {
        "total_items": len(demo.activities), "total_pages": 1, "page_number": 1,
        "size": len(demo.activities), "first_page": True, "last_page": True, "empty": False}
    assert len(list((tmp_path / "hsds" / "services").glob("*.json"))) == len(demo.activities)
    # one-to-one fields only, as ORUK's /services gives them: the service's and its organisation's
    assert all(not isinstance(v, (list, dict)) for item in index["contents"]
               for v in [*item.values(), *item["organization"].values()] if v is not item["organization"])
    package = json.loads((tmp_path / "hsds" / "tabular" / "datapackage.json").read_text())
    spec = hsds_files.tabular_spec()
    assert {r["name"] for r in package["resources"]} == set(spec)
    tables = {}
    for resource in package["resources"]:
        with (tmp_path / "hsds" / "tabular" / resource["path"]).open(encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            rows = list(reader)
        header = [f["name"] for f in resource["schema"]["fields"]]
        table = spec[resource["name"]]["properties"]
        assert reader.fieldnames == header == [
            n for n, p in table.items() if p.get("type") not in ("array", "object")]
        tables[resource["name"]] = rows
    assert len(tables["service"]) == len(demo.activities)
    service_ids = {r["id"] for r in tables["service"]}
    assert {r["service_id"] for r in tables["schedule"]} <= service_ids
    org_ids = {r["id"] for r in tables["organization"]}
    assert {r["organization_id"] for r in tables["service"]} <= org_ids
    assert all(len(r["opens_at"]) == 8 for r in tables["schedule"])  # Table Schema time HH:MM:SS
    assert (tmp_path / "activities.csv").exists()
    assert (tmp_path / "calendars" / "categories" / "walking.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert (tmp_path / "calendars" / "areas" / "garston.ics").exists()
    leaked = (tmp_path / "hsds" / "services.json").read_text()
    assert "maintainers" not in leaked  # people's reminder e-mails are never published


def _same_directory(a, b, *, maintainers: bool = True) -> None:
    def orgs(d):
        return {o.id: (o.organisation if maintainers else o.organisation.model_copy(
            update={"maintainers": []})) for o in d.organisations}

    def acts(d):
        return {e.id: (e.org_id, e.activity, e.venue, e.venue_key) for e in d.activities}

    assert orgs(a) == orgs(b)
    assert acts(a) == acts(b)


def test_round_trip_through_hsds(demo, tmp_path, capsys):
    assert main(["export", "hsds", str(tmp_path / "hsds"), "--include-private",
                 "--today", DEMO_TODAY.isoformat()]) == 0
    assert main(["import", "hsds", str(tmp_path / "hsds"), "--out", str(tmp_path / "listings")]) == 0
    err = capsys.readouterr().err
    assert (f"{len(demo.organisations)} listing file(s) written, 0 of them with facts to fill in; "
            "0 record(s) not imported.") in err
    back = load(tmp_path / "listings", DEMO / "site_config", today=DEMO_TODAY,
                enrich_transport=False)
    assert back.errors == []
    _same_directory(demo, back.directory)
    first = next((tmp_path / "listings").glob("a*.yml")).read_text()
    assert first.startswith("# yaml-language-server: $schema=../schema/listing.schema.json\norganisation:")


def test_round_trip_without_private_fields_loses_only_maintainers(demo, tmp_path, capsys):
    export_all(demo, tmp_path / "data")
    assert main(["import", "hsds", str(tmp_path / "data" / "hsds" / "services"),
                 "--out", str(tmp_path / "listings")]) == 0
    back = load(tmp_path / "listings", DEMO / "site_config", today=DEMO_TODAY, enrich_transport=False)
    _same_directory(demo, back.directory, maintainers=False)


def test_import_never_overwrites_without_update(tmp_path, capsys):
    out = tmp_path / "listings"
    assert main(["import", "hsds", str(FIXTURES / "tea-dance.json"), "--out", str(out)]) == 0
    path = out / "merseyside-dance-trust.yml"
    path.write_text(path.read_text() + "# a volunteer's edit\n")
    capsys.readouterr()
    assert main(["import", "hsds", str(FIXTURES / "tea-dance.json"), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert (f"not imported: organisation merseyside-dance-trust: {path} already exists; use "
            "--update to replace it") in err
    assert path.read_text().endswith("# a volunteer's edit\n")
    assert main(["import", "hsds", str(FIXTURES / "tea-dance.json"), "--out", str(out), "--update"]) == 0
    assert not path.read_text().endswith("# a volunteer's edit\n")


def test_oruk_example_service_converts_sensibly(tmp_path, capsys):
    out = tmp_path / "listings"
    assert main(["import", "hsds", str(FIXTURES / "tea-dance.json"), "--out", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    result = load(out, DEMO / "site_config", today=DEMO_TODAY, enrich_transport=False)
    assert result.errors == []
    [org] = result.directory.organisations
    assert org.id == "merseyside-dance-trust"
    assert org.organisation.charity_number == "1187654"
    [entry] = result.directory.activities
    a = entry.activity
    assert a.id == "garston-tea-dance"
    assert a.summary == "A relaxed afternoon of ballroom and sequence dancing with live music."
    assert a.categories == ["physical-activity"]  # esd 1127, first category with that code
    assert (a.cost.kind.value, str(a.cost.amount)) == ("fixed", "2.5")
    assert a.how_to_go.access.value == "drop-in"
    assert a.phone == "07700 900555"
    assert a.last_checked.isoformat() == "2026-10-20"
    assert a.checked_by == "pam@dance-trust.example.org"
    weekly, monthly, once = a.schedules
    assert (weekly.frequency.value, [d.value for d in weekly.days], weekly.start, weekly.end,
            weekly.not_on_bank_holidays) == ("weekly", ["wednesday"], "14:00", "16:00", True)
    assert ([w.value for w in monthly.weeks], [d.value for d in monthly.days]) == (["first"], ["friday"])
    assert [d.isoformat() for d in once.dates] == ["2026-12-23"]
    v = entry.venue
    assert (v.name, v.postcode, v.area, v.step_free, v.accessible_toilet) == (
        "St Michael's Parish Centre", "L19 2LW", "garston", True, True)
    assert v.transport.notes == "Buses 82 and 86 stop outside on Example Street."


def test_records_that_cannot_convert_are_reported_with_reasons(tmp_path, capsys):
    out = tmp_path / "listings"
    assert main(["import", "hsds", str(FIXTURES / "problems.json"), "--out", str(out)]) == 1
    err = " ".join(capsys.readouterr().err.split())
    # what the source does not say is left for a person, never guessed
    assert ("activities[0].cost.kind (advice-line): the source has no cost options, and no fees "
            "description: write kind (free, fixed, concessions or pay-what-you-can) and the "
            "amounts") in err
    assert ('activities[0].how_to_go.access (advice-line): the source gives application_process '
            '"Ring us."') in err
    assert "activities[0].where (advice-line): the source gives no location" in err
    assert "activities[0].schedules (advice-line): the source gives no schedules" in err
    assert (f"not imported: {FIXTURES / 'problems.json'} item 2 (service 0a0a0a0a-0000-4000-8000-000000000002, "
            "'Lonely Service'): organization: the service has no organization with a name") in err
    assert ("activities[0].categories (yacht-club): no category: write category ids from "
            "site_config/categories.yml, like [walking], or import again with --category ID") in err
    assert 'taxonomy term esdServiceTypes 9999 "Sailing": no category of this directory has it' in err
    assert "2 listing file(s) written, 2 of them with facts to fill in; 1 record(s) not imported." in err
    [advice] = yaml.safe_load((out / "advice-example.yml").read_text())["activities"]
    assert advice["how_to_go"] == {"how": "Ring us."} and "cost" not in advice and "where" not in advice
    # with a category chosen by a person, the yacht club's category is filled in
    assert main(["import", "hsds", str(FIXTURES / "problems.json"), "--out", str(out),
                 "--category", "physical-activity", "--update"]) == 1
    assert "categories: [physical-activity]" in (out / "yacht-example.yml").read_text()


def test_bad_json_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["import", "hsds", str(bad), "--out", str(tmp_path / "l")]) == 2
    assert f"{bad}: not readable as JSON" in capsys.readouterr().err


def test_demo_copy_with_venues_imports_into_existing_folder(demo, tmp_path, capsys):
    """Importing into a folder that has venues.yml refers to its venues by id, adds none."""
    out = tmp_path / "listings"
    out.mkdir()
    shutil.copy(DEMO / "listings" / "venues.yml", out / "venues.yml")
    before = (out / "venues.yml").read_text()
    export_all(demo, tmp_path / "data")
    assert main(["import", "hsds", str(tmp_path / "data" / "hsds"), "--out", str(out)]) == 0
    assert (out / "venues.yml").read_text() == before
