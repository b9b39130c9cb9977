"""Checks that need more than one file: ids that must exist, ids that must be unique, and the
same activity listed twice."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from generator.config import SiteConfig
from generator.formats import ID_PATTERN
from generator.model import Listing, Venue
from generator.problems import Problem, at, suggest
from generator.yaml_load import Loaded


def _unknown(kind: str, value: str, known: Mapping[str, object], where: str) -> str:
    article = "an" if kind[0] in "aeiou" else "a"
    return f'"{value}" is not {article} {kind} id we know.{suggest(value, known)} See {where} for the list.'


def venue_file(name: str, loaded: Loaded, venues: list[Venue], config: SiteConfig) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    areas = config.area_by_id
    for i, venue in enumerate(venues):
        if not venue.id:
            problems.append(at(name, loaded, ("venues", i), "A shared venue needs an id, e.g. id: st-marys-hall."))
            continue
        if venue.id in seen:
            problems.append(at(name, loaded, ("venues", i, "id"),
                               f'The venue id "{venue.id}" is used twice (first on line {seen[venue.id]}). '
                               "Give each venue its own id."))
        seen.setdefault(venue.id, loaded.where(("venues", i, "id"))[0])
        if venue.area not in areas:
            problems.append(at(name, loaded, ("venues", i, "area"),
                               _unknown("area", venue.area, areas, "site_config/areas.yml")))
    return problems


def _same_key(listing: Listing, i: int) -> tuple:
    """What makes two activities 'the same': name, place and times, ignoring case and spaces."""
    a = listing.activities[i]
    name = re.sub(r"[^a-z0-9]", "", a.name.lower())
    venue = a.where.venue if isinstance(a.where.venue, str) else (
        a.where.venue.postcode if a.where.venue else "elsewhere")
    times = tuple(sorted((s.frequency.value, tuple(d.value for d in s.days), s.start) for s in a.schedules))
    return name, venue, times


def _owners(good: list[tuple[Path, Listing, Loaded]]) -> tuple[dict[str, list], dict[tuple, list]]:
    """Who uses each activity id, and each (name, place, times): [(file index, activity index)]."""
    ids: dict[str, list[tuple[int, int]]] = {}
    same: dict[tuple, list[tuple[int, int]]] = {}
    for f, (_, listing, _) in enumerate(good):
        for i, a in enumerate(listing.activities):
            ids.setdefault(a.id, []).append((f, i))
            if a.status.value != "ended":
                same.setdefault(_same_key(listing, i), []).append((f, i))
    return ids, same


def across(good: list[tuple[Path, Listing, Loaded]], venues: Mapping[str, Venue],
           config: SiteConfig, today: dt.date, display: Callable[[Path], str],
           added: Callable[[list[Path]], Mapping[Path, float]] | None = None,
           ) -> tuple[set[Path], list[Problem]]:
    """Cross-file checks. Returns the files to leave out of the build, and the problems.

    A conflict between files (the same activity id, or the same activity listed twice) is reported
    on every file involved. The newcomer gets the error and is left out of the build; the file that
    was there first gets a warning naming the newcomer and stays in. `added` says when each file
    first came (from git: an uncommitted file is newest); without it, or on a tie, the file that
    sorts later is the newcomer.
    """
    problems: list[Problem] = []
    bad: set[Path] = set()
    categories = config.category_by_id
    areas = config.area_by_id
    found_in: dict[int, list[Problem]] = {f: [] for f in range(len(good))}

    def place(f: int, i: int, field: str) -> tuple[str, tuple]:
        path, _, loaded = good[f]
        base = ("activities", i, field)
        return f"{display(path)}:{loaded.where(base)[0]}", base

    ids, same = _owners(good)
    conflicted = sorted({f for group in (*ids.values(), *same.values()) if len({g for g, _ in group}) > 1
                         for f, _ in group})
    when = dict(added([good[f][0] for f in conflicted])) if (added and conflicted) else {}

    def order(user: tuple[int, int]) -> tuple:
        return (when.get(good[user[0]][0], 0.0), user)

    for kind, groups in (("id", ids), ("same", same)):
        for key, users in groups.items():
            if kind == "same":  # an id conflict already says it: one message is enough
                users = [u for u in users if len(ids[good[u[0]][1].activities[u[1]].id]) < 2]
            if len(users) < 2:
                continue
            first, *later = sorted(users, key=order)
            for f, i in later:
                where_first, _ = place(*first, "id")
                _, base = place(f, i, "id" if kind == "id" else "name")
                a = good[f][1].activities[i]
                if kind == "id":
                    message = (f'The activity id "{key}" is already used at {where_first}. '
                               "Every activity needs its own id.")
                else:
                    message = (f'"{a.name}" looks like the same activity as the one at {where_first} '
                               "(same name, place and times). List it once.")
                found_in[f].append(at(display(good[f][0]), good[f][2], base, message))
            newcomers = sorted({display(good[f][0]) for f, _ in later if f != first[0]})
            if newcomers:
                _, base = place(*first, "id" if kind == "id" else "name")
                what = (f'The activity id "{key}"' if kind == "id"
                        else f'"{good[first[0]][1].activities[first[1]].name}"')
                found_in[first[0]].append(at(
                    display(good[first[0]][0]), good[first[0]][2], base,
                    f"{what} is also in {', '.join(newcomers)}, which came later and is left out "
                    "of the build until one of them is changed.", severity="warning"))

    for f, (path, listing, loaded) in enumerate(good):
        name = display(path)
        found = found_in[f]
        if not re.match(ID_PATTERN, path.stem):
            found.append(Problem(name, 1, 1, "", f'The file name "{path.name}" must be lower-case '
                                 "letters, numbers and hyphens, like aigburth-walkers.yml."))
        for i, a in enumerate(listing.activities):
            base = ("activities", i)
            for j, cat in enumerate(a.categories):
                if cat not in categories:
                    found.append(at(name, loaded, base + ("categories", j),
                                    _unknown("category", cat, categories, "site_config/categories.yml")))
            ref = a.where.venue
            if isinstance(ref, str) and ref not in venues:
                found.append(at(name, loaded, base + ("where", "venue"),
                                _unknown("venue", ref, venues, "listings/venues.yml")
                                + " Or write the venue in full (name, address, postcode, area)."))
            elif isinstance(ref, Venue) and ref.area not in areas:
                found.append(at(name, loaded, base + ("where", "venue", "area"),
                                _unknown("area", ref.area, areas, "site_config/areas.yml")))
            for j, area in enumerate(a.where.areas):
                if area not in areas:
                    found.append(at(name, loaded, base + ("where", "areas", j),
                                    _unknown("area", area, areas, "site_config/areas.yml")))
            if a.last_checked > today:
                found.append(at(name, loaded, base + ("last_checked",),
                                f"The date {a.last_checked} is in the future. Write the date a person "
                                "last checked the details: today or earlier."))
            for j, s in enumerate(a.schedules):
                if s.term_time_only and not config.terms:
                    found.append(at(name, loaded, base + ("schedules", j, "term_time_only"),
                                    "This directory has no term dates in site_config/term_dates.yml, "
                                    "so term_time_only cannot be worked out. Ask the directory's "
                                    "maintainers to add them.", severity="warning"))
        if any(p.severity == "error" for p in found):
            bad.add(path)
        problems += found
    return bad, problems


def references_in_raw(name: str, loaded: Loaded, venues: Mapping[str, object],
                      config: SiteConfig) -> list[Problem]:
    """Unknown category / venue / area ids in a file that failed its shape checks, so all of a
    file's mistakes come in one run. Reads the plain data; only well-formed ids are looked up
    (a malformed one already has its own message)."""
    data = loaded.data
    activities = data.get("activities") if isinstance(data, dict) else None
    if not isinstance(activities, list):
        return []
    categories, areas = config.category_by_id, config.area_by_id
    problems: list[Problem] = []

    def unknown(path: tuple, value: object, known: Mapping[str, object], kind: str, where: str,
                extra: str = "") -> None:
        if isinstance(value, str) and re.match(ID_PATTERN, value) and value not in known:
            problems.append(at(name, loaded, path, _unknown(kind, value, known, where) + extra))

    for i, a in enumerate(activities):
        if not isinstance(a, dict):
            continue
        base = ("activities", i)
        cats = a.get("categories")
        for j, cat in enumerate(cats if isinstance(cats, list) else []):
            unknown(base + ("categories", j), cat, categories, "category", "site_config/categories.yml")
        where = a.get("where") if isinstance(a.get("where"), dict) else {}
        venue = where.get("venue")
        if isinstance(venue, str):
            unknown(base + ("where", "venue"), venue, venues, "venue", "listings/venues.yml",
                    " Or write the venue in full (name, address, postcode, area).")
        elif isinstance(venue, dict):
            unknown(base + ("where", "venue", "area"), venue.get("area"), areas, "area",
                    "site_config/areas.yml")
        served = where.get("areas")
        for j, area in enumerate(served if isinstance(served, list) else []):
            unknown(base + ("where", "areas", j), area, areas, "area", "site_config/areas.yml")
    return problems
