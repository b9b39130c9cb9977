"""HSDS schedule rows -> listing sessions (spreadsheet columns), every part carried or reported.

A row maps exactly when it is one of the listing's forms: weekly, fortnightly (interval 2 from a
dtstart), monthly by weekday (``1TU``, ``-1FR``) or by one day of the month, or one date. Any
other rule (``bymonthday`` with a weekly rule, ``count``, ``byweekno``, ``byyearday``, several
days of the month, every third week …) is carried as its dates when it has a known end and a
start, because dates say it exactly; otherwise the session is written without its frequency,
left for a person, with the rule in words. A row that says "not on public holidays" sets
``not_on_bank_holidays``. The same schedule given at service, service-at-location and location
level is one session.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

from generator.opendata import hsds_export as X
from generator.opendata.build import Fill
from generator.schedule import WEEK_NUMBER

DAYS = {"MO": "monday", "TU": "tuesday", "WE": "wednesday", "TH": "thursday", "FR": "friday",
        "SA": "saturday", "SU": "sunday"}
_DAY_NAMES = {k: v.capitalize() for k, v in DAYS.items()}
_WEEKS = {n: w.value for w, n in WEEK_NUMBER.items()}
MAX_DATES = 60  # a finite rule with more dates than this is left for a person
YEARS_AHEAD = 10  # how far a COUNT-only rule is expanded
_BANK_HOLIDAY = re.compile(r"\b(not|closed|no sessions?|except|excluding)\b[^.]*\b(bank|public) holidays?",
                           re.IGNORECASE)
_LINKS = {"id", "service_id", "location_id", "service_at_location_id", "attributes"}
_READ = {"freq", "interval", "byday", "bymonthday", "byweekno", "byyearday", "count", "until",
         "dtstart", "wkst", "valid_from", "valid_to", "opens_at", "closes_at", "description", "notes",
         "attending_type", "timezone", "schedule_link", "url"}


@dataclass
class Sessions:
    rows: list[dict[str, str]] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    not_carried: list[str] = field(default_factory=list)


def ext(obj: dict | None) -> dict[str, str]:
    out = {}
    for attr in (obj or {}).get("attributes") or []:
        term = attr.get("taxonomy_term") or {}
        if term.get("taxonomy") == X.WHATS_ON and term.get("code") and attr.get("value") is not None:
            out[term["code"]] = str(attr["value"])
    return out


def _key(s: dict) -> str:
    return json.dumps({k: str(v) for k, v in s.items() if k not in _LINKS}, sort_keys=True)


def gather(svc: dict) -> tuple[list[dict], list[str]]:
    """The service's schedule rows (service and service-at-location level, each once) and what
    was left out (a location's own, different opening hours)."""
    rows, seen, left = [], set(), []
    sources = [svc.get("schedules") or []] + [sal.get("schedules") or []
                                              for sal in svc.get("service_at_locations") or []]
    for group in sources:
        for s in group:
            if isinstance(s, dict) and _key(s) not in seen and s.get("id") not in seen:
                seen.update({_key(s), s.get("id")})
                rows.append(s)
    for sal in svc.get("service_at_locations") or []:
        for s in (sal.get("location") or {}).get("schedules") or []:
            if isinstance(s, dict) and _key(s) not in seen and s.get("id") not in seen:
                left.append(f"the location's own schedule ({words(s)}): when the place is open, "
                            "not when this activity runs")
    seen.discard(None)
    return rows, left


def read(svc: dict, ours: bool) -> Sessions:
    """All sessions of a service. ``ours``: the service is What's On's own export."""
    out = Sessions()
    rows, left = gather(svc)
    out.not_carried += left
    groups: dict[str, int] = {}  # whats-on session number -> row index (one-off dates share one)
    for n, s in enumerate(rows):
        sext = ext(s)
        row, fills, notes, dropped = one(s, len(out.rows), ours or X.SESSION in sext)
        for key in X.SCHEDULE_EXTRA:
            if key in sext:
                row[key] = sext[key]
        session = sext.get(X.SESSION)
        if session and session in groups and row.get("frequency") == "once":
            target = out.rows[groups[session]]
            target["dates"] = "; ".join(p for p in (target.get("dates"), row.get("dates")) if p)
            continue
        if session:
            groups[session] = len(out.rows)
        out.rows.append(row)
        out.fills += fills
        out.notes += [f"schedule {n + 1}: {m}" for m in notes]
        out.not_carried += [f"schedule {n + 1}: {m}" for m in dropped]
    return out


def _time(text: object) -> str:
    m = re.match(r"^([0-9]{1,2}):([0-9]{2})", str(text or ""))
    return f"{int(m.group(1)):02d}:{m.group(2)}" if m else ""


def _date(text: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text or "")[:10])
    except ValueError:
        return None


