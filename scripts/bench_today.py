"""What the home page's "what's on today" data costs a first visit (generator/site/today.py):
the whole directory in one schedules.js (a small directory) against the tiny start and the
largest area's file (a big one), raw and gzipped. Loads the listings only; no build.

    python scripts/bench_today.py --listings DIR [--config site_config] [--today 2026-11-02]
    python scripts/bench_today.py --listings DIR --shell SITE   # and the home page's first visit

With --shell (a built site): two copies of it get the home page data of DIR, in one file and in
parts, served over HTTP with gzip (scripts/bench_first_visit.py); a fresh headless Chromium
opens the home page of each and, in parts, chooses the area with the largest file, counting the
bytes sent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bench_first_visit import Counting, serve


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
    p.add_argument("--shell", type=Path, help="a built site to measure the home page in")
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

    if args.shell:
        home_visits(args.shell, one, parts, largest)


def _site(shell: Path, files: dict[str, str]) -> Path:
    from generator.site import offline

    site = Path(tempfile.mkdtemp(prefix="bench-today-")) / "site"
    shutil.copytree(shell, site, ignore=shutil.ignore_patterns("print", "download"))
    for path, text in files.items():
        (site / "assets" / path).parent.mkdir(parents=True, exist_ok=True)
        (site / "assets" / path).write_text(text, encoding="utf-8")
    offline.write_service_worker(site)
    return site


def home_visits(shell: Path, one: str, parts: dict[str, str], largest: str) -> None:
    from playwright.sync_api import sync_playwright

    area = largest.removeprefix("today/").removesuffix(".js")
    for label, files in (("one file", {"schedules.js": one}), ("in parts", parts)):
        site = _site(shell, files)
        server = serve(site)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--headless", "--no-sandbox"])
            ctx = browser.new_context(service_workers="block")
            page = ctx.new_page()
            Counting.sent.clear()
            started = time.perf_counter()
            page.goto(base + "index.html")
            page.wait_for_load_state("networkidle")
            shown = time.perf_counter() - started
            first, count = sum(n for _, n in Counting.sent), len(Counting.sent)
            line = f"home page, {label}: {first / 1e3:,.0f} KB, {count} files ({shown:.1f} s to idle)"
            if label == "in parts":
                page.select_option("#today-area", area)
                page.click("#today-form button")
                page.wait_for_function("/Showing/.test(document.getElementById('today-status').textContent)")
                line += (f"; after choosing {area}: {sum(n for _, n in Counting.sent) / 1e3:,.0f} KB, "
                         f"{len(Counting.sent)} files")
            print(line, flush=True)
            browser.close()
        server.shutdown()
        shutil.rmtree(site.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
