"""A venue's area guessed from its postcode district, for an import that was not told one.

It is a guess, and the import report says so: every postcode of the district (``L19`` of
``L19 2LW``) in the directory's postcode file is placed at the nearest area centre of
``site_config/areas.yml``; only when they all fall in one area is that area offered. Without a
postcode file, or when the district spans two areas, there is no guess and a person chooses.
"""

from __future__ import annotations

import math
from pathlib import Path

from generator.config import SiteConfig
from generator.transport.postcodes import normalise, read_postcodes
from generator.transport.tables import TransportDataError


def district(postcode: str) -> str:
    """'L19 2LW' -> 'L19' (the outward code: all but the last three characters)."""
    compact = normalise(postcode)
    return compact[:-3] if len(compact) > 3 else compact


class AreaGuesser:
    def __init__(self, config: SiteConfig, config_dir: Path):
        self.areas = [a for a in config.areas if a.latitude is not None and a.longitude is not None]
        self.postcodes: dict[str, tuple[float, float]] = {}
        name = config.site.transport.postcodes
        if name and self.areas:
            try:
                self.postcodes = read_postcodes(Path(config_dir) / name, name)
            except (OSError, TransportDataError):
                self.postcodes = {}
        self._by_district: dict[str, set[str]] | None = None

    def _nearest(self, lat: float, lon: float) -> str:
        scale = math.cos(math.radians(lat))
        return min(self.areas, key=lambda a: math.hypot(a.latitude - lat,
                                                       (a.longitude - lon) * scale)).id

    def guess(self, postcode: str) -> tuple[str, str] | None:
        """(area id, how it was guessed), or None when there is no single answer."""
        if not postcode or not self.postcodes:
            return None
        if self._by_district is None:
            self._by_district = {}
            for pc, (lat, lon) in self.postcodes.items():
                self._by_district.setdefault(district(pc), set()).add(self._nearest(lat, lon))
        areas = self._by_district.get(district(postcode), set())
        if len(areas) != 1:
            return None
        [area] = areas
        return area, (f"where.venue.area: {area} is a GUESS from the postcode district "
                      f"{district(postcode)} (every postcode of it in the postcode file is "
                      f"nearest {area}): check it")
