"""How long a large-print booklet takes, how many pages and how much memory: 200 and 1,000 activities.

    python scripts/bench_print.py [--sizes 200 1000] [--workers 2] [--warm]

Writes a synthetic directory with `python -m generator fake`, keeps exactly N activities in
print, and builds the whole-directory booklet (no posters), cold. With --warm it builds it twice
more from the render cache the cold build filled: unchanged, and with one activity changed. Each size runs in a fresh process so
its peak memory (this process plus the largest worker, from resource.getrusage) is its own.

Each figure is printed beside the one from the run before (kept in .cache/bench_print.json,
which git ignores), with the machine's load average, so one run gives before and after.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import logging
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


def one(size: int, listings: Path, out: Path, cache: Path | None = None) -> None:
    sys.path.insert(0, str(ROOT))
    from generator.directory import load
    from generator.printing import booklet, check, render, select

    directory = load(listings, ROOT / "site_config", today=TODAY).directory
    chosen = select.in_print(directory)[:size]
    if len(chosen) < size:
        raise SystemExit(f"only {len(chosen)} activities in print; write more listings")
    config = directory.config.model_copy(update={"editions": ()})
    directory = dataclasses.replace(directory, activities=chosen, config=config)
    logging.basicConfig(format="      %(message)s")
    logging.getLogger("generator.printing.booklet").setLevel(logging.DEBUG)
    started, cpu_started, main_started = time.perf_counter(), _cpu(), _cpu(children=False)
    with render.pool(cache=cache / "cold" if cache else None) as pool:
        doc = booklet.build(directory, select.editions(directory)[0], out, pool)
    seconds = time.perf_counter() - started
    cpu = _cpu() - cpu_started  # the workers have been waited for: their time is counted
    main_cpu = _cpu(children=False) - main_started  # writing HTML, joining and stamping
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    sections = activity_pages(out / doc.filename)
    split = len(check.split_pages(out / doc.filename))
    result = {"seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
              "main_cpu_seconds": round(main_cpu, 1), "pages": doc.pages, "activity_pages": sections,
              "activities_per_page": round(size / sections, 2), "split_pages": split,
              "peak_mb": round(own + render.workers() * child), "load": round(os.getloadavg()[0], 1)}
    key = f"{size}@{render.workers()}"
    before = _load().get(key, {})

    def was(name: str) -> str:
        return f" (before: {before[name]})" if name in before else ""

    print(f"{size:>5} activities, {render.workers()} workers:")
    print(f"      time:                 {result['seconds']} s{was('seconds')}")
    print(f"      CPU time (user+sys):  {result['cpu_seconds']} s{was('cpu_seconds')}")
    print(f"        of it main process: {result['main_cpu_seconds']} s{was('main_cpu_seconds')}")
    print(f"      pages:                {doc.pages}{was('pages')}")
    print(f"      activity pages:       {sections}{was('activity_pages')}")
    print(f"      activities per page:  {result['activities_per_page']}{was('activities_per_page')}")
    print(f"      pages with a split activity: {split}{was('split_pages')}")
    print(f"      peak memory:          {result['peak_mb']} MB{was('peak_mb')} "
          f"(main {own:.0f} MB, largest worker {child:.0f} MB)")
    print(f"      load average after:   {result['load']}{was('load')}")
    if cache:
        result.update(_warm(directory, out, cache))
        print(f"      again, nothing changed: {result['warm_seconds']} s{was('warm_seconds')} "
              f"(CPU {result['warm_cpu_seconds']} s{was('warm_cpu_seconds')})")
        print(f"      again, one activity changed: {result['changed_seconds']} s"
              f"{was('changed_seconds')} (CPU {result['changed_cpu_seconds']} s"
              f"{was('changed_cpu_seconds')})")
    _save({**_load(), key: result})


def _warm(directory, out: Path, cache: Path) -> dict:
    """The same booklet from the render cache the cold build filled: unchanged, then with one
    activity's summary changed (its section part and nothing else is rendered again)."""
    from generator.printing import booklet, render, select

    edition = select.editions(directory)[0]
    figures = {}
    entries = list(directory.activities)
    middle = entries[len(entries) // 2]
    changed = dataclasses.replace(middle, activity=middle.activity.model_copy(
        update={"summary": middle.activity.summary + " Changed."}))
    entries[len(entries) // 2] = changed
    for name, version in (("warm", directory),
                          ("changed", dataclasses.replace(directory, activities=tuple(entries)))):
        started, cpu_started = time.perf_counter(), _cpu()
        with render.pool(cache=cache / "cold") as pool:
            booklet.build(version, edition, out / name, pool)
        figures[f"{name}_seconds"] = round(time.perf_counter() - started, 1)
        figures[f"{name}_cpu_seconds"] = round(_cpu() - cpu_started, 1)
    return figures


def _cpu(children: bool = True) -> float:
    """User and system CPU seconds of this process and of its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN) if children else None
    return own.ru_utime + own.ru_stime + (kids.ru_utime + kids.ru_stime if kids else 0.0)


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
    parser.add_argument("--warm", action="store_true",
                        help="also build each booklet again from the render cache: unchanged, then "
                             "with one activity changed")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--listings", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one, args.listings, args.out, args.cache_dir)
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
            warm = ["--cache-dir", str(Path(tmp) / f"cache-{size}")] if args.warm else []
            subprocess.run([sys.executable, __file__, "--one", str(size), "--listings", str(listings),
                            "--out", str(Path(tmp) / f"out-{size}"), *warm], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()
