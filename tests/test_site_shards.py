"""Builds split across machines: the parts (build --shard I/N) merged (build --merge) give the
site one build makes, byte for byte, on the demo."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site import build_site
from generator.site.shards import ShardError, merge_caches, parse


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


@pytest.mark.long
@pytest.mark.parametrize("count", [2, 16])
def test_parts_merged_are_the_site_one_build_makes(demo, tmp_path, count):
    """With 16 parts, twice the demo's 8 finder parts (7 areas and no area), parts 1 to 8 make
    a finder part each and no pages, and parts 9 to 16 share the pages."""
    parts = []
    made = 0
    finder_parts = len(demo.config.areas) + 1
    for part in range(1, count + 1):
        cache = tmp_path / f"part-{part}-cache"
        report = build_site(demo, tmp_path / f"part-{part}", cache=cache, shard=(part, count))
        assert report.cache_hits == 0
        areas = list((cache / "finder-area").rglob("*")) if (cache / "finder-area").exists() else []
        if count >= 2 * finder_parts:
            assert (report.pages > 0) == (part > finder_parts), part
            assert bool([p for p in areas if p.is_file()]) == (part <= finder_parts), part
        else:
            assert report.pages > 0
        made += report.pages
        parts.append(cache)
    assert made == len(demo.activities) + len(demo.organisations)
    merged_cache = tmp_path / "merged-cache"
    assert merge_caches(parts, merged_cache) > 0
    merged = build_site(demo, tmp_path / "merged", cache=merged_cache, with_zip=False)
    assert merged.cache_misses == 0  # every activity and organisation page came from a part
    assert merged.cache_hits >= len(demo.activities) + len(demo.organisations)
    single = build_site(demo, tmp_path / "single", with_zip=False)
    a, b = _files(tmp_path / "merged"), _files(tmp_path / "single")
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    assert merged.pages == single.pages


def test_shard_setting():
    assert parse("2/4") == (2, 4) and parse(" 1 / 1 ") == (1, 1)
    for bad in ("0/2", "3/2", "2", "a/b", ""):
        with pytest.raises(ShardError, match="like 2/4"):
            parse(bad)
    with pytest.raises(ShardError, match="no such folder"):
        merge_caches([Path("/nonexistent/cache")], Path("/tmp/unused"))
