"""The facts printed about one activity, as plain strings for the templates.

Every fact is worded by generator.words (dates by generator.schedule); bus details come from the
Directory's transport enrichment. Nothing here reads YAML, works out dates or words a fact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator import urls
from generator.directory import Directory, Entry
from generator.transport.model import VenueTransport
from generator.words import access as access_words
from generator.words import dates, people, place, say, status
from generator.words import transport as words
from generator.words.cost import cost_line

MAX_STOPS = 2  # in print: the nearest two stops are enough to choose from


@dataclass(frozen=True)
class BusLine:
    stop: str  # "Aigburth Vale (Stop B), 150 m, about 3 minutes' walk"
    buses: str  # "82, 82A towards City Centre; 86 towards Garston"


@dataclass(frozen=True)
class Facts:
    id: str
    name: str
    summary: str
    categories: tuple[str, ...]  # category ids, in the listing's order: the first is its home
    who: tuple[str, ...]
    when: tuple[str, ...]
    bus_pass_note: str | None
    where: tuple[str, ...]  # venue name, address, or "Online" …
    postcode: str | None
    access: tuple[str, ...]  # "Step-free access", "Accessible toilet" …
    bus_lines: tuple[BusLine, ...]
    bus_note: str | None  # "No bus stop within 400 m", or hand-written notes
    bus_numbers: tuple[str, ...]
    cost: str
    how_to_go: tuple[str, ...]
    join: tuple[str, ...]  # how to join, short, with the number to ring: for posters
    ring: str | None  # "On the day, ring …" or "Questions? Ring …": for posters
    phone: str | None
    on_the_day_phone: str | None
    email: str | None
    website: str | None
    last_checked: str
    last_checked_date: dt.date
    stale_warning: str | None
    closed_warning: str | None
    url: str  # the activity's page on the site, for QR codes


def who_for(entry: Entry) -> tuple[str, ...]:
    return tuple(people.who_for(entry))


def how_to_go(entry: Entry) -> tuple[str, ...]:
    act = entry.activity
    lines = [people.access_text(entry) + "."]
    referrers = people.referrer_line(entry)
    if referrers:
        lines.append(referrers)
    if act.how_to_go.how:
        lines.append(act.how_to_go.how)
    capacity = people.capacity_text(entry)
    if capacity:
        lines.append(capacity)
    lines += access_words.first_visit(act)
    languages = people.languages(entry)
    if languages:
        lines.append(languages)
    if act.communication_support:
        lines.append(act.communication_support)
    return tuple(lines)


def where(entry: Entry) -> tuple[tuple[str, ...], str | None, tuple[str, ...]]:
    return place.where_lines(entry)


def buses(transport: VenueTransport | None, entry: Entry) -> tuple[tuple[BusLine, ...], str | None, tuple[str, ...]]:
    if entry.venue is None:
        return (), None, ()
    if transport is None:
        return (), say(words.NOT_KNOWN), ()
    lines = []
    seen: set[str] = set()
    for stop in transport.stops[:MAX_STOPS]:
        numbers = list(dict.fromkeys(r.number for r in words.routes_for(stop, entry)))
        if lines and not set(numbers) - seen:
            continue  # the stop across the road: same buses, nothing new to say
        seen.update(numbers)
        lines.append(BusLine(say("{stop}, {metres} m away", stop=words.stop_label(stop),
                                 metres=stop.distance_m),
                             ", ".join(numbers) if numbers else " ".join(words.stop_lines(stop, entry)[1:])))
    if transport.nearest_stop_text and not lines:
        numbers = ", ".join(transport.buses)
        lines.append(BusLine(transport.nearest_stop_text, numbers))
    numbers = words.bus_numbers_for(transport, entry)
    if not lines and numbers:
        lines.append(BusLine("", ", ".join(numbers)))
    if not lines and transport.source not in ("computed", "manual"):
        return (), say(words.NOT_KNOWN), ()
    note = transport.notes
    if not lines and transport.source == "computed":
        note = words.no_stop(transport.max_distance_m) + (f" {note}" if note else "")
    return tuple(lines), note, tuple(numbers)


def bus_pass_note(entry: Entry) -> str | None:
    """The older person's bus pass is valid from 9:30am on weekdays (one wording everywhere)."""
    return words.bus_pass_note(entry)


def facts(directory: Directory, entry: Entry) -> Facts:
    act = entry.activity
    order = [c.id for c in directory.config.categories]
    lines, postcode, access = where(entry)
    bus_lines, bus_note, numbers = buses(directory.getting_there(entry), entry)
    checked = dates.long_date(act.last_checked, weekday=False)
    join = tuple(people.how_to_join(entry, place.phone(entry)))
    return Facts(
        id=act.id,
        name=act.name,
        summary=act.summary,
        categories=tuple(dict.fromkeys(c for c in act.categories if c in order)),
        who=who_for(entry),
        when=tuple(dates.when(directory, entry)),
        bus_pass_note=bus_pass_note(entry),
        where=lines,
        postcode=postcode,
        access=access,
        bus_lines=bus_lines,
        bus_note=bus_note,
        bus_numbers=numbers,
        cost=cost_line(entry),
        how_to_go=how_to_go(entry),
        join=join,
        ring=place.ring_line(entry, " ".join(join)),
        phone=place.phone(entry),
        on_the_day_phone=place.on_the_day_phone(entry),
        email=place.email(entry),
        website=place.website(entry),
        last_checked=checked,
        last_checked_date=act.last_checked,
        stale_warning=status.stale_warning(entry),
        closed_warning=status.closed_warning(entry),
        url=urls.absolute(directory.config, urls.activity(act.id)),
    )
