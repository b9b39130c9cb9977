"""The finder's data: a lunr index built here (lunr.py) and loaded by lunr.js, plus the facts the
filters need. Both are written as .js files (`window.WO_… = {…}`) so they load from file://,
where fetch() is not allowed.

Synonyms (site_config/synonyms.yml) are matched here on stemmed words: an activity whose text
holds any word or phrase of a group gets the group's token (`wosyn3`) in its `syn` field (and in
`synname` when its name does), and the finder turns the same words in a query into that token.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from lunr import lunr
from lunr.stemmer import stemmer
from lunr.token import Token
from lunr.tokenizer import Tokenizer
from lunr.trimmer import trimmer

from generator import richtext, schedule
from generator.directory import Directory, Entry
from generator.freshness import Freshness
from generator.site.cards import card
from generator.site.keyfacts import bus_fact
from generator.site.today import compact, day_number
from generator.site.views import route_path
from generator.words import place, status

TIMES = {"morning": 1, "afternoon": 2, "evening": 4}
# Audience groups that mean "open to all": one word for it in the finder, "Everyone".
EVERYONE = {"everyone", "anyone", "all", "all welcome", "everybody", "all ages"}
FREE, DROP_IN, STEP_FREE, FOR_EVERYONE, RING_FIRST = 1, 2, 4, 8, 16
_WORD = re.compile(r"^[a-z][a-z']{2,}$")


def words_of(text: str) -> list[str]:
    """Lower-case words as lunr.js tokenises and trims them (before stemming)."""
    return [str(trimmer(t)) for t in Tokenizer(text) if str(trimmer(t))]


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(stemmer(Token(word)))


def stems(text: str) -> list[str]:
    return [_stem(w) for w in words_of(text)]


def synonym_table(groups, stem=stems) -> list[list]:  # noqa: ANN001 - tuples of str
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
    return f"window.{name}={json.dumps(value, separators=(',', ':'), ensure_ascii=False)};\n"


def finder_data(directory: Directory, routes: list) -> tuple[dict, list[dict]]:
    """(filter facts, lunr documents). `routes` is transport.routes.route_index(directory)."""
    cats = [c.id for c in directory.config.categories]
    cat_index = {c: i for i, c in enumerate(cats)}
    areas = [a.id for a in directory.config.areas]
    area_index = {a: i for i, a in enumerate(areas)}
    cat_names = {c.id: c.name for c in directory.config.categories}
    groups: dict[str, int] = {}
    route_pos: dict[str, list[int]] = {}
    for n, r in enumerate(routes):
        for e in r.entries:
            route_pos.setdefault(e.id, []).append(n)
    from generator.sms import text_message  # noqa: PLC0415 - sms imports the site's words

    docs, search_docs = [], []
    table = synonym_table(directory.config.synonyms)
    vocabulary: dict[str, int] = {}
    entries = directory.current()
    for i, entry in enumerate(entries):
        a = entry.activity
        c = card(entry, directory)
        running = status.is_running(entry)  # closed for now: no days, no dates, no next session
        days = 0
        for d in schedule.weekdays_of(a.schedules) if running else []:
            days |= 1 << schedule.day_index(d)
        times = 0
        for s in a.schedules:
            times |= TIMES[schedule.time_of_day(s.start)]
        aud = a.audience
        named = [g for g in (aud.groups if aud else []) if g.strip().lower() not in EVERYONE]
        for_everyone = not named or len(named) < len(aud.groups if aud else [])
        flags = (FREE if a.cost.kind.value == "free" else 0) \
            | (DROP_IN if a.how_to_go.access.value == "drop-in" else 0) \
            | (STEP_FREE if entry.venue and entry.venue.step_free else 0) \
            | (FOR_EVERYONE if for_everyone else 0) \
            | (RING_FIRST if entry.freshness in (Freshness.due, Freshness.stale)
               or not status.is_running(entry) else 0)
        my_groups = [groups.setdefault(g, len(groups)) for g in named]
        my_routes = route_pos.get(a.id, [])
        phone = place.phone(entry) or a.on_the_day_phone or ""  # the one phone (words.place)
        docs.append([a.id, a.name, a.summary, c.path, c.when, c.where, c.cost,
                     f"{c.access} · {c.capacity}" if c.capacity else c.access, phone,
                     [cat_index[x] for x in a.categories if x in cat_index],
                     [area_index[x] for x in entry.areas if x in area_index],
                     days, times, flags,
                     aud.min_age if aud and aud.min_age is not None else None,
                     aud.max_age if aud and aud.max_age is not None else None,
                     my_groups, my_routes, [compact(s) for s in a.schedules] if running else [],
                     _area_name(directory, entry), _bus(directory, entry),
                     _ring_first(directory, entry) if flags & RING_FIRST else "",
                     text_message(directory, entry)])
        body = " ".join([
            a.summary, richtext.to_plain(a.description), entry.organisation.name,
            entry.venue.name if entry.venue else "", c.where,
            " ".join(cat_names.get(x, "") for x in a.categories),
        ])
        for w in words_of(a.name + " " + body):
            if _WORD.match(w):
                vocabulary[w] = vocabulary.get(w, 0) + 1
        syn = synonym_tokens(stems(a.name + " " + body), table)
        search_docs.append({"i": str(i), "name": a.name, "body": body, "syn": " ".join(syn),
                            "synname": " ".join(synonym_tokens(stems(a.name), table))})
    cal = directory.calendar
    facts = {
        "cats": [[c.id, c.name] for c in directory.config.categories],
        "areas": [[a.id, a.name, a.latitude, a.longitude] for a in directory.config.areas],
        "groups": sorted(groups, key=groups.get),
        "routes": [[route_id(r), r.label] for r in routes],
        "syn": synonym_table(directory.config.synonyms, words_of),
        # Words in the listings, most used first: a query word one typo away is read as one.
        "vocab": " ".join(sorted(vocabulary, key=lambda w: (-vocabulary[w], w))),
        "bh": sorted(day_number(d) for d in cal.bank_holidays
                     if abs((d - directory.today).days) < 800),
        "terms": [[day_number(x), day_number(y)] for x, y in cal.terms],
        "built": day_number(directory.today),
        "docs": docs,
    }
    return facts, search_docs


def route_id(r) -> str:  # noqa: ANN001 - BusRoute
    """The route's id in finder links (?route=82), the last part of its page address."""
    return route_path(r).strip("/").split("/")[-1]


