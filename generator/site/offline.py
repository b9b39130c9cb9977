"""Working without the internet: local copies of lunr.js (Debian's libjs-lunr) and the font, the
web app manifest and icons, the service worker's list of pages to keep, and the zips to download
(one per area, one of the print files)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.site import background, finder
from generator.site.render import render
from generator.site.writer import put

DOWNLOADS = "download"  # the zips and the page that lists them
ZIPS_BESIDE_FROM = 5_000  # site files: from here half the zips are written on the other core
FONT_FILES = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf")
# The site's copies: WOFF2 (fontTools with brotli), 23 KB each instead of 55 KB, which a slow
# phone line feels on every first visit.
WEB_FONTS = tuple(name.replace(".ttf", ".woff2") for name in FONT_FILES)


LUNR_JS = Path("/usr/share/javascript/lunr/lunr.min.js")  # Debian's libjs-lunr (Makefile)
LUNR_VERSION = "2.3.9"  # the lunr.js that lunr.py's serialised index is made for
THEME_SEARCH = ("assets/javascripts/lunr", "assets/javascripts/workers")


def lunr_js(path: Path = LUNR_JS) -> Path:
    """lunr.js from Debian's libjs-lunr package, checked to be the version lunr.py writes for."""
    if not path.exists():
        raise RuntimeError(f"lunr.js was not found at {path}: install Debian's libjs-lunr "
                           "(make setup does).")
    head = path.read_bytes()[:400].decode("utf-8", "replace")
    if LUNR_VERSION not in head:
        raise RuntimeError(f"{path} is not lunr.js {LUNR_VERSION}, which the finder's index is "
                           "built for.")
    return path


def drop_theme_search(site: Path) -> None:
    """Material copies its own search (lunr, stemmers, a web worker) into every site, even with
    its search plugin off; the finder has its own, so they are removed before the service worker
    and the zip list the files."""
    for folder in THEME_SEARCH:
        shutil.rmtree(site / folder, ignore_errors=True)
    for path in (site / "assets" / "javascripts").glob("*.map"):
        path.unlink()


def copy_vendor_files(assets: Path, cache=None) -> None:
    """lunr.js, and the fonts as WOFF2 (kept in `cache`, a build cache, under the font's bytes
    and fontTools' version: converting them takes a fifth of a second every build)."""
    from generator.site.cache import Cache, key

    shutil.copyfile(lunr_js(), assets / "lunr.js")
    cache = cache or Cache(None)
    try:
        import fontpkg_atkinson_hyperlegible as font
        from fontTools import version as fonttools_version
        from fontTools.ttLib import TTFont

        for name, web in zip(FONT_FILES, WEB_FONTS, strict=True):
            source = font.ROOT / "files" / name

            def woff2(source: Path = source) -> bytes:
                ttf = TTFont(source, recalcTimestamp=False)  # the same bytes each build
                ttf.flavor = "woff2"
                out = io.BytesIO()
                ttf.save(out, reorderTables=False)
                return out.getvalue()

            (assets / web).write_bytes(cache.made("web-font", key(
                fonttools_version, source.read_bytes()), woff2, counted=False))
    except ModuleNotFoundError:  # the site falls back to the system sans-serif
        pass


