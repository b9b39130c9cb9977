"""python -m generator new [--org NAME --activity NAME … --yes]"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from generator import listing_store, scaffold
from generator.commands.common import add_directory_arguments
from generator.directory import _display, load

HELP = "Start a new listing file from a few questions (or from flags with --yes)."

# question key -> flag
FLAGS = {
    "org": "--org", "activity": "--activity", "summary": "--summary", "category": "--category",
    "day": "--day", "start": "--start", "end": "--end", "venue": "--venue",
    "venue_name": "--venue-name", "address": "--address", "postcode": "--postcode", "area": "--area",
    "shared_venue": "--shared-venue", "cost": "--cost", "access": "--access", "phone": "--phone",
    "checked_by": "--checked-by", "email": "--email",
}
# With --yes, these may be left out: the file says so, and the person is told. Facts (cost, how
# to join) are never assumed.
ASSUMED = {"summary": lambda a: a["activity"]}


def add_arguments(p: argparse.ArgumentParser) -> None:
    for key, flag in FLAGS.items():
        p.add_argument(flag, dest=f"a_{key}", metavar="TEXT", default=None,
                       help=f"answer to the {key.replace('_', ' ')} question")
    p.add_argument("--yes", action="store_true",
                   help="do not ask anything: use the flags (summary defaults to the activity "
                        "name; a new venue is this listing's own unless --shared-venue yes)")
    add_directory_arguments(p, today_help="the date for last_checked (default: today)")


def _ask(question: scaffold.Question, answers: dict[str, str]) -> str:
    print(question.prompt)
    for n, (value, label) in enumerate(question.choices, 1):
        print(f"  {n:>2}. {label} ({value})")
    while True:
        try:
            reply = input("> ")
        except EOFError:
            raise SystemExit("\nStopped before the end: no file was written.") from None
        try:
            return scaffold.check_answer(question, reply, answers)
        except scaffold.Invalid as err:
            print(f"{err} Please try again.")


def run(args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()
    result = load(args.listings, args.config, today=today, enrich_transport=False)
    questions = scaffold.questions(result.directory.config, result.directory.venues)
    answers: dict[str, str] = {}
    problems: list[str] = []
    assumed: list[str] = []
    for q in questions:
        if not q.when(answers):
            continue
        given = getattr(args, f"a_{q.key}")
        if given is not None:
            try:
                answers[q.key] = scaffold.check_answer(q, given, answers)
                continue
            except scaffold.Invalid as err:
                if args.yes:
                    problems.append(f"{FLAGS[q.key]}: {err}")
                    continue
                print(f"{FLAGS[q.key]}: {err}")
        if args.yes:
            if q.key in ASSUMED and "activity" in answers:
                answers[q.key] = ASSUMED[q.key](answers)
                assumed.append(f"{q.key}: {answers[q.key]}")
            elif q.optional:
                answers[q.key] = ""
            else:
                problems.append(f"{FLAGS[q.key]} is needed with --yes ({q.prompt})")
            continue
        answers[q.key] = _ask(q, answers)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print("No file was written.", file=sys.stderr)
        return 1

    path = scaffold.file_for(args.listings, answers)
    if not path.exists() and answers.get("shared_venue") == "yes":
        try:
            answers["venue"] = scaffold.add_shared_venue(args.listings, answers)
        except scaffold.Invalid as err:
            print(err, file=sys.stderr)
            return 1
        print(f"Added the venue to {_display(args.listings / 'venues.yml')} as {answers['venue']}.")
    if path.exists():
        print(f"{_display(path)} already exists, so nothing was written. To change that listing, "
              "edit the file; for a new one, use a different organisation name.", file=sys.stderr)
        return 1
    activity = scaffold.activity_id(answers, scaffold.taken_ids(args.listings))
    listing_store.write(args.listings, path, scaffold.render(answers, activity, today))
    print(f"Wrote {_display(path)} (activity id: {activity}).")
    if assumed:
        print("Assumed (change them in the file if they are wrong): " + "; ".join(assumed))
    check = load(args.listings, args.config, today=today, only=[path], enrich_transport=False)
    for problem in check.errors:
        print(problem, file=sys.stderr)
    if check.errors:
        return 1
    print(f"It is valid. Add the details you left out (the lines starting with #), then run: "
          f"python -m generator validate {_display(path)}")
    return 0
