"""python -m generator import {hsds,csv} SOURCE"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.common import date_arg
from generator.directory import load_config

HELP = ("Make listing files from Open Referral UK / HSDS 3.0 service JSON or from a spreadsheet "
        "(CSV, one row per session; template in templates/import-template.csv).")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=["hsds", "csv"],
                   help="hsds: a .json file or a folder of them; csv: one .csv file")
    p.add_argument("source", type=Path, metavar="SOURCE", help="the file or folder to read")
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


def run(args: argparse.Namespace) -> int:
    from generator.opendata import hsds_import, importing, sessions_csv  # noqa: PLC0415
    from generator.opendata.build import Skipped  # noqa: PLC0415

    config = load_config(args.config)
    if not args.source.exists():
        print(f"{args.source}: no such file or folder.", file=sys.stderr)
        return 2
    records, unreadable = [], []
    try:
        if args.kind == "csv":
            records = sessions_csv.read(args.source)
        else:
            for where, svc in hsds_import.read_source(args.source):
                try:
                    records.append(hsds_import.to_record(where, svc, config))
                except ValueError as err:
                    unreadable.append(Skipped(hsds_import.label(where, svc), str(err)))
    except (sessions_csv.LayoutError, hsds_import.SourceError) as err:
        print(err, file=sys.stderr)
        return 2
    defaults = importing.Defaults(args.checked_on, args.checked_by, args.category)
    report = importing.run(records, args.out, args.config, config, update=args.update,
                           defaults=defaults)
    report.skipped[:0] = unreadable
    for path in report.written:
        print(f"wrote {path}")
    for vid in report.venues_added:
        print(f"added venue {vid} to {args.out / 'venues.yml'}")
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    for skip in report.skipped:
        print(f"not imported: {skip}", file=sys.stderr)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(f"{len(report.written)} listing file(s) written; {len(report.skipped)} record(s) not "
          f"imported.", file=sys.stderr)
    return 0 if report.ok else 1
