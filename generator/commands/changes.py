"""python -m generator changes [--since DATE] [--format markdown|csv|json|table]"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import json
import sys

from generator.changes import from_history
from generator.commands.common import add_directory_arguments, date_arg, load_or_exit
from generator.csv_cells import neutral_row
from generator.words.dates import long_date

HELP = ("What has changed in the listings, from their git history: new activities, changes to when, "
        "where, cost and how to join, and what has stopped.")
FORMATS = ("table", "markdown", "csv", "json")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", type=date_arg, metavar="DATE",
                   help="changes on or after DATE (YYYY-MM-DD; default: the weeks the site's "
                        "What's new page shows, site.whats_new_weeks)")
    p.add_argument("--format", choices=FORMATS, default="table",
                   help="table (default, for a terminal), markdown, csv or json")
    add_directory_arguments(p)


def run(args: argparse.Namespace) -> int:
    directory = load_or_exit(args).directory
    log = from_history(args.listings)
    if not log.available:
        print(log.note, file=sys.stderr)
        return 2
    since = args.since or directory.today - dt.timedelta(weeks=directory.config.site.whats_new_weeks)
    shown = [c for c in log.since(since) if c.day <= directory.today]
    out = sys.stdout
    if args.format == "json":
        json.dump({"since": since.isoformat(), "changes": [
            {**{k: v for k, v in dataclasses.asdict(c).items() if k != "areas"},
             "day": c.day.isoformat(), "heading": c.heading, "areas": list(c.areas)} for c in shown]},
            out, indent=1, ensure_ascii=False)
        out.write("\n")
    elif args.format == "csv":
        w = csv.writer(out)
        w.writerow(["date", "change", "activity_id", "activity", "organisation", "what changed"])
        for c in shown:
            w.writerow(neutral_row((c.day.isoformat(), c.heading, c.activity_id, c.name,
                                    c.organisation, c.text)))
    elif args.format == "markdown":
        out.write(f"# What has changed since {long_date(since)}\n\n")
        if not shown:
            out.write("Nothing has changed.\n")
        for c in shown:
            out.write(f"- **{c.day.isoformat()}** {c.heading}: {_md(c.name)} ({_md(c.organisation)}). "
                      f"{_md(c.text)}.\n")
    else:
        for c in shown:
            out.write(f"{c.day.isoformat()}  {c.heading:<18} {c.name}: {c.text}\n")
        print(f"{len(shown)} change(s) since {since.isoformat()}.", file=sys.stderr)
    return 0


def _md(text: str) -> str:
    """Names are written by groups: no links, mentions or emphasis in Markdown."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#@|!~" else ch for ch in text)
