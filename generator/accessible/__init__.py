"""Braille, audio and Easy Read editions, for every edition in site_config/editions.yml.

    build_all(directory, Path("site/print")) -> list[FormatDocument]

writes, beside the large-print PDFs:

- braille/EDITION.brf: Unified English Braille grade 2, 40 cells by 25 lines (braille.py)
- audio/EDITION.m3u, audio/EDITION/NN-section.mp3 and audio/EDITION.txt: one track per section,
  a track list and the script; audio/activities/ACTIVITY.mp3 for each activity's page (audio.py)
- easy-read/EDITION.pdf: A4 Easy Read, a picture beside each fact (easyread.py)

The three run side by side (braille and audio on threads that wait on lou_translate, the speech
engine and ffmpeg; Easy Read in worker processes), and whatever is slow to make is kept by a
hash of what it is made from, in the build cache folder's accessible/ (cache.py), so a build where
nothing changed remakes nothing.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from generator import progress
from generator.accessible import audio, braille, cache, easyread, louis
from generator.accessible.cache import FROM_SETTINGS
from generator.accessible.cache import store as cache_store
from generator.accessible.content import EditionContent, edition_content, editions
from generator.directory import Directory
from generator.site.cache import Cache

Kind = Literal["braille", "audio", "easy-read"]
KINDS: dict[str, str] = {"braille": "Braille (UEB grade 2, .brf)", "audio": "Audio (MP3, one track a section)",
                         "easy-read": "Easy Read (PDF)"}


@dataclass(frozen=True)
class FormatDocument:
    kind: Kind
    id: str  # edition id
    title: str
    filename: str  # relative to the output folder: "braille/aigburth.brf", "audio/aigburth.m3u"
    pages: int  # braille or PDF pages; for audio, the number of tracks
    printed_on: dt.date
    seconds: float = 0.0  # audio: how long all the tracks last
    tracks: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # audio: (file, title) in order

    def describe(self) -> str:
        """'braille, 13 pages' / 'audio, 9 tracks, 12 minutes' / 'Easy Read PDF, 24 pages'."""
        if self.kind == "audio":
            return f"audio, {self.pages} tracks, {max(1, round(self.seconds / 60))} minutes"
        name = {"braille": "braille", "easy-read": "Easy Read PDF"}[self.kind]
        return f"{name}, {self.pages} page{'' if self.pages == 1 else 's'}"


def site_rows(made: list, folder: Path) -> list[dict]:
    """For the site's booklets page: one row per edition with its braille, audio and Easy Read
    files (sizes read from `folder`, the print folder)."""
    rows: dict[str, dict] = {}
    for doc in made:
        if not isinstance(doc, FormatDocument):
            continue
        row = rows.setdefault(doc.id, {"title": doc.title, "id": doc.id})
        path = folder / doc.filename
        size = path.stat().st_size if path.exists() else 0
        if doc.kind == "audio":
            size += sum((folder / t).stat().st_size for t, _ in doc.tracks if (folder / t).exists())
        row[doc.kind.replace("-", "_")] = {"filename": doc.filename, "pages": doc.pages,
                                             "minutes": max(1, round(doc.seconds / 60)),
                                             "tracks": [{"filename": f, "title": t} for f, t in doc.tracks],
                                             "size": f"{size / 1e6:.1f} MB" if size >= 1e6 else
                                             f"{max(1, round(size / 1e3))} KB"}
    return list(rows.values())


def build_all(directory: Directory, out_dir: Path, *, only: list[str] | None = None,
              kinds: tuple[str, ...] = ("braille", "audio", "easy-read"),
              workers: int = 2, cache: Path | str | None = FROM_SETTINGS) -> list[FormatDocument]:
    """Every chosen edition in every chosen format. Raises printing's UnknownEdition for an edition
    id that is not in the settings. What is made is kept in `cache`/accessible (the build cache
    folder; None or "off" keeps nothing; by default $WHATS_ON_CACHE, else .cache/whats-on)."""
    from generator.printing import render

    out_dir = Path(out_dir)
    store = cache_store(cache)
    contents = [edition_content(directory, e) for e in editions(directory, only)]
    made: list[FormatDocument] = []
    pool = render.pool(workers) if "easy-read" in kinds else None
    try:
        with progress.stage("Braille, audio and Easy Read", len(contents) * len(kinds), "files") as done, \
                ThreadPoolExecutor(2) as threads:
            jobs = []
            if "braille" in kinds:
                jobs.append(threads.submit(_staged, "Braille", build_braille, directory, contents, out_dir,
                                           store))
            if "audio" in kinds:
                jobs.append(threads.submit(_staged, "Audio", build_audio, directory, contents, out_dir,
                                           store, workers))
            if pool is not None:
                made += _staged("Easy Read", build_easy_read, directory, contents, out_dir, pool, store)
                done.advance(len(contents))
            for job in jobs:
                made += job.result()
                done.advance(len(contents))
    finally:
        if pool is not None:
            pool.shutdown()
    order = {k: i for i, k in enumerate(kinds)}
    ids = [c.edition.id for c in contents]
    return sorted(made, key=lambda d: (order[d.kind], ids.index(d.id)))


def _staged(name: str, build, directory: Directory, contents: list[EditionContent], *args):
    with progress.stage(name, len(contents), "editions"):
        return build(directory, contents, *args)


def build_braille(directory: Directory, contents: list[EditionContent], out_dir: Path,
                  store: Cache) -> list[FormatDocument]:
    folder = out_dir / "braille"
    folder.mkdir(parents=True, exist_ok=True)
    plans = []
    for content in contents:
        front, body = braille.blocks(content)
        strings = braille.texts(front, body, content)
        digest = cache.key("braille", louis.TABLES, louis.version(), repr(front), repr(body), strings)
        plans.append((content, front, body, strings, digest, store.get("braille", digest)))
    missing = [s for *_, strings, _, data in plans if data is None for s in strings]
    cells = braille.translate_all(missing) if missing else {}
    made = []
    for content, front, body, _strings, digest, data in plans:
        if data is None:
            data = braille.brf(braille.layout(content, front, body, cells))
            store.put("braille", digest, data)
        name = f"braille/{content.edition.id}.brf"
        (out_dir / name).write_bytes(data)
        made.append(FormatDocument("braille", content.edition.id, content.title, name,
                                   data.count(b"\f"), directory.today))
    return made


def build_audio(directory: Directory, contents: list[EditionContent], out_dir: Path,
                store: Cache, workers: int = 2) -> list[FormatDocument]:
    settings = directory.config.site.formats
    folder = out_dir / "audio"
    (folder / "activities").mkdir(parents=True, exist_ok=True)
    plans = [(c, audio.tracks(c)) for c in contents]
    activities = {f.id: f for c in contents for f in c.activities}
    per_activity = audio.activity_texts(list(activities.values()))
    texts = [p for _, tracks in plans for t in tracks for p in t.pieces] + list(per_activity.values())
    speech = audio.speak_all(settings, texts, store, workers)
    for activity_id, text in per_activity.items():
        (folder / "activities" / f"{activity_id}.mp3").write_bytes(speech[text])
    made = []
    for content, tracks in plans:
        audio.write_edition(content, tracks, speech, folder, settings.audio_kbps)
        total = sum(audio.seconds(speech[p], settings.audio_kbps) for t in tracks for p in t.pieces)
        made.append(FormatDocument("audio", content.edition.id, content.title,
                                   f"audio/{content.edition.id}.m3u", len(tracks), directory.today,
                                   seconds=total, tracks=tuple((f"audio/{t.filename}", t.title) for t in tracks)))
    return made


def build_easy_read(directory: Directory, contents: list[EditionContent], out_dir: Path,
                    pool: Executor, store: Cache) -> list[FormatDocument]:
    """Each activity's page is rendered once (cached by its HTML) and shared by the editions
    that hold it; an edition is its front matter and its activities' pages, joined, with the
    page numbers drawn on."""
    folder = out_dir / "easy-read"
    folder.mkdir(parents=True, exist_ok=True)
    language = directory.config.site.language
    parts: dict[str, object] = {}  # cache key -> PDF bytes or a Future of a Rendered

    def part(page: str) -> str:
        digest = cache.key("easy-read-part", page, easyread.attribution())
        if digest not in parts:
            data = store.get("easy-read-part", digest)
            parts[digest] = data if data is not None else pool.submit(_render, page)
        return digest

    plans = []
    for content in contents:
        activity_keys = [(s.category.id, part(easyread.activity_html(
            f, s.category.name, content, s.category.picture, language)))
            for s in content.sections for f in s.activities]
        plans.append((content, part(easyread.front_html(content, language, {})), activity_keys))
    made = []
    for content, placeholder_key, activity_keys in plans:
        front_pages = _pages_of(_part_bytes(parts, placeholder_key, store))
        starts: dict[str, int] = {}
        page = front_pages + 1
        for section_id, key in activity_keys:
            starts.setdefault(section_id, page)
            page += _pages_of(_part_bytes(parts, key, store))
        front_key = part(easyread.front_html(content, language, starts))
        keys = [front_key, *(k for _, k in activity_keys)]
        name = f"easy-read/{content.edition.id}.pdf"
        digest = cache.key("easy-read", content.title, language, keys)
        data = store.get("easy-read", digest)
        if data is None:
            pdfs = [_part_bytes(parts, k, store) for k in keys]
            if _pages_of(pdfs[0]) != front_pages:
                raise RuntimeError("The Easy Read contents changed length when the page numbers went in.")
            _join_numbered(pdfs, folder / f"{content.edition.id}.pdf", content, language)
            data = (folder / f"{content.edition.id}.pdf").read_bytes()
            store.put("easy-read", digest, data)
        else:
            (out_dir / name).write_bytes(data)
        made.append(FormatDocument("easy-read", content.edition.id, content.title, name,
                                   _pages_of(data), directory.today))
    return made


def _render(page: str) -> bytes:
    """Runs in a worker process: HTML to PDF bytes."""
    from generator.printing import render

    return render.render(page).pdf


def _part_bytes(parts: dict[str, object], key: str, store: Cache) -> bytes:
    value = parts[key]
    if not isinstance(value, bytes):
        value = value.result()
        store.put("easy-read-part", key, value)
        parts[key] = value
    return value


def _join_numbered(pdfs: list[bytes], target: Path, content: EditionContent, language: str) -> None:
    from generator.printing.join import Bookmark, join
    from generator.printing.stamp import Stamp, text_width

    counts = [_pages_of(p) for p in pdfs]
    total = sum(counts)
    stamps = {}
    for index in range(1, total):  # every page but the cover
        label = f"Page {index + 1}"
        stamps[index] = [Stamp(label, (A4_WIDTH_PT - text_width(label, 18)) / 2, A4_HEIGHT_PT - 30)]
    bookmarks = [Bookmark("Cover", 0), Bookmark("About this booklet", 1),
                 Bookmark("What is in this booklet", 2)]
    page = counts[0]
    for f, count in zip(content.activities, counts[1:], strict=True):
        bookmarks.append(Bookmark(f.name, page))
        page += count
    join(pdfs, target, title=f"{content.title}: Easy Read", language=language,
         author=content.publisher, stamps=stamps, bookmarks=bookmarks)


A4_WIDTH_PT, A4_HEIGHT_PT = 595.28, 841.89


def _pages_of(data: bytes) -> int:
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


__all__ = ["build_all", "FormatDocument", "KINDS"]
