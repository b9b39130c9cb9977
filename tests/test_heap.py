"""generator.heap: what a build holds is kept out of the garbage collector's way, and the collector
is put back as it was when the build ends, finished or failed."""

import gc

import pytest

from generator import heap


def test_what_is_alive_when_a_build_starts_is_out_of_the_collectors_reach_until_it_ends():
    threshold = gc.get_threshold()
    kept = [object() for _ in range(1000)]
    assert gc.get_freeze_count() == 0
    with heap.held():
        assert gc.get_freeze_count() >= len(kept)
        assert gc.get_threshold() == heap.THRESHOLD
        assert gc.isenabled()  # cycles are still collected: only less often
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == threshold


def test_a_failed_build_leaves_the_collector_as_it_was():
    threshold = gc.get_threshold()
    with pytest.raises(RuntimeError), heap.held():
        raise RuntimeError("the build failed")
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == threshold


def test_a_build_inside_another_leaves_the_outer_ones_objects_frozen():
    with heap.held():
        outer = gc.get_freeze_count()
        with heap.held():
            pass
        assert gc.get_freeze_count() >= outer
    assert gc.get_freeze_count() == 0
