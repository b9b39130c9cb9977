"""Transport on hand-built tiny data: readers, routes at stops, days, distances, overrides."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
import zipfile
from pathlib import Path

import pytest

from generator.directory import load
from generator.model import Activity
from generator.transport import buspass
from generator.transport.data import clear_cache
from generator.transport.days import days_text, in_sentence
from generator.transport.enrich import planner_url, walk_minutes
from generator.transport.gtfs import natural_key, routes_at_stops, service_days
from generator.transport.model import RouteAtStop
from generator.transport.naptan import read_naptan
from generator.transport.spatial import Grid, haversine_m
from generator.transport.tables import Feed, TransportDataError
from generator.words import transport as words
from tests.conftest import DEMO

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)

NAPTAN = """\
ATCOCode,NaptanCode,CommonName,Indicator,Street,LocalityName,Longitude,Latitude,StopType,Status
S1,t1,Near Stop,Stop A,High Street,Testville,-2.9000,53.4009,BCT,active
S2,t2,East Stop,opp,Long Road,Testville,-2.8950,53.4000,BCT,active
S3,t3,Out Of Range,adj,High Street,Testville,-2.9000,53.4045,BCT,active
S4,t4,Closed Stop,o/s,High Street,Testville,-2.9000,53.4001,BCT,inactive
S5,t5,Old Stop,o/s,High Street,Testville,-2.9000,53.4002,BCT,del
R1,,Testville Station,,,Testville,-2.9000,53.4003,RSE,active
S9,t9,Far End,,Far Road,Elsewhere,-2.9000,53.4500,BCT,active
"""

GTFS = {
    "agency.txt": """\
        agency_id,agency_name,agency_url,agency_timezone
        RED,Red Buses,https://red.example.org,Europe/London
        BLUE,Blue Buses,https://blue.example.org,Europe/London
        """,
    "routes.txt": """\
        route_id,agency_id,route_short_name,route_long_name,route_type
        r82,RED,82,Town - City,3
        b82,BLUE,82,Town - Speke,3
        r10x,RED,10X,Town - Airport,3
        rail,BLUE,7,Railway,2
        """,
    "stops.txt": """\
        stop_id,stop_code,stop_name,stop_lat,stop_lon,location_type
        S1,t1,Near Stop (Stop A),53.4009,-2.9000,0
        S2,t2,East Stop,53.4000,-2.8950,
        S3,t3,Out Of Range (adj),53.4045,-2.9000,0
        S9,t9,Far End,53.4500,-2.9000,0
        ST,,Testville Station,53.4003,-2.9000,1
        """,
    "calendar.txt": """\
        service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date
        ALL,1,1,1,1,1,1,1,20260101,20301231
        WK,1,1,1,1,1,0,0,20260101,20301231
        SA,0,0,0,0,0,1,0,20260101,20301231
        OLD,1,1,1,1,1,1,1,20200101,20201231
        """,
    "calendar_dates.txt": """\
        service_id,date,exception_type
        WK,20261225,2
        SA,20270503,1
        """,
    "trips.txt": """\
        route_id,service_id,trip_id,trip_headsign
        r82,ALL,t1,City Centre
        b82,SA,t2,Speke
        r10x,WK,t3,Airport
        r10x,OLD,t4,Ghost Town
        rail,ALL,t5,Railway
        r82,ALL,t6,Near Stop
        r82,ALL,t7,
        """,
    "stop_times.txt": """\
        trip_id,arrival_time,departure_time,stop_id,stop_sequence
        t1,08:00:00,08:00:00,S1,1
        t1,08:05:00,08:05:00,S2,2
        t1,08:20:00,08:20:00,S9,3
        t2,09:00:00,09:00:00,S1,1
        t2,09:04:00,09:04:00,S3,2
        t3,07:00:00,07:00:00,S2,1
        t3,07:03:00,07:03:00,S1,2
        t3,07:30:00,07:30:00,S9,3
        t4,10:00:00,10:00:00,S1,1
        t4,10:10:00,10:10:00,S9,2
        t5,11:00:00,11:00:00,S1,1
        t5,11:10:00,11:10:00,S9,2
        t6,12:00:00,12:00:00,S9,1
        t6,12:15:00,12:15:00,S1,2
        t7,13:00:00,13:00:00,S2,1
        t7,13:20:00,13:20:00,S9,2
        """,
}

SITE_TRANSPORT = """\
transport:
  max_distance_m: 400
  walking_speed_m_per_min: 50
  max_stops: 3
  naptan: transport/stops.csv
  gtfs: {gtfs}
  postcodes: transport/postcodes.csv
