"""python -m generator checked ID [ID…] [--by NAME] [--date DATE]

Marks activities as checked by a person: sets `last_checked` (and with --by, `checked_by`) in
the listing file. ruamel.yaml (round-trip) finds the lines; only those lines change, so every
comment, blank line and the rest of the formatting stay exactly as the group wrote them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from pydantic import ValidationError

from generator import listing_store as store
from generator.commands.common import date_arg
from generator.directory import _display
from generator.listing_store import StoreError as CheckedError
from generator.model import Listing
from generator.yaml_load import YamlProblem, loads

HELP = "Mark an activity as checked today: sets last_checked (and checked_by with --by)."


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("ids", nargs="+", metavar="ID", help="the id of the activity (its `id:` line)")
    p.add_argument("--by", metavar="NAME", help="who checked it: sets checked_by")
    p.add_argument("--date", type=date_arg, default=None, metavar="DATE",
                   help="the date it was checked (default: today)")
    p.add_argument("--listings", type=Path, default=Path("listings"), metavar="DIR",
                   help="folder of listing files (default: listings)")


def run(args: argparse.Namespace) -> int:
    if args.date and args.date > dt.date.today():
        print(f"{args.date} is in the future. Give the date the details were checked.", file=sys.stderr)
        return 1
    day = (args.date or dt.date.today()).isoformat()
    values = {"last_checked": day} | ({"checked_by": args.by.strip()} if args.by else {})
    failed = 0
    for activity_id in args.ids:
        try:
            path, index = store.find_activity(args.listings, activity_id)
            text = path.read_text(encoding="utf-8")
            new_text, changes = store.set_fields(text, index, values)
            _still_valid(new_text, path)
        except CheckedError as err:
            print(err, file=sys.stderr)
            failed += 1
            continue
        store.write(args.listings, path, new_text)
        for line, old, new in changes:
            print(f"{_display(path)}:{line}: {old} -> {new}")
    if not failed:
        print("Thank you! Commit the change (or send the file) so the directory knows it is "
              "up to date.", file=sys.stderr)
    return 1 if failed else 0


def _still_valid(text: str, path: Path) -> None:
    """Refuse to write a change that our own loader could not read back."""
    try:
        Listing.model_validate(loads(text).data)
    except YamlProblem as err:
        raise CheckedError(f"{_display(path)}:{err.line}: the change would not be valid YAML "
                           f"({err.message}). Nothing was changed.") from None
    except ValidationError:
        pass  # the file had other problems before; `validate` reports them
