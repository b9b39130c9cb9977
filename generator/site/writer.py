"""Writing the site folder so that a build does work in proportion to what changed.

A build writes every file of the site through `put`, which leaves a file alone when it already
holds the same bytes (reading and comparing is far cheaper than writing: on a disk with online
discard, as here, replacing or deleting a file costs milliseconds each). The site folder is not
emptied first; instead `SiteFiles.remove_rest` deletes, at the end, the files this build did not
write (a listing that went, the pages of an earlier, bigger directory). So a build into a folder
holding an earlier build gives the same folder as a build into an empty one
(tests/test_site_cache.py).

Work that needs many small files removed afterwards (the staging docs and mkdocs' own output)
goes to a folder in memory (/dev/shm) when there is one and the build is small enough (`in_memory`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.output_folder import MARKER

SHM = Path("/dev/shm")


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


class SiteFiles:
    """The files one build writes into its site folder (paths relative to it, as POSIX text)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.written: set[str] = set()
        self.changed = 0

    def put(self, rel: str, data: bytes) -> None:
        self.written.add(rel)
        self.changed += put(self.root / rel, data)

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
        keep = keep | {MARKER}
        removed = 0
        for folder, dirs, names in os.walk(self.root, topdown=False):
            base = Path(folder)
            for name in names:
                path = base / name
                rel = path.relative_to(self.root).as_posix()
                if rel not in self.written and rel not in keep:
                    path.unlink()
                    removed += 1
            for name in dirs:
                try:
                    (base / name).rmdir()  # only when empty
                except OSError:
                    pass
        return removed

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
