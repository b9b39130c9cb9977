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
    p.add_argument("--shard", metavar="I/N",
                   help="build part I of N only (every Nth activity page, into the cache), to "
                        "split a big build across machines; then run build --merge")
    p.add_argument("--merge", nargs="+", type=Path, metavar="CACHE",
                   help="first copy these parts' cache folders (from build --shard) into the "
                        "cache, then build the whole site from them")
    add_directory_arguments(p)
    add_progress_arguments(p)


def run(args: argparse.Namespace, *, everything: bool = True) -> int:
    from generator.site import (
        build_site,
        shards,
    )
    from generator.site.cache import folder_from

    started = time.perf_counter()
    try:
        output_folder.check(args.out, listings=args.listings, config=args.config)
        shard = shards.parse(args.shard) if args.shard else None
    except (output_folder.OutputRefused, shards.ShardError) as err:
        print(err, file=sys.stderr)
        return 2
    cache = folder_from(args.cache)
    if cache is None and (shard or args.merge):
        print("--shard and --merge need the build cache: leave out --cache off.", file=sys.stderr)
        return 2
    if args.merge:
        try:
            with progress.stage("Merging the parts' caches"):
                shards.merge_caches(args.merge, cache)
        except shards.ShardError as err:
            print(err, file=sys.stderr)
            return 2
    result = load_or_exit(args, cache=cache)  # unchanged listing files come parsed from the cache
    for warning in setup_checks.warnings(result.directory):  # a new directory's leftovers
        print(warning, file=sys.stderr)
    output_folder.prepare(args.out, listings=args.listings, config=args.config)
    if shard:
        report = build_site(result.directory, args.out, cache=cache, shard=shard)
        progress.final_line(f"Built part {shard[0]} of {shard[1]}: {report.pages} pages into "
                            f"{cache}/ in {time.perf_counter() - started:.1f}s",
                            ". Then run build --merge with every part's cache folder.")
        return 0
    with progress.stage("Changes from git history"):
        log = changes.from_history(args.listings)
    report = build_site(result.directory, args.out, with_print=everything, with_data=everything,
                        changes=log, cache=cache)
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
