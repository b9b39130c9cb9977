"""Load everything once into one validated, read-only Directory.

YAML files -> Loaded (data + positions) -> pydantic models -> cross-file checks -> Directory.
A file with an error is left out (and reported); every other listing still builds.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import pickle
import subprocess
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from pathlib import Path
from types import MappingProxyType

from pydantic import BaseModel, ValidationError

from generator import checks, progress
from generator.config import FILES, SiteConfig
from generator.freshness import Freshness, freshness
from generator.model import Activity, Listing, Organisation, Venue, VenuesFile
from generator.problems import Problem, at, dotted, from_validation_error
from generator.schedule import Calendar, bank_holidays
from generator.slim_loaded import SlimLoaded
from generator.transport.model import VenueTransport
from generator.yaml_load import Loaded, YamlProblem, load_file

VENUES_FILE = "venues.yml"
VENUES_MAX_BYTES = 16 * 1024 * 1024  # shared by every listing, so larger than one listing may be
PARALLEL_FROM = 400  # files; below this, one process is quicker


class ConfigError(Exception):
    """site_config/ has problems; nothing can be built until they are fixed."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Source:
    file: str  # path as shown to people, e.g. listings/aigburth-walkers.yml
    line: int  # where the activity starts


@dataclass(frozen=True)
class VenuePlace:
    """Where a venue is written, so a later check (e.g. transport) can point at its lines."""

    file: str
    path: tuple[str | int, ...]  # e.g. ("venues", 3) or ("activities", 0, "where", "venue")
    lines: Mapping[str, tuple[int, int]]  # "" (the venue), "transport", "transport.buses", …

    def where(self, sub: str = "") -> tuple[int, int]:
        return self.lines.get(sub) or self.lines[""]


_PLACE_FIELDS = ("transport", "transport.buses", "transport.nearest_stop", "latitude", "postcode")


def _venue_place(file: str, loaded: Loaded, path: tuple[str | int, ...]) -> VenuePlace:
    lines = {"": loaded.where(path)}
    for sub in _PLACE_FIELDS:
        full = path + tuple(sub.split("."))
        if full in loaded.positions:
            lines[sub] = loaded.where(full, key=True)
    return VenuePlace(file, path, MappingProxyType(lines))


@dataclass(frozen=True)
class Entry:
    """One activity with everything around it resolved."""

    activity: Activity
    organisation: Organisation
    org_id: str
    venue: Venue | None  # resolved from venues.yml, or written inline; None when not at a venue
    venue_key: str | None  # id in venues.yml, or "<activity id>-venue" for an inline venue
    freshness: Freshness
    source: Source

    @property
    def id(self) -> str:
        return self.activity.id

    @property
    def areas(self) -> tuple[str, ...]:
        if self.venue:
            return (self.venue.area,)
        return tuple(self.activity.where.areas)


@dataclass(frozen=True)
class OrganisationEntry:
    id: str
    organisation: Organisation
    activities: tuple[Entry, ...]
    source: Source


@dataclass(frozen=True)
class Directory:
    config: SiteConfig
    today: dt.date
    organisations: tuple[OrganisationEntry, ...]
    activities: tuple[Entry, ...]  # sorted by name, ended ones included (outputs decide)
    venues: Mapping[str, Venue]
    calendar: Calendar
    transport: Mapping[str, VenueTransport] = field(default_factory=lambda: MappingProxyType({}))
    venue_places: Mapping[str, VenuePlace] = field(default_factory=lambda: MappingProxyType({}))
    # Each listing file (as Source.file names it) -> the hash of its bytes and of the code, when
    # it was loaded with the build cache: what its organisation and activities are made from
    # (generator.site.cache.Fingerprints).
    file_keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def activity(self, activity_id: str) -> Entry:
        for entry in self.activities:
            if entry.id == activity_id:
                return entry
        raise KeyError(activity_id)

    def getting_there(self, entry: Entry) -> VenueTransport | None:
        return self.transport.get(entry.venue_key) if entry.venue_key else None

    def current(self) -> tuple[Entry, ...]:
        """Activities to show: everything but ended ones."""
        return tuple(e for e in self.activities if e.freshness is not Freshness.ended)


