"""Getting there in plain words, shared by the site, print and text messages.

    Nearest stop: Aigburth Vale (Stop B), 96 m, about 2 minutes' walk.
    Buses 82, 82A and 82C towards City Centre; 500 towards Liverpool ONE.
    82A runs Monday to Saturday; 82C weekdays only.
    (or) No bus stop within 400 m.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.transport.model import NearbyStop, RouteAtStop, VenueTransport


def and_list(words: Sequence[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def no_stop(max_distance_m: int) -> str:
    return f"No bus stop within {max_distance_m} m."


def walk(stop: NearbyStop) -> str:
    """'96 m, about 2 minutes' walk'."""
    minutes = "1 minute's" if stop.walk_minutes == 1 else f"{stop.walk_minutes} minutes'"
    return f"{stop.distance_m} m, about {minutes} walk"


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
    parts = [and_list(names) + (f" towards {towards}" if towards else "")
             for towards, names in groups.items()]
    count = len(routes)
    return ("Bus " if count == 1 else "Buses ") + "; ".join(parts)


def days(routes: Sequence[RouteAtStop]) -> str:
    """'82A runs Monday to Saturday; 82C weekdays only' for routes that do not run every day."""
    groups: dict[str, list[str]] = {}
    for r in routes:
        if r.days and r.days != "Every day":
            groups.setdefault(r.days, []).append(route_name(r, routes))
    notes = []
    for when, names in groups.items():
        if when in ("Weekdays", "Weekends"):
            notes.append(f"{and_list(names)} {when.lower()} only")
        elif when.endswith(" only"):
            notes.append(f"{and_list(names)} {when}")
        else:
            notes.append(f"{and_list(names)} {'runs' if len(names) == 1 else 'run'} {when}")
    return "; ".join(notes)


def stop_lines(stop: NearbyStop) -> list[str]:
    lines = [f"{stop.label}, {walk(stop)}."]
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
            out.append(f"Nearest stop: {transport.nearest_stop_text}.")
        if transport.buses:
            out.append(("Bus " if len(transport.buses) == 1 else "Buses ")
                       + and_list(transport.buses) + ".")
    elif transport.stops:
        first, *others = transport.stops
        first_lines = stop_lines(first)
        out.append("Nearest stop: " + first_lines[0])
        out += first_lines[1:]
        for stop in others:
            out += ["Also: " + stop_lines(stop)[0], *stop_lines(stop)[1:]]
    elif transport.source == "computed":
        out.append(no_stop(transport.max_distance_m))
    if transport.notes:
        out.append(transport.notes)
    return out
