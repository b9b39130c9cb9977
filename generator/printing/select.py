"""Which activities go into print, and into which edition."""

from __future__ import annotations

from generator.config import Edition
from generator.directory import Directory, Entry
from generator.freshness import Freshness
from generator.transport.spatial import haversine_m

WHOLE_DIRECTORY = "whole-directory"


def in_print(directory: Directory) -> tuple[Entry, ...]:
    """Ended activities never print; stale ones print only when site_config says `mark`."""
    omit_stale = directory.config.site.staleness.print_stale == "omit"
    return tuple(e for e in directory.current()
                 if not (omit_stale and e.freshness is Freshness.stale))


def editions(directory: Directory) -> tuple[Edition, ...]:
    """The editions in site_config/editions.yml, or one edition of the whole directory."""
    if directory.config.editions:
        return directory.config.editions
    return (Edition(id=WHOLE_DIRECTORY, title=directory.config.site.name,
                    description="Every activity in the directory."),)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    return haversine_m(lat1, lon1, lat2, lon2) / 1000


def location(directory: Directory, entry: Entry) -> tuple[float, float] | None:
    """Where the venue is: its own map pin, else the centre of its area."""
    venue = entry.venue
    if venue is None:
        return None
    if venue.latitude is not None and venue.longitude is not None:
        return venue.latitude, venue.longitude
    area = directory.config.area_by_id.get(venue.area)
    if area and area.latitude is not None and area.longitude is not None:
        return area.latitude, area.longitude
    return None


def belongs(directory: Directory, edition: Edition, entry: Entry) -> bool:
    """An edition takes a venue in its areas (empty: all) and, with a centre, within radius_km.

    Online, phone and home-visit activities (no venue) come in when `include_online` is set and
    they serve one of the edition's areas, or say no areas at all.
    """
    if entry.venue is None:
        if not edition.include_online:
            return False
        served = set(entry.areas)
        return not served or not edition.areas or bool(served & set(edition.areas))
    if edition.areas and entry.venue.area not in edition.areas:
        return False
    if edition.centre is not None and edition.radius_km is not None:
        where = location(directory, entry)
        if where is None:
            return False
        return distance_km(edition.centre.latitude, edition.centre.longitude, *where) <= edition.radius_km
    return True


def for_edition(directory: Directory, edition: Edition) -> tuple[Entry, ...]:
    return tuple(e for e in in_print(directory) if belongs(directory, edition, e))
