"""Venue access and what to expect on a first visit, worded once for site and print."""

from __future__ import annotations

from generator.model import Activity, Venue
from generator.words import say

STEP_FREE_UNKNOWN = "Step-free access not known: ring to ask"


def first_visit(activity: Activity) -> list[str]:
    """What to expect the first time."""
    fv = activity.first_visit
    if not fv:
        return []
    out = []
    if fv.someone_meets_you:
        out.append(say("Someone will meet you when you arrive."))
    if fv.bring_a_friend:
        out.append(say("You can bring a friend or carer."))
    if fv.refreshments:
        out.append(say("Tea, coffee or food is offered."))
    if fv.notes:
        out.append(fv.notes)
    return out


def venue_access(venue: Venue, *, say_no: bool = True) -> list[str]:
    """Access facts, step-free first. `say_no=False` leaves out the "No …" lines (print keeps
    to what is there; step-free is always stated, known or not)."""
    facts = [say(
        "Step-free access" if venue.step_free is True
        else "Not step-free" if venue.step_free is False else STEP_FREE_UNKNOWN
    )]
    for flag, yes, no in (
        (venue.accessible_toilet, "Accessible toilet", "No accessible toilet"),
        (venue.hearing_loop, "Hearing loop", "No hearing loop"),
        (venue.parking, "Parking", "No parking"),
        (venue.non_clinical, "A community setting, not a clinic", None),
    ):
        if flag is True:
            facts.append(say(yes))
        elif flag is False and no and say_no:
            facts.append(say(no))
    return facts
