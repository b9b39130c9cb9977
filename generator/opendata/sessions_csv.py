"""The spreadsheet layout: one row per session (schedule) of an activity.

Columns are those of ``generator.opendata.columns`` (documented in templates/import-csv.md and in
templates/import-template.csv). Rows with the same ``activity_id`` are sessions of one activity;
its organisation, activity and venue columns are read from its first row. An activity with no
sessions ("ring to arrange") is one row with the session columns empty.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.csv_cells import neutral_dict, undo
from generator.directory import Directory, Entry
from generator.opendata import columns as C
from generator.opendata.build import Record


def header() -> list[str]:
    return [c.name for c in C.ALL]


def entry_row(entry: Entry, org_id: str) -> dict[str, str]:
    row = {"organisation_id": org_id}
    row.update(C.flatten(entry.organisation, C.ORGANISATION))
    act = entry.activity
    row.update(C.flatten(act, [c for c in C.ACTIVITY if c.name != "venue"]))
    venue = act.where.venue
    row["venue"] = venue if isinstance(venue, str) else ""
    row.update(C.flatten(venue if not isinstance(venue, str) else None, C.VENUE))
    return row


def rows(directory: Directory) -> list[dict[str, str]]:
    out = []
    for org in directory.organisations:
        for entry in org.activities:
            base = entry_row(entry, org.id)
            if not entry.activity.schedules:
                out.append({**base, **{c.name: "" for c in C.SCHEDULE}})
            for s in entry.activity.schedules:
                out.append({**base, **C.flatten(s, C.SCHEDULE)})
    return out


def write(directory: Directory, path: Path) -> Path:
    path.write_text(to_text(rows(directory)), encoding="utf-8")
    return path


def to_text(data: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header(), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(neutral_dict(row) for row in data)
    return buf.getvalue()


class LayoutError(Exception):
    """The file is not in the documented layout at all."""


def read(path: Path) -> list[Record]:
    """Rows -> one Record per activity, in the order they first appear."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise LayoutError(f"{path}: this is not UTF-8 text. In your spreadsheet program, save it "
                          "as \"CSV UTF-8\"") from None
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip() for f in (reader.fieldnames or [])]
    known = set(header())
    if "activity_id" not in fields and "name" not in fields:
        raise LayoutError(f"{path}: the first row should be the column names (activity_id, name, "
                          "summary, …), as in templates/import-template.csv")
    unknown = [f for f in fields if f and f not in known]
    if unknown:
        raise LayoutError(f'{path}: "{unknown[0]}" is not a column of the import layout. The '
                          "columns are listed in templates/import-csv.md")
    records: dict[str, Record] = {}
    order: list[str] = []
    for number, raw in enumerate(reader, start=2):  # row 1 is the header
        row = {(k or "").strip(): undo(v if isinstance(v, str) else "") for k, v in raw.items() if k}
        if not any(v.strip() for v in row.values()):
            continue
        key = row.get("activity_id", "").strip() or f"row-{number}"
        sessions = {c.name: row.get(c.name, "") for c in C.SCHEDULE}
        if key not in records:
            records[key] = Record(f"row {number}", row, [])
            order.append(key)
        if any(v.strip() for v in sessions.values()):
            records[key].schedules.append(sessions)
    return [records[k] for k in order]


# ---------------------------------------------------------------------------------------------
# The documentation of the layout, written from the column table (a test keeps the file current)

_SCOPE_TITLES = {
    "organisation": "Organisation (the same on every row of one organisation)",
    "activity": "Activity (read from the activity's first row)",
    "venue": "Venue written in full (leave empty when the venue column names a venue in venues.yml)",
    "schedule": "Session (one row each)",
}


def layout_markdown() -> str:
    lines = [
        "# Spreadsheet (CSV) layout for `python -m generator import csv`",
        "",
        "<!-- Written by generator.opendata.sessions_csv.layout_markdown(); do not edit by hand. -->",
        "",
        "One row per **session** of an activity (a weekly session, a monthly one, a set of one-off",
        "dates). Rows with the same `activity_id` belong to one activity; rows with the same",
        "`organisation_id` go into one listing file. Save the spreadsheet as CSV (UTF-8). Start",
        "from `templates/import-template.csv`. Empty cells mean \"not given\".",
        "",
        "Yes / no columns take `yes` or `no`. Lists are separated by `;` (lists of ids, days and",
        "dates may use commas too). Dates are written `2026-11-22` (or `22/11/2026`), times `14:30`, money `3.50`.",
        "",
        "Every row that cannot be turned into a valid listing is reported with its row number and",
        "the reason; nothing is written over an existing listing unless you add `--update`.",
        "A fact a listing needs that a row leaves empty (`categories`, `last_checked`, `checked_by`)",
        "is never guessed: the listing is written without it and the report names it, so the file",
        "does not validate until a person fills it in (or import again with `--category`,",
        "`--checked-on` or `--checked-by`).",
        "",
    ]
    for scope, title in _SCOPE_TITLES.items():
        lines += [f"## {title}", "", "| column | listing field | what to write |", "|---|---|---|"]
        for c in C.ALL:
            if c.scope == scope:
                kind = {"bool": "yes / no", "ids": "list", "texts": "list (;)", "dates": "dates",
                        "date": "date", "int": "number", "decimal": "money", "float": "number",
                        "phones": "phone numbers", "maintainers": "people"}.get(c.kind, "text")
                field = f"`{c.path}`" if c.path else "(file name)"
                words = f"{kind}. {c.help}" if c.help else kind
                lines.append(f"| `{c.name}` | {field} | {words} |")
        lines.append("")
    return "\n".join(lines)
