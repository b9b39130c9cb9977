"""Dates and times in plain English: the schedule sentence, start and end dates, next dates.

Which dates an activity has is decided by ``generator.schedule`` alone; this module only words
them ("Every Tuesday, 10am to 12 noon; from 12 January 2027").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from generator.model import Day, Frequency, Schedule, WeekOfMonth
from generator.schedule import (
    Calendar,
    Session,
    day_index,
    first_occurrences,
    first_sessions,
    is_over,
)
from generator.words import say
from generator.words.lists import and_list

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
WEEK_WORDS = {WeekOfMonth.first: "first", WeekOfMonth.second: "second",
              WeekOfMonth.third: "third", WeekOfMonth.fourth: "fourth", WeekOfMonth.last: "last"}


def clock(value: str) -> str:
    """'10:00' -> '10am', '12:00' -> '12 noon', '14:30' -> '2:30pm', '00:00' -> 'midnight'."""
    hours, minutes = (int(p) for p in value.split(":"))
    if hours == 12 and minutes == 0:
        return say("12 noon")
    if hours == 0 and minutes == 0:
        return say("midnight")
    hour12 = hours % 12 or 12
    if minutes == 0:
        return say("{hour}am" if hours < 12 else "{hour}pm", hour=hour12)
    return say("{hour}:{minutes}am" if hours < 12 else "{hour}:{minutes}pm",
               hour=hour12, minutes=f"{minutes:02d}")


def times(start: str, end: str) -> str:
    """'10am to 12 noon'."""
    return say("{start} to {end}", start=clock(start), end=clock(end))


def day_name(day: Day | dt.date) -> str:
    index = day.weekday() if isinstance(day, dt.date) else day_index(day)
    return say(DAY_NAMES[index])


def long_date(day: dt.date, *, weekday: bool = True, year: bool = True) -> str:
    """'Tuesday 1 December 2026'; without the weekday or the year on request."""
    month = say(MONTH_NAMES[day.month - 1])
    if year and weekday:
        return say("{weekday} {day} {month} {year}", weekday=day_name(day), day=day.day,
                   month=month, year=day.year)
    if year:
        return say("{day} {month} {year}", day=day.day, month=month, year=day.year)
    if weekday:
        return say("{weekday} {day} {month}", weekday=day_name(day), day=day.day, month=month)
    return say("{day} {month}", day=day.day, month=month)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


HORIZON_DAYS = 400  # how far ahead "next on" looks (a monthly or term-time row within a year)


def _days(s: Schedule) -> str:
    return and_list([day_name(d) for d in sorted(s.days, key=day_index)])


def when_words(s: Schedule, today: dt.date | None = None) -> str:
    """The pattern alone: 'Every Tuesday', 'First and third Tuesday of the month', …; one-off
    dates before `today` are left out."""
    if s.frequency is Frequency.weekly:
        return say("Every {days}", days=_days(s))
    if s.frequency is Frequency.fortnightly:
        return say("Every other {days}", days=_days(s))
    if s.frequency is Frequency.monthly:
        if s.day_of_month:
            return say("On the {nth} of every month", nth=ordinal(s.day_of_month))
        order = list(WeekOfMonth)
        weeks = and_list([say(WEEK_WORDS[w]) for w in sorted(s.weeks, key=order.index)])
        return say("{weeks} {days} of the month", weeks=weeks[0].upper() + weeks[1:],
                   days=_days(s))
    return on_dates(sorted(d for d in s.dates if today is None or d >= today))


def on_dates(dates: Sequence[dt.date]) -> str:
    """'On Tuesday 8 December 2026', 'On Tuesday 8 December and Tuesday 15 December 2026'."""
    if not dates:
        return say("No dates left")
    if len(dates) == 1:
        return say("On {date}", date=long_date(dates[0]))
    if len({d.year for d in dates}) == 1:
        return say("On {dates} {year}", dates=and_list([long_date(d, year=False) for d in dates]),
                   year=dates[0].year)
    return say("On {dates}", dates=and_list([long_date(d) for d in dates]))


def date_range(s: Schedule, today: dt.date | None = None) -> str | None:
    """'from 12 January 2027 to 31 March 2027', 'from …', 'until …', or None. With `today`, a
    start date already past is not said (the activity is running)."""
    start = s.valid_from if s.valid_from and (today is None or s.valid_from > today) else None
    end = s.valid_to
    if start and end:
        return say("from {start} to {end}", start=long_date(start, weekday=False),
                   end=long_date(end, weekday=False))
    if start:
        return say("from {start}", start=long_date(start, weekday=False))
    if end:
        return say("until {end}", end=long_date(end, weekday=False))
    return None


def next_date(day: dt.date, today: dt.date) -> str:
    """'Monday 7 December' ('Monday 4 January 2027' in another year than today's)."""
    return long_date(day, year=day.year != today.year)


def next_occurrence(s: Schedule, today: dt.date, calendar: Calendar = Calendar()) -> dt.date | None:
    found = first_occurrences(s, today, today + dt.timedelta(days=HORIZON_DAYS), calendar)
    return found[0] if found else None


def next_on(s: Schedule, today: dt.date, calendar: Calendar = Calendar()) -> tuple[str, dt.date] | None:
    """('next on Monday 7 December', that date) for a row that is not every week, else None."""
    if s.frequency not in (Frequency.fortnightly, Frequency.monthly):
        return None
    upcoming = next_occurrence(s, today, calendar)
    return (say("next on {date}", date=next_date(upcoming, today)), upcoming) if upcoming else None


def describe(s: Schedule, today: dt.date | None = None, calendar: Calendar = Calendar(), *,
             with_next: bool = True) -> str:
    """One schedule as a sentence: 'Every Tuesday, 10am to 12 noon; not on bank holidays'.

    Given `today` (the build date), dates already past are left out and a row that is not every
    week says when it is next on: 'Every other Monday, 10am to 12 noon; next on Monday 7 December'
    (unless `with_next` is False: the site shows the next date where the browser can hide it).
    """
    text = say("{when}, {times}", when=when_words(s, today), times=times(s.start, s.end))
    extras = [e for e in (date_range(s, today),) if e]
    found = next_on(s, today, calendar) if today is not None and with_next else None
    if found:
        extras.append(found[0])
    if s.term_time_only:
        extras.append(say("school term time only"))
    if s.not_on_bank_holidays:
        extras.append(say("not on bank holidays"))
    return "; ".join([text, *extras])


def describe_all(schedules: Sequence[Schedule], today: dt.date | None = None,
                 calendar: Calendar = Calendar()) -> list[str]:
    """Every schedule's sentence; given `today`, rows whose dates are all past are left out."""
    if not schedules:
        return [say("Ring to arrange a time")]
    rows = [s for s in schedules if today is None or not is_over([s], today)]
    return [describe(s, today, calendar) for s in rows or schedules]


def when(directory, entry) -> list[str]:
    """The schedule sentences of an activity as of the build date."""
    return describe_all(entry.activity.schedules, directory.today, directory.calendar)


def next_session(directory, entry) -> Session | None:
    """The next session on or after the build date, within about a year."""
    found = first_sessions(entry.activity.schedules, directory.today,
                           directory.today + dt.timedelta(days=HORIZON_DAYS), directory.calendar)
    return found[0] if found else None


def next_session_text(directory, entry) -> str | None:
    """'Tuesday 8 December, 10am to 11:30am' or None."""
    found = next_session(directory, entry)
    if found is None:
        return None
    return say("{date}, {times}", date=next_date(found.date, directory.today),
               times=times(found.start, found.end))


EPOCH = dt.date(1970, 1, 1)


def day_number(day: dt.date | None) -> int | None:
    """Days since 1970-01-01: how the browser compares a date with the visitor's today."""
    return None if day is None else (day - EPOCH).days


def last_day(s: Schedule) -> dt.date | None:
    """The last date a schedule can have a session, when it has one."""
    if s.frequency is Frequency.once:
        return max(s.dates) if s.dates else None
    return s.valid_to


def when_rows(directory, entry) -> list[dict]:
    """The schedule sentences with the day number after which each is past (or None)."""
    a = entry.activity
    if not a.schedules:
        return [{"text": say("Ring to arrange a time"), "until": None}]
    rows = [s for s in a.schedules if not is_over([s], directory.today)] or list(a.schedules)
    out = []
    for s in rows:
        if s.frequency is Frequency.once:  # a row a date, so each can be hidden once past
            days = [d for d in sorted(s.dates) if d >= directory.today] or sorted(s.dates)[-1:]
            out += [{"text": describe(s.model_copy(update={"dates": [d]}), directory.today,
                                      directory.calendar), "until": day_number(d)} for d in days]
        else:  # the page's "Next" line says which week
            out.append({"text": describe(s, directory.today, directory.calendar, with_next=False),
                        "until": day_number(last_day(s))})
    return out


def upcoming(directory, entry, count: int = 6) -> list[dict]:
    """The next few sessions as {"text": 'Tuesday 8 December, 10am to 11:30am', "day": N}, so
    the browser can show the first that is not past on the visitor's own today."""
    found = first_sessions(entry.activity.schedules, directory.today,
                           directory.today + dt.timedelta(days=HORIZON_DAYS), directory.calendar,
                           count)
    return [{"text": say("{date}, {times}", date=next_date(x.date, directory.today),
                         times=times(x.start, x.end)), "day": day_number(x.date)}
            for x in found]


def short_date(day: dt.date, today: dt.date) -> str:
    """'Tue 8 Dec' ('Tue 5 Jan 2027' in another year than today's), for a text message."""
    text = say("{weekday} {day} {month}", weekday=day_name(day)[:3], day=day.day,
               month=say(MONTH_NAMES[day.month - 1])[:3])
    return text if day.year == today.year else say("{date} {year}", date=text, year=day.year)


def short_times(start: str, end: str) -> str:
    """'10am-11:30am'."""
    return say("{start}-{end}", start=clock(start), end=clock(end))


def short_next(directory, entry) -> list[str]:
    """The next session for a text message, longest wording first:
    ['Next Tue 8 Dec, 10am-11:30am, then every Tuesday', 'Next Tue 8 Dec, 10am-11:30am']."""
    found = next_session(directory, entry)
    if found is None:
        return [say("Ring to arrange a time")] if not entry.activity.schedules else []
    text = say("Next {date}, {times}", date=short_date(found.date, directory.today),
               times=short_times(found.start, found.end))
    schedules = entry.activity.schedules
    if len(schedules) == 1 and schedules[0].frequency is not Frequency.once:
        pattern = when_words(schedules[0])
        return [say("{next}, then {pattern}", next=text, pattern=pattern[0].lower() + pattern[1:]),
                text]
    return [text]


def site_next(directory, entry, schedules=None) -> tuple[str | None, int | None]:
    """For site lists: ('next on Monday 7 December', its day number) when a row of the activity
    (or of `schedules`) is not every week, for the browser to hide once past; else (None, None)."""
    rows = entry.activity.schedules if schedules is None else schedules
    found = [x for s in rows if (x := next_on(s, directory.today, directory.calendar))]
    if not found:
        return None, None
    text, day = min(found, key=lambda x: x[1])
    return text, day_number(day)
