"""The spreadsheet for social prescribing link workers: one row per current activity with the
fields they filter on (day, time, area, cost, access, referral route, capacity, step-free,
last checked). Ended activities are left out; due and stale ones stay, marked in `freshness`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator import schedule, urls
from generator.csv_cells import neutral_dict
from generator.directory import Directory, Entry
from generator.words import transport as transport_words
from generator.words.cost import cost_line
from generator.words.dates import describe_all
from generator.words.place import location_text

COLUMNS = [
    "name", "organisation", "summary", "categories", "areas", "days", "times", "time_of_day",
    "when", "cost", "free", "access", "referral_from", "how_to_go", "capacity", "status",
    "audience", "min_age", "max_age", "where", "postcode", "online", "by_phone", "home_visits",
    "step_free", "accessible_toilet", "hearing_loop", "getting_there", "languages", "phone",
    "on_the_day_phone", "email", "website", "last_checked", "checked_by", "freshness", "url",
    "activity_id",
]


def _yn(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def row(directory: Directory, entry: Entry) -> dict[str, str]:
    a, v = entry.activity, entry.venue
    cats = directory.config.category_by_id
    areas = directory.config.area_by_id
    aud = a.audience
    return {
        "activity_id": a.id,
        "name": a.name,
        "organisation": entry.organisation.name,
        "summary": a.summary,
        "categories": "; ".join(cats[c].name for c in a.categories if c in cats),
        "areas": "; ".join(areas[x].name for x in entry.areas if x in areas),
        "days": "; ".join(d.value.title() for d in schedule.weekdays_of(a.schedules)),
        "times": "; ".join(sorted({f"{s.start}-{s.end}" for s in a.schedules})),
        "time_of_day": "; ".join(sorted({schedule.time_of_day(s.start) for s in a.schedules})),
        "when": "; ".join(describe_all(a.schedules, directory.today, directory.calendar)),
        "cost": cost_line(entry),
        "free": _yn(a.cost.kind.value == "free"),
        "access": a.how_to_go.access.value,
        "referral_from": "; ".join(r.value for r in a.how_to_go.referral_from),
        "how_to_go": a.how_to_go.how or "",
        "capacity": a.capacity.value,
        "status": a.status.value,
        "audience": "; ".join(aud.groups) if aud else "",
        "min_age": "" if not aud or aud.min_age is None else str(aud.min_age),
        "max_age": "" if not aud or aud.max_age is None else str(aud.max_age),
        "where": location_text(entry) or "",
        "postcode": v.postcode if v else "",
        "online": _yn(a.where.online),
        "by_phone": _yn(a.where.by_phone),
        "home_visits": _yn(a.where.home_visits),
        "step_free": _yn(v.step_free) if v else "",
        "accessible_toilet": _yn(v.accessible_toilet) if v else "",
        "hearing_loop": _yn(v.hearing_loop) if v else "",
        "getting_there": (transport_words.summary(directory.getting_there(entry), v) or "") if v else "",
        "languages": "; ".join(a.languages),
        "phone": a.phone or "",
        "on_the_day_phone": a.on_the_day_phone or "",
        "email": a.email or "",
        "website": a.website or "",
        "last_checked": a.last_checked.isoformat(),
        "checked_by": a.checked_by,
        "freshness": entry.freshness.value,
        "url": urls.absolute(directory.config, urls.activity(a.id)),
    }


def text(directory: Directory) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in directory.current():
        writer.writerow(neutral_dict(row(directory, entry)))
    return buf.getvalue()


def write(directory: Directory, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    # utf-8-sig so Excel shows £ and accents correctly when the file is opened directly
    path.write_text(text(directory), encoding="utf-8-sig")
    return path
