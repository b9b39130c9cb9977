"""Arguments several commands share, defined once."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator.directory import LoadResult, load


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date. Write it like 2026-11-22') from None


def add_directory_arguments(
    p: argparse.ArgumentParser,
    today_help: str = "pretend today is DATE (YYYY-MM-DD), for reproducible output",
) -> None:
    p.add_argument("--listings", type=Path, default=Path("listings"), metavar="DIR",
                   help="folder of listing files (default: listings)")
    p.add_argument("--config", type=Path, default=Path("site_config"), metavar="DIR",
                   help="folder of the directory's settings (default: site_config)")
    p.add_argument("--today", type=date_arg, default=None, metavar="DATE", help=today_help)


def load_or_exit(args: argparse.Namespace, *, report: bool = True, **kwargs) -> LoadResult:
    """Load the directory and print its problems (listings with errors are left out).
    Bad settings raise ConfigError, which the CLI reports."""
    result = load(args.listings, args.config, today=args.today, **kwargs)
    if report and result.problems:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        files = len({p.file for p in result.errors})
        if files:
            print(f"{files} file(s) with errors were left out; everything else was built.",
                  file=sys.stderr)
    return result


def add_progress_arguments(p: argparse.ArgumentParser) -> None:
    """--quiet, for the long commands, which show their progress (generator/progress.py)."""
    p.add_argument("--quiet", action="store_true",
                   help="print only problems and the final line (which names the stages that took "
                        "the time)")
