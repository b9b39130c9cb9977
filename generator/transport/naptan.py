"""Bus stops from a NaPTAN stops CSV (or, without one, from a GTFS feed's stops.txt).

NaPTAN is the national list of every public transport stop (OGL). Columns are read by name,
ignoring case; only active bus stops with a latitude and longitude are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.transport.tables import Feed, TransportDataError, cell, open_csv

# NaPTAN StopType codes for places a bus stops: on-street stop (BCT), a bay in a bus station
# (BCS), a variable bay (BCQ). Rail, metro, ferry, taxi and entrances are left out.
BUS_STOP_TYPES = frozenset({"BCT", "BCS", "BCQ"})
# Status words across NaPTAN releases: "active" (2022 on) and "act" (older); blank counts as active.
ACTIVE = frozenset({"active", "act", ""})


@dataclass(frozen=True, slots=True)
class Stop:
    atco_code: str
    name: str
    indicator: str
    latitude: float
    longitude: float
    naptan_code: str = ""
    street: str = ""
    locality: str = ""


def _coordinate(text: str, low: float, high: float) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if low <= value <= high else None


def read_naptan(path: Path, display: str | None = None) -> dict[str, Stop]:
    """Active bus stops by ATCO code. Raises TransportDataError when the file cannot be used."""
    stops: dict[str, Stop] = {}
    with open_csv(path, display) as (cols, rows):
        atco, name, lat, lon = cols.required("ATCOCode", "CommonName", "Latitude", "Longitude")
        code, indicator = cols.optional("NaptanCode"), cols.optional("Indicator")
        street, locality = cols.optional("Street"), cols.optional("LocalityName")
        kind, status = cols.optional("StopType"), cols.optional("Status")
        for row in rows:
            if cell(row, status).lower() not in ACTIVE:
                continue
            stop_type = cell(row, kind).upper()
            if stop_type and stop_type not in BUS_STOP_TYPES:
                continue
            latitude = _coordinate(cell(row, lat), -90, 90)
            longitude = _coordinate(cell(row, lon), -180, 180)
            atco_code = cell(row, atco)
            if latitude is None or longitude is None or not atco_code:
                continue
            stops[atco_code] = Stop(atco_code, cell(row, name), cell(row, indicator), latitude,
                                    longitude, cell(row, code), cell(row, street),
                                    cell(row, locality))
    if not stops:
        raise TransportDataError(display or str(path), "no active bus stops with a latitude and "
                                 "longitude were found in this file.")
    return stops


def read_gtfs_stops(feed: Feed) -> dict[str, Stop]:
    """Stops from a GTFS stops.txt, for when there is no NaPTAN file.

    GTFS has no separate indicator, so a name like "Aigburth Vale (Stop B)" is split into the
    name and the indicator in brackets.
    """
    stops: dict[str, Stop] = {}
    with feed.table("stops") as (cols, rows):
        sid, name, lat, lon = cols.required("stop_id", "stop_name", "stop_lat", "stop_lon")
        code, location_type = cols.optional("stop_code"), cols.optional("location_type")
        for row in rows:
            if cell(row, location_type) not in ("", "0"):  # stations, entrances, nodes
                continue
            latitude = _coordinate(cell(row, lat), -90, 90)
            longitude = _coordinate(cell(row, lon), -180, 180)
            stop_id = cell(row, sid)
            if latitude is None or longitude is None or not stop_id:
                continue
            text, indicator = split_indicator(cell(row, name))
            stops[stop_id] = Stop(stop_id, text, indicator, latitude, longitude, cell(row, code))
    return stops


def split_indicator(name: str) -> tuple[str, str]:
    """'Aigburth Vale (Stop B)' -> ('Aigburth Vale', 'Stop B')."""
    if name.endswith(")") and " (" in name:
        head, _, tail = name.rpartition(" (")
        return head.strip(), tail[:-1].strip()
    return name, ""