# ---------------------------------------------------------------------------------------------
# Reading files


@lru_cache(maxsize=64)
def _resolved(directory: str) -> Path:
    return Path(directory).resolve()


def _display(path: Path) -> str:
    return _shown(str(path), os.getcwd())


@lru_cache(maxsize=65536)
def _shown(path: str, cwd: str) -> str:
    # Resolving every file's path costs ~60 µs of system calls; its folder is resolved once,
    # and each file's name worked out once (a load asks for it for each of its activities).
    file = Path(path)
    try:
        return str((_resolved(str(file.parent)) / file.name).relative_to(_resolved(cwd)))
    except ValueError:
        return path


def read_model(path: Path, model: type[BaseModel], max_bytes: int | None = None
               ) -> tuple[BaseModel | None, Loaded | None, list[Problem]]:
    """One file into one model, or the problems that stop it."""
    name = _display(path)
    try:
        loaded = load_file(path) if max_bytes is None else load_file(path, max_bytes)
    except YamlProblem as err:
        return None, None, [Problem(name, err.line, err.column, dotted(err.path),
                                    err.message[0].upper() + err.message[1:] + ".")]
    except OSError as err:
        return None, None, [Problem(name, 1, 1, "", f"Cannot read the file: {err.strerror}.")]
    if not isinstance(loaded.data, dict):
        return None, loaded, [at(name, loaded, (), "The file should be a group of fields "
                                 "(key: value lines), starting with organisation:.")]
    try:
        return model.model_validate(loaded.data), loaded, []
    except ValidationError as err:
        return None, loaded, from_validation_error(err, name, loaded, model)


def _read_listing(path: Path) -> tuple[Listing | None, Loaded | None, list[Problem]]:
    return read_model(path, Listing)  # type: ignore[return-value]


def listing_files(listings_dir: Path) -> list[Path]:
    return sorted(p for p in listings_dir.glob("*.y*ml") if p.name != VENUES_FILE
                  and p.suffix in (".yml", ".yaml"))


def load_config(config_dir: Path) -> SiteConfig:
    problems: list[Problem] = []
    parts: dict[str, object] = {}
    for filename, (model, required) in FILES.items():
        path = config_dir / filename
        if not path.exists():
            if required:
                problems.append(Problem(_display(path), 1, 1, "", "This settings file is missing."))
            continue
        value, _, found = read_model(path, model)
        problems += found
        parts[filename] = value
    if problems:
        raise ConfigError(problems)
    config = SiteConfig(
        root=config_dir,
        site=parts["site.yml"],
        categories=tuple(parts["categories.yml"].categories),
        areas=tuple(parts["areas.yml"].areas),
        editions=tuple(parts["editions.yml"].editions) if parts.get("editions.yml") else (),
        places=tuple(parts["places.yml"].places) if parts.get("places.yml") else (),
        terms=tuple(parts["term_dates.yml"].terms) if parts.get("term_dates.yml") else (),
        synonyms=tuple(tuple(g) for g in parts["synonyms.yml"].synonyms)
        if parts.get("synonyms.yml") else (),
    )
    return config


# ---------------------------------------------------------------------------------------------
# Building the directory


@dataclass
class LoadResult:
    directory: Directory
    problems: list[Problem]
    files_read: int

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def _without_gc(fn):
    """Loading 10,000 listings makes millions of long-lived objects, and Python's cycle collector
    scans them again and again: about half the time of a load. A load makes no cycles worth
    collecting, so the collector is paused while it runs (worker processes inherit the pause)."""

    @wraps(fn)
    def run(*args, **kwargs):
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()

    return run


