"""Distances on the Earth, and a grid index to find the stops near a point quickly."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Generic, Protocol, TypeVar

EARTH_RADIUS_M = 6_371_008.8
METRES_PER_DEGREE = math.pi * EARTH_RADIUS_M / 180


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


class Located(Protocol):
    latitude: float
    longitude: float


T = TypeVar("T", bound=Located)


class Grid(Generic[T]):
    """Points in square cells of `cell_m` metres, so a search looks at 9 cells, not every point.

    East-west metres are counted at the most northerly latitude in the data (where a degree of
    longitude is shortest), so a cell is never narrower than cell_m anywhere: anything within
    cell_m of a point is always in that point's cell or one of its 8 neighbours.
    """

    def __init__(self, points: Iterable[T], cell_m: float):
        self.points = list(points)
        self.cell_m = float(cell_m)
        top = max((abs(p.latitude) for p in self.points), default=0.0)
        self._x_scale = METRES_PER_DEGREE * math.cos(math.radians(min(89.0, top + 0.1)))
        self._cells: dict[tuple[int, int], list[tuple[float, float, T]]] = {}
        for p in self.points:
            self._cells.setdefault(self._cell(p.latitude, p.longitude), []).append(
                (p.latitude, p.longitude, p))

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return (math.floor(lon * self._x_scale / self.cell_m),
                math.floor(lat * METRES_PER_DEGREE / self.cell_m))

    def within(self, lat: float, lon: float, distance_m: float) -> list[tuple[float, T]]:
        """(metres, point) for every point within distance_m, nearest first."""
        if distance_m > self.cell_m:
            raise ValueError("search distance is bigger than the grid's cells")
        cx, cy = self._cell(lat, lon)
        # A flat-earth distance, 1% generous, rules most points out cheaply; the haversine
        # distance then decides.
        y_scale = METRES_PER_DEGREE
        x_scale = METRES_PER_DEGREE * math.cos(math.radians(lat))
        rough = (distance_m * 1.01) ** 2
        found: list[tuple[float, T]] = []
        cells = self._cells
        for x in (cx - 1, cx, cx + 1):
            for y in (cy - 1, cy, cy + 1):
                for plat, plon, p in cells.get((x, y), ()):
                    dy = (plat - lat) * y_scale
                    dx = (plon - lon) * x_scale
                    if dx * dx + dy * dy > rough:
                        continue
                    d = haversine_m(lat, lon, plat, plon)
                    if d <= distance_m:
                        found.append((d, p))
        found.sort(key=_distance)
        return found


def _distance(pair: Sequence) -> float:
    return pair[0]
