"""Writing the download zips from files compressed once.

The area zips share most of their files (every browse page, the finder), so each file is
compressed once per build and its compressed bytes go into every zip that holds it. They are also
kept in the build cache (generator.site.cache) under the SHA-256 of the file's bytes, so the next
build compresses only files that changed. A zip whose list of files and their hashes is the one
the cache says this folder's zip was last written from is left as it is; one that must be written
again takes its unchanged files, compressed, from the zip it replaces.

The zip format is written here (local headers, central directory, ZIP64 end records when a zip
has more than 65,535 files or passes 4 GB): Python's zipfile cannot take bytes already
compressed. Every entry has a fixed date and mode, so the same files always give the same zip.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import pickle
import struct
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path

from generator.site.cache import Cache
from generator.site.cache import key as cache_key

STORED_SUFFIXES = (".pdf", ".png", ".zip", ".ttf", ".mp3")  # already compressed
PREFIX = "whats-on/"
ONE_AREA = ("activities/", "organisations/")  # pages in (mostly) one area's zip (and print/
# files are only in the print zip): not kept in memory between zips
DOS_TIME = 0  # 00:00:00
DOS_DATE = (2000 - 1980) << 9 | 1 << 5 | 1  # 1 January 2000
EXTERNAL = 0o644 << 16  # rw-r--r--, as before
LIMIT16, LIMIT32 = 0xFFFF, 0xFFFFFFFF
VERSION = 20  # 2.0: deflate
VERSION64 = 45  # 4.5: ZIP64
MADE_BY = 3 << 8 | VERSION  # Unix


def _deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


class Packer:
    """Compresses each file of `site` once and writes zips of them. `records`: what the build
    knows of the files it wrote (generator.site.writer.SiteFiles.records), so their hashes need
    no reading."""

    def __init__(self, site: Path, cache: Cache | None = None,
                 records: dict[str, tuple] | None = None) -> None:
        self.site = Path(site)
        self.cache = cache or Cache(None)
        self.records = records or {}
        self._entries: dict[str, tuple[str, int, int, int, bytes]] = {}  # name -> packed
        self._hashes: dict[str, str] = {}

    def sha(self, name: str) -> str:
        """The SHA-256 of the site's file `name`: from its record, else read."""
        found = self.records.get(name)
        if found is not None:
            return found[3]
        if name not in self._hashes:
            self._hashes[name] = self.entry(name)[0]
        return self._hashes[name]

    def entry(self, name: str) -> tuple[str, int, int, int, bytes]:
        """(sha256 of the bytes, crc32, method, size, compressed bytes) of the site's file."""
        found = self._entries.get(name)
        if found is None:
            data = (self.site / name).read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            method = 0 if name.endswith(STORED_SUFFIXES) else 8
            if method == 0:
                packed = data
            else:
                kept = self.cache.get("zip-entry", digest)
                packed = kept if kept is not None else _deflate(data)
                if kept is None:
                    self.cache.put("zip-entry", digest, packed)
            found = (digest, zlib.crc32(data), method, len(data), packed)
            if not name.startswith(ONE_AREA + ("print/",)):  # in every area's zip: kept for the next
                self._entries[name] = found
        return found

    def write(self, target: Path, names: list[str]) -> None:
        """Write the zip `target` of the site's files `names`, unless it is there already as
        the last build made it from files with the same hashes. When it must be written again,
        a file whose hash is the one it had in the old zip is copied from there, compressed,
        so only the files that changed are read and compressed."""
        target = Path(target)
        hashes = [(n, self.sha(n)) for n in names]
        made = cache_key("zip", zlib.ZLIB_VERSION, hashes)
        record = cache_key("zip-made", str(target.resolve()))
        old = _old_zip(self.cache.peek("zip-made", record), target)
        if old is not None and old["made"] == made:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        kept: dict[str, tuple] = {}

        def entries(reuse: _OldEntries):  # one file's bytes in memory at a time
            for name, sha in hashes:
                crc, method, size, packed = reuse.get(name, sha) or self.entry(name)[1:]
                kept[name] = (sha, crc, method, size, len(packed))
                yield PREFIX + name, crc, method, size, packed

        with _OldEntries(target, old) as reuse:
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
            try:
                with os.fdopen(fd, "wb") as out:
                    starts = write_zip(out, entries(reuse))
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        st = target.stat()
        kept = {name: found[:4] + (start,) + found[4:] for (name, found), start
                in zip(kept.items(), starts, strict=True)}
        self.cache.put("zip-made", record, pickle.dumps(
            {"made": made, "size": st.st_size, "mtime_ns": st.st_mtime_ns, "entries": kept},
            protocol=5))


