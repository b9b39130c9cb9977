"""Transport that tells the truth: an out-of-date timetable is a warning naming the file and its
end date (and 30 days before), stops stay listed when no bus in the timetable still runs, "No
bus stop within 400 m" only when there is none, NaPTAN files saved as Windows-1252 read right,
stop names in normal case with NaPTAN's short forms spelt out, and only the buses that run on an
activity's days. Small synthetic files in tmp folders (see tests/test_transport.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from generator.directory import load
from generator.model import Activity
from generator.transport.data import clear_cache
from generator.transport.model import NearbyStop, RouteAtStop
from generator.transport.naptan import read_naptan
from generator.transport.tables import TransportDataError
from generator.words import transport as words
from tests.test_transport import NAPTAN, TODAY, make_directory, zip_feed


def _ended_feed(root, last_day: str = "20260930"):
    """Every service in the tiny feed ends on `last_day` (and no dates are added later)."""
    feed = root / "site_config" / "transport" / "gtfs"
    calendar = feed / "calendar.txt"
    lines = calendar.read_text().splitlines()
    calendar.write_text("\n".join([lines[0]] + [",".join(line.split(",")[:-1] + [last_day])
                                                 for line in lines[1:]]) + "\n")
    (feed / "calendar_dates.txt").write_text("service_id,date,exception_type\n")
    zip_feed(feed, root / "site_config" / "transport" / "gtfs.zip")
    clear_cache()


def _load(root, today=TODAY):
    return load(root / "listings", root / "site_config", today=today)


def test_an_ended_timetable_is_a_warning_and_the_stops_stay(tmp_path):
    root = make_directory(tmp_path)
    _ended_feed(root)
    result = _load(root)
    warnings = [p for p in result.problems if "bus timetable" in p.message]
    assert len(warnings) == 1
    [warning] = warnings
    assert warning.severity == "warning"
    assert warning.file.endswith("transport/gtfs") and "ended on 30 September 2026" in warning.message
    hall = result.directory.transport["main-hall"]
    assert hall.stops, "the stops 17-32 m away vanished with the timetable"
    assert [s.name for s in hall.stops] == ["Near Stop", "East Stop"]
    assert all(not s.current and not s.routes for s in hall.stops)
    text = words.lines(hall)
    assert "No bus stop within 400 m." not in text
    assert words.say(words.NO_CURRENT_SERVICE) in text
    # far from any stop: still "no bus stop"
    assert words.lines(result.directory.transport["far-hall"]) == ["No bus stop within 400 m."]


def test_a_timetable_ending_within_30_days_is_a_warning(tmp_path):
    root = make_directory(tmp_path)
    _ended_feed(root, "20261215")
    [warning] = [p for p in _load(root).problems if "bus timetable" in p.message]
    assert "ends on 15 December 2026, in 23 days" in warning.message
    clear_cache()
    assert not [p for p in _load(root, dt.date(2026, 11, 1)).problems if "bus timetable" in p.message]


def test_validate_says_so(tmp_path, capsys):
    from generator.cli import main

    root = make_directory(tmp_path)
    _ended_feed(root)
    (root / "listings" / "venues.yml").write_text("venues: []\n")
    main(["validate", "--listings", str(root / "listings"), "--config", str(root / "site_config"),
          "--today", TODAY.isoformat()])
    out = capsys.readouterr()
    said = out.out + out.err
    assert "1 warning(s)" in said
    assert "transport/gtfs" in said and "ended on 30 September 2026" in said


def test_a_current_timetable_keeps_only_stops_with_buses(tmp_path):
    result = _load(make_directory(tmp_path))
    hall = result.directory.transport["main-hall"]
    assert hall.stops and all(s.current and s.routes for s in hall.stops)
    assert not [p for p in result.problems if "bus timetable" in p.message]


def test_a_windows_1252_naptan_file_reads_right(tmp_path):
    root = make_directory(tmp_path)
    stops = root / "site_config" / "transport" / "stops.csv"
    stops.write_bytes(NAPTAN.replace("Near Stop", "Café Corner").encode("cp1252"))
    found = read_naptan(stops)
    assert found["S1"].name == "Café Corner"
    hall = _load(root).directory.transport["main-hall"]
    assert hall.stops[0].name == "Café Corner"


def test_a_naptan_file_in_another_encoding_is_refused_clearly(tmp_path):
    bad = tmp_path / "stops.csv"
    bad.write_bytes(NAPTAN.encode() + b"S8,t8,Bad \x81\x8d Stop,,,,-2.9,53.4,BCT,active\n")
    with pytest.raises(TransportDataError) as err:
        read_naptan(bad, "transport/stops.csv")
    message = str(err.value)
    assert "transport/stops.csv" in message and "not UTF-8 or Windows-1252" in message
    assert "CSV UTF-8" in message


@pytest.mark.parametrize(("name", "indicator", "label"), [
    ("RUNCORN HIGH STREET- STAND C", "", "Runcorn High Street - Stand C"),
    ("ST MARY'S ROAD", "(opp)", "St Mary's Road (opposite)"),
    ("ALLERTON ROAD", "o/s", "Allerton Road (outside)"),
    ("Aigburth Vale", "adj", "Aigburth Vale (near)"),
    ("Aigburth Vale", "Stop B", "Aigburth Vale (Stop B)"),
    ("LIVERPOOL ONE BUS STATION", "STAND 3", "Liverpool ONE Bus Station (Stand 3)"),
    ("Mather Avenue", "nr", "Mather Avenue (near)"),
    ("Church Road", "o/p", "Church Road (opposite)"),
])
def test_stop_names_in_normal_case_and_short_forms_spelt_out(name, indicator, label):
    stop = NearbyStop(name, indicator, "X", 20, 1, 53.4, -2.9, ())
    assert words.stop_label(stop) == label


def _walk(days: list[str]) -> Activity:
    return Activity.model_validate({
        "id": "walk", "name": "Walk", "summary": "A walk.", "categories": ["walking"],
        "cost": {"kind": "free"}, "how_to_go": {"access": "drop-in"}, "where": {"online": True},
        "last_checked": "2026-11-01", "checked_by": "Test",
        "schedules": [{"frequency": "weekly", "days": days, "start": "10:00", "end": "11:00"}]})


def test_only_the_buses_that_run_on_the_activitys_days():
    """A Tuesday-only walk listed "Bus 89 … Saturdays only"."""
    daily = RouteAtStop("82", "Red", ("City",), "Every day", "", frozenset(range(7)))
    saturday = RouteAtStop("89", "Red", ("Speke",), "Saturdays only", "", frozenset({5}))
    unknown = RouteAtStop("500", "Blue", ("Town",), "", "", frozenset())
    stop = NearbyStop("Near Stop", "Stop A", "S1", 20, 1, 53.4, -2.9, (daily, saturday, unknown))
    tuesday = _walk(["tuesday"])
    assert [r.number for r in words.routes_for(stop, tuesday)] == ["82", "500"]
    assert [r.number for r in words.routes_for(stop, _walk(["saturday"]))] == ["82", "89", "500"]
    lines = words.stop_lines(stop, tuesday)
    assert "89" not in " ".join(lines) and "Saturdays" not in " ".join(lines)
    only_saturday = dataclasses.replace(stop, routes=(saturday,))
    assert words.stop_lines(only_saturday, tuesday)[1] == words.say(words.NONE_ON_THE_DAY)


def test_the_site_and_print_drop_buses_that_do_not_run_that_day(tmp_path):
    """With real GTFS: the blue 82 runs on Saturdays only, so a Tuesday activity does not get it."""
    result = _load(make_directory(tmp_path))
    hall = result.directory.transport["main-hall"]
    blue = [r for s in hall.stops for r in s.routes if r.operator == "Blue Buses"]
    assert blue and all(r.weekdays == frozenset({5}) for r in blue)
    shown = [r for s in hall.stops for r in words.routes_for(s, _walk(["tuesday"]))]
    assert shown and not [r for r in shown if r.operator == "Blue Buses"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_cache()
    yield
    clear_cache()

