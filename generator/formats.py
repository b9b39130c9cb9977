"""Checks for the small formats volunteers type: phone numbers, postcodes, times, addresses.

Each check returns the cleaned value or raises ValueError with a message a volunteer can act on.
"""

from __future__ import annotations

import re
import unicodedata

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
    one_line(value)
    if not _EMAIL.match(value):
        raise ValueError(f'"{value}" is not an e-mail address. Write it like name@example.org')
    return value


def url(value: str) -> str:
    one_line(value)
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


def check_schedule(s) -> None:
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


# ---------------------------------------------------------------------------------------------
# Hidden characters. A name is written into web pages, calendars, CSV cells, text messages and
# PDFs: a line break there breaks a calendar line, and an invisible character can make text read
# differently from what a reviewer sees (a right-to-left override turns "gnp.exe" around).

_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Invisible characters that change how text reads, or hide inside it. Zero-width joiners (U+200C,
# U+200D) are left alone: Persian, Indic scripts and emoji need them.
_INVISIBLE = {
    0x200B: "a zero-width space", 0x2060: "a word joiner", 0xFEFF: "a zero-width no-break space",
    0x180E: "a Mongolian vowel separator", 0x00AD: "a soft hyphen", 0x034F: "a combining grapheme joiner",
    **{c: "a right-to-left or left-to-right override" for c in range(0x202A, 0x202F)},
    **{c: "a right-to-left or left-to-right isolate" for c in range(0x2066, 0x206A)},
}


def _shown(text: str) -> str:
    """Text safe to quote back in a message: hidden characters dropped, at most 40 characters."""
    visible = "".join(" " if ch in _LINE_BREAKS else ch for ch in text if _hidden(ch) is None)
    visible = " ".join(visible.split())
    return visible if len(visible) <= 40 else "…" + visible[-40:]


def _hidden(ch: str) -> str | None:
    code = ord(ch)
    if code in _INVISIBLE:
        return _INVISIBLE[code]
    if ch == "\t":
        return "a tab"
    if unicodedata.category(ch) in ("Cc", "Cs") and ch not in _LINE_BREAKS:
        return "a control character"
    return None


def _where(value: str, i: int) -> str:
    before = _shown(value[:i])
    return f' after "{before}"' if before else " at the start"


def _check(value: str, *, lines: bool) -> str:
    for i, ch in enumerate(value):
        if ch in _LINE_BREAKS and not (lines and ch == "\n"):
            if lines:  # a carriage return or other break on its own, inside text that may have lines
                raise ValueError(f"This has a hidden line-break character (U+{ord(ch):04X}){_where(value, i)}. "
                                 "Delete it and start the new line with an ordinary line break")
            raise ValueError(f"This must be on one line, but it has a line break{_where(value, i)}. "
                             "Write it on one line (a longer text belongs in description)")
        if (lines and ch == "\t") or ch == "\n":
            continue
        what = _hidden(ch)
        if what:
            raise ValueError(f"This has a hidden character, {what} (U+{ord(ch):04X}),{_where(value, i)}. "
                             "Delete it: if you cannot see it, retype the text around it")
    return value


def one_line(value: str) -> str:
    """Refuse line breaks, control characters and invisible ones: for names and other short text."""
    return _check(value, lines=False)


def clean_text(value: str) -> str:
    """Refuse control and invisible characters; line breaks and tabs are fine (descriptions)."""
    return _check(value, lines=True)
