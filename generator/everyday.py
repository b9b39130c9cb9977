"""Everyday answers, read the way a volunteer writes them.

"10am", "2.30pm", "noon", "half past ten"; "every other Tuesday"; "(0151) 496-0123"; "St Annes
Church Hall". Each reader returns the value in the listing format, or raises ``Unclear`` with a
message for the person who wrote it (no field names, no file paths: the caller says which
question it was).

When a reader has to choose (a time written without am or pm), it says what it chose in
``Read.note`` so the reviewer sees it; nothing is chosen silently. The rules are small and kept
here in one place so the web form can mirror them in JavaScript.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from generator import formats

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKS = ("first", "second", "third", "fourth", "last")


class Unclear(ValueError):
    """The answer cannot be read; the message says what to write instead."""


@dataclass(frozen=True)
class Read:
    value: object
    note: str | None = None  # what was chosen, when the answer allowed more than one reading


# ---------------------------------------------------------------------------------------------
# Times of day

_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_MINUTE_WORDS = {"five": 5, "ten": 10, "quarter": 15, "a quarter": 15, "twenty": 20,
                 "twenty five": 25, "twenty-five": 25, "half": 30}
_MORNING = ("am", "a.m.", "a.m", "in the morning", "morning")
_AFTERNOON = ("pm", "p.m.", "p.m", "in the afternoon", "afternoon", "in the evening", "evening",
              "at night")


def _hour_word(word: str) -> int | None:
    word = word.strip()
    if word.isdigit() and 1 <= int(word) <= 12:
        return int(word)
    return _NUMBERS.get(word)


def _half_day(hour12: int, minute: int, half: str | None, said: str) -> Read:
    """An hour on the 12-hour clock -> 24-hour time. Without am/pm, 7 to 11 is the morning and
    12 to 6 the afternoon (when community activities happen), and the note says so."""
    if half == "am":
        hour = hour12 % 12
    elif half == "pm":
        hour = hour12 % 12 + 12
    else:
        hour = hour12 if 7 <= hour12 <= 11 else (hour12 % 12 + 12)
    value = f"{hour:02d}:{minute:02d}"
    if half is None:
        return Read(value, f'"{said}" was read as {value}.')
    return Read(value)


def _split_half(text: str) -> tuple[str, str | None]:
    for words, half in ((_AFTERNOON, "pm"), (_MORNING, "am")):
        for word in sorted(words, key=len, reverse=True):
            if text.endswith(word):
                return text[: -len(word)].strip(), half
    return text, None


def clock(text: str) -> Read:
    """A time of day as written -> "HH:MM" (24-hour)."""
    said = " ".join(str(text).split())
    t = said.lower().replace("o’clock", "o'clock").strip()
    if not t:
        raise Unclear("Please give a time, like 10:00 or 2.30pm.")
    if t in ("noon", "midday", "12 noon", "12noon", "12 midday"):
        return Read("12:00")
    if t in ("midnight", "12 midnight"):
        return Read("00:00")
    # 24-hour, as the listing writes it: 14:30, 9.30, 0930
    match = re.fullmatch(r"([01]?[0-9]|2[0-3])[:.]([0-5][0-9])", t) or re.fullmatch(
        r"([01][0-9]|2[0-3])([0-5][0-9])", t)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if 1 <= hour <= 6 and not match.group(1).startswith("0"):
            return _half_day(hour, minute, None, said)  # "2:30" is half past two in the afternoon
        return Read(f"{hour:02d}:{minute:02d}")
    rest, half = _split_half(t)
    rest = rest.replace("o'clock", "").strip()
    # 10am, 2.30pm, 2:30 pm, 10 (with a note)
    match = re.fullmatch(r"(1[0-2]|0?[1-9])(?:[:.]([0-5][0-9]))?", rest)
    if match:
        return _half_day(int(match.group(1)), int(match.group(2) or 0), half, said)
    # ten, ten o'clock, half past ten, quarter to three, twenty past two, half ten
    hour = _hour_word(rest)
    if hour:
        return _half_day(hour, 0, half, said)
    match = re.fullmatch(r"(.+?) (past|after|to) (.+)", rest)
    if match and match.group(1) in _MINUTE_WORDS and _hour_word(match.group(3)):
        minutes, hour = _MINUTE_WORDS[match.group(1)], _hour_word(match.group(3))
        if match.group(2) == "to":
            minutes, hour = 60 - minutes, hour - 1 if hour > 1 else 12
        return _half_day(hour, minutes, half, said)
    match = re.fullmatch(r"half (\w+)", rest)  # "half ten" is 10:30 in British English
    if match and _hour_word(match.group(1)):
        return _half_day(_hour_word(match.group(1)), 30, half, said)
    hint = formats._24_hour(t) or "10:00, 10am or 2.30pm"
    raise Unclear(f'"{said}" is not a time we can read. Write it like {hint}.')


# ---------------------------------------------------------------------------------------------
# How often

def day(text: str) -> str:
    """'Tuesday', 'tues', 'Tuesdays' -> 'tuesday'."""
    word = re.sub(r"[^a-z]", "", str(text).lower())
    word = word[:-1] if word.endswith("s") and word[:-1] in DAYS else word
    if word in DAYS:
        return word
    if len(word) >= 3:
        for d in DAYS:
            if d.startswith(word[:3]):
                return d
    close = difflib.get_close_matches(word, DAYS, n=1, cutoff=0.6)
    hint = f' Did you mean {close[0].title()}?' if close else ""
    raise Unclear(f'"{text}" is not a day of the week.{hint}')


def days(text: str | list) -> list[str]:
    """'Tuesday and Thursday', 'Mon, Wed', ['Monday'] -> ['tuesday', 'thursday'] (week order)."""
    parts = text if isinstance(text, list) else re.split(r",|\band\b|&|/|\+", str(text))
    found = {day(p) for p in parts if str(p).strip()}
    return [d for d in DAYS if d in found]


_FORTNIGHTLY = r"(?:every (?:other|second|alternate|2nd|two weeks on)|fortnightly(?: on)?|alternate)"
_WEEKLY = r"(?:every|each|weekly(?: on)?|on)"
_ORDINALS = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "final": "last"}


def how_often(text: str) -> dict:
    """'every other Tuesday' -> {frequency: fortnightly, days: [tuesday]};
    'first Monday of the month' -> {frequency: monthly, days: [monday], weeks: [first]};
    'every week' -> {frequency: weekly}. Dates and times are asked separately."""
    t = " ".join(str(text).lower().replace(",", " , ").split())
    t = re.sub(r"\b(1st|2nd|3rd|4th|final)\b", lambda m: _ORDINALS[m.group(1)], t)
    simple = {"every week": "weekly", "weekly": "weekly", "once a week": "weekly",
              "every two weeks": "fortnightly", "fortnightly": "fortnightly",
              "every other week": "fortnightly", "every fortnight": "fortnightly",
              "once a month": "monthly", "monthly": "monthly", "every month": "monthly",
              "once": "once", "on one date only": "once", "one-off": "once", "one off": "once"}
    if t in simple:
        return {"frequency": simple[t]}
    monthly = re.fullmatch(r"(?:on )?(?:the )?((?:first|second|third|fourth|last)(?: (?:and|,) "
                           r"(?:the )?(?:first|second|third|fourth|last))*) (.+?)"
                           r"(?: of (?:the|each|every) month| (?:in )?(?:each|every) month| monthly)?", t)
    if monthly:
        try:
            found = days(monthly.group(2))
        except Unclear:
            found = []
        if found:
            weeks = [w for w in WEEKS if re.search(rf"\b{w}\b", monthly.group(1))]
            return {"frequency": "monthly", "days": found, "weeks": weeks}
    for pattern, freq in ((_FORTNIGHTLY, "fortnightly"), (_WEEKLY, "weekly")):
        match = re.fullmatch(rf"{pattern} (.+)", t)
        if match:
            try:
                return {"frequency": freq, "days": days(match.group(1))}
            except Unclear:
                break
    try:
        return {"frequency": "weekly", "days": days(t)}  # "Tuesdays"
    except Unclear:
        pass
    raise Unclear(f'"{text}" is not something we can read as how often it happens. Write it like '
                  '"every Tuesday", "every other Tuesday" or "first Monday of the month".')


# ---------------------------------------------------------------------------------------------
# Phone numbers


def phone(text: str) -> str:
    """'(0151) 496-0123', '+44 151 496 0123', '0151.496.0123' -> '0151 496 0123'."""
    raw = str(text).strip()
    digits = re.sub(r"[\s().\-]", "", raw)
    if digits.startswith("+44"):
        digits = "0" + digits[3:].lstrip("0")
    elif digits.startswith("0044"):
        digits = "0" + digits[4:].lstrip("0")
    try:
        formats.uk_phone(digits)
    except ValueError as err:
        message = str(err).replace(f'"{digits}"', f'"{raw}"')
        raise Unclear(message + ".") from None
    return _grouped(digits)


def _grouped(d: str) -> str:
    if d.startswith("02"):
        return f"{d[:3]} {d[3:7]} {d[7:]}"
    if d.startswith("07") or (d.startswith("01") and not (d[2] == "1" or d[3] == "1")):
        return f"{d[:5]} {d[5:]}"
    return f"{d[:4]} {d[4:7]} {d[7:]}"  # 0151 496 0123, 0300 123 4567, 0800 123 456


# ---------------------------------------------------------------------------------------------
# Venues


def _loose(text: str) -> str:
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    t = t.replace("&", " and ").replace("'", "").replace("’", "")
    t = re.sub(r"[^a-z0-9]+", " ", t)
    t = re.sub(r"\bsaint\b", "st", t)
    t = re.sub(r"\b(the|liverpool)\b", " ", t)
    return " ".join(t.split())


@dataclass(frozen=True)
class VenueMatch:
    venue_id: str | None  # a venue the answer names (loosely)
    suggestion: str | None  # otherwise, the name of the closest one, for "did you mean"


def venue(text: str, venues: Mapping[str, str]) -> VenueMatch:
    """Find a venue by id or name, ignoring case, apostrophes, "Saint"/"St" and punctuation.

    `venues` maps id -> name. The first part of "Name, address, POSTCODE" is tried too."""
    wanted = _loose(text)
    first = _loose(str(text).split(",")[0])
    by_name: dict[str, str] = {}
    for vid, name in venues.items():
        by_name.setdefault(_loose(name), vid)
        by_name.setdefault(_loose(vid.replace("-", " ")), vid)
    for key in (wanted, first):
        if key in by_name:
            return VenueMatch(by_name[key], None)
    close = difflib.get_close_matches(first, list(by_name), n=1, cutoff=0.75)
    return VenueMatch(None, venues[by_name[close[0]]] if close else None)
