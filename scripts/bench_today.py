"""What the home page's "what's on today" data costs a first visit (generator/site/today.py):
the whole directory in one schedules.js (a small directory) against the tiny start and the
largest area's file (a big one), raw and gzipped. Loads the listings only; no build.

    python scripts/bench_today.py --listings DIR [--config site_config] [--today 2026-11-02]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _kb(text: str) -> str:
    raw = text.encode()
    return f"{len(raw) / 1e3:,.1f} KB ({len(gzip.compress(raw, 6)) / 1e3:,.1f} KB gzipped)"


def main() -> None:
    from generator.directory import load
    from generator.site.today import today_files

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--listings", type=Path, required=True)
    p.add_argument("--config", type=Path, default=Path("site_config"))
    p.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 2))
    args = p.parse_args()
    started = time.perf_counter()
    directory = load(args.listings, args.config, today=args.today).directory
    print(f"loaded {len(directory.current()):,} activities in {time.perf_counter() - started:.1f} s")
    one = today_files(directory, big=False)["schedules.js"]
    print(f"one file (small directory): schedules.js {_kb(one)}")
    parts = today_files(directory, big=True)
    print(f"big directory: schedules.js (start) {_kb(parts['schedules.js'])}")
    areas = sorted((len(gzip.compress(t.encode(), 6)), p) for p, t in parts.items() if p != "schedules.js")
    for _size, path in areas:
        print(f"  {path}: {_kb(parts[path])}")
    largest = areas[-1][1]
    first = parts["schedules.js"] + parts[largest] + parts.get("today/no-area.js", "")
    print(f"first visit, largest area ({largest}) + no-area: "
          f"{sum(len(gzip.compress(t.encode(), 6)) for t in (parts['schedules.js'], parts[largest], parts.get('today/no-area.js', ''))) / 1e3:,.1f} KB gzipped, "
          f"{len(first.encode()) / 1e3:,.1f} KB raw")


if __name__ == "__main__":
    main()
