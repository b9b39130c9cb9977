"""Benchmark the whole build, as `python -m generator build` runs it (not a test).

    python scripts/bench_build.py                      # the demo, then 1,000 listing files
    python scripts/bench_build.py --counts 1000 10000  # synthetic sizes (0 = the demo)

For each size the listings are written once by `python -m generator fake --count N` (kept in
--work), then `build` runs in a child process with its plain progress lines (one per stage), and
the whole time, the time per top-level stage and the machine's load are printed (the progress lines
go to --work/build-N.log as they come, each with the seconds since the start). The figures of the
last run of each size are kept in --work/bench_build.json and shown beside the new ones. With
--warm, each synthetic size is built twice with the build cache: cold (an empty cache), then warm
after one listing changed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fake(count: int, work: Path) -> Path:
    """The demo for 0, else the synthetic directory bench_site.py makes (kept in --work)."""
    if count == 0:
        return ROOT / "listings"
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_site import fake as fake_listings

    return fake_listings(count, work)


def one_change(listings: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_site import one_change as change

    change(listings)


def build(listings: Path, out: Path, cache: Path | None = None) -> tuple[float, dict[str, float], str]:
    shutil.rmtree(out, ignore_errors=True)
    log = out.with_name(out.name + ".log")  # the plain progress lines, written as they come
    started = time.perf_counter()
    lines = []
    with subprocess.Popen([sys.executable, "-m", "generator", "build", "--out", str(out),
                           "--listings", str(listings), "--today", "2026-11-22",
                           "--cache", str(cache) if cache else "off"],
                          cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True) as run, log.open("w") as written:
        for line in run.stderr:
            lines.append(line.rstrip("\n"))
            written.write(f"{time.perf_counter() - started:8.1f}  {line}")
            written.flush()
    seconds = time.perf_counter() - started
    if run.returncode:
        raise SystemExit("build failed:\n" + "\n".join(lines)[-3000:])
    stages = {}
    for line in lines:
        m = re.fullmatch(r"(\S[^:]*): done(?:, [\d,]+ \w+)? in ([\d.]+)s", line)
        if m:  # top-level stages only (nested ones are indented)
            stages[m.group(1)] = float(m.group(2))
    return seconds, stages, lines[-1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--counts", type=int, nargs="+", default=[0, 1000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/whats-on-bench"))
    ap.add_argument("--warm", action="store_true",
                    help="build with an empty cache, change one listing, build again with it")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    saved = args.work / "bench_build.json"
    before = json.loads(saved.read_text()) if saved.exists() else {}
    for count in args.counts:
        listings = fake(count, args.work)
        runs = [(str(count), listings, None)]
        if args.warm and count:
            copy = args.work / f"listings-{count}-bench"  # the warm build changes one file
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(listings, copy)
            cache = args.work / f"build-cache-{count}"
            shutil.rmtree(cache, ignore_errors=True)
            runs = [(f"{count} cold", copy, cache), (f"{count} warm", copy, cache)]
        for key, folder, cache in runs:
            if key.endswith("warm"):
                one_change(folder)
            load = os.getloadavg()[0]
            seconds, stages, last = build(folder, args.work / f"build-{count}", cache)
            name = ("demo" if count == 0 else f"{count:,} listing files") + key[len(str(count)):]
            old = before.get(key)
            was = f" (last run: {old['seconds']:.1f} s at load {old['load']:.1f})" if old else ""
            print(f"\n== {name}: {seconds:.1f} s{was}; load average {load:.1f} on {os.cpu_count()} cores ==")
            for stage, secs in sorted(stages.items(), key=lambda kv: -kv[1]):
                prev = (old or {}).get("stages", {}).get(stage)
                print(f"  {stage:<22}{secs:8.1f} s" + (f"   (was {prev:.1f} s)" if prev is not None else ""))
            print(f"  {last}")
            before[key] = {"seconds": seconds, "load": load, "stages": stages}
            saved.write_text(json.dumps(before, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
