"""Benchmark: transport enrichment of 10,000 venues against 20,000 stops and a ~5 MB stop_times.txt.

    python scripts/bench_transport.py [--venues 10000] [--stops 20000] [--zip]

Writes a synthetic NaPTAN CSV and GTFS feed (seeded) to a temporary folder, builds an in-memory
Directory of venues, and times generator.transport.enrich.enrich() from cold (files not yet
read) and warm (files cached). Target: under 10 s cold. The CPU time is printed too, since
the wall-clock time depends on what else the machine is doing.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from types import MappingProxyType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.directory import Directory, load_config  # noqa: E402
from generator.model import Venue  # noqa: E402
from generator.schedule import Calendar  # noqa: E402
from generator.transport import data as transport_data  # noqa: E402
from generator.transport.enrich import enrich  # noqa: E402

CENTRE = (53.40, -2.92)
SPAN = (0.18, 0.30)  # about 20 km x 20 km


def _point(rng: random.Random) -> tuple[float, float]:
    return (round(CENTRE[0] + (rng.random() - 0.5) * SPAN[0], 6),
            round(CENTRE[1] + (rng.random() - 0.5) * SPAN[1], 6))


def write_data(folder: Path, n_stops: int, target_bytes: int, rng: random.Random,
               as_zip: bool) -> tuple[Path, Path, list[tuple[float, float]]]:
    stops = [(f"2800S{i:07d}", *_point(rng)) for i in range(n_stops)]
    naptan = folder / "stops.csv"
    with naptan.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["ATCOCode", "NaptanCode", "CommonName", "Indicator", "Street", "LocalityName",
                      "Longitude", "Latitude", "StopType", "Status"])
        for i, (atco, lat, lon) in enumerate(stops):
            out.writerow([atco, f"mer{i:05d}", f"Stop {i}", rng.choice(["opp", "adj", "Stop A"]),
                          "Some Road", "Liverpool", lon, lat, "BCT", "active"])
    gtfs = folder / "gtfs"
    gtfs.mkdir()
    files = {
        "agency.txt": [["agency_id", "agency_name", "agency_url", "agency_timezone"],
                       ["A", "Operator A", "https://a.example.org", "Europe/London"],
                       ["B", "Operator B", "https://b.example.org", "Europe/London"]],
        "calendar.txt": [["service_id", "monday", "tuesday", "wednesday", "thursday", "friday",
                          "saturday", "sunday", "start_date", "end_date"],
                         ["WK", 1, 1, 1, 1, 1, 0, 0, "20260101", "20301231"],
                         ["SA", 0, 0, 0, 0, 0, 1, 0, "20260101", "20301231"],
                         ["SU", 0, 0, 0, 0, 0, 0, 1, "20260101", "20301231"]],
        "calendar_dates.txt": [["service_id", "date", "exception_type"], ["WK", "20261225", 2]],
    }
    for name, rows in files.items():
        with (gtfs / name).open("w", newline="") as handle:
            csv.writer(handle).writerows(rows)
    by_cell: dict[tuple[int, int], list[str]] = {}
    for atco, lat, lon in stops:
        by_cell.setdefault((int(lat * 100), int(lon * 60)), []).append(atco)
    cells = list(by_cell)
    routes, trips = [], []
    stop_times = gtfs / "stop_times.txt"
    with stop_times.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"])
        route = 0
        while handle.tell() < target_bytes:
            route += 1
            cell = rng.choice(cells)
            path = [rng.choice(by_cell[rng.choice(cells)] if rng.random() < 0.1 else by_cell[cell])
                    for _ in range(30)]
            routes.append([f"R{route}", "AB"[route % 2], str(route % 700 + 1), 3])
            for t in range(12):
                trip = f"R{route}-T{t}"
                trips.append([f"R{route}", ["WK", "SA", "SU"][t % 3], trip, f"Town {route % 50}"])
                start = 360 + t * 60
                for seq, stop in enumerate(path, start=1):
                    clock = f"{(start + seq * 2) // 60:02d}:{(start + seq * 2) % 60:02d}:00"
                    out.writerow([trip, clock, clock, stop, seq])
    for name, header, rows in (("routes.txt", ["route_id", "agency_id", "route_short_name", "route_type"], routes),
                               ("trips.txt", ["route_id", "service_id", "trip_id", "trip_headsign"], trips)):
        with (gtfs / name).open("w", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(header)
            out.writerows(rows)
    feed = gtfs
    if as_zip:
        feed = folder / "gtfs.zip"
        with zipfile.ZipFile(feed, "w", zipfile.ZIP_DEFLATED) as z:
            for p in sorted(gtfs.iterdir()):
                z.write(p, p.name)
    return naptan, feed, [(lat, lon) for _, lat, lon in stops]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venues", type=int, default=10_000)
    parser.add_argument("--stops", type=int, default=20_000)
    parser.add_argument("--mb", type=float, default=5.0, help="size of stop_times.txt")
    parser.add_argument("--zip", action="store_true", help="give the GTFS feed as a .zip")
    args = parser.parse_args(argv)
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        naptan, feed, _ = write_data(folder, args.stops, int(args.mb * 1024 * 1024), rng, args.zip)
        size = (feed / "stop_times.txt").stat().st_size if feed.is_dir() else \
            zipfile.ZipFile(feed).getinfo("stop_times.txt").file_size
        print(f"wrote synthetic data in {time.perf_counter() - started:.1f}s: {args.stops:,} stops, "
              f"stop_times.txt {size / 1024 / 1024:.1f} MB{' (zipped)' if args.zip else ''}")

        config = load_config(ROOT / "site_config")
        settings = config.site.transport.model_copy(update={
            "naptan": str(naptan), "gtfs": str(feed), "postcodes": None})
        config = config.model_copy(update={
            "root": folder, "site": config.site.model_copy(update={"transport": settings})})
        venues = {}
        for i in range(args.venues):
            lat, lon = _point(rng)
            venues[f"venue-{i}"] = Venue(id=f"venue-{i}", name=f"Venue {i}", address="1 Road",
                                         postcode="L17 7AA", area="aigburth", latitude=lat,
                                         longitude=lon)
        directory = Directory(config, dt.date(2026, 11, 22), (), (), MappingProxyType(venues),
                              Calendar())
        transport_data.clear_cache()
        for label in ("cold", "warm"):
            started, cpu = time.perf_counter(), time.process_time()
            result, problems = enrich(directory)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            with_stop = sum(1 for t in result.transport.values() if t.stops)
            routes = sum(len(s.routes) for t in result.transport.values() for s in t.stops)
            print(f"enrich ({label}): {seconds:.2f}s ({cpu:.2f}s CPU) for {args.venues:,} venues; {with_stop:,} with a "
                  f"stop within {settings.max_distance_m} m; {routes:,} route-at-stop rows; "
                  f"{len(problems)} problems")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
