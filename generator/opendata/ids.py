"""Stable HSDS ids: UUID 5 from one fixed namespace and the listing's own ids, so the same
activity has the same id in every build (and in every copy of the directory)."""

from __future__ import annotations

import uuid

# Fixed for ever: changing it changes every published id.
NAMESPACE = uuid.UUID("8d3f6b52-2c4e-5a7b-9e1f-6a0c3d5b7e21")


def uid(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def service(activity_id: str) -> str:
    return uid("service", activity_id)


def organization(org_id: str) -> str:
    return uid("organization", org_id)


def location(venue_key: str) -> str:
    return uid("location", venue_key)
