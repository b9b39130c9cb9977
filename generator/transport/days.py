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


def weekdays(text: str) -> set[int]:
    """The weekday numbers a `days_text` sentence names (its inverse); an unknown text gives
    every day, so a bus is never hidden for a wording this does not know."""
    if not text or text == "Every day":
        return set(range(7))
    if text == "Weekdays":
        return {0, 1, 2, 3, 4}
    if text == "Weekends":
        return {5, 6}
    if text.endswith("s only") and text[:-6] in DAY_NAMES:
        return {DAY_NAMES.index(text[:-6])}
    if text.startswith("Every day except ") and text[17:] in DAY_NAMES:
        return set(range(7)) - {DAY_NAMES.index(text[17:])}
    if " to " in text:
        first, _, last = text.partition(" to ")
        if first in DAY_NAMES and last in DAY_NAMES:
            return set(range(DAY_NAMES.index(first), DAY_NAMES.index(last) + 1))
    names = [n.strip() for n in text.replace(" and ", ", ").split(",")]
    if names and all(n in DAY_NAMES for n in names):
        return {DAY_NAMES.index(n) for n in names}
    return set(range(7))
