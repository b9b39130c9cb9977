"""Attach getting-there facts to every venue of a Directory.

For now this carries the hand-written transport details from listings; the NaPTAN/GTFS
computation plugs in here.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

from generator.transport.model import VenueTransport


def enrich(directory):  # noqa: ANN001, ANN201 - Directory, (Directory, list[Problem])
    table: dict[str, VenueTransport] = {}
    for entry in directory.activities:
        if entry.venue_key is None or entry.venue_key in table:
            continue
        manual = entry.venue.transport
        if manual and (manual.nearest_stop or manual.buses):
            table[entry.venue_key] = VenueTransport(
                "manual", buses=tuple(manual.buses), nearest_stop_text=manual.nearest_stop,
                notes=manual.notes)
    return dataclasses.replace(directory, transport=MappingProxyType(table)), []
