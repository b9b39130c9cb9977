"""python -m generator import {hsds,csv} SOURCE"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import progress
from generator.commands.common import add_progress_arguments, date_arg
from generator.directory import load_config

HELP = ("Make listing files from Open Referral UK / HSDS 3.0 data (JSON of any kind, the tabular "
        "package, a folder or a zip) or from a spreadsheet (CSV, one row per session; template in "
        "templates/import-template.csv).")
SHOWS_PROGRESS = True


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=["hsds", "csv"],
                   help="hsds: a .json file, a tabular package (folder with service.csv or "
                        "datapackage.json), a folder or a .zip of them; csv: one .csv file")
    p.add_argument("source", type=Path, metavar="SOURCE", help="the file, folder or zip to read")
    p.add_argument("--out", type=Path, default=Path("listings"), metavar="DIR",
                   help="folder to write listing files into (default: listings)")
    p.add_argument("--config", type=Path, default=Path("site_config"), metavar="DIR",
                   help="folder of the directory's settings (default: site_config)")
    p.add_argument("--update", action="store_true",
                   help="replace listing files that already exist (otherwise they are left alone)")
    p.add_argument("--checked-on", type=date_arg, metavar="DATE",
                   help="last_checked for records that do not say (YYYY-MM-DD): only if a person "
                        "really checked them on that date")
    p.add_argument("--checked-by", metavar="NAME", help="checked_by for records that do not say")
    p.add_argument("--category", metavar="ID",
                   help="category id for records whose categories cannot be matched")
    p.add_argument("--area", metavar="ID",
                   help="area id (site_config/areas.yml) for venues the source does not place in "
                        "one of your areas; without it, an area is guessed from the postcode "
                        "district only where the postcode file gives one answer (and the report "
                        "says it is a guess)")
    add_progress_arguments(p)


def _check_choice(value: str | None, known: list[str], option: str, file: str) -> str | None:
    if value is None or value in known:
        return None
    shown = ", ".join(known[:8]) + (", …" if len(known) > 8 else "")
    return f'{option} "{value}" is not an id in site_config/{file}: use one of {shown}.'


def run(args: argparse.Namespace) -> int:
    from generator.opendata import hsds_import, importing, sessions_csv
    from generator.opendata.area_guess import AreaGuesser
    from generator.opendata.build import Skipped

    config = load_config(args.config)
    if not args.source.exists():
        print(f"{args.source}: no such file or folder.", file=sys.stderr)
        return 2
    for message in (_check_choice(args.area, [a.id for a in config.areas], "--area", "areas.yml"),
                    _check_choice(args.category, [c.id for c in config.categories], "--category",
                                  "categories.yml")):
        if message:
            print(message, file=sys.stderr)
            return 2
    records, unreadable = [], []
    try:
        with progress.stage(f"Reading {args.source.name}", unit="records") as reading:
            if args.kind == "csv":
                records = sessions_csv.read(args.source)
            else:
                found = hsds_import.read_source(args.source)
                unreadable += [Skipped(r.where, r.reason) for r in found.refused]
                for item in hsds_import.records(found.services, config):
                    if isinstance(item, tuple):
                        unreadable.append(Skipped(*item))
                    else:
                        records.append(item)
            reading.advance(len(records) + len(unreadable))
    except (sessions_csv.LayoutError, hsds_import.SourceError) as err:
        print(err, file=sys.stderr)
        return 2
    defaults = importing.Defaults(args.checked_on, args.checked_by, args.category, args.area,
                                  None if args.area else AreaGuesser(config, args.config))
    with progress.stage("Writing listings", len(records), "records"):
        report = importing.run(records, args.out, args.config, config, update=args.update,
                               defaults=defaults)
    report.skipped[:0] = unreadable
    _print(report, args.out)
    return 0 if report.ok else 1


def _print(report, out: Path) -> None:
    for path in report.written:
        if not progress.quiet():
            print(f"wrote {path}")
        detail = report.details.get(path)
        if detail and detail.to_fill:
            print(f"  to fill in ({path} does not validate until a person writes these):",
                  file=sys.stderr)
            for line in detail.to_fill:
                print(f"    {line}", file=sys.stderr)
        if detail and detail.not_carried:
            print("  not carried over (a listing has no place for them):", file=sys.stderr)
            for line in detail.not_carried:
                print(f"    {line}", file=sys.stderr)
        if detail and detail.notes:
            print("  read from the source's words (check them):", file=sys.stderr)
            for line in detail.notes:
                print(f"    {line}", file=sys.stderr)
    for vid in report.venues_added if not progress.quiet() else ():
        print(f"added venue {vid} to {out / 'venues.yml'}")
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    for skip in report.skipped:
        print(f"not imported: {skip}", file=sys.stderr)
    filled = [p for p in report.written if report.details.get(p) and report.details[p].to_fill]
    for problem in report.problems:  # what `validate` says of the files written
        print(problem, file=sys.stderr)
    progress.final_line(f"{len(report.written)} listing file(s) written, {len(filled)} of them with "
                        f"facts to fill in; {len(report.skipped)} record(s) not imported.")