def write_icons(assets: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    for size in (192, 512):
        image = Image.new("RGB", (size, size), "#1a4a8a")
        draw = ImageDraw.Draw(image)
        try:
            font = ImageFont.truetype("DejaVuSans-Bold.ttf", int(size * 0.42))
        except OSError:
            font = ImageFont.load_default()
        draw.text((size / 2, size / 2), "WO", fill="#ffffff", font=font, anchor="mm")
        image.save(assets / f"icon-{size}.png", optimize=True)
    (assets / "icon.svg").write_text(render("assets/icon.svg"), encoding="utf-8")


def write_manifest(site_settings, docs: Path) -> None:
    manifest = {
        "name": site_settings.name,
        "short_name": site_settings.short_name or site_settings.name[:12],
        "description": site_settings.description or site_settings.name,
        "lang": site_settings.language,
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1a4a8a",
        "icons": [
            {"src": "assets/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "assets/icon-512.png", "sizes": "512x512", "type": "image/png",
             "purpose": "any maskable"},
        ],
    }
    (docs / "manifest.webmanifest").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def write_service_worker(site: Path) -> None:
    """sw.js at the site root: keeps the browse pages and assets after the first visit.

    Activity pages, and the finder's parts of a big directory, are kept as they are visited
    (there may be thousands)."""
    keep = ["./", "index.html"]
    for pattern in ("assets/**/*", "*/index.html", "categories/*/index.html", "areas/*/index.html",
                    "days/*/index.html", "buses/*/index.html", "find/list/index.html",
                    "about/*/index.html", "manifest.webmanifest"):
        for path in sorted(site.glob(pattern)):
            if path.is_file() and path.suffix not in (".ttf", ".map"):
                keep.append(path.relative_to(site).as_posix())
    # The finder's parts (and the home page's today/<area>.js of a big directory, site/today.py):
    # kept at install only for a small directory (finder.precached); else
    # each is kept when a search first loads it (the service worker keeps what it fetches).
    finder_parts = {p.relative_to(site).as_posix() for p in (site / "assets" / "finder").rglob("*.js")}
    finder_parts |= {p.relative_to(site).as_posix() for p in (site / "assets" / "today").glob("*.js")}
    chosen = {p.relative_to(site).as_posix() for p in finder.precached(site / "assets")}
    keep = [k for k in keep if k not in finder_parts or k in chosen]
    keep = sorted(set(keep), key=keep.index)
    digest = hashlib.sha256()
    for name in keep[2:]:
        digest.update(name.encode())
        digest.update((site / name).read_bytes())
    text = render("assets/sw.js", version=digest.hexdigest()[:12], keep=json.dumps(keep))
    put(site / "sw.js", text.encode("utf-8"))  # left alone when the same


@dataclass(frozen=True)
class ZipPart:
    """One download: an area's pages (with every browse page and the finder), or the print files."""
    filename: str
    title: str
    note: str
    area: str | None  # None: the print zip

    @property
    def token(self) -> str:  # where the size goes on the download page, once the zip is made
        return f"WOZIPSIZE-{self.filename}"


def zip_plan(directory, with_print: bool) -> list[ZipPart]:
    parts = [ZipPart(f"whats-on-{a.id}.zip", f"{a.name}", f"Activities in {a.name}, and the "
                     "browse pages and finder for the whole directory.", a.id)
             for a in directory.config.areas]
    if with_print:
        parts.append(ZipPart("whats-on-print.zip", "Booklets, posters and other formats",
                             "The printable PDFs, braille, audio and Easy Read files.", None))
    return parts


def write_zips(directory, site: Path, parts: list[ZipPart], files: list[str] | None = None,
               cache=None, records: dict | None = None) -> list[Path]:
    """One zip per area (its activity and organisation pages and the web form's files of its
    activities, with all the rest of the site but the print files and the downloads) and one of
    the print files; then the download page gets
    their sizes. Sites of tens of thousands of activities stay within what hosts accept per file.

    `files`: the site's files (relative paths; default: what is in `site`). Each file is
    compressed once for all the zips, and kept compressed in `cache` under the hash of its bytes
    (generator.site.zips), so a rebuild compresses only the files that changed, and a zip whose
    files all stayed the same is not written again. `records`: what the build knows of the files
    it wrote (generator.site.writer.SiteFiles.records), so their hashes need no reading."""
    from generator.site import zips

    folder = site / DOWNLOADS
    folder.mkdir(parents=True, exist_ok=True)
    if files is None:
        files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    rel = {name: tuple(name.split("/")) for name in files if not name.startswith(".")}
    activity_areas = {e.id: set(e.areas) for e in directory.activities}
    org_areas = {o.id: set().union(*(activity_areas.get(e.id, set()) for e in o.activities))
                 for o in directory.organisations}
    packer = zips.Packer(site, cache, records)
    # each file's areas (None: in every area's zip), worked out once for all the zips
    areas = {n: _areas_of(r, activity_areas, org_areas) for n, r in rel.items()
             if r[0] not in ("print", DOWNLOADS)}
    jobs = []
    for part in parts:
        if part.area is None:
            chosen = [n for n, r in rel.items() if r[0] == "print"]
        else:
            chosen = [n for n, where in areas.items() if where is None or part.area in where]
        jobs.append((folder / part.filename, sorted(chosen)))
    # Every other zip on the other core, for a big site (generator.site.background)
    beside = background.start(lambda: [packer.write(*job) for job in jobs[1::2]],
                              big=len(rel) >= ZIPS_BESIDE_FROM)
    for job in jobs[::2]:
        packer.write(*job)
    beside.result()
    written = [target for target, _ in jobs]
    page = folder / "index.html"
    if page.exists():
        html = page.read_text(encoding="utf-8")
        for part, path in zip(parts, written, strict=True):
            html = html.replace(part.token, _size(path.stat().st_size))
        page.write_text(html, encoding="utf-8")
    return written


def _areas_of(parts: tuple[str, ...], activity_areas: dict, org_areas: dict) -> set | None:
    """The areas whose zip holds a file (its path's parts), or None for every area's."""
    if len(parts) == 3 and parts[:2] == ("add", "listings"):  # the web form's file of one
        # activity (its "suggest a change"), with that activity's page: else every area's zip
        # would carry every activity's (20,000 files at 10,000 listings, more than half of each)
        areas = activity_areas.get(parts[2].removesuffix(".js"))
    elif len(parts) < 3 or parts[0] not in ("activities", "organisations"):
        return None
    else:
        areas = (activity_areas if parts[0] == "activities" else org_areas).get(parts[1])
    return areas or None  # not known, or in no area: in every zip


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} KB"
