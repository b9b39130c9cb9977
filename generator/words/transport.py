"""Getting there in plain words, shared by the site, print, text messages and open data.

    Nearest stop: Aigburth Vale (Stop B), 96 m, about 2 minutes' walk.
    Buses 82, 82A and 82C towards City Centre; 500 towards Liverpool ONE.
    82A runs Monday to Saturday; 82C weekdays only.
    (or) No bus stop within 400 m.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from generator import schedule
from generator.model import Venue
from generator.transport import buspass
from generator.transport import days as transport_days
from generator.transport.model import NearbyStop, RouteAtStop, VenueTransport
from generator.words import say
from generator.words.lists import and_list

NOT_KNOWN = "Bus details not known yet: ring to ask."
NO_CURRENT_SERVICE = ("Check bus times with the operator: our timetable has no bus here that is "
                      "still running.")
NONE_ON_THE_DAY = "None of the buses at this stop runs on the days this activity is on."

# NaPTAN's short forms in stop indicators, spelt out ("(opp)" -> "(opposite)").
INDICATOR_WORDS = {
    "opp": "opposite", "o/p": "opposite", "op": "opposite", "opposite": "opposite",
    "o/s": "outside", "os": "outside", "outside": "outside",
    "adj": "near", "adjacent": "near", "nr": "near", "near": "near",
    "bef": "before", "before": "before", "aft": "after", "after": "after",
    "cnr": "on the corner", "corner": "on the corner",
    "n-bound": "northbound", "s-bound": "southbound", "e-bound": "eastbound",
    "w-bound": "westbound", "nb": "northbound", "sb": "southbound", "eb": "eastbound",
    "wb": "westbound", "in": "inbound", "out": "outbound",
}
_SMALL_WORDS = frozenset({"and", "of", "the", "at", "on", "in", "by", "for", "to", "upon", "de"})
# Kept in capitals when a name in capitals is put into normal case.
_CAPITALS = frozenset({"NHS", "YMCA", "YWCA", "GP", "UK", "ONE", "II", "III", "IV", "BBC", "RC",
                       "CE", "JMI", "HQ"})


def normal_case(name: str) -> str:
    """'RUNCORN HIGH STREET- STAND C' -> 'Runcorn High Street - Stand C'; a name with small
    letters already is left as it is (only the spacing round a dash is tidied)."""
    name = re.sub(r"\s*-\s+|\s+-\s*", " - ", " ".join(name.split()))
    if any(c.islower() for c in name):
        return name
    words = []
    for i, word in enumerate(name.split(" ")):
        core = word.strip("()[],.")
        if core.upper() in _CAPITALS or (i and len(core) == 1 and core.isalpha()):
            words.append(word)
        elif i and word.lower() in _SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append(re.sub(r"[A-Za-z][A-Za-z']*",
                                lambda m: m.group(0)[0].upper() + m.group(0)[1:].lower(), word))
    return " ".join(words)


def indicator_words(indicator: str) -> str:
    """NaPTAN's '(opp)', 'o/s', 'adj', 'nr' spelt out; 'Stop B', 'Stand 3' kept."""
    text = " ".join(indicator.split())
    key = text.strip("(). ").lower()
    if key in INDICATOR_WORDS:
        return say(INDICATOR_WORDS[key])
    return normal_case(text)


def stop_label(stop: NearbyStop) -> str:
    """'Aigburth Vale (Stop B)', 'Runcorn High Street (opposite)'."""
    name = normal_case(stop.name)
    if not stop.indicator:
        return name
    return say("{stop} ({indicator})", stop=name, indicator=indicator_words(stop.indicator))


def runs_on(route: RouteAtStop, weekdays: Iterable[int] | None) -> bool:
    """Does the route run on any of these weekdays (Monday 0)? Unknown days count as yes."""
    if weekdays is None or not route.weekdays:
        return True
    return bool(route.weekdays & frozenset(weekdays))


def activity_weekdays(entry_or_activity) -> frozenset[int] | None:
    """The weekdays an activity can be on, or None when any day may be (a date of the month)."""
    schedules = getattr(entry_or_activity, "activity", entry_or_activity).schedules
    if any(s.day_of_month is not None for s in schedules):
        return None
    return frozenset(schedule.day_index(d) for d in schedule.weekdays_of(schedules)) or None


def routes_for(stop: NearbyStop, entry_or_activity) -> tuple[RouteAtStop, ...]:
    """The routes at a stop that run on the activity's days (a Tuesday walk is not told of a
    Saturdays-only bus)."""
    days = activity_weekdays(entry_or_activity)
    return tuple(r for r in stop.routes if runs_on(r, days))


def bus_numbers_for(transport: VenueTransport | None, entry_or_activity) -> tuple[str, ...]:
    """The bus numbers near a venue that run on the activity's days (hand-written ones as
    written)."""
    if transport is None:
        return ()
    if transport.source == "manual" or not transport.stops:
        return tuple(transport.buses)
    seen: dict[str, str] = {}
    for stop in transport.stops:
        for r in routes_for(stop, entry_or_activity):
            seen.setdefault(r.number.upper(), r.number)
    return tuple(n for n in transport.buses if n.upper() in seen)


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


def stop_lines(stop: NearbyStop, entry_or_activity=None) -> list[str]:
    """The stop and its buses (with an activity: only those that run on its days)."""
    lines = [say("{stop}, {walk}.", stop=stop_label(stop), walk=walk(stop))]
    routes = stop.routes if entry_or_activity is None else routes_for(stop, entry_or_activity)
    if routes:
        lines.append(buses(routes) + ".")
        note = days(routes)
        if note:
            lines.append(note[0].upper() + note[1:] + ".")
    elif not stop.current:
        lines.append(say(NO_CURRENT_SERVICE))
    elif stop.routes:
        lines.append(say(NONE_ON_THE_DAY))
    return lines


def lines(transport: VenueTransport | None, entry_or_activity=None) -> list[str]:
    """Everything to say about getting to a venue, as short sentences (with an activity, only
    the buses that run on its days)."""
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
        first_lines = stop_lines(first, entry_or_activity)
        out.append(say("Nearest stop: {stop}", stop=first_lines[0]))
        out += first_lines[1:]
        for stop in others:
            more = stop_lines(stop, entry_or_activity)
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
        parts.append(say("Nearest stop: {stop}, {walk}.", stop=stop_label(stop), walk=walk(stop)))
    elif vt and vt.nearest_stop_text:
        parts.append(say("Nearest stop: {stop}.", stop=vt.nearest_stop_text))
    elif venue.transport and venue.transport.nearest_stop:
        parts.append(say("Nearest stop: {stop}.", stop=venue.transport.nearest_stop))
    numbers = list(vt.buses) if vt and vt.buses else list(venue.transport.buses if venue.transport else [])
    if numbers:
        parts.append(bus_numbers(numbers) + ".")
    elif vt and vt.stops and not vt.stops[0].current:
        parts.append(say(NO_CURRENT_SERVICE))
    notes = (vt.notes if vt and vt.notes else None) or (venue.transport.notes if venue.transport else None)
    if notes:
        parts.append(notes)
    if vt and vt.source == "computed" and not vt.stops:
        parts.append(no_stop(vt.max_distance_m))
    return " ".join(parts) or None


def bus_pass_note(entry_or_activity) -> str | None:
    """Activities starting before 09:30 on a weekday: the older person's bus pass is not valid yet."""
    if not buspass.starts_before_bus_pass(entry_or_activity):
        return None
    return say("Starts before 9:30am on a weekday. {note}", note=say(buspass.NOTE))
