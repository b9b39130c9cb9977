"""Bus routes and the activities near their stops: for a page per route, the finder's route filter
and the booklet's bus route index.

A route is a number AND an operator: when two operators both run a "75", they are two routes,
and only then does the page address carry the operator (urls.bus_route(number, operator_slug)).
Hand-written bus numbers (no operator) join every computed route with that number, or a route
of their own when the data has none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.transport.gtfs import natural_key
from generator.words.transport import stop_label


@dataclass(frozen=True)
class BusRoute:
    number: str
    operator: str  # "" when only known from hand-written bus numbers
    operator_slug: str  # "" unless another operator runs the same number; for urls.bus_route
    towards: tuple[str, ...]  # headsigns seen at stops near activities
    days: tuple[str, ...]  # e.g. ("Every day",); several when stops differ
    stops: tuple[str, ...]  # stop labels near activities, e.g. "Aigburth Vale (Stop B)"
    entries: tuple  # Entry objects, in the directory's order
    operator_phone: str = ""

    @property
    def label(self) -> str:
        """'82', or '75 (Mersey Link)' when the number is shared."""
        return f"{self.number} ({self.operator})" if self.operator_slug else self.number


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class _Acc:
    towards: dict
    days: dict
    stops: dict
    entries: dict
    phone: str = ""


def route_index(directory, entries: Iterable | None = None) -> list[BusRoute]:
    """Every route serving a stop near at least one of `entries` (default: current activities)."""
    chosen = list(directory.current() if entries is None else entries)
    acc: dict[tuple[str, str], _Acc] = {}
    by_number: dict[str, set[str]] = {}

    def add(key: tuple[str, str]) -> _Acc:
        by_number.setdefault(key[0].upper(), set()).add(key[1])
        return acc.setdefault(key, _Acc({}, {}, {}, {}))

    hand: list[tuple[str, object]] = []
    labels: dict[tuple[str, str], str] = {}  # each stop's words, worked out once
    for entry in chosen:
        transport = directory.getting_there(entry)
        if transport is None:
            continue
        if transport.source == "manual":
            hand += [(number, entry) for number in transport.buses]
            continue
        for stop in transport.stops:
            for route in stop.routes:
                here = add((route.number, route.operator))
                here.phone = here.phone or route.operator_phone
                here.towards.update(dict.fromkeys(route.towards))
                here.days[route.days] = None
                label = labels.get((stop.name, stop.indicator))
                if label is None:
                    label = labels[stop.name, stop.indicator] = stop_label(stop)
                here.stops[label] = None
                here.entries[entry.id] = entry
    for number, entry in hand:
        operators = by_number.get(number.upper()) or {""}
        for operator in sorted(operators):
            key = next((k for k in acc if k[0].upper() == number.upper() and k[1] == operator),
                       (number, operator))
            add(key).entries[entry.id] = entry

    order = {e.id: i for i, e in enumerate(directory.activities)}
    out = []
    for (number, operator), a in acc.items():
        shared = len(by_number[number.upper()]) > 1
        out.append(BusRoute(number, operator, slug(operator or "other") if shared else "",
                            tuple(a.towards), tuple(d for d in a.days if d), tuple(a.stops),
                            tuple(sorted(a.entries.values(), key=lambda e: order.get(e.id, 0))),
                            a.phone))
    out.sort(key=lambda r: (natural_key(r.number), r.operator))
    return out
