"""A4 posters: one per activity in print, and "what's on near here" for each place."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Executor
from pathlib import Path

from markupsafe import Markup

from generator import qr, schedule, urls
from generator.config import Place
from generator.directory import Directory, Entry
from generator.printing import render, select
from generator.printing.document import PrintedDocument
from generator.printing.facts import facts
from generator.words.dates import clock, long_date

MAX_LEVEL = 4  # activity posters leave out details, step by step, until they fit one page
NEAR_HERE_MAX = 6  # activities on a near-here poster; fewer if they do not fit
WEEK = 7


def _common(directory: Directory, paper: str) -> dict:
    site = directory.config.site
    return {"language": site.language, "publisher": site.publisher, "css": "poster.css",
            "paper": "paper-yellow" if paper == "yellow" else "paper-white", "site_name": site.name,
            "site_url": site.url, "contact": site.contact,
            "printed_on": long_date(directory.today, weekday=False)}


def _fit(pool: Executor, make, keys: list, top: int, bottom: int, step: int) -> dict:
    """Render make(key, level) from `top` towards `bottom` until each fits on one page."""
    level = dict.fromkeys(keys, top)
    done: dict = {}
    waiting = list(keys)
    while waiting:
        jobs = {k: render.submit(pool, make(k, level[k])) for k in waiting}
        waiting = []
        for key, job in jobs.items():
            result = job.result()
            if result.pages > 1 and level[key] != bottom:
                level[key] += step
                waiting.append(key)
            else:
                done[key] = result
    return done


def _write(out_dir: Path, filename: str, data: bytes) -> None:
    path = out_dir / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def build_posters(directory: Directory, out_dir: Path, pool: Executor, *, paper: str = "white"
                  ) -> list[PrintedDocument]:
    common = _common(directory, paper)
    entries = {e.id: e for e in select.in_print(directory)}
    shown = {k: facts(directory, e) for k, e in entries.items()}

    def make(key: str, level: int) -> str:
        f = shown[key]
        return render.html("poster.html", **common, title=f"{f.name}: poster", f=f, level=level,
                           qr=Markup(qr.svg(f.url, title=f"QR code: {f.url}")))

    done = _fit(pool, make, list(entries), 0, MAX_LEVEL, 1)
    out = []
    for key, result in done.items():
        filename = f"posters/{key}.pdf"
        _write(out_dir, filename, result.pdf)
        out.append(PrintedDocument("poster", key, shown[key].name, filename, result.pages, directory.today))
    return out


def near_here_rows(directory: Directory, place: Place, limit: int = NEAR_HERE_MAX) -> list[dict]:
    """The activities nearest to `place` that have a session in the 7 days from today."""
    start, end = directory.today, directory.today + dt.timedelta(days=WEEK - 1)
    found: list[tuple[float, Entry, list[schedule.Session]]] = []
    for entry in select.in_print(directory):
        where = select.location(directory, entry)
        if where is None:
            continue
        sessions = schedule.sessions(entry.activity.schedules, start, end, directory.calendar)
        if sessions:
            found.append((select.distance_km(place.latitude, place.longitude, *where), entry, sessions))
    found.sort(key=lambda t: (t[0], t[1].activity.name.casefold()))
    rows = []
    for km, entry, sessions in found[:limit]:
        f = facts(directory, entry)
        when = "; ".join(f"{long_date(s.date, year=False)}, {clock(s.start)} to "
                         f"{clock(s.end)}" for s in sessions[:3])
        if len(sessions) > 3:
            when += f" and {len(sessions) - 3} more"
        distance = f"{round(km * 1000, -1):.0f} m away" if km < 1 else f"{km:.1f} km away"
        rows.append({"name": f.name, "when": when, "first": sessions[0], "where": entry.venue.name,
                     "distance": distance, "buses": ", ".join(f.bus_numbers),
                     "phone": f.on_the_day_phone or f.phone})
    rows.sort(key=lambda r: (r["first"].date, r["first"].start, r["name"].casefold()))
    return rows


def build_near_here(directory: Directory, out_dir: Path, pool: Executor, *, paper: str = "white"
                    ) -> list[PrintedDocument]:
    common = _common(directory, paper)
    places = {p.id: p for p in directory.config.places}
    site_qr = Markup(qr.svg(urls.absolute(directory.config, ""), title="QR code: the website"))
    end = directory.today + dt.timedelta(days=WEEK - 1)

    def make(key: str, limit: int) -> str:
        place = places[key]
        return render.html("near_here.html", **common, title=f"What's on near {place.name}",
                           place=place, rows=near_here_rows(directory, place, limit), qr=site_qr,
                           week_from=long_date(directory.today, year=False),
                           week_to=long_date(end, year=False))

    done = _fit(pool, make, list(places), NEAR_HERE_MAX, 1, -1)
    out = []
    for key, result in done.items():
        filename = f"near-here/{key}.pdf"
        _write(out_dir, filename, result.pdf)
        out.append(PrintedDocument("near-here", key, f"What's on near {places[key].name}", filename,
                                   result.pages, directory.today))
    return out
