"""Short summaries of activities for lists (cards, timetables, A to Z, the finder)."""

from __future__ import annotations

from dataclasses import dataclass

from generator import schedule, urls
from generator.directory import Entry
from generator.site.views import ACCESS_SHORT, cost_text, where_short


@dataclass(frozen=True)
class Card:
    id: str
    name: str
    summary: str
    path: str
    when: str
    where: str
    cost: str
    access: str


def card(entry: Entry) -> Card:
    a = entry.activity
    when = schedule.describe_all(a.schedules)
    text = when[0] + (f" (and {len(when) - 1} more)" if len(when) > 1 else "")
    return Card(a.id, a.name, a.summary, urls.activity(a.id), text, where_short(entry),
                cost_text(entry), ACCESS_SHORT[a.how_to_go.access])
