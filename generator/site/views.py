"""What each page shows about an activity, worked out once from the Directory.

Everything a template prints is prepared here as plain words, so templates stay simple and the
site, the finder and the text messages say the same thing. No HTML is built here (the
description's safe HTML comes from generator.richtext).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator import richtext, schedule, urls, wording
from generator.directory import Directory, Entry
from generator.formats import phone_digits
from generator.freshness import Freshness, due_date, stale_date
from generator.model import Access, CostKind, Referrer
from generator.transport import buspass
from generator.transport import days as transport_days
from generator.transport.routes import BusRoute, route_index

ACCESS_WORDS = {
    Access.drop_in: "Drop in: just turn up, no need to book",
    Access.book: "Book ahead",
    Access.referral: "You need a referral",
}
ACCESS_SHORT = {Access.drop_in: "Drop in", Access.book: "Book ahead", Access.referral: "Referral"}
REFERRER_WORDS = {
    Referrer.self_: "you yourself",
    Referrer.link_worker: "a social prescribing link worker",
    Referrer.gp: "your GP",
    Referrer.receptionist: "the surgery receptionist",
    Referrer.pharmacist: "a pharmacist",
    Referrer.other_professional: "another professional",
}
CAPACITY_WORDS = {"waiting-list": "There is a waiting list at the moment.",
                  "full": "Full at the moment: ring to ask about places."}


def money(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    if amount == amount.to_integral_value():
        return f"£{int(amount)}"
    return f"£{amount:.2f}"


def cost_text(entry: Entry) -> str:
    cost = entry.activity.cost
    if cost.kind is CostKind.free:
        text = "Free"
    elif cost.kind is CostKind.fixed:
        text = money(cost.amount)
    elif cost.kind is CostKind.concessions:
        text = f"{money(cost.amount)}, or {money(cost.concession_amount)} concessions"
    else:
        text = "Pay what you can" + (f" (suggested {money(cost.amount)})" if cost.amount else "")
    return text


def tel(number: str) -> str:
    """'0151 496 0123' -> 'tel:+441514960123'."""
    return "tel:+44" + phone_digits(number)[1:]


def ages_text(entry: Entry) -> str:
    aud = entry.activity.audience
    if not aud or (aud.min_age is None and aud.max_age is None):
        return ""
    if aud.min_age is not None and aud.max_age is not None:
        return f"Ages {aud.min_age} to {aud.max_age}"
    if aud.min_age is not None:
        return f"Ages {aud.min_age} and over"
    return f"Ages up to {aud.max_age}"


def where_short(entry: Entry) -> str:
    """'St Anne's Church Hall, L17 7AA' or 'Online' / 'By phone' / 'At home'."""
    if entry.venue:
        return f"{entry.venue.name}, {entry.venue.postcode}"
    w = entry.activity.where
    parts = [p for p, on in (("Online", w.online), ("By phone", w.by_phone),
                             ("Home visits", w.home_visits)) if on]
    return " or ".join(parts)


def bus_pass_note(entry: Entry) -> str | None:
    """Activities starting before 09:30 on a weekday: the older person's bus pass is not valid yet."""
    if not buspass.starts_before_bus_pass(entry):
        return None
    return f"Starts before 9:30am on a weekday. {buspass.NOTE}"


@dataclass
class GettingThere:
    stops: list[dict] = field(default_factory=list)
    manual_stop: str | None = None
    buses: list[str] = field(default_factory=list)
    notes: str | None = None
    none_text: str | None = None
    planner_url: str | None = None
    bus_pass: str | None = None
    routes: list[tuple[str, str]] = field(default_factory=list)  # (label, route page path)


def route_table(directory: Directory) -> tuple[list[BusRoute], dict[str, list[tuple[str, str]]]]:
    """Bus routes near current activities (number + operator), and each activity's route links."""
    found = route_index(directory)
    by_entry: dict[str, list[tuple[str, str]]] = {}
    for r in found:
        for e in r.entries:
            by_entry.setdefault(e.id, []).append((r.label, route_path(r)))
    return found, by_entry


def route_path(r: BusRoute) -> str:
    return urls.bus_route(r.number, r.operator_slug)


def getting_there(directory: Directory, entry: Entry,
                  route_links: dict[str, list[tuple[str, str]]] | None = None) -> GettingThere | None:
    if entry.venue is None:
        return None
    vt = directory.getting_there(entry)
    settings = directory.config.site.transport
    out = GettingThere(bus_pass=bus_pass_note(entry))
    venue = entry.venue
    if vt is not None and vt.journey_planner_url:
        out.planner_url = vt.journey_planner_url
    elif settings.journey_planner_url and venue.latitude is not None:
        out.planner_url = settings.journey_planner_url.format(
            lat=venue.latitude, lon=venue.longitude, postcode=venue.postcode.replace(" ", "+"))
    out.routes = list((route_links or {}).get(entry.id, []))
    if vt is None:
        return out
    out.notes = vt.notes
    for stop in vt.stops:
        routes = []
        for r in stop.routes:
            towards = f" towards {schedule.and_list(list(r.towards))}" if r.towards else ""
            days = f": {transport_days.in_sentence(r.days)}" if r.days else ""
            routes.append(f"Bus {r.number}{towards}{days} ({r.operator})")
        out.stops.append({"label": stop.label, "distance_m": stop.distance_m,
                          "walk_minutes": stop.walk_minutes, "routes": routes})
    if vt.source == "manual":
        out.manual_stop = vt.nearest_stop_text
        out.buses = list(vt.buses)
    elif not vt.stops:
        out.none_text = f"No bus stop within {vt.max_distance_m} m."
    return out


