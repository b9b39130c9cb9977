"""What has changed in the directory, worked out from the listings' git history.

    log = changes.from_history(Path("listings"))     # ChangeLog, newest first
    log.since(dt.date(2026, 11, 1))                   # the changes on or after a day

Each commit that touched listings/ is replayed in order. For every activity (by its id, so moving
or renaming a file is not a new activity) the facts a person reads are compared with the commit
before: when (days and times), where, cost, how to join and status. A change to anything else
(a re-check that only moves `last_checked`, a new description) is not a change here. Activities
already there in the first commit are the directory's starting point, not news.

Without git history (a plain folder, a zip) the log says it is not available and why; the build
goes on. The words come from generator/words/changes.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from generator import history
from generator.model import Activity, Listing, Venue, VenuesFile
from generator.words import changes as say_change
from generator.words.cost import cost_text
from generator.words.dates import day_name, describe_all, times
from generator.words.lists import and_list
from generator.words.people import access_text
from generator.yaml_load import YamlProblem, loads

KINDS = ("new", "when", "where", "cost", "join", "closed", "reopened", "ended", "removed")


@dataclass(frozen=True)
class Facts:
    """What a person reads about one activity at one point in its history."""

    id: str
    name: str
    organisation: str
    status: str
    when: tuple[str, ...]
    place: str
    cost: str
    join: str
    areas: tuple[str, ...]
    shape: tuple = field(compare=False)  # the schedules without their days or times, to tell which changed
    days: tuple[tuple[str, ...], ...] = field(compare=False, default=())
    hours: tuple[str, ...] = field(compare=False, default=())


@dataclass(frozen=True)
class Change:
    day: dt.date
    kind: str  # one of KINDS
    activity_id: str
    name: str
    organisation: str
    text: str
    areas: tuple[str, ...]
    commit: str

    @property
    def heading(self) -> str:
        return say_change.heading(self.kind)


@dataclass(frozen=True)
class ChangeLog:
    changes: tuple[Change, ...] = ()  # newest first
    available: bool = True
    reason: str = ""  # why not, when not available

    def since(self, day: dt.date) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.day >= day)

    def between(self, start: dt.date, end: dt.date) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if start <= c.day <= end)

    @property
    def note(self) -> str:
        return "" if self.available else say_change.not_available(self.reason)


def not_available(reason: str) -> ChangeLog:
    return ChangeLog((), False, reason)


def from_history(listings_dir: Path) -> ChangeLog:
    """Replay the git history of `listings_dir`; never raises for a missing or odd history."""
    try:
        root, commits = history.listing_commits(listings_dir)
    except history.NoHistory as err:
        return not_available(_plain_reason(str(err)))
    texts = history.read_blobs(root, [f.blob for c in commits for f in c.files if f.blob])
    return ChangeLog(tuple(reversed(_replay(commits, texts))))


def _plain_reason(err: str) -> str:
    if "not a git repository" in err:
        return "the listings folder has no git history (it is a plain folder or a download)"
    return err[:1].lower() + err[1:] if err else "the listings' history could not be read"


# --- replaying ---------------------------------------------------------------------------------


def _parse_listing(text: str) -> Listing | None:
    try:
        data = loads(text).data
        return Listing.model_validate(data)
    except (YamlProblem, ValidationError, ValueError, TypeError):
        return None  # a version that did not validate: its facts were never published


def _parse_venues(text: str) -> dict[str, Venue] | None:
    try:
        data = loads(text).data
        return {v.id: v for v in VenuesFile.model_validate(data).venues if v.id}
    except (YamlProblem, ValidationError, ValueError, TypeError):
        return None


def _place(activity: Activity, venues: dict[str, Venue]) -> tuple[str, tuple[str, ...]]:
    where = activity.where
    venue = venues.get(where.venue) if isinstance(where.venue, str) else where.venue
    ways = [w for w, on in (("online", where.online), ("by phone", where.by_phone),
                            ("home visits", where.home_visits)) if on]
    if venue is not None:
        areas = tuple(filter(None, [getattr(venue, "area", None)])) + tuple(where.areas)
        return venue.name, areas
    if isinstance(where.venue, str):
        return where.venue, tuple(where.areas)
    return (and_list(ways) or "?").capitalize(), tuple(where.areas)


def _facts(org_id: str, org_name: str, activity: Activity, venues: dict[str, Venue]) -> Facts:
    place, areas = _place(activity, venues)
    scheds = activity.schedules
    return Facts(
        id=activity.id, name=activity.name, organisation=org_name or org_id,
        status=activity.status.value, when=tuple(describe_all(scheds)), place=place,
        cost=cost_text(activity), join=access_text(activity), areas=areas,
        shape=tuple(s.model_dump(exclude={"days", "start", "end"}, mode="json").__repr__() for s in scheds),
        days=tuple(tuple(day_name(d) for d in s.days) for s in scheds),
        hours=tuple(times(s.start, s.end) for s in scheds),
    )


def _listing_facts(path: str, listing: Listing, venues: dict[str, Venue]) -> dict[str, Facts]:
    org_id = Path(path).stem  # a listing file is named after its organisation
    return {a.id: _facts(org_id, listing.organisation.name, a, venues) for a in listing.activities}


def _replay(commits: list[history.Commit], texts: dict[str, str]) -> list[Change]:
    """Linear in the number of file changes: only the activities of the files a commit touched
    are compared (all of them when venues.yml changed)."""
    files: dict[str, Listing] = {}  # repository path -> the last version that validated
    file_facts: dict[str, dict[str, Facts]] = {}
    home: dict[str, str] = {}  # activity id -> the file it is in now
    venues: dict[str, Venue] = {}
    current: dict[str, Facts] = {}  # activity id -> its facts now
    out: list[Change] = []
    for number, commit in enumerate(commits):
        touched: set[str] = set()
        venues_changed = False

        def drop(path: str, touched: set[str] = touched, file_facts: dict = file_facts) -> None:
            for aid in file_facts.pop(path, {}):
                touched.add(aid)
                if home.get(aid) == path:
                    del home[aid]
            files.pop(path, None)

        for f in commit.files:
            if Path(f.new_path or f.old_path or "").name == "venues.yml":
                parsed = _parse_venues(texts.get(f.blob or "", "")) if f.new_path else {}
                if parsed is not None:
                    venues, venues_changed = parsed, True
                continue
            if f.old_path and f.old_path != f.new_path:
                drop(f.old_path)
            if f.new_path is None:
                continue
            listing = _parse_listing(texts.get(f.blob or "", ""))
            if listing is None:
                continue  # keep the last version that validated
            drop(f.new_path)
            files[f.new_path] = listing
            file_facts[f.new_path] = _listing_facts(f.new_path, listing, venues)
        if venues_changed:
            file_facts.clear()
            file_facts.update({path: _listing_facts(path, lst, venues) for path, lst in files.items()})
            touched |= set(current)
        for path in {f.new_path for f in commit.files if f.new_path in file_facts} | (
                set(file_facts) if venues_changed else set()):
            for aid in file_facts[path]:
                home[aid] = path
                touched.add(aid)
        ids = sorted(touched)  # the same order in every process (a set's is not)
        before = {aid: current[aid] for aid in ids if aid in current}
        after = {aid: file_facts[home[aid]][aid] for aid in ids if aid in home}
        if number > 0:
            out += _compare(before, after, commit.when.date(), commit.sha)
        for aid in touched:
            if aid in after:
                current[aid] = after[aid]
            else:
                current.pop(aid, None)
    return out


def _compare(before: dict[str, Facts], after: dict[str, Facts], day: dt.date, sha: str) -> list[Change]:
    out: list[Change] = []

    def add(kind: str, f: Facts, text: str) -> None:
        out.append(Change(day, kind, f.id, f.name, f.organisation, text, f.areas, sha))

    for aid, new in after.items():
        old = before.get(aid)
        if old is None:
            add("new", new, say_change.new(new.when, new.place))
            continue
        if old == new:
            continue  # nothing a person reads has changed (a re-check, a new description)
        if new.status != old.status:
            if new.status == "ended":
                add("ended", new, say_change.ended())
            elif new.status == "temporarily-closed":
                add("closed", new, say_change.closed())
            elif old.status == "temporarily-closed":
                add("reopened", new, say_change.reopened())
        if new.when != old.when:
            add("when", new, _when_text(old, new))
        if new.place != old.place:
            add("where", new, say_change.moved(new.place))
        if new.cost != old.cost:
            add("cost", new, say_change.cost_changed(old.cost, new.cost))
        if new.join != old.join:
            add("join", new, say_change.join_changed(old.join, new.join))
    for aid, old in before.items():
        if aid not in after:
            add("removed", old, say_change.removed())
    return out


def _when_text(old: Facts, new: Facts) -> str:
    same_shape = old.shape == new.shape
    if same_shape and old.hours == new.hours and old.days != new.days and len(new.days) == 1:
        return say_change.days_changed(old.days[0], new.days[0])
    if same_shape and old.days == new.days and old.hours != new.hours and len(new.hours) == 1:
        return say_change.times_changed(old.hours[0], new.hours[0])
    return say_change.when_changed(old.when, new.when)
