"""Writing the site folder so that a build does work in proportion to what changed.

A build writes every file of the site through `put`, which leaves a file alone when it already
holds the same bytes (reading and comparing is far cheaper than writing: on a disk with online
discard, as here, replacing or deleting a file costs milliseconds each). The site folder is not
emptied first; instead `SiteFiles.remove_rest` deletes, at the end, the files this build did not
write (a listing that went, the pages of an earlier, bigger directory). So a build into a folder
holding an earlier build gives the same folder as a build into an empty one
(tests/test_site_cache.py).

Each file written is recorded (what it was made from, its size, modification time and SHA-256)
in the build cache, so the next build into the same folder can pass over a file whose
inputs did not change without reading it or the cache (`SiteFiles.unchanged`), and the zips know
each file's hash without reading it (generator.site.zips). A file touched since (another size or
modification time) is never trusted: it is compared, and written again if it differs.

Work that needs many small files removed afterwards (the staging docs and mkdocs' own output)
goes to a folder in memory (/dev/shm) when there is one and the build is small enough (`in_memory`).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from generator.output_folder import MARKER
from generator.site.cache import Cache
from generator.site.cache import key as cache_key

SHM = Path("/dev/shm")


def _records(data: bytes | None) -> dict:
    try:
        found = pickle.loads(data) if data is not None else {}
    except Exception:  # damaged or from other code: compare every file
        return {}
    return found if isinstance(found, dict) else {}


def put(target: Path, data: bytes) -> bool:
    """Write `data` to `target` unless it already holds exactly those bytes. True if written."""
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    target.write_bytes(data)
    return True


# What the build knows of a file it wrote: (what it was made from, or None; size; modification
# time in ns; SHA-256 of its bytes).
Record = tuple


class SiteFiles:
    """The files one build writes into its site folder (paths relative to it, as POSIX text).

    `cache` (generator.site.cache.Cache): where the record of what each file was made from is kept
    between builds into this folder; without one, every file is compared byte for byte."""

    def __init__(self, root: Path, cache: Cache | None = None) -> None:
        self.root = Path(root)
        self.written: set[str] = set()
        self.changed = 0
        self.cache = cache or Cache(None)
        self._key = cache_key("site-files", str(self.root.resolve()))
        self.before: dict[str, Record] = _records(self.cache.peek("site-files", self._key))
        self.records: dict[str, Record] = {}

    def unchanged(self, rel: str, made_from: str) -> bool:
        """True when the last build wrote `rel` from `made_from` (a cache key of everything it is
        made from) and nothing has touched it since (same size and modification time): then it
        needs neither making nor reading, and counts as written by this build."""
        found = self.before.get(rel)
        if found is None or found[0] != made_from:
            return False
        try:
            st = os.stat(self.root / rel)
        except OSError:
            return False
        if (st.st_size, st.st_mtime_ns) != (found[1], found[2]):
            return False
        self.written.add(rel)
        self.records[rel] = found
        return True

    def put(self, rel: str, data: bytes, made_from: str | None = None) -> bool:
        """Write `data` as the site's `rel` unless it already holds those bytes; True if written."""
        self.written.add(rel)
        target = self.root / rel
        wrote = put(target, data)
        self.changed += wrote
        st = target.stat()
        self.records[rel] = (made_from, st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())
        return wrote

    def put_made(self, rel: str, made_from: str, make) -> None:
        """The site's `rel` as `make()` gives it, unless it is `unchanged` since the last build
        wrote it from `made_from`: then `make` is not called and the file is not read."""
        if not self.unchanged(rel, made_from):
            self.put(rel, make(), made_from)

    def taken(self, records: dict[str, Record], changed: int) -> None:
        """What a worker process wrote with its own copy of this object (see stamp.py)."""
        self.written.update(records)
        self.records.update(records)
        self.changed += changed

    def save(self) -> None:
        """Keep the records of this build's files for the next build into this folder."""
        self.cache.put("site-files", self._key, pickle.dumps(
            {rel: found for rel, found in self.records.items() if rel in self.written},
            protocol=5))

    def add(self, rels) -> None:
        self.written.update(rels)

    def copy_tree(self, source: Path, skip: frozenset[str] = frozenset()) -> None:
        """Every file under `source` into the site at the same place (except `skip`)."""
        for folder, _, names in os.walk(source):
            base = Path(folder)
            for name in names:
                path = base / name
                rel = path.relative_to(source).as_posix()
                if rel not in skip:
                    self.put(rel, path.read_bytes())

    def remove_rest(self, keep: frozenset[str] = frozenset()) -> int:
        """Delete every file in the site folder that this build did not write (and folders left
        empty). The output folder's marker and `keep` stay. Returns how many files went."""
        return self._remove_under(str(self.root), "", keep | {MARKER})[0]

    def _remove_under(self, folder: str, rel: str, keep: frozenset[str]) -> tuple[int, bool]:
        """(how many files went, whether anything is left in `folder`)."""
        removed, left = 0, False
        with os.scandir(folder) as found:
            items = list(found)
        for item in items:
            name = rel + item.name
            if item.is_dir(follow_symlinks=False):
                went, still = self._remove_under(item.path, name + "/", keep)
                removed += went
                if not still:  # a folder that keeps files is not even tried
                    try:
                        os.rmdir(item.path)
                        continue
                    except OSError:
                        pass
                left = True
            elif name not in self.written and name not in keep:
                os.unlink(item.path)
                removed += 1
            else:
                left = True
        return removed, left

    def sorted(self) -> list[str]:
        return sorted(self.written)


# The most activities whose staging folder is kept in memory. A whole build (with the print files,
# which mkdocs copies once more) of 10,000 listing files (22,500 activities) filled 16 GB of
# /dev/shm and the kernel stopped the build for want of memory; a site alone is about 70 KB an
# activity, twice (the docs and mkdocs' output).
IN_MEMORY_MAX = 5_000


def in_memory(activities: int, with_print: bool) -> bool:
    """Whether a build's staging folder may go in memory: never with the print files (booklets,
    posters, audio: gigabytes in a big directory), and only for a site of modest size."""
    return not with_print and activities <= IN_MEMORY_MAX


def scratch(prefix: str, memory: bool = True) -> Path:
    """A new temporary folder: in memory when `memory` and the machine has /dev/shm (deleting
    thousands of small files there is instant), else in the system's temporary folder on disk."""
    base = SHM if memory and SHM.is_dir() and os.access(SHM, os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix=prefix, dir=base))


__all__ = ["put", "SiteFiles", "scratch", "in_memory"]
