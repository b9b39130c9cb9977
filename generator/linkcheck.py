"""Check the links inside a built site: every page, script, style and image a page points to is
there, and every #fragment names an element on the page it points to.

Links that leave the site (https:, mailto:, tel:, sms:, data:) are not followed: the build runs
without a network. Query strings are ignored (``add/index.html?activity=x`` checks
``add/index.html``); a link starting with / is read from the site's root.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src",
                   "source": "src", "audio": "src", "video": "src", "area": "href"}
EXTERNAL = ("http:", "https:", "mailto:", "tel:", "sms:", "data:", "javascript:", "blob:", "//")


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str  # relative to the site folder
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link}: {self.reason}"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key])
        if tag == "base" and values.get("href"):
            self.base = values["href"]
        wanted = LINK_ATTRIBUTES.get(tag)
        if wanted and values.get(wanted):
            self.links.append(values[wanted].strip())

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def check_site(site: Path) -> tuple[list[BrokenLink], int, int]:
    """(broken links, pages read, links checked)."""
    site = site.resolve()
    pages = sorted(site.rglob("*.html"))
    parsed: dict[Path, _Page] = {p: _parse(p) for p in pages}
    broken: list[BrokenLink] = []
    checked = 0
    for path, page in parsed.items():
        name = path.relative_to(site).as_posix()
        for link in page.links:
            if link.lower().startswith(EXTERNAL) or link.startswith("{{"):
                continue
            checked += 1
            parts = urllib.parse.urlsplit(link)
            target_path = urllib.parse.unquote(parts.path)
            if target_path.startswith("/"):  # from the site's root (mkdocs' 404 page)
                target = (site / target_path.lstrip("/")).resolve()
            else:
                target = (path.parent / target_path).resolve() if target_path else path
            try:
                target.relative_to(site)
            except ValueError:
                broken.append(BrokenLink(name, link, "points outside the site"))
                continue
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(BrokenLink(name, link, "no such file"))
                continue
            fragment = urllib.parse.unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if fragment not in ids:
                    broken.append(BrokenLink(name, link, f'no element with id "{fragment}"'))
    return sorted(set(broken)), len(pages), checked
