"""Ids that become file names, and paths that must stay inside their folder.

Every route that turns someone's text into a file name (import csv / hsds, the issue route, the
web form's file, `new`, `fake`) goes through here, so "../x", "/etc/passwd" or "site_config/site"
can never name a file outside the folder it belongs in.

    listing_file(Path("listings"), "aigburth-walkers")   # -> listings/aigburth-walkers.yml
    listing_file(Path("listings"), "../site_config/site")  # raises UnsafePath
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.formats import ID_PATTERN

_ID = re.compile(ID_PATTERN)
MAX_ID = 80


class UnsafePath(ValueError):
    """A name that would be written outside its folder, or is not an id. The message is for people."""


def is_id(value: object) -> bool:
    return isinstance(value, str) and 1 <= len(value) <= MAX_ID and bool(_ID.match(value))


def checked_id(value: object, what: str = "id") -> str:
    """The value, if it is an id (lower-case letters, numbers and hyphens); else UnsafePath."""
    if is_id(value):
        return value  # type: ignore[return-value]
    shown = str(value)
    shown = shown if len(shown) <= 60 else shown[:60] + "…"
    raise UnsafePath(f'The {what} "{shown}" cannot be used as a file name: use lower-case '
                     "letters, numbers and hyphens only, like aigburth-walkers.")


def inside(folder: Path, *parts: str) -> Path:
    """folder / parts, resolved, and only if it stays inside folder (symbolic links followed)."""
    base = Path(folder).resolve()
    target = base.joinpath(*parts).resolve()
    if target == base or base not in target.parents:
        raise UnsafePath(f"{Path(folder).joinpath(*parts)} is outside the folder {folder}; "
                         "nothing was written there.")
    return Path(folder).joinpath(*parts)


def listing_file(folder: Path, org_id: object, suffix: str = ".yml") -> Path:
    """The listing file for an organisation id, checked: the one way to name a listing file."""
    return inside(folder, checked_id(org_id, "organisation id") + suffix)
