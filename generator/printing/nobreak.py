"""Keep phone numbers, times, dates and postcodes on one line in print."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_PATTERN = re.compile("|".join([
    r"\b0\d{2,4}(?: \d{3,6}){1,2}\b",  # UK phone numbers: 0151 496 0123, 07700 900123
    r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b",  # postcodes: L17 7AA
    r"\b\d{1,2}(?::\d{2})?(?:am|pm)\b(?: to \d{1,2}(?::\d{2})?(?:am|pm)\b)?",  # 10am to 11:30am
    r"\b12 noon\b",
    rf"\b\d{{1,2}} (?:{_MONTHS})(?: \d{{4}})?",  # 14 September 2026
    r"£\d+(?:\.\d\d)?",
    r"\b\d+ m\b",  # 150 m
]))


NBSP = "\u00a0"


def nb(text: object) -> Markup:
    """The whole of `text` on one line: spaces become no-break spaces.

    (No-break characters, not `white-space: nowrap` spans: WeasyPrint lays spans out several
    times slower, and a booklet has thousands of them.)
    """
    return Markup(escape(str(text)).replace(" ", NBSP))


def keep(text: object) -> Markup:
    """Escape `text`, keeping every phone number, time, date and postcode on one line."""
    if isinstance(text, Markup):
        return text
    out, last = [], 0
    source = str(text)
    for match in _PATTERN.finditer(source):
        out.append(escape(source[last:match.start()]))
        out.append(Markup(escape(match.group(0)).replace(" ", NBSP)))
        last = match.end()
    out.append(escape(source[last:]))
    return Markup("").join(out)


def sentences(parts: list[str] | tuple[str, ...]) -> str:
    """['Step-free access', 'No lift.'] -> 'Step-free access. No lift.'"""
    return " ".join(p if p.rstrip()[-1:] in ".!?" else p.rstrip() + "." for p in parts if p.strip())
