"""python -m generator build: the whole demo — website, printable PDFs, open data and the zip."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator import changes, output_folder, progress, setup_checks
from generator.commands.common import add_directory_arguments, add_progress_arguments, load_or_exit

HELP = "Build everything into one folder: the website, the printable PDFs, open data and a zip."
SHOWS_PROGRESS = True


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("site"), metavar="DIR",
                   help="folder to write the site to; it is emptied first, so it must be new, "
                        "empty or an earlier build's (default: site)")
    p.add_argument("--cache", metavar="DIR",
                   help="folder where pages that did not change are kept between builds "
                        "(default: $WHATS_ON_CACHE, else .cache/whats-on); 'off' keeps nothing")
    add_directory_arguments(p)
    add_progress_arguments(p)


def run(args: argparse.Namespace, *, everything: bool = True) -> int:
    from generator.site import build_site  # noqa: PLC0415 - heavy
    from generator.site.cache import folder_from  # noqa: PLC0415

    started = time.perf_counter()
    try:
        output_folder.check(args.out, listings=args.listings, config=args.config)
    except output_folder.OutputRefused as err:
        print(err, file=sys.stderr)
        return 2
    result = load_or_exit(args)
    for warning in setup_checks.warnings(result.directory):  # a new directory's leftovers
        print(warning, file=sys.stderr)
    output_folder.prepare(args.out, listings=args.listings, config=args.config)
    with progress.stage("Changes from git history"):
        log = changes.from_history(args.listings)
    report = build_site(result.directory, args.out, with_print=everything, with_data=everything,
                        changes=log, cache=folder_from(args.cache))
    for note in report.notes:
        print(note, file=sys.stderr)
    seconds = time.perf_counter() - started
    parts = [f"{report.pages} pages"]
    if everything:
        parts.append(f"{len(report.printed)} PDFs")
        parts.append(f"{len(report.data_files)} open-data files")
    progress.final_line(f"Built {', '.join(parts)} into {args.out}/ in {seconds:.1f}s",
                        f". Open {args.out}/index.html to look.")
    return 0
