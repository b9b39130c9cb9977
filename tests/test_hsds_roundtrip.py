"""Round trip of a listing that uses every field and every schedule kind, through HSDS JSON and
through the spreadsheet layout: what comes back is the same pydantic models."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest

from generator.cli import main
from generator.directory import load
from tests.conftest import DEMO, DEMO_TODAY, ROOT

EVERYTHING = """\
# yaml-language-server: $schema=../schema/listing.schema.json
organisation:
  name: Every Field Trust
  description: A test organisation that fills in every field.
  website: https://every-field.example.org
  email: hello@every-field.example.org
  phones:
    - {number: 0151 496 0901, description: "Office (mornings)"}
    - {number: 07700 900901}
  charity_number: "1198765"
  company_number: "01234567"
  governance:
    safeguarding_policy: true
    insurance: false
    dbs_checked: true
    complex_referrals: false
    notes: Policies reviewed every year.
  maintainers:
    - {name: Robin Example, email: robin@every-field.example.org, github: robin-example}
    - {github: second-maintainer}
activities:
  - id: every-field-club
    name: Every Field Club
    summary: Uses every field, so nothing can be lost quietly.
    description: |
      First paragraph with **bold**.

      - a list item
      - another, with £ and “quotes”
    categories: [befriending, music]
    audience:
      min_age: 16
      max_age: 99
      groups: [Carers, New parents]
      eligibility: Living in South Liverpool.
      not_just_older_people: true
    cost: {kind: concessions, amount: 3.50, concession_amount: 1.25, description: Tea included}
    how_to_go:
      access: referral
      referral_from: [self, link-worker, gp, receptionist, pharmacist, other-professional]
      how: Ask your link worker to ring us.
    capacity: waiting-list
    status: temporarily-closed
    languages: [English, Polish]
    communication_support: BSL interpreter on request.
    easy_read: We meet on Mondays. We sing together. Tea is free.
    first_visit: {bring_a_friend: true, someone_meets_you: false, refreshments: true, notes: Ring the bell.}
    phone: 0151 496 0902
    on_the_day_phone: 07700 900902
    email: club@every-field.example.org
    website: https://every-field.example.org/club
    schedules:
      - {frequency: weekly, days: [monday, thursday], start: "10:00", end: "11:00"}
      - {frequency: weekly, days: [monday], start: "14:00", end: "15:00", not_on_bank_holidays: true,
         valid_from: 2026-09-01, valid_to: 2027-06-30, notes: Summer break in August.}
      - {frequency: fortnightly, days: [tuesday], start_date: 2026-11-10, start: "18:00", end: "19:30",
         valid_from: 2026-11-20}
      - {frequency: monthly, days: [friday], weeks: [last], start: "19:00", end: "21:00"}
      - {frequency: monthly, days: [monday, wednesday], weeks: [first, third], start: "10:30", end: "12:00"}
      - {frequency: monthly, day_of_month: 31, start: "12:00", end: "13:00"}
      - {frequency: once, dates: [2026-12-24, 2027-01-09], start: "15:00", end: "17:00",
         not_on_bank_holidays: true}
      - {frequency: weekly, days: [wednesday], start: "16:00", end: "17:00", term_time_only: true}
    where:
      venue:
        name: Every Field Hall
        address: 9 Example Way, Allerton, Liverpool
        postcode: L18 9ZZ
        area: allerton
        latitude: 53.3755
        longitude: -2.894
        step_free: true
        accessible_toilet: false
        hearing_loop: true
        parking: false
        non_clinical: true
        accessibility_notes: Side door has a ramp.
        transport: {nearest_stop: Allerton Road (Stop A), buses: ["86", 86A], notes: Ask the driver.}
      online: true
      details: Join in the hall or online.
    last_checked: 2026-10-01
    checked_by: robin@every-field.example.org
  - id: every-field-phone-line
    name: Every Field Phone Line
    summary: A phone line with no fixed times.
    categories: [mental-wellbeing]
    cost: {kind: pay-what-you-can, amount: 2}
    how_to_go: {access: book}
    status: ended
    where: {by_phone: true, online: true, areas: [garston, speke], details: We ring you back.}
    last_checked: 2026-01-15
    checked_by: Robin Example
  - id: every-field-home-visits
    name: Every Field Home Visits
    summary: Visits at home.
    categories: [befriending]
    cost: {kind: pay-what-you-can}
    how_to_go: {access: book}
    where: {home_visits: true, areas: [woolton]}
    schedules:
      - {frequency: weekly, days: [saturday], start: "10:00", end: "12:00"}
    last_checked: 2026-10-01
    checked_by: Robin Example
  - id: every-field-walk
    name: Every Field Walk
    summary: A walk from a shared venue.
    categories: [walking]
    cost: {kind: free, description: Free; bring water.}
    how_to_go: {access: drop-in}
    where: {venue: st-annes-hall, online: false}
    schedules:
      - {frequency: weekly, days: [sunday], start: "09:00", end: "10:00"}
    last_checked: 2026-10-01
    checked_by: Robin Example
