"""python -m generator issue-to-listing --kind new|update|stopped|checked --body-file FILE"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator.commands.common import add_directory_arguments
from generator.directory import load_config
from generator.issue_to_listing import KINDS, IssueProblem, convert, pr_body
from generator.safe_paths import UnsafePath, listing_file

HELP = ("Turn a submitted GitHub issue form into a listing file (new), an edit of one (update, "
        "stopped), or a check (checked: nothing has changed).")
CRASHED = ("Sorry: something in this issue stopped us reading it. A volunteer has been told and "
           "will look at it.")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--kind", choices=KINDS, required=True,
                   help="which form was used: new (Add an activity), update, stopped, or checked "
                        "(Nothing has changed)")
    p.add_argument("--body-file", type=Path, required=True, metavar="FILE",
                   help="the issue's text, as GitHub wrote it ('-' reads standard input)")
    p.add_argument("--issue", type=int, default=None, metavar="N", help="the issue number, for the PR text")
    p.add_argument("--author", default=None, metavar="LOGIN",
                   help="the GitHub user who opened the issue: the PR text says when they are not "
                        "one of the group's maintainers")
    add_directory_arguments(p, today_help="the date to record as last_checked (default: today)")
    p.add_argument("--pr-body", type=Path, default=None, metavar="FILE",
                   help="also write a pull request description to FILE")
    p.add_argument("--dry-run", action="store_true", help="print the file instead of writing it")


def run(args: argparse.Namespace) -> int:
    try:
        body = sys.stdin.read() if str(args.body_file) == "-" else args.body_file.read_text(
            encoding="utf-8", errors="replace")
    except OSError as err:
        print(f"Cannot read {args.body_file}: {err.strerror}.", file=sys.stderr)
        return 2
    config = load_config(args.config)
    try:
        result = convert(body, args.kind, args.listings, config, args.today or dt.date.today(),
                         author=args.author)
    except IssueProblem as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
    except Exception:
        print(CRASHED, file=sys.stderr)
        return 3
    if args.dry_run:
        sys.stdout.write(result.text)
        return 0
    try:  # the one place this route writes: never outside listings/, never a non-id name
        listing_file(args.listings, result.path.stem, result.path.suffix)
        if result.path.resolve().parent != args.listings.resolve():
            raise UnsafePath(f"{result.path} is not in {args.listings}; nothing was written.")
    except UnsafePath as err:
        print(err, file=sys.stderr)
        return 1
    result.path.parent.mkdir(parents=True, exist_ok=True)
    result.path.write_text(result.text, encoding="utf-8")
    if args.pr_body:
        args.pr_body.write_text(pr_body(result, args.kind, args.issue), encoding="utf-8")
    print(result.path.as_posix())
    return 0
