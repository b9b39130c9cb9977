"""Open data in and out: HSDS 3.0 / Open Referral UK, spreadsheets (CSV) and iCalendar.

``export_all(directory, out_dir)`` writes everything the site publishes under ``/data/``::

    hsds/services.json             ORUK page envelope listing every service
    hsds/services/<uuid>.json      one service, fully nested (ORUK /services/{id})
    hsds/tabular/*.csv             HSDS tabular data package, with datapackage.json
    activities.csv                 the link workers' spreadsheet (one row per current activity)
    calendars/categories/<id>.ics  one calendar per category
    calendars/areas/<id>.ics       one calendar per area
"""

from __future__ import annotations

from pathlib import Path

from generator.directory import Directory


def export_hsds(directory: Directory, out_dir: Path, include_private: bool = False) -> list[Path]:
    from generator.opendata import hsds_files

    data = hsds_files.services(directory, include_private)
    return hsds_files.write_json(data, out_dir) + hsds_files.write_tabular(data, out_dir / "tabular")


def export_calendars(directory: Directory, out_dir: Path) -> list[Path]:
    from generator.calendar_ics import (
        collection_ics,
        entries_in_area,
        entries_in_category,
    )

    written: list[Path] = []
    cache: dict[str, bytes] = {}
    for kind, items, pick in (("categories", directory.config.categories, entries_in_category),
                              ("areas", directory.config.areas, entries_in_area)):
        folder = out_dir / kind
        folder.mkdir(parents=True, exist_ok=True)
        for item in items:
            path = folder / f"{item.id}.ics"
            path.write_bytes(collection_ics(directory, pick(directory, item.id), item.name, cache))
            written.append(path)
    return written


def export_all(directory: Directory, out_dir: Path) -> list[Path]:
    """Everything published under /data/ (no private fields: maintainers' e-mails stay out)."""
    from generator.opendata import link_workers

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = export_hsds(directory, out_dir / "hsds")
    written.append(link_workers.write(directory, out_dir / "activities.csv"))
    written += export_calendars(directory, out_dir / "calendars")
    return written
