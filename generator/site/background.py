"""Work that runs beside the rest of the build, on the other core, in a forked process.

    job = background.start(make_finder, big=True)   # forked now; the build goes on
    ...
    found = job.result()                             # waits; re-raises what the work raised

A forked child shares nothing afterwards: what it writes to disk is there when `result()`
returns, and what it returns comes back pickled (keep it small). Small directories, and systems
without fork, run the work at `start`, in this process, where forking would cost more than it
saves.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

_CHILD_WORK: list = []  # set only inside the forked child (by _take), which ends with the job


def _take(work: Callable[[], object]) -> None:
    _CHILD_WORK.append(work)


def _run() -> object:
    return _CHILD_WORK[0]()


class Job:
    def __init__(self, work: Callable[[], object], big: bool) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._future: Future = Future()
        if big and (os.cpu_count() or 1) > 1 and "fork" in mp.get_all_start_methods():
            # The child inherits `work` as the initializer's argument: fork pickles nothing.
            self._pool = ProcessPoolExecutor(1, mp_context=mp.get_context("fork"),
                                             initializer=_take, initargs=(work,))
            self._future = self._pool.submit(_run)
        else:
            try:
                self._future.set_result(work())
            except Exception as error:  # raised again by result(), as a child's would be
                self._future.set_exception(error)

    def result(self) -> object:
        try:
            return self._future.result()
        finally:
            if self._pool is not None:
                self._pool.shutdown()
                self._pool = None


def start(work: Callable[[], object], big: bool) -> Job:
    return Job(work, big)


__all__ = ["start", "Job"]
