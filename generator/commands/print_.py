"""python -m generator print [--out DIR] [--edition ID] [--today DATE]"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator import changes, progress
from generator.commands.common import add_directory_arguments, add_progress_arguments, load_or_exit

HELP = ("Make the large-print booklets (one per edition) and the A4 posters as PDFs, and each edition "
        "in braille, audio and Easy Read.")
SHOWS_PROGRESS = True


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_directory_arguments(p)
    p.add_argument("--out", type=Path, default=Path("site/print"), metavar="DIR",
                   help="folder to write the PDFs to (default: site/print)")
    p.add_argument("--edition", action="append", metavar="ID",
                   help="only this edition from site_config/editions.yml (repeat for more)")
    p.add_argument("--paper", choices=("white", "yellow"), default="white",
                   help="white (default), or pale yellow for readers who find it easier")
    p.add_argument("--no-posters", action="store_true", help="make the booklets only")
    p.add_argument("--no-formats", action="store_true",
                   help="leave out the braille, audio and Easy Read editions")
    add_progress_arguments(p)


def run(args: argparse.Namespace) -> int:
    from generator.accessible import build_all as build_formats
    from generator.printing import build_all  # WeasyPrint is slow to import: only when printing
    from generator.printing.build import UnknownEdition

    started = time.perf_counter()
    directory = load_or_exit(args).directory
    try:
        made = build_all(directory, args.out, editions=args.edition, paper=args.paper,
                         posters_too=not args.no_posters, changes=changes.from_history(args.listings))
        formats = [] if args.no_formats else build_formats(directory, args.out, only=args.edition)
    except UnknownEdition as err:
        print(err, file=sys.stderr)
        return 2
    if not progress.quiet():
        for doc in made:
            if doc.kind == "booklet":
                print(f"{args.out / doc.filename}: {doc.title}, {doc.pages} pages")
    posters = sum(1 for d in made if d.kind == "poster")
    near = sum(1 for d in made if d.kind == "near-here")
    pages = sum(d.pages for d in made)
    if not progress.quiet():
        for doc in formats:
            print(f"{args.out / doc.filename}: {doc.title}, {doc.describe()}")
    progress.final_line(f"{len(made) - posters - near} booklet(s), {posters} poster(s) and {near} "
                        f"near-here poster(s), {pages} pages in {time.perf_counter() - started:.1f}s, "
                        f"in {args.out}")
    return 0
