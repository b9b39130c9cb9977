"""A content-hash store for what is slow to make (speech, braille, Easy Read PDFs).

    store = Store.from_setting(cache)   # the build cache folder, as `build --cache` names it
    data = store.get("speech", digest, ".mp3")

A file is kept under the build cache folder's `accessible/` (by default .cache/whats-on/accessible,
or $WHATS_ON_CACHE/accessible; the same folder CI restores between nightly builds), named by the
SHA-256 of everything it was made from (the text, the settings, the tool's version), so a build
reuses it only when nothing it depends on changed, and a cold and a warm build give the same bytes.
`--cache off` keeps nothing: every lookup misses and nothing is written.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from generator.site.cache import FROM_SETTINGS, folder_from

VERSION = "1"  # bump when a format's layout changes in a way the inputs do not show


def key(*parts: object) -> str:
    digest = hashlib.sha256(VERSION.encode())
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class Store:
    """Files by kind and digest under `folder`; `Store(None)` keeps nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = Path(folder) if folder is not None else None

    @classmethod
    def from_setting(cls, cache: Path | str | None = FROM_SETTINGS) -> Store:
        """From the build cache folder: a path, "off" (or None) for none, or FROM_SETTINGS."""
        folder = folder_from(cache or "off")
        return cls(folder / "accessible" if folder is not None else None)

    def path(self, kind: str, digest: str, suffix: str) -> Path | None:
        return None if self.folder is None else self.folder / kind / digest[:2] / f"{digest}{suffix}"

    def get(self, kind: str, digest: str, suffix: str) -> bytes | None:
        path = self.path(kind, digest, suffix)
        if path is None:
            return None
        try:
            return path.read_bytes()
        except OSError:
            return None

    def put(self, kind: str, digest: str, suffix: str, data: bytes) -> None:
        """Write atomically (two builds at once never see half a file); a folder that cannot be
        written never stops a build."""
        target = self.path(kind, digest, suffix)
        if target is None:
            return
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except OSError:
            pass
