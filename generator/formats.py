"""Checks for the small formats volunteers type: phone numbers, postcodes, times, addresses.

Each check returns the cleaned value or raises ValueError with a message a volunteer can act on.
"""

from __future__ import annotations

import re

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# The pattern GOV.UK publishes for UK postcodes (with the space made optional).
_POSTCODE = re.compile(r"^([A-Z][A-HJ-Y]?[0-9][A-Z0-9]? ?[0-9][A-Z]{2}|GIR ?0A{2})$")
_EMAIL = re.compile(r"""^[^@\s<>"']+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$""")
_URL = re.compile(r"""^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::[0-9]+)?(?:[/?#][^\s<>"']*)?$""")
_TIME = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")

# The same rules as regular expressions a browser or an editor can run (JSON Schema "pattern":
# ECMAScript syntax, no flags). They accept what the checks below accept, as typed.
TIME_PATTERN = r"^([01]?[0-9]|2[0-3])[:.][0-5][0-9]$"
PHONE_PATTERN = r"^\(?(?:\+44|0)[\s()-]*[1-9](?:[\s()-]*[0-9]){8,9}[\s()-]*$"
POSTCODE_PATTERN = (
    r"^\s*(?:[A-Za-z][A-HJ-Ya-hj-y]?[0-9][A-Za-z0-9]?\s*[0-9][A-Za-z]{2}|[Gg][Ii][Rr]\s*0[Aa]{2})\s*$"
)
EMAIL_PATTERN = _EMAIL.pattern
URL_PATTERN = _URL.pattern
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def uk_phone(value: str) -> str:
    digits = re.sub(r"[\s()-]", "", value)
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    if not re.fullmatch(r"0[0-9]+", digits):
        raise ValueError(
            f'"{value}" is not a UK phone number. Write it with the area code, like 0151 496 0123'
        )
    if len(digits) not in (10, 11) or digits[1] == "0":
        raise ValueError(
            f'"{value}" is not a UK phone number: it has {len(digits)} digits. UK numbers have 11 '
            "digits (a few have 10), like 0151 496 0123 or 07700 900123"
        )
    if len(digits) == 10 and not _may_have_ten_digits(digits):
        raise ValueError(
            f'"{value}" is not a UK phone number: it has 10 digits, and numbers starting '
            f"{digits[:4]} have 11. Check for a missing digit"
        )
    return value


def _may_have_ten_digits(digits: str) -> bool:
    """Only some 01 area codes (e.g. 016977) and 0800 / 0500 numbers have ten digits.

    Numbers with 02, 03, 07, 08 (but 0800) and the big-city codes 011x / 01x1 always have 11."""
    if digits.startswith(("0800", "0500")):
        return True
    return digits.startswith("01") and not (digits[2] == "1" or digits[3] == "1")


def phone_digits(value: str) -> str:
    """The number as digits only, for tel: links."""
    digits = re.sub(r"[\s()-]", "", value)
    return "0" + digits[3:] if digits.startswith("+44") else digits


def email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(f'"{value}" is not an e-mail address. Write it like name@example.org')
    return value


def url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError(
            f'"{value}" is not a web address. Write it in full, like https://www.example.org'
        )
    return value


def postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", value.upper())
    if not _POSTCODE.match(compact):
        raise ValueError(f'"{value}" is not a UK postcode. Write it like L17 7AA')
    return compact[:-3] + " " + compact[-3:]


def clock_time(value: str, label: str = "") -> str:
    """'9:30' -> '09:30'. `label` names the field in the message, e.g. "Start time"."""
    match = _TIME.match(value.strip().replace(".", ":"))
    if not match:
        shown = f"{label} {value}" if label else f'"{value}"'
        raise ValueError(f"{shown} is not a time. Write it like {_24_hour(value) or '14:30'}")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _24_hour(value: str) -> str | None:
    """'2pm' -> '14:00', '9.30am' -> '09:30', '12 noon' -> '12:00': what to write instead."""
    text = value.strip().lower().replace(" ", "")
    if text in ("noon", "12noon", "midday"):
        return "12:00"
    match = re.fullmatch(r"(1[0-2]|0?[1-9])(?:[:.]([0-5][0-9]))?(am|pm)", text)
    if not match:
        return None
    hours = int(match.group(1)) % 12 + (12 if match.group(3) == "pm" else 0)
    return f"{hours:02d}:{match.group(2) or '00'}"


def minutes(value: str) -> int:
    hours, mins = value.split(":")
    return int(hours) * 60 + int(mins)


class FieldProblem(ValueError):
    """A ValueError raised by a model-level check that belongs to one field of the model.

    problems.explain() points at that field's line instead of the start of the model."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def check_schedule(s) -> None:  # noqa: ANN001 - a model.Schedule, typed loosely to avoid a cycle
    """Raise ValueError when a schedule cannot happen as written."""
    freq = s.frequency.value
    if minutes(s.end) <= minutes(s.start):
        raise FieldProblem(
            "end",
            f"it ends at {s.end}, which is not after it starts at {s.start}. "
            "Check the times (24-hour clock: 2pm is 14:00)"
        )
    if s.valid_from and s.valid_to and s.valid_to < s.valid_from:
        raise FieldProblem(
            "valid_to",
            f"the run ends (valid_to {s.valid_to}) before it starts (valid_from {s.valid_from}). "
            "Check the dates: year-month-day",
        )
    if freq == "once":
        if not s.dates:
            raise FieldProblem("frequency", "a one-off activity needs dates, e.g. dates: [2026-12-05]")
        if s.days or s.weeks or s.day_of_month:
            raise ValueError("a one-off activity takes dates only: remove days, weeks and day_of_month")
        return
    if s.dates:
        raise FieldProblem("dates", f"dates are for one-off activities only: use frequency: once, not {freq}")
    if freq == "monthly":
        if s.day_of_month and (s.days or s.weeks):
            raise FieldProblem(
                "day_of_month",
                "a monthly activity is either on a date (day_of_month: 15) or on a weekday "
                "(days: [tuesday] and weeks: [first]), not both"
            )
        if s.day_of_month:
            return
        if not s.days or not s.weeks:
            raise ValueError(
                "a monthly activity needs days and weeks, e.g. days: [tuesday] and weeks: [first] "
                "for the first Tuesday of the month, or day_of_month: 15"
            )
        return
    if s.weeks or s.day_of_month:
        raise FieldProblem("weeks" if s.weeks else "day_of_month",
                           f"weeks and day_of_month are for monthly activities, not {freq}")
    if not s.days:
        raise ValueError(f"a {freq} activity needs days, e.g. days: [tuesday]")
    if freq == "fortnightly":
        if not s.start_date:
            raise FieldProblem(
                "frequency",
                "a fortnightly activity needs start_date: the date of its first session, "
                "so we know which weeks it runs"
            )
        day_names = [d.value for d in s.days]
        if s.start_date.strftime("%A").lower() not in day_names:
            raise FieldProblem(
                "start_date",
                f"the start_date {s.start_date} is a {s.start_date.strftime('%A')}, but the days "
                f"are {', '.join(d.title() for d in day_names)}. Give the date of the first session",
            )
