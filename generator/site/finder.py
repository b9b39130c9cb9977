"""The finder's data, in parts so a phone downloads only what a search needs: a small start file
(the filters' choices, synonyms, the list of parts), one part per area (result lines, filters,
schedules and a lunr index built here with lunr.py and loaded by lunr.js) and a names index of
the whole directory split by the start of words. All are .js files, loaded with <script>
elements, so they work from file://, where fetch() is not allowed (see finder_files).

Synonyms (site_config/synonyms.yml) are matched here on stemmed words: an activity whose text
holds any word or phrase of a group gets the group's token (`wosyn3`) in its `syn` field (and in
`synname` when its name does), and the finder turns the same words in a query into that token.
"""

from __future__ import annotations

import gzip
import json
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lunr import lunr
from lunr.stemmer import stemmer
from lunr.stop_word_filter import WORDS as STOP_WORDS
from lunr.token import Token
from lunr.tokenizer import Tokenizer
from lunr.trimmer import trimmer

from generator import richtext, schedule, urls
from generator.directory import Directory, Entry
from generator.freshness import Freshness
from generator.site.cards import card
from generator.site.keyfacts import bus_fact
from generator.site.today import area_keys, compact, day_number
from generator.site.views import route_path
from generator.words import place, status

TIMES = {"morning": 1, "afternoon": 2, "evening": 4}
# Audience groups that mean "open to all": one word for it in the finder, "Everyone".
EVERYONE = {"everyone", "anyone", "all", "all welcome", "everybody", "all ages"}
FREE, DROP_IN, STEP_FREE, FOR_EVERYONE, RING_FIRST = 1, 2, 4, 8, 16
# Words that say nothing about which activity ("near me", "group"): the finder leaves them out of
# a search, and the names index leaves them out.
FILLER = ("near", "nearby", "me", "local", "around", "something", "anything",
          "somewhere", "things", "stuff", "activity", "activities", "group", "groups", "club", "clubs",
    "session", "sessions", "class", "classes", "place", "places", "want", "looking", "find",
    "need", "like", "whats", "what's", "going", "go", "this", "next", "week", "free", "please",
    "area", "ones", "one", "day", "days", "time", "times", "help", "support", "with", "my", "get",
    "getting", "some", "new", "meet", "people")
_FILLER = frozenset(FILLER)
VOCABULARY = 8000  # words kept for "one typo away" and "still typing"
NAMES_BUDGET = 40_000  # bytes: a names part bigger than this is split by one more letter
EAGER_BYTES = 120_000  # gzipped: a directory whose parts all fit loads them all at once
INDEXES = "finder/indexes.js"  # such a directory's search indexes, all in one file
# With more activities than this loaded, finder.js reads the index directly (its terms and who has
# them) rather than through lunr's scoring, which needs each activity's field vectors: an area's
# part with more is written without them (41% of its bytes at 3,000 activities) and says so.
DIRECT = 3000
_WORD = re.compile(r"^[a-z][a-z']{2,}$")


def words_of(text: str) -> list[str]:
    """Lower-case words as lunr.js tokenises and trims them (before stemming)."""
    return [str(trimmer(t)) for t in Tokenizer(text) if str(trimmer(t))]


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(stemmer(Token(word)))


def stems(text: str) -> list[str]:
    return [_stem(w) for w in words_of(text)]


def synonym_table(groups, stem=stems) -> list[list]:
    """[[words of a phrase], group number] for every phrase, longest phrases first. With
    `stem=words_of` it is what the finder gets: it stems the words itself with lunr.js, whose
    stemmer differs from lunr.py's on a few words (money: lunr.py "monei", lunr.js "money")."""
    table = [[stem(phrase), n] for n, group in enumerate(groups) for phrase in group]
    table = [t for t in table if t[0]]
    table.sort(key=lambda t: -len(t[0]))
    return table


def synonym_tokens(text_stems: list[str], table: list[list]) -> list[str]:
    starts: dict[str, list[int]] = {}
    for i, st in enumerate(text_stems):
        starts.setdefault(st, []).append(i)
    found = set()
    for phrase, n in table:
        k = len(phrase)
        if n not in found and any(text_stems[i:i + k] == phrase for i in starts.get(phrase[0], ())):
            found.add(n)
    return [f"wosyn{n}" for n in sorted(found)]