@_without_gc
def load(listings_dir: Path = Path("listings"), config_dir: Path = Path("site_config"), *,
         today: dt.date | None = None, only: Sequence[Path] | None = None,
         extra: Sequence[Path] = (), enrich_transport: bool = True,
         cache: Path | None = None) -> LoadResult:
    """Read site_config and every listing; check them; build the Directory.

    `cache`: the build cache folder (generator.site.cache); a listing file read without problems
    is kept there, parsed and checked, under the hash of its bytes and of the code, so the next
    load reads again only files that changed.
    `only` limits the problems reported to those files (the whole directory is still read, so
    cross-file checks such as duplicate ids still work). `extra` are listing files outside
    listings_dir, read as if they were in it (a file of the same name there is set aside).
    """
    today = today or dt.date.today()
    config = load_config(config_dir)
    problems: list[Problem] = []

    venues: dict[str, Venue] = {}
    venues_path = listings_dir / VENUES_FILE
    venues_loaded = None
    places: dict[str, VenuePlace] = {}
    if venues_path.exists():
        vfile, venues_loaded, found = read_model(venues_path, VenuesFile, VENUES_MAX_BYTES)
        problems += found
        if vfile:
            venue_list = vfile.venues  # type: ignore[attr-defined]
            problems += checks.venue_file(_display(venues_path), venues_loaded, venue_list, config)
            venues = {v.id: v for v in venue_list if v.id}
            for i, v in enumerate(venue_list):
                if v.id and v.id not in places:
                    places[v.id] = _venue_place(_display(venues_path), venues_loaded, ("venues", i))

    files = listing_files(listings_dir)
    if extra:  # files from elsewhere, checked as if they were in listings/ (replacing a namesake)
        names = {p.name for p in extra}
        files = sorted([p for p in files if p.name not in names] + list(extra),
                       key=lambda p: (p.name, str(p)))
    digests: dict[Path, str | None] = {}
    with progress.stage("Reading listings", total=len(files), unit="files") as reading:
        read = _read_all(files, reading, cache, digests)
    good: list[tuple[Path, Listing, Loaded]] = []
    for path, (listing, loaded, found) in zip(files, read, strict=True):
        problems += found
        if listing is not None:
            good.append((path, listing, loaded))
        elif loaded is not None:  # wrong shape: still look up its ids, so all problems come at once
            problems += checks.references_in_raw(_display(path), loaded, venues, config)

    bad_files, found = checks.across(good, venues, config, today, _display, added=_git_added)
    problems += found

    cal = Calendar(bank_holidays(config.site.bank_holidays),
                   tuple((t.start, t.end) for t in config.terms))
    orgs: list[OrganisationEntry] = []
    entries: list[Entry] = []
    file_keys: dict[str, str] = {}
    for path, listing, loaded in good:
        if path in bad_files:
            continue
        name = _display(path)
        if digests.get(path):
            file_keys[name] = digests[path]
        org_entries = []
        for i, activity in enumerate(listing.activities):
            venue, key = _venue_of(activity, venues)
            if key and not isinstance(activity.where.venue, str):
                places[key] = _venue_place(name, loaded, ("activities", i, "where", "venue"))
            entry = Entry(activity, listing.organisation, path.stem, venue, key,
                          freshness(activity, config.site.staleness, today),
                          Source(name, loaded.where(("activities", i))[0]))
            org_entries.append(entry)
        entries += org_entries
        orgs.append(OrganisationEntry(path.stem, listing.organisation, tuple(org_entries),
                                      Source(name, 1)))

    orgs.sort(key=lambda o: o.organisation.name.lower())
    entries.sort(key=lambda e: (e.activity.name.lower(), e.id))
    directory = Directory(config, today, tuple(orgs), tuple(entries),
                          MappingProxyType(venues), cal, venue_places=MappingProxyType(places),
                          file_keys=MappingProxyType(file_keys))
    if enrich_transport:
        from generator.transport import enrich

        directory, found = enrich.enrich(directory)
        problems += found
    if only is not None:
        shown = {_display(p) for p in only}
        problems = [p for p in problems if p.file in shown]
    problems.sort()
    return LoadResult(directory, problems, len(files) + (1 if venues_path.exists() else 0))


