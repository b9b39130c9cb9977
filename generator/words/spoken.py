"""The spoken variant of the wording layer: the same facts, said the way people say them.

Written words ("10:30am", "0151 496 0123", "£3.50", "12 November") are for reading; a speech
engine reads them out digit by digit or as "ten thirty a m". These functions say them as a
person would ("half past ten in the morning", "oh one five one, four nine six, oh one two three",
"three pounds fifty", "the twelfth of November"). `sentence` turns a whole written sentence from
the wording layer into its spoken form, so audio never words a fact itself.
"""

from __future__ import annotations

import re

from generator.words import say

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty",
         9: "ninety"}
_ORDINAL_ONES = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
                 "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
                 "nineteenth").split()
_ORDINAL_TENS = {2: "twentieth", 3: "thirtieth"}
_DIGITS = ("oh one two three four five six seven eight nine").split()
_MONTHS = ("January February March April May June July August September October November "
           "December").split()


def number(n: int) -> str:
    """0 to 999 in words: 'eighty-two', 'one hundred and five'."""
    if n < 0 or n > 999:
        return str(n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    return f"{_ONES[hundreds]} hundred" + (f" and {number(rest)}" if rest else "")


def ordinal(n: int) -> str:
    """1 to 31: 'first', 'twenty-second'."""
    if n < 20:
        return _ORDINAL_ONES[n]
    tens, ones = divmod(n, 10)
    if not ones:
        return _ORDINAL_TENS.get(tens, number(n) + "th")
    return f"{_TENS[tens]}-{_ORDINAL_ONES[ones]}"


def _part_of_day(hours: int) -> str:
    return "in the morning" if hours < 12 else "in the afternoon" if hours < 17 else "in the evening"


def _said(hours: int, minutes: int) -> tuple[str, str]:
    """The time and its part of the day, apart: ("half past ten", "in the morning")."""
    if minutes == 0 and hours == 12:
        return "twelve noon", ""
    if minutes == 0 and hours == 0:
        return "midnight", ""
    part = _part_of_day(hours)
    hour12 = hours % 12 or 12
    following = (hours + 1) % 12 or 12
    if hours == 11 and minutes > 30 and minutes % 5 == 0:
        part = ""  # "quarter to twelve": "in the morning" is plain, "in the afternoon" wrong
    if minutes == 0:
        return f"{number(hour12)} o'clock", part
    if minutes == 15:
        return f"quarter past {number(hour12)}", part
    if minutes == 30:
        return f"half past {number(hour12)}", part
    if minutes == 45:
        return f"quarter to {number(following)}", part
    if minutes % 5 == 0:
        if minutes < 30:
            return f"{number(minutes)} past {number(hour12)}", part
        return f"{number(60 - minutes)} to {number(following)}", part
    return f"{number(hour12)} {'oh ' if minutes < 10 else ''}{number(minutes)}", part


def clock(hours: int, minutes: int) -> str:
    """13, 30 -> 'half past one in the afternoon'; 10, 0 -> "ten o'clock in the morning"."""
    said, part = _said(hours, minutes)
    return f"{said} {part}".strip()


def time_range(start: tuple[int, int], end: tuple[int, int]) -> str:
    """'from half past ten to half past eleven in the morning': the part of the day said once
    when both ends share it."""
    (first, first_part), (last, last_part) = _said(*start), _said(*end)
    if first_part and first_part == last_part:
        return f"from {first} to {last} {last_part}"
    return f"from {f'{first} {first_part}'.strip()} to {f'{last} {last_part}'.strip()}"


def phone(written: str) -> str:
    """'0151 496 0123' -> 'oh one five one, four nine six, oh one two three'."""
    groups = written.split()
    return ", ".join(" ".join(_DIGITS[int(d)] for d in g if d.isdigit()) for g in groups)


def postcode(written: str) -> str:
    """'L19 2NP' -> 'L nineteen, two N P': the district as a number, the rest letter by letter."""
    match = _POSTCODE.fullmatch(written.upper().strip())
    if not match:
        return " ".join(written)
    area, district, sub, sector, unit = match.groups()
    outward = " ".join([*area, number(int(district)), *sub])
    return f"{outward}, {number(int(sector))} {' '.join(unit)}"


_POSTCODE = re.compile(r"([A-Z]{1,2})(\d{1,2})([A-Z]?) (\d)([A-Z]{2})")


def money(pounds: int, pence: int) -> str:
    """(3, 50) -> 'three pounds fifty'; (0, 50) -> 'fifty pence'; (1, 0) -> 'one pound'."""
    if pounds == 0:
        return f"{number(pence)} pence"
    said = f"{number(pounds)} pound{'' if pounds == 1 else 's'}"
    return f"{said} {number(pence)}" if pence else said


_T = r"(\d{1,2})(?::(\d{2}))?\s?(am|pm)"
_TIME = re.compile(rf"\b{_T}\b")
_RANGE = re.compile(rf"\b(?:{_T}|12 noon|midnight) to (?:{_T}|12 noon|midnight)\b")
_NOON = re.compile(r"\b12 noon\b")
_PHONE = re.compile(r"\b0\d{2,4}(?: \d{3,6}){1,2}\b|\b0\d{9,10}\b")
_MONEY = re.compile(r"£(\d+)(?:\.(\d{2}))?")
_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r")\b")
_AMPERSAND = re.compile(r"\s&\s")
_METRES = re.compile(r"\b(\d+) m\b")


def _24(hours: str | None, minutes: str | None, suffix: str | None, whole: str) -> tuple[int, int]:
    if hours is None:
        return (12, 0) if whole.startswith("12 noon") else (0, 0)
    h, m = int(hours), int(minutes or 0)
    if suffix == "pm" and h != 12:
        h += 12
    elif suffix == "am" and h == 12:
        h = 0
    return h, m


def _time(match: re.Match) -> str:
    return clock(*_24(match.group(1), match.group(2), match.group(3), match.group(0)))


def _range(match: re.Match) -> str:
    first, last = match.group(0).split(" to ", 1)
    return time_range(_24(*match.group(1, 2, 3), first), _24(*match.group(4, 5, 6), last))


def _money(match: re.Match) -> str:
    return money(int(match.group(1)), int(match.group(2) or 0))


def _phone(match: re.Match) -> str:
    text = match.group(0)
    if " " not in text:  # 01514960123 written without spaces: say it in the usual groups
        text = f"{text[:4]} {text[4:7]} {text[7:]}" if text.startswith("01") else f"{text[:5]} {text[5:]}"
    return phone(text)


def sentence(written: str) -> str:
    """A written sentence from the wording layer, said aloud: times, phone numbers, money and
    dates in words; "&" as "and"."""
    text = _PHONE.sub(_phone, written)
    text = _RANGE.sub(_range, text)
    text = _TIME.sub(_time, text)
    text = _NOON.sub("twelve noon", text)
    text = _MONEY.sub(_money, text)
    text = _DATE.sub(lambda m: f"the {ordinal(int(m.group(1)))} of {m.group(2)}", text)
    text = _METRES.sub(lambda m: f"{m.group(1)} metre{'' if m.group(1) == '1' else 's'}", text)
    return _AMPERSAND.sub(" and ", text)


def of_total(noun: str, index: int, total: int) -> str:
    """'Activity 3 of 12.'"""
    return say("{noun} {index} of {total}.", noun=noun, index=index, total=total)