def _bus(directory: Directory, entry: Entry) -> str | None:
    """'Nearest stop: Mersey Road (Stop E), 104 m, about 3 minutes' walk. Buses 82, 82A and 82C.'
    (the activity page's key fact, worded by generator.words)."""
    return bus_fact(directory, entry)


def _ring_first(directory: Directory, entry: Entry) -> str:
    """Why to ring before going: 'Closed for now', 'Due for a check', ... (words.status)."""
    found = status.status_label(entry)
    if found:
        return found
    notice = status.freshness_notice(entry, directory.config.site.staleness)
    return notice.title if notice else ""


def _area_name(directory: Directory, entry: Entry) -> str:
    areas = directory.config.area_by_id
    if entry.venue and entry.venue.area in areas:
        return areas[entry.venue.area].name
    return ""


def _js(name: str, value: object) -> str:
    return f"window.{name}={_json(value)};\n"


def _json(value: object) -> str:
    # "</" written as "<\/" so no listing text can end a <script> early.
    return json.dumps(value, separators=(',', ':'), ensure_ascii=False).replace("</", "<\\/")


def _pushed(value: object) -> str:
    """A data file the finder loads with a <script> element when it needs it (works from file://,
    where fetch() is not allowed): it adds itself to window.WO_LOADED."""
    return f"(window.WO_LOADED=window.WO_LOADED||[]).push({_json(value)});\n"


@dataclass
class Shared:
    """What every part of the finder's data refers to, worked out once per build."""
    directory: Directory
    routes: list
    cat_index: dict = field(default_factory=dict)
    area_index: dict = field(default_factory=dict)
    route_ids: dict = field(default_factory=dict)  # activity id -> [route ids]
    table: list = field(default_factory=list)
    _cards: dict = field(default_factory=dict)
    _bodies: dict = field(default_factory=dict)
    words: Callable[[str], list[str]] = words_of  # the build may give one that keeps its answers
    # The build's cache and fingerprints (generator.site.cache), when it has them: searched text
    # and result lines are then kept between builds, by activity.
    cache: object = None
    prints: object = None
    kept_bodies: object = None  # a Memo of body(), made by finder_files

    def card(self, entry: Entry):
        if entry.id not in self._cards:
            self._cards[entry.id] = card(entry, self.directory)
        return self._cards[entry.id]

    def body(self, entry: Entry) -> str:
        """The text searched beside the name: summary, description, organisation, venue, where,
        categories."""
        if entry.id not in self._bodies:
            if self.kept_bodies is not None:
                self._bodies[entry.id] = self.kept_bodies.get(self.prints.entry(entry),
                                                              lambda: self._body(entry))
            else:
                self._bodies[entry.id] = self._body(entry)
        return self._bodies[entry.id]

    def _body(self, entry: Entry) -> str:
        a = entry.activity
        cat_names = {c.id: c.name for c in self.directory.config.categories}
        return " ".join([
            a.summary, richtext.to_plain(a.description), entry.organisation.name,
            entry.venue.name if entry.venue else "", self.card(entry).where,
            " ".join(cat_names.get(x, "") for x in a.categories)])

    def context(self) -> str:
        """The cache key of what every activity's searched text and result line share."""
        from generator.site.cache import code_version, key, stable

        d = self.directory
        return key(code_version(), d.config, d.today, stable(d.calendar))

    @classmethod
    def of(cls, directory: Directory, routes: list, cards: dict | None = None,
           words: Callable[[str], list[str]] | None = None, cache=None, prints=None) -> Shared:
        """`cards`: the build's cards by activity id, when it has made them already; `words`:
        words_of, or one that gives the same answers quicker; `cache`, `prints`: the build's
        cache and fingerprints (generator.site.cache), to keep what is worked out per activity."""
        shared = cls(directory, routes,
                     {c.id: i for i, c in enumerate(directory.config.categories)},
                     {a.id: i for i, a in enumerate(directory.config.areas)},
                     table=synonym_table(directory.config.synonyms), _cards=dict(cards or {}),
                     words=words or words_of, cache=cache, prints=prints)
        for r in routes:
            for e in r.entries:
                shared.route_ids.setdefault(e.id, []).append(route_id(r))
        return shared


