"""Who an activity is for and how to join it, worded once.

Ages have one phrasing ("Ages 18 and over"); "Everyone" and "All ages welcome" are never shown
next to an age limit.
"""

from __future__ import annotations

from generator.model import Access, Activity, Capacity, Referrer
from generator.words import say
from generator.words.lists import and_list, or_list

ACCESS_SHORT = {Access.drop_in: "Drop in", Access.book: "Book ahead", Access.referral: "Referral"}
ACCESS_WORDS = {
    Access.drop_in: "Drop in: just turn up, no need to book",
    Access.book: "Book ahead",
    Access.referral: "You need a referral",
}
REFERRER_WORDS = {
    Referrer.self_: "yourself",
    Referrer.link_worker: "a social prescribing link worker",
    Referrer.gp: "your GP",
    Referrer.receptionist: "a GP surgery receptionist",
    Referrer.pharmacist: "a pharmacist",
    Referrer.other_professional: "another professional",
}
CAPACITY_WORDS = {
    Capacity.waiting_list: "There is a waiting list at the moment.",
    Capacity.full: "Full at the moment: ring to ask about places.",
}
# Words a group may write among its audience groups that mean "anyone": never shown next to an
# age limit or another group ("Everyone" beside "Ages 18 and over" contradicted it).
EVERYONE = frozenset({"everyone", "anyone", "everybody", "all", "all ages", "all welcome"})
CAPACITY_SHORT = {Capacity.waiting_list: "Waiting list", Capacity.full: "Full at the moment"}


def _activity(entry_or_activity) -> Activity:
    return getattr(entry_or_activity, "activity", entry_or_activity)


def ages_text(entry_or_activity) -> str:
    """'Ages 18 and over', 'Ages 5 to 11', 'Ages up to 11', or ''."""
    aud = _activity(entry_or_activity).audience
    if not aud or (aud.min_age is None and aud.max_age is None):
        return ""
    if aud.min_age is not None and aud.max_age is not None:
        return say("Ages {low} to {high}", low=aud.min_age, high=aud.max_age)
    if aud.min_age is not None:
        return say("Ages {low} and over", low=aud.min_age)
    return say("Ages up to {high}", high=aud.max_age)


def who_for(entry_or_activity) -> list[str]:
    """Who it is for, one fact a line, never contradictory: ['Carers', 'Ages 18 and over']."""
    aud = _activity(entry_or_activity).audience
    if aud is None:
        return [say("Everyone")]
    groups = [g for g in aud.groups if g.strip().lower() not in EVERYONE]
    ages = ages_text(entry_or_activity)
    lines = [and_list(groups)] if groups else []
    if ages:
        lines.append(ages)
    if aud.eligibility:
        lines.append(aud.eligibility)
    if not lines and (len(groups) < len(aud.groups) or not aud.not_just_older_people):
        lines.append(say("Everyone"))  # a group's "Everyone" only where no limit is given
    if aud.not_just_older_people:
        if any("older" in g.lower() for g in groups):
            lines.append(say("Younger people welcome too"))
        else:
            lines.append(say("Not just for older people") if lines
                         else say("All ages welcome: not just for older people"))
    return lines


def access_short(entry_or_activity) -> str:
    """'Drop in', 'Book ahead', 'Referral' (cards and lists)."""
    return say(ACCESS_SHORT[_activity(entry_or_activity).how_to_go.access])


def access_text(entry_or_activity) -> str:
    """'Drop in: just turn up, no need to book', 'Book ahead', 'You need a referral'."""
    return say(ACCESS_WORDS[_activity(entry_or_activity).how_to_go.access])


def referrers(entry_or_activity) -> str:
    """'your GP and a pharmacist', or '' when nobody need refer (a drop-in anyone may use)."""
    how = _activity(entry_or_activity).how_to_go
    if not how.referral_from or (how.access is Access.drop_in and Referrer.self_ in how.referral_from):
        return ""
    return and_list([say(REFERRER_WORDS[r]) for r in how.referral_from])


def referrer_line(entry_or_activity) -> str | None:
    """'Who can refer you: your GP and a pharmacist.' or None."""
    who = referrers(entry_or_activity)
    return say("Who can refer you: {who}.", who=who) if who else None


def capacity_text(entry_or_activity) -> str | None:
    """'Full at the moment: ring to ask about places.', 'There is a waiting list …', or None."""
    words = CAPACITY_WORDS.get(_activity(entry_or_activity).capacity)
    return say(words) if words else None


def capacity_short(entry_or_activity) -> str | None:
    """'Full at the moment' / 'Waiting list' for labels in lists, or None."""
    words = CAPACITY_SHORT.get(_activity(entry_or_activity).capacity)
    return say(words) if words else None


def languages(entry_or_activity) -> str | None:
    """'Languages: English and Polish.' or None when only English."""
    langs = list(_activity(entry_or_activity).languages)
    if not langs or langs == ["English"]:
        return None
    return say("Languages: {languages}.", languages=and_list(langs))


def how_to_join(entry_or_activity, phone: str | None) -> list[str]:
    """How to join in a line or two, with the number to ring (posters): 'Book first: ring 0151
    496 0123.', 'Full at the moment: ring … to ask.', 'Referral needed: ask your GP or …'."""
    act = _activity(entry_or_activity)
    how = act.how_to_go
    lines = []
    if act.capacity is Capacity.full:
        lines.append(say("Full at the moment: ring {phone} to ask.", phone=phone) if phone
                     else say("Full at the moment."))
    elif act.capacity is Capacity.waiting_list:
        lines.append(say("There is a waiting list: ring {phone} to ask.", phone=phone) if phone
                     else say("There is a waiting list."))
    if how.access is Access.book and act.capacity is Capacity.open:
        lines.append(say("Book first: ring {phone}.", phone=phone) if phone else say("Book first."))
    elif how.access is Access.referral:
        who = [say(REFERRER_WORDS[r]) for r in how.referral_from if r is not Referrer.self_]
        lines.append(say("Referral needed: ask {who}.", who=or_list(who)) if who
                     else say("Referral needed."))
    elif how.access is Access.drop_in:
        lines.append(say("Just turn up: no need to book."))
    return lines


def join_short(entry, phone: str | None) -> list[str]:
    """Full / waiting list / book / referral for a text message, longest first (the phone
    to book on goes in the words); [] for a drop-in with room."""
    a = _activity(entry)
    how = a.how_to_go.access
    capacity = {Capacity.full: "Full at the moment", Capacity.waiting_list: "Waiting list"}.get(a.capacity)
    if how is Access.book:
        access = [say("Book: ring {phone}", phone=phone) if phone else say("Book ahead")]
    elif how is Access.referral:
        access = [say("Referral needed")]
    else:
        access = []
    if not capacity:
        return access or [say("Drop in")]
    said = say(capacity)
    if access:
        return [say("{capacity}. {access}", capacity=said, access=x) for x in access]
    return ([say("{capacity}: ring {phone}", capacity=said, phone=phone)] if phone else []) + [said]
