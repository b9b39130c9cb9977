"""Benchmark the braille, audio and Easy Read editions of the demo (not a test).

    python scripts/bench_formats.py            # cold (empty cache), then warm, all editions
    python scripts/bench_formats.py --edition aigburth

Prints, for each run, the wall-clock seconds and the CPU seconds used by this process and by
every tool it started (WeasyPrint workers, lou_translate, espeak-ng, ffmpeg). On a shared
machine the wall clock depends on what else runs; CPU seconds / 2 is what the run costs on an
idle two-core machine. The machine's load average is printed too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edition", action="append")
    parser.add_argument("--kind", action="append", choices=("braille", "audio", "easy-read"))
    args = parser.parse_args()
    os.environ["WHATS_ON_CACHE"] = tempfile.mkdtemp(prefix="whats-on-bench-cache-")
    from generator import accessible
    from generator.directory import load

    directory = load(ROOT / "listings", ROOT / "site_config", today=dt.date(2026, 11, 22)).directory
    kinds = tuple(args.kind or ("braille", "audio", "easy-read"))
    with tempfile.TemporaryDirectory() as out:
        for run in ("cold", "warm"):
            started, used = time.perf_counter(), cpu()
            made = accessible.build_all(directory, Path(out), only=args.edition, kinds=kinds)
            wall, spent = time.perf_counter() - started, cpu() - used
            load1 = os.getloadavg()[0]
            print(f"{run}: {len(made)} files in {wall:.1f} s wall, {spent:.1f} CPU s "
                  f"(= {spent / 2:.1f} s on two idle cores); load average {load1:.1f}")
        audio = [d for d in made if d.kind == "audio"]
        if audio:
            print(f"audio: {sum(d.seconds for d in audio) / 60:.0f} minutes in {len(audio)} editions")
        size = sum(p.stat().st_size for p in Path(out).rglob("*") if p.is_file())
        print(f"written: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