def audience_choices(directory: Directory) -> list[str]:
    """The finder's "who it is for" choices: every audience group the current activities name,
    in the order they first appear."""
    groups: dict[str, int] = {}
    for entry in directory.current():
        for g in audience_groups(entry):
            groups.setdefault(g, len(groups))
    return sorted(groups, key=groups.get)


def audience_groups(entry: Entry) -> list[str]:
    """The audience groups an activity names, leaving out the words for "open to all"."""
    aud = entry.activity.audience
    return [g for g in (aud.groups if aud else []) if g.strip().lower() not in EVERYONE]


def _doc(shared: Shared, entry: Entry) -> list:
    directory, a = shared.directory, entry.activity
    c = shared.card(entry)
    running = status.is_running(entry)  # closed for now: no days, no dates, no next session
    days = 0
    for d in schedule.weekdays_of(a.schedules) if running else []:
        days |= 1 << schedule.day_index(d)
    times = 0
    for s in a.schedules:
        times |= TIMES[schedule.time_of_day(s.start)]
    aud = a.audience
    named = audience_groups(entry)
    for_everyone = not named or len(named) < len(aud.groups if aud else [])
    flags = (FREE if a.cost.kind.value == "free" else 0) \
        | (DROP_IN if a.how_to_go.access.value == "drop-in" else 0) \
        | (STEP_FREE if entry.venue and entry.venue.step_free else 0) \
        | (FOR_EVERYONE if for_everyone else 0) \
        | (RING_FIRST if entry.freshness in (Freshness.due, Freshness.stale)
           or not status.is_running(entry) else 0)
    phone = place.phone(entry) or a.on_the_day_phone or ""  # the one phone (words.place)
    from generator.sms import text_message

    return [a.id, a.name, a.summary, c.path, c.when, c.where, c.cost,
            f"{c.access} · {c.capacity}" if c.capacity else c.access, phone,
            [shared.cat_index[x] for x in a.categories if x in shared.cat_index],
            [shared.area_index[x] for x in entry.areas if x in shared.area_index],
            days, times, flags,
            aud.min_age if aud and aud.min_age is not None else None,
            aud.max_age if aud and aud.max_age is not None else None,
            named, shared.route_ids.get(a.id, []),
            [compact(s) for s in a.schedules] if running else [],
            _area_name(directory, entry), _bus(directory, entry),
            _ring_first(directory, entry) if flags & RING_FIRST else "",
            text_message(directory, entry)]


def _search_doc(shared: Shared, entry: Entry, i: int) -> dict:
    body, name = shared.body(entry), entry.activity.name
    return {"i": str(i), "name": name, "body": body,
            "syn": " ".join(synonym_tokens(stems(name + " " + body), shared.table)),
            "synname": " ".join(synonym_tokens(stems(name), shared.table))}


def start_data(directory: Directory, routes: list, shared: Shared | None = None) -> dict:
    """What the finder needs before any search: the filters' choices, synonyms, the words in the
    listings (for typos; the most used VOCABULARY of them) and the calendar."""
    shared = shared or Shared.of(directory, routes)
    entries = directory.current()
    vocabulary: dict[str, int] = {}
    for entry in entries:
        for w in shared.words(entry.activity.name + " " + shared.body(entry)):
            if _WORD.match(w):
                vocabulary[w] = vocabulary.get(w, 0) + 1
    cal = directory.calendar
    return {
        "cats": [[c.id, c.name] for c in directory.config.categories],
        "areas": [[a.id, a.name, a.latitude, a.longitude] for a in directory.config.areas],
        "groups": audience_choices(directory),
        "routes": [[route_id(r), r.label] for r in routes],
        "syn": synonym_table(directory.config.synonyms, words_of),
        # Words in the listings, most used first: a query word one typo away is read as one.
        "vocab": " ".join(sorted(vocabulary, key=lambda w: (-vocabulary[w], w))[:VOCABULARY]),
        "bh": sorted(day_number(d) for d in cal.bank_holidays
                     if abs((d - directory.today).days) < 800),
        "terms": [[day_number(x), day_number(y)] for x, y in cal.terms],
        "built": day_number(directory.today),
        "filler": list(FILLER),
        "direct": DIRECT,
    }


