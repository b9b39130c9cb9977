"""Where an activity is, and the numbers to ring, worded once."""

from __future__ import annotations

from generator.formats import phone_digits
from generator.words import say
from generator.words.access import venue_access
from generator.words.lists import and_list, or_list


def tel(number: str) -> str:
    """'0151 496 0123' -> 'tel:+441514960123'."""
    return "tel:+44" + phone_digits(number)[1:]


def ways(entry) -> list[str]:
    """'Online', 'By phone', 'Home visits': the ways to take part that are not a venue."""
    w = entry.activity.where
    return [say(word) for word, on in (("Online", w.online), ("By phone", w.by_phone),
                                       ("Home visits", w.home_visits)) if on]


def where_short(entry) -> str:
    """'St Anne's Church Hall, L17 7AA' or 'Online or By phone'."""
    if entry.venue:
        return say("{venue}, {postcode}", venue=entry.venue.name, postcode=entry.venue.postcode)
    return or_list(ways(entry))


def location_text(entry) -> str | None:
    """The full address on one line (calendars, CSV): 'Hall, 1 Road, Liverpool, L17 7AA'."""
    v = entry.venue
    if v:
        return say("{venue}, {address}, {postcode}", venue=v.name, address=v.address,
                   postcode=v.postcode)
    return or_list(ways(entry)) or None


def where_lines(entry) -> tuple[tuple[str, ...], str | None, tuple[str, ...]]:
    """(address lines, postcode, access facts) for print: the venue, other ways, details."""
    venue, w = entry.venue, entry.activity.where
    access: list[str] = []
    if venue is not None:
        lines = [venue.name, venue.address]
        access += venue_access(venue, say_no=False)
        if venue.accessibility_notes:
            access.append(venue.accessibility_notes)
        postcode = venue.postcode
    else:
        lines, postcode = [], None
    others = ways(entry)
    if others:
        lines.append(and_list(others) if venue is None
                     else say("Also: {ways}", ways=and_list(others).lower()))
    if w.details:
        lines.append(w.details)
    return tuple(lines), postcode, tuple(access)


def phone(entry) -> str | None:
    """The number to ring about an activity: its own, else its organisation's first."""
    return entry.activity.phone or next((p.number for p in entry.organisation.phones), None)


def on_the_day_phone(entry) -> str | None:
    """The number to ring on the day (only when the group gave one)."""
    return entry.activity.on_the_day_phone


def ring_line(entry, said: str = "") -> str | None:
    """The one number to ring, for a poster: 'On the day, ring …' only with an on-the-day number,
    else 'Questions? Ring …' (None when the number is already in `said`, or there is none)."""
    on_the_day = on_the_day_phone(entry)
    if on_the_day:
        return say("On the day, ring {phone}", phone=on_the_day)
    number = phone(entry)
    return say("Questions? Ring {phone}", phone=number) if number and number not in said else None


def email(entry) -> str | None:
    return entry.activity.email or entry.organisation.email


def website(entry) -> str | None:
    return entry.activity.website or entry.organisation.website
