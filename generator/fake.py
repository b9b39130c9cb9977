"""A realistic synthetic directory, for benchmarks and load tests.

``generate(count, out)`` writes ``count`` listing files (each with 1 to 4 activities) and a
``venues.yml`` with about count/5 venues into ``out``, using the category and area ids of a
real ``site_config/``, so the result validates cleanly against it. The same seed always gives
the same files. Text comes from the name pools in ``generator.fake_words``.

YAML is written as text, not through a YAML dumper: it is quicker (10,000 files in a couple
of seconds) and the files look like the hand-written ones in listings/.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path

from generator import fake_words as w
from generator import listing_store
from generator.config import SiteConfig

# Dates are relative to a fixed day, not today, so a seed always gives the same files.
ANCHOR = dt.date(2026, 11, 1)
HEADER = "# yaml-language-server: $schema=../schema/listing.schema.json\n"
VENUES_HEADER = "# yaml-language-server: $schema=../schema/venues.schema.json\n"

# venues.yml must stay under the loader's size limit (512 KB): about 1,600 venues. A real
# directory has far fewer; a bigger synthetic one shares these between more listings.
MAX_VENUES = 1500

# Postcode districts for the demo's areas; other areas get a made-up Liverpool district.
DISTRICTS = {
    "aigburth": ("L17", "L19"), "garston": ("L19",), "speke": ("L24",), "allerton": ("L18", "L19"),
    "woolton": ("L25",), "childwall": ("L16", "L15"), "wavertree": ("L15",),
}
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DAY_WEIGHTS = [22, 22, 16, 16, 13, 8, 3]  # Monday and Tuesday are what patients ask for most
_REFERRERS = ["self", "link-worker", "gp", "receptionist", "pharmacist", "other-professional"]
_PLAIN = re.compile(r"^([A-Za-zÀ-ÿ]|[0-9]+ [A-Za-z])[A-Za-zÀ-ÿ0-9 ,.;'()&/£!?+-]*$")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


@dataclass
class FakeResult:
    files: int
    activities: int
    venues: int
    seconds: float


@dataclass
class _Venue:
    id: str
    area: str
    postcode: str


def q(text: str) -> str:
    """A YAML scalar: plain when that is safe, else double-quoted (JSON strings are valid YAML)."""
    if _PLAIN.match(text) and not text.endswith(" ") and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


slug = listing_store.slug  # the one slug, as every other route names files and ids
_unique = listing_store.unique


def _plus_minutes(start: str, minutes: int) -> str:
    hours, mins = map(int, start.split(":"))
    total = min(hours * 60 + mins + minutes, 23 * 60 + 45)
    return f"{total // 60:02d}:{total % 60:02d}"


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return f"0151 496 0{rng.randrange(1000):03d}"
    return f"07700 900{rng.randrange(1000):03d}"


class _Writer:
    """Builds one directory. Keeps the sets that make ids, file names and activities unique."""

    def __init__(self, config: SiteConfig, rng: random.Random, anchor: dt.date):
        self.rng = rng
        self.anchor = anchor
        self.categories = {c.id for c in config.categories}
        self.kinds = [k for k in w.KINDS if any(c in self.categories for c in k.categories)]
        self.fallback_category = config.categories[0].id
        self.areas = list(config.areas)
        lats = [a.latitude for a in self.areas if a.latitude is not None] or [53.38]
        lons = [a.longitude for a in self.areas if a.longitude is not None] or [-2.90]
        self.centre = (sum(lats) / len(lats), sum(lons) / len(lons))
        self.has_terms = bool(config.terms)
        self.files: set[str] = set()
        self.activity_ids: set[str] = set()
        self.same: set[tuple] = set()
        self.venues: list[_Venue] = []
        self.venues_by_area: dict[str, list[_Venue]] = {}

    # ----------------------------------------------------------------------------- venues

    def postcode(self, area: str) -> str:
        rng = self.rng
        district = rng.choice(DISTRICTS.get(area, (f"L{rng.randrange(1, 40)}",)))
        return f"{district} {rng.randrange(10)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"

    def locality(self, area) -> str:
        """The area's name, or a neighbourhood in it (any of the pool for areas it does not know)."""
        near = w.LOCALITIES.get(area.id) or [n for names in w.LOCALITIES.values() for n in names]
        return area.name if self.rng.random() < 0.5 else self.rng.choice(near)

    def place_for(self, area) -> tuple[float, float]:
        lat = area.latitude if area.latitude is not None else self.centre[0]
        lon = area.longitude if area.longitude is not None else self.centre[1]
        return round(lat + self.rng.uniform(-0.008, 0.008), 5), round(lon + self.rng.uniform(-0.012, 0.012), 5)

    def venue_lines(self, area, indent: str, with_id: str | None) -> tuple[list[str], str]:
        rng = self.rng
        place = self.locality(area)
        name = rng.choice(w.VENUE_KINDS).format(place=place, saint=rng.choice(w.SAINTS))
        street = f"{rng.choice(w.STREETS)} {rng.choice(w.STREET_KINDS)}"
        postcode = self.postcode(area.id)
        lat, lon = self.place_for(area)
        lines = [f"{indent}id: {with_id}"] if with_id else []
        lines += [
            f"{indent}name: {q(name)}",
            f"{indent}address: {q(f'{rng.randrange(1, 400)} {street}, {area.name}, Liverpool')}",
            f"{indent}postcode: {postcode}",
            f"{indent}area: {area.id}",
            f"{indent}latitude: {lat}",
            f"{indent}longitude: {lon}",
        ]
        for key, chance in (("step_free", 0.8), ("accessible_toilet", 0.7), ("hearing_loop", 0.4),
                            ("parking", 0.5)):
            if rng.random() < 0.9:
                lines.append(f"{indent}{key}: {'true' if rng.random() < chance else 'false'}")
        lines.append(f"{indent}non_clinical: true")
        if rng.random() < 0.15:
            lines.append(f"{indent}accessibility_notes: {q(rng.choice(w.MIDDLE_LINES))}")
        return lines, postcode

    def venues_file(self, count: int) -> str:
        lines = [VENUES_HEADER.rstrip("\n"), "venues:"]
        taken: set[str] = set()
        for i in range(count):
            area = self.areas[i % len(self.areas)]
            body, postcode = self.venue_lines(area, "    ", None)
            vid = _unique(slug(body[0].split(": ", 1)[1].strip('"')), taken)
            lines.append(f"  - id: {vid}")
            lines += body
            venue = _Venue(vid, area.id, postcode)
            self.venues.append(venue)
            self.venues_by_area.setdefault(area.id, []).append(venue)
        return "\n".join(lines) + "\n"

    # ----------------------------------------------------------------------------- listings

    def listing(self) -> tuple[str, str, int]:
        """One listing file: (file stem, text, number of activities)."""
        rng = self.rng
        area = rng.choice(self.areas)
        place = self.locality(area)
        org = rng.choice(w.ORG_PATTERNS).format(place=place, saint=rng.choice(w.SAINTS),
                                                theme=rng.choice(w.ORG_THEMES))
        stem = _unique(slug(org)[:60].strip("-"), self.files)
        host = f"{stem}.example.org"
        people = [f"{rng.choice(w.FIRST_NAMES)} {rng.choice(w.SURNAMES)}" for _ in range(2)]
        out = [HEADER.rstrip("\n"), "organisation:", f"  name: {q(org)}",
               f"  description: {q(rng.choice(w.OPENING_LINES))}"]
        if rng.random() < 0.8:
            out.append(f"  website: https://{host}")
        out.append(f"  email: hello@{host}")
        phone = _phone(rng)
        out += ["  phones:", f"    - number: {phone}", f"      description: {q(people[0])}"]
        if rng.random() < 0.4:
            out.append(f'  charity_number: "{rng.randrange(1000000, 1210000)}"')
        if rng.random() < 0.3:
            out += ["  governance:", "    safeguarding_policy: true", "    insurance: true"]
            if rng.random() < 0.5:
                out.append("    dbs_checked: true")
        out.append("  maintainers:")
        out.append(f"    - name: {q(people[0])}")
        user = slug(people[0]).replace("-", ".")
        if rng.random() < 0.8:
            out.append(f"      email: {user}@{host}")
            if rng.random() < 0.3:
                out.append(f"      github: {slug(people[0])}-{rng.randrange(10, 99)}")
        else:
            out.append(f"      github: {slug(people[0])}-{rng.randrange(10, 99)}")
        out.append("activities:")
        n = rng.choice((1, 1, 2, 2, 2, 3, 3, 4))
        for _ in range(n):
            out += self.activity(stem, place, area, people[0], phone)
        return stem, "\n".join(out) + "\n", n

    def activity(self, stem: str, place: str, area, person: str, phone: str) -> list[str]:
        rng = self.rng
        kind = rng.choice(self.kinds)
        cats = [c for c in kind.categories if c in self.categories] or [self.fallback_category]
        aid = kind.name.replace("'", "")
        aid = _unique(f"{stem}-{slug(aid)}"[:76].strip("-"), self.activity_ids)
        where, where_key, no_venue = self.where(area)
        schedules, times = self.schedules(kind, no_venue)
        name = kind.name if rng.random() < 0.5 else f"{place} {kind.name}"
        key = (re.sub(r"[^a-z0-9]", "", name.lower()), where_key, times)
        n = 2
        while key in self.same:  # the validator would call it the same activity listed twice
            name = f"{place} {kind.name} {n}" if n > 2 else f"{place} {kind.name}"
            key, n = (re.sub(r"[^a-z0-9]", "", name.lower()), where_key, times), n + 1
        self.same.add(key)
        out = [f"  - id: {aid}", f"    name: {q(name)}", f"    summary: {q(kind.summary)}"]
        if rng.random() < 0.6:
            out += self.description()
        out.append(f"    categories: [{', '.join(cats)}]")
        out += self.audience(kind)
        out += self.cost(rng.choice(kind.costs))
        out += ["    how_to_go:", f"      access: {kind.access}"]
        if kind.access == "referral" or rng.random() < 0.4:
            refs = rng.sample(_REFERRERS, rng.randrange(1, 5))
            out.append(f"      referral_from: [{', '.join(r for r in _REFERRERS if r in refs)}]")
        roll = rng.random()
        if roll < 0.08:
            out.append("    capacity: waiting-list")
        elif roll < 0.11:
            out.append("    capacity: full")
        roll = rng.random()
        if roll < 0.03:
            out.append("    status: ended")
        elif roll < 0.06:
            out.append("    status: temporarily-closed")
        if rng.random() < 0.1 or "faith-culture" in cats:
            out += ["    languages:", "      - English"]
            out += [f"      - {q(lang)}" for lang in rng.sample(w.LANGUAGES, rng.randrange(1, 3))]
        if rng.random() < 0.5:
            out += ["    first_visit:", f"      bring_a_friend: {'true' if rng.random() < 0.8 else 'false'}",
                    "      someone_meets_you: true", "      refreshments: true"]
            if rng.random() < 0.5:
                out.append(f"      notes: {q(rng.choice(w.FIRST_VISIT_NOTES))}")
        out.append(f"    phone: {phone}")
        if rng.random() < 0.3:
            out.append(f"    on_the_day_phone: 07700 900{rng.randrange(1000):03d}")
        out += schedules
        out += where
        out.append(f"    last_checked: {self.checked().isoformat()}")
        out.append(f"    checked_by: {q(person)}")
        return out

    def description(self) -> list[str]:
        rng = self.rng
        lines = ["    description: |", f"      {rng.choice(w.OPENING_LINES)}", ""]
        middle = rng.choice(w.MIDDLE_LINES)
        if rng.random() < 0.3:
            middle = "**" + middle.rstrip(".") + ".**"
        lines.append(f"      {middle}")
        if rng.random() < 0.3:
            lines += ["", "      Every week there is:", ""]
            lines += [f"      - {b}" for b in rng.sample(w.BULLETS, 3)]
        return lines

    def audience(self, kind) -> list[str]:
        rng = self.rng
        out = ["    audience:"]
        if kind.min_age is not None:
            out.append(f"      min_age: {kind.min_age}")
        if kind.max_age is not None:
            out.append(f"      max_age: {kind.max_age}")
        out.append(f"      groups: [{q(kind.group)}]" if "," not in kind.group else
                   f"      groups: [{json.dumps(kind.group)}]")
        if kind.group == "Everyone" and rng.random() < 0.5:
            out.append("      not_just_older_people: true")
        return out

    def cost(self, kind: str) -> list[str]:
        rng = self.rng
        if kind == "fixed":
            return [f"    cost: {{kind: fixed, amount: {rng.choice(('1.50', '2', '2.50', '3', '3.50', '4', '4.50', '5'))}}}"]
        if kind == "concessions":
            full = rng.choice((3, 4, 5, 6))
            return [f"    cost: {{kind: concessions, amount: {full}, concession_amount: {full - rng.choice((1, 2))}}}"]
        if kind == "pay-what-you-can":
            return ["    cost: {kind: pay-what-you-can}"]
        return ["    cost: {kind: free}"]

    def where(self, area) -> tuple[list[str], str, bool]:
        """The where: block, the venue part of the 'same activity' key, and whether it is not at a venue."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.82 and self.venues:
            near = self.venues_by_area.get(area.id) or self.venues
            venue = rng.choice(near if rng.random() < 0.85 else self.venues)
            return ["    where:", f"      venue: {venue.id}"], venue.id, False
        if roll < 0.9:
            body, postcode = self.venue_lines(area, "        ", None)
            return ["    where:", "      venue:"] + body, postcode, False
        how = rng.choice(("online", "by_phone", "home_visits"))
        served = rng.sample([a.id for a in self.areas], min(len(self.areas), rng.randrange(1, 4)))
        return ["    where:", f"      {how}: true", f"      areas: [{', '.join(served)}]"], "elsewhere", True

    def schedules(self, kind, no_venue: bool) -> tuple[list[str], tuple]:
        rng = self.rng
        start = rng.choice(kind.starts)
        end = _plus_minutes(start, kind.minutes)
        roll = rng.random()
        if no_venue and roll < 0.3:
            return [], ()  # ring to arrange
        days = [rng.choices(_DAYS, _DAY_WEIGHTS)[0]]
        lines = ["    schedules:"]
        extra: list[str] = []
        if roll < 0.40:
            freq = "weekly"
        elif roll < 0.50:
            freq = "weekly"
            days = sorted(set(days + rng.choices(_DAYS[:5], k=2)), key=_DAYS.index)
        elif roll < 0.60:
            freq = "fortnightly"
            first = self.anchor - dt.timedelta(days=rng.randrange(0, 120))
            first += dt.timedelta(days=(_DAYS.index(days[0]) - first.weekday()) % 7)
            extra.append(f"        start_date: {first.isoformat()}")
        elif roll < 0.75:
            freq = "monthly"
            weeks = rng.choice((["first"], ["second"], ["third"], ["fourth"], ["last"], ["first", "third"]))
            extra.append(f"        weeks: [{', '.join(weeks)}]")
        elif roll < 0.80:
            freq = "monthly"
            days = []
            extra.append(f"        day_of_month: {rng.randrange(1, 29)}")
        elif roll < 0.87:
            freq = "once"
            first = self.anchor + dt.timedelta(days=rng.randrange(-60, 120))
            dates = [first + dt.timedelta(weeks=i) for i in range(rng.randrange(1, 5))]
            days = []
            extra.append(f"        dates: [{', '.join(d.isoformat() for d in dates)}]")
        else:
            freq = "weekly"
            begin = self.anchor + dt.timedelta(days=rng.randrange(-200, 60))
            extra += [f"        valid_from: {begin.isoformat()}",
                      f"        valid_to: {(begin + dt.timedelta(days=rng.randrange(42, 240))).isoformat()}"]
        lines.append(f"      - frequency: {freq}")
        if days:
            lines.append(f"        days: [{', '.join(days)}]")
        lines += extra
        lines += [f"        start: {start}", f"        end: {end}"]
        if freq != "once" and rng.random() < 0.3:
            lines.append("        not_on_bank_holidays: true")
        if freq != "once" and self.has_terms and ("families" in kind.categories
                                                  or "young-people" in kind.categories) and rng.random() < 0.5:
            lines.append("        term_time_only: true")
        return lines, ((freq, tuple(days), start),)

    def checked(self) -> dt.date:
        roll = self.rng.random()
        if roll < 0.75:
            back = self.rng.randrange(0, 150)
        elif roll < 0.9:
            back = self.rng.randrange(185, 360)
        else:
            back = self.rng.randrange(370, 700)
        return self.anchor - dt.timedelta(days=back)


def generate(count: int, out: Path, config: SiteConfig, *, seed: int = 1,
             anchor: dt.date = ANCHOR) -> FakeResult:
    """Write `count` listing files and a venues.yml into `out` (created if missing)."""
    started = time.perf_counter()
    rng = random.Random(seed)
    writer = _Writer(config, rng, anchor)
    out.mkdir(parents=True, exist_ok=True)
    venues = writer.venues_file(min(MAX_VENUES, max(3, count // 5)))
    listing_store.write(out, out / listing_store.VENUES_FILE, venues)
    activities = 0
    for _ in range(count):
        stem, text, n = writer.listing()
        listing_store.write(out, listing_store.path_for(out, stem), text)
        activities += n
    return FakeResult(count, activities, len(writer.venues), time.perf_counter() - started)
