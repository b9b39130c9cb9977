"""What a first visit downloads (not a test): the bytes on the wire for the home page, the finder
and an activity page, served over HTTP with gzip as a web host would, in headless Chromium.

    python scripts/bench_first_visit.py              # builds the demo site (no PDFs) first
    python scripts/bench_first_visit.py --site site  # an existing build

For each page, a fresh browser (nothing cached) opens it; the server counts the bytes it sends
(headers and compressed bodies). "page" is what the page itself loads; "then in the background"
is what the service worker keeps for offline use after that first page.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"home": "index.html", "finder": "find/index.html",
         "activity page": "activities/aigburth-tuesday-walk/index.html"}
COMPRESS = {".html", ".css", ".js", ".json", ".svg", ".webmanifest", ".xml", ".txt", ".ics", ".csv"}


class Counting(http.server.SimpleHTTPRequestHandler):
    sent: list[tuple[str, int]] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        gz = path.suffix in COMPRESS and "gzip" in self.headers.get("Accept-Encoding", "")
        if gz:
            body = gzip.compress(body, 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)
        head = len(self.requestline) + 200  # request and response headers, roughly
        Counting.sent.append((self.path, len(body) + head))


def serve(site: Path):
    handler = lambda *a, **k: Counting(*a, directory=str(site), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def measure(site: Path) -> dict[str, tuple[int, int, int]]:
    from playwright.sync_api import sync_playwright

    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                    args=["--headless", "--no-sandbox"])
        for name, path in PAGES.items():
            ctx = browser.new_context(service_workers="block")  # the page alone
            page = ctx.new_page()
            Counting.sent.clear()
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            first, files = sum(n for _, n in Counting.sent), len(Counting.sent)
            ctx.close()
            ctx = browser.new_context(service_workers="allow")  # and what is kept for offline
            page = ctx.new_page()
            Counting.sent.clear()
            page.goto(base + path)
            page.evaluate("""async () => { const r = await navigator.serviceWorker.ready;
                const w = r.active; if (w.state !== 'activated') await new Promise(done =>
                w.addEventListener('statechange', () => w.state === 'activated' && done())); }""")
            page.wait_for_load_state("networkidle")
            total = sum(n for _, n in Counting.sent)
            out[name] = (first, files, total - first)
            ctx.close()
        browser.close()
    server.shutdown()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the demo)")
    args = parser.parse_args()
    site = args.site
    if site is None:
        site = Path(tempfile.mkdtemp(prefix="first-visit-")) / "site"
        subprocess.run([sys.executable, "-m", "generator", "site", "--quiet", "--out", str(site),
                        "--today", "2026-11-22"], cwd=ROOT, check=True)
    print(f"{'page':16} {'first visit':>12} {'files':>6} {'then in the background':>24}")
    for name, (first, files, later) in measure(site).items():
        print(f"{name:16} {first / 1000:>9.0f} KB {files:>6} {later / 1000:>21.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
