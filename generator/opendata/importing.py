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
from generator.opendata.area_guess import AreaGuesser
from generator.opendata.build import Fill, Record, Skipped, build
from generator.opendata.writer import add_venues, listing_yaml
from generator.problems import Problem


@dataclass
class Defaults:
    """Values for cells the source left empty (a person must choose them: never guessed)."""

    checked_on: dt.date | None = None
    checked_by: str | None = None
    category: str | None = None
    area: str | None = None  # --area: for venues the source does not place in an area
    guesser: AreaGuesser | None = None  # the postcode-district guess, said as a guess

    def apply(self, rec: Record) -> None:
        row = rec.row
        has_venue = bool(row.get("venue_name") or row.get("venue_address"))
        if has_venue and not row.get("venue_area", "").strip():
            if self.area:
                row["venue_area"] = self.area
            elif self.guesser and (found := self.guesser.guess(row.get("venue_postcode", ""))):
                row["venue_area"] = found[0]
                rec.notes.append(found[1])
        if self.checked_on and not row.get("last_checked", "").strip():
            row["last_checked"] = self.checked_on.isoformat()
        if self.checked_by and not row.get("checked_by", "").strip():
            row["checked_by"] = self.checked_by
        if self.category and not row.get("categories", "").strip():
            row["categories"] = self.category


@dataclass
class ListingReport:
    to_fill: list[str] = field(default_factory=list)
    not_carried: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    written: list[Path] = field(default_factory=list)
    venues_added: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Skipped] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # per listing file written: what a person must fill, what was not carried, how it was read
    details: dict[Path, ListingReport] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return (not self.skipped and not [p for p in self.problems if p.severity == "error"]
                and not any(d.to_fill for d in self.details.values()))


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
    report.notes += [n for n in built.notes
                     if not any(n.where == r.where for rs in built.records.values() for r in rs)]
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
        fills = built.fills.get(org_id, [])
        detail = _detail(listing, fills, built.records.get(org_id, []))
        listing_store.write(out, path, listing_yaml(listing, fills, _comments(detail)))
        report.written.append(path)
        report.details[path] = detail
    new = [v for vid, v in built.new_venues.items()]
    add_venues(out / VENUES_FILE, new)
    report.venues_added = [v.id for v in new]
    if report.written:
        result = load(out, config_dir, only=report.written + [out / VENUES_FILE],
                      enrich_transport=False)
        report.problems = result.problems
    return report


def _detail(listing, fills: list[tuple[int, Fill]], records: list[Record]) -> ListingReport:
    out = ListingReport()
    for index, fill in fills:
        if not fill.hidden:
            out.to_fill.append(f"{fill.shown(index)} ({listing.activities[index].id}): {fill.reason}")
    for index, rec in enumerate(records):
        who = f"activities[{index}] ({listing.activities[index].id})"
        out.not_carried += [f"{who}: {t}" for t in rec.not_carried]
        out.notes += [f"{who}: {t}" for t in rec.notes]
    return out


def _comments(detail: ListingReport) -> list[str]:
    """The report's lists at the top of the file, for the person who finishes it."""
    lines: list[str] = []
    if detail.to_fill:
        lines += ["Imported. TO FILL IN: the source does not say these, so this file does not",
                  "validate until a person writes them in:"]
        lines += [f"  - {t}" for t in detail.to_fill]
    if detail.not_carried:
        lines += ["Not carried over (a listing has no place for them):"]
        lines += [f"  - {t}" for t in detail.not_carried]
    if detail.notes:
        lines += ["Read from the source's words (check them):"]
        lines += [f"  - {t}" for t in detail.notes]
    return lines
