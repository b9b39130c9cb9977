"""Every fact a person reads, worded once: the wording layer.

Outputs (site, print, text messages, calendars, open data, reports) take their words from here
and only lay them out. Each module words one kind of fact:

- ``lists``: "a, b and c";
- ``dates``: schedule sentences, next dates, start and end dates (dates come from
  ``generator.schedule``; this package only words them);
- ``cost``: money and cost;
- ``people``: ages, who it is for, how to join, who can refer, full or waiting list;
- ``place``: where, phone links;
- ``access``: venue access and the first visit;
- ``transport``: bus stops and buses;
- ``status``: closed for now, ended, due for a check, may be out of date.

Every sentence goes through :func:`say`, so that a message catalogue (a Welsh edition, say) can
be added later without touching the outputs. Nothing in this package imports an output.
"""

from __future__ import annotations

from collections.abc import Mapping

# English is the source language: a catalogue maps an English template to its translation.
CATALOGUE: dict[str, str] = {}


def say(text: str, /, **values: object) -> str:
    """The one door every sentence goes through: `text` is an English template whose
    ``{name}`` places are filled from `values` (after translation, when a catalogue is set)."""
    template = CATALOGUE.get(text, text)
    return template.format(**values) if values else template


def use_catalogue(catalogue: Mapping[str, str] | None) -> None:
    """Switch the words to another language (None: back to English)."""
    CATALOGUE.clear()
    CATALOGUE.update(catalogue or {})
