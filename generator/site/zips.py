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
                found = reuse.get(name, sha)
                if found is not None:  # copied from the old zip as it is, unread
                    crc, method, size, start, length = found
                    packed = Span(start, length)
                else:
                    crc, method, size, packed = self.entry(name)[1:]
                    length = len(packed)
                kept[name] = (sha, crc, method, size, length)
                yield PREFIX + name, crc, method, size, packed

        with _OldEntries(target, old) as reuse:
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
            try:
                # readable by all, as the site's other files: mkstemp's own 0600 would have a web
                # server running as another user refuse the download
                os.fchmod(fd, 0o644)
                with os.fdopen(fd, "wb", buffering=0) as out:
                    starts = write_zip(out, entries(reuse), source=reuse.fd)
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
    method, size, where its stored bytes start in that zip, their length), for files whose hash
    is unchanged; `fd`: that zip, open to copy them from."""

    def __init__(self, target: Path, old: dict | None) -> None:
        self.target = target
        self.entries = (old or {}).get("entries") or {}
        self.fd: int | None = None

    def __enter__(self) -> _OldEntries:
        if self.entries:
            try:
                self.fd = os.open(self.target, os.O_RDONLY)
            except OSError:
                self.entries = {}
        return self

    def get(self, name: str, sha: str) -> tuple | None:
        found = self.entries.get(name)
        if found is None or found[0] != sha or self.fd is None:
            return None
        return found[1:]

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)
        self.fd = None
        self.entries = {}


class Span(tuple):
    """An entry's stored bytes left where they are in the zip being replaced: (start, length)."""

    def __new__(cls, start: int, length: int) -> Span:
        return super().__new__(cls, (start, length))


class _Sink:
    """Writes to `out` through a buffer; `copy` takes a range of the file `source` as it is.
    Ranges that follow on are copied at once, by the kernel (os.copy_file_range): an unchanged
    run of files, headers and all, is one call, however many files it holds."""

    BUFFER = 1 << 20

    def __init__(self, out, source: int | None) -> None:
        self.out, self.source = out, source
        self._buffer = bytearray()
        self._start = self._length = 0  # the range of `source` still to copy

    def write(self, data: bytes) -> None:
        if self._length:
            self._copy()
        self._buffer += data
        if len(self._buffer) >= self.BUFFER:
            self._write()

    def copy(self, start: int, length: int) -> None:
        if self._length and self._start + self._length == start:
            self._length += length
            return
        if self._length:
            self._copy()
        if self._buffer:
            self._write()
        self._start, self._length = start, length

    def flush(self) -> None:
        if self._length:
            self._copy()
        if self._buffer:
            self._write()

    def _write(self) -> None:
        self.out.write(bytes(self._buffer))
        self._buffer.clear()

    def _copy(self) -> None:
        start, left = self._start, self._length
        self._length = 0
        self.out.flush()
        fd = self.out.fileno()
        while left:
            try:
                done = os.copy_file_range(self.source, fd, left, start)
            except (AttributeError, OSError):  # not Linux, or across file systems: by hand
                done = os.write(fd, os.pread(self.source, min(left, self.BUFFER), start))
            if done <= 0:
                raise OSError(f"could not copy from the old zip at byte {start}")
            start += done
            left -= done


def write_zip(out, entries: Iterable[tuple[str, int, int, int, bytes | Span]],
              zip64_from: int = LIMIT16, source: int | None = None) -> list[int]:
    """Write a zip of (name, crc32, method 0 or 8, size, stored bytes) to the open file `out`,
    with ZIP64 end records when it has more than `zip64_from` files (or passes 4 GB). Returns
    where each entry's stored bytes start in the file.

    Stored bytes given as a `Span` are those of an entry of the same name, crc32, method and size
    in the zip open as `source` (a file descriptor): its header and bytes are copied from there."""
    central = []
    starts = []
    offset = 0
    sink = _Sink(out, source)
    for name, crc, method, size, packed in entries:
        raw = name.encode("utf-8")
        flags = 0 if raw.isascii() else 0x800
        local = 30 + len(raw)  # the local header, then the name
        if isinstance(packed, Span):
            start, stored = packed
            sink.copy(start - local, local + stored)
        else:
            stored = len(packed)
            sink.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, VERSION, flags, method, DOS_TIME,
                                   DOS_DATE, crc, stored, size, len(raw), 0) + raw)
            sink.write(packed)
        starts.append(offset + local)
        extra = b""
        at = offset
        version = VERSION
        if offset >= LIMIT32:
            extra = struct.pack("<HHQ", 1, 8, offset)
            at = LIMIT32
            version = VERSION64
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 3 << 8 | version, version,
                                   flags, method, DOS_TIME, DOS_DATE, crc, stored, size,
                                   len(raw), len(extra), 0, 0, 0, EXTERNAL, at) + raw + extra)
        offset += local + stored
    start = offset
    for record in central:
        sink.write(record)
    length = sum(len(r) for r in central)
    count = len(central)
    if count > zip64_from or start >= LIMIT32 or length >= LIMIT32:
        end64 = start + length
        sink.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 3 << 8 | VERSION64, VERSION64, 0,
                               0, count, count, length, start))
        sink.write(struct.pack("<IIQI", 0x07064B50, 0, end64, 1))
        sink.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, min(count, LIMIT16),
                               min(count, LIMIT16), min(length, LIMIT32), min(start, LIMIT32), 0))
    else:
        sink.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, length, start, 0))
    sink.flush()
    return starts


__all__ = ["Packer", "Span", "write_zip"]
