"""Stable HSDS ids: UUID 5 from one fixed namespace and the listing's own ids, so the same
activity has the same id in every build (and in every copy of the directory)."""

from __future__ import annotations

import hashlib
import uuid
from functools import lru_cache

# Fixed for ever: changing it changes every published id.
NAMESPACE = uuid.UUID("8d3f6b52-2c4e-5a7b-9e1f-6a0c3d5b7e21")


_PREFIX = NAMESPACE.bytes


@lru_cache(maxsize=65536)
def _uuid5(name: str) -> str:
    """uuid.uuid5(NAMESPACE, name), without building UUID objects (a big export makes 100,000s)."""
    digest = bytearray(hashlib.sha1(_PREFIX + name.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def uid(*parts: object) -> str:
    return _uuid5(":".join(str(p) for p in parts))


def service(activity_id: str) -> str:
    return uid("service", activity_id)


def organization(org_id: str) -> str:
    return uid("organization", org_id)


def location(venue_key: str) -> str:
    return uid("location", venue_key)
