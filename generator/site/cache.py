"""A content-addressed cache for the site build: what did not change is not made again.

Each thing kept (an activity's page and calendar, an organisation's page, a QR code) is stored
under the SHA-256 of everything it is made from: its own listing (the whole Entry), the facts it
shares with every page (the site settings, the day the build is for, the bank-holiday calendar,
the page shell from mkdocs) and the code that makes it (every file under generator/ and
templates/, and the versions of the packages that render). Change any of these and the key
changes, so a cached page can never be out of date; a build with the cache gives the same bytes
as one without it (tests/test_site_cache.py).

The folder (default .cache/whats-on/, ignored by git) can be deleted at any time, and restored by
CI between runs (.github/workflows/publish.yml). Files are written whole (a temporary file, then
renamed), so two builds sharing the folder never read half a file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Mapping
from functools import lru_cache
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = Path(".cache/whats-on")
ENV = "WHATS_ON_CACHE"  # a folder, or "off"
PACKAGES = ("jinja2", "markupsafe", "segno", "icalendar", "mkdocs", "mkdocs-material", "weasyprint",
            "pydantic", "lunr")


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the code and templates that make pages, and the packages' versions."""
    digest = hashlib.sha256()
    for folder in (ROOT / "generator", ROOT / "templates"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    for name in PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}=={version}\n".encode())
    return digest.hexdigest()


def stable(value: object) -> object:
    """`value` with its sets sorted, so its repr is the same in every process (a set's order
    depends on the string hash seed). For dataclasses, sets, mappings and sequences."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, tuple((f.name, stable(getattr(value, f.name)))
                                            for f in dataclasses.fields(value)))
    if isinstance(value, set | frozenset):
        return ("set", sorted((stable(v) for v in value), key=repr))
    if isinstance(value, Mapping):
        return ("map", [(repr(k), stable(v)) for k, v in value.items()])
    if isinstance(value, list | tuple):
        return [stable(v) for v in value]
    return value


def key(*parts: object) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode()
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


class Cache:
    """`Cache(folder)`, or `Cache(None)`, which keeps nothing (every lookup misses)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.hits = 0
        self.misses = 0

    def _path(self, kind: str, digest: str) -> Path:
        return self.folder / kind / digest[:2] / digest[2:]

    def get(self, kind: str, digest: str) -> bytes | None:
        if self.folder is None:
            self.misses += 1
            return None
        try:
            data = self._path(kind, digest).read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def peek(self, kind: str, digest: str) -> bytes | None:
        """Like get, but not counted as a hit or miss (for Memo's file of many values)."""
        if self.folder is None:
            return None
        try:
            return self._path(kind, digest).read_bytes()
        except OSError:
            return None

    def put(self, kind: str, digest: str, data: bytes) -> None:
        if self.folder is None:
            return
        target = self._path(kind, digest)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, target)
        except OSError:  # a full or read-only disk only makes the next build slower
            pass

    def made(self, kind: str, digest: str, make: Callable[[], bytes], counted: bool = True) -> bytes:
        """The kept bytes for `digest`, or `make()`'s, kept for next time. `counted=False`: not
        counted in `hits` and `misses` (which a build reports for its listings' pages)."""
        data = self.get(kind, digest) if counted else self.peek(kind, digest)
        if data is None:
            data = make()
            self.put(kind, digest, data)
        return data


class Fingerprints:
    """What stands for an activity in a cache key: the SHA-256 of its parts (the activity and its
    organisation, its venue as JSON written by pydantic) and of the rest of its Entry and its
    transport facts, worked out once per build for each activity. The activity and organisation
    stand as their listing file's key (Directory.file_keys: the hash of its bytes and of the
    code, which they are made from) when the directory was loaded with the cache, else as JSON."""

    def __init__(self, directory) -> None:
        self.directory = directory
        self._entries: dict[int, str] = {}
        self._orgs: dict[int, str] = {}
        self._places: dict[object, str] = {}

    def organisation(self, organisation, file: str | None = None) -> str:
        """`file`: the listing file it is read from (Source.file), if known."""
        found = self._orgs.get(id(organisation))
        if found is None:
            made_from = self.directory.file_keys.get(file) if file else None
            found = self._orgs[id(organisation)] = key(
                made_from, "organisation") if made_from else key(organisation.model_dump_json())
        return found

    def _place(self, entry) -> str:
        at = (entry.venue_key, id(entry.venue))
        found = self._places.get(at)
        if found is None:
            venue = entry.venue.model_dump_json() if entry.venue is not None else None
            found = self._places[at] = key(venue, entry.venue_key,
                                           self.directory.getting_there(entry))
        return found

    def entry(self, entry) -> str:
        found = self._entries.get(id(entry))
        if found is None:
            made_from = self.directory.file_keys.get(entry.source.file)
            if made_from:  # the file's key: its organisation and every activity in it
                found = key(made_from, entry.id, self._place(entry), entry.org_id,
                            entry.freshness, entry.source)
            else:
                found = key(entry.activity.model_dump_json(), self.organisation(entry.organisation),
                            self._place(entry), entry.org_id, entry.freshness, entry.source)
            self._entries[id(entry)] = found
        return found


class Memo:
    """Many small values kept in one file of the cache (`kind`, `context`: the key of what they
    all share), each under its own key: read once, written again only when its keys changed."""

    def __init__(self, cache: Cache, kind: str, context: str) -> None:
        self.cache, self.kind, self.context = cache, kind, context
        data = cache.peek(kind, context)
        try:
            self._old = pickle.loads(data) if data is not None else {}
        except Exception:  # damaged or from other code: make them again
            self._old = {}
        self._new: dict = {}

    def get(self, digest: str, make: Callable[[], object]) -> object:
        value = self._old[digest] if digest in self._old else make()
        self._new[digest] = value
        return value

    def save(self) -> None:
        if self._new.keys() != self._old.keys():
            self.cache.put(self.kind, self.context, pickle.dumps(self._new, protocol=5))


FROM_SETTINGS = "from-settings"  # a build function's default: the folder $WHATS_ON_CACHE names, else DEFAULT


def folder_from(setting: str | Path | None) -> Path | None:
    """The cache folder from --cache / $WHATS_ON_CACHE ("off" or "" = none)."""
    value = os.environ.get(ENV) if setting is None or setting == FROM_SETTINGS else setting
    if value is None:
        return DEFAULT
    if str(value).strip().lower() in ("", "off", "none", "no"):
        return None
    return Path(value)


__all__ = ["Cache", "key", "stable", "code_version", "folder_from", "DEFAULT", "FROM_SETTINGS", "Fingerprints",
           "Memo"]
