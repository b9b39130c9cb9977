"""What every accessible edition holds: the same sections and activities as the large-print
booklet, in the same order, with every fact worded by the wording layer (through the print
facts). Braille, audio and Easy Read only lay these out; none of them words a fact.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.config import Category, Edition
from generator.directory import Directory
from generator.printing import booklet, select
from generator.printing.facts import Facts, facts
from generator.words.dates import long_date


@dataclass(frozen=True)
class Section:
    category: Category
    activities: tuple[Facts, ...]  # printed in full here (their first category)
    see_also: tuple[Facts, ...]  # filed here too, printed in full under another section


@dataclass(frozen=True)
class EditionContent:
    edition: Edition
    title: str
    site_name: str
    publisher: str
    phone: str | None
    email: str | None
    site_url: str
    made_on: str  # "22 November 2026"
    sections: tuple[Section, ...]
    easy_read: dict[str, str]  # activity id -> the group's own Easy Read words

    @property
    def activities(self) -> tuple[Facts, ...]:
        return tuple(f for s in self.sections for f in s.activities)

    def home(self, activity_id: str) -> Section:
        return next(s for s in self.sections if any(f.id == activity_id for f in s.activities))


def edition_content(directory: Directory, edition: Edition) -> EditionContent:
    entries = select.for_edition(directory, edition)
    printed = [facts(directory, e) for e in entries]
    full: dict[str, list[Facts]] = {}
    pointers: dict[str, list[Facts]] = {}
    for chunk in booklet.chunks(directory, printed):  # the booklet's own order and filing
        for item in chunk.items:  # printed in full here
            full.setdefault(chunk.category.id, []).append(item.facts)
        for also in chunk.also:  # printed in full under another category: a "See also" here
            pointers.setdefault(chunk.category.id, []).append(also.facts)
    sections = tuple(Section(c, tuple(full.get(c.id, ())), tuple(pointers.get(c.id, ())))
                     for c in directory.config.categories if full.get(c.id))
    site = directory.config.site
    return EditionContent(
        edition=edition, title=edition.title, site_name=site.name, publisher=site.publisher,
        phone=site.contact.phone, email=site.contact.email, site_url=site.url,
        made_on=long_date(directory.today, weekday=False), sections=sections,
        easy_read={e.id: text for e in entries if (text := getattr(e.activity, "easy_read", None))},
    )


def editions(directory: Directory, only: list[str] | None = None) -> list[Edition]:
    """The editions of site_config/editions.yml (or those named; UnknownEdition for an unknown one)."""
    chosen = list(select.editions(directory))
    if not only:
        return chosen
    known = {e.id: e for e in chosen}
    missing = [e for e in only if e not in known]
    if missing:
        from generator.printing.build import UnknownEdition

        raise UnknownEdition(missing, list(known))
    return [known[e] for e in only]
