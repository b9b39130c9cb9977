"""python -m generator checked ID [ID…] [--by NAME] [--date DATE]

Marks activities as checked by a person: sets `last_checked` (and with --by, `checked_by`) in
the listing file. ruamel.yaml (round-trip) finds the lines; only those lines change, so every
comment, blank line and the rest of the formatting stay exactly as the group wrote them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.commands.common import date_arg
from generator.directory import _display, listing_files
from generator.model import Listing
from generator.problems import suggest
from generator.yaml_load import YamlProblem, loads

HELP = "Mark an activity as checked today: sets last_checked (and checked_by with --by)."

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .'()&/-]*[A-Za-z0-9.)]|[A-Za-z]")
# One scalar value where it starts: a quoted string, or plain text up to a comment or line end
# (block style), or up to , } ] as well (flow style).
_BLOCK_VALUE = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^#\n]*?)(?=[ \t]+#|[ \t]*$)""")
_FLOW_VALUE = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,}\]#\n]*?)(?=[ \t]*[,}\]]|[ \t]+#|[ \t]*$)""")


class CheckedError(Exception):
    """Something the person must fix first; the message says what."""


def scalar(text: str) -> str:
    """`text` as a YAML value that reads back as exactly that text."""
    if _PLAIN.fullmatch(text) and text.lower() not in ("true", "false", "null", "yes", "no", "on", "off"):
        return text
    return json.dumps(text, ensure_ascii=False)


def find(listings: Path, activity_id: str) -> tuple[Path, int]:
    """The file and the index in its activities list of the activity with this id."""
    known: list[str] = []
    for path in listing_files(listings):
        try:
            text = path.read_text(encoding="utf-8")
            if activity_id not in text:  # cheap: most files need no parsing at all
                known += re.findall(r"^\s*-?\s*id:\s*([a-z0-9-]+)\s*$", text, re.M)
                continue
            data = YAML(typ="rt").load(text)
        except (YAMLError, UnicodeDecodeError, OSError):
            continue
        activities = data.get("activities") if isinstance(data, dict) else None
        for i, activity in enumerate(activities if isinstance(activities, list) else []):
            if isinstance(activity, dict):
                if activity.get("id") == activity_id:
                    return path, i
                known.append(str(activity.get("id")))
    raise CheckedError(f'No activity has the id "{activity_id}".{suggest(activity_id, known)} '
                       f"The ids are the `id:` lines in {listings}/*.yml.")


def set_fields(text: str, index: int, values: dict[str, str]) -> tuple[str, list[tuple[int, str, str]]]:
    """Set keys of activities[index] to values; change only their lines.

    Returns the new text and (line, old, new) for each change (line counted from 1)."""
    data = YAML(typ="rt").load(text)
    activity = data["activities"][index]
    lines = text.splitlines(keepends=True)
    flow = bool(activity.fa.flow_style())
    changes = []
    inserts = []
    for key, value in values.items():
        new = scalar(value) if key != "last_checked" else value
        if key in activity:
            line, col = activity.lc.value(key)
            source = lines[line]
            match = (_FLOW_VALUE if flow else _BLOCK_VALUE).match(source, col)
            if not match:
                raise CheckedError(f"Cannot read the {key} value on line {line + 1}. Change it by hand.")
            old = match.group(1)
            lines[line] = source[: match.start(1)] + new + source[match.end(1):]
            changes.append((line + 1, f"{key}: {old}", f"{key}: {new}"))
        elif flow:
            raise CheckedError(f"This activity has no {key} line and is written on one line. "
                               f"Add `{key}: {new}` by hand.")
        else:
            inserts.append((key, new))
    if inserts:
        last_key = list(activity)[-1]
        end = _end_line(activity, last_key, lines)
        indent = " " * activity.lc.key(list(activity)[0])[1]
        for offset, (key, new) in enumerate(inserts):
            newline = "" if lines[end + offset - 1].endswith("\n") else "\n"
            lines.insert(end + offset, f"{newline}{indent}{key}: {new}\n")
            changes.append((end + offset + 1, "(no line)", f"{key}: {new}"))
    return "".join(lines), changes


def _end_line(activity, last_key: str, lines: list[str]) -> int:
    """The index of the line after the activity's last value (skipping nested blocks)."""
    start = activity.lc.key(last_key)[0]
    key_col = activity.lc.key(last_key)[1]
    end = start + 1
    while end < len(lines):
        stripped = lines[end].strip()
        indent = len(lines[end]) - len(lines[end].lstrip())
        if stripped and not stripped.startswith("#") and indent <= key_col:
            break
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # keep blank lines after the activity where they were
    return end


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
            path, index = find(args.listings, activity_id)
            text = path.read_text(encoding="utf-8")
            new_text, changes = set_fields(text, index, values)
            _still_valid(new_text, path)
        except CheckedError as err:
            print(err, file=sys.stderr)
            failed += 1
            continue
        path.write_text(new_text, encoding="utf-8")
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
