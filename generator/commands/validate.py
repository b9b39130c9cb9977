"""python -m generator validate [PATHS]"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator.commands.common import add_directory_arguments, load_or_exit
from generator.directory import VENUES_FILE

HELP = "Check listings and print every problem as FILE:LINE:COLUMN: field: message."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="only report problems in these files (default: every listing); a file "
                        "outside --listings is checked as if it were in it")
    add_directory_arguments(p)
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--github", action="store_true",
                   help="also print problems as GitHub Actions annotations")


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    extra, refused = _sort_paths(args.paths, args.listings)
    for message in refused:
        print(message, file=sys.stderr)
    if refused:
        return 2
    only = args.paths or None
    result = load_or_exit(args, report=False, only=only, extra=extra)
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


def _sort_paths(paths: list[Path], listings: Path) -> tuple[list[Path], list[str]]:
    """Files outside the listings folder (to read as listings too), and why any path is refused.
    A path is never passed over unread: a missing file, a folder or a file that is not YAML is
    refused with a message."""
    extra, refused = [], []
    home = listings.resolve()
    for path in paths:
        if not path.exists():
            refused.append(f"{path}: no such file, so it was not checked.")
        elif path.is_dir():
            refused.append(f"{path} is a folder, not a listing file. To check a folder of "
                           f"listings, run: python -m generator validate --listings {path}")
        elif path.suffix not in (".yml", ".yaml"):
            refused.append(f"{path} is not a listing file: listings are YAML files ending .yml.")
        elif path.resolve().parent != home:
            if path.name == VENUES_FILE:
                refused.append(f"{path} is a venues file outside {listings}/. To check it, put it "
                               f"in a folder with its listings and run: python -m generator "
                               f"validate --listings FOLDER")
            else:
                extra.append(path)
    return extra, refused
