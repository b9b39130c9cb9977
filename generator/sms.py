"""A text message a receptionist can paste into an SMS: at most 160 GSM-7 characters.

The message is filled in order of what a patient needs on the day: the name, the next date and
time, the place and postcode, full / book / referral, the on-the-day number (else the phone),
the bus numbers; then the cost and the page's address if there is room. Each part has a longer
and a shorter wording (all from generator.words); a part gets the longest wording that still
fits after the parts before it, and is left out only when even its shortest does not.
Characters outside the GSM 03.38 alphabet are replaced (curly quotes, dashes, accents) so the
message is sent as one GSM-7 part.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from generator import urls
from generator.directory import Directory, Entry
from generator.schedule import first_sessions
from generator.words import people, place, status
from generator.words import transport as transport_words
from generator.words.cost import cost_short
from generator.words.dates import HORIZON_DAYS, day_number, short_next

LIMIT = 160
NAME_MAX = 50
# GSM 03.38 basic character set, and the extension table (each costs two characters).
_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_EXTENDED = set("^{}\\[~]|€")
_REPLACE = {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...",
            "\u00a0": " ", "•": "-", "½": "1/2", "\t": " "}
# The parts, most important first (the order they are filled in, and the order they are read).
PRIORITY = ("name", "when", "where", "join", "phone", "bus", "drop_in", "cost", "link")
NEEDED = PRIORITY[:6]  # what a patient needs on the day; the rest only if there is room
# Longer wordings are taken in this order: the place's name before "then every Tuesday".
UPGRADE = ("name", "where", "join", "phone", "when", "bus")


_GSM = frozenset(_BASIC | _EXTENDED)


@lru_cache(maxsize=65536)
def to_gsm(text: str) -> str:
    """Replace characters GSM-7 cannot send with near equivalents; drop the rest."""
    if _GSM.issuperset(text):  # the usual case: nothing to replace (no _REPLACE key is GSM-7)
        return " ".join(text.split())
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
    if not _GSM.issuperset(text):
        raise ValueError("not GSM-7")
    if _EXTENDED.isdisjoint(text):  # the usual case: tried for every wording of every part
        return len(text)
    return len(text) + sum(text.count(c) for c in _EXTENDED)


def _fit(text: str, room: int) -> str:
    if gsm_length(text) <= room:
        return text
    cut = text
    while cut and gsm_length(cut + "...") > room:
        cut = cut[:-1]
    return cut.rstrip(" ,;.") + "..." if cut else ""


@dataclass(frozen=True)
class Part:
    key: str  # one of PRIORITY
    options: tuple[str, ...]  # GSM-7 wordings, longest first; () when there is nothing to say
    chosen: str | None = None  # the wording in the message, or None when left out


def _steady(directory: Directory, entry: Entry) -> dict:
    """The wordings that do not depend on the day the message is for (worked out once for the
    several messages ahead)."""
    a = entry.activity
    where = place.where_short(entry)
    wheres = [where, re.sub(r"\s*\([^)]*\)", "", where)]
    if entry.venue:
        wheres.append(entry.venue.postcode)
    buses = transport_words.bus_numbers_for(directory.getting_there(entry), entry)
    bus = [transport_words.bus_numbers(buses[:n]).replace(" and ", ", ") + ("..." if n < len(buses) else "")
           for n in range(len(buses), 0, -1)]
    return {"name": [_fit(to_gsm(a.name), NAME_MAX)], "where": wheres if where else [],
            "bus": bus, "cost": [cost_short(entry)],
            "link": [urls.absolute(directory.config, urls.activity(a.id))]}


def options(directory: Directory, entry: Entry, steady: dict | None = None
            ) -> dict[str, tuple[str, ...]]:
    """Every part's wordings, longest first, before fitting. `steady`: _steady's answer, when
    already worked out for this entry."""
    steady = steady or _steady(directory, entry)
    phone, on_the_day = place.phone(entry), place.on_the_day_phone(entry)
    label = status.status_label(entry)
    asks = bool(label and label != "Ended" and (phone or on_the_day))
    when = ([f"{label}: ring to ask"] if asks else []) + ([label] if label else [])
    when += [] if label else short_next(directory, entry)
    running = label is None
    join = people.join_short(entry, phone) if running else []
    drop_in = join == [people.access_short(entry)]  # a drop-in with room: said last, if at all
    phones = ([f"On the day: {on_the_day}"] if on_the_day and running
              else [f"Tel {phone}"] if phone else [])
    found = {
        "name": steady["name"],
        "when": when,
        "where": steady["where"],
        "join": [] if drop_in else join,
        "phone": phones,
        "drop_in": join if drop_in else [],
        "bus": steady["bus"],
        "cost": steady["cost"],
        "link": steady["link"],
    }
    return {k: tuple(dict.fromkeys(to_gsm(x) for x in v if x)) for k, v in found.items()}


def _join(chosen: list[str]) -> str:
    if not chosen:
        return ""
    name, *rest = chosen
    return f"{name}: " + ". ".join(rest) if rest else name


def parts(directory: Directory, entry: Entry, steady: dict | None = None) -> list[Part]:
    """The parts in priority order, each with the wording chosen for the message (or None).

    First every needed part, in order, gets its shortest wording if that still fits (so as many
    facts as can be are there, the more important first); then, in the same order, each takes
    the longest wording that still fits with the others. The extras (drop in, cost, the link)
    go last, each if it fits."""
    found = options(directory, entry, steady)
    phone = place.phone(entry)
    picked: dict[str, str | None] = {}

    def length(extra: dict[str, str | None]) -> int:
        return gsm_length(_join([t for k in PRIORITY if (t := {**picked, **extra}.get(k))]))

    for key in NEEDED:
        said = _join([t for t in picked.values() if t])
        if key == "phone" and phone and phone in said and all(phone in o for o in found[key]):
            picked[key] = None  # "Book: ring …" has given the number
            continue
        shortest = found[key][-1] if found[key] else None
        if key == "name" or (shortest is not None and length({key: shortest}) <= LIMIT):
            picked[key] = shortest
        else:
            picked[key] = None
    for _ in range(2):
        for key in UPGRADE:
            if picked[key] is not None:
                picked[key] = next(o for o in found[key] if length({key: o}) <= LIMIT or o == picked[key])
        if phone and picked["phone"] == f"Tel {phone}" and phone in (picked["join"] or ""):
            picked["phone"] = None  # "Book: ring …" gives the number: room for more
    for key in PRIORITY[len(NEEDED):]:
        picked[key] = next((o for o in found[key] if length({key: o}) <= LIMIT), None)
    return [Part(key, found[key], picked[key]) for key in PRIORITY]


def text_message(directory: Directory, entry: Entry, steady: dict | None = None) -> str:
    """e.g. 'Tuesday Health Walk: Next Tue 8 Dec, 10am-11:30am, then every Tuesday. St Anne's
    Church Hall, L17 7AA. Drop in. On the day: 07700 900123. Bus 82, 86. Free'."""
    return _join([p.chosen for p in parts(directory, entry, steady) if p.chosen is not None])


def messages_ahead(directory: Directory, entry: Entry, count: int = 6) -> list[dict]:
    """The message as it reads on each of the next sessions' dates ({"day": days since
    1970-01-01, "text", "length"}), so a saved page can show one that is not past on the
    visitor's own today. [] for an activity that is not running or has no dates."""
    if status.status_label(entry) is not None:
        return []
    found = first_sessions(entry.activity.schedules, directory.today,
                           directory.today + dt.timedelta(days=HORIZON_DAYS), directory.calendar,
                           count)
    out = []
    steady = _steady(directory, entry)  # the same on every date
    for session in found:
        text = text_message(dataclasses.replace(directory, today=session.date), entry, steady)
        out.append({"day": day_number(session.date), "text": text, "length": gsm_length(text)})
    return out
