"""The transport files named in site_config/site.yml, read once per run.

Each file is cached by its path, size and modification time, so a second load() in the same
process (tests, `watch`-style rebuilds) does not read it again unless it changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from generator.config import TransportSettings
from generator.transport import gtfs, naptan, postcodes
from generator.transport.model import RouteAtStop
from generator.transport.spatial import Grid
from generator.transport.tables import Feed, TransportDataError

_CACHE: dict[tuple, object] = {}
_CACHE_LIMIT = 16


def _stamp(path: Path) -> tuple:
    """Changes whenever the file (or any file in the folder) changes."""
    if path.is_dir():
        return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                            for p in path.iterdir() if p.is_file()))
    info = path.stat()
    return (info.st_mtime_ns, info.st_size)


def _cached(kind: str, path: Path, extra: tuple, make):
    key = (kind, str(path.resolve()), _stamp(path), *extra)
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = make()
    return _CACHE[key]


def clear_cache() -> None:
    _CACHE.clear()


@dataclass
class TransportData:
    """Stops (with a grid index), postcode centroids, and the GTFS feed, as far as they exist."""

    settings: TransportSettings
    stops: dict[str, naptan.Stop] = field(default_factory=dict)
    grid: Grid | None = None
    postcodes: dict[str, tuple[float, float]] = field(default_factory=dict)
    gtfs_path: Path | None = None
    gtfs_display: str = ""
    problems: list[TransportDataError] = field(default_factory=list)  # files that could not be used
    configured: bool = False  # the directory names a stops file or a GTFS feed

    @property
    def has_stops(self) -> bool:
        return bool(self.stops)

    @property
    def has_routes(self) -> bool:
        return self.gtfs_path is not None

    def routes_at(self, wanted: Collection[str], today: dt.date | None
                  ) -> dict[str, tuple[RouteAtStop, ...]]:
        """Routes at each wanted stop (read from the GTFS feed, cached)."""
        if self.gtfs_path is None or not wanted:
            return {}
        path, display = self.gtfs_path, self.gtfs_display
        names = {code: stop.name for code, stop in self.stops.items()}

        def make() -> dict[str, tuple[RouteAtStop, ...]]:
            with Feed(path, display) as feed:
                return gtfs.routes_at_stops(feed, frozenset(wanted), names, today=today)

        try:
            return _cached("routes", path, (frozenset(wanted), today), make)
        except TransportDataError as err:
            self.problems.append(err)
            self.gtfs_path = None
            return {}


    def timetable_end(self) -> dt.date | None:
        """The last date the GTFS feed has a bus on (cached), or None."""
        if self.gtfs_path is None:
            return None
        path, display = self.gtfs_path, self.gtfs_display

        def make() -> dt.date | None:
            with Feed(path, display) as feed:
                return gtfs.feed_end(feed)

        try:
            return _cached("feed-end", path, (), make)
        except TransportDataError as err:
            self.problems.append(err)
            return None


def _display(root: Path, relative: str) -> str:
    return f"{root.name}/{relative}" if root.name else relative


def load_data(settings: TransportSettings, root: Path) -> TransportData:
    """Read the stops and postcode files named in the settings (paths relative to root).

    A file that is missing or unreadable is reported in .problems and left out; the build goes
    on with what there is (hand-written bus details still show).
    """
    data = TransportData(settings, configured=bool(settings.naptan or settings.gtfs))
    cell = settings.max_distance_m
    gtfs_path = root / settings.gtfs if settings.gtfs else None
    if gtfs_path is not None:
        display = _display(root, settings.gtfs)
        if gtfs_path.exists():
            data.gtfs_path, data.gtfs_display = gtfs_path, display
        else:
            data.problems.append(TransportDataError(display, "the GTFS feed named in site.yml "
                                                    "(transport: gtfs:) does not exist."))
    if settings.naptan:
        path, display = root / settings.naptan, _display(root, settings.naptan)
        try:
            data.stops, data.grid = _cached("naptan", path, (cell,), lambda: _indexed(
                naptan.read_naptan(path, display), cell))
        except FileNotFoundError:
            data.problems.append(TransportDataError(display, "the stops file named in site.yml "
                                                    "(transport: naptan:) does not exist."))
        except TransportDataError as err:
            data.problems.append(err)
    if data.gtfs_path is not None:
        path, display = data.gtfs_path, data.gtfs_display

        def from_feed() -> tuple[dict[str, naptan.Stop], Grid]:
            with Feed(path, display) as feed:
                return _indexed(naptan.read_gtfs_stops(feed), cell)

        try:
            feed_stops, feed_grid = _cached("gtfs-stops", path, (cell,), from_feed)
        except TransportDataError as err:
            if not data.stops:  # nothing to place the routes on
                data.problems.append(err)
                data.gtfs_path = None
            feed_stops, feed_grid = {}, None
        if feed_stops and not data.stops:
            data.stops, data.grid = feed_stops, feed_grid
        elif feed_stops and not any(code in data.stops for code in feed_stops):
            data.problems.append(TransportDataError(
                data.gtfs_display, f"none of the stop_id values in stops.txt is an ATCOCode in "
                f"{_display(root, settings.naptan or '')}, so the stops are taken from the GTFS "
                "feed instead. Use a feed whose stop_id is the ATCO code (as the Bus Open Data "
                "Service's are)."))
            data.stops, data.grid = feed_stops, feed_grid
    if settings.postcodes:
        path, display = root / settings.postcodes, _display(root, settings.postcodes)
        try:
            data.postcodes = _cached("postcodes", path, (),
                                     lambda: postcodes.read_postcodes(path, display))
        except FileNotFoundError:
            data.problems.append(TransportDataError(display, "the postcode file named in site.yml "
                                                    "(transport: postcodes:) does not exist."))
        except TransportDataError as err:
            data.problems.append(err)
    return data


def _indexed(stops: dict[str, naptan.Stop], cell_m: int) -> tuple[dict[str, naptan.Stop], Grid]:
    return stops, Grid(stops.values(), cell_m)
