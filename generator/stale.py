"""The staleness report: which activities need a person to re-check them.

Rows come from the Directory (each entry's freshness, worked out from site_config's staleness
policy and `last_checked`), so the report, the site and print always agree. This module builds
rows and renders them; `generator.commands.stale` only prints.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import asdict, dataclass

from generator.csv_cells import neutral_row
from generator.directory import Directory, Entry
from generator.freshness import Freshness, due_date, stale_date
from generator.model import Frequency, Status

ORDER = (Freshness.stale, Freshness.due, Freshness.ended)
COLUMNS = ("state", "activity_id", "activity", "organisation", "file", "last_checked",
           "checked_by", "since", "maintainers")


@dataclass(frozen=True)
class Row:
    state: str  # stale, due or ended
    activity_id: str
    activity: str
    organisation: str
    file: str
    line: int
    last_checked: dt.date
    checked_by: str
    since: dt.date | None  # due on / stale on / ended on (None: marked ended, no date)
    reason: str  # a few words, e.g. "not checked for 12 months"
    maintainers: tuple[str, ...]  # "name@example.org", "@github-user"


@dataclass(frozen=True)
class Report:
    today: dt.date
    due_after_months: int
    stale_after_months: int
    rows: tuple[Row, ...]
    github_repository: str | None = None

    def count(self, state: Freshness) -> int:
        return sum(1 for r in self.rows if r.state == state.value)


def maintainers(entry: Entry) -> tuple[str, ...]:
    out = []
    for m in entry.organisation.maintainers:
        if m.github:
            out.append(f"@{m.github}")
        if m.email:
            out.append(m.email)
    return tuple(out)


def ended_on(entry: Entry) -> dt.date | None:
    """The last day the activity ran: its latest valid_to or one-off date (None if unknown)."""
    ends = []
    for s in entry.activity.schedules:
        if s.frequency is Frequency.once and s.dates:
            ends.append(max(s.dates) if not s.valid_to else min(max(s.dates), s.valid_to))
        elif s.valid_to:
            ends.append(s.valid_to)
    return max(ends) if ends and len(ends) == len(entry.activity.schedules) else None


def _row(entry: Entry, directory: Directory) -> Row | None:
    state = entry.freshness
    if state not in ORDER:
        return None
    policy = directory.config.site.staleness
    a = entry.activity
    if state is Freshness.stale:
        since, reason = stale_date(a.last_checked, policy), (
            f"not checked for {policy.stale_after_months} months")
    elif state is Freshness.due:
        since, reason = due_date(a.last_checked, policy), (
            f"not checked for {policy.due_after_months} months")
    else:
        since = ended_on(entry)
        reason = "marked status: ended" if a.status is Status.ended else "its dates are all past"
    return Row(state.value, a.id, a.name, entry.organisation.name, entry.source.file,
               entry.source.line, a.last_checked, a.checked_by, since, reason, maintainers(entry))


def report(directory: Directory) -> Report:
    rows = [r for r in (_row(e, directory) for e in directory.activities) if r]
    rank = {s.value: i for i, s in enumerate(ORDER)}
    rows.sort(key=lambda r: (rank[r.state], r.since or dt.date.max, r.organisation.lower(), r.activity_id))
    policy = directory.config.site.staleness
    return Report(directory.today, policy.due_after_months, policy.stale_after_months, tuple(rows),
                  directory.config.site.github_repository)


# ---------------------------------------------------------------------------------------------
# Rendering


def _cells(row: Row) -> dict[str, str]:
    data = asdict(row)
    data["last_checked"] = row.last_checked.isoformat()
    data["since"] = row.since.isoformat() if row.since else ""
    data["maintainers"] = " ".join(row.maintainers)
    return {c: str(data[c]) for c in COLUMNS}


def _summary(rep: Report) -> str:
    parts = [f"{rep.count(s)} {s.value}" for s in ORDER]
    return (f"On {rep.today.isoformat()}: {', '.join(parts)} "
            f"(due for a check after {rep.due_after_months} months, stale after "
            f"{rep.stale_after_months}).")


def as_table(rep: Report) -> str:
    if not rep.rows:
        return f"Nothing is due, stale or ended on {rep.today.isoformat()}.\n"
    heads = {"state": "STATE", "activity_id": "ACTIVITY", "organisation": "ORGANISATION",
             "last_checked": "CHECKED", "checked_by": "BY", "since": "SINCE",
             "maintainers": "MAINTAINERS", "file": "FILE"}
    cols = list(heads)
    table = [heads] + [_cells(r) for r in rep.rows]
    limit = {"organisation": 28, "checked_by": 18, "maintainers": 34}
    widths = {c: min(max(len(t[c]) for t in table), limit.get(c, 60)) for c in cols}

    def fit(text: str, width: int) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = ["  ".join(fit(t[c], widths[c]).ljust(widths[c]) for c in cols).rstrip() for t in table]
    return "\n".join([_summary(rep), "", *lines]) + "\n"


def as_json(rep: Report) -> str:
    data = {
        "today": rep.today.isoformat(),
        "policy": {"due_after_months": rep.due_after_months,
                   "stale_after_months": rep.stale_after_months},
        "counts": {s.value: rep.count(s) for s in ORDER},
        "rows": [
            {**_cells(r), "line": r.line, "reason": r.reason, "maintainers": list(r.maintainers)}
            for r in rep.rows
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def as_csv(rep: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*COLUMNS, "line", "reason"])
    for r in rep.rows:
        cells = _cells(r)
        writer.writerow(neutral_row([*(cells[c] for c in COLUMNS), r.line, r.reason]))
    return out.getvalue()


_STATE_HEADINGS = {
    "stale": "Stale: not checked for a long time",
    "due": "Due for a check",
    "ended": "Ended: remove the listing, or give it new dates",
}


def _file_link(rep: Report, row: Row) -> str:
    if rep.github_repository:
        url = f"https://github.com/{rep.github_repository}/blob/main/{row.file}#L{row.line}"
        return f"[{row.file}]({url})"
    return f"`{row.file}`"


def _who(row: Row) -> str:
    github = [m for m in row.maintainers if m.startswith("@")]
    if github:
        return " ".join(github)
    if row.maintainers:
        return "maintainer: " + ", ".join(row.maintainers)
    return "no maintainer listed: add one under organisation: maintainers:"


def as_markdown(rep: Report) -> str:
    lines = [f"# Listings to re-check ({rep.today.isoformat()})", ""]
    if not rep.rows:
        lines.append(f"Nothing is due, stale or ended on {rep.today.isoformat()}. Thank you, everyone!")
        return "\n".join(lines) + "\n"
    lines += [
        _summary(rep),
        "",
        "**Is your group's listing below?** Please check the details are still right "
        "(day, time, place, cost, phone), then either:",
        "",
        "- change the `last_checked:` line in your file to today's date "
        "(and `checked_by:` to your name), or",
        "- run `python -m generator checked ACTIVITY-ID --by \"Your Name\"`, which does it for you.",
        "",
        "If something has changed, correct it in the same edit. If the activity has stopped, set "
        "`status: ended` (or delete it) so nobody is sent to it. Tick the box when done.",
    ]
    for state in ORDER:
        rows = [r for r in rep.rows if r.state == state.value]
        if not rows:
            continue
        lines += ["", f"## {_STATE_HEADINGS[state.value]} ({len(rows)})", ""]
        for r in rows:
            when = {"stale": f"stale since {r.since}", "due": f"due since {r.since}",
                    "ended": f"ended {r.since}" if r.since else "marked ended"}[r.state]
            lines.append(
                f"- [ ] **{r.activity}** (`{r.activity_id}`), {r.organisation}: {when}; last checked "
                f"{r.last_checked} by {r.checked_by}. {_file_link(rep, r)}. {_who(r)}"
            )
    return "\n".join(lines) + "\n"


RENDER = {"table": as_table, "json": as_json, "csv": as_csv, "markdown": as_markdown}
