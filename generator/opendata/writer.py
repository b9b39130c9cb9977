"""Write listings and venues as YAML a volunteer can read: organisation first, then activities,
fields in the order the format documents them, short groups on one line, long text as a block."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import yaml

from generator.model import Listing, Venue

LISTING_HEADER = "# yaml-language-server: $schema=../schema/listing.schema.json\n"
VENUES_HEADER = ("# yaml-language-server: $schema=../schema/venues.schema.json\n"
                 "# Venues that several listings share. A listing names one with `where: {venue: ID}`.\n")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter: same text, 3x faster
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


def listing_yaml(listing: Listing, fills: list[tuple[int, object]] | None = None,
                 comments: list[str] | None = None) -> str:
    """The listing as YAML. ``fills`` are (activity index, build.Fill): facts left for a person,
    left out of the file (so it does not validate until they are written in); ``comments`` are
    put at the top, after the schema line."""
    data = _clean(listing.model_dump(mode="python", exclude_none=True, exclude_defaults=True))
    # exclude_defaults drops a required list only when empty; keep the two parts always
    data = {"organisation": data["organisation"], "activities": data["activities"]}
    for index, fill in sorted(fills or [], key=lambda f: f[1].path.count("."), reverse=True):
        _leave_out(data["activities"][index], fill.path)
    for activity in data["activities"]:  # a part left empty goes: `cost:` missing says it best
        for key in [k for k, v in activity.items() if v == {}]:
            del activity[key]
    head = "".join(f"# {_one_line(line)}\n" for line in comments or [])
    return LISTING_HEADER + head + dump(data)


def _one_line(text: str) -> str:
    """Source text inside a YAML comment: no line breaks or control characters to escape it."""
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029\x85]", " ", text)


def _leave_out(activity: dict, path: str) -> None:
    """Take a placeholder out again. A list the model would default to empty (schedules) is
    written as null instead, so that the file does not validate until a person fills it in."""
    parts = path.split(".")
    target: object = activity
    for part in parts[:-1]:
        if isinstance(target, list):
            target = target[int(part)] if int(part) < len(target) else None
        elif isinstance(target, dict):
            target = target.get(part)
        if target is None:
            return
    last = parts[-1]
    if isinstance(target, dict):
        if last == "schedules":
            target[last] = None
        else:
            target.pop(last, None)


def venue_items_yaml(venues: list[Venue]) -> str:
    """List items to go under `venues:`, indented by two spaces."""
    data = [_clean(v.model_dump(mode="python", exclude_none=True)) for v in venues]
    text = dump(data)
    return "".join("  " + line if line.strip() else line for line in text.splitlines(True))


def add_venues(path: Path, venues: list[Venue]) -> None:
    """Append venues to venues.yml (made if missing), through the listing store. Existing venues
    are never changed."""
    from generator import listing_store

    if not venues:
        return
    if not path.exists():
        text = VENUES_HEADER + "venues:\n"
    else:
        text = path.read_text(encoding="utf-8")
        if not text.endswith("\n"):
            text += "\n"
    listing_store.write(path.parent, path, text + venue_items_yaml(venues))
