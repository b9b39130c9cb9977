"""From flat records (spreadsheet rows, or HSDS services read into the same columns) to checked
listings. Both importers end here, so they follow the same rules and give the same reasons.

Nothing is guessed. A fact a listing needs that the source does not give (how to go, what it
costs, when, which category, who checked it) is a ``Fill``: the listing is written without it,
so it does not validate until a person fills it in, and the import report names each one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import ValidationError

from generator import listing_store
from generator.config import SiteConfig
from generator.model import Activity, Listing, Organisation, Venue
from generator.opendata import columns as C
from generator.problems import explain
from generator.safe_paths import is_id


@dataclass
class Record:
    """One activity's data from any source, as column texts."""

    where: str  # how to name it in a report: "row 5", "record 1b2c…"
    row: dict[str, str]  # organisation, activity and venue columns
    schedules: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how something was read: a person may check
    fills: list[Fill] = field(default_factory=list)  # facts the source does not give
    not_carried: list[str] = field(default_factory=list)  # facts a listing has no place for


@dataclass(frozen=True)
class Fill:
    """A fact left for a person. ``path`` is inside the activity, dotted, with list indices
    (``how_to_go.access``, ``schedules.0.frequency``, ``where.venue.area``)."""

    path: str
    reason: str
    hidden: bool = False  # a placeholder that goes with another fill, not reported on its own

    def shown(self, activity_index: int | None = None) -> str:
        parts = []
        for part in self.path.split("."):
            if part.isdigit() and parts:
                parts[-1] += f"[{part}]"
            else:
                parts.append(part)
        where = ".".join(parts)
        return (f"activities[{activity_index}].{where}" if activity_index is not None else where)


@dataclass(frozen=True)
class Skipped:
    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class Built:
    listings: dict[str, Listing]  # organisation id -> listing
    new_venues: dict[str, Venue]  # shared venues the records described that venues.yml lacks
    skipped: list[Skipped]
    notes: list[Skipped]
    fills: dict[str, list[tuple[int, Fill]]] = field(default_factory=dict)  # org id -> fills
    records: dict[str, list[Record]] = field(default_factory=dict)  # org id -> its records


_NEEDED = [  # (listing field, what to do) for fields people most often leave out
    ("categories", "no category: write category ids from site_config/categories.yml, like "
                   "[walking], or import again with --category ID"),
    ("last_checked", "the source does not say when a person last checked these details: write "
                     "that date, like 2026-11-22, or import again with --checked-on DATE"),
    ("checked_by", "the source does not say who checked these details: write a name or role, "
                   "like \"Jean, walk leader\", or import again with --checked-by NAME"),
]


def _placeholder(path: str, config: SiteConfig) -> object:
    """A value that passes the model's checks in place of a fact left for a person; it is never
    written (``writer.listing_yaml`` leaves every fill out)."""
    leaf = path.rsplit(".", 1)[-1]
    return {"access": "drop-in", "kind": "free", "categories": [config.categories[0].id],
            "last_checked": "2000-01-01", "checked_by": "-", "area": config.areas[0].id,
            "postcode": "L1 1AA", "name": "-", "address": "-", "frequency": "weekly",
            "days": ["monday"], "start": "09:00", "end": "10:00", "start_date": "2000-01-03",
            "where": {"by_phone": True}, "schedules": [], "status": "active"}.get(leaf)


def set_path(data: dict, path: str, value: object) -> None:
    parts = path.split(".")
    target: object = data
    for part, nxt in zip(parts, parts[1:], strict=False):
        if isinstance(target, list):
            target = target[int(part)]
        else:
            target = target.setdefault(part, [] if nxt.isdigit() else {})
    last = parts[-1]
    if isinstance(target, list):
        target[int(last)] = value
    elif last == "where" and isinstance(target.get("where"), dict):
        target["where"] = {**target["where"], **value}  # type: ignore[dict-item]
    else:
        target[last] = value


def slug(text: str) -> str:
    return listing_store.slug(text) or "imported"  # the one slug (generator/listing_store.py)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else value if isinstance(value, str) else str(value)


def _cells_as_text(rec: Record) -> None:
    """Every cell as text, as a spreadsheet gives it: a source may put a number, true/false or a
    list where the layout has text, and the columns then explain what is wrong with it."""
    rec.row.update({k: _text(v) for k, v in rec.row.items() if not isinstance(v, str)})
    for srow in rec.schedules:
        srow.update({k: _text(v) for k, v in srow.items() if not isinstance(v, str)})


