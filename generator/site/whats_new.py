"""The "What's new" page and its Atom feed, from the change log (generator/changes.py).

Both cover the last `site.whats_new_weeks` weeks, newest first. The feed's times are the commits'
own, so building twice gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from pathlib import Path

from generator import urls
from generator.changes import Change, ChangeLog
from generator.directory import Directory
from generator.site import pages
from generator.site.state import SiteBuild
from generator.words import say
from generator.words.dates import long_date

PAGE = "whats-new/"
FEED = "whats-new/feed.xml"


def window(directory: Directory, log: ChangeLog) -> tuple[dt.date, tuple[Change, ...]]:
    since = directory.today - dt.timedelta(weeks=directory.config.site.whats_new_weeks)
    return since, tuple(c for c in log.since(since) if c.day <= directory.today)


def _link(directory: Directory, change: Change) -> str | None:
    known = {e.id for e in directory.activities}
    return urls.activity(change.activity_id) + "index.html" if change.activity_id in known else None


def write(directory: Directory, docs: Path, log: ChangeLog, build: SiteBuild) -> None:
    since, shown = window(directory, log)
    days = [{"title": long_date(day), "changes": [
        {"heading": c.heading, "name": c.name, "organisation": c.organisation, "text": c.text,
         "link": _link(directory, c)} for c in group]}
        for day, group in groupby(shown, key=lambda c: c.day)]
    pages._put(build, docs, PAGE, "pages/whats_new.md", site=directory.config.site,
               weeks=directory.config.site.whats_new_weeks, since=long_date(since),
               note=log.note, days=days)
    (docs / FEED).write_bytes(feed(directory, shown))


def feed(directory: Directory, changes: tuple[Change, ...]) -> bytes:
    """An Atom feed (RFC 4287) of the changes, made with feedgen."""
    from feedgen.feed import FeedGenerator

    site = directory.config.site
    base = str(site.url).rstrip("/") + "/"
    fg = FeedGenerator()
    fg.id(base + PAGE)
    fg.title(say("What's new in {name}", name=site.name))
    fg.subtitle(say("New activities, changes to when and where, and what has stopped."))
    fg.author({"name": site.publisher})
    fg.link(href=base + FEED, rel="self", type="application/atom+xml")
    fg.link(href=base + PAGE + "index.html", rel="alternate", type="text/html")
    fg.language(site.language)
    fg.generator("What's On")
    newest = max((c for c in changes), key=lambda c: c.day, default=None)
    fg.updated(_midday(newest.day if newest else directory.today))
    for c in reversed(changes):  # feedgen puts the last added first
        entry = fg.add_entry()
        entry.id(f"{base}{PAGE}#{c.commit[:12]}-{c.kind}-{c.activity_id}")
        entry.title(f"{c.heading}: {c.name}")
        entry.summary(f"{c.text}. ({c.organisation})")
        entry.updated(_midday(c.day))
        link = _link(directory, c)
        entry.link(href=base + (link or PAGE + "index.html"), rel="alternate", type="text/html")
    return fg.atom_str(pretty=True)


def _midday(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
