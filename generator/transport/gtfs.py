"""Which bus routes serve a stop, towards where, on which days: from a GTFS feed.

stop_times -> trips -> routes (+ agency for the operator's name); days from calendar.txt and
calendar_dates.txt. Streamed with csv and zipfile; stop_times.txt (the big one) is read once,
keeping only the rows for the stops asked about.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from generator.transport.days import days_text
from generator.transport.model import RouteAtStop
from generator.transport.tables import Feed, cell

WEEKDAY_COLUMNS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def is_bus(route_type: str) -> bool:
    """GTFS route_type for buses: 3 (bus), 11 (trolleybus), 200-299 (coach), 700-799 (bus)."""
    if not route_type:
        return True
    try:
        code = int(route_type)
    except ValueError:
        return False
    return code in (3, 11) or 200 <= code < 300 or 700 <= code < 800


@lru_cache(maxsize=8192)
def natural_key(number: str) -> tuple:
    """Sort bus numbers the way people do: 8, 75, 82, 82A, 82C, 500."""
    parts = re.split(r"(\d+)", number.lower())
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))


def _date(text: str) -> dt.date | None:
    text = text.strip()
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def agencies(feed: Feed) -> dict[str, tuple[str, str]]:
    """agency_id -> (name, phone)."""
    if not feed.has("agency"):
        return {}
    found: dict[str, tuple[str, str]] = {}
    with feed.table("agency") as (cols, rows):
        (name,) = cols.required("agency_name")
        aid, phone = cols.optional("agency_id"), cols.optional("agency_phone")
        for row in rows:
            found[cell(row, aid)] = (cell(row, name), cell(row, phone))
    return found


def routes(feed: Feed) -> dict[str, tuple[str, str, str]]:
    """route_id -> (bus number, operator name, operator phone), buses only."""
    names = agencies(feed)
    only = next(iter(names.values())) if len(names) == 1 else ("", "")
    found: dict[str, tuple[str, str, str]] = {}
    with feed.table("routes") as (cols, rows):
        (rid,) = cols.required("route_id")
        short, long_ = cols.optional("route_short_name"), cols.optional("route_long_name")
        aid, kind = cols.optional("agency_id"), cols.optional("route_type")
        for row in rows:
            if not is_bus(cell(row, kind)):
                continue
            number = cell(row, short) or cell(row, long_)
            operator, phone = names.get(cell(row, aid)) or only
            if number:
                found[cell(row, rid)] = (number, operator, phone)
    return found


def service_days(feed: Feed, today: dt.date | None) -> dict[str, frozenset[int]] | None:
    """service_id -> the weekdays (Monday 0) it runs, for services still running on `today`.

    calendar.txt gives the weekly pattern. calendar_dates.txt additions add a weekday when the
    service has no calendar.txt row, or when they add that weekday on two or more dates (so one
    extra bank-holiday Monday does not turn "Saturdays only" into "Monday and Saturday").
    Removals are one-off exceptions (Christmas) and leave the weekly pattern alone.
    None means the feed has neither file, so days are unknown.
    """
    if not feed.has("calendar") and not feed.has("calendar_dates"):
        return None
    days: dict[str, set[int]] = {}
    in_calendar: set[str] = set()
    if feed.has("calendar"):
        with feed.table("calendar") as (cols, rows):
            sid, *flags = cols.required("service_id", *WEEKDAY_COLUMNS)
            end = cols.optional("end_date")
            for row in rows:
                service = cell(row, sid)
                in_calendar.add(service)
                ends = _date(cell(row, end))
                if today and ends and ends < today:
                    continue
                days.setdefault(service, set()).update(
                    i for i, col in enumerate(flags) if cell(row, col) == "1")
    if feed.has("calendar_dates"):
        added: dict[str, Counter[int]] = {}
        with feed.table("calendar_dates") as (cols, rows):
            sid, date, kind = cols.required("service_id", "date", "exception_type")
            for row in rows:
                if cell(row, kind) != "1":
                    continue
                day = _date(cell(row, date))
                if day is None or (today and day < today):
                    continue
                added.setdefault(cell(row, sid), Counter())[day.weekday()] += 1
        for service, counts in added.items():
            base = days.setdefault(service, set())
            base.update(wd for wd, n in counts.items() if service not in in_calendar or n >= 2)
    return {s: frozenset(d) for s, d in days.items() if d}


def feed_end(feed: Feed) -> dt.date | None:
    """The last date the feed has any service on (calendar.txt end_date, calendar_dates.txt
    additions), or None when it says nothing about dates."""
    last: dt.date | None = None
    if feed.has("calendar"):
        with feed.table("calendar") as (cols, rows):
            end = cols.optional("end_date")
            for row in rows:
                day = _date(cell(row, end))
                if day and (last is None or day > last):
                    last = day
    if feed.has("calendar_dates"):
        with feed.table("calendar_dates") as (cols, rows):
            date, kind = cols.required("date", "exception_type")
            for row in rows:
                day = _date(cell(row, date))
                if cell(row, kind) == "1" and day and (last is None or day > last):
                    last = day
    return last


@dataclass
class _AtStop:
    headsigns: Counter[str] = field(default_factory=Counter)
    weekdays: set[int] = field(default_factory=set)


def routes_at_stops(feed: Feed, wanted: Collection[str], stop_names: Mapping[str, str], *,
                    today: dt.date | None = None) -> dict[str, tuple[RouteAtStop, ...]]:
    """For each wanted stop id, the bus routes that pick up there, sorted by number.

    Routes are told apart by number AND operator, so two companies' "82" stay two routes.
    A trip's last stop is not counted (nobody boards a bus that ends there), nor a stop where
    the timetable says there is no pickup (pickup_type 1). A trip with no headsign is "towards"
    the name of its last stop.
    """
    route_table = routes(feed)
    services = service_days(feed, today)
    patterns: list[tuple[tuple[str, str, str], frozenset[int], str]] = []
    seen: dict[tuple, int] = {}
    trip_pattern: dict[str, int] = {}
    with feed.table("trips") as (cols, rows):
        rid, sid, tid = cols.required("route_id", "service_id", "trip_id")
        heads = cols.optional("trip_headsign")
        for row in rows:
            route = route_table.get(cell(row, rid))
            if route is None:
                continue
            if services is None:
                weekdays: frozenset[int] = frozenset()
            else:
                weekdays = services.get(cell(row, sid))
                if not weekdays:
                    continue  # not running any more, or never on a weekday we know
            key = (route, weekdays, cell(row, heads))
            if key not in seen:
                seen[key] = len(patterns)
                patterns.append(key)
            trip_pattern[cell(row, tid)] = seen[key]

    wanted = wanted if isinstance(wanted, (set, frozenset, dict)) else set(wanted)
    last: dict[str, tuple[int, str]] = {}
    hits: list[tuple[str, str, int, str]] = []
    with feed.table("stop_times") as (cols, rows):
        ti, si, qi = cols.required("trip_id", "stop_id", "stop_sequence")
        pi, hi = cols.optional("pickup_type"), cols.optional("stop_headsign")
        width = max(ti, si, qi)
        for row in rows:
            if len(row) <= width:
                continue
            trip = row[ti]
            if trip not in trip_pattern:
                continue
            try:
                seq = int(row[qi])
            except ValueError:
                continue
            stop = row[si]
            prev = last.get(trip)
            if prev is None or seq > prev[0]:
                last[trip] = (seq, stop)
            if stop in wanted and cell(row, pi) != "1":
                hits.append((stop, trip, seq, cell(row, hi)))

    at: dict[str, dict[tuple[str, str, str], _AtStop]] = {}
    for stop, trip, seq, stop_headsign in hits:
        last_seq, last_stop = last[trip]
        if seq >= last_seq:
            continue
        route, weekdays, headsign = patterns[trip_pattern[trip]]
        towards = stop_headsign or headsign or stop_names.get(last_stop, "")
        here = at.setdefault(stop, {}).setdefault(route, _AtStop())
        if towards:
            here.headsigns[towards] += 1
        here.weekdays.update(weekdays)

    out: dict[str, tuple[RouteAtStop, ...]] = {}
    for stop, by_route in at.items():
        found = [
            RouteAtStop(number, operator,
                        tuple(h for h, _ in sorted(info.headsigns.items(), key=lambda x: (-x[1], x[0]))),
                        days_text(info.weekdays), phone, frozenset(info.weekdays))
            for (number, operator, phone), info in by_route.items()
        ]
        found.sort(key=lambda r: (natural_key(r.number), r.operator))
        out[stop] = tuple(found)
    return out