def _list(value: object) -> list[str]:
    return [p.strip() for p in str(value or "").split(",") if p.strip()]


def words(s: dict) -> str:
    """The source's rule in plain words, for a report: "every week on Thursday and Friday, on
    days 2, 3, 4 of the month, 3 times, from 2005-01-01"."""
    freq = str(s.get("freq") or "").upper()
    interval = int(s.get("interval") or 1) if str(s.get("interval") or "1").isdigit() else 1
    parts = []
    if not freq:
        parts.append(f"once, on {s.get('dtstart')}" if s.get("dtstart") else "no rule and no date")
    else:
        unit = {"WEEKLY": "week", "MONTHLY": "month", "DAILY": "day", "YEARLY": "year"}.get(freq, freq.lower())
        parts.append(f"every {unit}" if interval == 1 else f"every {interval} {unit}s")
    days = [_DAY_NAMES.get(re.sub(r"^[+-]?[0-9]+", "", d).upper(), d) for d in _list(s.get("byday"))]
    if days:
        parts[0] += " on " + (" and ".join(days) if len(days) <= 2 else ", ".join(days))
    for key, label in (("bymonthday", "on days {} of the month"), ("byweekno", "in weeks {} of the year"),
                       ("byyearday", "on days {} of the year")):
        if s.get(key) not in (None, ""):
            parts.append(label.format(", ".join(_list(s[key]))))
    if s.get("count") not in (None, ""):
        parts.append(f"{s['count']} times")
    if s.get("until"):
        parts.append(f"until {s['until']}")
    if freq and s.get("dtstart"):
        parts.append(f"from {s['dtstart']}")
    if s.get("opens_at") or s.get("closes_at"):
        parts.append(f"{_time(s.get('opens_at')) or '?'} to {_time(s.get('closes_at')) or '?'}")
    return ", ".join(parts)


def one(s: dict, index: int, ours: bool) -> tuple[dict[str, str], list[Fill], list[str], list[str]]:
    """One HSDS row -> (session columns, fills, notes, not carried)."""
    fills: list[Fill] = []
    notes: list[str] = []
    dropped: list[str] = []
    at = f"schedules.{index}"
    start, end = _time(s.get("opens_at")), _time(s.get("closes_at"))
    row: dict[str, str] = {"start": start, "end": end}
    for key, name in (("opens_at", "start"), ("closes_at", "end")):
        if not row[name]:
            fills.append(Fill(f"{at}.{name}", f"the source gives no {key} time for \"{words(s)}\""))
    valid_from, valid_to, until = _date(s.get("valid_from")), _date(s.get("valid_to")), _date(s.get("until"))
    if until and valid_to and until != valid_to:
        notes.append(f"valid_to {valid_to} and until {until}: the earlier one is kept as valid_to")
    last = min(d for d in (valid_to, until) if d) if (valid_to or until) else None
    row["valid_from"] = valid_from.isoformat() if valid_from else ""
    row["valid_to"] = last.isoformat() if last else ""
    row["schedule_notes"] = str(s.get("notes") or "").strip()
    if not ours:
        described = str(s.get("description") or "").strip()
        if described:
            row["schedule_notes"] = " ".join(p for p in (described, row["schedule_notes"]) if p)
        if _BANK_HOLIDAY.search(f"{described} {s.get('notes') or ''}"):
            row["not_on_bank_holidays"] = "yes"
            notes.append("not_on_bank_holidays set: the source says it is not on public / bank holidays")
        if s.get("attending_type"):
            dropped.append(f'attending_type "{s["attending_type"]}" (a listing says how people '
                           "take part with where.online / by_phone / home_visits)")
        if s.get("timezone") not in (None, ""):
            dropped.append(f"timezone {s['timezone']} (times are read as UK local time)")
        if s.get("schedule_link"):
            dropped.append(f"schedule_link {s['schedule_link']}")
        if s.get("url"):  # the UK profile requires one on every schedule; ours is the activity's page
            dropped.append(f"url {s['url']}")
    other = sorted(k for k, v in s.items() if k not in _READ | _LINKS and v not in (None, "", []))
    if other:
        dropped.append("fields " + ", ".join(other))

    simple = _simple(s, row)
    if simple is None:
        return row, fills, notes, dropped
    if isinstance(simple, str):  # a rule a listing cannot say: its dates, or a person
        dates = _dates(s, valid_from, last)
        if not isinstance(dates, str) and 0 < len(dates) <= MAX_DATES:
            row.update(frequency="once", dates="; ".join(d.isoformat() for d in dates))
            row.pop("days", None)
            notes.append(f'"{words(s)}" ({simple}) is carried as its {len(dates)} date(s)')
            return row, fills, notes, dropped
        why = (dates if isinstance(dates, str) else "it gives no dates" if not dates
               else f"it has more than {MAX_DATES} dates")
        fills.append(Fill(f"{at}.frequency", f'the source\'s rule "{words(s)}" cannot be said in a '
                          f"listing ({simple}) and {why}: write frequency (weekly, fortnightly, "
                          "monthly or once, with dates) as it really runs"))
        if not row.get("days"):
            fills.append(Fill(f"{at}.days", "", hidden=True))
        return row, fills, notes, dropped
    row.update(simple)
    if row.get("frequency") == "fortnightly" and not row.get("start_date"):
        fills.append(Fill(f"{at}.start_date", f'"{words(s)}" is every other week, but the source '
                          "gives no dtstart to fix which weeks: write the date of one session"))
    return row, fills, notes, dropped


