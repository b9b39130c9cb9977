"""How long a large-print booklet takes, and how much memory: 200 and 1,000 activities.

    python scripts/bench_print.py [--sizes 200 1000] [--workers 2]

Writes a synthetic directory with `python -m generator fake`, keeps exactly N activities in
print, and builds the whole-directory booklet (no posters). Each size runs in a fresh process so
its peak memory (this process plus the largest worker, from resource.getrusage) is its own.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)


def one(size: int, listings: Path, out: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from generator.directory import load
    from generator.printing import booklet, render, select

    directory = load(listings, ROOT / "site_config", today=TODAY).directory
    chosen = select.in_print(directory)[:size]
    if len(chosen) < size:
        raise SystemExit(f"only {len(chosen)} activities in print; write more listings")
    config = directory.config.model_copy(update={"editions": ()})
    directory = dataclasses.replace(directory, activities=chosen, config=config)
    started = time.perf_counter()
    with render.pool() as pool:
        doc = booklet.build(directory, select.editions(directory)[0], out, pool)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{size:>5} activities: {doc.pages:>4} pages in {seconds:5.1f} s "
          f"({doc.pages / seconds:4.1f} pages/s, {render.workers()} workers); peak memory: "
          f"main {own:4.0f} MB, largest worker {child:4.0f} MB, at most {own + render.workers() * child:4.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--listings", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one, args.listings, args.out)
        return
    env = {**os.environ, "WHATSON_PRINT_WORKERS": str(args.workers)}
    with tempfile.TemporaryDirectory(prefix="bench-print-") as tmp:
        listings = Path(tmp) / "listings"
        # about 2 activities a file, some stale or ended: write plenty
        files = max(args.sizes) // 1 + 100
        subprocess.run([sys.executable, "-m", "generator", "fake", "--count", str(files), "--out",
                        str(listings), "--anchor", "2026-10-01"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        for size in args.sizes:
            subprocess.run([sys.executable, __file__, "--one", str(size), "--listings", str(listings),
                            "--out", str(Path(tmp) / f"out-{size}")], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()
