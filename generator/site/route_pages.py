"""What a bus route's page says beyond the list of activities: its stops in route order for each
direction (generator.transport.stop_order), and at each stop the activities to get off for,
with the walk (worded by generator.words.transport)."""

from __future__ import annotations

from generator import urls
from generator.directory import Directory
from generator.transport import naptan
from generator.transport.enrich import walk_minutes
from generator.transport.model import NearbyStop
from generator.transport.spatial import haversine_m
from generator.transport.stop_order import route_stops
from generator.transport.tables import Feed, TransportDataError
from generator.words import transport as transport_words


def _label(stop: naptan.Stop) -> str:
    return f"{stop.name} ({stop.indicator})" if stop.indicator else stop.name


def _nearest(latitude: float, longitude: float, stops: list[str], names: dict[str, naptan.Stop],
             within: float) -> tuple[float, naptan.Stop] | None:
    best = None
    for code in stops:
        stop = names.get(code)
        if stop is None:
            continue
        metres = haversine_m(latitude, longitude, stop.latitude, stop.longitude)
        if metres <= within and (best is None or metres < best[0]):
            best = (metres, stop)
    return best


def _get_off(directory: Directory, entry, stops: list[str],
             names: dict[str, naptan.Stop], nearest: dict | None = None) -> NearbyStop | None:
    """The stop of `stops` nearest the venue (within the directory's walking distance), as a
    NearbyStop for the words; else the nearest of the venue's own stops that is in `stops`.
    `nearest`: answers already found for this list of stops, by venue position (many
    activities share a venue)."""
    settings = directory.config.site.transport
    venue = entry.venue
    if venue is not None and venue.latitude is not None and venue.longitude is not None:
        at = (venue.latitude, venue.longitude)
        if nearest is not None and at in nearest:
            found = nearest[at]
        else:
            best, found = _nearest(*at, stops, names, settings.max_distance_m), None
            if best is not None:
                metres, stop = round(best[0]), best[1]
                found = NearbyStop(stop.name, stop.indicator, stop.atco_code, metres,
                                   walk_minutes(metres, settings.walking_speed_m_per_min),
                                   stop.latitude, stop.longitude, ())
            if nearest is not None:
                nearest[at] = found
        if found is not None:
            return found
    vt = directory.getting_there(entry)
    wanted = set(stops)
    return next((s for s in (vt.stops if vt else ()) if s.atco_code in wanted), None)


def route_directions(directory: Directory, routes: list) -> dict[tuple[str, str], list[dict]]:
    """(number, operator) -> [{"towards", "stops": [{"label", "get_off": [{"name", "path",
    "walk"}]}]}] for every route with a timetable; {} when the directory has no GTFS feed."""
    settings = directory.config.site.transport
    wanted = {(r.number, r.operator) for r in routes if r.operator}
    if not settings.gtfs or not wanted:
        return {}
    path = directory.config.path(settings.gtfs)
    try:
        with Feed(path, settings.gtfs) as feed:
            orders = route_stops(feed, wanted)
            names = naptan.read_gtfs_stops(feed)
    except (TransportDataError, OSError):
        return {}  # `validate` and `transport` report the feed's problems
    by_route = {(r.number, r.operator): r for r in routes}
    out: dict[tuple[str, str], list[dict]] = {}
    for key, directions in orders.items():
        route = by_route[key]
        shown = []
        for towards, stops in directions:
            # The stop to get off at, for each activity: the nearest of its stops that this
            # direction calls at (not the first: nobody arrives on a bus there).
            near: dict[str, list] = {}
            nearest: dict = {}
            walks: dict[int, str] = {}  # worded once per stop object (one a venue: `nearest`)
            for entry in route.entries:
                found = _get_off(directory, entry, stops[1:], names, nearest)
                if found is not None:
                    if id(found) not in walks:
                        walks[id(found)] = transport_words.walk(found)
                    near.setdefault(found.atco_code, []).append((entry, walks[id(found)]))
            rows = []
            for code in stops:
                here = near.get(code, [])
                label = _label(names[code]) if code in names else code
                rows.append({"label": label, "get_off": [
                    {"name": e.activity.name, "path": urls.activity(e.id), "walk": walk}
                    for e, walk in here]})
            shown.append({"towards": towards, "stops": rows})
        out[key] = shown
    return out
