"""Attach getting-there facts to every venue of a Directory.

For each venue with a location (its own latitude/longitude, or its postcode's centre from the
postcode CSV): the nearest bus stops within the configured distance, each with its distance, a
slow walking time, and the routes that pick up there (number, operator, towards, days).

Hand-written details (``transport:`` on a venue) always win: the computed stops are kept beside
them for information, and a warning says when the hand-written buses disagree with the data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from urllib.parse import quote

from generator.model import Venue
from generator.problems import Problem, dotted
from generator.transport.data import TransportData, load_data
from generator.transport.gtfs import natural_key
from generator.transport.model import NearbyStop, RouteAtStop, VenueTransport
from generator.transport.postcodes import normalise


def enrich(directory):
    """(directory with .transport filled in, problems)."""
    settings = directory.config.site.transport
    data = load_data(settings, directory.config.root)
    problems = _file_problems(data.problems)
    venues = dict(_venues(directory))
    located = {key: _location(venue, data) for key, venue in venues.items()}

    nearby: dict[str, list[tuple[float, object]]] = {}
    if data.grid is not None:
        for key, where in located.items():
            if where is not None:
                nearby[key] = data.grid.within(where[0], where[1], settings.max_distance_m)
    wanted = {stop.atco_code for found in nearby.values() for _, stop in found}
    before = len(data.problems)
    routes = data.routes_at(wanted, directory.today)
    problems += _timetable_age(data, directory.today)
    problems += _file_problems(data.problems[before:])

    table: dict[str, VenueTransport] = {}
    for key, venue in venues.items():
        where = located[key]
        place = directory.venue_places.get(key)
        if where is None:
            problems.append(_warn(place, key, "", _no_location(venue, data)))
        stops = _stops(nearby.get(key, ()), routes, data) if key in nearby else ()
        table[key], found = _combine(venue, where, stops, data, key in nearby)
        problems += [_warn(place, key, sub, message) for sub, message in found]
    return dataclasses.replace(directory, transport=MappingProxyType(table)), problems


SOON_DAYS = 30  # warn this many days before the bus timetable runs out


def _timetable_age(data: TransportData, today: dt.date) -> list[Problem]:
    """A warning naming the GTFS file when its timetable has ended, or ends within 30 days."""
    end = data.timetable_end()
    if end is None:
        return []
    when = f"{end.day} {end.strftime('%B')} {end.year}"
    if end < today:
        message = (f"The bus timetable in this file ended on {when}, so no bus in it is still "
                   "running: pages list the stops near each venue but no buses, and say to check "
                   "bus times with the operator. Put a newer GTFS file in its place (from the "
                   "Bus Open Data Service or your transport authority).")
    elif end <= today + dt.timedelta(days=SOON_DAYS):
        message = (f"The bus timetable in this file ends on {when}, in {(end - today).days} "
                   "days. Get a newer GTFS file before then (from the Bus Open Data Service or "
                   "your transport authority), or the buses will drop off the pages.")
    else:
        return []
    return [Problem(data.gtfs_display, 1, 1, "", message, "warning")]


def _venues(directory) -> Iterator[tuple[str, Venue]]:
    yield from directory.venues.items()
    for entry in directory.activities:
        if entry.venue_key and entry.venue is not None and entry.venue_key not in directory.venues:
            yield entry.venue_key, entry.venue


def _location(venue: Venue, data: TransportData) -> tuple[float, float, str] | None:
    if venue.latitude is not None and venue.longitude is not None:
        return venue.latitude, venue.longitude, "venue"
    centre = data.postcodes.get(normalise(venue.postcode))
    return (centre[0], centre[1], "postcode") if centre else None


def _stops(found, routes: Mapping[str, tuple[RouteAtStop, ...]], data: TransportData
           ) -> tuple[NearbyStop, ...]:
    """The nearest stops a current bus uses; when none near has one (say the timetable has run
    out), the nearest stops all the same, marked not current (never "no bus stop" when there is
    one)."""
    settings = data.settings

    def nearby(distance: float, stop, served: tuple[RouteAtStop, ...], current: bool) -> NearbyStop:
        metres = round(distance)
        return NearbyStop(stop.name, stop.indicator, stop.atco_code, metres,
                          walk_minutes(metres, settings.walking_speed_m_per_min),
                          stop.latitude, stop.longitude, served, stop.naptan_code, current)

    out = []
    for distance, stop in found:
        served = routes.get(stop.atco_code, ())
        if data.has_routes and not served:
            continue  # a stop no current bus uses is no help while others nearby have one
        out.append(nearby(distance, stop, served, True))
        if len(out) == settings.max_stops:
            break
    if not out and data.has_routes:
        out = [nearby(distance, stop, (), False) for distance, stop in found[:settings.max_stops]]
    return tuple(out)


def walk_minutes(metres: float, metres_per_minute: float) -> int:
    """Whole minutes at a slow pace, never less than 1."""
    return max(1, math.ceil(metres / metres_per_minute))


def bus_numbers(stops: tuple[NearbyStop, ...]) -> tuple[str, ...]:
    return sort_numbers(r.number for s in stops for r in s.routes)


def sort_numbers(numbers) -> tuple[str, ...]:
    unique = {n.upper(): n for n in numbers}
    return tuple(unique[k] for k in sorted(unique, key=natural_key))


def planner_url(template: str | None, where: tuple[float, float, str] | None,
                postcode: str) -> str | None:
    """The journey-planner link, or None when the template needs a place we do not have."""
    if not template:
        return None
    if where is None and ("{lat}" in template or "{lon}" in template):
        return None
    url = template.replace("{postcode}", quote(postcode))
    if where is not None:
        url = url.replace("{lat}", f"{where[0]:.5f}").replace("{lon}", f"{where[1]:.5f}")
    return url


def _combine(venue: Venue, where, stops: tuple[NearbyStop, ...], data: TransportData,
             computed: bool) -> tuple[VenueTransport, list[tuple[str, str]]]:
    """The venue's VenueTransport, and (field, message) warnings about it."""
    settings = data.settings
    manual = venue.transport
    common = {
        "notes": manual.notes if manual else None,
        "max_distance_m": settings.max_distance_m,
        "journey_planner_url": planner_url(settings.journey_planner_url, where, venue.postcode),
        "located_by": where[2] if where else None,
    }
    if manual and (manual.nearest_stop or manual.buses):
        result = VenueTransport("manual", buses=sort_numbers(manual.buses),
                                nearest_stop_text=manual.nearest_stop, computed_stops=stops,
                                **common)
        warnings = []
        if computed and data.has_routes and manual.buses:
            message = disagreement(manual.buses, bus_numbers(stops), settings.max_distance_m)
            if message:
                warnings.append(("transport.buses", message))
        return result, warnings
    if computed:
        return VenueTransport("computed", stops=stops, buses=bus_numbers(stops), **common), []
    warnings = []
    if not data.configured:
        warnings.append(("", NO_DATA))
    return VenueTransport("none", **common), warnings