"""

VENUES = """\
venues:
  - id: main-hall
    name: Main Hall
    address: 1 High Street, Testville
    postcode: L17 7AA
    area: aigburth
    latitude: 53.4
    longitude: -2.9
  - id: far-hall
    name: Far Hall
    address: 1 Lonely Lane, Testville
    postcode: L17 7AB
    area: aigburth
    latitude: 53.3
    longitude: -2.9
  - id: postcode-hall
    name: Postcode Hall
    address: 2 High Street, Testville
    postcode: l1 1aa
    area: aigburth
  - id: lost-hall
    name: Lost Hall
    address: 3 Nowhere Street, Testville
    postcode: L9 9ZZ
    area: aigburth
  - id: hand-hall
    name: Hand Hall
    address: 4 High Street, Testville
    postcode: L17 7AA
    area: aigburth
    latitude: 53.4
    longitude: -2.9
    transport:
      nearest_stop: Near Stop (Stop A)
      buses: ["82", "99", "10X"]
      notes: Ask the driver for the hall.
  - id: agreeing-hall
    name: Agreeing Hall
    address: 5 High Street, Testville
    postcode: L17 7AA
    area: aigburth
    latitude: 53.4
    longitude: -2.9
    transport:
      buses: ["82"]
"""


def write_feed(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GTFS.items():
        (folder / name).write_text(textwrap.dedent(text))
    return folder


def zip_feed(folder: Path, target: Path, inside: str = "") -> Path:
    with zipfile.ZipFile(target, "w") as z:
        for p in sorted(folder.iterdir()):
            z.write(p, f"{inside}{p.name}")
    return target


def make_directory(tmp_path: Path, *, gtfs: str = "transport/gtfs", venues: str = VENUES,
                   naptan: str = NAPTAN, transport: str | None = None) -> Path:
    """A tiny directory: site_config (with transport data) and listings/venues.yml."""
    config = tmp_path / "site_config"
    config.mkdir()
    for name in ("categories.yml", "areas.yml"):
        shutil.copy(DEMO / "site_config" / name, config / name)
    site = (DEMO / "site_config" / "site.yml").read_text()
    site = site[: site.index("transport:")] + (transport or SITE_TRANSPORT.format(gtfs=gtfs))
    (config / "site.yml").write_text(site)
    data = config / "transport"
    data.mkdir()
    (data / "stops.csv").write_text(naptan)
    (data / "postcodes.csv").write_text("postcode,latitude,longitude\nL1 1AA,53.4000,-2.9001\n")
    feed = write_feed(data / "gtfs")
    zip_feed(feed, data / "gtfs.zip")
    listings = tmp_path / "listings"
    listings.mkdir()
    (listings / "venues.yml").write_text(venues)
    clear_cache()
    return tmp_path


def loaded(tmp_path: Path, **kwargs):
    root = make_directory(tmp_path, **kwargs)
    return load(root / "listings", root / "site_config", today=TODAY)


def line_of(start: str) -> int:
    """1-based line in VENUES that starts with `start`."""
    return next(i for i, line in enumerate(VENUES.splitlines(), 1) if line.startswith(start))


def route_tuples(stop) -> list[tuple[str, str, tuple[str, ...], str]]:
    return [(r.number, r.operator, r.towards, r.days) for r in stop.routes]


# ---------------------------------------------------------------------------------------------
# Distances and the grid


def test_haversine_against_known_distances():
    # one degree of latitude is 111.195 km on the mean-radius sphere
    assert haversine_m(53.0, -2.9, 54.0, -2.9) == pytest.approx(111_195.08, abs=0.01)
    assert round(haversine_m(53.4, -2.9, 53.4009, -2.9)) == 100
    assert round(haversine_m(53.4, -2.9, 53.4, -2.895)) == 331


def test_grid_finds_exactly_what_a_full_scan_finds():
    import random

    from generator.transport.naptan import Stop

    rng = random.Random(1)
    stops = [Stop(f"S{i}", "", "", 53.3 + rng.random() * 0.2, -3.0 + rng.random() * 0.3)
             for i in range(3000)]
    grid = Grid(stops, 400)
    for _ in range(200):
        lat, lon = 53.3 + rng.random() * 0.2, -3.0 + rng.random() * 0.3
        scan = sorted(s.atco_code for s in stops
                      if haversine_m(lat, lon, s.latitude, s.longitude) <= 400)
        assert sorted(s.atco_code for _, s in grid.within(lat, lon, 400)) == scan


def test_walk_minutes_at_a_slow_pace():
    assert walk_minutes(100, 50) == 2
    assert walk_minutes(101, 50) == 3
    assert walk_minutes(5, 50) == 1


# ---------------------------------------------------------------------------------------------
# NaPTAN


def test_naptan_keeps_active_bus_stops_only(tmp_path):
    path = tmp_path / "stops.csv"
    path.write_text(NAPTAN)
    stops = read_naptan(path)
    assert sorted(stops) == ["S1", "S2", "S3", "S9"]  # not inactive S4, deleted S5, station R1
    s1 = stops["S1"]
    assert (s1.name, s1.indicator, s1.naptan_code, s1.street, s1.locality) == (
        "Near Stop", "Stop A", "t1", "High Street", "Testville")
    assert (s1.latitude, s1.longitude) == (53.4009, -2.9)


def test_naptan_columns_in_any_capitalisation_and_order(tmp_path):
    path = tmp_path / "stops.csv"
    path.write_text(
        "\ufeffstatus,LATITUDE,longitude,commonname,INDICATOR,atcocode,stoptype\n"
        "Active,53.4009,-2.9,Near Stop,Stop A,S1,bct\n"
        "INACTIVE,53.4001,-2.9,Closed Stop,o/s,S4,BCT\n", encoding="utf-8")
    stops = read_naptan(path)
    assert list(stops) == ["S1"]
    assert (stops["S1"].name, stops["S1"].indicator) == ("Near Stop", "Stop A")


def test_naptan_missing_column_is_explained(tmp_path):
    path = tmp_path / "stops.csv"
    path.write_text("ATCOCode,CommonName,Latitude\nS1,Near,53.4\n")
    with pytest.raises(TransportDataError) as err:
        read_naptan(path, "site_config/transport/stops.csv")
    assert str(err.value) == ("site_config/transport/stops.csv:1: the column Longitude is missing "
                              "from the first line (the column names). Is this the right file?")


# ---------------------------------------------------------------------------------------------
# GTFS


@pytest.fixture
def feed_dir(tmp_path) -> Path:
    return write_feed(tmp_path / "gtfs")


NAMES = {"S1": "Near Stop", "S2": "East Stop", "S3": "Out Of Range", "S9": "Far End"}


def test_routes_at_stop_two_operators_same_number(feed_dir):
    with Feed(feed_dir) as feed:
        found = routes_at_stops(feed, {"S1", "S2", "S9"}, NAMES, today=TODAY)
    assert [(r.number, r.operator, r.towards, r.days) for r in found["S1"]] == [
        ("10X", "Red Buses", ("Airport",), "Weekdays"),  # weekday-only service
        ("82", "Blue Buses", ("Speke",), "Saturdays only"),  # one extra bank-holiday date ignored
        ("82", "Red Buses", ("City Centre",), "Every day"),  # t6 ends at S1: not counted
    ]
    # t7 has no headsign: it is "towards" the name of its last stop
    assert [(r.number, r.operator, r.towards, r.days) for r in found["S2"]] == [
        ("10X", "Red Buses", ("Airport",), "Weekdays"),
        ("82", "Red Buses", ("City Centre", "Far End"), "Every day"),
    ]
    # only t6 starts at S9; every other trip ends there, and nobody boards a bus that ends
    assert [(r.number, r.towards) for r in found["S9"]] == [("82", ("Near Stop",))]
    assert "S3" not in found  # not asked for


def test_ended_services_and_non_bus_routes_are_left_out(feed_dir):
    with Feed(feed_dir) as feed:
        found = routes_at_stops(feed, {"S1"}, NAMES, today=TODAY)
    towards = {t for r in found["S1"] for t in r.towards}
    assert "Ghost Town" not in towards  # service OLD ended in 2020
    assert "Railway" not in towards  # route_type 2 is rail
    with Feed(feed_dir) as feed:  # without a date, the 2020 service counts
        found = routes_at_stops(feed, {"S1"}, NAMES, today=None)
    assert ("10X", ("Airport", "Ghost Town"), "Every day") in [
        (r.number, r.towards, r.days) for r in found["S1"]]


def test_zip_and_folder_give_the_same_answer(feed_dir, tmp_path):
    plain = zip_feed(feed_dir, tmp_path / "plain.zip")
    nested = zip_feed(feed_dir, tmp_path / "nested.zip", inside="feed-2026/")
    answers = []
    for path in (feed_dir, plain, nested):
        with Feed(path) as feed:
            answers.append(routes_at_stops(feed, {"S1", "S2"}, NAMES, today=TODAY))
    assert answers[0] == answers[1] == answers[2]
    assert len(answers[0]["S1"]) == 3


def test_calendar_dates_additions(tmp_path):
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "calendar.txt").write_text(
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
        "SAT,0,0,0,0,0,1,0,20260101,20301231\n")
    (folder / "calendar_dates.txt").write_text(
        "service_id,date,exception_type\n"
        "SAT,20261228,1\n"  # one extra Monday (a bank holiday): not a pattern
        "SAT,20261225,2\n"
        "DEC,20261205,1\nDEC,20261212,1\n"  # a service only in calendar_dates: Saturdays
        "SUNX,20261129,1\nSUNX,20261206,1\n"
        "PAST,20250105,1\n")
    with Feed(folder) as feed:
        days = service_days(feed, TODAY)
    assert days == {"SAT": frozenset({5}), "DEC": frozenset({5}), "SUNX": frozenset({6})}


def test_feed_missing_table_is_explained(tmp_path):
    folder = tmp_path / "g"
    folder.mkdir()
    with Feed(folder, "site_config/transport/gtfs") as feed, pytest.raises(TransportDataError) as err:
        routes_at_stops(feed, {"S1"}, {})
    assert str(err.value) == ("site_config/transport/gtfs:1: routes.txt is missing from the "
                              "GTFS feed.")


@pytest.mark.parametrize(("days", "text"), [
    ({0, 1, 2, 3, 4, 5, 6}, "Every day"),
    ({0, 1, 2, 3, 4, 5}, "Monday to Saturday"),
    ({0, 1, 2, 3, 4}, "Weekdays"),
    ({5}, "Saturdays only"),
    ({6}, "Sundays only"),
    ({5, 6}, "Weekends"),
    ({0, 1, 2, 3}, "Monday to Thursday"),
    ({0, 2, 4}, "Monday, Wednesday and Friday"),
    ({0, 1, 2, 3, 4, 6}, "Every day except Saturday"),
    ({1, 2}, "Tuesday and Wednesday"),
    (set(), ""),
])
def test_days_in_plain_english(days, text):
    assert days_text(days) == text


@pytest.mark.parametrize(("text", "inside"), [
    ("Every day", "every day"), ("Weekdays", "weekdays"), ("Weekends", "weekends"),
    ("Every day except Sunday", "every day except Sunday"),
    ("Monday to Saturday", "Monday to Saturday"), ("Saturdays only", "Saturdays only")])
def test_days_in_the_middle_of_a_sentence(text, inside):
    assert in_sentence(text) == inside


def test_bus_numbers_sort_the_way_people_do():
    numbers = ["500", "82C", "8", "82", "X1", "82A", "75"]
    assert sorted(numbers, key=natural_key) == ["8", "75", "82", "82A", "82C", "500", "X1"]


# ---------------------------------------------------------------------------------------------
# Enrichment through load()


@pytest.mark.parametrize("gtfs", ["transport/gtfs", "transport/gtfs.zip"])
def test_enrich_nearest_stops_with_numbers(tmp_path, gtfs):
    result = loaded(tmp_path, gtfs=gtfs)
    main = result.directory.transport["main-hall"]
    assert main.source == "computed"
    assert [(s.atco_code, s.label, s.distance_m, s.walk_minutes) for s in main.stops] == [
        ("S1", "Near Stop (Stop A)", 100, 2),
        ("S2", "East Stop (opp)", 331, 7),
    ]  # S3 is 500 m away; S4 (inactive) would be 11 m
    assert main.buses == ("10X", "82")
    assert route_tuples(main.stops[0])[1] == ("82", "Blue Buses", ("Speke",), "Saturdays only")
    assert main.max_distance_m == 400
    assert main.located_by == "venue"
    assert main.journey_planner_url == "https://www.openstreetmap.org/directions?to=53.40000%2C-2.90000"


def test_enrich_says_plainly_when_no_stop_is_in_range(tmp_path):
    far = loaded(tmp_path).directory.transport["far-hall"]
    assert (far.source, far.stops, far.buses, far.has_stop) == ("computed", (), (), False)
    assert words.lines(far) == ["No bus stop within 400 m."]


def test_postcode_centre_places_a_venue_without_coordinates(tmp_path):
    hall = loaded(tmp_path).directory.transport["postcode-hall"]
    assert hall.located_by == "postcode"
    assert [(s.atco_code, s.distance_m) for s in hall.stops] == [("S1", 100), ("S2", 338)]


def test_venue_with_no_location_is_a_warning(tmp_path):
    result = loaded(tmp_path)
    lost = [p for p in result.problems if p.field == "venues[3]"]
    assert [str(p) for p in lost] == [
        f"{tmp_path}/listings/venues.yml:{line_of('  - id: lost-hall')}:5: venues[3]: warning: This venue has no latitude and "
        "longitude, and its postcode L9 9ZZ is not in the postcode file "
        "(transport/postcodes.csv), so the nearest bus stops cannot be found. Add latitude: and "
        "longitude: (from a map), or write the nearest stop and buses by hand under transport:."]
    assert result.errors == []
    assert result.directory.transport["lost-hall"].source == "none"


def test_hand_written_buses_win_and_disagreement_is_a_warning(tmp_path):
    result = loaded(tmp_path)
    hand = result.directory.transport["hand-hall"]
    assert hand.source == "manual"
    assert hand.buses == ("10X", "82", "99")  # as written, sorted, never replaced
    assert hand.nearest_stop_text == "Near Stop (Stop A)"
    assert hand.notes == "Ask the driver for the hall."
    assert hand.stops == ()  # outputs that show .stops never show computed ones over the hand's
    assert [s.atco_code for s in hand.computed_stops] == ["S1", "S2"]
    warnings = [str(p) for p in result.warnings if "transport" in p.field]
    line = line_of('      buses: ["82", "99"')
    assert warnings == [
        f"{tmp_path}/listings/venues.yml:{line}:7: venues[4].transport.buses: warning: The bus data "
        "does not agree with the buses written here: 99 does not stop within 400 m of this venue "
        "(the data has buses 10X and 82 there). The buses written here are shown; check them, "
        "or remove buses: to use the data."]
    assert words.lines(hand) == ["Nearest stop: Near Stop (Stop A).", "Buses 10X, 82 and 99.",
                                 "Ask the driver for the hall."]


def test_hand_written_buses_that_agree_give_no_warning(tmp_path):
    result = loaded(tmp_path)
    assert result.directory.transport["agreeing-hall"].source == "manual"
    assert not [p for p in result.problems if p.field.startswith("venues[5]")]


LISTING = """\
organisation:
  name: Test Group
