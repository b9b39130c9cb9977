"""python -m generator coverage [--format markdown|csv|html] [--out FILE]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import coverage
from generator.commands.common import add_directory_arguments, load_or_exit

HELP = ("Where the gaps are, for coordinators: categories x areas, days x time of day, free and "
        "step-free shares and freshness by area, with the empty cells picked out.")


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_directory_arguments(p)
    p.add_argument("--format", choices=("markdown", "csv", "html"), default="markdown",
                   help="markdown (default), csv (one row per cell) or html (a page on its own; "
                        "the built site has it at coordinators/coverage/)")
    p.add_argument("--out", type=Path, default=None, metavar="FILE",
                   help="write to FILE instead of printing")


def run(args: argparse.Namespace) -> int:
    result = load_or_exit(args, report=False, enrich_transport=False)
    cov = coverage.coverage(result.directory)
    text = (coverage.as_html(cov, result.directory) if args.format == "html"
            else coverage.RENDER[args.format](cov))
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"Wrote {args.out}")
    else:
        sys.stdout.write(text)
    return 0
