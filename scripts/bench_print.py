"""How long a large-print booklet takes, how many pages and how much memory: 200 and 1,000 activities.

    python scripts/bench_print.py [--sizes 200 1000] [--workers 2]

Writes a synthetic directory with `python -m generator fake`, keeps exactly N activities in
print, and builds the whole-directory booklet (no posters). Each size runs in a fresh process so
its peak memory (this process plus the largest worker, from resource.getrusage) is its own.

Each figure is printed beside the one from the run before (kept in .cache/bench_print.json,
which git ignores), with the machine's load average, so one run gives before and after.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)
RESULTS = ROOT / ".cache" / "bench_print.json"


FRONT = ("Cover", "How to use this booklet", "Contents")


def activity_pages(path: Path) -> int:
    """Pages from the first category section to the timetable (from the booklet's outline)."""
    import pikepdf

    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        starts = {item.title: pdf.pages.index(pikepdf.Page(item.destination[0])) for item in outline.root}
    first = min(page for title, page in starts.items() if title not in FRONT)
    return starts["Timetable: day by day"] - first


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
    sections = activity_pages(out / doc.filename)
    result = {"seconds": round(seconds, 1), "pages": doc.pages, "activity_pages": sections,
              "activities_per_page": round(size / sections, 2),
              "peak_mb": round(own + render.workers() * child), "load": round(os.getloadavg()[0], 1)}
    key = f"{size}@{render.workers()}"
    before = _load().get(key, {})

    def was(name: str) -> str:
        return f" (before: {before[name]})" if name in before else ""

    print(f"{size:>5} activities, {render.workers()} workers:")
    print(f"      time:                 {result['seconds']} s{was('seconds')}")
    print(f"      pages:                {doc.pages}{was('pages')}")
    print(f"      activity pages:       {sections}{was('activity_pages')}")
    print(f"      activities per page:  {result['activities_per_page']}{was('activities_per_page')}")
    print(f"      peak memory:          {result['peak_mb']} MB{was('peak_mb')} "
          f"(main {own:.0f} MB, largest worker {child:.0f} MB)")
    print(f"      load average after:   {result['load']}{was('load')}")
    _save({**_load(), key: result})


def _load() -> dict:
    try:
        return json.loads(RESULTS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _save(results: dict) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")


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
