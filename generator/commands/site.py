"""python -m generator site: the website only (no PDFs, no open-data files)."""

from __future__ import annotations

import argparse

from generator.commands import build

HELP = "Build the website only (no PDFs or open data), into --out (default: site)."
SHOWS_PROGRESS = True


def add_arguments(p: argparse.ArgumentParser) -> None:
    build.add_arguments(p)


def run(args: argparse.Namespace) -> int:
    return build.run(args, everything=False)
