"""Where the gaps are: provision by place and by kind, for the directory's coordinators.

Four tables, counted over the activities that are running (ended ones left out):

- categories × areas (activities with no venue, online or by phone, in a column of their own);
- days × time of day (morning before 12, afternoon to 5pm, evening after);
- free and step-free shares by area;
- freshness by area (checked recently, due for a check, stale).

An empty cell is a gap and is "picked out": marked in every format and listed in words under
its table, so it never depends on colour. ``as_markdown``, ``as_csv`` and ``as_html`` lay the
same tables out; ``write_page`` puts the HTML into the built site (a coordinators' page, not in
the patients' navigation). Every sentence goes through ``generator.words.say``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from generator import schedule
from generator.csv_cells import neutral_row
from generator.directory import Directory, Entry
from generator.freshness import Freshness
from generator.words import say

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates" / "coverage"
PAGE = "coordinators/coverage"  # site path of the page (coordinators/coverage/index.html)
TIMES = ("morning", "afternoon", "evening")
NO_VENUE = "no-venue"


@dataclass
class Table:
    key: str  # for CSV and anchors, e.g. categories-by-area
    title: str
    about: str
    row_head: str
    rows: list[str]
    columns: list[str]
    cells: list[list[str]]
    gap: list[list[bool]]  # cells picked out
    gaps: list[str] = field(default_factory=list)  # the picked-out cells, in words
    notes: list[str] = field(default_factory=list)


@dataclass
class Coverage:
    today: str
    activities: int
    tables: list[Table]


def _areas(directory: Directory) -> list[tuple[str, str]]:
    return [(a.id, a.name) for a in directory.config.areas] + [(NO_VENUE, say("Not at a venue"))]


def _area_keys(entry: Entry) -> list[str]:
    return list(entry.areas) or [NO_VENUE]


def _in_each_area(entries: tuple[Entry, ...]) -> dict[str, list[Entry]]:
    """Area id (or NO_VENUE) -> its entries, in the order given: one pass for all the areas."""
    found: dict[str, list[Entry]] = {}
    for e in entries:
        for key in dict.fromkeys(_area_keys(e)):
            found.setdefault(key, []).append(e)
    return found


def _slots(entry: Entry, today) -> set[tuple[int, str]]:
    """(day index, time of day) pairs the activity runs in (one-off dates still to come)."""
    found = set()
    for s in entry.activity.schedules:
        if s.frequency.value == "once":
            days = [schedule.DAY_ORDER[d.weekday()] for d in s.dates if d >= today]
        else:
            days = schedule.weekdays_of([s])
        for d in days:
            found.add((schedule.day_index(d), schedule.time_of_day(s.start)))
    return found


def _percent(n: int, total: int) -> str:
    return say("{n} ({percent}%)", n=n, percent=round(100 * n / total)) if total else say("none")


def categories_by_area(directory: Directory, entries: tuple[Entry, ...]) -> Table:
    areas = _areas(directory)
    cats = directory.config.categories
    counts = {(c.id, a): 0 for c in cats for a, _ in areas}
    for e in entries:
        for c in e.activity.categories:
            for a in _area_keys(e):
                if (c, a) in counts:
                    counts[(c, a)] += 1
    cells = [[str(counts[(c.id, a)]) for a, _ in areas] for c in cats]
    gap = [[counts[(c.id, a)] == 0 and a != NO_VENUE for a, _ in areas] for c in cats]
    gaps = []
    for a, name in areas[:-1]:
        missing = [c.name for c in cats if counts[(c.id, a)] == 0]
        if missing:
            gaps.append(say("{area} has nothing in: {kinds}.", area=name, kinds="; ".join(missing)))
    return Table("categories-by-area", say("Kinds of activity in each area"),
                 say("How many running activities of each kind there are in each area. An activity "
                     "in several categories is counted in each."),
                 say("Kind of activity"), [c.name for c in cats], [n for _, n in areas], cells, gap, gaps)


def days_by_time(directory: Directory, entries: tuple[Entry, ...]) -> Table:
    day_names = [d.value.title() for d in schedule.DAY_ORDER]
    counts = {(d, t): 0 for d in range(7) for t in TIMES}
    no_times = 0
    for e in entries:
        slots = _slots(e, directory.today)
        if not slots:
            no_times += 1
        for slot in slots:
            counts[slot] += 1
    cells = [[str(counts[(d, t)]) for t in TIMES] for d in range(7)]
    gap = [[counts[(d, t)] == 0 for t in TIMES] for d in range(7)]
    gaps = [say("Nothing on {day} {time}.", day=day_names[d], time=say(t))
            for d in range(7) for t in TIMES if counts[(d, t)] == 0]
    notes = [say("{n} activities have no fixed times (ring to arrange).", n=no_times)] if no_times else []
    return Table("days-by-time", say("Days and times of day"),
                 say("How many activities run on each day of the week, in the morning (before 12), "
                     "the afternoon (12 to 5pm) and the evening (after 5pm)."),
                 say("Day"), day_names, [say(t).capitalize() for t in TIMES], cells, gap, gaps, notes)


def shares_by_area(directory: Directory, entries: tuple[Entry, ...]) -> Table:
    areas = _areas(directory)
    rows, cells, gap, gaps = [], [], [], []
    by_area = _in_each_area(entries)
    for key, name in [*areas, ("", say("All areas"))]:
        mine = by_area.get(key, []) if key else list(entries)
        at_venue = [e for e in mine if e.venue]
        free = sum(1 for e in mine if e.activity.cost.kind.value == "free")
        step_free = sum(1 for e in at_venue if e.venue.step_free)
        unknown = sum(1 for e in at_venue if e.venue.step_free is None)
        rows.append(name)
        cells.append([str(len(mine)), _percent(free, len(mine)),
                      _percent(step_free, len(at_venue)) if key != NO_VENUE else say("not at a venue"),
                      str(unknown) if key != NO_VENUE else ""])
        gap.append([len(mine) == 0, bool(mine) and free == 0,
                    bool(at_venue) and step_free == 0 and key != NO_VENUE, False])
        if key and key != NO_VENUE:
            if not mine:
                gaps.append(say("{area}: no activities at all.", area=name))
            else:
                if free == 0:
                    gaps.append(say("{area}: nothing free.", area=name))
                if at_venue and step_free == 0:
                    gaps.append(say("{area}: no venue said to be step-free.", area=name))
    return Table("free-and-step-free", say("Free and step-free"),
                 say("Of the running activities in each area: how many are free, and how many of "
                     "those at a venue have step-free access (a venue that does not say is counted "
                     "as not known)."),
                 say("Area"), rows, [say("Activities"), say("Free"), say("Step-free"),
                                     say("Step-free not known")], cells, gap, gaps)


def freshness_by_area(directory: Directory, entries: tuple[Entry, ...]) -> Table:
    areas = _areas(directory)
    states = (Freshness.fresh, Freshness.due, Freshness.stale)
    policy = directory.config.site.staleness
    rows, cells, gap, gaps = [], [], [], []
    by_area = _in_each_area(entries)
    for key, name in areas:
        mine = by_area.get(key, [])
        counts = [sum(1 for e in mine if e.freshness is s) for s in states]
        rows.append(name)
        cells.append([str(n) for n in counts])
        gap.append([not mine, False, counts[2] > 0])
        if counts[2]:
            gaps.append(say("{area}: {n} stale (left out of print until checked).", area=name, n=counts[2])
                        if policy.print_stale == "omit" else say("{area}: {n} stale.", area=name, n=counts[2]))
    return Table("freshness-by-area", say("How fresh the listings are"),
                 say("Checked in the last {due} months, due for a check, or stale (not checked for "
                     "{stale} months).", due=policy.due_after_months, stale=policy.stale_after_months),
                 say("Area"), rows, [say("Checked recently"), say("Due for a check"), say("Stale")],
                 cells, gap, gaps)


def coverage(directory: Directory) -> Coverage:
    entries = directory.current()
    tables = [f(directory, entries) for f in (categories_by_area, days_by_time, shares_by_area,
                                                freshness_by_area)]
    return Coverage(directory.today.isoformat(), len(entries), tables)


# ---------------------------------------------------------------------------------------------
# Layouts


def _md(text: str) -> str:
    return str(text).replace("|", "\\|")


def as_markdown(cov: Coverage) -> str:
    lines = [f"# {say('Coverage')} ({cov.today})", "",
             say("{n} running activities. Gaps (empty cells) are in bold and listed under each table.",
                 n=cov.activities)]
    for t in cov.tables:
        lines += ["", f"## {t.title}", "", t.about, "",
                  "| " + " | ".join([_md(t.row_head), *map(_md, t.columns)]) + " |",
                  "|" + "---|" * (len(t.columns) + 1)]
        for name, row, gaps in zip(t.rows, t.cells, t.gap, strict=True):
            shown = [f"**{_md(c)}**" if g else _md(c) for c, g in zip(row, gaps, strict=True)]
            lines.append("| " + " | ".join([_md(name), *shown]) + " |")
        lines += ["", *(f"- {n}" for n in t.notes)] if t.notes else []
        if t.gaps:
            lines += ["", f"**{say('Gaps')}:**", "", *(f"- {g}" for g in t.gaps)]
    return "\n".join(lines) + "\n"


def as_csv(cov: Coverage) -> str:
    """One row per cell: table, row, column, value, gap (yes/no)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["table", "row", "column", "value", "gap"])
    for t in cov.tables:
        for name, row, gaps in zip(t.rows, t.cells, t.gap, strict=True):
            for column, value, g in zip(t.columns, row, gaps, strict=True):
                writer.writerow(neutral_row([t.key, name, column, value, "yes" if g else "no"]))
    return out.getvalue()


def _env() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                       trim_blocks=True, lstrip_blocks=True)


def as_html(cov: Coverage, directory: Directory, *, fragment: bool = False) -> str:
    """The coordinators' page: a whole HTML page, or (fragment) the part the site's page holds."""
    template = "fragment.html.j2" if fragment else "page.html.j2"
    return _env().get_template(template).render(cov=cov, site=directory.config.site, say=say)


RENDER = {"markdown": as_markdown, "csv": as_csv}


def write_page(directory: Directory, docs: Path) -> Path:
    """The coverage page into the site's staging docs folder (coordinators/coverage/index.md),
    outside the navigation; mkdocs lays it out like every other page."""
    target = docs / PAGE / "index.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    cov = coverage(directory)
    title = say("Coverage: where the gaps are")
    target.write_text(f"---\ntitle: {json.dumps(title)}\nhide:\n  - navigation\n  - toc\n---\n\n# {title}\n\n"
                      + as_html(cov, directory, fragment=True), encoding="utf-8")
    return target
