"""The days a bus runs, in plain English: "Every day", "Monday to Saturday", "Saturdays only"."""

from __future__ import annotations

from collections.abc import Iterable

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def days_text(weekdays: Iterable[int]) -> str:
    """Weekday numbers (Monday is 0) as words. An empty set gives ''."""
    days = sorted(set(weekdays))
    if not days:
        return ""
    if len(days) == 7:
        return "Every day"
    if days == [0, 1, 2, 3, 4]:
        return "Weekdays"
    if days == [5, 6]:
        return "Weekends"
    if len(days) == 1:
        return f"{DAY_NAMES[days[0]]}s only"
    if len(days) == 6:
        missing = ({0, 1, 2, 3, 4, 5, 6} - set(days)).pop()
        if missing == 6:
            return "Monday to Saturday"
        return f"Every day except {DAY_NAMES[missing]}"
    if days == list(range(days[0], days[-1] + 1)) and len(days) >= 3:
        return f"{DAY_NAMES[days[0]]} to {DAY_NAMES[days[-1]]}"
    names = [DAY_NAMES[d] for d in days]
    return ", ".join(names[:-1]) + " and " + names[-1]


def in_sentence(text: str) -> str:
    """Days text for the middle of a sentence: 'Every day' -> 'every day', 'Weekdays' ->
    'weekdays', 'Every day except Sunday' -> 'every day except Sunday'; day names keep their
    capital ('Monday to Saturday', 'Saturdays only')."""
    for word in ("Every", "Weekdays", "Weekends"):
        if text.startswith(word):
            return word.lower() + text[len(word):]
    return text
