"""The compact schedule data the home page uses to work out "what's on today" in the browser.

Days are numbers (days since 1970-01-01) so the JavaScript never meets time zones or DST.

A small directory writes it all in assets/schedules.js, loaded with the page. A big one (the
finder's rule: its area parts do not fit in finder.EAGER_BYTES, so one setting decides both)
writes a tiny assets/schedules.js (calendar, areas, no activities) and one file per area,
assets/today/<area>.js (and today/no-area.js: online, by phone), loaded when the home page's
reader chooses their area.
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


def _calendar(directory: Directory) -> dict:
    today = directory.today
    lo, hi = dt.date(today.year - 1, 1, 1), dt.date(today.year + 3, 12, 31)
    holidays = sorted(day_number(d) for d in directory.calendar.bank_holidays if lo <= d <= hi)
    return {"built": day_number(today), "bh": holidays,
            "terms": [[day_number(a), day_number(b)] for a, b in directory.calendar.terms]}


def _running(directory: Directory) -> list:
    return [e for e in directory.current() if e.activity.schedules and status.is_running(e)]


def activity_line(e) -> list:
    return [e.activity.name, urls.activity(e.id), where_short(e),
            [compact(s) for s in e.activity.schedules]]


def schedule_data(directory: Directory) -> dict:
    """Everything, in one: the calendar and every running activity's schedules."""
    return dict(_calendar(directory), acts=[activity_line(e) for e in _running(directory)])


def area_keys(entry, directory: Directory) -> list[str]:
    """The parts an activity is in, for the finder's area parts and the home page's today files
    alike: each of its areas, or "" (no area: online, by phone)."""
    known = [x for x in entry.areas if x in directory.config.area_by_id]
    return known or [""]


def area_path(key: str) -> str:
    return f"today/{key}.js" if key else "today/no-area.js"


def today_files(directory: Directory, big: bool, act=activity_line) -> dict[str, str]:
    """The home page's schedule files, by path under assets/. `big`: write one per area (see the
    module's text); else schedules.js holds everything, as it always has. `act`: activity_line,
    or one that gives the same answers quicker (the build's, which keeps them)."""
    if not big:
        return {"schedules.js": _js(schedule_data(directory))}
    by_area: dict[str, list] = {a.id: [] for a in directory.config.areas}
    by_area[""] = []
    for e in _running(directory):
        line = act(e)
        for key in area_keys(e, directory):
            by_area[key].append(line)
    files = {area_path(k): "(window.WO_LOADED=window.WO_LOADED||[]).push(" + _json(
        {"today": k, "acts": acts}) + ");\n" for k, acts in by_area.items() if acts}
    names = {a.id: a.name for a in directory.config.areas}
    start = dict(_calendar(directory), acts=None, parts=[
        [k, names.get(k, ""), area_path(k), len(acts)] for k, acts in by_area.items() if acts])
    files["schedules.js"] = _js(start)
    return files


def _json(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _js(value: object) -> str:
    return "window.WO_SCHED=" + _json(value) + ";\n"


def write_schedules(directory: Directory, assets_dir, big: bool = False,
                    act=activity_line) -> int:
    """Write today_files under assets/; return the bytes of what the home page loads first."""
    files = today_files(directory, big, act)
    for path, text in files.items():
        target = assets_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return len(files["schedules.js"].encode())
