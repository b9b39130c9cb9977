"""Builds split across machines (build --shard I/N, then build --merge).

Part I of N makes every Nth activity and organisation page, from the Ith, into its build cache
(generator.site.cache); the parts share nothing, so they can run on N machines at once. The final
step copies every part's cache into one and runs the ordinary build, which then takes all those
pages from the cache. Since the cache holds each page under the hash of everything it is made
from, the merged site is byte for byte the site one build makes (tests/test_site_shards.py).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path


class ShardError(ValueError):
    pass


def parse(text: str) -> tuple[int, int]:
    """'2/4' -> (2, 4)."""
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text or "")
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise ShardError(f"--shard {text}: give the part and the number of parts, like 2/4 "
                         "(part 2 of 4); the part counts from 1.")
    return int(m.group(1)), int(m.group(2))


def page_share(shard: tuple[int, int] | None, finder_parts: int) -> tuple[int, int] | None:
    """Which of the activity and organisation pages part I of N makes, as (J, M) for
    stamp.in_shard: every Mth from the Jth (J = 0: none). With at least twice as many parts as
    the finder has parts (an area's each, made by parts 1, 2, ...: finder.keep_area_parts), those
    first parts make no pages and the rest share them, so that no part takes much longer than
    the others (a big area's finder part takes as long as a part's pages)."""
    if shard is None:
        return None
    part, parts = shard
    if parts < 2 * finder_parts:
        return shard
    if part <= finder_parts:
        return (0, parts - finder_parts)
    return (part - finder_parts, parts - finder_parts)


def merge_caches(parts: list[Path], into: Path) -> int:
    """Copy each part's cache files into `into` (files with the same name are the same bytes:
    the name is their hash). Returns how many were copied."""
    copied = 0
    for part in parts:
        part = Path(part)
        if not part.is_dir():
            raise ShardError(f"{part}: no such folder (give the cache folders the parts wrote).")
        for path in part.rglob("*"):
            if not path.is_file() or path.name.startswith(".part-"):
                continue
            target = into / path.relative_to(part)
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)  # same disk: no copying
            except OSError:
                shutil.copyfile(path, target)
            copied += 1
    return copied


__all__ = ["parse", "merge_caches", "page_share", "ShardError"]
