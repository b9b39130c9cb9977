"""Short summaries of activities for lists (cards, timetables, A to Z, the finder)."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, pass_environment
from markupsafe import Markup, escape

from generator import urls
from generator.directory import Entry
from generator.urls import linker
from generator.words import dates, people, status
from generator.words.cost import cost_text
from generator.words.place import where_short


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
    status: str | None = None  # "Closed for now", "Ended", or None while it runs
    capacity: str | None = None  # "Full at the moment", "Waiting list", or None
    next: str | None = None  # "next on Monday 7 December" for a row not every week
    next_day: int | None = None  # its day number, so the browser hides it once past


def card(entry: Entry, directory=None) -> Card:
    """With the directory, dates are as of its build date (past ones left out, next dates)."""
    a = entry.activity
    if directory is not None:
        when = [r["text"] for r in dates.when_rows(directory, entry)]
        next_text, next_day = dates.site_next(directory, entry)
    else:
        when, next_text, next_day = dates.describe_all(a.schedules), None, None
    text = when[0] + (f" (and {len(when) - 1} more)" if len(when) > 1 else "")
    return Card(a.id, a.name, a.summary, urls.activity(a.id), text, where_short(entry),
                cost_text(entry), people.access_short(entry), status.status_label(entry),
                people.capacity_short(entry), next_text if status.is_running(entry) else None,
                next_day if status.is_running(entry) else None)


class CardLists:
    """`card_list` in the page templates: the <ul> of cards for a page two folders deep, each
    card's HTML rendered once and kept in this object (one per build: state.SiteBuild)."""

    def __init__(self) -> None:
        self._html: dict[tuple[str, int], str] = {}

    @pass_environment
    def __call__(self, env: Environment, cards: list[Card], level: int, empty: str) -> Markup:
        """Called from a template, which passes its environment (so this module need not
        import the one that makes it: no import cycle)."""
        if not cards:
            return Markup("<p>") + escape(empty) + Markup("</p>")
        macro = env.get_template("pages/macros.html").module.card
        href = linker(2)
        parts = []
        for c in cards:
            key = (c.id, level)
            if key not in self._html:
                self._html[key] = str(macro(c, href, level))
            parts.append(self._html[key])
        return Markup('<ul class="wo-cards">\n' + "\n".join(parts) + "</ul>")


@pass_environment
def card_list(env: Environment, cards: list[Card], level: int, empty: str) -> Markup:
    """The same, outside a build: nothing kept."""
    return CardLists()(env, cards, level, empty)
