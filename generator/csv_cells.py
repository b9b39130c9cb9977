"""CSV cells that a spreadsheet program will never run as a formula (OWASP "CSV injection").

A cell starting with ``= + - @``, a tab or a carriage return runs as a formula when the file is
opened in Excel, LibreOffice or Google Sheets (``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``). Every
CSV What's On writes puts a ``'`` in front of such a cell, which spreadsheets show as plain text;
``import csv`` takes it off again (``undo``), so a round trip gives back exactly what was written.

Plain numbers (``-2.9275``) and RFC 5545 weekday lists (``-1FR``, ``1TU,-1FR``, the HSDS
``byday`` column) are left alone: they hold no formula a spreadsheet could run, and other open-data
readers need them as they are. A cell that already starts with ``'`` before one of those characters gets one more, so
that ``undo`` can always tell the two apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

TRIGGERS = "=+-@\t\r"
_NEEDS = re.compile(r"^'*[=+\-@\t\r]")
_NUMBER = re.compile(r"^[-+]?[0-9]+(\.[0-9]+)?$")
_BYDAY = re.compile(r"^[-+]?[0-9]{0,2}(MO|TU|WE|TH|FR|SA|SU)(,[-+]?[0-9]{0,2}(MO|TU|WE|TH|FR|SA|SU))*$")
_UNDO = re.compile(r"^'+[=+\-@\t\r]")


def neutral(value: object) -> object:
    """The cell as it is safe to write. Non-text values (numbers, None) are returned as they are."""
    if (not isinstance(value, str) or not value or _NUMBER.match(value) or _BYDAY.match(value)
            or not _NEEDS.match(value)):
        return value
    return "'" + value


def neutral_row(values: Iterable[object]) -> list[object]:
    return [neutral(v) for v in values]


def neutral_dict(row: Mapping[str, object]) -> dict[str, object]:
    return {k: neutral(v) for k, v in row.items()}


def undo(value: str) -> str:
    """What neutral() was given: one leading ' taken off a neutralised cell."""
    return value[1:] if value and _UNDO.match(value) else value
