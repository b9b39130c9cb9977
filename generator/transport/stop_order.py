"""Stops in route order, each direction on its own, from a GTFS feed's stop_sequence: for bus
route pages that say which stop to get off at. (A small reader beside gtfs.py, which answers the
other question: which routes call at a stop.)

    route_stops(feed, {("82", "Arriva")}) -> {("82", "Arriva"): [("Speke", ["2800S43001A", …]), …]}

Each direction (direction_id, else the headsign) is the stop list of its longest trip pattern,
so a short working that turns back early does not hide the far end of the route; stops that only
other patterns call at (a loop, a detour) are put in after the stop before them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from generator.transport.gtfs import routes
from generator.transport.tables import Feed, cell


def route_stops(feed: Feed, wanted: Collection[tuple[str, str]]
                ) -> dict[tuple[str, str], list[tuple[str, list[str]]]]:
    """For each wanted (number, operator): [(towards, [stop ids in order]), …], one per
    direction, the busiest direction first."""
    table = routes(feed)
    route_key = {rid: (number, operator) for rid, (number, operator, _phone) in table.items()
                 if (number, operator) in wanted}
    trips: dict[str, tuple[tuple[str, str], str, str]] = {}
    with feed.table("trips") as (cols, rows):
        rid, tid = cols.required("route_id", "trip_id")
        heads, dirs = cols.optional("trip_headsign"), cols.optional("direction_id")
        for row in rows:
            key = route_key.get(cell(row, rid))
            if key is not None:
                trips[cell(row, tid)] = (key, cell(row, dirs), cell(row, heads))
    sequences: dict[str, list[tuple[int, str]]] = {}
    with feed.table("stop_times") as (cols, rows):
        ti, si, qi = cols.required("trip_id", "stop_id", "stop_sequence")
        for row in rows:
            trip = cell(row, ti)
            if trip in trips:
                try:
                    sequences.setdefault(trip, []).append((int(cell(row, qi)), cell(row, si)))
                except ValueError:
                    continue
    patterns: dict[tuple, Counter] = {}
    towards: dict[tuple, Counter] = {}
    for trip, stops in sequences.items():
        key, direction, headsign = trips[trip]
        order = tuple(stop for _, stop in sorted(stops))
        group = (key, direction or headsign)
        patterns.setdefault(group, Counter())[order] += 1
        towards.setdefault(group, Counter())[headsign] += 1
    out: dict[tuple[str, str], list[tuple[str, list[str]]]] = {}
    ranked = sorted(patterns, key=lambda g: -sum(patterns[g].values()))
    for group in ranked:
        key = group[0]
        out.setdefault(key, []).append((head_of(towards[group]), merged(patterns[group])))
    return out


def head_of(counts: Counter) -> str:
    return counts.most_common(1)[0][0] if counts else ""


def merged(patterns: Counter) -> list[str]:
    """The longest pattern, with every other pattern's extra stops after their predecessor."""
    ranked = sorted(patterns, key=lambda order: (-len(order), -patterns[order], order))
    out = list(ranked[0])
    for order in ranked[1:]:
        for i, stop in enumerate(order):
            if stop in out:
                continue
            before = next((order[j] for j in range(i - 1, -1, -1) if order[j] in out), None)
            out.insert(out.index(before) + 1 if before is not None else 0, stop)
    return out
