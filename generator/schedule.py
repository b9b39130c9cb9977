"""Schedules, in one place: when sessions happen, and as RFC 5545 rules.

The site, print, text messages, calendars and the open-data export all ask this module; none of
them works out dates on its own. The words for them ("Every Tuesday, 10am to 12 noon") are in
generator.words.dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import holidays as _holidays
from dateutil import rrule as _rr

from generator.model import Day, Frequency, Schedule, WeekOfMonth

DAY_ORDER = [d for d in Day]
_RR_DAYS = [_rr.MO, _rr.TU, _rr.WE, _rr.TH, _rr.FR, _rr.SA, _rr.SU]
_ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEK_NUMBER = {
    WeekOfMonth.first: 1,
    WeekOfMonth.second: 2,
    WeekOfMonth.third: 3,
    WeekOfMonth.fourth: 4,
    WeekOfMonth.last: -1,
}
_SUBDIV = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}


def day_index(day: Day) -> int:
    """Monday is 0, as in datetime.weekday()."""
    return DAY_ORDER.index(day)


@lru_cache(maxsize=8)
def bank_holidays(region: str = "england-and-wales", first_year: int = 2020,
                  last_year: int = 2035) -> frozenset[dt.date]:
    """UK bank holidays for a region, from the `holidays` package (no network)."""
    table = _holidays.country_holidays(
        "GB", subdiv=_SUBDIV[region], years=range(first_year, last_year + 1)
    )
    return frozenset(table.keys())


@dataclass(frozen=True)
class Calendar:
    """What occurrence rules need to know beyond the schedule itself."""

    bank_holidays: frozenset[dt.date] = frozenset()
    terms: tuple[tuple[dt.date, dt.date], ...] = ()

    def in_term(self, day: dt.date) -> bool:
        return any(start <= day <= end for start, end in self.terms)


# ---------------------------------------------------------------------------------------------
# RFC 5545 rules


@dataclass(frozen=True)
class Rule:
    """A schedule as RFC 5545 / HSDS parts."""

    freq: str | None  # WEEKLY, MONTHLY, or None for one-off dates
    interval: int = 1
    byday: tuple[str, ...] = ()  # "TU", or "1TU" / "-1FR" for monthly
    bymonthday: int | None = None
    dtstart: dt.date | None = None
    until: dt.date | None = None
    rdates: tuple[dt.date, ...] = field(default_factory=tuple)

    def rrule_text(self) -> str | None:
        if not self.freq:
            return None
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.byday:
            parts.append("BYDAY=" + ",".join(self.byday))
        if self.bymonthday:
            parts.append(f"BYMONTHDAY={self.bymonthday}")
        if self.until:
            parts.append("UNTIL=" + self.until.strftime("%Y%m%d"))
        return ";".join(parts)


def rule(s: Schedule) -> Rule:
    days = [_ICAL_DAYS[day_index(d)] for d in s.days]
    if s.frequency is Frequency.once:
        return Rule(None, rdates=tuple(sorted(s.dates)))
    if s.frequency is Frequency.weekly:
        return Rule("WEEKLY", 1, tuple(days), dtstart=s.valid_from, until=s.valid_to)
    if s.frequency is Frequency.fortnightly:
        return Rule("WEEKLY", 2, tuple(days), dtstart=_first_fortnightly(s), until=s.valid_to)
    if s.day_of_month:
        return Rule("MONTHLY", 1, (), s.day_of_month, dtstart=s.valid_from, until=s.valid_to)
    byday = tuple(f"{WEEK_NUMBER[w]}{d}" for w in s.weeks for d in days)
    return Rule("MONTHLY", 1, byday, dtstart=s.valid_from, until=s.valid_to)


def _first_fortnightly(s: Schedule) -> dt.date:
    """The first session: start_date, or with a later valid_from, the first one on or after it
    (on whichever of the days comes first, keeping the fortnight's phase)."""
    lo = max(s.start_date, s.valid_from) if s.valid_from else s.start_date
    return min(d.date() for d in _rrule(s, lo, lo + dt.timedelta(days=13)))


# ---------------------------------------------------------------------------------------------
# Occurrences


def occurrences(s: Schedule, start: dt.date, end: dt.date, cal: Calendar = Calendar()) -> list[dt.date]:
    """Dates (inclusive range) on which this schedule has a session."""
    lo = max(start, s.valid_from) if s.valid_from else start
    hi = min(end, s.valid_to) if s.valid_to else end
    if hi < lo:
        return []
    if s.frequency is Frequency.once:
        found = sorted(d for d in s.dates if lo <= d <= hi)
    else:
        found = [d.date() for d in _rrule(s, lo, hi)]
    if s.not_on_bank_holidays:
        found = [d for d in found if d not in cal.bank_holidays]
    if s.term_time_only:
        found = [d for d in found if cal.in_term(d)]
    return found


def _rrule(s: Schedule, lo: dt.date, hi: dt.date) -> Iterable[dt.datetime]:
    weekdays = [_RR_DAYS[day_index(d)] for d in s.days]
    until = dt.datetime.combine(hi, dt.time())
    if s.frequency is Frequency.weekly:
        return _rr.rrule(_rr.WEEKLY, byweekday=weekdays, dtstart=_dt(lo), until=until)
    if s.frequency is Frequency.fortnightly:
        anchor = s.start_date - dt.timedelta(days=s.start_date.weekday())  # Monday of its week
        if anchor < lo:  # jump ahead in whole fortnights so long runs stay cheap
            anchor += dt.timedelta(weeks=2 * ((lo - anchor).days // 14))
        rule_ = _rr.rrule(_rr.WEEKLY, interval=2, wkst=_rr.MO, byweekday=weekdays,
                          dtstart=_dt(anchor), until=until)
        # start_date is the first session (as DTSTART in the .ics): none earlier in its week
        first = max(lo, s.start_date)
        return (d for d in rule_ if d.date() >= first)
    first = _dt(lo.replace(day=1))
    if s.day_of_month:
        rule_ = _rr.rrule(_rr.MONTHLY, bymonthday=s.day_of_month, dtstart=first, until=until)
    else:
        byday = [wd(WEEK_NUMBER[w]) for w in s.weeks for wd in weekdays]
        rule_ = _rr.rrule(_rr.MONTHLY, byweekday=byday, dtstart=first, until=until)
    return (d for d in rule_ if d.date() >= lo)


def _dt(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


@dataclass(frozen=True, order=True)
class Session:
    date: dt.date
    start: str
    end: str


def sessions(schedules: Sequence[Schedule], start: dt.date, end: dt.date,
             cal: Calendar = Calendar()) -> list[Session]:
    """Every session of an activity in a date range, in date and time order."""
    out = [Session(d, s.start, s.end) for s in schedules for d in occurrences(s, start, end, cal)]
    return sorted(set(out))


NEAR_WINDOWS = (35, 91)  # days: where the next sessions are looked for first


def first_occurrences(s: Schedule, start: dt.date, end: dt.date, cal: Calendar = Calendar(),
                      count: int = 1) -> list[dt.date]:
    """occurrences(s, start, end, cal)[:count], found as first_sessions finds them."""
    return [x.date for x in first_sessions([s], start, end, cal, count)]


def first_sessions(schedules: Sequence[Schedule], start: dt.date, end: dt.date,
                   cal: Calendar = Calendar(), count: int = 1) -> list[Session]:
    """sessions(schedules, start, end, cal)[:count], found by looking a few weeks ahead first
    (the sessions up to any day are the same whatever the range's end, so a short range that
    already has `count` of them has the first ones): a weekly session is not worked out a year
    ahead."""
    for days in NEAR_WINDOWS:
        near = min(end, start + dt.timedelta(days=days))
        found = sessions(schedules, start, near, cal)
        if len(found) >= count or near == end:
            return found[:count]
    return sessions(schedules, start, end, cal)[:count]


def is_over(schedules: Sequence[Schedule], today: dt.date) -> bool:
    """True when every schedule has run its course (past valid_to, or one-off dates all past)."""
    if not schedules:
        return False
    for s in schedules:
        if s.valid_to and s.valid_to < today:
            continue
        if s.frequency is Frequency.once and max(s.dates) < today:
            continue
        return False
    return True


# ---------------------------------------------------------------------------------------------
# For filters (the plain-English sentences are in generator.words.dates)


def time_of_day(start: str) -> str:
    """morning (before 12), afternoon (12 to 5pm) or evening (5pm on), for filters."""
    hours = int(start.split(":")[0])
    return "morning" if hours < 12 else "afternoon" if hours < 17 else "evening"


def weekdays_of(schedules: Sequence[Schedule]) -> list[Day]:
    """The days of the week an activity can fall on (for browse-by-day)."""
    found: set[Day] = set()
    for s in schedules:
        if s.frequency is Frequency.once:
            found.update(DAY_ORDER[d.weekday()] for d in s.dates)
        elif s.day_of_month is None:
            found.update(s.days)
    return sorted(found, key=day_index)
