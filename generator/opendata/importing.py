"""Write imported listings into a listings folder: never over an existing file unless asked,
new shared venues appended to venues.yml, and every written file validated afterwards."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator import listing_store
from generator.config import SiteConfig
from generator.directory import VENUES_FILE, load, read_model
from generator.model import Venue, VenuesFile
from generator.opendata.build import Record, Skipped, build
from generator.opendata.writer import add_venues, listing_yaml
from generator.problems import Problem


@dataclass
class Defaults:
    """Values for cells the source left empty (a person must choose them: never guessed)."""

    checked_on: dt.date | None = None
    checked_by: str | None = None
    category: str | None = None

    def apply(self, rec: Record) -> None:
        row = rec.row
        if self.checked_on and not row.get("last_checked", "").strip():
            row["last_checked"] = self.checked_on.isoformat()
        if self.checked_by and not row.get("checked_by", "").strip():
            row["checked_by"] = self.checked_by
        if self.category and not row.get("categories", "").strip():
            row["categories"] = self.category


@dataclass
class Report:
    written: list[Path] = field(default_factory=list)
    venues_added: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Skipped] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.skipped and not [p for p in self.problems if p.severity == "error"]


def known_venues(out: Path) -> dict[str, Venue]:
    path = out / VENUES_FILE
    if not path.exists():
        return {}
    vfile, _, _ = read_model(path, VenuesFile)
    return {v.id: v for v in vfile.venues if v.id} if vfile else {}


def run(records: list[Record], out: Path, config_dir: Path, config: SiteConfig, *,
        update: bool = False, defaults: Defaults | None = None) -> Report:
    report = Report()
    for rec in records:
        (defaults or Defaults()).apply(rec)
    out.mkdir(parents=True, exist_ok=True)
    built = build(records, config, known_venues(out))
    report.skipped += built.skipped
    report.notes += built.notes
    for org_id, listing in built.listings.items():
        try:
            path = listing_store.path_for(out, org_id)
        except listing_store.StoreError as err:
            report.skipped.append(Skipped(f"organisation {org_id[:60]}", str(err)))
            continue
        if path.exists() and not update:
            report.skipped.append(Skipped(
                f"organisation {org_id}", f"{path} already exists; use --update to replace it"))
            continue
        listing_store.write(out, path, listing_yaml(listing))
        report.written.append(path)
    new = [v for vid, v in built.new_venues.items()]
    add_venues(out / VENUES_FILE, new)
    report.venues_added = [v.id for v in new]
    if report.written:
        result = load(out, config_dir, only=report.written + [out / VENUES_FILE],
                      enrich_transport=False)
        report.problems = result.problems
    return report