def _simple(s: dict, row: dict[str, str]) -> dict[str, str] | str | None:
    """The listing's form of the rule; a string (why not) when it has none; None when the row is
    already complete (a date with no rule is a one-off; or no rule and no date: left to fill)."""
    freq = str(s.get("freq") or "").upper()
    byday = [d.upper() for d in _list(s.get("byday"))]
    try:
        interval = int(s.get("interval") or 1)
    except (TypeError, ValueError):
        return f'interval "{s.get("interval")}" is not a number'
    days = [DAYS.get(d) for d in byday]
    if days and None in days and freq == "WEEKLY":
        return f'byday "{s.get("byday")}" is not a list of days like TU,TH'
    if days and None not in days:
        row["days"] = "; ".join(d for d in days if d)
    extra = [k for k in ("count", "byweekno", "byyearday") if s.get(k) not in (None, "")]
    if not freq:
        if extra or byday or s.get("bymonthday") not in (None, ""):
            return "parts of a rule with no freq"
        when = _date(s.get("dtstart"))
        if when is None:
            return "no freq and no dtstart date"
        return {"frequency": "once", "dates": when.isoformat()}
    if freq not in ("WEEKLY", "MONTHLY"):
        return f"freq {freq}"
    bymonthday = _list(s.get("bymonthday"))
    if freq == "WEEKLY" and bymonthday:
        extra.append("bymonthday with a weekly rule")
    if extra:
        return ", ".join(extra)
    if freq == "WEEKLY":
        if bymonthday:
            return "bymonthday with a weekly rule"
        if not days:
            return "a weekly rule with no byday"
        if interval == 1:
            return {"frequency": "weekly"}
        if interval == 2:
            start = _date(s.get("dtstart"))
            out = {"frequency": "fortnightly"}
            if start:
                out["start_date"] = start.isoformat()
            return out
        return f"every {interval} weeks"
    if interval != 1:
        return f"every {interval} months"
    if bymonthday:
        if len(bymonthday) != 1 or byday:
            return "several days of the month" if len(bymonthday) != 1 else "bymonthday with byday"
        row.pop("days", None)
        return {"frequency": "monthly", "day_of_month": bymonthday[0]}
    weeks, wdays = [], []
    for part in byday:
        m = re.fullmatch(r"([+-]?[0-9])?(MO|TU|WE|TH|FR|SA|SU)", part)
        if not m or not m.group(1) or int(m.group(1)) not in _WEEKS:
            return f'byday "{part}" is not a week of the month like 1TU or -1FR'
        weeks.append(_WEEKS[int(m.group(1))])
        wdays.append(DAYS[m.group(2)])
    if not weeks:
        return "a monthly rule with neither byday nor bymonthday"
    weeks_u, days_u = list(dict.fromkeys(weeks)), list(dict.fromkeys(wdays))
    if len(weeks_u) * len(days_u) != len(set(zip(weeks, wdays, strict=True))):
        return f'byday "{s.get("byday")}" mixes weeks and days'
    row["days"] = "; ".join(days_u)
    return {"frequency": "monthly", "weeks": "; ".join(weeks_u)}


_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _ints(value: object) -> list[int]:
    return [int(p) for p in _list(value)]


