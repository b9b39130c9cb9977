"""Dates and times in plain English: the schedule sentence, start and end dates, next dates.

Which dates an activity has is decided by ``generator.schedule`` alone; this module only words
them ("Every Tuesday, 10am to 12 noon; from 12 January 2027").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from generator.model import Day, Frequency, Schedule, WeekOfMonth
from generator.schedule import day_index
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


def _days(s: Schedule) -> str:
    return and_list([day_name(d) for d in sorted(s.days, key=day_index)])


def when_words(s: Schedule) -> str:
    """The pattern alone: 'Every Tuesday', 'First and third Tuesday of the month', …"""
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
    return on_dates(sorted(s.dates))


def on_dates(dates: Sequence[dt.date]) -> str:
    """'On Tuesday 8 December 2026', 'On Tuesday 8 December and Tuesday 15 December 2026'."""
    if not dates:
        return ""
    if len(dates) == 1:
        return say("On {date}", date=long_date(dates[0]))
    if len({d.year for d in dates}) == 1:
        return say("On {dates} {year}", dates=and_list([long_date(d, year=False) for d in dates]),
                   year=dates[0].year)
    return say("On {dates}", dates=and_list([long_date(d) for d in dates]))


def date_range(s: Schedule) -> str | None:
    """'from 12 January 2027 to 31 March 2027', 'from …', 'until …', or None."""
    if s.valid_from and s.valid_to:
        return say("from {start} to {end}", start=long_date(s.valid_from, weekday=False),
                   end=long_date(s.valid_to, weekday=False))
    if s.valid_from:
        return say("from {start}", start=long_date(s.valid_from, weekday=False))
    if s.valid_to:
        return say("until {end}", end=long_date(s.valid_to, weekday=False))
    return None


def describe(s: Schedule) -> str:
    """One schedule as a sentence: 'Every Tuesday, 10am to 12 noon; not on bank holidays'."""
    text = say("{when}, {times}", when=when_words(s), times=times(s.start, s.end))
    extras = [e for e in (date_range(s),) if e]
    if s.term_time_only:
        extras.append(say("school term time only"))
    if s.not_on_bank_holidays:
        extras.append(say("not on bank holidays"))
    return "; ".join([text, *extras])


def describe_all(schedules: Sequence[Schedule]) -> list[str]:
    if not schedules:
        return [say("Ring to arrange a time")]
    return [describe(s) for s in schedules]
