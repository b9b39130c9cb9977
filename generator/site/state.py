"""What one site build keeps between its stages, in one object made fresh by `build_site` and
dropped when it ends (finished or failed), so no build leaves anything behind for the next."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.site.cache import Cache, Fingerprints, Memo
from generator.site.cards import CardLists
from generator.site.writer import SiteFiles


@dataclass
class SiteBuild:
    # browse page path -> (what it is made from, a cache key or ""; its content, when asked)
    bodies: dict[str, tuple] = field(default_factory=dict)
    # each browse page's front matter, by what it is made from
    fronts: Memo = field(default_factory=lambda: Memo(Cache(None), "browse-fronts", ""))
    card_list: CardLists = field(default_factory=CardLists)  # each card's HTML, made once
    cache: Cache = field(default_factory=lambda: Cache(None))  # kept between builds, on disk
    files: SiteFiles | None = None  # what this build wrote into its site folder
    prints: Fingerprints | None = None  # each activity's stand-in in cache keys
    cards: dict = field(default_factory=dict)  # activity id -> its Card, made once
    card_keys: dict = field(default_factory=dict)  # activity id -> what its Card is made from
    card_context: str = ""  # ... with what every card shares (a cache key)


__all__ = ["SiteBuild"]
