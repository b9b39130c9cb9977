"""The facts printed about one activity, as plain strings for the templates.

Every date and time sentence comes from generator.schedule; bus details from the Directory's
transport enrichment. Nothing here reads YAML or works out dates by itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from generator import schedule, urls, wording
from generator.directory import Directory, Entry
from generator.freshness import Freshness
from generator.model import Access, Capacity, CostKind, Referrer, Status
from generator.transport import buspass, words
from generator.transport.model import VenueTransport

REFERRERS = {
    Referrer.self_: "yourself",
    Referrer.link_worker: "a link worker",
    Referrer.gp: "your GP",
    Referrer.receptionist: "a GP receptionist",
    Referrer.pharmacist: "a pharmacist",
    Referrer.other_professional: "another professional",
}
MAX_STOPS = 2  # in print: the nearest two stops are enough to choose from


@dataclass(frozen=True)
class BusLine:
    stop: str  # "Aigburth Vale (Stop B), 150 m, about 3 minutes' walk"
    buses: str  # "82, 82A towards City Centre; 86 towards Garston"


@dataclass(frozen=True)
class Facts:
    id: str
    name: str
    summary: str
    categories: tuple[str, ...]  # category ids, in the directory's category order
    who: tuple[str, ...]
    when: tuple[str, ...]
    bus_pass_note: str | None
    where: tuple[str, ...]  # venue name, address, or "Online" …
    postcode: str | None
    access: tuple[str, ...]  # "Step-free access", "Accessible toilet" …
    bus_lines: tuple[BusLine, ...]
    bus_note: str | None  # "No bus stop within 400 m", or hand-written notes
    bus_numbers: tuple[str, ...]
    cost: str
    how_to_go: tuple[str, ...]
    phone: str | None
    on_the_day_phone: str | None
    email: str | None
    website: str | None
    last_checked: str
    last_checked_date: dt.date
    stale_warning: str | None
    closed_warning: str | None
    url: str  # the activity's page on the site, for QR codes


def _money(amount: Decimal) -> str:
    return f"£{amount:.2f}".replace(".00", "")


def cost_text(entry: Entry) -> str:
    cost = entry.activity.cost
    text = {
        CostKind.free: "Free",
        CostKind.fixed: _money(cost.amount) if cost.amount is not None else "",
        CostKind.concessions: (f"{_money(cost.amount)}, or {_money(cost.concession_amount)} concessions"
                               if cost.amount is not None and cost.concession_amount is not None else ""),
        CostKind.pay_what_you_can: "Pay what you can",
    }[cost.kind]
    return f"{text}. {cost.description}" if cost.description else text


def who_for(entry: Entry) -> tuple[str, ...]:
    aud = entry.activity.audience
    if aud is None:
        return ("Everyone",)
    lines = []
    if aud.min_age is not None and aud.max_age is not None:
        lines.append(f"Aged {aud.min_age} to {aud.max_age}")
    elif aud.min_age is not None:
        lines.append(f"Aged {aud.min_age} and over")
    elif aud.max_age is not None:
        lines.append(f"Up to age {aud.max_age}")
    if aud.groups:
        lines.append(schedule.and_list(aud.groups))
    if aud.eligibility:
        lines.append(aud.eligibility)
    if aud.not_just_older_people:
        lines.append("All ages welcome")
    return tuple(lines) or ("Everyone",)


def how_to_go(entry: Entry) -> tuple[str, ...]:
    act = entry.activity
    how = act.how_to_go
    lines = [{
        Access.drop_in: "Just turn up: no need to book.",
        Access.book: "Book before you go.",
        Access.referral: "You need to be referred.",
    }[how.access]]
    if how.referral_from and not (how.access is Access.drop_in and Referrer.self_ in how.referral_from):
        lines.append("Who can refer you: " + schedule.and_list([REFERRERS[r] for r in how.referral_from]) + ".")
    if how.how:
        lines.append(how.how)
    if act.capacity is Capacity.waiting_list:
        lines.append("There is a waiting list.")
    elif act.capacity is Capacity.full:
        lines.append("Full at the moment: ring to ask.")
    lines += wording.first_visit(act)
    if act.languages and act.languages != ["English"]:
        lines.append("Languages: " + schedule.and_list(act.languages) + ".")
    if act.communication_support:
        lines.append(act.communication_support)
    return tuple(lines)


def where(entry: Entry) -> tuple[tuple[str, ...], str | None, tuple[str, ...]]:
    venue, w = entry.venue, entry.activity.where
    access: list[str] = []
    if venue is not None:
        lines = [venue.name, venue.address]
        access += wording.venue_access(venue, say_no=False)
        if venue.accessibility_notes:
            access.append(venue.accessibility_notes)
        postcode = venue.postcode
    else:
        lines, postcode = [], None
    ways = [word for flag, word in ((w.online, "Online"), (w.by_phone, "By phone"),
                                   (w.home_visits, "Home visits")) if flag]
    if ways:
        lines.append(schedule.and_list(ways) if venue is None else "Also: " + schedule.and_list(ways).lower())
    if w.details:
        lines.append(w.details)
    return tuple(lines), postcode, tuple(access)


def buses(transport: VenueTransport | None, entry: Entry) -> tuple[tuple[BusLine, ...], str | None, tuple[str, ...]]:
    if entry.venue is None:
        return (), None, ()
    if transport is None:
        return (), "Bus details not known yet: ring to ask.", ()
    lines = []
    seen: set[str] = set()
    for stop in transport.stops[:MAX_STOPS]:
        numbers = list(dict.fromkeys(r.number for r in stop.routes))
        if lines and not set(numbers) - seen:
            continue  # the stop across the road: same buses, nothing new to say
        seen.update(numbers)
        lines.append(BusLine(f"{stop.label}, {stop.distance_m} m away",
                             ", ".join(numbers) if numbers else "none found at this stop"))
    if transport.nearest_stop_text and not lines:
        numbers = ", ".join(transport.buses)
        lines.append(BusLine(transport.nearest_stop_text, numbers))
    numbers = transport.buses or tuple(dict.fromkeys(r.number for s in transport.stops for r in s.routes))
    if not lines and numbers:
        lines.append(BusLine("", ", ".join(numbers)))
    if not lines and transport.source not in ("computed", "manual"):
        return (), "Bus details not known yet: ring to ask.", ()
    note = transport.notes
    if not lines and transport.source == "computed":
        note = words.no_stop(transport.max_distance_m) + (f" {note}" if note else "")
    return tuple(lines), note, tuple(numbers)


def bus_pass_note(entry: Entry) -> str | None:
    """The older person's bus pass is valid from 9:30am on weekdays (one wording everywhere)."""
    return buspass.note(entry)


