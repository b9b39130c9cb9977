"""iCalendar (RFC 5545) files: one per activity, and one per category or area.

Each schedule of an activity becomes one VEVENT with a real recurrence rule taken from
``generator.schedule.rule`` (weekly; fortnightly as ``INTERVAL=2`` with DTSTART on a real session
and ``WKST=MO``; monthly ``BYDAY=1TU`` / ``-1FR`` or ``BYMONTHDAY``). ``valid_to`` becomes UNTIL.
One-off dates are one VEVENT each (not DTSTART + RDATE: strict readers such as the ``ical``
library drop the DTSTART of an event that has RDATEs), with UIDs ``ID-N-YYYYMMDD@host``.

Which dates are left out is decided by ``schedule.occurrences`` alone, never re-implemented
here: within a horizon (from the first of this month, or ``valid_from``, for ``HORIZON_DAYS``)
every date the bare rule gives but ``occurrences`` drops becomes an EXDATE. That covers:

- ``not_on_bank_holidays``: an EXDATE for each bank holiday the rule falls on;
- ``term_time_only``: an EXDATE for each date outside the school terms in site_config, and
  UNTIL no later than the end of the last term we know (after that we cannot say).

The site is rebuilt on a schedule, so a calendar subscription keeps moving its horizon forward.
Times are local to Europe/London (TZID with a VTIMEZONE); UNTIL is in UTC, as RFC 5545 asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

import icalendar

from generator import urls
from generator.directory import Directory, Entry
from generator.model import Frequency, Schedule, Status
from generator.schedule import Calendar, occurrences, rule
from generator.words import place, say, status
from generator.words import transport as transport_words
from generator.words.cost import cost_line
from generator.words.dates import describe
from generator.words.place import location_text

HORIZON_DAYS = 731  # how far ahead EXDATEs are written (about two years)
PRODID = "-//What's On//Community activity directory//EN"


# ---------------------------------------------------------------------------------------------
# Public API


def activity_ics(directory: Directory, entry: Entry) -> bytes:
    """One VCALENDAR for one activity: a VEVENT per schedule."""
    cal = _calendar(directory, entry.activity.name)
    for event in activity_events(directory, entry):
        cal.add_component(event)
    return cal.to_ical()


def collection_ics(directory: Directory, entries: Iterable[Entry], name: str,
                   cache: dict[str, bytes] | None = None) -> bytes:
    """One VCALENDAR for many activities (a category or an area).

    Pass the same `cache` dict when writing many collections: each activity's events are then
    worked out and serialised once, however many categories and areas it is in."""
    cache = {} if cache is None else cache
    head = _calendar(directory, name).to_ical()
    end = b"END:VCALENDAR\r\n"
    parts = [head[: -len(end)]]
    for entry in entries:
        if entry.id not in cache:
            cache[entry.id] = b"".join(ev.to_ical() for ev in activity_events(directory, entry))
        parts.append(cache[entry.id])
    parts.append(end)
    return b"".join(parts)


def activity_events(directory: Directory, entry: Entry) -> list[icalendar.Event]:
    out: list[icalendar.Event] = []
    for i, s in enumerate(entry.activity.schedules):
        if s.frequency is Frequency.once:
            out += _one_off_events(directory, entry, s, i)
        elif (ev := _event(directory, entry, s, i)) is not None:
            out.append(ev)
    return out


# ---------------------------------------------------------------------------------------------
# Calendar and time zone


def _calendar(directory: Directory, name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # An X- property is written as given unless it is marked as text: vText escapes line breaks.
    cal.add("x-wr-calname", icalendar.vText(f"{name} ({directory.config.site.name})"))
    cal.add("x-wr-timezone", directory.config.site.timezone)
    cal.add_component(_vtimezone(directory.config.site.timezone))
    return cal


def _vtimezone(tzid: str) -> icalendar.Timezone:
    if tzid != "Europe/London":
        return icalendar.Timezone.from_tzid(tzid)
    # The compact, rule-based form every calendar program understands (UK rules since 1996).
    tz = icalendar.Timezone()
    tz.add("tzid", tzid)
    for kind, name, start, month, off_from, off_to in (
        (icalendar.TimezoneDaylight, "BST", dt.datetime(1970, 3, 29, 1), 3, 0, 1),
        (icalendar.TimezoneStandard, "GMT", dt.datetime(1970, 10, 25, 2), 10, 1, 0),
    ):
        part = kind()
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
        part.add("tzoffsetfrom", dt.timedelta(hours=off_from))
        part.add("tzoffsetto", dt.timedelta(hours=off_to))
        tz.add_component(part)
    return tz


def _at(day: dt.date, time: str, zone: ZoneInfo) -> dt.datetime:
    hours, minutes = (int(p) for p in time.split(":"))
    return dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=zone)


# ---------------------------------------------------------------------------------------------
# One schedule -> one VEVENT


def horizon(directory: Directory, s: Schedule) -> tuple[dt.date, dt.date]:
    """The dates the EXDATEs cover: from the first of this month (or valid_from) for two years,
    no later than valid_to."""
    start = directory.today.replace(day=1)
    if s.valid_from and s.valid_from > start:
        start = s.valid_from
    end = start + dt.timedelta(days=HORIZON_DAYS)
    if s.valid_to and s.valid_to < end:
        end = s.valid_to
    return start, end


def _bare(s: Schedule) -> Schedule:
    return s.model_copy(update={"not_on_bank_holidays": False, "term_time_only": False})


def _new_event(directory: Directory, entry: Entry, uid: str) -> icalendar.Event:
    ev = icalendar.Event()
    ev.add("uid", f"{uid}@{_host(directory)}")
    ev.add("dtstamp", dt.datetime.combine(entry.activity.last_checked, dt.time(), tzinfo=dt.UTC))
    ev.add("summary", entry.activity.name)
    return ev


def _one_off_events(directory: Directory, entry: Entry, s: Schedule, index: int) -> list[icalendar.Event]:
    """A VEVENT per date that really happens (a bank holiday or holiday date left out is no event)."""
    zone = ZoneInfo(directory.config.site.timezone)
    dates = sorted(s.dates)
    kept = occurrences(s, dates[0], dates[-1], directory.calendar)
    out = []
    for d in kept:
        ev = _new_event(directory, entry, f"{entry.id}-{index + 1}-{d:%Y%m%d}")
        ev.add("dtstart", _at(d, s.start, zone))
        ev.add("dtend", _at(d, s.end, zone))
        _details(directory, entry, s, ev)
        out.append(ev)
    return out


def _event(directory: Directory, entry: Entry, s: Schedule, index: int) -> icalendar.Event | None:
    zone = ZoneInfo(directory.config.site.timezone)
    r = rule(s)
    cal: Calendar = directory.calendar
    ev = _new_event(directory, entry, f"{entry.id}-{index + 1}")

    if s.term_time_only and not cal.terms:
        return None  # no term dates in site_config: no session can be placed
    start, end = horizon(directory, s)
    flagged = s.not_on_bank_holidays or s.term_time_only
    # without exclusions only the first session is needed: look a little way ahead first
    peek = end if flagged else min(end, start + dt.timedelta(days=70))
    raw = occurrences(_bare(s), start, peek, Calendar())
    if not raw and peek < end:
        raw = occurrences(_bare(s), start, end, Calendar())
    if not raw and s.valid_from:  # a run that is over: keep it from its real first session
        start = s.valid_from
        raw = occurrences(_bare(s), start, s.valid_to or end, Calendar())
    if not raw:
        return None
    first = raw[0]
    excluded = []
    if flagged:
        kept = set(occurrences(s, start, end, cal))
        excluded = [d for d in raw if d not in kept]
    parts: dict[str, object] = {"freq": r.freq}
    if r.interval != 1:
        parts["interval"] = r.interval
        parts["wkst"] = "MO"  # the fortnight's phase follows DTSTART's Monday-based week
    if r.byday:
        parts["byday"] = list(r.byday)
    if r.bymonthday:
        parts["bymonthday"] = r.bymonthday
    until = _until(s, cal)
    if until:
        parts["until"] = _at(until, "23:59", zone).astimezone(dt.UTC)
    ev.add("rrule", parts)

    ev.add("dtstart", _at(first, s.start, zone))
    ev.add("dtend", _at(first, s.end, zone))
    for d in excluded:
        ev.add("exdate", _at(d, s.start, zone))

    _details(directory, entry, s, ev)
    return ev


def _until(s: Schedule, cal: Calendar) -> dt.date | None:
    ends = [s.valid_to] if s.valid_to else []
    if s.term_time_only and cal.terms:
        ends.append(max(end for _, end in cal.terms))
    return min(ends) if ends else None


# ---------------------------------------------------------------------------------------------
# Words: location, description, links


def _host(directory: Directory) -> str:
    url = directory.config.site.url
    return url.split("://", 1)[-1].split("/", 1)[0]


def _details(directory: Directory, entry: Entry, s: Schedule, ev: icalendar.Event) -> None:
    a = entry.activity
    page = urls.absolute(directory.config, urls.activity(a.id))
    lines = [a.summary, "", say("When: {when}", when=describe(s, directory.today, directory.calendar))]
    if s.notes:
        lines.append(s.notes)
    lines.append(say("Cost: {cost}", cost=cost_line(entry)))
    closed = status.closed_warning(entry)
    if closed:
        lines.insert(0, closed)
    phone = place.phone(entry)
    if phone:
        lines.append(say("Phone: {phone}", phone=phone))
    if a.on_the_day_phone:
        lines.append(say("On the day, ring: {phone}", phone=a.on_the_day_phone))
    if a.email:
        lines.append(say("E-mail: {email}", email=a.email))
    if entry.venue:
        getting_there = transport_words.summary(directory.getting_there(entry), entry.venue)
        if getting_there:
            lines.append(say("Getting there: {text}", text=getting_there))
    lines.append(say("Organised by {organisation}", organisation=entry.organisation.name))
    lines.append(say("Details: {page}", page=page))
    ev.add("description", "\n".join(lines))
    where = location_text(entry)
    if where:
        ev.add("location", where)
    if entry.venue and entry.venue.latitude is not None:
        ev.add("geo", (entry.venue.latitude, entry.venue.longitude))
    ev.add("url", page)
    names = directory.config.category_by_id
    cats = [names[c].name for c in a.categories if c in names]
    if cats:
        ev.add("categories", cats)
    ev.add("status", "CANCELLED" if a.status is Status.ended
           else "TENTATIVE" if a.status is Status.temporarily_closed else "CONFIRMED")
    ev.add("transp", "TRANSPARENT")


def entries_in_category(directory: Directory, category_id: str) -> Sequence[Entry]:
    return [e for e in directory.current() if category_id in e.activity.categories]


def entries_in_area(directory: Directory, area_id: str) -> Sequence[Entry]:
    return [e for e in directory.current() if area_id in e.areas]
