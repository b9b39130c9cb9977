"""Is a listing still right? Fresh, due for a check, stale, or ended."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from generator.config import Staleness
from generator.model import Activity, Status
from generator.schedule import is_over


class Freshness(str, Enum):
    fresh = "fresh"
    due = "due"  # due for a check: ask the group
    stale = "stale"  # not checked for too long: treat with care, left out of print
    ended = "ended"  # the group said it ended, or its dates are all past


def due_date(last_checked: dt.date, policy: Staleness) -> dt.date:
    return _months_after(last_checked, policy.due_after_months)


def stale_date(last_checked: dt.date, policy: Staleness) -> dt.date:
    return _months_after(last_checked, policy.stale_after_months)


@lru_cache(maxsize=8192)
def _months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it is shorter): worked out once
    for each date, as thousands of listings share their last-checked dates."""
    return day + relativedelta(months=months)


def freshness(activity: Activity, policy: Staleness, today: dt.date) -> Freshness:
    if activity.status is Status.ended or is_over(activity.schedules, today):
        return Freshness.ended
    if today >= stale_date(activity.last_checked, policy):
        return Freshness.stale
    if today >= due_date(activity.last_checked, policy):
        return Freshness.due
    return Freshness.fresh
