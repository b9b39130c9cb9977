"""What `build_all` returns for each PDF it writes (the site links these from its home page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Kind = Literal["booklet", "poster", "near-here", "changes"]


@dataclass(frozen=True)
class PrintedDocument:
    kind: Kind
    id: str  # edition id, activity id or place id
    title: str
    filename: str  # relative to the output folder, e.g. "booklets/aigburth.pdf"
    pages: int
    printed_on: dt.date
