"""The demo directory in listings/: valid, big enough, and covering every kind of thing a listing
can say, so the site, print and exports are exercised by real-looking data."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from generator.directory import load_config
from generator.formats import phone_digits
from generator.freshness import Freshness
from generator.model import Access, Capacity, CostKind, Frequency, Status, Venue
from tests.conftest import DEMO

ROOT = Path(__file__).resolve().parent.parent
LISTINGS = DEMO / "listings"
CONFIG = DEMO / "site_config"
DEMO_AREAS = {"aigburth", "garston", "speke", "allerton", "woolton", "childwall", "wavertree"}

# The rows `python -m generator stale --today 2026-11-22` shows for the demo.
EXPECTED_DUE = {"cooking-on-a-budget", "speke-cv-clinic", "woolton-history-talks",
                "childwall-open-studio", "parkinsons-cafe"}
EXPECTED_STALE = {"early-swim-over-50s", "childwall-luncheon-club", "housing-advice-surgery",
                  "ukulele-for-beginners"}
EXPECTED_ENDED = {"carers-pamper-afternoon", "grow-together-summer", "open-mosque-day",
                  "private-renters-drop-in", "speke-skatepark-sessions"}


def _texts() -> dict[Path, str]:
    files = sorted(LISTINGS.glob("*.yml")) + sorted(CONFIG.glob("*.yml"))
    return {p: p.read_text(encoding="utf-8") for p in files}


@pytest.fixture(scope="module")
def activities(demo):
    return [e.activity for e in demo.activities]


@pytest.fixture(scope="module")
def schedules(activities):
    return [s for a in activities for s in a.schedules]


def test_the_demo_validates_without_errors(demo_result):
    assert [str(p) for p in demo_result.errors] == []
    # The only listing warning allowed is for the venue left without a map pin on purpose
    # (whether it shows depends on the transport data: a postcode file can place it).
    listing_warnings = [p for p in demo_result.warnings if p.file.startswith("listings/")]
    assert {(p.file, p.field) for p in listing_warnings} <= {("listings/venues.yml", "venues[6]")}


def test_the_demo_is_big_enough(demo):
    assert len(demo.organisations) >= 25
    assert len(demo.activities) >= 60
    assert len(demo.venues) >= 18


def test_every_file_starts_with_its_schema_line():
    for path in sorted(LISTINGS.glob("*.yml")):
        schema = "venues" if path.name == "venues.yml" else "listing"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{schema}.schema.json", path.name


def test_every_category_is_used(demo, activities):
    used = {c for a in activities for c in a.categories}
    assert {c.id for c in demo.config.categories} - used == set()


def test_every_area_has_venues_and_activities(demo):
    assert {v.area for v in demo.venues.values()} == DEMO_AREAS
    assert {area for e in demo.current() for area in e.areas} == DEMO_AREAS


def test_every_schedule_kind_is_used(schedules, activities):
    weekly = [s for s in schedules if s.frequency is Frequency.weekly]
    monthly = [s for s in schedules if s.frequency is Frequency.monthly]
    assert any(len(s.days) == 1 for s in weekly)
    assert any(len(s.days) >= 2 for s in weekly), "several days a week"
    assert any(s.frequency is Frequency.fortnightly and s.start_date for s in schedules)
    assert any(s.weeks and s.weeks[0].value == "last" for s in monthly)
    assert any([w.value for w in s.weeks] == ["first", "third"] for s in monthly)
    assert any(s.day_of_month for s in monthly), "monthly by date"
    assert any(s.frequency is Frequency.once and len(s.dates) > 1 for s in schedules)
    assert any(s.valid_from and s.valid_to for s in schedules), "seasonal"
    assert any(s.not_on_bank_holidays for s in schedules)
    assert any(s.term_time_only for s in schedules)
    assert any(not a.schedules for a in activities), "ring to arrange"


def test_every_cost_access_capacity_and_status_is_used(activities):
    assert {a.cost.kind for a in activities} == set(CostKind)
    assert {a.how_to_go.access for a in activities} == set(Access)
    assert {a.capacity for a in activities} == set(Capacity)
    assert {a.status for a in activities} == set(Status)
    referral = [a for a in activities if a.how_to_go.access is Access.referral]
    assert all(a.how_to_go.referral_from for a in referral)


def test_every_kind_of_place_is_used(activities):
    wheres = [a.where for a in activities]
    assert any(isinstance(w.venue, str) for w in wheres), "shared venue"
    assert sum(isinstance(w.venue, Venue) for w in wheres) >= 3, "inline venues"
    for how in ("online", "by_phone", "home_visits"):
        assert any(getattr(w, how) and w.venue is None and w.areas for w in wheres), how


def test_the_things_people_ask_about_are_there(demo, activities, schedules):
    assert any(set(a.languages) - {"English"} for a in activities)
    assert any(a.first_visit and a.first_visit.notes for a in activities)
    assert any(a.on_the_day_phone for a in activities)
    assert any(a.audience and a.audience.min_age == 14 and a.audience.max_age == 24 for a in activities)
    orgs = [o.organisation for o in demo.organisations]
    assert sum(o.governance is not None for o in orgs) >= 10
    maintainers = [m for o in orgs for m in o.maintainers]
    assert any(m.email and not m.github for m in maintainers)
    assert any(m.github and not m.email for m in maintainers)
    assert any(m.github and m.email for m in maintainers)
    # A weekday session before 9:30, when a concessionary bus pass is not yet valid.
    weekdays = {"monday", "tuesday", "wednesday", "thursday", "friday"}
    assert any(s.start < "09:30" and weekdays & {d.value for d in s.days} for s in schedules)
    assert any(s.start >= "18:00" for s in schedules), "evening sessions"
    early_afternoon = [s for s in schedules if "12:30" <= s.start <= "14:30"
                       and {d.value for d in s.days} & {"monday", "tuesday"}]
    assert len(early_afternoon) >= 10, "Monday and Tuesday early afternoons are what patients ask for"


def test_descriptions_use_the_markdown_subset(activities):
    text = "\n".join(a.description or "" for a in activities)
    assert "**" in text
    assert re.search(r"^- ", text, re.M)
    assert re.search(r"\[[^\]]+\]\(https://[^)]+\)", text)


def test_staleness_at_the_pinned_date(demo):
    by_state: dict[Freshness, set[str]] = {}
    for entry in demo.activities:
        by_state.setdefault(entry.freshness, set()).add(entry.id)
    assert by_state[Freshness.due] == EXPECTED_DUE
    assert by_state[Freshness.stale] == EXPECTED_STALE
    assert by_state[Freshness.ended] == EXPECTED_ENDED
    assert len(by_state[Freshness.fresh]) == len(demo.activities) - 14


def test_venues_are_where_their_area_is(demo):
    districts = {"aigburth": {"L17", "L19"}, "garston": {"L19"}, "speke": {"L24"},
                 "allerton": {"L18", "L19"}, "woolton": {"L25"}, "childwall": {"L15", "L16"},
                 "wavertree": {"L15"}}
    areas = demo.config.area_by_id
    unplaced = []
    for vid, venue in demo.venues.items():
        assert venue.postcode.split()[0] in districts[venue.area], vid
        if venue.latitude is None:
            unplaced.append(vid)
            continue
        area = areas[venue.area]
        km = math.dist((venue.latitude * 111.2, venue.longitude * 66.4),
                       (area.latitude * 111.2, area.longitude * 66.4))
        assert km < 2.5, f"{vid} is {km:.1f} km from the middle of {area.name}"
    assert unplaced == ["holy-trinity-garston-hall"]
    overridden = [vid for vid, v in demo.venues.items() if v.transport]
    assert overridden == ["garston-village-hall"]
    assert demo.venues["garston-village-hall"].transport.buses == ["82", "82A", "86"]


def test_phone_numbers_are_from_the_drama_ranges(demo):
    numbers = set(re.findall(r"\b0\d{3,4}[ \d]{6,9}\d\b", "\n".join(_texts().values())))
    for entry in demo.activities:
        numbers |= {n for n in (entry.activity.phone, entry.activity.on_the_day_phone) if n}
        numbers |= {p.number for p in entry.organisation.phones}
    assert len(numbers) > 30
    for number in numbers:
        digits = phone_digits(number)
        assert re.fullmatch(r"01514960\d{3}|02079460\d{3}|07700900\d{3}", digits), number


def test_emails_and_web_addresses_are_on_example_org():
    text = "\n".join(_texts().values())
    emails = re.findall(r"[\w.+-]+@([\w.-]+)", text)
    urls = re.findall(r"https?://([^/\s\"')]+)", text)
    assert len(emails) > 25 and len(urls) > 20
    for host in emails + urls:
        if host in ("openactive.io", "www.openstreetmap.org"):  # codes and links in site_config
            continue
        assert host == "example.org" or host.endswith(".example.org"), host


def test_editions_and_places():
    config = load_config(CONFIG)
    single = [e for e in config.editions if len(e.areas) == 1]
    assert {e.areas[0] for e in single} == DEMO_AREAS
    assert any(not e.areas and not e.centre for e in config.editions), "the whole directory"
    assert any(len(e.areas) > 1 for e in config.editions), "a PCN as a list of areas"
    assert any(e.centre and e.radius_km for e in config.editions), "a surgery by distance"
    assert len(config.places) >= 3
    assert {p.area for p in config.places} <= DEMO_AREAS
