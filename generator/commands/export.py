"""python -m generator export {hsds,csv,sessions,ics,all} OUT"""

from __future__ import annotations

import argparse
from pathlib import Path

from generator import progress
from generator.commands.common import add_directory_arguments, add_progress_arguments, load_or_exit

HELP = ("Write open data: HSDS 3.0 / Open Referral UK JSON and tabular package, the link "
        "workers' CSV, the import-layout CSV, or calendars (.ics).")
SHOWS_PROGRESS = True

KINDS = {
    "hsds": "OUT is a folder: services.json (ORUK page), services/<id>.json, tabular/",
    "csv": "OUT is a file: the link workers' spreadsheet, one row per current activity",
    "sessions": "OUT is a file: the import layout, one row per session (see templates/import-csv.md)",
    "ics": "OUT is a folder: one calendar per category and per area",
    "all": "OUT is a folder: everything the site publishes under /data/",
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=list(KINDS), help="; ".join(f"{k}: {v}" for k, v in KINDS.items()))
    p.add_argument("out", type=Path, metavar="OUT", help="where to write")
    p.add_argument("--include-private", action="store_true",
                   help="hsds: also export maintainers' names and e-mails (for a private backup, "
                        "never for publishing)")
    add_directory_arguments(p)
    add_progress_arguments(p)


STAGES = {"hsds": "Open Referral UK data", "csv": "Link workers' CSV", "sessions": "Sessions CSV",
          "ics": "Calendars", "all": "Open data"}


def run(args: argparse.Namespace) -> int:
    directory = load_or_exit(args).directory
    out: Path = args.out
    with progress.stage(STAGES[args.kind], unit="files") as shown:
        written = _write(args, directory, out)
        shown.advance(len(written))
    progress.final_line(f"Wrote {len(written)} file(s) to {out} ({len(directory.activities)} activities).")
    return 0


def _write(args: argparse.Namespace, directory, out: Path) -> list:
    from generator import opendata
    from generator.opendata import link_workers, sessions_csv

    if args.kind == "hsds":
        written = opendata.export_hsds(directory, out, include_private=args.include_private)
    elif args.kind == "csv":
        written = [link_workers.write(directory, out)]
    elif args.kind == "sessions":
        out.parent.mkdir(parents=True, exist_ok=True)
        written = [sessions_csv.write(directory, out)]
    elif args.kind == "ics":
        written = opendata.export_calendars(directory, out)
    else:
        written = opendata.export_all(directory, out)
    return written
