"""Braille, audio and Easy Read on the site: the booklets page, the activity pages, the zip, and
the large-print booklet's "How to use" page."""

from __future__ import annotations

import zipfile
from html.parser import HTMLParser

from generator.printing import select


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.audio: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "audio" and a.get("src"):
            self.audio.append(a["src"])


def _parse(path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_booklets_page_offers_every_edition_in_every_format(demo_site, demo):
    page = demo_site / "print" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "Braille, audio and Easy Read" in text and demo.config.site.contact.phone in text
    folder = (demo_site / "print").resolve()
    links = {(page.parent / link).resolve() for link in _parse(page).links if "#" not in link}
    for edition in demo.config.editions:
        for name in (f"braille/{edition.id}.brf", f"audio/{edition.id}.m3u", f"easy-read/{edition.id}.pdf"):
            assert folder / name in links, name
            assert (folder / name).stat().st_size > 0
    tracks = [link for link in links if link.suffix == ".mp3"]
    assert len(tracks) > len(demo.config.editions) and all(t.exists() for t in tracks)


def test_activity_pages_have_a_player_that_plays_their_own_file(demo_site, demo):
    for entry in select.in_print(demo):
        page = demo_site / "activities" / entry.id / "index.html"
        audio = _parse(page).audio
        assert audio == [f"../../print/audio/activities/{entry.id}.mp3"], entry.id
        assert (page.parent / audio[0]).resolve().exists()


def test_the_zip_holds_them(demo_site, demo):
    names = set(zipfile.ZipFile(demo_site / "download" / "whats-on-print.zip").namelist())
    edition = demo.config.editions[0].id
    for name in (f"braille/{edition}.brf", f"audio/{edition}.m3u", f"easy-read/{edition}.pdf",
                 f"audio/{edition}/01-introduction.mp3"):
        assert f"whats-on/print/{name}" in names


def test_booklet_how_to_use_says_how_to_ask(demo_printed, demo):
    import pdfplumber

    folder, docs = demo_printed
    booklet = next(d for d in docs if d.kind == "booklet")
    with pdfplumber.open(folder / booklet.filename) as pdf:
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages[1:3])
    assert "braille, audio (spoken), Easy Read or large print" in text
    assert demo.config.site.contact.phone in text and "print/" in text
