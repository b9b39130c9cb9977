"""python -m generator stale [--today DATE] [--format table|json|csv|markdown] [--strict]"""

from __future__ import annotations

import argparse
import sys

from generator import stale
from generator.commands.common import add_directory_arguments, load_or_exit

HELP = ("The staleness report: activities due for a check, stale, or ended, with who to ask "
        "(--format markdown gives a GitHub issue body).")


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_directory_arguments(p)
    p.add_argument("--format", choices=sorted(stale.RENDER), default="table",
                   help="table (default, for a terminal), json, csv or markdown (a GitHub issue body)")
    p.add_argument("--strict", action="store_true", help="exit 1 when any listing is stale")


def run(args: argparse.Namespace) -> int:
    result = load_or_exit(args, report=False, enrich_transport=False)
    files = len({p.file for p in result.errors})
    if files:
        print(f"{files} file(s) with errors were left out of this report. "
              "Run `python -m generator validate` to see why.", file=sys.stderr)
    rep = stale.report(result.directory)
    sys.stdout.write(stale.RENDER[args.format](rep))
    stale_count = rep.count(stale.Freshness.stale)
    if args.strict and stale_count:
        print(f"Aborted: {stale_count} stale listing(s) with --strict.", file=sys.stderr)
        return 1
    return 0