NO_DATA = ("This directory has no bus data (site_config/site.yml, transport:), so write the nearest "
           "stop and buses here by hand, e.g. transport: {nearest_stop: \"Aigburth Vale (Stop B)\", "
           "buses: [\"82\", \"82A\"]}.")


def disagreement(hand: list[str] | tuple[str, ...], computed: tuple[str, ...],
                 max_distance_m: int) -> str | None:
    """The warning when buses written by hand are not in the data near the venue, else None."""
    known = {n.upper() for n in computed}
    missing = [n for n in sort_numbers(hand) if n.upper() not in known]
    if not missing:
        return None
    verb = "does" if len(missing) == 1 else "do"
    had = (f"the data has buses {_and(computed)} there" if computed
           else f"the data has no bus stop within {max_distance_m} m")
    return (f"The bus data does not agree with the buses written here: {_and(missing)} {verb} "
            f"not stop within {max_distance_m} m of this venue ({had}). The buses written here "
            "are shown; check them, or remove buses: to use the data.")


def _and(words) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _no_location(venue: Venue, data: TransportData) -> str:
    if data.settings.postcodes and data.postcodes:
        why = (f"and its postcode {venue.postcode} is not in the postcode file "
               f"({data.settings.postcodes})")
    else:
        why = "and this directory has no postcode file to look it up"
    return (f"This venue has no latitude and longitude, {why}, so the nearest bus stops cannot be "
            "found. Add latitude: and longitude: (from a map), or write the nearest stop and "
            "buses by hand under transport:.")


def _warn(place, key: str, sub: str, message: str) -> Problem:
    if place is None:
        return Problem("listings/venues.yml", 1, 1, key, message, "warning")
    line, column = place.where(sub)
    path = place.path + (tuple(sub.split(".")) if sub else ())
    return Problem(place.file, line, column, dotted(path), message, "warning")


def _file_problems(errors) -> list[Problem]:
    """Transport files that could not be used: warnings, so hand-written details still build."""
    return [Problem(e.file, e.line, 1, "", e.message[:1].upper() + e.message[1:], "warning")
            for e in errors]
