"""Where braille, speech and Easy Read pages are kept between builds, and their keys.

    kept = store(cache)              # a site Cache on the build cache folder's accessible/
    data = kept.get("speech", key(...))

They are kept in the build cache folder, under `accessible/` (by default
.cache/whats-on/accessible, or $WHATS_ON_CACHE/accessible: the folder CI restores between nightly
builds), each named by the SHA-256 of everything it was made from (the text, the settings, the
tool's version), so a build reuses it only when nothing it depends on changed, and a cold and a
warm build give the same bytes. `--cache off` keeps nothing: every lookup misses.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.site.cache import FROM_SETTINGS, Cache, folder_from

VERSION = "1"  # bump when a format's layout changes in a way the inputs do not show


def key(*parts: object) -> str:
    digest = hashlib.sha256(VERSION.encode())
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def store(cache: Path | str | None = FROM_SETTINGS) -> Cache:
    """From the build cache folder: a path, "off" (or None) for none, or FROM_SETTINGS."""
    folder = folder_from(cache or "off")
    return Cache(folder / "accessible" if folder is not None else None)
