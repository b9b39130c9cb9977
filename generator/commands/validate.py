"""python -m generator validate [PATHS]"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator.commands.common import add_directory_arguments, load_or_exit

HELP = "Check listings and print every problem as FILE:LINE:COLUMN: field: message."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="only report problems in these files (default: every listing)")
    add_directory_arguments(p)
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--github", action="store_true",
                   help="also print problems as GitHub Actions annotations")


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    only = args.paths or None
    result = load_or_exit(args, report=False, only=only)
    for problem in result.problems:
        print(problem)
        if args.github:
            level = "error" if problem.severity == "error" else "warning"
            print(f"::{level} file={problem.file},line={problem.line},col={problem.column}::"
                  f"{problem.field}: {problem.message}")
    errors, warnings = len(result.errors), len(result.warnings)
    seconds = time.perf_counter() - started
    activities = len(result.directory.activities)
    if errors or (warnings and args.strict):
        files = len({p.file for p in result.problems})
        print(f"{errors} problem(s) and {warnings} warning(s) in {files} file(s).", file=sys.stderr)
        if warnings and args.strict and not errors:
            print("Aborted: warnings count as problems with --strict.", file=sys.stderr)
        return 1
    print(f"All good: {result.files_read} file(s), {activities} activities checked in "
          f"{seconds:.1f}s" + (f", {warnings} warning(s)." if warnings else "."), file=sys.stderr)
    return 0