activities:
  - id: hut-coffee-morning
    name: Coffee Morning
    summary: Coffee and a chat.
    categories: [walking]
    cost: {kind: free}
    how_to_go: {access: drop-in}
    schedules:
      - {frequency: weekly, days: [monday], start: "09:00", end: "11:00"}
    where:
      venue:
        name: The Hut
        address: 1 Park Road, Testville
        postcode: L17 7AA
        area: aigburth
        latitude: 53.4
        longitude: -2.9
        transport:
          buses: ["5"]
    last_checked: 2026-11-01
    checked_by: Test
"""


def test_inline_venue_warning_points_into_the_listing(tmp_path):
    root = make_directory(tmp_path, venues="venues: []\n")
    (root / "listings" / "test-group.yml").write_text(LISTING)
    result = load(root / "listings", root / "site_config", today=TODAY)
    assert result.errors == []
    found = [p for p in result.warnings if p.field.endswith("transport.buses")]
    line = LISTING.splitlines().index('          buses: ["5"]') + 1
    assert [(p.line, p.column, p.field) for p in found] == [
        (line, 11, "activities[0].where.venue.transport.buses")]
    assert found[0].message.startswith("The bus data does not agree with the buses written "
                                       "here: 5 does not stop within 400 m")
    entry = result.directory.activity("hut-coffee-morning")
    assert result.directory.getting_there(entry).buses == ("5",)
    assert buspass.starts_before_bus_pass(entry) is True


def test_no_transport_data_shows_hand_written_details(tmp_path):
    result = loaded(tmp_path, transport="transport:\n  max_distance_m: 400\n")
    transport = result.directory.transport
    assert transport["hand-hall"].buses == ("10X", "82", "99")
    assert transport["main-hall"].source == "none"
    assert words.lines(transport["main-hall"]) == []
    messages = {p.field: p.message for p in result.warnings}
    assert messages["venues[0]"] == (
        "This directory has no bus data (site_config/site.yml, transport:), so write the nearest "
        "stop and buses here by hand, e.g. transport: {nearest_stop: \"Aigburth Vale (Stop B)\", "
        "buses: [\"82\", \"82A\"]}.")
    assert "venues[4]" not in messages  # the hand-written venue is fine


def test_missing_transport_file_is_a_warning_not_a_crash(tmp_path):
    result = loaded(tmp_path, gtfs="transport/nowhere.zip")
    assert [str(p) for p in result.problems if "nowhere" in p.file] == [
        "site_config/transport/nowhere.zip:1:1: warning: The GTFS feed named in site.yml "
        "(transport: gtfs:) does not exist."]
    main = result.directory.transport["main-hall"]
    assert [s.atco_code for s in main.stops] == ["S1", "S2"]  # stops, without routes
    assert main.stops[0].routes == ()


def test_without_naptan_stops_come_from_gtfs(tmp_path):
    result = loaded(tmp_path, transport=SITE_TRANSPORT.format(gtfs="transport/gtfs").replace(
        "  naptan: transport/stops.csv\n", ""))
    main = result.directory.transport["main-hall"]
    assert [(s.name, s.indicator, s.distance_m) for s in main.stops] == [
        ("Near Stop", "Stop A", 100), ("East Stop", "", 331)]
    assert main.buses == ("10X", "82")


def test_planner_url_template():
    template = "https://www.traveline.info/plan?to={postcode}&lat={lat}&lon={lon}"
    assert planner_url(template, (53.4, -2.9, "venue"), "L17 7AA") == (
        "https://www.traveline.info/plan?to=L17%207AA&lat=53.40000&lon=-2.90000")
    assert planner_url(template, None, "L17 7AA") is None
    assert planner_url("https://example.org/?to={postcode}", None, "L17 7AA") == (
        "https://example.org/?to=L17%207AA")


# ---------------------------------------------------------------------------------------------
# Words and the bus pass


def test_words_for_shared_numbers_and_days():
    routes = (RouteAtStop("75", "Mersey Link", ("Woolton",), "Every day"),
              RouteAtStop("75", "Riverside Buses", ("Speke",), "Monday to Saturday"),
              RouteAtStop("82C", "Riverside Buses", ("Speke",), "Weekdays"),
              RouteAtStop("89", "Mersey Link", ("Speke",), "Saturdays only"))
    assert words.buses(routes) == ("Buses 75 (Mersey Link) towards Woolton; 75 (Riverside Buses), "
                                   "82C and 89 towards Speke")
    assert words.days(routes) == ("75 (Riverside Buses) runs Monday to Saturday; 82C weekdays "
                                  "only; 89 Saturdays only")


def _activity(*schedules: dict) -> Activity:
    return Activity.model_validate({
        "id": "test-activity", "name": "Test", "summary": "A test.", "categories": ["walking"],
        "cost": {"kind": "free"}, "how_to_go": {"access": "drop-in"},
        "where": {"online": True}, "last_checked": "2026-11-01", "checked_by": "Test",
        "schedules": list(schedules)})


@pytest.mark.parametrize(("schedule", "early"), [
    ({"frequency": "weekly", "days": ["tuesday"], "start": "09:00", "end": "10:00"}, True),
    ({"frequency": "weekly", "days": ["tuesday"], "start": "09:30", "end": "10:30"}, False),
    ({"frequency": "weekly", "days": ["saturday", "sunday"], "start": "08:00", "end": "09:00"}, False),
    ({"frequency": "weekly", "days": ["saturday", "friday"], "start": "8:15", "end": "09:00"}, True),
    ({"frequency": "once", "dates": ["2026-12-05"], "start": "08:00", "end": "09:00"}, False),
    ({"frequency": "once", "dates": ["2026-12-07"], "start": "08:00", "end": "09:00"}, True),
    ({"frequency": "monthly", "day_of_month": 3, "start": "09:29", "end": "10:00"}, True),
])
def test_bus_pass_flag(schedule, early):
    assert buspass.starts_before_bus_pass(_activity(schedule)) is early
    assert words.bus_pass_note(_activity(schedule)) == (
        "Starts before 9:30am on a weekday. The older person's bus pass is valid from 9:30am on "
        "weekdays." if early else None)
    assert buspass.NOTE == "The older person's bus pass is valid from 9:30am on weekdays."


def test_feed_with_other_stop_ids_falls_back_to_its_own_stops(tmp_path):
    renamed = NAPTAN.replace("S1,t1", "X1,t1").replace("S2,t2", "X2,t2").replace(
        "S3,t3", "X3,t3").replace("S9,t9", "X9,t9")
    result = loaded(tmp_path, naptan=renamed)
    assert [str(p) for p in result.problems if p.file.endswith("gtfs")] == [
        "site_config/transport/gtfs:1:1: warning: None of the stop_id values in stops.txt is an "
        "ATCOCode in site_config/transport/stops.csv, so the stops are taken from the GTFS feed "
        "instead. Use a feed whose stop_id is the ATCO code (as the Bus Open Data Service's are)."]
    main = result.directory.transport["main-hall"]
    assert [(s.atco_code, s.distance_m) for s in main.stops] == [("S1", 100), ("S2", 331)]
