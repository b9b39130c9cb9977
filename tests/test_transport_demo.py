"""Transport on the demo directory: South Liverpool's fictional stops and routes."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

from generator import urls
from generator.schedule import sessions
from generator.transport import buspass
from generator.transport.routes import route_index
from generator.words import transport as words
from tests.conftest import DEMO

ROOT = Path(__file__).resolve().parent.parent
DATA = DEMO / "site_config" / "transport"


def _routes(stop) -> list[tuple[str, str, tuple[str, ...], str]]:
    return [(r.number, r.operator, r.towards, r.days) for r in stop.routes]


def test_demo_nearest_stop_with_numbers(demo):
    library = demo.transport["aigburth-vale-library"]
    assert library.source == "computed"
    assert [(s.atco_code, s.label, s.distance_m, s.walk_minutes) for s in library.stops] == [
        ("2800S43004B", "Aigburth Vale (Stop B)", 96, 2),
        ("2800S43004A", "Aigburth Vale (Stop A)", 101, 3),
    ]
    assert _routes(library.stops[0]) == [
        ("82", "Riverside Buses", ("City Centre",), "Every day"),
        ("82A", "Riverside Buses", ("City Centre",), "Monday to Saturday"),
        ("82C", "Riverside Buses", ("City Centre",), "Weekdays"),
        ("500", "Mersey Link", ("Liverpool ONE",), "Every day"),
    ]
    assert library.buses == ("82", "82A", "82C", "89", "500")
    assert library.stops[0].naptan_code.startswith("mer")  # the number on the stop's flag
    assert library.stops[0].routes[0].operator_phone == "0151 496 0410"
    assert words.lines(library)[:3] == [
        "Nearest stop: Aigburth Vale (Stop B), 96 m, about 2 minutes' walk.",
        "Buses 82, 82A and 82C towards City Centre; 500 towards Liverpool ONE.",
        "82A runs Monday to Saturday; 82C weekdays only.",
    ]


def test_demo_inactive_stop_is_ignored(demo):
    # NaPTAN lists an inactive stop 6 m from St Anne's Church Hall; it must never be offered
    hall = demo.transport["st-annes-hall"]
    assert "2800S49001A" in (DATA / "stops.csv").read_text()
    assert [(s.atco_code, s.distance_m) for s in hall.stops] == [
        ("2800S43005A", 104), ("2800S43005B", 105)]


def test_demo_two_operators_run_a_75(demo):
    hall = demo.transport["allerton-methodist-hall"]
    assert [(r.number, r.operator, r.days) for r in hall.stops[0].routes if r.number == "75"] == [
        ("75", "Mersey Link", "Every day"), ("75", "Riverside Buses", "Monday to Saturday")]
    labels = [(r.label, urls.bus_route(r.number, r.operator_slug)) for r in route_index(demo)]
    assert labels[:2] == [("75 (Mersey Link)", "buses/75-mersey-link/"),
                          ("75 (Riverside Buses)", "buses/75-riverside-buses/")]
    assert [label for label, _ in labels] == [
        "75 (Mersey Link)", "75 (Riverside Buses)", "76", "78", "80A", "81A", "82", "82A", "82C",
        "86", "86A", "89", "500"]


def test_demo_saturday_only_and_weekday_only_routes(demo):
    index = {r.label: r for r in route_index(demo)}
    assert (index["89"].operator, index["89"].operator_phone) == ("Mersey Link", "0151 496 0420")
    assert index["89"].days == ("Saturdays only",)
    assert index["82C"].days == ("Weekdays",)
    assert index["82"].days == ("Every day",)


def test_demo_venue_with_no_stop_in_range(demo):
    cafe = demo.transport["sefton-park-palm-cafe"]
    assert (cafe.source, cafe.stops) == ("computed", ())
    assert words.lines(cafe) == ["No bus stop within 400 m."]


def test_demo_hand_written_details_win(demo, demo_result):
    hall = demo.transport["garston-village-hall"]
    assert hall.source == "manual"
    assert hall.nearest_stop_text == "St Mary's Road (Stop C), outside the hall"
    assert hall.buses == ("82", "82A", "86")
    assert hall.stops == ()
    # the data agrees: every hand-written bus stops within 400 m, so no warning
    assert {"82", "82A", "86"} <= {r.number for s in hall.computed_stops for r in s.routes}
    assert not [p for p in demo_result.problems if "transport" in p.field]


def test_demo_postcode_places_the_venue_without_a_pin(demo, demo_result):
    hall = demo.transport["holy-trinity-garston-hall"]
    assert hall.located_by == "postcode"
    assert hall.stops[0].label == "Church Road (opp)"
    assert not [p for p in demo_result.problems if "latitude" in p.message]


def test_demo_early_weekday_activities_are_flagged(demo):
    # independent check: expand two years of sessions and look for a weekday start before 09:30
    start, end = demo.today - dt.timedelta(days=365), demo.today + dt.timedelta(days=365)
    early = set()
    for entry in demo.activities:
        found = sessions(entry.activity.schedules, start, end)
        if any(s.date.weekday() < 5 and s.start < "09:30" for s in found):
            early.add(entry.id)
    assert early  # the demo has some
    assert {e.id for e in demo.activities if buspass.starts_before_bus_pass(e)} == early


def test_demo_data_is_what_the_script_makes(tmp_path):
    spec = importlib.util.spec_from_file_location("make_demo", ROOT / "scripts" / "make_demo_transport.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--out", str(tmp_path)]) == 0
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    kept = sorted(p.relative_to(DATA) for p in DATA.rglob("*") if p.is_file() and p.suffix != ".md")
    assert made == kept
    for relative in made:
        assert (tmp_path / relative).read_bytes() == (DATA / relative).read_bytes(), relative


def test_transport_command_prints_a_venue(capsys):
    from generator.cli import main

    assert main(["transport", "aigburth-vale-library", "sefton-park-palm-cafe",
                 "garston-village-hall", "--today", "2026-11-22"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines()[:4] == [
        "Aigburth Vale Library [aigburth-vale-library] (from the bus data)",
        "    Nearest stop: Aigburth Vale (Stop B), 96 m, about 2 minutes' walk.",
        "    Buses 82, 82A and 82C towards City Centre; 500 towards Liverpool ONE.",
        "    82A runs Monday to Saturday; 82C weekdays only.",
    ]
    assert ("Lakeside Café, Sefton Park [sefton-park-palm-cafe] (from the bus data)\n"
            "    No bus stop within 400 m.\n") in out
    assert ("Garston Village Hall [garston-village-hall] (written by hand)\n"
            "    Nearest stop: St Mary's Road (Stop C), outside the hall.\n"
            "    Buses 82, 82A and 86.\n") in out
    assert main(["transport", "no-such-venue"]) == 2
    assert capsys.readouterr().err == "No venue with the id no-such-venue.\n"


def test_transport_command_lists_routes(capsys):
    from generator.cli import main

    assert main(["transport", "--routes", "--today", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    assert "82C (Riverside Buses) towards Garston and City Centre, Weekdays: " in out
    assert "89 (Mersey Link) towards Aigburth Vale and Speke, Saturdays only: " in out


def test_transport_files_are_read_once(monkeypatch):
    from generator.directory import load
    from generator.transport import data, gtfs, naptan

    data.clear_cache()
    calls = []
    real_naptan, real_routes = naptan.read_naptan, gtfs.routes_at_stops
    monkeypatch.setattr(naptan, "read_naptan", lambda *a, **k: calls.append("naptan") or real_naptan(*a, **k))
    monkeypatch.setattr(gtfs, "routes_at_stops", lambda *a, **k: calls.append("gtfs") or real_routes(*a, **k))
    first = load(DEMO / "listings", DEMO / "site_config", today=dt.date(2026, 11, 22))
    second = load(DEMO / "listings", DEMO / "site_config", today=dt.date(2026, 11, 22))
    assert calls == ["naptan", "gtfs"]
    assert first.directory.transport == second.directory.transport
