"""Time the open-data outputs on a synthetic directory.

    python -m generator fake --count 1000 --out /tmp/fake1000/listings
    python scripts/bench_opendata.py /tmp/fake1000/listings
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.directory import load
from generator.opendata import export_calendars, export_hsds, link_workers, sessions_csv


def main() -> None:
    listings = Path(sys.argv[1] if len(sys.argv) > 1 else "listings")
    started = time.perf_counter()
    directory = load(listings, Path("site_config"), enrich_transport=False).directory
    print(f"load: {time.perf_counter() - started:.1f}s, {len(directory.activities)} activities")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for name, step in [
            ("hsds json + tabular", lambda: export_hsds(directory, out / "hsds")),
            ("calendars (category + area)", lambda: export_calendars(directory, out / "ics")),
            ("link-worker csv", lambda: link_workers.write(directory, out / "a.csv")),
            ("sessions csv", lambda: sessions_csv.write(directory, out / "s.csv")),
        ]:
            t = time.perf_counter()
            step()
            print(f"{name}: {time.perf_counter() - t:.1f}s")


if __name__ == "__main__":
    main()
