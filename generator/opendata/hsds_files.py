"""Write the HSDS export: one JSON file per service, an index in the ORUK page envelope, and the
HSDS tabular data package (one CSV per table plus datapackage.json)."""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from pathlib import Path

from generator.csv_cells import neutral_row
from generator.directory import Directory
from generator.opendata import hsds_export

TABULAR_SPEC = Path(__file__).resolve().parent / "standard" / "hsds-3.0-tabular.json"

# Nested key -> tabular table name (as in compiled/tabular.json)
_NESTED = {
    "organization": "organization", "location": "location", "taxonomy_term": "taxonomy_term",
    "phones": "phone", "schedules": "schedule", "attributes": "attribute", "languages": "language",
    "addresses": "address", "accessibility": "accessibility", "cost_options": "cost_option",
    "contacts": "contact", "service_areas": "service_area",
    "service_at_locations": "service_at_location",
    "organization_identifiers": "organization_identifier",
}


def services(directory: Directory, include_private: bool = False) -> list[dict]:
    """Every activity (ended ones too, as status defunct), in the directory's order."""
    org_of = {e.id: o.id for o in directory.organisations for e in o.activities}
    return [hsds_export.service(directory, e, org_of[e.id], include_private)
            for e in directory.activities]


def one_to_one(svc: dict) -> dict:
    """A service with only its one-to-one fields, as the ORUK /services list gives them: the
    service's own fields and its organization's (HSDS examples/service_list.json)."""
    out = {k: v for k, v in svc.items() if not isinstance(v, (list, dict))}
    if isinstance(svc.get("organization"), dict):
        out["organization"] = {k: v for k, v in svc["organization"].items()
                               if not isinstance(v, (list, dict))}
    return out


def envelope(contents: list[dict]) -> dict:
    """The ORUK paged-list envelope, all on one page."""
    return {"total_items": len(contents), "total_pages": 1, "page_number": 1,
            "size": len(contents), "first_page": True, "last_page": True,
            "empty": not contents, "contents": contents}


def write_json(data: list[dict], out: Path) -> list[Path]:
    folder = out / "services"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for svc in data:
        path = folder / f"{svc['id']}.json"
        path.write_text(json.dumps(svc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    index = out / "services.json"
    # like ORUK's /services: one-to-one fields only; the full service is in services/<id>.json
    index.write_text(json.dumps(envelope([one_to_one(s) for s in data]), indent=1,
                                ensure_ascii=False) + "\n", encoding="utf-8")
    return [index, *written]


# ---------------------------------------------------------------------------------------------
# Tabular data package


@lru_cache(maxsize=1)
def tabular_spec(path: Path | None = None) -> dict:
    spec = json.loads((path or TABULAR_SPEC).read_text("utf-8"))
    return {name: prop["items"] for name, prop in spec["properties"].items()}


def _columns(table: dict) -> list[str]:
    return [n for n, p in table["properties"].items() if p.get("type") not in ("array", "object")]


def tables(data: list[dict]) -> dict[str, list[dict]]:
    """Flatten nested services into rows per HSDS table (each row once, by id)."""
    found: dict[str, dict[str, dict]] = {}

    def visit(obj: dict, table: str) -> None:
        found.setdefault(table, {}).setdefault(obj["id"], obj)
        if table == "taxonomy_term" and obj.get("taxonomy_id"):
            found.setdefault("taxonomy", {}).setdefault(obj["taxonomy_id"], {
                "id": obj["taxonomy_id"], "name": obj.get("taxonomy", ""),
                "description": _TAXONOMY_WORDS.get(obj.get("taxonomy", ""), obj.get("taxonomy", ""))})
        for key, value in obj.items():
            sub = _NESTED.get(key)
            if sub is None:
                continue
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict) and "id" in item:
                    visit(item, sub)

    for svc in data:
        visit(svc, "service")
    return {name: list(rows.values()) for name, rows in found.items()}


_TAXONOMY_WORDS = {
    hsds_export.WHATS_ON: "What's On listing fields that HSDS has no place for",
    hsds_export.CATEGORY_TAXONOMY: "The directory's own categories (site_config/categories.yml)",
    hsds_export.ESD_TAXONOMY: "LGA esd service types",
    hsds_export.OPENACTIVE_TAXONOMY: "OpenActive activity list",
    "whats-on-area": "The directory's areas (site_config/areas.yml)",
}


def _cell(value: object, time: bool = False) -> str:
    if value is None:
        return ""
    if time and isinstance(value, str) and len(value) == 5:
        return value + ":00"  # a Table Schema time is HH:MM:SS
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_tabular(data: list[dict], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    spec = tabular_spec()
    rows = tables(data)
    resources, written = [], []
    for name, table in sorted(spec.items(), key=lambda kv: kv[1]["datapackage_metadata"]["order"]):
        columns = _columns(table)
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(columns)
        times = {c for c in columns if table["properties"][c].get("datapackage_type") == "time"}
        for row in rows.get(name, []):
            writer.writerow(neutral_row([_cell(row.get(c), c in times) for c in columns]))
        path = out / table["path"]
        path.write_text(buf.getvalue(), encoding="utf-8")
        written.append(path)
        resources.append({
            "name": name, "path": table["path"], "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "description": table.get("description", ""),
            "schema": {"fields": [_field(c, table["properties"][c], c in table.get("required", []))
                                  for c in columns],
                       "primaryKey": ["id"]},
        })
    package = {"name": "whats-on-hsds", "title": "What's On: HSDS 3.0 tabular data package",
               "profile": "tabular-data-package", "resources": resources}
    path = out / "datapackage.json"
    path.write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")
    return [path, *written]


def _field(name: str, prop: dict, required: bool) -> dict:
    kind = prop.get("datapackage_type") or prop.get("type", "string")
    out = {"name": name, "type": kind}
    if prop.get("format") and kind == "string":
        out["format"] = prop["format"]
    if prop.get("description"):
        out["description"] = prop["description"]
    constraints = {}
    if required:
        constraints["required"] = True
    if prop.get("enum"):
        constraints["enum"] = prop["enum"]
    if constraints:
        out["constraints"] = constraints
    return out
