"""The large-print "Yellow Pages" booklet of one edition.

Parts are rendered in parallel (see render.py), all at once: the front matter, every category
section, the timetable, the bus route index and the A to Z index. No part waits for another's
page numbers: every "page N" in the contents, the indexes and the "See also" lists is an empty
slot, and join.py puts the parts together as one tagged PDF while stamp.py draws the page
numbers and the slot numbers onto it. A part whose HTML did not change comes from the render
cache (render.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import string
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass
from pathlib import Path

from generator import schedule
from generator.config import Category, Edition
from generator.directory import Directory, Entry
from generator.model import Frequency
from generator.printing import render, select
from generator.printing.document import PrintedDocument
from generator.printing.facts import Facts, facts
from generator.printing.join import Bookmark, Joiner
from generator.printing.stamp import Stamp, text_width
from generator.words import formats, people
from generator.words.dates import day_name, long_date, times
from generator.words.timetable import row_note, term_dates, upcoming_dates
from generator.words.transport import stop_label

log = logging.getLogger(__name__)
CHUNK = 100  # activities per section part: fewer parts cost less, more parts share the work better
PAGE_WIDTH_PT = 595.28
BODY_PT = 17  # print/booklet.css: the "page N" numbers drawn into slots are this size
FOOTER_BASELINE_PT = 841.89 - 22  # page numbers: the same place, bottom centre, on every page
BUS_ROWS = 150  # bus index lines in one part
TIMETABLE_ROWS = 120  # timetable lines in one part


@dataclass(frozen=True)
class Item:
    facts: Facts


@dataclass(frozen=True)
class SeeAlso:
    facts: Facts
    home_name: str  # the category it is printed in full under
    slot: str  # anchor id of the page-number slot


@dataclass(frozen=True)
class Chunk:
    category: Category
    first: bool
    items: tuple[Item, ...]
    also: tuple[SeeAlso, ...] = ()  # "See also" rows, at the end of the category's last part


class Slots:
    """Page numbers not known until every part is laid out. Each index row gets an empty slot,
    an anchor id made from what it points at (so a row's id does not change when other rows come
    or go, and a part's HTML stays the same); the page of its target anchor is drawn into it
    afterwards (stamp.py)."""

    def __init__(self) -> None:
        self.targets: dict[str, str] = {}  # slot anchor id -> the anchor id whose page it shows

    def to(self, target: str, where: str = "") -> str:
        base = re.sub(r"[^A-Za-z0-9_-]+", "-", f"slot-{where}-{target}" if where else f"slot-{target}")
        name, n = base, 1
        while name in self.targets:  # the same activity twice on one day
            name, n = f"{base}-{n}", n + 1
        self.targets[name] = target
        return name


def _key(name: str) -> str:
    return name.casefold()


def chunks(directory: Directory, printed: Sequence[Facts]) -> list[Chunk]:
    """Sections in the directory's category order, A to Z inside; long ones split in parts.

    An activity in several categories is printed in full under the first category its listing
    names (the order a group writes them is its priority); the other categories list it under
    "See also", with the page to turn to.
    """
    names = {c.id: c.name for c in directory.config.categories}
    out: list[Chunk] = []
    ordered = sorted(printed, key=lambda f: (_key(f.name), f.id))
    for category in directory.config.categories:
        items = [Item(f) for f in ordered if f.categories and f.categories[0] == category.id]
        also = tuple(SeeAlso(f, names[f.categories[0]], f"slot-{category.id}-{f.id}")
                     for f in ordered if category.id in f.categories[1:])
        if not items and not also:
            continue
        starts = range(0, max(len(items), 1), CHUNK)
        for start in starts:
            out.append(Chunk(category, start == 0, tuple(items[start:start + CHUNK]),
                             also if start == starts[-1] else ()))
    return out


def parts_of(sections: Sequence[Chunk]) -> list[tuple[Chunk, ...]]:
    """The chunks in rendering parts: a category with only "See also" rows follows the part
    before it on the same page, instead of taking a page of its own."""
    out: list[list[Chunk]] = []
    for chunk in sections:
        if out and not chunk.items:
            out[-1].append(chunk)
        else:
            out.append([chunk])
    return [tuple(p) for p in out]


def _natural(number: str) -> tuple:
    digits = "".join(c for c in number if c.isdigit())
    head = number[: len(number) - len(number.lstrip(string.digits))]
    return (0 if head else 1, int(head) if head else 0, number.upper(), digits)


def timetable(entries: Sequence[tuple[Entry, Facts]], slots: Slots, today: dt.date,
              calendar: schedule.Calendar = schedule.Calendar()) -> list[dict]:
    """Rows by day, earliest first, as of `today`: rows that are over are left out, one-off rows
    keep only the dates to come, and each row says its start and end dates, its next date when it
    is not every week, and "school term time only" (words.timetable), and whether the group is
    full or has a waiting list."""
    days = [{"name": day_name(d), "id": f"day-{d.value}", "rows": []} for d in schedule.DAY_ORDER]
    other = {"name": "Other days and dates", "id": "day-other", "rows": []}
    arrange = {"name": "Ring to arrange a time", "id": "day-arrange", "rows": []}
    for entry, f in entries:
        place = entry.venue.name if entry.venue else (f.where[0] if f.where else "")
        base = {"name": f.name, "place": place, "act": f.id,
                "capacity": people.capacity_short(entry)}  # "Full at the moment", as the site
        if not entry.activity.schedules:
            arrange["rows"].append({**base, "time": "Any time", "start": "", "note": None})
        for s in entry.activity.schedules:
            if schedule.is_over([s], today):
                continue
            row = {**base, "time": times(s.start, s.end), "start": s.start,
                   "note": row_note(s, today, calendar)}
            if s.frequency is Frequency.once:
                weekdays = sorted({schedule.DAY_ORDER[d.weekday()] for d in upcoming_dates(s, today)},
                                  key=schedule.day_index)
            else:
                weekdays = schedule.weekdays_of([s])
            if not weekdays:
                other["rows"].append(row)
            for day in weekdays:
                days[schedule.day_index(day)]["rows"].append(row)
    for day in [*days, other, arrange]:
        day["rows"].sort(key=lambda r: (r["start"], _key(r["name"])))
    out = days + [d for d in (other, arrange) if d["rows"]]
    return [{**day, "rows": [{**row, "slot": slots.to(f"act-{row['act']}", day["id"])}
                             for row in day["rows"]]} for day in out]


def bus_routes(directory: Directory, entries: Sequence[tuple[Entry, Facts]],
               slots: Slots) -> tuple[list[dict], int]:
    """{number, operator, rows} per bus route, and how many activities have no bus details."""
    routes: dict[tuple[str, str], dict[str, dict]] = {}
    phones: dict[tuple[str, str], str] = {}
    unknown = 0
    for entry, f in entries:
        if entry.venue is None:
            continue
        transport = directory.getting_there(entry)
        found = False
        if transport is not None:
            for stop in transport.stops:  # nearest first: keep the nearest stop per route
                for route in stop.routes:
                    if route.operator_phone:
                        phones[(route.number, route.operator)] = route.operator_phone
                    rows = routes.setdefault((route.number, route.operator), {})
                    rows.setdefault(f.id, {"name": f.name, "stop": stop_label(stop), "act": f.id})
                    found = True
            if not transport.stops:
                for number in transport.buses:
                    rows = routes.setdefault((number, ""), {})
                    rows.setdefault(f.id, {"name": f.name, "stop": transport.nearest_stop_text,
                                           "act": f.id})
                    found = True
        unknown += 0 if found or (transport and transport.source == "computed") else 1
    operators: dict[str, set[str]] = {}
    for number, operator in routes:
        operators.setdefault(number, set()).add(operator)
    out = []
    for (number, operator), rows in sorted(routes.items(), key=lambda kv: (_natural(kv[0][0]), kv[0][1])):
        shown = operator if len(operators[number]) > 1 else ""
        out.append({"number": number, "operator": shown, "company": operator,
                    "phone": phones.get((number, operator), ""),
                    "rows": [{**r, "slot": slots.to(f"act-{r['act']}", f"bus-{number}-{operator}")}
                             for r in sorted(rows.values(), key=lambda r: _key(r["name"]))]})
    return out, unknown


def _groups(headed: list[dict], rows: int) -> list[list[dict]]:
    """Days or routes in groups of about `rows` index lines (at least one group, even if empty)."""
    groups: list[list[dict]] = [[]]
    count = 0
    for item in headed:
        if groups[-1] and count + len(item["rows"]) > rows:
            groups.append([])
            count = 0
        groups[-1].append(item)
        count += len(item["rows"])
    return groups


def split_activities(result: render.Rendered) -> frozenset[str]:
    """Activities whose first and last lines landed on different pages."""
    anchors = result.anchors
    return frozenset(name[4:] for name, start in anchors.items() if name.startswith("act-")
                     and (end := anchors.get("end-" + name[4:])) is not None and end.page != start.page)


def a_to_z(printed: Sequence[Facts], slots: Slots) -> list[dict]:
    letters: dict[str, list[dict]] = {}
    for f in sorted(printed, key=lambda f: (_key(f.name), f.id)):
        first = next((c for c in f.name.upper() if c.isalnum()), "#")
        letters.setdefault(first if first.isalpha() else "0 to 9", []).append(
            {"name": f.name, "slot": slots.to(f"act-{f.id}", "a-to-z")})
    return [{"letter": k, "rows": v} for k, v in letters.items()]


def _front_rows(sections: Sequence[Chunk], slots: Slots) -> list[dict]:
    anchors = [("How to use this booklet", "how-to-use"), ("Contents", "contents")]
    anchors += [(c.category.name, f"section-{c.category.id}") for c in sections if c.first]
    anchors += [("Timetable: day by day", "timetable"), ("Bus route index", "bus-index"),
                ("A to Z index", "a-to-z"), ("Add or correct a listing", "correct")]
    return [{"title": title, "slot": slots.to(anchor, "contents")} for title, anchor in anchors]


def build(directory: Directory, edition: Edition, out_dir: Path, executor: Executor, *,
          paper: str = "white") -> PrintedDocument:
    """Every part (front matter, category sections, timetable, bus route index, A to Z index) is
    written and rendered at once, largest first, so both workers stay busy: no part needs
    another's page numbers, which are drawn into slots afterwards."""
    clock = time.perf_counter()
    entries = select.for_edition(directory, edition)
    printed = [(e, facts(directory, e)) for e in entries]
    all_facts = [f for _, f in printed]
    config = directory.config
    checked = sorted(f.last_checked_date for f in all_facts)
    common = {
        "language": config.site.language, "title": edition.title, "publisher": config.site.publisher,
        "paper": "paper-yellow" if paper == "yellow" else "paper-white", "css": "booklet.css",
        "site_name": config.site.name, "edition": edition, "contact": config.site.contact,
        "site_url": config.site.url, "printed_on": long_date(directory.today, weekday=False),
        "due_months": config.site.staleness.due_after_months,
        "ask_formats": formats.ask_for_formats(config.site.contact.phone, config.site.contact.email),
        "download_formats": formats.download_formats(config.site.url),
    }
    slots = Slots()
    sections = chunks(directory, all_facts)
    for chunk in sections:
        for also in chunk.also:
            slots.targets[also.slot] = f"act-{also.facts.id}"
    parts = parts_of(sections)

    def section(part: tuple[Chunk, ...], compact: frozenset[str] = frozenset()) -> str:
        return render.html("booklet_section.html", **common, chunks=part, compact=compact)

    routes, unknown = bus_routes(directory, printed, slots)
    days = timetable(printed, slots, directory.today, directory.calendar)
    terms = (term_dates(config.terms, directory.today)
             if any(s.term_time_only for e, _ in printed for s in e.activity.schedules) else None)
    # Each part, in page order, as a way to write its HTML. Big indexes go in several parts, so the
    # work is shared out evenly: the timetable is cut between days and the bus index between routes.
    writers = [lambda: render.html(
        "booklet_front.html", **common, contents=_front_rows(sections, slots), count=len(all_facts),
        checked_from=long_date(checked[0], weekday=False) if checked else "",
        checked_to=long_date(checked[-1], weekday=False) if checked else "",
        marks_stale=any(f.stale_warning for f in all_facts))]
    writers += [lambda part=part: section(part) for part in parts]
    writers += [lambda i=i, group=group: render.html("booklet_timetable.html", **common, days=group,
                                                     first=i == 0, terms=terms)
                for i, group in enumerate(_groups(days, TIMETABLE_ROWS))]
    writers += [lambda i=i, group=group: render.html("booklet_buses.html", **common, routes=group,
                                                     unknown=unknown, first=i == 0)
                for i, group in enumerate(_groups(routes, BUS_ROWS))]
    writers.append(lambda: render.html("booklet_index.html", **common, letters=a_to_z(all_facts, slots)))
    # Each part goes to the workers as soon as its HTML is written, so they start while the rest
    # is written: the front matter first (it is small, and the joining below starts with it),
    # then the A to Z index (the largest part), the sections, and the smaller index parts last.
    # Slot names depend only on what they point at, not on the order they are made in.
    first_section = 1
    order = [0, len(writers) - 1, *range(1, len(writers) - 1)]
    waiting: dict[Future, int] = {}
    for i in order:
        waiting[render.submit(executor, writers[i]())] = i
    retried: set[int] = set()
    done: dict[int, render.Rendered] = {}
    joined = Joiner()  # each part is joined on as soon as it and those before it are rendered
    while waiting:
        finished, _ = wait(waiting, return_when=FIRST_COMPLETED)
        for job in finished:
            i = waiting.pop(job)
            result = job.result()
            # an activity too long for one page is printed again without its least needed lines
            if (first_section <= i < first_section + len(parts) and i not in retried
                    and (split := split_activities(result))):
                retried.add(i)
                waiting[render.submit(executor, section(parts[i - first_section], split))] = i
                continue
            done[i] = result
        while joined.parts in done:
            joined.add(done[joined.parts].pdf)
    results = [done[i] for i in range(len(writers))]
    log.debug("%s: %d parts laid out at %.1fs", edition.id, len(results), time.perf_counter() - clock)

    starts: dict[str, int] = {}  # anchor id -> 1-based page number
    found_slots: list[tuple[int, render.Anchor, str]] = []
    page = 0
    for result in results:
        for name, anchor in result.anchors.items():
            if name in slots.targets:
                found_slots.append((page + anchor.page, anchor, name))
            else:
                starts.setdefault(name, page + anchor.page + 1)
        page += result.pages
    total = page
    stamps: dict[int, list[Stamp]] = {}
    for index, anchor, name in found_slots:
        stamps.setdefault(index, []).append(Stamp(str(starts[slots.targets[name]]), anchor.x,
                                                  anchor.top, size=BODY_PT, slot=True, bold=True))
    for index in range(1, total):  # every page but the cover
        label = f"Page {index + 1}"
        stamps.setdefault(index, []).append(
            Stamp(label, (PAGE_WIDTH_PT - text_width(label, 18)) / 2, FOOTER_BASELINE_PT))
    activity_pages = {f.id: starts[f"act-{f.id}"] for f in all_facts}

    bookmarks = [Bookmark("Cover", 0)]
    bookmarks += [Bookmark(t, starts[k] - 1) for t, k in
                  (("How to use this booklet", "how-to-use"), ("Contents", "contents"))]
    for chunk in sections:
        if chunk.first:
            mark = Bookmark(chunk.category.name, starts[f"section-{chunk.category.id}"] - 1)
            bookmarks.append(mark)
        mark.children += [Bookmark(i.facts.name, activity_pages[i.facts.id] - 1)
                          for i in chunk.items]
    days_mark = Bookmark("Timetable: day by day", starts["timetable"] - 1,
                         [Bookmark(d.value.title(), starts[f"day-{d.value}"] - 1)
                          for d in schedule.DAY_ORDER if f"day-{d.value}" in starts])
    bookmarks += [days_mark, Bookmark("Bus route index", starts["bus-index"] - 1),
                  Bookmark("A to Z index", starts["a-to-z"] - 1),
                  Bookmark("Add or correct a listing", starts["correct"] - 1)]
    filename = f"booklets/{edition.id}{'-yellow' if paper == 'yellow' else ''}.pdf"
    pages = joined.save(out_dir / filename, title=edition.title, language=config.site.language,
                        author=config.site.publisher, stamps=stamps, bookmarks=bookmarks)
    log.debug("%s: %d pages joined at %.1fs", edition.id, pages, time.perf_counter() - clock)
    return PrintedDocument("booklet", edition.id, edition.title, filename, pages, directory.today)