def _old_zip(data: bytes | None, target: Path) -> dict | None:
    """The record of the zip the last build wrote at `target`, if it is still that file."""
    try:
        old = pickle.loads(data) if data is not None else None
        st = target.stat()
    except Exception:  # no zip there, or a record from other code: write it whole
        return None
    if not isinstance(old, dict) or (old.get("size"), old.get("mtime_ns")) != (st.st_size,
                                                                               st.st_mtime_ns):
        return None
    return old


class _OldEntries:
    """The entries of the zip the last build wrote (its record `old`), by name, as (crc32,
    method, size, compressed bytes), for files whose hash is unchanged."""

    def __init__(self, target: Path, old: dict | None) -> None:
        self.target = target
        self.entries = (old or {}).get("entries") or {}
        self._file = self._map = None

    def __enter__(self) -> _OldEntries:
        if self.entries:
            try:
                self._file = open(self.target, "rb")
                self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):
                self.__exit__()
        return self

    def get(self, name: str, sha: str) -> tuple | None:
        found = self.entries.get(name)
        if found is None or found[0] != sha or self._map is None:
            return None
        _, crc, method, size, start, length = found
        return (crc, method, size, self._map[start:start + length])

    def __exit__(self, *exc: object) -> None:
        if self._map is not None:
            self._map.close()
        if self._file is not None:
            self._file.close()
        self._map = self._file = None
        self.entries = {}


def write_zip(out, entries: Iterable[tuple[str, int, int, int, bytes]],
              zip64_from: int = LIMIT16) -> list[int]:
    """Write a zip of (name, crc32, method 0 or 8, size, stored bytes) to the open file `out`,
    with ZIP64 end records when it has more than `zip64_from` files (or passes 4 GB). Returns
    where each entry's stored bytes start in the file."""
    central = []
    starts = []
    offset = 0
    for name, crc, method, size, packed in entries:
        raw = name.encode("utf-8")
        flags = 0 if raw.isascii() else 0x800
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, VERSION, flags, method, DOS_TIME,
                             DOS_DATE, crc, len(packed), size, len(raw), 0)
        out.write(header)
        out.write(raw)
        out.write(packed)
        starts.append(offset + len(header) + len(raw))
        extra = b""
        at = offset
        version = VERSION
        if offset >= LIMIT32:
            extra = struct.pack("<HHQ", 1, 8, offset)
            at = LIMIT32
            version = VERSION64
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 3 << 8 | version, version,
                                   flags, method, DOS_TIME, DOS_DATE, crc, len(packed), size,
                                   len(raw), len(extra), 0, 0, 0, EXTERNAL, at) + raw + extra)
        offset += len(header) + len(raw) + len(packed)
    start = offset
    for record in central:
        out.write(record)
    length = sum(len(r) for r in central)
    count = len(central)
    if count > zip64_from or start >= LIMIT32 or length >= LIMIT32:
        end64 = start + length
        out.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 3 << 8 | VERSION64, VERSION64, 0, 0,
                              count, count, length, start))
        out.write(struct.pack("<IIQI", 0x07064B50, 0, end64, 1))
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, min(count, LIMIT16),
                              min(count, LIMIT16), min(length, LIMIT32), min(start, LIMIT32), 0))
    else:
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, length, start, 0))
    return starts


__all__ = ["Packer", "write_zip"]