def freshness_notice(directory: Directory, entry: Entry) -> dict | None:
    policy = directory.config.site.staleness
    checked = schedule.long_date(entry.activity.last_checked, weekday=False)
    state = entry.freshness
    if state is Freshness.due:
        return {"level": "due", "title": "Due for a check",
                "text": f"These details were last checked on {checked} and are due for a "
                        f"check. Ring before you go to make sure it is still running."}
    if state is Freshness.stale:
        return {"level": "stale", "title": "These details may be out of date",
                "text": f"Nobody has checked these details since {checked} (more than "
                        f"{policy.stale_after_months} months ago). The activity may have "
                        f"changed or stopped: ring before you go."}
    if state is Freshness.ended:
        return {"level": "stale", "title": "This activity has ended",
                "text": "The group told us this activity has ended, or all its dates are past."}
    if entry.activity.status.value == "temporarily-closed":
        return {"level": "due", "title": "Closed for now",
                "text": "This activity is closed for the time being. Ring to ask when it starts again."}
    return None


def activity_view(directory: Directory, entry: Entry,
                  route_links: dict[str, list[tuple[str, str]]] | None = None) -> dict:
    """Everything the activity page shows, in plain words."""
    a = entry.activity
    cats = directory.config.category_by_id
    areas = directory.config.area_by_id
    aud = a.audience
    how = a.how_to_go
    referrers = [REFERRER_WORDS[r] for r in how.referral_from]
    where = a.where
    ways = [w for w, on in (("Online", where.online), ("By phone", where.by_phone),
                            ("Home visits", where.home_visits)) if on]
    policy = directory.config.site.staleness
    return {
        "id": a.id,
        "name": a.name,
        "summary": a.summary,
        "description_html": richtext.to_html(a.description),
        "categories": [(cats[c].name, urls.category(c)) for c in a.categories if c in cats],
        "org_name": entry.organisation.name,
        "org_path": urls.organisation(entry.org_id),
        "ages": ages_text(entry),
        "groups": list(aud.groups) if aud else [],
        "eligibility": aud.eligibility if aud else None,
        "not_just_older": bool(aud and aud.not_just_older_people),
        "when": schedule.describe_all(a.schedules),
        "when_notes": [s.notes for s in a.schedules if s.notes],
        "venue": entry.venue,
        "area": (areas[entry.venue.area].name, urls.area(entry.venue.area))
        if entry.venue and entry.venue.area in areas else None,
        "served_areas": [(areas[x].name, urls.area(x)) for x in where.areas if x in areas],
        "ways": ways,
        "where_details": where.details,
        "access_facts": wording.venue_access(entry.venue) if entry.venue else [],
        "getting_there": getting_there(directory, entry, route_links),
        "cost": cost_text(entry),
        "cost_note": a.cost.description,
        "access": ACCESS_WORDS[how.access],
        "referrers": schedule.and_list(referrers),
        "how": how.how,
        "capacity": CAPACITY_WORDS.get(a.capacity.value),
        "first_visit": wording.first_visit(entry.activity),
        "phone": a.phone,
        "on_the_day_phone": a.on_the_day_phone,
        "email": a.email,
        "website": a.website,
        "languages": schedule.and_list(list(a.languages)),
        "communication_support": a.communication_support,
        "last_checked": schedule.long_date(a.last_checked, weekday=False),
        "checked_by": a.checked_by,
        "due_on": schedule.long_date(due_date(a.last_checked, policy), weekday=False),
        "stale_on": schedule.long_date(stale_date(a.last_checked, policy), weekday=False),
        "notice": freshness_notice(directory, entry),
        "freshness": entry.freshness.value,
    }


def day_sessions(directory: Directory, day_index: int) -> list[dict]:
    """The timetable of one day of the week: each schedule that can fall on it, by start time."""
    rows = []
    for entry in directory.current():
        for s in entry.activity.schedules:
            days = schedule.weekdays_of([s])
            if any(schedule.day_index(d) == day_index for d in days):
                rows.append({"start": s.start, "time": f"{schedule.clock(s.start)} to "
                             f"{schedule.clock(s.end)}", "entry": entry,
                             "pattern": schedule.describe(s)})
    rows.sort(key=lambda r: (r["start"], r["entry"].activity.name.lower()))
    return rows
