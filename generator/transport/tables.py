"""Streaming CSV tables for transport data: a plain file, or a member of a GTFS folder or zip.

Only the standard library (csv, zipfile). Columns are found by name, ignoring case, spaces and a
byte-order mark, because capitalisation varies between releases of the same open data.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

csv.field_size_limit(1 << 20)


class TransportDataError(Exception):
    """A transport file cannot be used. The message says which file and what is wrong."""

    def __init__(self, file: str, message: str, line: int = 1):
        super().__init__(f"{file}:{line}: {message}")
        self.file, self.line, self.message = file, line, message


def _norm(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip().lower()


class Columns:
    """Where each wanted column is in one table's header row."""

    def __init__(self, file: str, header: Sequence[str]):
        self.file = file
        self.index = {}
        for i, name in enumerate(header):
            self.index.setdefault(_norm(name), i)

    def required(self, *names: str) -> tuple[int, ...]:
        missing = [n for n in names if n.lower() not in self.index]
        if missing:
            raise TransportDataError(
                self.file, f"the column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)} {'are' if len(missing) > 1 else 'is'} missing from the "
                "first line (the column names). Is this the right file?")
        return tuple(self.index[n.lower()] for n in names)

    def optional(self, name: str) -> int | None:
        return self.index.get(name.lower())


def cell(row: Sequence[str], i: int | None) -> str:
    """The value in column i (blank when the column is absent or the row is short)."""
    if i is None or i >= len(row):
        return ""
    return row[i].strip()


@contextmanager
def open_csv(path: Path, display: str | None = None) -> Iterator[tuple[Columns, Iterator[list[str]]]]:
    """(columns, rows) of one CSV file: UTF-8, or else Windows-1252 (what Excel saves as "CSV"
    on Windows); anything else is refused with a message saying how to save it."""
    name = display or str(path)
    try:
        encoding = text_encoding(path, name)
        handle = open(path, encoding=encoding, newline="")
    except OSError as err:
        raise TransportDataError(name, f"cannot read the file: {err.strerror}.") from None
    with handle:
        yield _start(handle, name)


CHUNK = 1 << 20


def text_encoding(path: Path, name: str) -> str:
    """'utf-8-sig' when the whole file is UTF-8, 'cp1252' when it is Windows-1252 text; else
    TransportDataError. (Reading bytes that are not UTF-8 as UTF-8 turns "Café" into "Caf\ufffd".)"""
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        offset = 0
        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(CHUNK):
                    decoder.decode(chunk)
                    offset += len(chunk)
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError as err:
            bad = offset + err.start
    raise TransportDataError(name, f"this file is not UTF-8 or Windows-1252 text (byte {bad} "
                             "cannot be read), so its names would come out garbled. Save it again "
                             "as \"CSV UTF-8 (comma delimited)\" and try again.")


def _start(handle: io.TextIOBase, name: str) -> tuple[Columns, Iterator[list[str]]]:
    reader = csv.reader(handle)
    try:
        header = next(reader)
    except StopIteration:
        raise TransportDataError(name, "the file is empty.") from None
    except csv.Error as err:
        raise TransportDataError(name, f"this is not a CSV file ({err}).") from None
    return Columns(name, header), _guarded(reader, name)


def _guarded(reader: Iterator[list[str]], name: str) -> Iterator[list[str]]:
    try:
        yield from reader
    except csv.Error as err:
        line = getattr(reader, "line_num", 1)
        raise TransportDataError(name, f"this line cannot be read as CSV ({err}).", line) from None


class Feed:
    """A GTFS feed, as a folder of .txt files or a .zip of them (possibly inside one folder)."""

    def __init__(self, path: Path, display: str | None = None):
        self.path = path
        self.display = display or str(path)
        self._zip: zipfile.ZipFile | None = None
        self._members: dict[str, str] = {}
        if path.is_dir():
            self._members = {p.name.lower(): p.name for p in path.iterdir() if p.is_file()}
        elif path.is_file():
            try:
                self._zip = zipfile.ZipFile(path)
            except zipfile.BadZipFile:
                raise TransportDataError(self.display, "this is not a GTFS feed: give a .zip "
                                         "file or a folder of .txt files.") from None
            for info in self._zip.infolist():
                if not info.is_dir():
                    self._members.setdefault(info.filename.rsplit("/", 1)[-1].lower(), info.filename)
        else:
            raise TransportDataError(self.display, "the GTFS feed does not exist.")

    def __enter__(self) -> Feed:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    def has(self, table: str) -> bool:
        return f"{table}.txt" in self._members

    @contextmanager
    def table(self, table: str) -> Iterator[tuple[Columns, Iterator[list[str]]]]:
        """(columns, rows) of one table, e.g. feed.table("stops")."""
        member = self._members.get(f"{table}.txt")
        name = f"{self.display}/{table}.txt" if self._zip is None else f"{self.display}:{table}.txt"
        if member is None:
            raise TransportDataError(self.display, f"{table}.txt is missing from the GTFS feed.")
        if self._zip is None:
            with open_csv(self.path / member, name) as found:
                yield found
            return
        with self._zip.open(member) as raw:
            handle = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="", errors="replace")
            yield _start(handle, name)
