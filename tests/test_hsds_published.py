"""Importing the example files Open Referral UK and HSDS 3.0 publish (tests/fixtures/published,
unchanged copies): every fact is carried over, left for a person (the listing does not validate
until it is written in), or reported as not carried; other documents are refused with a reason."""

from __future__ import annotations

import shutil
import zipfile

import pytest
import yaml

from generator.cli import main
from generator.directory import load
from tests.conftest import DEMO, DEMO_TODAY, ROOT

PUBLISHED = ROOT / "tests" / "fixtures" / "published"
ORUK = PUBLISHED / "oruk"
HSDS = PUBLISHED / "hsds-3.0"
CONFIG = DEMO / "site_config"


def _import(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import", "hsds", *args])
    captured = capsys.readouterr()
    return code, captured.out, " ".join(captured.err.split())


def _activity(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    [activity] = data["activities"]
    return data, activity


@pytest.mark.parametrize("name", ["service_full.json", "organization_full.json",
                                  "service_at_location_full.json"])
def test_oruk_community_counselling_keeps_every_fact_or_says_so(tmp_path, capsys, name):
    out = tmp_path / "listings"
    code, stdout, err = _import(capsys, str(ORUK / name), "--out", str(out))
    assert code == 1  # written, but facts are left for a person
    path = out / "example-organization-inc.yml"
    assert f"wrote {path}" in stdout
    data, a = _activity(path)
    # carried over exactly
    assert a["name"] == "Community Counselling"
    assert a["audience"] == {"min_age": 12, "max_age": 100}
    assert a["email"] == "email@example.com"
    assert a["website"] == "http://example.com/counselling"
    assert a["last_checked"].isoformat() == "2005-01-01"
    assert a["checked_by"] == "email@example.com"
    assert a["cost"] == {"description": "fees_description"}  # the UK profile's `fees`, as written
    [session] = a["schedules"]
    assert session["days"] == ["thursday", "friday"]
    assert (session["start"], session["end"]) == ("10:00", "18:00")
    assert session["not_on_bank_holidays"] is True
    assert session["notes"].startswith("The service is available from 10 am to 6pm weekdays. The "
                                       "service is not available on public holidays. Some of our staff")
    assert "frequency" not in session  # the rule cannot be said: a person writes it
    # never guessed: no access, no cost kind, no place, no category
    assert "access" not in a.get("how_to_go", {})
    assert "kind" not in a["cost"]
    assert "where" not in a and "categories" not in a
    assert "company_number" not in data["organisation"]
    # the report names each one, per listing, and so does the file
    for text in [
        "activities[0].how_to_go.access (community-counselling): the source gives no application_process",
        "activities[0].cost.kind (community-counselling): the source's prices are for some people only "
        "(Under 18s and Over 60s, £35, per 1 hour session), and a listing's price is for everyone",
        'activities[0].schedules[0].frequency (community-counselling): the source\'s rule "every week on '
        'Thursday and Friday, on days 2, 3, 4 of the month, from 2005-01-01, 10:00 to 18:00" cannot be '
        "said in a listing (bymonthday with a weekly rule) and it gives no dates",
        "activities[0].where (community-counselling): the source gives no location",
        "activities[0].categories (community-counselling): no category",
        'alert "Following COVID-19 we have moved most of our counselling sessions online.',
        'company number "1234567": a Companies House number has 8 characters, like 01234567',
        "the service's contact person (Reception Manager): a listing names no contact people",
        "service accreditations",
        'cost option "Under 18s and Over 60s" valid 2020-01-01 to 2022-12-31',
        "not_on_bank_holidays set: the source says it is not on public / bank holidays",
    ]:
        assert text in err, text
    text = path.read_text(encoding="utf-8")
    head = " ".join(text.split("organisation:")[0].split())
    assert "TO FILL IN" in head and "how_to_go.access" in head and "Not carried over" in head
    assert "Ann Persona" not in text and "Ann Persona" not in err  # a person's name is never copied
    # the listing does not validate until a person fills it in ...
    result = load(out, CONFIG, today=DEMO_TODAY, enrich_transport=False)
    fields = {p.field for p in result.errors}
    assert {"activities[0].how_to_go", "activities[0].cost.kind",
            "activities[0].schedules[0].frequency", "activities[0].where",
            "activities[0].categories"} <= fields
    # ... and then it does
    a["how_to_go"] = {"access": "book"}
    a["cost"]["kind"] = "fixed"
    a["cost"]["amount"] = 35
    a["schedules"][0]["frequency"] = "weekly"
    a["where"] = {"online": True}
    a["categories"] = ["mental-wellbeing"]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = load(out, CONFIG, today=DEMO_TODAY, enrich_transport=False)
    assert result.errors == []


def test_hsds_service_full_reads_phones_access_needs_languages_and_one_schedule(tmp_path, capsys):
    out = tmp_path / "listings"
    code, _, err = _import(capsys, str(HSDS / "service_full.json"), "--out", str(out))
    assert code == 1
    data, a = _activity(out / "example-organization-inc.yml")
    assert a["phone"] == "+44 1234 234567"  # the published number, without its stray quotes
    assert a["languages"] == ["Urdu"]
    assert a["communication_support"] == "Interpretation services are available in Urdu, Polish, and Slovak"
    assert a["audience"]["eligibility"].startswith("This service is intended for all people aged 12")
    assert a["how_to_go"] == {"how": "If you are an NHS patient please ask your GP for a referral "
                                     "letter, we will then be in touch with you directly. If you are "
                                     "not an NHS patient you should ring our reception to arrange an "
                                     "appointment"}
    assert a["cost"]["description"].startswith("Non-NHS patients are expected to pay")
    venue = a["where"]["venue"]
    assert venue["name"] == "MyCity Civic Center"
    assert venue["address"] == "1-30 Main Street, MyVillage, MyCity"
    assert (venue["hearing_loop"], venue["step_free"]) == (True, True)  # both needs, not one
    assert "induction loops" in venue["accessibility_notes"] and "T-coil" in venue["accessibility_notes"]
    assert venue["transport"]["notes"].startswith("MyCity Civic Center is serviced by the number 1 Bus")
    assert "postcode" not in venue and "area" not in venue
    assert "Persona" not in (out / "example-organization-inc.yml").read_text(encoding="utf-8")
    assert len(a["schedules"]) == 1  # service, service-at-location and location give the same one
    assert data["organisation"]["phones"] == [{"number": "+44 1234 234567", "description": (
        "Our main reception phone number. The phones will be available from 0800 (8am) until "
        "1800 (6pm) local time. There may be some slight delays in answering your call if we are busy.")}]
    for text in [
        "activities[0].how_to_go.access (community-counselling): the source gives application_process",
        'activities[0].where.venue.postcode (community-counselling): the postal code "ABC 1234" is '
        "not a UK postcode (the address is in US)",
        "activities[0].where.venue.area (community-counselling): the source does not say which of "
        "this directory's areas the venue is in. Write one of aigburth, garston",
        "or import again with --area ID",
        "3 times, until 2005-01-01, from 2005-01-01",
        "cannot be said in a listing (count, byweekno, byyearday, bymonthday with a weekly rule) and it "
        "gives no dates",
        "phone +44 1234 234567 extension 100",
        "latitude 100, longitude 101: not in the UK",
        "schedule 1: timezone 3",
        "hearing_loop: yes, step_free: yes read from the words",
    ]:
        assert text in err, text


def test_a_location_is_refused_as_what_it_is(tmp_path, capsys):
    code, _, err = _import(capsys, str(HSDS / "location.json"), "--out", str(tmp_path / "l"))
    assert code == 1
    assert (f'not imported: {HSDS / "location.json"}: an HSDS location ("MyCity Civic Center"), not a service: '
            "a place on its own has no activity to list") in err
    assert "0 listing file(s) written" in err
    assert not (tmp_path / "l").exists() or not list((tmp_path / "l").glob("*.yml"))


def test_a_paged_services_list_is_read_and_its_gaps_reported(tmp_path, capsys):
    out = tmp_path / "listings"
    code, _, err = _import(capsys, str(HSDS / "service_list.json"), "--out", str(out))
    assert code == 1
    _, a = _activity(out / "example-organization-inc.yml")
    assert a["name"] == "Community Counselling" and a["schedules"] is None
    assert "service_list.json is page 1 of 10 of a /services list: only this page was read" in err
    assert "a /services list entry has one-to-one fields only" in err
    assert "activities[0].schedules (community-counselling): the source gives no schedules" in err


def test_the_published_tabular_examples_are_refused_with_the_field_and_fix(tmp_path, capsys):
    code, _, err = _import(capsys, str(HSDS / "csv"), "--out", str(tmp_path / "l"))
    assert code == 1
    assert ("not imported: csv/service.csv row 2 (service ac148810-d857-441c-9679-408f346de14b, "
            "'Community Counselling'): organization_id: \"0fdfb57f-c147-4cfb-864c-44788a335d8c\" is "
            "not an id in organization.csv, so the service has no organisation. Fix organization_id "
            "to the id of a row of organization.csv") in err


def test_a_zip_of_every_example_reads_each_kind_once(tmp_path, capsys):
    archive = tmp_path / "examples.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(HSDS.rglob("*")):
            if path.is_file():
                z.write(path, path.relative_to(HSDS).as_posix())
    code, stdout, err = _import(capsys, str(archive), "--out", str(tmp_path / "l"))
    assert code == 1
    assert stdout.count("wrote ") == 1  # the same service in four documents: one listing
    assert "examples.zip/location.json: an HSDS location" in err
    assert "examples.zip/csv/service.csv row 2" in err


def test_a_folder_with_nothing_to_import_fails_with_a_reason(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = _import(capsys, str(empty), "--out", str(tmp_path / "l"))
    assert code == 2
    assert "no HSDS in it" in err
    only = tmp_path / "only"
    only.mkdir()
    shutil.copy(HSDS / "location.json", only)
    code, _, err = _import(capsys, str(only), "--out", str(tmp_path / "l"))
    assert code == 1 and "an HSDS location" in err and "0 listing file(s) written" in err


def test_area_option_and_postcode_district_guess(tmp_path, capsys):
    text = (ROOT / "tests" / "fixtures" / "oruk" / "tea-dance.json").read_text(encoding="utf-8")
    text = text.replace('"city": "Garston"', '"city": "Liverpool"')  # the address names no area
    source = tmp_path / "tea.json"
    source.write_text(text, encoding="utf-8")
    code, _, err = _import(capsys, str(source), "--out", str(tmp_path / "a"), "--area", "garston")
    assert code == 0, err
    _, a = _activity(tmp_path / "a" / "merseyside-dance-trust.yml")
    assert a["where"]["venue"]["area"] == "garston"  # a person said so
    # L19 is in Garston and Allerton: no guess, a person chooses
    code, _, err = _import(capsys, str(source), "--out", str(tmp_path / "n"))
    assert code == 1
    assert "activities[0].where.venue.area (garston-tea-dance): the source does not say which" in err
    # every L24 postcode in the postcode file is nearest Speke: a guess, said to be one
    (tmp_path / "tea24.json").write_text(text.replace("L19 2LW", "L24 1XY"), encoding="utf-8")
    code, _, err = _import(capsys, str(tmp_path / "tea24.json"), "--out", str(tmp_path / "g"))
    _, a = _activity(tmp_path / "g" / "merseyside-dance-trust.yml")
    assert a["where"]["venue"]["area"] == "speke"
    assert ("where.venue.area: speke is a GUESS from the postcode district L24 (every postcode "
            "of it in the postcode file is nearest speke): check it") in err
    code, _, err = _import(capsys, str(source), "--out", str(tmp_path / "x"), "--area", "mars")
    assert code == 2 and '--area "mars" is not an id in site_config/areas.yml: use one of aigburth' in err


def test_a_wrong_company_number_is_explained_with_an_eight_digit_example(tmp_path):
    from pydantic import ValidationError

    from generator.model import Organisation
    from generator.problems import explain

    with pytest.raises(ValidationError) as err:
        Organisation.model_validate({"name": "Example", "company_number": "1234567"})
    [error] = err.value.errors()
    assert explain(error, Organisation)[1] == (
        '"1234567" is not a company number: Companies House numbers have 8 characters. Write it '
        "like 01234567 (or SC123456).")
    with pytest.raises(ValidationError) as err:
        Organisation.model_validate({"name": "Example", "charity_number": "12"})
    assert explain(err.value.errors()[0], Organisation)[1].endswith("Write the number only, like 1123456.")


def test_a_uk_profile_service_names_its_terms_in_term_and_its_languages_by_code(tmp_path, capsys):
    """The UK profile removes a taxonomy term's name and a language's name: a term is named in
    `term`, and a language that gives only a code we know is named from it."""
    import json

    svc = json.loads((ORUK / "service_full.json").read_text(encoding="utf-8"))
    svc["attributes"] = [{"id": "ae58cc39-8b70-4ab1-8aea-786882e5ac8e", "link_type": "category",
                          "taxonomy_term": {"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2",
                                            "taxonomy": "local", "term": "Walking"}},
                         {"id": "bd58cc39-8b70-4ab1-8aea-786882e5ac8e", "link_type": "link_type"}]
    svc["languages"] = [{"id": "2989d3ed-c547-48f8-8f9d-432d81c7892e", "code": "ur"},
                        {"id": "3989d3ed-c547-48f8-8f9d-432d81c7892e", "code": "xx"}]
    source = tmp_path / "oruk.json"
    source.write_text(json.dumps(svc), encoding="utf-8")
    code, _, err = _import(capsys, str(source), "--out", str(tmp_path / "out"))
    assert code == 1
    _, a = _activity(tmp_path / "out" / "example-organization-inc.yml")
    assert a["categories"] == ["walking"]
    assert a["languages"] == ["Urdu"]
    for text in ["categories matched from taxonomy terms: walking",
                 "language Urdu: from its code ur",
                 'language code "xx": not one this directory can name',
                 "attribute bd58cc39-8b70-4ab1-8aea-786882e5ac8e: it has no taxonomy term"]:
        assert text in err, text
