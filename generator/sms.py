"""A text message a receptionist can paste into an SMS: at most 160 GSM-7 characters.

The message says what, when, where, cost and a phone number, in that order of importance; the
parts that do not fit are shortened or left out. Characters outside the GSM 03.38 alphabet are
replaced (curly quotes, dashes, accents) so the message is sent as one GSM-7 part.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from generator import schedule, urls
from generator.directory import Directory, Entry
from generator.words.cost import cost_text
from generator.words.dates import describe_all, long_date, times

LIMIT = 160
# GSM 03.38 basic character set, and the extension table (each costs two characters).
_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_EXTENDED = set("^{}\\[~]|€")
_REPLACE = {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...",
            "\u00a0": " ", "•": "-", "½": "1/2", "\t": " "}


def to_gsm(text: str) -> str:
    """Replace characters GSM-7 cannot send with near equivalents; drop the rest."""
    out = []
    for ch in text:
        ch = _REPLACE.get(ch, ch)
        if all(c in _BASIC or c in _EXTENDED for c in ch):
            out.append(ch)
            continue
        plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
        out.append("".join(c for c in plain if c in _BASIC))
    return " ".join("".join(out).split())


def gsm_length(text: str) -> int:
    """Characters a message uses in GSM-7 (extension characters count twice)."""
    if any(c not in _BASIC and c not in _EXTENDED for c in text):
        raise ValueError("not GSM-7")
    return sum(2 if c in _EXTENDED else 1 for c in text)


def _fit(text: str, room: int) -> str:
    if gsm_length(text) <= room:
        return text
    cut = text
    while cut and gsm_length(cut + "...") > room:
        cut = cut[:-1]
    return cut.rstrip(" ,;.") + "..." if cut else ""


def text_message(directory: Directory, entry: Entry) -> str:
    """e.g. 'Tuesday Health Walk: Every Tuesday, 10am to 11:30am. St Anne's Church Hall, L17 7AA.
    Free. Drop in. Tel 0151 496 0123'."""
    a = entry.activity
    when = describe_all(a.schedules)[0].split(";")[0]
    if len(a.schedules) > 1:
        when += " (and other times)"
    if a.schedules and all(s.frequency.value == "once" for s in a.schedules):
        upcoming = schedule.sessions(a.schedules, directory.today,
                                     directory.today + dt.timedelta(days=366), directory.calendar)
        if upcoming:  # one-off dates: the next one is what a patient needs
            first = upcoming[0]
            when = (f"Next on {long_date(first.date, year=False)}, "
                    f"{times(first.start, first.end)}")
    if entry.venue:
        where = f"{entry.venue.name}, {entry.venue.postcode}"
    else:
        where = " or ".join(w for w, on in (("Online", a.where.online), ("By phone", a.where.by_phone),
                                             ("Home visits", a.where.home_visits)) if on)
    phone = a.phone or a.on_the_day_phone or next(
        (p.number for p in entry.organisation.phones), None)
    tail = [cost_text(entry).split(",")[0] + "."]
    if phone:
        tail.append(f"Tel {phone}")
    link = urls.absolute(directory.config, urls.activity(a.id))
    name = _fit(to_gsm(a.name), 50)
    tail_text = " ".join(to_gsm(t) for t in tail)
    when, where = to_gsm(when), to_gsm(where)
    room = LIMIT - gsm_length(name) - 2 - gsm_length(tail_text) - 1  # "NAME: " ... " TAIL"
    if gsm_length(when) + gsm_length(where) + 3 > room:  # "WHEN. WHERE."
        where = re.sub(r"\s*\([^)]*\)", "", where)  # drop asides in brackets first
    if gsm_length(when) + gsm_length(where) + 3 > room:
        where = _fit(where, max(24, room - gsm_length(when) - 3))
    if gsm_length(when) + gsm_length(where) + 3 > room:
        when = _fit(when, room - gsm_length(where) - 3)
    message = f"{name}: {when}. {where}. {tail_text}".replace(".. ", ". ").replace("... .", "...")
    if gsm_length(message) > LIMIT:  # only with a very long name and place: never cut the phone
        message = _fit(message, LIMIT)
    if gsm_length(message + " " + link) <= LIMIT:
        message += " " + link
    return message
