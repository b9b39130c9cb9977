"""Write the browse pages (Markdown for mkdocs) into the staging docs folder."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import partial
from pathlib import Path

from generator import schedule, urls
from generator.directory import Directory
from generator.site.cache import Fingerprints, Memo, code_version, key, stable
from generator.site.cards import Card, card
from generator.site.finder import route_id
from generator.site.keyfacts import bus_fact
from generator.site.render import linker, render
from generator.site.route_pages import route_directions
from generator.site.state import SiteBuild
from generator.site.views import entry_sessions, route_path, where_short
from generator.transport import days as transport_days
from generator.words import people
from generator.words.dates import long_date
from generator.words.lists import and_list

DAYS = [d.value for d in schedule.DAY_ORDER]


def _write(docs: Path, path: str, text: str) -> None:
    """`path` is a site path like 'categories/walking/' (a folder) or 'index.md'."""
    target = docs / (path + "index.md" if path.endswith("/") or path == "" else path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _depth(path: str) -> int:
    return path.count("/")


STAMP = '<div class="wo-stamp"><h1>WOSHELLTITLE</h1></div>'


def _put(build: SiteBuild, docs: Path, path: str, template: str, **context: object) -> None:
    """Write a page for mkdocs: its front matter and a placeholder. The content itself (plain
    HTML) is kept and stamped into mkdocs' output by `stamp_pages`, so mkdocs never parses
    thousands of cards as Markdown. The page is kept in the build cache under what it is made
    from (`_made_from`), so a page none of whose activities changed is not rendered again, and
    its content is not even read while the site's file is as the last build left it."""
    rendered: list[str] = []

    def text() -> str:  # rendered, or from the cache, once, when first asked for
        if not rendered:
            rendered.append(build.cache.made("browse-page", made_from, lambda: render(
                template, href=linker(_depth(path)), card_list=build.card_list,
                **context).encode("utf-8"), counted=False).decode("utf-8"))
        return rendered[0]

    made_from = "" if build.cache.folder is None else key(
        code_version(), path, template, build.card_context, _made_from(context, build))
    front = build.fronts.get(made_from, lambda: text().split("---\n", 2)[1]) if made_from \
        else text().split("---\n", 2)[1]
    build.bodies[path] = (made_from, lambda: text().split("---\n", 2)[2])
    _write(docs, path, f"---\n{front}---\n{STAMP}\n")


def _made_from(value: object, build: SiteBuild) -> object:
    """What a page's `value` (its template's context) stands for in a cache key: the same value,
    with each of the build's cards (thousands on a page) standing as what it was made from (its
    activity's fingerprint, with `build.card_context`), not written out whole. A value's repr
    must say all of it, as those of strings, numbers, dataclasses and pydantic models do."""
    if isinstance(value, Card):
        if build.cards.get(value.id) is value:
            return ("card", build.card_keys[value.id])
        return value
    if isinstance(value, dict):
        return [(k, v if isinstance(v, str) else _made_from(v, build)) for k, v in value.items()]
    if isinstance(value, list | tuple):
        return [v if isinstance(v, str) else _made_from(v, build) for v in value]
    return value


def stamp_pages(site: Path, build: SiteBuild) -> set[str]:
    """Put each browse page's content into the page mkdocs wrote for it (in `site`, mkdocs'
    output), straight into the build's site folder (`build.files`): a page made from what the
    site's file was last written from is left alone, its content unread. Returns the pages
    written, for the copy of mkdocs' output to pass over."""
    stamped = set()
    for path, (made_from, body) in build.bodies.items():
        rel = path + "index.html"
        html = (site / rel).read_text(encoding="utf-8")
        if STAMP not in html:
            raise RuntimeError(f"{site / rel}: the page from mkdocs has no content marker.")
        build.files.put_made(rel, key("browse", made_from, html) if made_from else "",
                             lambda html=html, body=body: html.replace(STAMP, body(), 1).encode(
                                 "utf-8"))
        stamped.add(rel)
    build.fronts.save()
    return stamped