"""


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    base = tmp_path_factory.mktemp("everything")
    listings = base / "listings"
    listings.mkdir()
    shutil.copy(DEMO / "listings" / "venues.yml", listings / "venues.yml")
    (listings / "every-field-trust.yml").write_text(EVERYTHING, encoding="utf-8")
    result = load(listings, DEMO / "site_config", today=DEMO_TODAY, enrich_transport=False)
    assert result.errors == []
    return listings, result.directory


def _models(directory):
    return ({o.id: o.organisation for o in directory.organisations},
            {e.id: (e.org_id, e.activity, e.venue, e.venue_key) for e in directory.activities})


def _reload(folder):
    result = load(folder, DEMO / "site_config", today=DEMO_TODAY, enrich_transport=False)
    assert result.errors == []
    return result.directory


def test_everything_round_trips_through_hsds(source, tmp_path, capsys):
    listings, directory = source
    out = tmp_path / "hsds"
    args = ["--listings", str(listings), "--today", DEMO_TODAY.isoformat()]
    assert main(["export", "hsds", str(out), "--include-private", *args]) == 0
    schema = json.loads((ROOT / "generator" / "opendata" / "standard" / "hsds-3.0-service.json"
                         ).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for path in (out / "services").glob("*.json"):
        assert list(validator.iter_errors(json.loads(path.read_text()))) == []
    back = tmp_path / "back"
    assert main(["import", "hsds", str(out), "--out", str(back)]) == 0
    assert "added venue st-annes-hall" in capsys.readouterr().out
    assert _models(_reload(back)) == _models(directory)


def test_everything_round_trips_through_csv(source, tmp_path, capsys):
    listings, directory = source
    sheet = tmp_path / "sessions.csv"
    assert main(["export", "sessions", str(sheet), "--listings", str(listings),
                 "--today", DEMO_TODAY.isoformat()]) == 0
    back = tmp_path / "back"
    back.mkdir()
    shutil.copy(DEMO / "listings" / "venues.yml", back / "venues.yml")
    assert main(["import", "csv", str(sheet), "--out", str(back)]) == 0
    assert _models(_reload(back)) == _models(directory)


def test_hsds_says_the_things_it_can(source):
    from generator.opendata import hsds_files

    _, directory = source
    club = next(s for s in hsds_files.services(directory) if s["name"] == "Every Field Club")
    assert club["status"] == "temporarily closed"
    assert club["assurer_email"] == "robin@every-field.example.org"
    assert club["interpretation_services"] == "BSL interpreter on request."
    assert [(c["option"], c["amount"]) for c in club["cost_options"]] == [
        ("Standard", 3.5), ("Concessions", 1.25)]
    assert {loc["location"]["location_type"] for loc in club["service_at_locations"]} == {
        "physical", "virtual"}
    [hall] = [sal["location"] for sal in club["service_at_locations"]
              if sal["location"]["location_type"] == "physical"]
    assert hall["transportation"] == "Nearest stop: Allerton Road (Stop A). Buses 86 and 86A. Ask the driver."
    assert {a["description"]: a["details"] for a in hall["accessibility"]}["Hearing loop"] == "yes"
    once = [r for r in club["schedules"] if "freq" not in r]
    assert [r["dtstart"] for r in once] == ["2026-12-24", "2027-01-09"]
    fortnightly = next(r for r in club["schedules"] if r.get("interval") == 2)
    assert (fortnightly["dtstart"], fortnightly["wkst"], fortnightly["valid_from"]) == (
        "2026-11-10", "MO", "2026-11-20")
    monthly = [r["byday"] for r in club["schedules"] if r.get("freq") == "MONTHLY" and "byday" in r]
    assert monthly == ["-1FR", "1MO,1WE,3MO,3WE"]
    assert [lang.get("code") for lang in club["languages"]] == ["en", "pl"]


def test_every_listing_field_has_a_column_so_none_is_dropped_quietly():
    """A field added to the listing format must get a column (and so an HSDS attribute), or the
    import and export round trips would lose it without a word."""
    from pydantic import BaseModel

    from generator.model import Activity, Organisation, Schedule, Venue
    from generator.opendata import columns as C

    def leaves(model: type[BaseModel], prefix: str = "") -> list[str]:
        out = []
        for name, field in model.model_fields.items():
            kind = field.annotation
            inner = [a for a in getattr(kind, "__args__", ()) if isinstance(a, type)]
            sub = kind if isinstance(kind, type) and issubclass(kind, BaseModel) else next(
                (a for a in inner if issubclass(a, BaseModel)), None)
            if sub is not None and getattr(kind, "__origin__", None) is not list:
                out += leaves(sub, f"{prefix}{name}.")
            else:
                out.append(f"{prefix}{name}")
        return out

    skip = {"activity": {"schedules", "where"}, "venue": {"id"}, "organisation": set(),
            "schedule": set()}
    for scope, model in (("organisation", Organisation), ("activity", Activity),
                         ("venue", Venue), ("schedule", Schedule)):
        paths = {c.path for c in C.ALL if c.scope == scope}
        missing = [p for p in leaves(model) if p not in paths and p not in skip[scope]
                   and not any(p.startswith(s + ".") for s in skip[scope])]
        assert missing == [], (scope, missing)