def route_id(r) -> str:
    """The route's id in finder links (?route=82), the last part of its page address."""
    return route_path(r).strip("/").split("/")[-1]


def build_index(search_docs: list[dict], vectors: bool = True) -> dict:
    """The lunr index of `search_docs`, serialised; `vectors=False`: without the field vectors,
    which only lunr's scoring reads (see DIRECT)."""
    if not search_docs:  # lunr.py cannot build an empty index; this ref matches no activity
        search_docs = [{"i": "-1", "name": "", "body": "", "syn": "", "synname": ""}]
    idx = lunr(ref="i", fields=[{"field_name": "name", "boost": 10}, "body",
                                {"field_name": "syn", "boost": 2},
                                {"field_name": "synname", "boost": 10}], documents=search_docs)
    data = idx.serialize()
    # Scores to 3 significant places are plenty for ranking and keep the file small.
    data["fieldVectors"] = [[ref, [round(x, 3) if isinstance(x, float) else x for x in vec]]
                            for ref, vec in data["fieldVectors"]] if vectors else []
    return data


def area_shard(directory: Directory, key: str, routes: list, shared: Shared | None = None) -> str:
    """The finder's part for one area (`key` an area id, or "" for activities with no area):
    its activities' result lines, filters and schedules, and their lunr index. A function of the
    Directory and the area only, so a build may keep it while the area's listings do not change."""
    shared = shared or Shared.of(directory, routes)
    entries = [e for e in directory.current() if key in area_keys(e, directory)]
    from generator.site.cache import Cache, Fingerprints, Memo
    from generator.site.cache import key as digest

    # Kept by activity (its fingerprint and its routes) in the build's cache, if it has one
    memo = Memo(shared.cache or Cache(None), "finder-lines", digest(shared.context(), key))
    prints = shared.prints or Fingerprints(directory)
    docs, search = [], []
    for i, e in enumerate(entries):
        line, searched = memo.get(digest(prints.entry(e), shared.route_ids.get(e.id)),
                                  lambda e=e: (_doc(shared, e), _search_doc(shared, e, 0)))
        docs.append(line)
        search.append(dict(searched, i=str(i)))
    memo.save()
    if len(docs) > DIRECT:  # searched directly in the finder, whatever else is loaded
        return _pushed({"key": key, "docs": docs, "index": build_index(search, vectors=False),
                        "direct": True})
    return _pushed({"key": key, "docs": docs, "index": build_index(search)})


def name_records(directory: Directory) -> list[list]:
    """[id, activity name, organisation name, [area numbers], [category numbers]] per current
    activity: what a result line says before its area's part has loaded. No descriptions."""
    cats = {c.id: i for i, c in enumerate(directory.config.categories)}
    areas = {a.id: i for i, a in enumerate(directory.config.areas)}
    return [[e.id, e.activity.name, e.organisation.name,
             [areas[x] for x in e.areas if x in areas],
             [cats[x] for x in e.activity.categories if x in cats]]
            for e in directory.current()]


def _name_words(record: list) -> set[str]:
    return {w for w in words_of(record[1] + " " + record[2])
            if len(w) > 1 and w not in STOP_WORDS and w not in _FILLER}