def _az(items: list[dict]) -> list[tuple[str, list[dict]]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for item in sorted(items, key=lambda i: i["name"].lower()):
        first = item["name"][:1].upper()
        groups[first if first.isalpha() and first.isascii() else "#"].append(item)
    return sorted(groups.items(), key=lambda kv: (kv[0] == "#", kv[0]))


def write_pages(directory: Directory, docs: Path, *, routes: list,
                groups: list[str], printed: list, has_data: bool, build: SiteBuild,
                zips: list) -> None:
    _page = partial(_put, build)
    site = directory.config.site
    current = directory.current()
    cards = build.cards or {e.id: card(e, directory) for e in current}
    built_on = long_date(directory.today)
    common = {"site": site, "built_on": built_on}

    _page(docs, "", "pages/home.md", **common, count=len(current),
          org_count=sum(1 for o in directory.organisations if any(e in cards for e in
                                                                    (x.id for x in o.activities))),
          area_names=", ".join(a.name for a in directory.config.areas), has_data=has_data,
          areas=[{"id": a.id, "name": a.name, "href": urls.area(a.id)} for a in directory.config.areas],
          booklets=[{"title": d.title, "filename": d.filename, "pages": d.pages,
                     "printed_on": _day(d.printed_on)} for d in printed if d.kind == "booklet"])
    _page(docs, "find/", "pages/find.md", **common, categories=directory.config.categories,
          days=[d.title() for d in DAYS], areas=directory.config.areas, audiences=groups,
          routes=[{"key": route_id(r), "label": r.label} for r in routes])
    _page(docs, "find/list/", "pages/find-list.md", **common)
    _page(docs, "my-list/", "pages/mylist.md", **common)

    # Categories
    by_cat: dict[str, list] = defaultdict(list)
    by_area: dict[str, list] = defaultdict(list)
    for e in current:
        for c in e.activity.categories:
            by_cat[c].append(cards[e.id])
        for a in e.areas:
            by_area[a].append(cards[e.id])
    cat_items = []
    for c in directory.config.categories:
        path = urls.category(c.id)
        cat_items.append({"name": c.name, "path": path, "count": len(by_cat[c.id])})
        _page(docs, path, "pages/listpage.md", title=c.name, intro=c.description,
              entries=by_cat[c.id], sections=None, finder_link=f"find/?category={c.id}",
              empty="No activities in this category yet.")
    _page(docs, "categories/", "pages/index.md", title="Browse by category",
          intro="Choose a kind of activity.", items=cat_items)

    # Areas: activities at a venue in the area, then ones that come to you there.
    area_items = []
    for a in directory.config.areas:
        path = urls.area(a.id)
        at_venue = [c for c in by_area[a.id] if not c.where.startswith(("Online", "By phone", "Home"))]
        at_ids = {c.id for c in at_venue}
        elsewhere = [c for c in by_area[a.id] if c.id not in at_ids]
        sections = [{"title": f"In {a.name}", "anchor": "in-area", "entries": at_venue, "note": None}]
        if elsewhere:
            sections.append({"title": "At home, by phone or online", "anchor": "at-home",
                             "entries": elsewhere, "note": f"For people who live in {a.name}."})
        area_items.append({"name": a.name, "path": path, "count": len(by_area[a.id])})
        _page(docs, path, "pages/listpage.md", title=f"Activities in {a.name}", intro=a.description,
              entries=[], sections=sections, finder_link=f"find/?area={a.id}",
              empty=f"Nothing listed in {a.name} yet.")
    _page(docs, "areas/", "pages/index.md", title="Browse by area",
          intro="Choose the area you live in or can get to.", items=area_items)

    # Days: a timetable by start time.
    day_items = []
    week = _day_rows(directory, build)
    for i, day in enumerate(DAYS):
        path = urls.day(day)
        rows = week[i]
        day_items.append({"name": day.title(), "path": path, "count": len(rows)})
        _page(docs, path, "pages/day.md", title=f"{day.title()} timetable", day=day.title(),
              rows=rows, finder_link=f"find/?day={i}")
    _page(docs, "days/", "pages/index.md", title="Browse by day",
          intro="A timetable for each day of the week.", items=day_items)

    # A to Z of activities and of organisations.
    _page(docs, "a-z/", "pages/az.md", title="A to Z of activities", groups=_az(
        [{"name": c.name, "path": c.path, "note": c.summary} for c in cards.values()]))
    _page(docs, "organisations/", "pages/az.md", title="A to Z of organisations", groups=_az(
        [{"name": o.organisation.name, "path": urls.organisation(o.id),
          "note": f"{sum(1 for x in o.activities if x.id in cards)} activities"}
         for o in directory.organisations]))

    # Bus routes: activities at venues near each route's stops (transport.routes.route_index).
    route_items = []
    directions = route_directions(directory, routes)
    for r in routes:
        path = route_path(r)
        entries = [cards[e.id] for e in r.entries if e.id in cards]
        route_items.append({"name": f"Bus {r.label}", "path": path, "count": len(entries)})
        facts = []
        if r.operator:
            facts.append(f"Run by {r.operator}")
        if r.towards:
            facts.append(f"Towards {and_list(list(r.towards))}")
        if r.days:
            facts.append("Runs " + "; ".join(transport_days.in_sentence(d) for d in r.days))
        if r.stops:
            facts.append(f"Stops near activities: {and_list(list(r.stops))}")
        _page(docs, path, "pages/listpage.md", title=f"Activities near the {r.label} bus",
              intro="Activities with a stop for this bus nearby. Check which stop, and the days "
                    "the bus runs, on each activity's page.", facts=facts, entries=entries, sections=None,
              directions=directions.get((r.number, r.operator), []),
              finder_link=f"find/?route={route_id(r)}", empty="No activities near this route.")
    _page(docs, "buses/", "pages/index.md", title="Browse by bus route",
          intro="Activities near the stops of each bus route. Check the stop and the days the "
                "bus runs on each activity's page.", items=route_items)

    # Print, accessibility statement, and the add page when the web form is not there.
    kinds = []
    titles = {"booklet": "Booklets", "poster": "Posters for each activity",
              "near-here": "What's on near here posters", "changes": "Changes this month"}
    for kind, title in titles.items():
        found = [{"title": d.title, "filename": d.filename, "pages": d.pages,
                  "printed_on": _day(d.printed_on),
                  "size": _size(docs / "print" / d.filename)}
                 for d in printed if d.kind == kind]
        if found:
            kinds.append({"title": title, "docs": found})
    from generator.accessible import site_rows
    from generator.words.formats import ask_for_formats

    _page(docs, "print/", "pages/print.md", kinds=kinds, formats=site_rows(printed, docs / "print"),
          ask=ask_for_formats(site.contact.phone, site.contact.email))
    statement = site.accessibility
    _page(docs, "about/accessibility/", "pages/accessibility.md", **common, statement=statement,
          prepared=_day(statement.prepared) if statement else "",
          reviewed=_day(statement.reviewed) if statement else "",
          tested=_day(statement.tested) if statement and statement.tested else "")
    _page(docs, "download/", "pages/download.md", site=site, zips=zips)


def _day_rows(directory: Directory, build: SiteBuild) -> list[list[dict]]:
    """Each day's timetable, Monday first: each activity's rows (views.entry_sessions) by start
    time, worded for the day pages, and kept by activity in the build cache, so a rebuild works
    out only the changed activities' rows."""
    memo = Memo(build.cache, "day-rows", key(code_version(), directory.config, directory.today,
                                             stable(directory.calendar)))

    def rows_of(e) -> list[tuple[list[int], tuple, dict]]:
        return [(on, (r["start"], e.activity.name.lower()), {
            "time": r["time"], "name": e.activity.name, "path": urls.activity(e.id),
            "pattern": r["pattern"], "capacity": r["label"], "where": where_short(e),
            "bus": bus_fact(directory, e),
            "phone": e.activity.on_the_day_phone or e.activity.phone,
            "join": people.access_text(e)}) for on, r in entry_sessions(directory, e)]

    prints = build.prints or Fingerprints(directory)
    week: list[list[tuple]] = [[] for _ in DAYS]
    for e in directory.current():
        for on, order, row in memo.get(prints.entry(e), lambda e=e: rows_of(e)):
            for day_index in on:
                week[day_index].append((order, row))
    memo.save()
    return [[row for _, row in sorted(rows, key=lambda r: r[0])] for rows in week]


def write_shells(docs: Path) -> None:
    for section in ("activities", "organisations"):
        _write(docs, f"{section}/wo-shell/", render("pages/shell.md"))


def _day(value: object) -> str:
    return long_date(value, weekday=False) if isinstance(value, dt.date) else str(value)


def _size(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        return "size unknown"
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} KB"


__all__ = ["write_pages", "write_shells", "stamp_pages"]
