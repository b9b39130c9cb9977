"""JSON Schema (draft 2020-12) for the files people edit, made from the pydantic models.

Editors (via the `# yaml-language-server: $schema=...` line) and the web form use these files, so
they are plain standard JSON Schema: patterns in ECMAScript syntax, enums, examples, and
descriptions taken from the models. `python -m generator schema` writes them; `--check` fails
when one is out of date.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from generator import formats
from generator.config import FILES
from generator.model import Day, Listing, VenuesFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"


class _Generator(GenerateJsonSchema):
    schema_dialect = DIALECT


def schemas() -> dict[str, BaseModel]:
    """File name in schema/ -> the model it describes."""
    out: dict[str, type[BaseModel]] = {
        "listing.schema.json": Listing,
        "venues.schema.json": VenuesFile,
    }
    for filename, (model, _required) in FILES.items():
        out[filename.removesuffix(".yml") + ".schema.json"] = model
    return out


def schema_for(model: type[BaseModel], filename: str) -> dict:
    body = model.model_json_schema(schema_generator=_Generator, mode="validation")
    _tidy(body)
    head = {
        "$schema": DIALECT,
        "$id": filename,
        "title": body.pop("title", model.__name__),
    }
    if "description" in body:
        head["description"] = body.pop("description")
    return head | body


def _tidy(node: object) -> None:
    """Small additions that make the schema friendlier in an editor."""
    if isinstance(node, dict):
        if node.get("format") == "date" and node.get("type") == "string":
            node.setdefault("pattern", formats.DATE_PATTERN)
            node.setdefault("examples", ["2026-11-22"])
        if node.get("title") == "Day" and node.get("enum") == [d.value for d in Day]:
            # The model accepts any capitalisation; offer the two ways people write days.
            node["enum"] = [d.value for d in Day] + [d.value.title() for d in Day]
        for value in node.values():
            _tidy(value)
    elif isinstance(node, list):
        for value in node:
            _tidy(value)


def render(model: type[BaseModel], filename: str) -> str:
    return json.dumps(schema_for(model, filename), indent=2, ensure_ascii=False) + "\n"


def write(folder: Path) -> list[Path]:
    """Write every schema; return the files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for filename, model in schemas().items():
        path = folder / filename
        text = render(model, filename)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def out_of_date(folder: Path) -> list[Path]:
    """Schema files that are missing or differ from what the models give."""
    stale = []
    for filename, model in schemas().items():
        path = folder / filename
        if not path.exists() or path.read_text(encoding="utf-8") != render(model, filename):
            stale.append(path)
    return stale