def _git_added(paths: list[Path]) -> dict[Path, float]:
    """When each file was last added in git (seconds); a file not committed (new, or from outside
    the repository) is newest. Asked only for files in a conflict (rare). When none is committed,
    or there is no git, {}: the caller falls back to file order."""
    when: dict[Path, float] = {}
    for path in paths:
        try:
            done = subprocess.run(["git", "log", "-1", "--diff-filter=A", "--format=%ct", "--",
                                   path.name], cwd=path.parent, capture_output=True, text=True,
                                  timeout=20, check=False)
        except (OSError, subprocess.SubprocessError):
            return {}  # no git at all
        stamp = done.stdout.strip()
        if done.returncode == 0 and stamp.isdigit():
            when[path] = float(stamp)
    if not when:
        return {}  # nothing committed: no way to tell, so file order decides
    return {p: when.get(p, float("inf")) for p in paths}  # uncommitted (or from elsewhere): newest


def _venue_of(activity: Activity, venues: Mapping[str, Venue]) -> tuple[Venue | None, str | None]:
    ref = activity.where.venue
    if ref is None:
        return None, None
    if isinstance(ref, str):
        return venues[ref], ref
    return ref, f"{activity.id}-venue"


def _read_all(files: list[Path], reading: progress.Stage, cache: Path | None = None,
              digests: dict[Path, str | None] | None = None
              ) -> list[tuple[Listing | None, Loaded | None, list[Problem]]]:
    """Each file read, parsed and checked, or from the cache; with a cache, `digests` gets the
    hash of each file's bytes and the code."""
    if cache is None:
        return _read_files(files, reading)
    from generator.site.cache import Cache, code_version, key

    kept = Cache(cache)
    version = code_version()
    digests = {} if digests is None else digests
    read, missing, cache_keys = {}, [], {}
    for path in files:
        try:
            data = path.read_bytes()
            digest = key(version, str(path), data)
            # what its models are made from: the bytes and the code (Directory.file_keys)
            digests[path] = key(version, data)
        except OSError:
            digest = digests[path] = None
        cache_keys[path] = digest
        data = kept.get("listing", digest) if digest else None
        try:
            read[path] = pickle.loads(data) + ([],) if data is not None else None
        except Exception:
            read[path] = None
        if read[path] is None:
            missing.append(path)
        else:
            reading.advance()
    for path, found in zip(missing, _read_files(missing, reading), strict=True):
        read[path], digest = found, cache_keys[path]
        listing, loaded, problems = found
        if digest and listing is not None and not problems:
            slim = loaded if isinstance(loaded, SlimLoaded) else SlimLoaded(loaded, path)
            kept.put("listing", digest, pickle.dumps((listing, slim), protocol=5))
    return [read[p] for p in files]


def _read_files(files: list[Path], reading: progress.Stage
                ) -> list[tuple[Listing | None, Loaded | None, list[Problem]]]:
    workers = min(os.cpu_count() or 1, 4)
    if len(files) < PARALLEL_FROM or workers < 2:
        read = [_read_listing(p) for p in files]
        reading.advance(len(files))
        return read
    # Workers only parse (the slow part) while this process builds the models as the results
    # arrive: unpickling a pydantic model costs more than validating its data again. A file with
    # any problem is simply read again here, the ordinary way, so its messages are exactly those
    # of a one-process run.
    read = []
    with ProcessPoolExecutor(workers, initializer=gc.enable) as pool:  # few objects live there
        parsed = pool.map(_parse_in_worker, files, chunksize=max(1, len(files) // (workers * 16)))
        for path, loaded in zip(files, parsed, strict=True):
            reading.advance()
            if loaded is not None and isinstance(loaded.data, dict):
                try:
                    read.append((Listing.model_validate(loaded.data), loaded, []))
                    continue
                except ValidationError:
                    pass
            read.append(_read_listing(path))
    return read


def _parse_in_worker(path: Path) -> SlimLoaded | None:
    try:
        return SlimLoaded(load_file(path), path)  # a third of the positions: less to send back
    except (YamlProblem, OSError):
        return None
