"""What the transport enrichment tells every output about getting to a venue."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RouteAtStop:
    number: str  # route_short_name, e.g. "82A"
    operator: str  # agency name, e.g. "Arriva Merseyside"
    towards: tuple[str, ...]  # trip headsigns, e.g. ("City Centre",)
    days: str  # plain English, e.g. "Monday to Saturday" or "Every day"
    operator_phone: str = ""  # agency_phone from the GTFS feed, for print ("" when not given)
    weekdays: frozenset[int] = frozenset()  # the days it runs here (Monday 0); empty: not known


@dataclass(frozen=True)
class NearbyStop:
    name: str  # e.g. "Aigburth Vale"
    indicator: str  # e.g. "Stop B", "opp"
    atco_code: str
    distance_m: int
    walk_minutes: int
    latitude: float
    longitude: float
    routes: tuple[RouteAtStop, ...]
    naptan_code: str = ""  # the stop's own number, on its flag (texted for next buses), or ""
    current: bool = True  # False: the timetable has no bus here that is still running

    @property
    def label(self) -> str:
        return f"{self.name} ({self.indicator})" if self.indicator else self.name


@dataclass(frozen=True)
class VenueTransport:
    """Getting to one venue. `source` says where the facts came from."""

    source: str  # "computed" (from NaPTAN/GTFS), "manual" (written in the listing), or "none"
    stops: tuple[NearbyStop, ...] = ()
    buses: tuple[str, ...] = ()  # bus numbers, sorted naturally, no repeats
    nearest_stop_text: str | None = None  # as written by hand, when source is "manual"
    notes: str | None = None
    max_distance_m: int = 400
    journey_planner_url: str | None = None
    # Added later (optional, safe to ignore): the computed stops kept for information when the
    # listing's hand-written details win (source "manual"), and how the venue was placed on the
    # map: "venue" (its own latitude/longitude), "postcode" (the postcode's centre) or None.
    computed_stops: tuple[NearbyStop, ...] = ()
    located_by: str | None = None

    @property
    def has_stop(self) -> bool:
        return bool(self.stops or self.nearest_stop_text)
