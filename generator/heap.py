"""Python's garbage collector, kept off what a build holds for the whole of its run.

A big directory is millions of objects that live as long as the build (every listing's models,
every Entry, every card), and a build makes garbage all the time (rendered pages, parsed
templates). At Python's usual pace the collector walks all of them again and again, though none
of what a build holds is ever garbage: measured on a rebuild of 10,000 listing files after one
change, a third of the time (22.5 s, 14.8 s with `held`). Reference counting still frees almost
everything as soon as it is done with; only reference cycles wait for the collector.

    with heap.held():      # what is alive now is out of the collector's reach, until the end
        ...                # forked workers inherit it (and their memory stays shared)
"""

from __future__ import annotations

import gc
from contextlib import contextmanager

THRESHOLD = (100_000, 50, 1000)  # Python's default is (700, 10, 10)


def hold() -> None:
    """For good, in this process (a worker process, as it starts): what is alive now is never
    walked by the collector again (`gc.freeze`), and collections run less often."""
    gc.freeze()
    gc.set_threshold(*THRESHOLD)


@contextmanager
def held():
    """`hold` for the length of a `with` block; the collector is as it was afterwards."""
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    hold()
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if not frozen:
            gc.unfreeze()


__all__ = ["THRESHOLD", "hold", "held"]
