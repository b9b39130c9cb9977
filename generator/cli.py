"""`python -m generator COMMAND`: a thin layer that finds the command module and runs it."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from generator import progress
from generator.directory import ConfigError

# Command name -> module in generator.commands. A command listed here whose module does not
# exist yet is simply not offered.
COMMANDS = {
    "validate": "validate",
    "stale": "stale",
    "new": "new",
    "checked": "checked",
    "fake": "fake",
    "schema": "schema",
    "build": "build",
    "site": "site",
    "print": "print_",
    "export": "export",
    "import": "import_",
    "transport": "transport",
    "issue-to-listing": "issue_to_listing",
    "merge": "merge",
    "linkcheck": "linkcheck",
    "changes": "changes",
    "github-templates": "github_templates",
    "remind": "remind",
    "coverage": "coverage",
}


def _modules() -> dict[str, object]:
    found = {}
    for name, module in COMMANDS.items():
        try:
            found[name] = importlib.import_module(f"generator.commands.{module}")
        except ModuleNotFoundError as err:
            if err.name != f"generator.commands.{module}":
                raise
    return found


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m generator",
        description="What's On: build a community activity directory from YAML listings.",
    )
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module in _modules().items():
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(run=module.run, shows_progress=getattr(module, "SHOWS_PROGRESS", False))
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if not args.shows_progress:
            return int(args.run(args) or 0)
        # long commands show each stage: a live display on a terminal, plain lines in logs
        with progress.session(progress.choose_mode(sys.stderr, quiet=args.quiet)):
            return int(args.run(args) or 0)
    except ConfigError as err:  # any command: the settings must be fixed before anything else
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print("The settings in site_config/ have problems; fix them first.", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        sys.stdout = open(os.devnull, "w")
        return 0
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
