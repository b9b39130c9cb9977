"""Write the demo's transport data (fictional, plausible South Liverpool) into site_config/transport/.

    python scripts/make_demo_transport.py            # write the files
    python scripts/make_demo_transport.py --check    # also print each demo venue's nearest stop

Files written, in the real public formats so a directory can drop in its own area's files:
- stops.csv      NaPTAN stops CSV (active stops, plus an inactive stop, a deleted one, a rail
                 station entrance and a taxi rank, which the reader must leave out)
- gtfs/          a GTFS feed: agency, stops, routes, trips, stop_times, calendar, calendar_dates
- postcodes.csv  postcode centres for the demo venues' postcodes

Everything is fictional: two made-up operators (Riverside Buses and Mersey Link), thirteen
routes, stops placed near the demo venues. Seeded, so running it again gives the same files.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "site_config" / "transport"
SEED = 20261122

AGENCIES = [
    ("RB", "Riverside Buses", "https://riverside-buses.example.org/", "0151 496 0410"),
    ("ML", "Mersey Link", "https://mersey-link.example.org/", "0151 496 0420"),
]

# key: (CommonName, Street, LocalityName, latitude, longitude, (outbound, inbound) indicators)
# "Outbound" is away from the city centre (south / east); each place has a stop on each side.
PLACES = {
    "city": ("Liverpool ONE Bus Station", "Canning Place", "Liverpool City Centre", 53.4022, -2.9858, ("Stand 3", "Stand 4")),
    "dingle": ("Dingle Lane", "Park Road", "Dingle", 53.3905, -2.9700, None),
    "ullet": ("Ullet Road", "Aigburth Road", "Aigburth", 53.3835, -2.9455, None),
    "vale": ("Aigburth Vale", "Aigburth Road", "Aigburth", 53.3779, -2.9326, ("Stop A", "Stop B")),
    "mersey_rd": ("Mersey Road", "Aigburth Road", "Aigburth", 53.3737, -2.9287, None),
    "riversdale": ("Riversdale Road", "Aigburth Road", "Aigburth", 53.3690, -2.9240, None),
    "cressington": ("Cressington Station", "Beechwood Road", "Cressington", 53.3611, -2.9152, None),
    "garston_stm": ("St Mary's Road", "St Mary's Road", "Garston", 53.3576, -2.9019, ("Stop C", "Stop D")),
    "garston_church": ("Church Road", "Church Road", "Garston", 53.3546, -2.8976, None),
    "western_ave": ("Western Avenue", "Speke Road", "Speke", 53.3500, -2.8790, None),
    "speke_central": ("Central Avenue", "Central Avenue", "Speke", 53.3459, -2.8568, None),
    "speke_parklands": ("Parklands", "Parklands Way", "Speke", 53.3452, -2.8616, None),
    "speke_hale": ("Speke Leisure Centre", "Hale Road", "Speke", 53.3423, -2.8491, None),
    "smithdown_lodge": ("Lodge Lane", "Smithdown Road", "Toxteth", 53.3960, -2.9560, None),
    "smithdown_ullet": ("Ullet Road", "Smithdown Road", "Wavertree", 53.3925, -2.9350, None),
    "penny_lane": ("Penny Lane", "Smithdown Place", "Mossley Hill", 53.3893, -2.9190, None),
    "allerton_rd": ("Allerton Road Methodist Church", "Allerton Road", "Allerton", 53.3797, -2.9028, None),
    "mather_booker": ("Booker Avenue", "Mather Avenue", "Allerton", 53.3727, -2.8986, None),
    "mather_springwood": ("Springwood Avenue", "Mather Avenue", "Allerton", 53.3668, -2.8905, None),
    "picton": ("Picton Road", "Picton Road", "Wavertree", 53.4016, -2.9275, None),
    "wavertree_high": ("Wavertree High Street", "High Street", "Wavertree", 53.3991, -2.9214, None),
    "fiveways": ("Childwall Fiveways", "Queens Drive", "Childwall", 53.3957, -2.8919, None),
    "childwall_valley": ("Childwall Valley Road", "Childwall Valley Road", "Childwall", 53.3931, -2.8721, None),
    "woolton_church": ("Woolton Church Road", "Church Road", "Woolton", 53.3774, -2.8706, None),
    "woolton_village": ("Woolton Village", "Allerton Road", "Woolton", 53.3747, -2.8676, None),
    "hillfoot": ("Hillfoot Road", "Hillfoot Road", "Hunts Cross", 53.3600, -2.8690, None),
}
INDICATOR_PAIRS = [("opp", "adj"), ("Stop A", "Stop B"), ("o/s", "opp"), ("nr", "opp"),
                   ("Stop E", "Stop F")]

# Stops the readers must leave out: (ATCO, name, indicator, lat, lon, StopType, Status)
IGNORED = [
    ("2800S49001A", "Aigburth Road (old stop)", "adj", 53.3732, -2.9276, "BCT", "inactive"),
    ("2800S49002B", "Vale Parade", "opp", 53.3785, -2.9333, "BCT", "del"),
    ("9100CRSNGTN", "Cressington Rail Station", "", 53.3598, -2.9131, "RSE", "active"),
    ("2800T49003A", "Garston Taxi Rank", "", 53.3570, -2.9010, "TXR", "active"),
]

# Services: service_id -> (calendar flags Monday..Sunday)
SERVICES = {
    "MONSAT": "1111110",
    "WEEKDAYS": "1111100",
    "SAT": "0000010",
    "SUN": "0000001",
}

# route_id: (agency, number, stops outbound, (outbound headsign, inbound headsign),
#            [(service_id, first, last, every minutes)])
ROUTES = {
    "RB-82": ("RB", "82", ["city", "dingle", "ullet", "vale", "mersey_rd", "riversdale", "cressington",
                           "garston_stm", "garston_church", "western_ave", "speke_central", "speke_hale"],
              ("Speke", "City Centre"), [("MONSAT", "05:40", "23:10", 15), ("SUN", "07:30", "22:30", 30)]),
    "RB-82A": ("RB", "82A", ["city", "dingle", "ullet", "vale", "mersey_rd", "riversdale", "cressington",
                             "garston_stm", "garston_church"],
               ("Garston", "City Centre"), [("MONSAT", "06:20", "19:20", 30)]),
    "RB-82C": ("RB", "82C", ["city", "dingle", "ullet", "vale", "mersey_rd", "riversdale", "cressington",
                             "garston_stm"],
               ("Garston", "City Centre"), [("WEEKDAYS", "07:05", "18:05", 60)]),
    "RB-86": ("RB", "86", ["city", "smithdown_lodge", "smithdown_ullet", "penny_lane", "allerton_rd",
                           "mather_booker", "mather_springwood", "garston_stm", "garston_church"],
              ("Garston", "City Centre"), [("MONSAT", "05:50", "23:30", 20), ("SUN", "08:00", "22:00", 30)]),
    "RB-86A": ("RB", "86A", ["city", "smithdown_lodge", "smithdown_ullet", "penny_lane", "allerton_rd",
                             "mather_booker"],
               ("Mather Avenue", "City Centre"), [("MONSAT", "06:45", "18:45", 30)]),
    "ML-75": ("ML", "75", ["city", "picton", "wavertree_high", "penny_lane", "allerton_rd", "woolton_church",
                           "woolton_village"],
              ("Woolton", "City Centre"), [("MONSAT", "06:10", "22:40", 30), ("SUN", "08:10", "21:10", 60)]),
    "RB-75": ("RB", "75", ["allerton_rd", "mather_booker", "mather_springwood", "hillfoot", "speke_central",
                           "speke_hale"],
              ("Speke", "Allerton"), [("MONSAT", "07:15", "18:15", 60)]),
    "ML-76": ("ML", "76", ["city", "picton", "wavertree_high", "fiveways", "childwall_valley"],
              ("Childwall", "City Centre"), [("MONSAT", "06:00", "23:00", 20), ("SUN", "08:00", "22:00", 40)]),
    "ML-78": ("ML", "78", ["childwall_valley", "fiveways", "allerton_rd", "mather_booker", "mather_springwood",
                           "garston_stm"],
              ("Garston", "Childwall"), [("MONSAT", "07:30", "18:30", 60)]),
    "ML-80A": ("ML", "80A", ["city", "smithdown_lodge", "smithdown_ullet", "penny_lane", "allerton_rd",
                             "mather_booker", "mather_springwood", "garston_stm", "garston_church",
                             "western_ave", "speke_central", "speke_parklands"],
               ("Speke", "City Centre"), [("MONSAT", "05:30", "23:30", 30), ("SUN", "07:00", "23:00", 30)]),
    "RB-81A": ("RB", "81A", ["childwall_valley", "woolton_church", "woolton_village", "hillfoot",
                             "speke_central", "speke_parklands", "speke_hale"],
               ("Speke", "Childwall"), [("MONSAT", "06:30", "19:30", 30)]),
    "ML-89": ("ML", "89", ["vale", "mersey_rd", "riversdale", "cressington", "garston_stm", "garston_church",
                           "western_ave", "speke_central", "speke_parklands"],
              ("Speke", "Aigburth Vale"), [("SAT", "09:00", "17:00", 60), ("SAT-DEC", "17:30", "19:30", 60)]),
    "ML-500": ("ML", "500", ["city", "vale", "garston_stm", "western_ave", "speke_central", "speke_hale"],
               ("Speke", "Liverpool ONE"), [("MONSAT", "06:00", "22:00", 30), ("SUN", "08:00", "20:00", 60)]),
}
CALENDAR_START, CALENDAR_END = "20260101", "20301231"
# One-off changes: no buses on Christmas Day; Sunday buses on the 2027 May bank holiday.
REMOVED = [(s, "20261225") for s in ("MONSAT", "WEEKDAYS", "SAT", "SUN")]
ADDED = [("SUN", "20270503")] + [("SAT-DEC", d) for d in ("20261205", "20261212", "20261219")]

POSTCODES = {  # postcode -> (lat, lon): centres near the demo venues (fictional, plausible)
    "L17 7AA": (53.3729, -2.9279), "L17 0BN": (53.3789, -2.9331), "L17 1AP": (53.3818, -2.9384),
    "L19 0LD": (53.3604, -2.9137), "L19 2NP": (53.3570, -2.9013), "L19 2LW": (53.3539, -2.8966),
    "L19 2LY": (53.3553, -2.8990), "L24 2SD": (53.3465, -2.8553), "L24 5RA": (53.3415, -2.8483),
    "L24 2SX": (53.3447, -2.8605), "L18 6JN": (53.3792, -2.9012), "L19 4TS": (53.3679, -2.8871),
    "L18 9TA": (53.3716, -2.8976), "L25 7RG": (53.3750, -2.8660), "L25 5JF": (53.3770, -2.8702),
    "L15 6XZ": (53.3960, -2.8909), "L16 4PB": (53.3939, -2.8704), "L15 8HG": (53.3984, -2.9207),
    "L15 4LP": (53.4010, -2.9264), "L15 3HW": (53.4003, -2.9292), "L17 5AL": (53.3702, -2.9438),
    "L24 3UE": (53.3441, -2.8640),
}
NO_STOP_VENUE = "sefton-park-palm-cafe"  # in the middle of the park: no stop within 400 m


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


def _metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (a[0] - b[0]) * 111_195
    dx = (a[1] - b[1]) * 111_195 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)


def build_stops(rng: random.Random) -> dict[tuple[str, int], dict]:
    """(place, side) -> stop facts. Side 0 is outbound (away from the city), 1 inbound."""
    stops = {}
    for i, (key, (name, street, locality, lat, lon, pair)) in enumerate(PLACES.items()):
        pair = pair or rng.choice(INDICATOR_PAIRS)
        for side in (0, 1):
            sign = -1 if side == 0 else 1
            stops[(key, side)] = {
                "atco": f"2800S4{3001 + i:04d}{'AB'[side]}",
                "code": "mer" + "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(5)),
                "name": name, "street": street, "locality": locality, "indicator": pair[side],
                "lat": round(lat + sign * 0.00007, 6), "lon": round(lon + sign * 0.00009, 6),
                "type": "BCS" if key == "city" else "BCT",
            }
    return stops


def write_naptan(stops: dict, path: Path) -> None:
    header = ["ATCOCode", "NaptanCode", "CommonName", "Landmark", "Street", "Indicator",
              "NptgLocalityCode", "LocalityName", "Longitude", "Latitude", "StopType",
              "BusStopType", "TimingStatus", "AdministrativeAreaCode", "Status"]
    rows = [[s["atco"], s["code"], s["name"], "", s["street"], s["indicator"], "E0057" + s["atco"][-3:-1],
             s["locality"], s["lon"], s["lat"], s["type"], "MKD" if s["type"] == "BCT" else "",
             "OTH", "090", "active"] for s in stops.values()]
    rows += [[atco, "", name, "", "", ind, "", "Liverpool", lon, lat, kind, "", "", "090", status]
             for atco, name, ind, lat, lon, kind, status in IGNORED]
    rows.sort(key=lambda r: r[0])
    _write(path, header, rows)


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}:00"


def write_gtfs(stops: dict, folder: Path, rng: random.Random) -> int:
    _write(folder / "agency.txt", ["agency_id", "agency_name", "agency_url", "agency_timezone",
                                   "agency_lang", "agency_phone"],
           [[a, name, url, "Europe/London", "en", phone] for a, name, url, phone in AGENCIES])
    _write(folder / "stops.txt", ["stop_id", "stop_code", "stop_name", "stop_lat", "stop_lon",
                                  "location_type"],
           [[s["atco"], s["code"], f"{s['name']} ({s['indicator']})", s["lat"], s["lon"], 0]
            for s in stops.values()])
    routes, trips, times = [], [], []
    for route_id, (agency, number, path, heads, services) in ROUTES.items():
        first, last = PLACES[path[0]][0], PLACES[path[-1]][0]
        routes.append([route_id, agency, number, f"{first} - {last}", 3])
        for direction, (sequence, headsign) in enumerate(((path, heads[0]), (path[::-1], heads[1]))):
            legs = [0] + [max(1, round(_metres(PLACES[a][3:5], PLACES[b][3:5]) / 260 + 0.5))
                          for a, b in zip(sequence, sequence[1:], strict=False)]
            for service, start, end, every in services:
                offset = rng.randrange(0, 6) if direction else 0
                for depart in range(_minutes(start) + offset, _minutes(end) + 1, every):
                    trip_id = f"{route_id}-{service}-{'OI'[direction]}-{depart // 60:02d}{depart % 60:02d}"
                    trips.append([route_id, service, trip_id, headsign, direction])
                    at = depart
                    for seq, (place, leg) in enumerate(zip(sequence, legs, strict=True), start=1):
                        at += leg
                        stop = stops[(place, direction)]["atco"]
                        times.append([trip_id, _clock(at), _clock(at), stop, seq])
    _write(folder / "routes.txt", ["route_id", "agency_id", "route_short_name", "route_long_name",
                                   "route_type"], routes)
    _write(folder / "trips.txt", ["route_id", "service_id", "trip_id", "trip_headsign",
                                  "direction_id"], trips)
    _write(folder / "stop_times.txt", ["trip_id", "arrival_time", "departure_time", "stop_id",
                                       "stop_sequence"], times)
    _write(folder / "calendar.txt", ["service_id", "monday", "tuesday", "wednesday", "thursday",
                                     "friday", "saturday", "sunday", "start_date", "end_date"],
           [[sid, *flags, CALENDAR_START, CALENDAR_END] for sid, flags in SERVICES.items()])
    _write(folder / "calendar_dates.txt", ["service_id", "date", "exception_type"],
           [[s, d, 2] for s, d in REMOVED] + [[s, d, 1] for s, d in ADDED])
    return len(times)


def write_postcodes(path: Path) -> None:
    _write(path, ["postcode", "latitude", "longitude"],
           [[pc, lat, lon] for pc, (lat, lon) in sorted(POSTCODES.items())])


def check(stops: dict) -> None:
    """Print each demo venue's nearest stop, and fail if the no-stop venue has one in range."""
    import yaml

    venues = yaml.safe_load((ROOT / "listings" / "venues.yml").read_text())["venues"]
    for v in venues:
        where = (v["latitude"], v["longitude"]) if "latitude" in v else POSTCODES.get(v["postcode"])
        if where is None:
            print(f"{v['id']:32} no location")
            continue
        d, s = min((_metres(where, (s["lat"], s["lon"])), s) for s in stops.values())
        print(f"{v['id']:32} {d:5.0f} m  {s['name']} ({s['indicator']})")
        if v["id"] == NO_STOP_VENUE and d <= 400:
            raise SystemExit(f"{NO_STOP_VENUE} should have no stop within 400 m")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder to write (default {OUT})")
    parser.add_argument("--check", action="store_true", help="print each venue's nearest stop")
    args = parser.parse_args(argv)
    rng = random.Random(SEED)
    stops = build_stops(rng)
    write_naptan(stops, args.out / "stops.csv")
    rows = write_gtfs(stops, args.out / "gtfs", rng)
    write_postcodes(args.out / "postcodes.csv")
    print(f"Wrote {len(stops) + len(IGNORED)} NaPTAN stops, {len(ROUTES)} routes, {rows} stop times "
          f"and {len(POSTCODES)} postcodes to {args.out}")
    if args.check:
        check(stops)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
