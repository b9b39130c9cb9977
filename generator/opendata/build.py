"""From flat records (spreadsheet rows, or HSDS services read into the same columns) to checked
listings. Both importers end here, so they follow the same rules and give the same reasons."""

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
    notes: list[str] = field(default_factory=list)  # things converted with a guess


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


_NEEDED = [  # (listing field = column name, what to do) for fields people most often leave out
    ("categories", "Give at least one category id from site_config/categories.yml "
                   "(or use --category ID)"),
    ("last_checked", "Give the date a person last checked these details (or use --checked-on DATE)"),
    ("checked_by", "Say who checked them (or use --checked-by NAME)"),
]


def slug(text: str) -> str:
    return listing_store.slug(text) or "imported"  # the one slug (generator/listing_store.py)


def build(records: list[Record], config: SiteConfig, venues: Mapping[str, Venue]) -> Built:
    orgs: dict[str, tuple[Organisation, dict]] = {}
    activities: dict[str, list[Activity]] = {}
    new_venues: dict[str, Venue] = {}
    skipped: list[Skipped] = []
    notes: list[Skipped] = [Skipped(r.where, n) for r in records for n in r.notes]
    seen_ids: set[str] = set()
    categories = {c.id for c in config.categories}
    areas = {a.id for a in config.areas}

    for rec in records:
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
        missing = [f"{col}: empty. {hint}" for col, hint in _NEEDED if not act_data.get(col)]
        if missing:
            skipped.append(Skipped(rec.where, "; ".join(missing)))
            continue
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
                                       "an area in site_config/areas.yml"))
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
                                   "site_config/categories.yml"))
            continue
        bad_areas = [a for a in activity.where.areas if a not in areas]
        if bad_areas:
            skipped.append(Skipped(rec.where, f'areas_served: "{bad_areas[0]}" is not an area in '
                                   "site_config/areas.yml"))
            continue
        if activity.id in seen_ids:
            skipped.append(Skipped(rec.where, f'activity_id: "{activity.id}" is used twice'))
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
        activities.setdefault(org_id, []).append(activity)

    listings = {oid: Listing(organisation=orgs[oid][0], activities=acts)
                for oid, acts in activities.items()}
    return Built(listings, new_venues, skipped, notes)


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
