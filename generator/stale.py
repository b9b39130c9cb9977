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
import re
import urllib.parse
from dataclasses import asdict, dataclass

from generator.csv_cells import neutral_row
from generator.directory import Directory, Entry
from generator.freshness import Freshness, due_date, stale_date
from generator.model import Frequency, Status

ORDER = (Freshness.stale, Freshness.due, Freshness.ended)
COLUMNS = ("state", "activity_id", "activity", "organisation", "file", "last_checked",
           "checked_by", "since", "maintainers")
# The coordinator's phone round (CSV only: private, never published): who to ring or write to.
CONTACT_COLUMNS = ("email", "phone", "update_link")


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
    emails: tuple[str, ...] = ()  # maintainers' e-mail addresses, else the organisation's
    phone: str = ""  # the activity's phone, else the organisation's first
    update_link: str = ""  # the "Update this activity" form, filled in


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
    org = entry.organisation
    emails = tuple(dict.fromkeys(m.email for m in org.maintainers if m.email)) or (
        (org.email,) if org.email else ())
    phone = a.phone or (org.phones[0].number if org.phones else "") or a.on_the_day_phone or ""
    return Row(state.value, a.id, a.name, org.name, entry.source.file,
               entry.source.line, a.last_checked, a.checked_by, since, reason, maintainers(entry),
               emails, phone, update_link(directory, a.id))


def update_link(directory: Directory, activity_id: str) -> str:
    """The site's "Update this activity" address (the form, filled in with the listing)."""
    return f"{directory.config.site.url.rstrip('/')}/add/?activity={activity_id}"


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
    writer.writerow([*COLUMNS, "line", "reason", *CONTACT_COLUMNS])
    for r in rep.rows:
        cells = _cells(r)
        writer.writerow(neutral_row([*(cells[c] for c in COLUMNS), r.line, r.reason,
                                     " ".join(r.emails), r.phone, r.update_link]))
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


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#!|~])")


def md_text(text: str) -> str:
    """Text as it reads, never as Markdown: no links, emphasis, headings, @-mentions or #refs."""
    text = " ".join(str(text).split())
    text = _MARKDOWN.sub(r"\\\1", text)
    text = re.sub(r"([@#])(?=\w)", "\\1\u200b", text)  # a zero-width space: no mention, no issue link
    return text.replace("://", ":\u200b//").replace("www.", "www\u200b.")


def _still_correct(rep: Report, row: Row) -> str | None:
    if not rep.github_repository:
        return None
    query = urllib.parse.urlencode({"template": "still-correct.yml", "title": f"Still correct: {row.activity}",
                                    "activity_id": row.activity_id})
    return f"https://github.com/{rep.github_repository}/issues/new?{query}"


def as_markdown(rep: Report) -> str:
    """The weekly comment on the public "Listings to re-check" issue. It names groups and links
    each activity's update form; it never prints maintainers' e-mail addresses or GitHub handles
    (they are private: groups are reminded by e-mail, `python -m generator remind`)."""
    lines = [f"# Listings to re-check ({rep.today.isoformat()})", ""]
    if not rep.rows:
        lines.append(f"Nothing is due, stale or ended on {rep.today.isoformat()}. Thank you, everyone!")
        return "\n".join(lines) + "\n"
    lines += [
        _summary(rep),
        "",
        "**Is your group's activity below?** Please open its *Update this activity* link and check "
        "the details (day, time, place, cost, phone): the form is already filled in, so you only "
        "change what is different. If nothing has changed, use its *Nothing has changed* link, or "
        "reply to our reminder e-mail. If the activity has stopped, say so on the form, so nobody "
        "is sent to it.",
    ]
    for state in ORDER:
        rows = [r for r in rep.rows if r.state == state.value]
        if not rows:
            continue
        lines += ["", f"## {_STATE_HEADINGS[state.value]} ({len(rows)})", ""]
        for r in rows:
            when = {"stale": f"stale since {r.since}", "due": f"due since {r.since}",
                    "ended": f"ended {r.since}" if r.since else "marked ended"}[r.state]
            links = [f"[Update this activity]({r.update_link})"]
            still = _still_correct(rep, r)
            if still and r.state != "ended":
                links.append(f"[Nothing has changed]({still})")
            links.append(_file_link(rep, r))
            lines.append(f"- **{md_text(r.activity)}**, {md_text(r.organisation)}: {when}; last "
                         f"checked {r.last_checked}. " + " · ".join(links))
    return "\n".join(lines) + "\n"


RENDER = {"table": as_table, "json": as_json, "csv": as_csv, "markdown": as_markdown}