def names_parts(directory: Directory, budget: int = NAMES_BUDGET,
                records: list[list] | None = None) -> dict[str, dict]:
    """The names index in parts by the start of the words ({"wa": {...}, "wo": {...}}): a part
    of more than `budget` bytes is split by one more letter, so each stays small at any size.
    Each part: {"p": prefix, "w": {word: [record numbers]}, "r": [records]}. `records`:
    name_records(directory), if made already."""
    by_word: dict[str, list[int]] = {}
    records = name_records(directory) if records is None else records
    for n, record in enumerate(records):
        for w in _name_words(record):
            by_word.setdefault(w, []).append(n)
    parts: dict[str, dict] = {}

    def make(prefix: str, words: list[str]) -> None:
        numbers = sorted({n for w in words for n in by_word[w]})
        local = {n: k for k, n in enumerate(numbers)}
        part = {"p": prefix, "w": {w: [local[n] for n in by_word[w]] for w in sorted(words)},
                "r": [records[n] for n in numbers]}
        longer = [w for w in words if len(w) > len(prefix)]
        if len(_json(part)) > budget and longer and len(prefix) < 6:
            here = [w for w in words if len(w) == len(prefix)]
            groups: dict[str, list[str]] = {}
            for w in longer:
                groups.setdefault(w[:len(prefix) + 1], []).append(w)
            if here:
                make(prefix + "=", here)  # the word itself: "=" is never a letter of a word
            for p, ws in sorted(groups.items()):
                make(p, ws)
            return
        parts[prefix] = part

    first: dict[str, list[str]] = {}
    for w in by_word:
        first.setdefault(w[0], []).append(w)
    for p, ws in sorted(first.items()):
        make(p, ws)
    return parts


def _file_name(text: str) -> str:
    """A part's file name: letters and digits as they are, anything else as its code."""
    return "".join(ch if ch.isascii() and ch.isalnum() else f"_{ord(ch):x}" for ch in text)


def finder_files(directory: Directory, routes: list, cache=None,
                 cards: dict | None = None, prints=None,
                 words: Callable[[str], list[str]] | None = None) -> dict[str, str]:
    """Every file of the finder's data, by path under assets/: finder/start.js (loaded with the
    page: the filters' choices, synonyms, which parts exist), finder/area/<id>.js per area (and
    finder/no-area.js), loaded when a search needs that area, and finder/names/<prefix>.js, the
    names of every activity, loaded when a search of the whole directory needs them.

    `cache` (generator.site.cache.Cache): an area's part is kept there under the hash of what it
    is made from (area_key), so a build makes again only the parts of areas that changed.
    `cards`, `prints`: the build's cards and fingerprints (generator.site.cache), if made;
    `words`: see Shared.of."""
    from generator.site.cache import Fingerprints, Memo, code_version
    from generator.site.cache import key as digest

    if cache is not None:
        prints = prints or Fingerprints(directory)
    shared = Shared.of(directory, routes, cards, words, cache=cache, prints=prints)
    if cache is not None:
        shared.kept_bodies = Memo(cache, "finder-bodies", shared.context())
    files: dict[str, str] = {}
    areas = []
    for key in [a.id for a in directory.config.areas] + [""]:
        path = f"finder/area/{_file_name(key)}.js" if key else "finder/no-area.js"
        entries = [e for e in directory.current() if key in area_keys(e, directory)]
        text, packed = _area_part(shared, key, entries, cache, prints)
        files[path] = text
        areas.append([key, path, len(entries), packed])
    names = {}
    records = name_records(directory)
    if cache is None:
        parts = names_parts(directory, records=records)
    else:  # the same names, the same parts: kept under the hash of the names (not counted
        # among the pages kept and made)
        names_key = digest(code_version(), records)
        found = cache.peek("finder-names", names_key)
        parts = pickle.loads(found) if found is not None else names_parts(directory, records=records)
        if found is None:
            cache.put("finder-names", names_key, pickle.dumps(parts, protocol=5))
    for prefix, part in parts.items():
        path = f"finder/names/{_file_name(prefix)}.js"
        files[path] = _pushed(part)
        names[prefix] = path
    eager = sum(a[3] for a in areas) <= EAGER_BYTES
    start = dict(start_data(directory, routes, shared), parts=areas, names=names, eager=eager,
                 page=urls.activity("{id}"))
    if shared.kept_bodies is not None:
        shared.kept_bodies.save()
    # A small directory's activities come inside start.js, one file with the page, so the finder
    # lists them at once; their search indexes (more than half the bytes) come in one file,
    # loaded when something is typed (on slow 3G, 25 KB is half a second) or, for a link with
    # words to search, beside start.js (the page starts it). A big directory's is empty.
    values = [read_part(files[path]) for _, path, _, _ in areas] if eager else []
    inline = "".join(_pushed({"key": v["key"], "docs": v["docs"]}) for v in values)
    files[INDEXES] = _pushed({"indexes": {v["key"]: v["index"] for v in values}})
    if eager:
        start["indexes"] = INDEXES
    files["finder/start.js"] = _js("WO_START", start) + inline
    return files


