"""Working without the internet: local copies of lunr.js (Debian's libjs-lunr) and the font, the web app manifest and
icons, the service worker's list of pages to keep, and the zip of the whole site."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

from generator.site.render import render

ZIP_PATH = "download/whats-on-site.zip"
FONT_FILES = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf")


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


def copy_vendor_files(assets: Path) -> None:
    shutil.copyfile(lunr_js(), assets / "lunr.js")
    try:
        import fontpkg_atkinson_hyperlegible as font  # noqa: PLC0415

        for name in FONT_FILES:
            shutil.copyfile(font.ROOT / "files" / name, assets / name)
    except ModuleNotFoundError:  # the site falls back to the system sans-serif
        pass


def write_icons(assets: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont  # noqa: PLC0415 - Pillow comes with WeasyPrint

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


def write_manifest(site_settings, docs: Path) -> None:  # noqa: ANN001 - config.SiteSettings
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

    Activity pages are kept as they are visited (there may be thousands)."""
    keep = ["./", "index.html"]
    for pattern in ("assets/**/*", "*/index.html", "categories/*/index.html", "areas/*/index.html",
                    "days/*/index.html", "buses/*/index.html", "find/list/index.html",
                    "about/*/index.html", "manifest.webmanifest"):
        for path in sorted(site.glob(pattern)):
            if path.is_file() and path.suffix not in (".ttf", ".map") or path.suffix == ".ttf" \
                    and path.name in FONT_FILES:
                keep.append(path.relative_to(site).as_posix())
    keep = sorted(set(keep), key=keep.index)
    digest = hashlib.sha256()
    for name in keep[2:]:
        digest.update(name.encode())
        digest.update((site / name).read_bytes())
    text = render("assets/sw.js", version=digest.hexdigest()[:12], keep=json.dumps(keep))
    (site / "sw.js").write_text(text, encoding="utf-8")


def write_zip(site: Path) -> Path:
    """The whole site in one zip file, to unzip and open index.html from disk."""
    target = site / ZIP_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in site.rglob("*") if p.is_file() and p != target)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for path in files:
            name = "whats-on/" + path.relative_to(site).as_posix()
            # A fixed date and mode, so the same site always gives the same zip.
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            stored = path.suffix in (".pdf", ".png", ".zip", ".ttf", ".mp3")
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes(), compresslevel=None if stored else 1)
    return target
