"""A tiny listings folder in a temporary directory: one organisation, one activity, the demo's
venues and settings. For tests that need a real Directory with awkward text in it, without
building the whole demo again."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from generator.directory import LoadResult, load
from tests.conftest import DEMO, DEMO_TODAY

ORGANISATION = {
    "name": "Tiny Test Group",
    "email": "hello@tiny.example.org",
    "maintainers": [{"name": "Pat Q. Volunteer", "email": "pat.volunteer@tiny.example.org",
                     "github": "pat-volunteer-tiny"}],
}
ACTIVITY = {
    "id": "tiny-walk",
    "name": "Tiny Walk",
    "summary": "A short walk, then tea.",
    "categories": ["walking"],
    "cost": {"kind": "free"},
    "how_to_go": {"access": "drop-in"},
    "schedules": [{"frequency": "weekly", "days": ["tuesday"], "start": "10:00", "end": "11:00"}],
    "where": {"venue": "st-annes-hall"},
    "last_checked": "2026-11-01",
    "checked_by": "Pat",
}


def listing(activity: dict | None = None, organisation: dict | None = None) -> dict:
    act = copy.deepcopy(ACTIVITY)
    act.update(activity or {})
    org = copy.deepcopy(ORGANISATION)
    org.update(organisation or {})
    return {"organisation": org, "activities": [act]}


def write(folder: Path, name: str, data: dict | str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    venues = folder / "venues.yml"
    if not venues.exists():
        venues.write_bytes((DEMO / "listings" / "venues.yml").read_bytes())
    path = folder / f"{name}.yml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def directory(folder: Path, activity: dict | None = None, organisation: dict | None = None,
              *, name: str = "tiny-test-group") -> LoadResult:
    write(folder, name, listing(activity, organisation))
    return load(folder, DEMO / "site_config", today=DEMO_TODAY, enrich_transport=False)
