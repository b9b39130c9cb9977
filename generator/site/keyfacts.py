"""The key facts at the top of an activity's page, for a patient reading on a phone: when it
next meets, where, step-free or not, the nearest stop and the buses that run on the activity's
days, how to join (or that it is full) and the number to ring on the day. Every fact is worded
by generator.words; this module only chooses which and in what order."""

from __future__ import annotations

import datetime as dt

from generator import schedule
from generator.directory import Directory, Entry
from generator.site.today import day_number
from generator.transport import days as transport_days
from generator.words import access, dates, people, say, status
from generator.words import transport as transport_words

AHEAD_DAYS = 120  # next dates listed in the page, so a saved copy still shows the right one
MAX_DATES = 12


def next_sessions(directory: Directory, entry: Entry) -> list[list]:
    """[[day number, 'Tuesday 24 November 2026, 10am to 11:30am'], …] from the build date on;
    the page shows the first that is not past on the reader's device."""
    start = directory.today
    found = schedule.sessions(entry.activity.schedules, start, start + dt.timedelta(days=AHEAD_DAYS),
                              directory.calendar)
    return [[day_number(s.date), say("{date}, {times}", date=dates.next_date(s.date, start),
                                    times=dates.times(s.start, s.end))]
            for s in found[:MAX_DATES]]


def _meeting_days(entry: Entry) -> set[int]:
    return {schedule.day_index(d) for d in schedule.weekdays_of(entry.activity.schedules)}


def bus_fact(directory: Directory, entry: Entry) -> str | None:
    """'Nearest stop: Aigburth Vale (Stop B), 96 m, about 2 minutes' walk. Buses 82 and 86.'
    — only the buses that run on a day the activity meets (where they go is further down)."""
    if entry.venue is None:
        return None
    vt = directory.getting_there(entry)
    if vt is None or not vt.stops:
        return transport_words.summary(vt, entry.venue) if vt or entry.venue.transport else None
    stop = vt.stops[0]
    meets = _meeting_days(entry)
    routes = [r for r in stop.routes if not meets or transport_days.weekdays(r.days) & meets]
    text = say("Nearest stop: {stop}, {walk}.", stop=stop.label, walk=transport_words.walk(stop))
    if routes:
        numbers = list(dict.fromkeys(transport_words.route_name(r, routes) for r in routes))
        text += " " + transport_words.bus_numbers(numbers) + "."
    elif stop.routes:
        text += " " + say("No bus from this stop runs on the days it meets.")
    return text


def key_facts(directory: Directory, entry: Entry) -> dict:
    a = entry.activity
    join = people.capacity_text(entry) or people.access_text(entry)
    running = status.is_running(entry)  # closed for now or ended: never a next date
    return {
        "next": next_sessions(directory, entry) if running else [],
        "step_free": access.venue_access(entry.venue)[0] if entry.venue else None,
        "bus": bus_fact(directory, entry),
        "join": join,
        "full": bool(people.capacity_short(entry)),
        "on_the_day": a.on_the_day_phone or a.phone,
    }
