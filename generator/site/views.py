"""What each page shows about an activity, worked out once from the Directory.

Everything a template prints is prepared here as plain words, so templates stay simple and the
site, the finder and the text messages say the same thing. No HTML is built here (the
description's safe HTML comes from generator.richtext).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import richtext, schedule, urls
from generator.directory import Directory, Entry
from generator.transport.routes import BusRoute, route_index
from generator.words import access, dates, people, place, status
from generator.words import transport as transport_words
from generator.words.cost import cost_text
from generator.words.lists import and_list
from generator.words.place import where_short

__all__ = ["GettingThere", "activity_view", "cost_text", "entry_sessions", "getting_there",
           "route_path", "route_table", "where_short"]


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
    out = GettingThere(bus_pass=transport_words.bus_pass_note(entry))
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
        routes = [transport_words.route_line(r) for r in transport_words.routes_for(stop, entry)]
        if not routes:
            routes = transport_words.stop_lines(stop, entry)[1:]
        out.stops.append({"label": transport_words.stop_label(stop), "distance_m": stop.distance_m,
                          "walk_minutes": stop.walk_minutes, "routes": routes})
    if vt.source == "manual":
        out.manual_stop = vt.nearest_stop_text
        out.buses = list(vt.buses)
    elif not vt.stops:
        out.none_text = transport_words.no_stop(vt.max_distance_m)
    return out


def activity_view(directory: Directory, entry: Entry,
                  route_links: dict[str, list[tuple[str, str]]] | None = None) -> dict:
    """Everything the activity page shows, in plain words."""
    a = entry.activity
    cats = directory.config.category_by_id
    areas = directory.config.area_by_id
    aud = a.audience
    where = a.where
    policy = directory.config.site.staleness
    return {
        "id": a.id,
        "name": a.name,
        "summary": a.summary,
        "description_html": richtext.to_html(a.description),
        "categories": [(cats[c].name, urls.category(c)) for c in a.categories if c in cats],
        "org_name": entry.organisation.name,
        "org_path": urls.organisation(entry.org_id),
        "who": people.who_for(entry),
        "ages": people.ages_text(entry),
        "groups": list(aud.groups) if aud else [],
        "eligibility": aud.eligibility if aud else None,
        "not_just_older": bool(aud and aud.not_just_older_people),
        "when": dates.when(directory, entry),
        "when_rows": dates.when_rows(directory, entry),
        "upcoming": dates.upcoming(directory, entry) if status.is_running(entry) else [],
        "when_notes": [s.notes for s in a.schedules if s.notes],
        "venue": entry.venue,
        "area": (areas[entry.venue.area].name, urls.area(entry.venue.area))
        if entry.venue and entry.venue.area in areas else None,
        "served_areas": [(areas[x].name, urls.area(x)) for x in where.areas if x in areas],
        "ways": place.ways(entry),
        "where_details": where.details,
        "access_facts": access.venue_access(entry.venue) if entry.venue else [],
        "getting_there": getting_there(directory, entry, route_links),
        "cost": cost_text(entry),
        "cost_note": a.cost.description,
        "access": people.access_text(entry),
        "referrers": people.referrers(entry),
        "referrer_line": people.referrer_line(entry),
        "how": a.how_to_go.how,
        "capacity": people.capacity_text(entry),
        "first_visit": access.first_visit(entry.activity),
        "phone": place.phone(entry),
        "on_the_day_phone": a.on_the_day_phone,
        "email": place.email(entry),
        "website": place.website(entry),
        "languages": and_list(list(a.languages)),
        "communication_support": a.communication_support,
        **status.last_checked(entry, policy),
        "checked_by": a.checked_by,
        "notices": status.notices(entry, policy),
        "freshness": entry.freshness.value,
    }


def entry_sessions(directory: Directory, entry: Entry) -> list[tuple[list[int], dict]]:
    """One activity's rows in the week's timetable, each with the days of the week it can fall
    on (Monday 0): every schedule not over, with its times and pattern ("every week"); none
    while the activity is closed for now or ended. One that is full or has a waiting list says
    so ("label")."""
    if not status.is_running(entry):
        return []
    label = people.capacity_short(entry)
    out = []
    for s in entry.activity.schedules:
        if schedule.is_over([s], directory.today):
            continue
        days = schedule.weekdays_of([s] if s.frequency.value != "once" else [
            s.model_copy(update={"dates": [d for d in s.dates if d >= directory.today]})])
        on = sorted({schedule.day_index(d) for d in days})
        if on:
            out.append((on, {"start": s.start, "time": dates.times(s.start, s.end), "label": label,
                             "pattern": dates.describe(s, directory.today, directory.calendar,
                                                       with_next=False)}))
    return out
