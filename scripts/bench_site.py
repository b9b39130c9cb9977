"""Benchmark the website build on synthetic directories (not a test).

    python scripts/bench_site.py                 # 1,000 and 10,000 listing files
    python scripts/bench_site.py --counts 1000   # just one size
    python scripts/bench_site.py --no-browser    # skip the query timing in Chromium

For each size: `python -m generator fake --count N` writes the listings (once, kept in --work),
then the site is built (no PDFs) and the seconds per stage, the finder index's size (raw and
gzipped) and query times in headless Chromium are printed.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [{"q": "walk"}, {"q": "lunch club", "free": "1"}, {"q": "", "day": "1", "time": "morning"},
           {"q": "singing", "area": ""}, {"q": "carers support tea"}]


def fake(count: int, work: Path) -> Path:
    target = work / f"listings-{count}"
    if not (target / ".done").exists():
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "generator", "fake", "--count", str(count),
                        "--out", str(target)], cwd=ROOT, check=True)
        (target / ".done").write_text("ok")
    return target


def query_times(site: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                              args=["--headless", "--no-sandbox", "--disable-gpu",
                                    "--disable-background-networking"])
        page = b.new_page()
        started = time.perf_counter()
        page.goto((site / "find" / "index.html").as_uri())
        page.wait_for_function("document.getElementById('result-count').textContent.includes('found')")
        ready = time.perf_counter() - started
        load_ms = page.evaluate("() => { const t = performance.now(); lunr.Index.load(WO_INDEX);"
                                " return performance.now() - t; }")
        times = page.evaluate("""(qs) => qs.map(q => {
            const state = Object.assign({q: '', category: '', day: '', time: '', area: '', age: '',
              audience: '', route: '', free: '', dropin: '', stepfree: ''}, q);
            WhatsOnFinder.find(state);  // warm
            const t = performance.now(); const n = WhatsOnFinder.find(state).length;
            return [JSON.stringify(q), performance.now() - t, n]; })""", QUERIES)
        b.close()
    out = {"finder page ready (s)": ready, "lunr.Index.load (ms)": load_ms}
    for q, ms, n in times:
        out[f"query {q} -> {n} results (ms)"] = ms
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--counts", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/whats-on-bench"))
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--no-zip", action="store_true")
    args = ap.parse_args()

    from generator.directory import load
    from generator.site import build_site

    for count in args.counts:
        listings = fake(count, args.work)
        started = time.perf_counter()
        result = load(listings, ROOT / "site_config")
        loaded = time.perf_counter() - started
        directory = result.directory
        out = args.work / f"site-{count}"
        report = build_site(directory, out, with_zip=not args.no_zip)
        total = time.perf_counter() - started
        raw = (out / "assets" / "search-index.js").read_bytes()
        docs = (out / "assets" / "search-docs.js").read_bytes()
        print(f"\n== {count} listing files, {len(directory.activities)} activities, "
              f"{report.pages} pages ==")
        print(f"  {'load listings':<22}{loaded:7.1f} s")
        for stage, seconds in report.seconds.items():
            print(f"  {stage:<22}{seconds:7.1f} s")
        print(f"  {'TOTAL':<22}{total:7.1f} s")
        print(f"  search index: {len(raw) / 1e6:.2f} MB raw, {len(gzip.compress(raw)) / 1e6:.2f} MB gzipped")
        print(f"  filter data:  {len(docs) / 1e6:.2f} MB raw, {len(gzip.compress(docs)) / 1e6:.2f} MB gzipped")
        print(f"  schedules.js: {report.schedule_bytes / 1e6:.2f} MB raw")
        if report.zip_path:
            print(f"  site zip:     {report.zip_path.stat().st_size / 1e6:.1f} MB")
        if not args.no_browser:
            for name, value in query_times(out).items():
                print(f"  {name:<60}{value:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