def keep_area_parts(directory: Directory, routes: list, cache, shard: tuple[int, int],
                    cards: dict | None = None, prints=None) -> int:
    """For build --shard I/N: make the parts of every Nth area (from the Ith; then the one of
    activities with no area) into `cache` only, so the merged build takes them from there.
    Returns how many were made."""
    from generator.site.cache import Fingerprints

    shared = Shared.of(directory, routes, cards, cache=cache,
                       prints=prints or (Fingerprints(directory) if cache is not None else None))
    keys = [a.id for a in directory.config.areas] + [""]
    made = 0
    for key in keys[shard[0] - 1::shard[1]]:
        entries = [e for e in directory.current() if key in area_keys(e, directory)]
        _area_part(shared, key, entries, cache, prints)
        made += 1
    return made


def _area_part(shared: Shared, key: str, entries: list[Entry], cache, prints) -> tuple[str, int]:
    """An area's part (area_shard) and its size gzipped, both kept in `cache`."""
    digest = area_key(shared, key, entries, prints)
    text = _kept(cache, "finder-area", digest,
                 lambda: area_shard(shared.directory, key, shared.routes, shared))
    packed = _kept(cache, "finder-area-gzipped", digest,
                   lambda: str(len(gzip.compress(text.encode(), 6))))
    return text, int(packed)


def area_key(shared: Shared, key: str, entries: list[Entry], prints=None) -> str:
    """The cache key of an area's part: everything area_shard reads (the code, settings, the
    day, the calendar, and each of its activities with its transport facts and routes)."""
    from generator.site.cache import Fingerprints, code_version, stable
    from generator.site.cache import key as digest

    d = shared.directory
    prints = prints or Fingerprints(d)
    return digest(code_version(), d.config, d.today, stable(d.calendar), key,
                  [(prints.entry(e), shared.route_ids.get(e.id)) for e in entries])


def _kept(cache, kind: str, digest: str, make) -> str:
    if cache is None:
        return make()
    return cache.made(kind, digest, lambda: make().encode("utf-8")).decode("utf-8")


def read_part(text: str) -> dict:
    """A finder data file's value, `window.WO_START={...};` or `(...).push({...});` (for the
    service worker list, tests and benchmarks)."""
    if text.startswith("(window.WO_LOADED"):
        return json.loads(text[text.index(".push(") + 6:].rstrip().removesuffix(";").removesuffix(")"))
    return json.loads(text[text.index("=") + 1:].split(";\n", 1)[0])


def inline_parts(text: str) -> list[dict]:
    """The area parts a small directory's start.js carries after WO_START: each area's key and
    result lines (its search index is in INDEXES)."""
    return [read_part(line) for line in text.split("\n")[1:] if line]


def precached(assets_dir: Path) -> list[Path]:
    """The finder files the service worker keeps at install: start.js, which holds every activity
    of a small directory, and that directory's search indexes; a big directory's parts are kept
    as they are used."""
    found = [assets_dir / "finder" / "start.js", assets_dir / INDEXES]
    return [p for p in found if p.exists()]


def write_finder(directory: Directory, assets_dir, routes: list, cache=None,
                 cards: dict | None = None, prints=None,
                 words: Callable[[str], list[str]] | None = None) -> dict:
    """Write the finder's data files (finder_files) under assets/; return sizes and the
    audience groups. `cache`, `cards`, `prints`: see finder_files."""
    files = finder_files(directory, routes, cache, cards, prints, words)
    for path, text in files.items():
        target = assets_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    start = read_part(files["finder/start.js"])
    sizes = {p: len(t.encode()) for p, t in files.items()}
    return {"groups": start["groups"],
            "index_bytes": sum(n for p, n in sizes.items() if p != "finder/start.js"),
            "docs_bytes": sizes["finder/start.js"], "eager": start["eager"]}


__all__ = ["write_finder", "finder_files", "audience_choices", "area_shard", "names_parts", "start_data",
           "build_index", "route_id", "read_part", "precached", "Shared", "keep_area_parts"]
