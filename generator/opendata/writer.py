"""Write listings and venues as YAML a volunteer can read: organisation first, then activities,
fields in the order the format documents them, short groups on one line, long text as a block."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import yaml

from generator.model import Listing, Venue

LISTING_HEADER = "# yaml-language-server: $schema=../schema/listing.schema.json\n"
VENUES_HEADER = ("# yaml-language-server: $schema=../schema/venues.schema.json\n"
                 "# Venues that several listings share. A listing names one with `where: {venue: ID}`.\n")


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value.rstrip("\n") + "\n", style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:float", f"{value:.2f}")


def _date(dumper: yaml.SafeDumper, value: dt.date) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


def _dict(dumper: yaml.SafeDumper, value: dict) -> yaml.Node:
    scalars = all(not isinstance(v, (dict, list)) for v in value.values())
    short = sum(len(str(k)) + len(str(v)) + 4 for k, v in value.items()) <= 60
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(),
                                    flow_style=scalars and short and not any(
                                        isinstance(v, str) and "\n" in v for v in value.values()))


def _list(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    scalars = all(not isinstance(v, (dict, list)) for v in value)
    short = sum(len(str(v)) + 2 for v in value) <= 60
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=scalars and short)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(dt.date, _date)
_Dumper.add_representer(dict, _dict)
_Dumper.add_representer(list, _list)


def _clean(value: object) -> object:
    """Enums to their words; keep dates and Decimals for the representers above."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if hasattr(value, "value") and not isinstance(value, (Decimal, dt.date)):
        return value.value
    return value


def dump(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096,
                     indent=2)


def listing_yaml(listing: Listing) -> str:
    data = _clean(listing.model_dump(mode="python", exclude_none=True, exclude_defaults=True))
    # exclude_defaults drops a required list only when empty; keep the two parts always
    data = {"organisation": data["organisation"], "activities": data["activities"]}
    return LISTING_HEADER + dump(data)


def venue_items_yaml(venues: list[Venue]) -> str:
    """List items to go under `venues:`, indented by two spaces."""
    data = [_clean(v.model_dump(mode="python", exclude_none=True)) for v in venues]
    text = dump(data)
    return "".join("  " + line if line.strip() else line for line in text.splitlines(True))


def add_venues(path: Path, venues: list[Venue]) -> None:
    """Append venues to venues.yml (made if missing). Existing venues are never changed."""
    if not venues:
        return
    if not path.exists():
        path.write_text(VENUES_HEADER + "venues:\n" + venue_items_yaml(venues), encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + venue_items_yaml(venues), encoding="utf-8")
