"""python -m generator remind [--send] [--out DIR] [--state FILE]"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator import remind
from generator.commands.common import add_directory_arguments, load_or_exit

HELP = ("E-mail each group whose activities are due for a check or stale: which ones, when each "
        "was last checked, an 'Update this activity' link and a one-step 'Nothing has changed' "
        "reply. A dry run (writes .eml files) unless --send.")


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_directory_arguments(p)
    p.add_argument("--send", action="store_true",
                   help="send them, with the smtp: settings in site.yml and the password from the "
                        "environment variable they name (default: a dry run that writes .eml files)")
    p.add_argument("--out", type=Path, default=remind.OUT, metavar="DIR",
                   help=f"where a dry run writes the messages (default: {remind.OUT})")
    p.add_argument("--state", type=Path, default=remind.STATE, metavar="FILE",
                   help=f"the sent-log that stops a group getting two reminders in a week "
                        f"(default: {remind.STATE})")


def run(args: argparse.Namespace) -> int:
    result = load_or_exit(args, report=False, enrich_transport=False)
    directory = result.directory
    state = remind.read_state(args.state)
    found = remind.reminders(directory, state)
    if not found:
        print(f"Nothing is due or stale on {directory.today.isoformat()}: no reminders to send.")
        return 0
    for r in found:
        n = len(r.items)
        what = f"{n} {'activity' if n == 1 else 'activities'} to check ({r.counts})"
        if r.skipped:
            print(f"{r.organisation}: {what}; not sent: {r.skipped}.")
        else:
            print(f"{r.organisation}: {what}, to {len(r.to)} address{'es' if len(r.to) > 1 else ''}.")
    ready = [r for r in found if r.message is not None]
    if not args.send:
        written = remind.write_eml(found, args.out)
        print(f"Dry run: {len(written)} reminder(s) written to {args.out}/ as .eml files; none sent. "
              "Look at them, then run again with --send.")
        return 0
    try:
        sent = remind.send(found, directory.config,
                           os.environ.get(directory.config.site.smtp.password_env)
                           if directory.config.site.smtp else None, state, directory.today)
    except remind.SendProblem as err:
        print(err, file=sys.stderr)
        return 2
    remind.write_state(args.state, state)
    for r, why in sent.failed:
        print(f"{r.organisation}: not sent: {why}.", file=sys.stderr)
    print(f"Sent {len(sent.sent)} of {len(ready)} reminder(s); recorded in {args.state}.")
    return 1 if sent.failed else 0
