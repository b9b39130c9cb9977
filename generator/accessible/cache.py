"""A content-hash cache for what is slow to make (speech, braille, Easy Read PDFs).

A file is kept under .cache/accessible/ named by the SHA-256 of everything it was made from
(the text, the settings, the tool's version), so a build reuses it only when nothing it depends
on changed, and a cold and a warm build give the same bytes. WHATSON_CACHE moves the folder.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VERSION = "1"  # bump when a format's layout changes in a way the inputs do not show


def folder() -> Path:
    return Path(os.environ.get("WHATSON_CACHE") or ROOT / ".cache") / "accessible"


def key(*parts: object) -> str:
    digest = hashlib.sha256(VERSION.encode())
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def path(kind: str, digest: str, suffix: str) -> Path:
    return folder() / kind / digest[:2] / f"{digest}{suffix}"


def get(kind: str, digest: str, suffix: str) -> bytes | None:
    try:
        return path(kind, digest, suffix).read_bytes()
    except OSError:
        return None


def put(kind: str, digest: str, suffix: str, data: bytes) -> Path:
    """Write atomically (two builds at once never see half a file)."""
    target = path(kind, digest, suffix)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, target)
    return target
