"""How fast is validation? Generates synthetic directories with `fake` and times the loader.

    python scripts/bench_validate.py                 # 1,000 and 10,000 listings
    python scripts/bench_validate.py --sizes 500 2000 --seed 7

For each size it writes a seeded fake directory into a temporary folder (deleted afterwards),
times `generator.directory.load()` (best of --repeat runs) and, once at the largest size, the
whole `python -m generator validate --listings DIR` command in a fresh process. It prints
seconds, files a second and the CPU seconds used (this process plus its worker processes), so a
busy shared machine can be told apart from a slow loader. The target is 10,000 listings in
under 10 seconds.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.directory import load, load_config  # noqa: E402
from generator.fake import generate  # noqa: E402

TARGET_SECONDS = 10.0
TARGET_SIZE = 10_000


def cpu_seconds() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def time_load(folder: Path, config: Path, repeat: int) -> tuple[float, float, int, int]:
    """Best wall time of `repeat` loads, CPU seconds of that run, activities and errors."""
    best = (float("inf"), 0.0, 0, 0)
    for _ in range(repeat):
        cpu, started = cpu_seconds(), time.perf_counter()
        result = load(folder, config)
        wall = time.perf_counter() - started
        if wall < best[0]:
            best = (wall, cpu_seconds() - cpu, len(result.directory.activities), len(result.errors))
    return best


def time_cli(folder: Path, config: Path) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", "validate", "--listings", str(folder),
                           "--config", str(config)], cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - started, done.returncode


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1_000, TARGET_SIZE])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeat", type=int, default=2, help="loads per size; the best is kept")
    p.add_argument("--config", type=Path, default=ROOT / "site_config")
    args = p.parse_args()
    config = load_config(args.config)
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}")
    print(f"{'listings':>9} {'activities':>10} {'generate s':>10} {'load s':>7} {'files/s':>8} "
          f"{'CPU s':>6}  errors")
    slow = False
    with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
        for size in args.sizes:
            folder = Path(tmp) / f"fake-{size}"
            made = generate(size, folder, config, seed=args.seed)
            wall, cpu, activities, errors = time_load(folder, args.config, args.repeat)
            print(f"{size:>9,} {activities:>10,} {made.seconds:>10.2f} {wall:>7.2f} "
                  f"{(size + 1) / wall:>8,.0f} {cpu:>6.1f}  {errors}")
            if errors:
                print(f"  the fake directory has {errors} error(s): the generator and the "
                      "validator disagree", file=sys.stderr)
                return 1
            if size >= TARGET_SIZE and wall > TARGET_SECONDS * size / TARGET_SIZE:
                slow = True
        biggest = Path(tmp) / f"fake-{max(args.sizes)}"
        wall, code = time_cli(biggest, args.config)
        print(f"CLI: python -m generator validate --listings <{max(args.sizes):,} listings>: "
              f"{wall:.2f} s end to end (exit {code})")
    print(f"load average now: {os.getloadavg()[0]:.2f}")
    if slow:
        print(f"Slower than the target ({TARGET_SECONDS:.0f} s for {TARGET_SIZE:,} listings).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
