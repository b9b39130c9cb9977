"""How long the test suite takes, and which tests cost the most: a benchmark, never an assertion.

    python scripts/bench_tests.py --fast          # make test-fast's selection
    python scripts/bench_tests.py                 # the whole suite (make test)
    python scripts/bench_tests.py --fast -- -n 0  # anything after -- goes to pytest

Prints the wall time, the CPU time (user + system, this process and every process it waited for)
and the load average before and after, then the tests that used the most CPU (setup, call and
teardown together; a session fixture is counted in the test that first needed it). On a shared
machine the wall time depends on the load; the CPU time much less, so compare that.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


class CpuPerTest:
    """A pytest plugin: CPU seconds per test, from setup to teardown."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        started = cpu()
        yield
        self.spent[item.nodeid] = cpu() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast", action="store_true", help='only -m "not browser and not pdf"')
    parser.add_argument("--top", type=int, default=30, help="how many of the costliest tests to list")
    parser.add_argument("pytest_args", nargs="*", help="more arguments for pytest (after --)")
    args = parser.parse_args(argv)

    pytest_args = ["-q", "-p", "no:cacheprovider", *(["-m", "not browser and not pdf"] if args.fast else []),
                   *args.pytest_args]
    plugin = CpuPerTest()
    before, started, wall = load(), cpu(), time.perf_counter()
    os.chdir(ROOT)
    code = pytest.main(list(pytest_args), plugins=[plugin])
    wall, spent, after = time.perf_counter() - wall, cpu() - started, load()

    print(f"\n{'make test-fast' if args.fast else 'make test'} selection: pytest {' '.join(pytest_args)}")
    print(f"wall {wall:.1f} s, CPU {spent:.1f} s (user + system, with child processes), "
          f"load average {before} before, {after} after, {os.cpu_count()} cores")
    if plugin.spent:
        print(f"{len(plugin.spent)} tests, {sum(plugin.spent.values()):.1f} s of CPU in the tests themselves "
              f"(the rest is start-up and collection); the {min(args.top, len(plugin.spent))} that used the most:")
        for nodeid, seconds in sorted(plugin.spent.items(), key=lambda kv: -kv[1])[:args.top]:
            print(f"  {seconds:6.2f} s  {nodeid}")
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
