"""Postcode centroids: where a postcode is, for venues without their own latitude and longitude.

A CSV with a postcode column and latitude / longitude columns. Column names are matched without
regard to case, and the names used by the ONS Postcode Directory and Code-Point style extracts
(pcd, pcds, lat, long) work too.
"""

from __future__ import annotations

from pathlib import Path

from generator.transport.tables import TransportDataError, cell, open_csv

_POSTCODE = ("postcode", "pcds", "pcd", "pcd7", "pcd8")
_LATITUDE = ("latitude", "lat")
_LONGITUDE = ("longitude", "long", "lon", "lng")


def normalise(postcode: str) -> str:
    """'l17 7aa' and 'L177AA' -> 'L177AA'."""
    return "".join(postcode.split()).upper()


def _first(cols, names: tuple[str, ...]) -> int | None:
    for name in names:
        found = cols.optional(name)
        if found is not None:
            return found
    return None


def read_postcodes(path: Path, display: str | None = None) -> dict[str, tuple[float, float]]:
    """Normalised postcode -> (latitude, longitude)."""
    name = display or str(path)
    found: dict[str, tuple[float, float]] = {}
    with open_csv(path, name) as (cols, rows):
        pc, lat, lon = _first(cols, _POSTCODE), _first(cols, _LATITUDE), _first(cols, _LONGITUDE)
        if pc is None or lat is None or lon is None:
            raise TransportDataError(name, "the first line must name the columns postcode, "
                                     "latitude and longitude.")
        for row in rows:
            try:
                latitude, longitude = float(cell(row, lat)), float(cell(row, lon))
            except ValueError:
                continue
            if -90 <= latitude <= 90 and -180 <= longitude <= 180 and (latitude or longitude):
                found[normalise(cell(row, pc))] = (latitude, longitude)
    return found
