"""The compact schedule data the home page uses to work out "what's on today" in the browser.

Days are numbers (days since 1970-01-01) so the JavaScript never meets time zones or DST.
"""

from __future__ import annotations

import datetime as dt
import json

from generator import schedule, urls
from generator.directory import Directory
from generator.model import Frequency, Schedule
from generator.words import status
from generator.words.place import where_short

EPOCH = dt.date(1970, 1, 1)
KIND = {Frequency.weekly: "w", Frequency.fortnightly: "f", Frequency.monthly: "m", Frequency.once: "o"}
WEEKS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}


def day_number(day: dt.date | None) -> int | None:
    return None if day is None else (day - EPOCH).days


def compact(s: Schedule) -> list:
    anchor = None
    if s.frequency is Frequency.fortnightly and s.start_date:
        anchor = day_number(s.start_date - dt.timedelta(days=s.start_date.weekday()))
    return [KIND[s.frequency], [schedule.day_index(d) for d in s.days],
            [WEEKS[w.value] for w in s.weeks], s.day_of_month,
            [day_number(d) for d in s.dates], anchor, day_number(s.valid_from),
            day_number(s.valid_to), int(s.not_on_bank_holidays), int(s.term_time_only),
            s.start, s.end]


def schedule_data(directory: Directory) -> dict:
    today = directory.today
    lo, hi = dt.date(today.year - 1, 1, 1), dt.date(today.year + 3, 12, 31)
    holidays = sorted(day_number(d) for d in directory.calendar.bank_holidays if lo <= d <= hi)
    acts = [[e.activity.name, urls.activity(e.id), where_short(e),
             [compact(s) for s in e.activity.schedules]]
            for e in directory.current() if e.activity.schedules and status.is_running(e)]
    return {"built": day_number(today), "bh": holidays,
            "terms": [[day_number(a), day_number(b)] for a, b in directory.calendar.terms],
            "acts": acts}


def write_schedules(directory: Directory, assets_dir) -> int:  # noqa: ANN001 - Path
    text = "window.WO_SCHED=" + json.dumps(schedule_data(directory), separators=(",", ":"),
                                          ensure_ascii=False) + ";\n"
    (assets_dir / "schedules.js").write_text(text, encoding="utf-8")
    return len(text.encode())