def build(records: list[Record], config: SiteConfig, venues: Mapping[str, Venue]) -> Built:
    orgs: dict[str, tuple[Organisation, dict]] = {}
    activities: dict[str, list[Activity]] = {}
    new_venues: dict[str, Venue] = {}
    skipped: list[Skipped] = []
    notes: list[Skipped] = [Skipped(r.where, n) for r in records for n in r.notes]
    built_fills: dict[str, list[tuple[int, Fill]]] = {}
    records_of: dict[str, list[Record]] = {}
    seen_ids: set[str] = set()
    categories = {c.id for c in config.categories}
    areas = {a.id for a in config.areas}

    for rec in records:
        _cells_as_text(rec)
        org_data, errors = C.unflatten(rec.row, C.ORGANISATION)
        act_data, more = C.unflatten(rec.row, C.ACTIVITY)
        venue_data, venue_errors = C.unflatten(rec.row, C.VENUE)
        errors += more + venue_errors
        sched_data = []
        for i, srow in enumerate(rec.schedules):
            data, found = C.unflatten(srow, C.SCHEDULE)
            errors += [(c, f"{msg} (session {i + 1})") for c, msg in found]
            if data:
                sched_data.append(data)
        if errors:
            skipped.append(Skipped(rec.where, "; ".join(f"{c}: {m}" for c, m in errors)))
            continue
        act_data["schedules"] = sched_data
        fills = list(rec.fills) + [Fill(col, hint) for col, hint in _NEEDED if not act_data.get(col)]
        venue_fills = [f for f in fills if f.path.startswith("where.venue.")]
        if venue_data and not venue_data.get("area") and not any(f.path == "where.venue.area"
                                                                   for f in fills):
            venue_fills.append(Fill("where.venue.area", _no_area(config)))
            fills.append(venue_fills[-1])
        for fill in fills:  # a fill with no placeholder is left empty: the model then says why
            if not fill.path.startswith("where.venue.") and _placeholder(fill.path, config) is not None:
                set_path(act_data, fill.path, _placeholder(fill.path, config))
        for fill in venue_fills:
            if _placeholder(fill.path, config) is not None:
                venue_data[fill.path.removeprefix("where.venue.")] = _placeholder(fill.path, config)
        org_id = (rec.row.get("organisation_id") or "").strip() or slug(org_data.get("name", ""))
        if not is_id(org_id):
            skipped.append(Skipped(rec.where, f'organisation_id: "{org_id[:60]}" is not an id: it '
                                   "names the listing file, so use lower-case letters, numbers and "
                                   "hyphens only, like aigburth-walkers"))
            continue

        # Where: a venue id from venues.yml, a new shared venue, or a venue written in full.
        venue_id = act_data.get("where", {}).get("venue")
        if venue_data:
            if venue_data.get("area") not in areas:
                skipped.append(Skipped(rec.where, f'venue_area: "{venue_data.get("area", "")}" is not '
                                       f"an area in site_config/areas.yml. {_area_fix(config)}"))
                continue
            try:
                venue = Venue.model_validate({**({"id": venue_id} if venue_id else {}), **venue_data})
            except ValidationError as err:
                skipped.append(Skipped(rec.where, _reasons(err, "venue")))
                continue
            if venue_id and venue_id not in venues:
                new_venues.setdefault(venue_id, venue)
            elif not venue_id:
                act_data.setdefault("where", {})["venue"] = venue.model_dump(exclude_none=True, exclude={"id"})
        elif venue_id and venue_id not in venues and venue_id not in new_venues:
            skipped.append(Skipped(rec.where, f'venue: "{venue_id}" is not in listings/venues.yml. '
                                   "Add it there, or fill in venue_name, venue_address, "
                                   "venue_postcode and venue_area"))
            continue

        try:
            activity = Activity.model_validate(act_data)
        except ValidationError as err:
            skipped.append(Skipped(rec.where, _reasons(err, "activity")))
            continue
        unknown = [c for c in activity.categories if c not in categories]
        if unknown:
            skipped.append(Skipped(rec.where, f'categories: "{unknown[0]}" is not a category in '
                                   f"site_config/categories.yml. {_category_fix(config)}"))
            continue
        bad_areas = [a for a in activity.where.areas if a not in areas]
        if bad_areas:
            skipped.append(Skipped(rec.where, f'areas_served: "{bad_areas[0]}" is not an area in '
                                   f"site_config/areas.yml. Write one of {_some(a.id for a in config.areas)}"))
            continue
        if activity.id in seen_ids:
            skipped.append(Skipped(rec.where, f'activity_id: "{activity.id}" is used twice: give '
                                   f"each activity its own id, like {activity.id[:70]}-2"))
            continue

        if org_id not in orgs:
            try:
                orgs[org_id] = (Organisation.model_validate(org_data), org_data)
            except ValidationError as err:
                skipped.append(Skipped(rec.where, _reasons(err, "organisation")))
                continue
        elif org_data and org_data != orgs[org_id][1]:
            notes.append(Skipped(rec.where, f'the organisation columns differ from the first row of '
                                 f'"{org_id}"; the first row was used'))
        seen_ids.add(activity.id)
        index = len(activities.setdefault(org_id, []))
        activities[org_id].append(activity)
        built_fills.setdefault(org_id, []).extend((index, f) for f in fills)
        records_of.setdefault(org_id, []).append(rec)

    listings = {oid: Listing(organisation=orgs[oid][0], activities=acts)
                for oid, acts in activities.items()}
    return Built(listings, new_venues, skipped, notes, built_fills, records_of)


def _some(ids) -> str:
    ids = list(ids)
    return ", ".join(ids[:6]) + (", …" if len(ids) > 6 else "")


def _area_fix(config: SiteConfig) -> str:
    return f"Write one of {_some(a.id for a in config.areas)}, or import again with --area ID"


def _category_fix(config: SiteConfig) -> str:
    return (f"Write one of {_some(c.id for c in config.categories)}, or import again with "
            "--category ID")


def _no_area(config: SiteConfig) -> str:
    return f"the source does not say which of this directory's areas the venue is in. {_area_fix(config)}"


_ROOTS = {"activity": Activity, "organisation": Organisation, "venue": Venue}


def _reasons(err: ValidationError, scope: str) -> str:
    parts = []
    for e in err.errors():
        loc = tuple(e["loc"])
        if scope == "activity" and loc[:1] == ("schedules",) and len(loc) > 1:
            column = C.column_for("schedule", loc[2:]) or "schedule"
            column += f" (session {int(loc[1]) + 1})"
        elif scope == "activity" and loc[:2] == ("where", "venue"):
            column = C.column_for("venue", loc[3:] if len(loc) > 3 else loc[2:]) or "venue"
        else:
            column = C.column_for(scope, loc) or ".".join(str(p) for p in loc) or scope
        if e["type"] == "missing":
            message = "empty, but it must be given"
        else:
            message = explain(e, _ROOTS[scope])[1].rstrip(".")
        parts.append(f"{column}: {message}")
    return "; ".join(parts)
