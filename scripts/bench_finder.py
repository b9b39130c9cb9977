"""What the finder costs a phone (not a test): bytes on the first visit, bytes and seconds to the
first results on a slow 3G line, and query times, in headless Chromium over HTTP with gzip.

    python scripts/bench_finder.py --site site                # a built site
    python scripts/bench_finder.py --listings DIR --shell site
        # the finder data of the listings in DIR (e.g. `python -m generator fake --count 44500`),
        # made with generator.site.finder alone and put into a copy of a built site (--shell),
        # so a directory of 100,000 activities needs no whole site build

Figures: "first visit" is the empty finder page (what every visitor downloads, service workers
blocked, nothing cached); then a search with no area and one in an area (all the bytes each
fetched); "slow 3G" is Chrome DevTools' profile (400 ms latency, 400 kbit/s each way) from
starting to open the page until the first result is on screen; query times are performance.now()
around WhatsOnFinder.find() once its parts are loaded (median of 5).
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench_first_visit import Counting, serve  # noqa: E402

SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8,
           "uploadThroughput": 400_000 / 8}
QUERIES = [{"q": "walk"}, {"q": "lunch club", "free": "1"}, {"q": "singing"}, {"q": "carers support tea"},
           {"q": "knitting tuesday"}]


def finder_only(listings: Path, config: Path, shell: Path, today: dt.date, out: Path | None) -> Path:
    """A copy of a built site (pages, CSS, JS) with the finder data of `listings`."""
    from generator.directory import load
    from generator.site import finder, offline
    from generator.site.views import route_table

    started = time.perf_counter()
    directory = load(listings, config, today=today).directory
    loaded = time.perf_counter() - started
    print(f"loaded {len(directory.current()):,} activities in {loaded:.1f} s", flush=True)
    started = time.perf_counter()
    routes, _ = route_table(directory)
    files = finder.finder_files(directory, routes)
    made = time.perf_counter() - started
    site = out or Path(tempfile.mkdtemp(prefix="bench-finder-")) / "site"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(shell, site, ignore=shutil.ignore_patterns("print", "download", "activities",
                                                               "organisations"))
    shutil.rmtree(site / "assets" / "finder", ignore_errors=True)
    for path, text in files.items():
        (site / "assets" / path).parent.mkdir(parents=True, exist_ok=True)
        (site / "assets" / path).write_text(text, encoding="utf-8")
    offline.write_service_worker(site)
    print(f"{len(directory.current()):,} activities from {listings}: loaded in {loaded:.1f} s, "
          f"finder data made in {made:.1f} s")
    return site


def sizes(site: Path) -> None:
    folder = site / "assets" / "finder"
    rows = {"start": [folder / "start.js"], "area parts": sorted((folder / "area").glob("*.js")) +
            [folder / "no-area.js"], "names parts": sorted((folder / "names").glob("*.js"))}
    print(f"{'finder data':14} {'files':>6} {'raw':>10} {'gzipped':>10} {'largest gzipped':>18}")
    for name, paths in rows.items():
        gz = [len(gzip.compress(p.read_bytes(), 6)) for p in paths]
        raw = sum(p.stat().st_size for p in paths)
        print(f"{name:14} {len(paths):>6} {raw / 1e3:>7.0f} KB {sum(gz) / 1e3:>7.0f} KB {max(gz) / 1e3:>15.1f} KB")


def _launch(p):
    return p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                             args=["--headless", "--no-sandbox", "--disable-gpu"])


def _first_area(site: Path) -> str:
    from generator.site.finder import read_part

    start = read_part((site / "assets" / "finder" / "start.js").read_text(encoding="utf-8"))
    return max((p for p in start["parts"] if p[0]), key=lambda p: p[2])[0]


def measure(site: Path, pages_too: bool = True) -> None:
    from playwright.sync_api import sync_playwright

    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    area = _first_area(site)
    pages = {"first visit (empty finder)": "find/index.html",
             "search, no area: walk": "find/index.html?q=walk",
             f"search in {area}: walk": f"find/index.html?q=walk&area={area}"}
    with sync_playwright() as p:
        browser = _launch(p)
        print(f"\n{'page':34} {'bytes':>9} {'files':>6} {'slow 3G: first results':>24}")
        for name, path in pages.items() if pages_too else ():
            ctx = browser.new_context(service_workers="block")
            page = ctx.new_page()
            Counting.sent.clear()
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.wait_for_function("!/Loading|Searching/.test(document.getElementById('result-count')"
                                   ".textContent)", timeout=120_000)
            got, files = sum(n for _, n in Counting.sent), len(Counting.sent)
            ctx.close()
            ctx = browser.new_context(service_workers="block")
            page = ctx.new_page()
            cdp = ctx.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_3G)
            started = time.perf_counter()
            page.goto(base + path, wait_until="commit", timeout=300_000)
            wanted = ("document.querySelector('#results li') || /Choose an area|found/.test("
                      "(document.getElementById('result-count') || {}).textContent)")
            page.wait_for_function(wanted, timeout=300_000, polling=50)
            slow = time.perf_counter() - started
            ctx.close()
            print(f"{name:34} {got / 1e3:>6.0f} KB {files:>6} {slow:>22.1f} s")
        ctx = browser.new_context(service_workers="block")
        page = ctx.new_page()
        page.goto(base + "find/index.html")
        print(f"\n{'query':40} {'results':>8} {'ms (median of 5)':>18}")
        for q in QUERIES + [dict(q, area=area) for q in QUERIES[:2]] + [{"area": area, "day": "1"}]:
            state = dict({"q": "", "category": "", "day": "", "time": "", "area": "", "age": "",
                          "audience": "", "route": "", "free": "", "dropin": "", "stepfree": ""}, **q)
            page.evaluate("s => new Promise(done => WhatsOnFinder.load(s, done))", state)
            ms, n = page.evaluate("""s => { const t = []; let n = 0;
                for (let k = 0; k < 5; k++) { const a = performance.now();
                  n = WhatsOnFinder.find(Object.assign({}, s)).length; t.push(performance.now() - a); }
                t.sort((x, y) => x - y); return [t[2], n]; }""", state)
            label = " ".join(f"{k}={v}" for k, v in q.items())
            print(f"{label:40} {n:>8} {ms:>15.1f} ms")
        ctx.close()
        browser.close()
    server.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site")
    parser.add_argument("--listings", type=Path, help="listings to make the finder data of")
    parser.add_argument("--config", type=Path, default=ROOT / "site_config")
    parser.add_argument("--shell", type=Path, help="with --listings: a built site to put it in")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 22))
    parser.add_argument("--queries-only", action="store_true", help="only the query times")
    parser.add_argument("--out", type=Path, help="with --listings: where to put the site (default: a new "
                        "temporary folder); measure it again later with --site")
    args = parser.parse_args()
    if args.listings:
        if not args.shell:
            parser.error("--listings needs --shell (a built site, e.g. of the demo)")
        site = finder_only(args.listings, args.config, args.shell, args.today, args.out)
    elif args.site:
        site = args.site
    else:
        parser.error("give --site, or --listings with --shell")
    print(f"load average {open('/proc/loadavg').read().split()[:3]}")
    sizes(site)
    measure(site, not args.queries_only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
