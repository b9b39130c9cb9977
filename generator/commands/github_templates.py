"""python -m generator github-templates [--check] [--labels]"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from generator import issue_forms
from generator.directory import load_config

HELP = ("Write the GitHub issue forms (.github/ISSUE_TEMPLATE/) from site_config/, so their "
        "choices and links match the directory's settings.")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, default=Path("site_config"), metavar="DIR",
                   help="folder of the directory's settings (default: site_config)")
    p.add_argument("--out", type=Path, default=Path(".github/ISSUE_TEMPLATE"), metavar="DIR",
                   help="where the issue forms go (default: .github/ISSUE_TEMPLATE)")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 if any form is missing or out of date")
    p.add_argument("--labels", action="store_true",
                   help="print the `gh label create` commands for the labels the forms and "
                        "workflows use (run them once: ... --labels | sh)")


def run(args: argparse.Namespace) -> int:
    if args.labels:
        for name, colour, description in issue_forms.LABELS_TO_CREATE:
            print(f"gh label create {shlex.quote(name)} --color {colour} "
                  f"--description {shlex.quote(description)} --force")
        return 0
    wanted = issue_forms.templates(load_config(args.config))
    stale = [name for name, text in wanted.items()
             if not (args.out / name).exists() or (args.out / name).read_text(encoding="utf-8") != text]
    if args.check:
        for name in stale:
            print(f"{args.out / name} is out of date: run `python -m generator github-templates`.",
                  file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (args.out / name).write_text(wanted[name], encoding="utf-8")
        print(f"Wrote {args.out / name}")
    if not stale:
        print("The issue forms are up to date.")
    return 0