def build_index(search_docs: list[dict]) -> dict:
    if not search_docs:  # lunr.py cannot build an empty index; this ref matches no activity
        search_docs = [{"i": "-1", "name": "", "body": "", "syn": "", "synname": ""}]
    idx = lunr(ref="i", fields=[{"field_name": "name", "boost": 10}, "body",
                                {"field_name": "syn", "boost": 2},
                                {"field_name": "synname", "boost": 10}], documents=search_docs)
    data = idx.serialize()
    # Scores to 3 significant places are plenty for ranking and keep the file small.
    data["fieldVectors"] = [[ref, [round(x, 3) if isinstance(x, float) else x for x in vec]]
                            for ref, vec in data["fieldVectors"]]
    return data


def write_finder(directory: Directory, assets_dir, routes: list) -> dict:  # noqa: ANN001 - Path
    """Write search-index.js and search-docs.js; return sizes and the audience groups."""
    facts, search_docs = finder_data(directory, routes)
    index_js = _js("WO_INDEX", build_index(search_docs))
    docs_js = _js("WO_DOCS", facts)
    (assets_dir / "search-index.js").write_text(index_js, encoding="utf-8")
    (assets_dir / "search-docs.js").write_text(docs_js, encoding="utf-8")
    return {"groups": facts["groups"],
            "index_bytes": len(index_js.encode()), "docs_bytes": len(docs_js.encode())}


__all__ = ["write_finder", "finder_data", "build_index", "route_id"]
