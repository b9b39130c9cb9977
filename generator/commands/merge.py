"""python -m generator merge FILE [--dry-run]

Merges a listing file that came by e-mail or was downloaded from the web form into the right
listing in listings/ (found by its activities' ids, then the organisation's name), by the same
code the issue route uses (generator/listing_store.py): only the lines that differ change.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import listing_store as store
from generator.commands.common import add_directory_arguments
from generator.directory import _display, load

HELP = ("Merge a listing file that came by e-mail or download into the right listing: only the "
        "lines that differ change.")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE",
                   help="the file that came (a .yml file, or an e-mail from the web form saved as text)")
    p.add_argument("--dry-run", action="store_true", help="say what would change, and change nothing")
    add_directory_arguments(p)


def run(args: argparse.Namespace) -> int:
    try:
        outcome = store.merge_into(args.listings, args.file)
    except store.StoreError as err:
        print(f"{err} Nothing was changed.", file=sys.stderr)
        return 1
    shown = _display(outcome.path)
    if outcome.problems:
        for problem in outcome.problems:
            print(f"{shown}: {problem}", file=sys.stderr)
        print(f"The merged listing would not be valid, so {shown} was not changed. Ask the sender "
              "to correct the answers named above.", file=sys.stderr)
        return 1
    if not outcome.changes:
        print(f"Nothing to change: {shown} already says everything in {args.file.name}.")
        return 0
    verb = "Would add" if args.dry_run else "Added"
    if not outcome.created:
        verb = "Would change" if args.dry_run else "Changed"
    lines = store.changed_lines(outcome.before, outcome.text)
    print(f"{verb} {shown} ({len(lines)} line{'s' if len(lines) != 1 else ''}):")
    for change in outcome.changes:
        print(f"  {change}")
    if args.dry_run:
        return 0
    store.write(args.listings, outcome.path, outcome.text)
    check = load(args.listings, args.config, today=args.today, only=[outcome.path],
                 enrich_transport=False)
    if check.errors:
        if outcome.created:
            outcome.path.unlink()
        else:
            store.write(args.listings, outcome.path, outcome.before)
        for problem in check.errors:
            print(problem, file=sys.stderr)
        print(f"{shown} was put back as it was.", file=sys.stderr)
        return 1
    print("Check the change (git diff), then commit it.")
    return 0
