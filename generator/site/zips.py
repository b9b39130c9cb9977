"""Writing the download zips from files compressed once.

The area zips share most of their files (every browse page, the finder), so each file is
compressed once per build and its compressed bytes go into every zip that holds it. They are also
kept in the build cache (generator.site.cache) under the SHA-256 of the file's bytes, so the next
build compresses only files that changed. A zip whose list of files and their hashes is the one
the cache says this folder's zip was last written from is left as it is.

The zip format is written here (local headers, central directory, ZIP64 end records when a zip
has more than 65,535 files or passes 4 GB): Python's zipfile cannot take bytes already
compressed. Every entry has a fixed date and mode, so the same files always give the same zip.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from pathlib import Path

from generator.site.cache import Cache
from generator.site.cache import key as cache_key

STORED_SUFFIXES = (".pdf", ".png", ".zip", ".ttf", ".mp3")  # already compressed
PREFIX = "whats-on/"
ONE_AREA = ("activities/", "organisations/")  # pages in (mostly) one area's zip
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
    """Compresses each file of `site` once and writes zips of them."""

    def __init__(self, site: Path, cache: Cache | None = None) -> None:
        self.site = Path(site)
        self.cache = cache or Cache(None)
        self._entries: dict[str, tuple[str, int, int, int, bytes]] = {}  # name -> packed

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
            if not name.startswith(ONE_AREA):  # in every area's zip: kept for the next
                self._entries[name] = found
        return found

    def write(self, target: Path, names: list[str]) -> None:
        entries = [(name, self.entry(name)) for name in names]
        made = cache_key("zip", zlib.ZLIB_VERSION, [(n, e[0]) for n, e in entries]).encode()
        record = cache_key("zip-made", str(Path(target).resolve()))
        try:
            same = self.cache.get("zip-made", record) == made + b" %d" % target.stat().st_size
        except OSError:
            same = False
        if same:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as out:
            write_zip(out, [(PREFIX + n, e[1], e[2], e[3], e[4]) for n, e in entries])
        self.cache.put("zip-made", record, made + b" %d" % target.stat().st_size)


def write_zip(out, entries: list[tuple[str, int, int, int, bytes]],
              zip64_from: int = LIMIT16) -> None:
    """Write a zip of (name, crc32, method 0 or 8, size, stored bytes) to the open file `out`,
    with ZIP64 end records when it has more than `zip64_from` files (or passes 4 GB)."""
    central = []
    offset = 0
    for name, crc, method, size, packed in entries:
        raw = name.encode("utf-8")
        flags = 0 if raw.isascii() else 0x800
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, VERSION, flags, method, DOS_TIME,
                             DOS_DATE, crc, len(packed), size, len(raw), 0)
        out.write(header)
        out.write(raw)
        out.write(packed)
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


__all__ = ["Packer", "write_zip"]
