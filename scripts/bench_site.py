"""Benchmark the website build on synthetic directories (not a test).

    python scripts/bench_site.py                 # 1,000 and 10,000 listing files
    python scripts/bench_site.py --counts 1000   # just one size
    python scripts/bench_site.py --no-browser    # skip the query timing in Chromium

For each size: `python -m generator fake --count N` writes the listings (once, kept in --work),
then the site is built cold (no PDFs, an empty cache, a new site folder) and the seconds per
stage, the CPU seconds (this process and its workers), the site's size, the finder data's size
(raw and gzipped) and query times in headless Chromium are printed; then one listing is changed
and the site built again into the same folder with the cache (warm), as a nightly `build` does.
Each figure is printed beside the last run's (kept in --work/bench_site.json), with the machine's
load average, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
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
        page.wait_for_function("/found|Choose an area/.test("
                               "document.getElementById('result-count').textContent)")
        ready = time.perf_counter() - started
        load_ms = 0.0  # the finder's parts load as searches need them (scripts/bench_finder.py)
        times = page.evaluate("""async (qs) => { const out = []; for (const q of qs) {
            const state = Object.assign({q: '', category: '', day: '', time: '', area: '', age: '',
              audience: '', route: '', free: '', dropin: '', stepfree: ''}, q);
            await new Promise(done => WhatsOnFinder.load(state, done));
            WhatsOnFinder.find(state);  // warm
            const t = performance.now(); const n = WhatsOnFinder.find(state).length;
            out.push([JSON.stringify(q), performance.now() - t, n]); } return out; }""", QUERIES)
        b.close()
    out = {"finder page ready (s)": ready, "lunr.Index.load (ms)": load_ms} if load_ms else \
        {"finder page ready (s)": ready}
    for q, ms, n in times:
        out[f"query {q} -> {n} results (ms)"] = ms
    return out


def one_change(listings: Path) -> Path:
    """Change one activity's summary in `listings` (a copy), for the warm build."""
    first = sorted(p for p in listings.glob("*.yml") if p.name != "venues.yml")[0]
    first.write_text(re.sub(r"(?m)^(\s+summary: ).*$", r"\1Changed for the warm build.",
                            first.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    return listings


def _was(old: dict | None, name: str) -> str:
    value = (old or {}).get(name)
    return f"   (was {value:.1f} s)" if value is not None else ""


def build_once(listings: Path, out: Path, args: argparse.Namespace, cache: Path | None,
               label: str, before: dict) -> dict:
    from generator.directory import load
    from generator.site import build_site

    load_average = os.getloadavg()[0]
    cpu = os.times()
    started = time.perf_counter()
    result = load(listings, ROOT / "site_config", cache=cache)
    loaded = time.perf_counter() - started
    directory = result.directory
    report = build_site(directory, out, with_zip=not args.no_zip, cache=cache)
    total = time.perf_counter() - started
    done = os.times()
    cpu_seconds = sum(getattr(done, f) - getattr(cpu, f) for f in
                      ("user", "system", "children_user", "children_system"))
    figures = {"load listings": loaded, **report.seconds, "TOTAL": total, "CPU seconds": cpu_seconds}
    old = before.get(label)
    was = f" (last run: {old['TOTAL']:.1f} s at load {old['machine load']:.1f})" if old else ""
    print(f"\n== {label}: {len(directory.activities)} activities, {report.pages} pages; "
          f"load average {load_average:.1f} on {os.cpu_count()} cores{was} ==")
    if cache is not None:
        print(f"  cache: {report.cache_hits:,} kept, {report.cache_misses:,} made; site folder: "
              f"{report.changed:,} files written, {report.removed:,} removed, the rest left alone")
    for stage, seconds in figures.items():
        print(f"  {stage:<22}{seconds:7.1f} s{_was(old, stage)}")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"  site size:    {size / 1e6:.1f} MB")
    figures["machine load"] = load_average
    figures["load average at the end"] = os.getloadavg()[0]
    print(f"  load average at the end: {figures['load average at the end']:.1f}")
    figures["site MB"] = size / 1e6
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--counts", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/whats-on-bench"))
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--no-zip", action="store_true")
    ap.add_argument("--no-warm", action="store_true",
                    help="skip the warm build (with the cache, after one listing changed)")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    saved = args.work / "bench_site.json"
    before = json.loads(saved.read_text()) if saved.exists() else {}

    for count in args.counts:
        listings = args.work / f"listings-{count}-bench"  # a copy: the warm build changes it
        shutil.rmtree(listings, ignore_errors=True)
        shutil.copytree(fake(count, args.work), listings)
        out = args.work / f"site-{count}"
        cache = args.work / f"cache-{count}"
        shutil.rmtree(cache, ignore_errors=True)  # cold: no cache, a new folder (not timed)
        shutil.rmtree(out, ignore_errors=True)
        label = f"{count:,} listing files, cold"
        before[label] = build_once(listings, out, args, None if args.no_warm else cache, label,
                                   before)
        parts = sorted((out / "assets" / "finder").rglob("*.js"))  # the finder's data, in parts
        raw = sum(p.stat().st_size for p in parts)
        packed = sum(len(gzip.compress(p.read_bytes())) for p in parts)
        start = (out / "assets" / "finder" / "start.js").read_bytes()
        print(f"  finder data: {len(parts)} parts, {raw / 1e6:.2f} MB raw, {packed / 1e6:.2f} MB gzipped; "
              f"start.js {len(gzip.compress(start)) / 1e3:.1f} KB gzipped")
        zips = sorted((out / "download").glob("*.zip")) if (out / "download").exists() else []
        for z in zips:
            print(f"  {z.name}: {z.stat().st_size / 1e6:.1f} MB")
        if not args.no_browser:
            for name, value in query_times(out).items():
                print(f"  {name:<60}{value:8.1f}")
        if not args.no_warm:
            label = f"{count:,} listing files, warm after one change"
            before[label] = build_once(one_change(listings), out, args, cache, label, before)
        saved.write_text(json.dumps(before, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
