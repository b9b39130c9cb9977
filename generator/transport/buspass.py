"""The English older person's bus pass is valid from 09:30 on weekdays (all day at weekends and
on bank holidays). Activities that can start earlier on a weekday get a note saying so (worded
in generator.words.transport.bus_pass_note)."""

from __future__ import annotations

from collections.abc import Iterable

from generator.model import Activity, Day, Frequency, Schedule

VALID_FROM = "09:30"
NOTE = "The older person's bus pass is valid from 9:30am on weekdays."
WEEKDAYS = frozenset({Day.monday, Day.tuesday, Day.wednesday, Day.thursday, Day.friday})


def _on_a_weekday(s: Schedule) -> bool:
    if s.frequency is Frequency.once:
        return any(d.weekday() < 5 for d in s.dates)
    if s.day_of_month is not None:
        return True  # a date of the month falls on a weekday most months
    return bool(WEEKDAYS.intersection(s.days))


def early_schedules(schedules: Iterable[Schedule]) -> list[Schedule]:
    """The schedules with a weekday session starting before 09:30."""
    return [s for s in schedules if s.start < VALID_FROM and _on_a_weekday(s)]


def starts_before_bus_pass(entry_or_activity) -> bool:
    """True when a weekday session starts before the bus pass is valid (09:30)."""
    activity: Activity = getattr(entry_or_activity, "activity", entry_or_activity)
    return bool(early_schedules(activity.schedules))
