"""Is it running? Status and freshness notices, worded once.

An activity's status (closed for now, ended) and its freshness (due for a check, may be out of
date) are separate notices; the status comes first, because it says whether to go at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.freshness import Freshness, due_date, stale_date
from generator.model import Status
from generator.words import say
from generator.words.dates import long_date


@dataclass(frozen=True)
class Notice:
    level: str  # "closed", "ended", "due" or "stale": how loud to show it
    title: str
    text: str


def is_running(entry) -> bool:
    """False for an activity closed for now or ended: lists of what is on leave it out."""
    return state(entry) is None


def state(entry) -> str | None:
    """'ended' (the group said so, or every date is past), 'closed' (for now), or None."""
    if entry.activity.status is Status.ended or entry.freshness is Freshness.ended:
        return "ended"
    if entry.activity.status is Status.temporarily_closed:
        return "closed"
    return None


LABELS = {"ended": "Ended", "closed": "Closed for now"}
WARNINGS = {"ended": "This activity has ended.",
            "closed": "Closed for now: ring to ask when it starts again."}


def status_label(entry) -> str | None:
    """'Closed for now', 'Ended', or None while it runs (a label next to a name in lists)."""
    found = state(entry)
    return say(LABELS[found]) if found else None


def status_notice(entry) -> Notice | None:
    found = state(entry)
    if found == "ended":
        return Notice("ended", say("This activity has ended"),
                      say("The group told us this activity has ended, or all its dates are past."))
    if found == "closed":
        return Notice("closed", say("Closed for now"),
                      say("This activity is closed for the time being. Ring to ask when it "
                          "starts again."))
    return None


def freshness_notice(entry, policy) -> Notice | None:
    checked = long_date(entry.activity.last_checked, weekday=False)
    if entry.freshness is Freshness.due:
        return Notice("due", say("Due for a check"),
                      say("These details were last checked on {date} and are due for a check. "
                          "Ring before you go to make sure it is still running.", date=checked))
    if entry.freshness is Freshness.stale:
        return Notice("stale", say("These details may be out of date"),
                      say("Nobody has checked these details since {date} (more than {months} "
                          "months ago). The activity may have changed or stopped: ring before "
                          "you go.", date=checked, months=policy.stale_after_months))
    return None


def notices(entry, policy) -> list[Notice]:
    """The notices for an activity's page, status first."""
    return [n for n in (status_notice(entry), freshness_notice(entry, policy)) if n]


def closed_warning(entry) -> str | None:
    """One line for print and calendars: 'Closed for now: ring to ask when it starts again.'"""
    found = state(entry)
    return say(WARNINGS[found]) if found else None


def stale_warning(entry) -> str | None:
    """One line for print: 'Not checked since 3 March 2026: ring before you go.'"""
    if entry.freshness is not Freshness.stale:
        return None
    return say("Not checked since {date}: ring before you go.",
               date=long_date(entry.activity.last_checked, weekday=False))


def last_checked(entry, policy) -> dict[str, str]:
    """The dates of the last check and the next ones due, worded."""
    a = entry.activity
    return {"last_checked": long_date(a.last_checked, weekday=False),
            "due_on": long_date(due_date(a.last_checked, policy), weekday=False),
            "stale_on": long_date(stale_date(a.last_checked, policy), weekday=False)}
