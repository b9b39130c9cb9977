"""The words of a printed timetable row beside its time and name, and the school term dates.

A weekly row needs only its start and end dates; any other row also says its pattern and when it
is next on. Dates already past at build time are never said. Which dates there are is decided by
``generator.schedule``; this module only words them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from generator.model import Frequency, Schedule
from generator.schedule import Calendar
from generator.words import say
from generator.words.dates import (
    date_range,
    long_date,
    next_date,
    next_occurrence,
    on_dates,
    when_words,
)


def upcoming_dates(s: Schedule, today: dt.date) -> list[dt.date]:
    """A one-off row's dates from today on."""
    return sorted(d for d in s.dates if d >= today)


def next_on(s: Schedule, today: dt.date, calendar: Calendar = Calendar()) -> str | None:
    """'next on Monday 7 December' ('… 4 January 2027' in another year), or None."""
    found = next_occurrence(s, today, calendar)
    return say("next on {date}", date=next_date(found, today)) if found else None


def start_and_end(s: Schedule, today: dt.date) -> str | None:
    """'from 12 January 2027', 'until 31 March 2027', both, or None; a start already past is not
    said (it is running). The same words as every schedule sentence (words.dates.date_range)."""
    return date_range(s, today)


def row_note(s: Schedule, today: dt.date, calendar: Calendar = Calendar()) -> str | None:
    """What a timetable row says in brackets after the name: 'from 12 January 2027 to 16 February
    2027', 'Every other Monday; next on Monday 7 December', 'On Thursday 3 December 2026',
    'school term time only'; None for a plain weekly row."""
    parts: list[str] = []
    if s.frequency is Frequency.once:
        parts.append(on_dates(upcoming_dates(s, today)))
    elif s.frequency is not Frequency.weekly:
        parts.append(when_words(s))
    dates = start_and_end(s, today)
    if dates:
        parts.append(dates)
    if s.frequency in (Frequency.fortnightly, Frequency.monthly):
        upcoming = next_on(s, today, calendar)
        if upcoming:
            parts.append(upcoming)
    if s.term_time_only:
        parts.append(say("school term time only"))
    return "; ".join(parts) or None


def term_dates(terms: Sequence, today: dt.date) -> str | None:  # Sequence[config.Term]
    """'School terms: 2 November to 18 December 2026; 5 January to 12 February 2027.' for the
    terms not yet over, or None."""
    left = sorted((t for t in terms if t.end >= today), key=lambda t: t.start)
    if not left:
        return None
    spans = [say("{start} to {end}", start=long_date(t.start, weekday=False, year=t.start.year != t.end.year),
                 end=long_date(t.end, weekday=False)) for t in left]
    return say("School terms: {terms}.", terms="; ".join(spans))