def facts(directory: Directory, entry: Entry) -> Facts:
    act = entry.activity
    order = [c.id for c in directory.config.categories]
    lines, postcode, access = where(entry)
    bus_lines, bus_note, numbers = buses(directory.getting_there(entry), entry)
    checked = schedule.long_date(act.last_checked, weekday=False)
    stale = (f"Not checked since {checked}: ring before you go."
             if entry.freshness is Freshness.stale else None)
    closed = "Closed for now: ring to ask when it starts again." if act.status is Status.temporarily_closed else None
    return Facts(
        id=act.id,
        name=act.name,
        summary=act.summary,
        categories=tuple(sorted(act.categories, key=lambda c: order.index(c) if c in order else len(order))),
        who=who_for(entry),
        when=tuple(schedule.describe_all(act.schedules)),
        bus_pass_note=bus_pass_note(entry),
        where=lines,
        postcode=postcode,
        access=access,
        bus_lines=bus_lines,
        bus_note=bus_note,
        bus_numbers=numbers,
        cost=cost_text(entry),
        how_to_go=how_to_go(entry),
        phone=act.phone or next((p.number for p in entry.organisation.phones), None),
        on_the_day_phone=act.on_the_day_phone,
        email=act.email or entry.organisation.email,
        website=act.website or entry.organisation.website,
        last_checked=checked,
        last_checked_date=act.last_checked,
        stale_warning=stale,
        closed_warning=closed,
        url=urls.absolute(directory.config, urls.activity(act.id)),
    )
