"""How a change to a listing is said on the "What's new" page, in the feed and on the printed
sheet: "Now on Thursdays, not Wednesdays", "Moved to Garston Village Hall"."""

from __future__ import annotations

from collections.abc import Sequence

from generator.words import say
from generator.words.lists import and_list

KIND_HEADINGS = {
    "new": "New",
    "when": "New day or time",
    "where": "New place",
    "cost": "New cost",
    "join": "New way to join",
    "closed": "Closed for now",
    "reopened": "Running again",
    "ended": "Stopped",
    "removed": "No longer listed",
}


def heading(kind: str) -> str:
    return say(KIND_HEADINGS[kind])


def plural_days(days: Sequence[str]) -> str:
    """['Monday', 'Thursday'] -> 'Mondays and Thursdays'."""
    return and_list([say("{day}s", day=d) for d in days])


def new(when: Sequence[str], place: str) -> str:
    first = when[0] if when else say("Ring to arrange a time")
    return say("Newly listed: {when}. {place}", when=first[:1].lower() + first[1:], place=place)


def days_changed(old: Sequence[str], new_days: Sequence[str]) -> str:
    return say("Now on {new}, not {old}", new=plural_days(new_days), old=plural_days(old))


def times_changed(old: str, new_times: str) -> str:
    return say("Now {new}, not {old}", new=new_times, old=old)


def when_changed(old: Sequence[str], new_when: Sequence[str]) -> str:
    return say("Now: {new}. It was: {old}", new="; ".join(new_when), old="; ".join(old))


def moved(place: str) -> str:
    return say("Moved to {place}", place=place)


def cost_changed(old: str, new_cost: str) -> str:
    return say("Cost now: {new} (it was: {old})", new=new_cost, old=old)


def join_changed(old: str, new_join: str) -> str:
    return say("How to join now: {new} (it was: {old})", new=new_join, old=old)


def closed() -> str:
    return say("Closed for now: not running at the moment")


def reopened() -> str:
    return say("Running again after a break")


def ended() -> str:
    return say("This activity has stopped")


def removed() -> str:
    return say("Taken off the directory")


def not_available(reason: str) -> str:
    return say("What has changed cannot be shown: {reason}.", reason=reason)
