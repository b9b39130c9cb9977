"""Getting there in plain words, shared by the site, print, text messages and open data.

    Nearest stop: Aigburth Vale (Stop B), 96 m, about 2 minutes' walk.
    Buses 82, 82A and 82C towards City Centre; 500 towards Liverpool ONE.
    82A runs Monday to Saturday; 82C weekdays only.
    (or) No bus stop within 400 m.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.model import Venue
from generator.transport import buspass
from generator.transport import days as transport_days
from generator.transport.model import NearbyStop, RouteAtStop, VenueTransport
from generator.words import say
from generator.words.lists import and_list

NOT_KNOWN = "Bus details not known yet: ring to ask."


def no_stop(max_distance_m: int) -> str:
    return say("No bus stop within {metres} m.", metres=max_distance_m)


def walk(stop: NearbyStop) -> str:
    """'96 m, about 2 minutes' walk'."""
    if stop.walk_minutes == 1:
        return say("{metres} m, about 1 minute's walk", metres=stop.distance_m)
    return say("{metres} m, about {minutes} minutes' walk", metres=stop.distance_m,
               minutes=stop.walk_minutes)


def route_name(route: RouteAtStop, routes: Sequence[RouteAtStop]) -> str:
    """'82', or '75 (Mersey Link)' when another operator's 75 is in the same list."""
    shared = any(r.number.upper() == route.number.upper() and r.operator != route.operator
                 for r in routes)
    return f"{route.number} ({route.operator})" if shared and route.operator else route.number


def buses(routes: Sequence[RouteAtStop]) -> str:
    """'Buses 82 and 82A towards City Centre; 500 towards Liverpool ONE'."""
    groups: dict[str, list[str]] = {}
    for r in routes:
        groups.setdefault(r.towards[0] if r.towards else "", []).append(route_name(r, routes))
    parts = [say("{buses} towards {place}", buses=and_list(names), place=towards) if towards
             else and_list(names) for towards, names in groups.items()]
    text = "; ".join(parts)
    return say("Bus {numbers}", numbers=text) if len(routes) == 1 else say("Buses {numbers}", numbers=text)


def bus_numbers(numbers: Sequence[str]) -> str:
    """'Bus 82' / 'Buses 82, 86 and 500'."""
    if len(numbers) == 1:
        return say("Bus {numbers}", numbers=numbers[0])
    return say("Buses {numbers}", numbers=and_list(numbers))


def days(routes: Sequence[RouteAtStop]) -> str:
    """'82A runs Monday to Saturday; 82C weekdays only' for routes that do not run every day."""
    groups: dict[str, list[str]] = {}
    for r in routes:
        if r.days and r.days != "Every day":
            groups.setdefault(r.days, []).append(route_name(r, routes))
    notes = []
    for when, names in groups.items():
        if when in ("Weekdays", "Weekends"):
            notes.append(say("{buses} {days} only", buses=and_list(names), days=when.lower()))
        elif when.endswith(" only"):
            notes.append(say("{buses} {days}", buses=and_list(names), days=when))
        elif len(names) == 1:
            notes.append(say("{buses} runs {days}", buses=names[0], days=when))
        else:
            notes.append(say("{buses} run {days}", buses=and_list(names), days=when))
    return "; ".join(notes)


def route_line(route: RouteAtStop) -> str:
    """'Bus 82 towards City Centre: weekdays (Arriva)' (one route at a stop, on the site)."""
    text = say("Bus {number}", number=route.number)
    if route.towards:
        text = say("{bus} towards {place}", bus=text, place=and_list(list(route.towards)))
    if route.days:
        text = say("{bus}: {days}", bus=text, days=transport_days.in_sentence(route.days))
    return say("{bus} ({operator})", bus=text, operator=route.operator) if route.operator else text


def stop_lines(stop: NearbyStop) -> list[str]:
    lines = [say("{stop}, {walk}.", stop=stop.label, walk=walk(stop))]
    if stop.routes:
        lines.append(buses(stop.routes) + ".")
        note = days(stop.routes)
        if note:
            lines.append(note[0].upper() + note[1:] + ".")
    return lines


def lines(transport: VenueTransport | None) -> list[str]:
    """Everything to say about getting to a venue, as short sentences."""
    if transport is None:
        return []
    out: list[str] = []
    if transport.source == "manual":
        if transport.nearest_stop_text:
            out.append(say("Nearest stop: {stop}.", stop=transport.nearest_stop_text))
        if transport.buses:
            out.append(bus_numbers(transport.buses) + ".")
    elif transport.stops:
        first, *others = transport.stops
        first_lines = stop_lines(first)
        out.append(say("Nearest stop: {stop}", stop=first_lines[0]))
        out += first_lines[1:]
        for stop in others:
            more = stop_lines(stop)
            out += [say("Also: {stop}", stop=more[0]), *more[1:]]
    elif transport.source == "computed":
        out.append(no_stop(transport.max_distance_m))
    if transport.notes:
        out.append(transport.notes)
    return out


def summary(vt: VenueTransport | None, venue: Venue) -> str | None:
    """Getting there in one short paragraph (calendars, open data, the link workers' CSV)."""
    parts: list[str] = []
    if vt and vt.stops:
        stop = vt.stops[0]
        parts.append(say("Nearest stop: {stop}, {walk}.", stop=stop.label, walk=walk(stop)))
    elif vt and vt.nearest_stop_text:
        parts.append(say("Nearest stop: {stop}.", stop=vt.nearest_stop_text))
    elif venue.transport and venue.transport.nearest_stop:
        parts.append(say("Nearest stop: {stop}.", stop=venue.transport.nearest_stop))
    numbers = list(vt.buses) if vt and vt.buses else list(venue.transport.buses if venue.transport else [])
    if numbers:
        parts.append(bus_numbers(numbers) + ".")
    notes = (vt.notes if vt and vt.notes else None) or (venue.transport.notes if venue.transport else None)
    if notes:
        parts.append(notes)
    if vt and vt.source == "computed" and not vt.stops:
        parts.append(no_stop(vt.max_distance_m))
    return " ".join(parts) or None


def bus_pass_note(entry_or_activity) -> str | None:  # noqa: ANN001 - Entry | Activity
    """Activities starting before 09:30 on a weekday: the older person's bus pass is not valid yet."""
    if not buspass.starts_before_bus_pass(entry_or_activity):
        return None
    return say("Starts before 9:30am on a weekday. {note}", note=say(buspass.NOTE))
