"""Short summaries of activities for lists (cards, timetables, A to Z, the finder)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

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


_HTML: dict[tuple[str, int], str] = {}


def card_list(cards: list[Card], level: int, empty: str) -> Markup:
    """The <ul> of cards for a page two folders deep, each card rendered once per build."""
    if not cards:
        return Markup("<p>") + escape(empty) + Markup("</p>")
    from generator.site.render import environment, linker  # noqa: PLC0415 - import cycle

    macro = environment().get_template("pages/macros.html").module.card
    href = linker(2)
    parts = []
    for c in cards:
        key = (c.id, level)
        if key not in _HTML:
            _HTML[key] = str(macro(c, href, level))
        parts.append(_HTML[key])
    return Markup('<ul class="wo-cards">\n' + "\n".join(parts) + "</ul>")


def clear_cache() -> None:
    _HTML.clear()