def _dates(s: dict, valid_from: dt.date | None, last: dt.date | None) -> list[dt.date] | str:
    """Every date of a finite WEEKLY or MONTHLY rule (count, until or valid_to), as RFC 5545
    gives them; or why they cannot be listed (no start, no end, a part that cannot be read).

    Each day from the start to the end (at most YEARS_AHEAD years) is tested against every
    part, so a rule whose parts never meet gives no dates at once (dateutil would search up to
    the year 9999 for them)."""
    start = _date(s.get("dtstart")) or valid_from
    freq = str(s.get("freq") or "").upper()
    try:
        count = int(s["count"]) if s.get("count") not in (None, "") else None
        interval = int(s.get("interval") or 1)
        monthdays, weeknos, yeardays = _ints(s.get("bymonthday")), _ints(s.get("byweekno")), _ints(s.get("byyearday"))
    except (TypeError, ValueError):
        return "a part of it is not a number"
    if start is None:
        return "it has no dtstart to count from"
    if freq not in ("WEEKLY", "MONTHLY") or interval < 1:
        return f"freq {freq or 'missing'} with interval {interval}"
    if count is None and last is None:
        return "it has no end (count, until or valid_to) to list its dates"
    days: list[tuple[int | None, int]] = []  # (ordinal in the month or None, weekday 0-6)
    for part in _list(s.get("byday")):
        m = re.fullmatch(r"([+-]?[0-9]+)?(MO|TU|WE|TH|FR|SA|SU)", part.upper())
        if not m:
            return f'byday "{part}" is not a day like TU or 1TU'
        days.append((int(m.group(1)) if m.group(1) else None, _WEEKDAYS.index(m.group(2))))
    wkst = _WEEKDAYS.index(str(s.get("wkst") or "MO").upper()[:2]) if str(
        s.get("wkst") or "MO").upper()[:2] in _WEEKDAYS else 0
    capped = last is None
    bound = last or start.replace(year=start.year + YEARS_AHEAD)
    out: list[dt.date] = []
    n = 0
    day = start
    while day <= bound:
        if _in_rule(day, start, freq, interval, days, monthdays, weeknos, yeardays, wkst):
            n += 1
            if count is not None and n > count:
                break
            if not valid_from or day >= valid_from:
                out.append(day)
                if len(out) > MAX_DATES:
                    return out
        day += dt.timedelta(days=1)
    if capped and count is not None and n < count:
        return f"its {count} dates run past the next {YEARS_AHEAD} years"
    return out


def _week_number(day: dt.date, wkst: int) -> tuple[int, int]:
    """RFC 5545 week number (week 1 has at least four days of the year; weeks start on WKST,
    so with Monday this is the ISO week) and how many weeks that year has."""
    def week_one(year: int) -> dt.date:
        jan4 = dt.date(year, 1, 4)
        return jan4 - dt.timedelta(days=(jan4.weekday() - wkst) % 7)
    year = day.year
    if day < week_one(year):
        year -= 1
    elif day >= week_one(year + 1):
        year += 1
    return (day - week_one(year)).days // 7 + 1, (week_one(year + 1) - week_one(year)).days // 7


def _in_rule(day: dt.date, start: dt.date, freq: str, interval: int, days: list[tuple[int | None, int]],
             monthdays: list[int], weeknos: list[int], yeardays: list[int], wkst: int) -> bool:
    month_len = (dt.date(day.year + day.month // 12, day.month % 12 + 1, 1) - dt.timedelta(days=1)).day
    year_len = 366 if (dt.date(day.year, 12, 31).timetuple().tm_yday == 366) else 365
    if freq == "WEEKLY":
        def week_start(d: dt.date) -> dt.date:
            return d - dt.timedelta(days=(d.weekday() - wkst) % 7)
        if ((week_start(day) - week_start(start)).days // 7) % interval:
            return False
        if any(o is not None for o, _ in days):
            return False  # an ordinal weekday has no meaning in a weekly rule
        if day.weekday() not in ({w for _, w in days} or {start.weekday()}):
            return False
    else:
        if ((day.year - start.year) * 12 + day.month - start.month) % interval:
            return False
        if days:
            ok = False
            for o, w in days:
                if day.weekday() != w:
                    continue
                nth = (day.day - 1) // 7 + 1
                nth_last = -((month_len - day.day) // 7 + 1)
                if o is None or o in (nth, nth_last):
                    ok = True
            if not ok:
                return False
        if not days and not monthdays and day.day != start.day:
            return False
    if monthdays and day.day not in {d if d > 0 else month_len + 1 + d for d in monthdays}:
        return False
    if weeknos:
        week, weeks_in_year = _week_number(day, wkst)
        if week not in {w if w > 0 else weeks_in_year + 1 + w for w in weeknos}:
            return False
    if yeardays:
        yday = day.timetuple().tm_yday
        if yday not in {d if d > 0 else year_len + 1 + d for d in yeardays}:
            return False
    return day >= start
