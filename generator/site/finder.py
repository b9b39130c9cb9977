"""The finder's data: a lunr index built here (lunr.py) and loaded by lunr.js, plus the facts the
filters need. Both are written as .js files (`window.WO_… = {…}`) so they load from file://,
where fetch() is not allowed."""

from __future__ import annotations

import json

from lunr import lunr

from generator import richtext, schedule
from generator.directory import Directory
from generator.site.cards import card
from generator.site.views import route_path

TIMES = {"morning": 1, "afternoon": 2, "evening": 4}


def _js(name: str, value: object) -> str:
    return f"window.{name}={json.dumps(value, separators=(',', ':'), ensure_ascii=False)};\n"


def finder_data(directory: Directory, routes: list) -> tuple[dict, list[dict]]:
    """(filter facts, lunr documents). `routes` is transport.routes.route_index(directory)."""
    cats = [c.id for c in directory.config.categories]
    cat_index = {c: i for i, c in enumerate(cats)}
    areas = [a.id for a in directory.config.areas]
    area_index = {a: i for i, a in enumerate(areas)}
    cat_names = {c.id: c.name for c in directory.config.categories}
    groups: dict[str, int] = {}
    route_pos: dict[str, list[int]] = {}
    for n, r in enumerate(routes):
        for e in r.entries:
            route_pos.setdefault(e.id, []).append(n)
    docs, search_docs = [], []
    entries = directory.current()
    for i, entry in enumerate(entries):
        a = entry.activity
        c = card(entry)
        days = 0
        for d in schedule.weekdays_of(a.schedules):
            days |= 1 << schedule.day_index(d)
        times = 0
        for s in a.schedules:
            times |= TIMES[schedule.time_of_day(s.start)]
        flags = (1 if a.cost.kind.value == "free" else 0) \
            | (2 if a.how_to_go.access.value == "drop-in" else 0) \
            | (4 if entry.venue and entry.venue.step_free else 0)
        aud = a.audience
        my_groups = []
        for g in (aud.groups if aud else []):
            my_groups.append(groups.setdefault(g, len(groups)))
        my_routes = route_pos.get(a.id, [])
        phone = a.phone or a.on_the_day_phone or ""
        docs.append([a.id, a.name, a.summary, c.path, c.when, c.where, c.cost, c.access, phone,
                     [cat_index[x] for x in a.categories if x in cat_index],
                     [area_index[x] for x in entry.areas if x in area_index],
                     days, times, flags,
                     aud.min_age if aud and aud.min_age is not None else None,
                     aud.max_age if aud and aud.max_age is not None else None,
                     my_groups, my_routes])
        body = " ".join([
            a.summary, richtext.to_plain(a.description), entry.organisation.name,
            entry.venue.name if entry.venue else "", c.where,
            " ".join(cat_names.get(x, "") for x in a.categories),
        ])
        search_docs.append({"i": str(i), "name": a.name, "body": body})
    facts = {
        "cats": [[c.id, c.name] for c in directory.config.categories],
        "areas": [[a.id, a.name] for a in directory.config.areas],
        "groups": sorted(groups, key=groups.get),
        "routes": [[route_id(r), r.label] for r in routes],
        "docs": docs,
    }
    return facts, search_docs


def route_id(r) -> str:  # noqa: ANN001 - BusRoute
    """The route's id in finder links (?route=82), the last part of its page address."""
    return route_path(r).strip("/").split("/")[-1]


def build_index(search_docs: list[dict]) -> dict:
    if not search_docs:  # lunr.py cannot build an empty index; this ref matches no activity
        search_docs = [{"i": "-1", "name": "", "body": ""}]
    idx = lunr(ref="i", fields=[{"field_name": "name", "boost": 10}, "body"], documents=search_docs)
    data = idx.serialize()
    # Scores to 3 significant places are plenty for ranking and keep the file small.
    data["fieldVectors"] = [[ref, [round(x, 3) if isinstance(x, float) else x for x in vec]]
                            for ref, vec in data["fieldVectors"]]
    return data


def write_finder(directory: Directory, assets_dir, routes: list) -> dict:  # noqa: ANN001 - Path
    """Write search-index.js and search-docs.js; return sizes and the audience groups."""
    facts, search_docs = finder_data(directory, routes)
    index_js = _js("WO_INDEX", build_index(search_docs))
    docs_js = _js("WO_DOCS", facts)
    (assets_dir / "search-index.js").write_text(index_js, encoding="utf-8")
    (assets_dir / "search-docs.js").write_text(docs_js, encoding="utf-8")
    return {"groups": facts["groups"],
            "index_bytes": len(index_js.encode()), "docs_bytes": len(docs_js.encode())}


__all__ = ["write_finder", "finder_data", "build_index", "route_id"]
