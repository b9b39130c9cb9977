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

from dateutil import rrule as du

from generator.opendata import hsds_export as X
from generator.opendata.build import Fill
from generator.schedule import WEEK_NUMBER

DAYS = {"MO": "monday", "TU": "tuesday", "WE": "wednesday", "TH": "thursday", "FR": "friday",
        "SA": "saturday", "SU": "sunday"}
_DAY_NAMES = {k: v.capitalize() for k, v in DAYS.items()}
_WEEKS = {n: w.value for w, n in WEEK_NUMBER.items()}
MAX_DATES = 60  # a finite rule with more dates than this is left for a person
_BANK_HOLIDAY = re.compile(r"\b(not|closed|no sessions?|except|excluding)\b[^.]*\b(bank|public) holidays?",
                           re.IGNORECASE)
_LINKS = {"id", "service_id", "location_id", "service_at_location_id", "attributes"}
_READ = {"freq", "interval", "byday", "bymonthday", "byweekno", "byyearday", "count", "until",
         "dtstart", "wkst", "valid_from", "valid_to", "opens_at", "closes_at", "description", "notes",
         "attending_type", "timezone", "schedule_link"}


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
    other = sorted(k for k, v in s.items() if k not in _READ | _LINKS and v not in (None, "", []))
    if other:
        dropped.append("fields " + ", ".join(other))

    simple = _simple(s, row)
    if simple is None:
        return row, fills, notes, dropped
    if isinstance(simple, str):  # a rule a listing cannot say: its dates, or a person
        dates = _dates(s, valid_from, last)
        if dates is not None and 0 < len(dates) <= MAX_DATES:
            row.update(frequency="once", dates="; ".join(d.isoformat() for d in dates))
            row.pop("days", None)
            notes.append(f'"{words(s)}" ({simple}) is carried as its {len(dates)} date(s)')
            return row, fills, notes, dropped
        why = ("it gives no dates" if dates == [] else
               f"it has more than {MAX_DATES} dates" if dates else "it has no end (count or until) to "
               "list its dates" if s.get("dtstart") else "it has no dtstart to count from")
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


_FREQ = {"WEEKLY": du.WEEKLY, "MONTHLY": du.MONTHLY, "DAILY": du.DAILY, "YEARLY": du.YEARLY}
_WEEKDAY = {"MO": du.MO, "TU": du.TU, "WE": du.WE, "TH": du.TH, "FR": du.FR, "SA": du.SA, "SU": du.SU}


def _dates(s: dict, valid_from: dt.date | None, last: dt.date | None) -> list[dt.date] | None:
    """Every date of a finite rule (count, until or valid_to), as RFC 5545 expands it; None when
    it has no start or no end, or cannot be read."""
    start = _date(s.get("dtstart")) or valid_from
    freq = _FREQ.get(str(s.get("freq") or "").upper())
    count = s.get("count")
    try:
        count = int(count) if count not in (None, "") else None
    except (TypeError, ValueError):
        return None
    if start is None or freq is None or (count is None and last is None):
        return None
    try:
        kwargs: dict = {"dtstart": dt.datetime.combine(start, dt.time()),
                        "interval": int(s.get("interval") or 1)}
        if count is not None:  # COUNT and UNTIL together break RFC 5545: both bounds are kept
            kwargs["count"] = count
        elif last is not None:
            kwargs["until"] = dt.datetime.combine(last, dt.time(23, 59))
        days = []
        for part in _list(s.get("byday")):
            m = re.fullmatch(r"([+-]?[0-9]+)?(MO|TU|WE|TH|FR|SA|SU)", part.upper())
            if not m:
                return None
            wd = _WEEKDAY[m.group(2)]
            days.append(wd(int(m.group(1))) if m.group(1) else wd)
        if days:
            kwargs["byweekday"] = days
        for key, arg in (("bymonthday", "bymonthday"), ("byweekno", "byweekno"),
                         ("byyearday", "byyearday")):
            if s.get(key) not in (None, ""):
                kwargs[arg] = [int(p) for p in _list(s[key])]
        if s.get("wkst"):
            kwargs["wkst"] = _WEEKDAY.get(str(s["wkst"]).upper()[:2], du.MO)
        out = []
        for when in du.rrule(freq, **kwargs):
            if (valid_from and when.date() < valid_from) or (last and when.date() > last):
                continue
            out.append(when.date())
            if len(out) > MAX_DATES:
                break
        return out
    except (ValueError, TypeError):
        return None
