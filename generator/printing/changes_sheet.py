""""Changes this month": one A4 large-print sheet per edition, from the change log.

    build(directory, log, out_dir, pool)   # -> [PrintedDocument], print/changes/EDITION.pdf

An edition takes the changes to its own activities (as the booklet chooses them, ended ones
included); an activity taken off the directory comes in when it was in one of the edition's areas.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Executor
from pathlib import Path

from generator.changes import KINDS, Change, ChangeLog
from generator.config import Edition
from generator.directory import Directory
from generator.printing import render, select
from generator.printing.document import PrintedDocument
from generator.words import say
from generator.words.changes import heading
from generator.words.dates import long_date


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def for_edition(directory: Directory, edition: Edition, changes: tuple[Change, ...]) -> list[Change]:
    entries = {e.id: e for e in directory.activities}
    out = []
    for c in changes:
        entry = entries.get(c.activity_id)
        if entry is not None:
            if select.belongs(directory, edition, entry):
                out.append(c)
        elif not edition.areas or set(c.areas) & set(edition.areas):
            out.append(c)
    return out


def _html(directory: Directory, edition: Edition, changes: list[Change], paper: str) -> str:
    site = directory.config.site
    start = month_start(directory.today)
    groups = []
    for kind in KINDS:
        found = [c for c in changes if c.kind == kind]
        if found:
            groups.append({"heading": heading(kind), "changes": [
                {"name": c.name, "organisation": c.organisation, "text": c.text,
                 "day": long_date(c.day, weekday=False, year=False)} for c in found]})
    return render.html(
        "changes.html", language=site.language, publisher=site.publisher, css="changes.css",
        paper="paper-yellow" if paper == "yellow" else "paper-white",
        title=say("Changes this month: {edition}", edition=edition.title), edition_title=edition.title,
        lead=say("New activities, changes to when and where, and what has stopped, from {start} to "
                 "{end}.", start=long_date(start, weekday=False), end=long_date(directory.today, weekday=False)),
        nothing=say("Nothing has changed this month."), groups=groups, site_name=site.name,
        site_url=site.url, contact=site.contact, printed_on=long_date(directory.today, weekday=False))


def build(directory: Directory, log: ChangeLog, out_dir: Path, pool: Executor, *,
          editions: list[Edition] | None = None, paper: str = "white") -> list[PrintedDocument]:
    if not log.available:
        return []
    month = log.between(month_start(directory.today), directory.today)
    chosen = editions if editions is not None else list(select.editions(directory))
    jobs = {e.id: render.submit(pool, _html(directory, e, for_edition(directory, e, month), paper))
            for e in chosen}
    made = []
    for e in chosen:
        done = jobs[e.id].result()
        filename = f"changes/{e.id}.pdf"
        path = Path(out_dir) / filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(done.pdf)
        made.append(PrintedDocument("changes", e.id, say("Changes this month: {edition}", edition=e.title),
                                    filename, done.pages, directory.today))
    return made
