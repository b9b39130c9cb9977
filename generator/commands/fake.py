"""python -m generator fake --count N --out DIR [--seed S]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.common import date_arg
from generator.directory import load_config
from generator.fake import ANCHOR, generate

HELP = "Write a realistic synthetic directory (for benchmarks and load tests) into an empty folder."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--count", type=int, default=100, metavar="N",
                   help="how many listing files to write (default: 100)")
    p.add_argument("--out", type=Path, required=True, metavar="DIR",
                   help="folder to write into; it must be empty or not exist yet")
    p.add_argument("--seed", type=int, default=1, metavar="S",
                   help="the same seed always writes the same files (default: 1)")
    p.add_argument("--config", type=Path, default=Path("site_config"), metavar="DIR",
                   help="settings whose category and area ids to use (default: site_config)")
    p.add_argument("--anchor", type=date_arg, default=ANCHOR, metavar="DATE",
                   help=f"dates (last_checked, one-off sessions) are around this day (default: {ANCHOR})")


def run(args: argparse.Namespace) -> int:
    if args.count < 1:
        print("--count must be at least 1.", file=sys.stderr)
        return 2
    if args.out.exists() and (not args.out.is_dir() or any(args.out.iterdir())):
        print(f"{args.out} is not an empty folder. Choose a new or empty folder, so no listings "
              "are overwritten.", file=sys.stderr)
        return 2
    config = load_config(args.config)
    result = generate(args.count, args.out, config, seed=args.seed, anchor=args.anchor)
    print(f"Wrote {result.files} listing file(s) with {result.activities} activities and "
          f"venues.yml with {result.venues} venues to {args.out} in {result.seconds:.1f}s.",
          file=sys.stderr)
    return 0
