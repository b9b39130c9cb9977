"""Read HSDS 3.0 / Open Referral UK documents of every kind into nested services.

Accepted: a service (``service.json`` / ``service_full.json``), a list of services, a paged
``/services`` response (``contents``), an organisation with ``services`` (``organization_full``),
a service at a location (``service_at_location_full``: its ``service`` and ``location``), and the
tabular data package (``service.csv`` and the other tables, with or without ``datapackage.json``);
each from a file, a folder (searched through) or a zip (read in memory, never unpacked).

Anything else is refused with what it is and why (a location, a taxonomy, an organisation with
no services, an HSDS 2 spreadsheet, a file that is not JSON). Nothing here decides what a
service means for a listing: that is ``hsds_import``.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.csv_cells import undo

MAX_ZIP_BYTES = 200 * 1024 * 1024  # refuse zips that unpack to more than this


class SourceError(Exception):
    """The source as a whole cannot be read (not JSON, no HSDS in it, ...). Message for people."""


@dataclass
class Found:
    """One service to import, with where it came from."""

    where: str  # "service_full.json", "services.json item 3", "service.csv row 2"
    service: dict
    notes: list[str] = field(default_factory=list)  # what the reader did (e.g. page 1 of 10)
    rank: int = 2  # which copy wins when a service comes twice: full JSON 2, tabular 1, a list entry 0


@dataclass
class Refused:
    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class Read:
    services: list[Found] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Files from a file, a folder or a zip


def _files(source: Path) -> list[tuple[str, bytes]]:
    """(name, bytes) of every file: one file, a folder's files (recursively) or a zip's members."""
    if source.is_dir():
        return [(str(p.relative_to(source)), p.read_bytes()) for p in sorted(source.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(source).parts)]
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as z:
            members = [m for m in z.infolist() if not m.is_dir()]
            if sum(m.file_size for m in members) > MAX_ZIP_BYTES:
                raise SourceError(f"{source}: the zip unpacks to more than "
                                  f"{MAX_ZIP_BYTES // 1024 // 1024} MB; unpack it and import the folder")
            return [(f"{source.name}/{m.filename}", z.read(m)) for m in sorted(members, key=lambda m: m.filename)
                    if not PurePosixPath(m.filename).name.startswith(".")]
    return [(str(source), source.read_bytes())]


def read(source: Path) -> Read:
    if source.is_file() and (source.name == "datapackage.json" or source.suffix.lower() == ".csv"):
        source = source.parent  # a table or the package descriptor: read the whole package
    files = _files(source)
    out = Read()
    tables: dict[str, dict[str, bytes]] = {}  # folder -> {table file name: bytes}
    for name, data in files:
        path = PurePosixPath(name)
        suffix = path.suffix.lower()
        if suffix == ".csv" or path.name == "datapackage.json":
            tables.setdefault(str(path.parent), {})[path.name] = data
        elif suffix == ".json":
            try:
                _json_file(name, data, out)
            except SourceError as err:
                if source.is_file():
                    raise
                # one unreadable file in a folder or zip is listed; the others are still imported
                out.refused.append(Refused(name, str(err).removeprefix(f"{name}: ")))
        elif source.is_file():
            out.refused.append(Refused(name, "not a JSON file, a CSV table or a zip of them: HSDS "
                                             "comes as .json files or as the tabular package "
                                             "(service.csv, organization.csv, … and datapackage.json)"))
    for folder, members in tables.items():
        _tabular(folder if folder not in ("", ".") else source.name, members, out)
    _dedupe(out)
    if not out.services and not out.refused:
        raise SourceError(f"{source}: no HSDS in it: no .json files and no tabular package "
                          "(service.csv with organization.csv, …)")
    return out


def _dedupe(out: Read) -> None:
    """The same service twice (a /services page and services/<id>.json): keep the fuller one."""
    best: dict[str, int] = {}
    kept: list[Found] = []
    for found in out.services:
        key = found.service.get("id")
        key = key if isinstance(key, str) else None  # an id HSDS would not give is no key
        if key and key in best:
            other = kept[best[key]]
            if (found.rank, _size(found.service)) > (other.rank, _size(other.service)):
                kept[best[key]] = found
            continue
        if key:
            best[key] = len(kept)
        kept.append(found)
    out.services = kept


def _size(obj: object) -> int:
    return len(json.dumps(obj, default=str))


# ---------------------------------------------------------------------------------------------
# JSON documents


def _json_file(name: str, data: bytes, out: Read) -> None:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise SourceError(f"{name}: not readable as JSON ({err})") from None
    except RecursionError:
        raise SourceError(f"{name}: nested far too deeply to be HSDS data (lists or objects "
                          "inside each other thousands of times)") from None
    if isinstance(doc, dict) and isinstance(doc.get("contents"), list):
        page, pages = doc.get("page_number"), doc.get("total_pages")
        note = []
        if isinstance(page, int) and isinstance(pages, int) and pages > 1:
            note = [f"{name} is page {page} of {pages} of a /services list: only this page was "
                    "read; import the other pages too"]
        items = doc["contents"]
        for n, item in enumerate(items):
            _document(f"{name} item {n + 1}", item, out, list(note), listed=True)
        if not items:
            out.refused.append(Refused(name, "an empty /services page: it lists no services"))
        return
    if isinstance(doc, list):
        for n, item in enumerate(doc):
            _document(f"{name} item {n + 1}", item, out, [])
        if not doc:
            out.refused.append(Refused(name, "an empty list: no services in it"))
        return
    _document(name, doc, out, [])


def kind_of(doc: object) -> str:
    """What an HSDS JSON object is: service, organization, service_at_location, location,
    taxonomy, taxonomy_term, or unknown."""
    if not isinstance(doc, dict):
        return "unknown"
    keys = set(doc)
    if isinstance(doc.get("service"), dict):
        return "service_at_location"
    if "services" in keys or "organization_identifiers" in keys or (
            keys & {"legal_status", "year_incorporated", "tax_status", "logo"} and "status" not in keys):
        return "organization"
    if keys & {"organization", "organization_id", "service_at_locations", "application_process",
               "fees_description", "fees", "eligibility_description", "cost_options", "status"}:
        return "service"
    if keys & {"location_type", "addresses", "accessibility", "latitude", "transportation"}:
        return "location"
    if "code" in keys and ("taxonomy" in keys or "taxonomy_id" in keys):
        return "taxonomy_term"
    if "terms" in keys or ("uri" in keys and "version" in keys):
        return "taxonomy"
    return "unknown"


_NOT_SERVICES = {
    "location": ("an HSDS location{name}, not a service: a place on its own has no activity to "
                 "list. Import the services held there (service_full.json or "
                 "service_at_location_full.json), which bring their locations with them"),
    "taxonomy_term": "an HSDS taxonomy term{name}, not a service: there is nothing to list",
    "taxonomy": "an HSDS taxonomy{name}, not a service: there is nothing to list",
    "unknown": ("not an HSDS document this importer knows: it has none of a service's fields "
                "(name with status, organization, application_process, fees, schedules …)"),
}


def _document(where: str, doc: object, out: Read, notes: list[str], listed: bool = False) -> None:
    kind = kind_of(doc)
    name = f' ("{doc["name"]}")' if isinstance(doc, dict) and isinstance(doc.get("name"), str) else ""
    if kind == "service":
        if listed and not (doc.keys() & {"schedules", "service_at_locations", "phones", "cost_options"}):
            notes = notes + ["a /services list entry has one-to-one fields only (no schedules, "
                             "locations, phones or costs): those are left for a person, or import "
                             "the full service (/services/{id}) instead"]
        out.services.append(Found(where, doc, notes, rank=0 if listed else 2))
    elif kind == "organization":
        services = doc.get("services")
        if not isinstance(services, list) or not services:
            out.refused.append(Refused(where, f"an HSDS organization{name} with no services: a "
                                              "listing is an organisation's activities, so import "
                                              "organization_full.json (with services) or its services"))
            return
        org = {k: v for k, v in doc.items() if k != "services"}
        for n, svc in enumerate(services):
            if not isinstance(svc, dict):
                continue
            svc = dict(svc)
            svc.setdefault("organization", org)
            out.services.append(Found(f"{where} service {n + 1}", svc, list(notes)))
    elif kind == "service_at_location":
        svc = dict(doc["service"])
        sal = {k: v for k, v in doc.items() if k != "service"}
        if sal.get("location") or sal.get("schedules") or sal.get("phones") or sal.get("contacts"):
            known = [s for s in svc.get("service_at_locations") or [] if s.get("id") != sal.get("id")]
            svc["service_at_locations"] = [*known, sal]
        out.services.append(Found(where, svc, list(notes)))
    else:
        out.refused.append(Refused(where, _NOT_SERVICES[kind].format(name=name)))


# ---------------------------------------------------------------------------------------------
# The tabular package: CSV tables joined back into nested services


_TABLES = ["service", "organization", "organization_identifier", "location", "address",
           "accessibility", "service_at_location", "schedule", "phone", "contact", "language",
           "cost_option", "service_area", "attribute", "taxonomy_term", "taxonomy"]
_HSDS2 = {"regular_schedules.csv", "physical_addresses.csv", "holiday_schedules.csv",
          "services_taxonomy.csv", "postal_addresses.csv"}


def _table_files(members: dict[str, bytes]) -> dict[str, str]:
    """HSDS table name -> file name: from datapackage.json when there is one, else the HSDS 3.0
    tabular paths (``services.csv``) or the singular names of the published examples."""
    from generator.opendata.hsds_files import tabular_spec

    found: dict[str, str] = {}
    if "datapackage.json" in members:
        try:
            package = json.loads(members["datapackage.json"].decode("utf-8-sig"))
            for res in package.get("resources") or []:
                if res.get("name") in _TABLES and res.get("path") in members:
                    found[res["name"]] = res["path"]
        except (UnicodeDecodeError, json.JSONDecodeError, AttributeError, RecursionError):
            pass
    spec = tabular_spec()
    for name in _TABLES:
        for candidate in (spec.get(name, {}).get("path"), f"{name}.csv"):
            if name not in found and candidate in members:
                found[name] = candidate
    return found


def _rows(name: str, data: bytes) -> list[dict]:
    """A table's rows; cells a spreadsheet would run as formulas were written with a leading '
    (generator/csv_cells.py), which is taken off again here."""
    text = data.decode("utf-8-sig")
    return [{k: undo(v) for k, v in row.items() if k is not None and v not in (None, "")}
            for row in csv.DictReader(io.StringIO(text, newline=""))]


def _tabular(folder: str, members: dict[str, bytes], out: Read) -> None:
    where = folder
    files = _table_files(members)
    old = sorted(_HSDS2 & set(members))
    if old:
        out.refused.append(Refused(where, f"HSDS 1 or 2 tables ({', '.join(old)}): this importer "
                                          "reads HSDS 3.0 (services.csv with schedules.csv, "
                                          "locations.csv, … and no regular_schedules.csv)"))
        return
    if "service" not in files:
        if "datapackage.json" in members or files:
            out.refused.append(Refused(where, "HSDS tables without a service table (services.csv "
                                              "or service.csv): there are no services in them"))
        return
    t = {name: _rows(path, members[path]) for name, path in files.items()}
    service_file = files["service"]
    org_file = files.get("organization", "organizations.csv")
    by_id = {name: {r["id"]: r for r in rows if r.get("id")} for name, rows in t.items()}

    index: dict[tuple[str, str], dict[str, list[dict]]] = {}

    def where_(table: str, key: str, value: str) -> list[dict]:
        """The rows of `table` whose `key` is `value` (each table indexed once per key)."""
        if (table, key) not in index:
            by: dict[str, list[dict]] = {}
            for r in t.get(table, []):
                if r.get(key):
                    by.setdefault(r[key], []).append(r)
            index[(table, key)] = by
        return index[(table, key)].get(value, []) if value else []

    def phones(key: str, value: str) -> list[dict]:
        return where_("phone", key, value)

    def contacts(key: str, value: str) -> list[dict]:
        return [{**c, "phones": phones("contact_id", c["id"])} for c in where_("contact", key, value)]

    def attributes(link_id: str) -> list[dict]:
        out_ = []
        for a in where_("attribute", "link_id", link_id):
            term = by_id.get("taxonomy_term", {}).get(a.get("taxonomy_term_id", ""))
            out_.append({**a, **({"taxonomy_term": _term(term, by_id)} if term else {})})
        return out_

    def schedules(key: str, value: str) -> list[dict]:
        return [{**s, "attributes": attributes(s["id"])} if s.get("id") else s
                for s in where_("schedule", key, value)]

    def location(lid: str) -> dict | None:
        loc = by_id.get("location", {}).get(lid)
        if loc is None:
            return None
        return {**loc, "addresses": where_("address", "location_id", lid),
                "accessibility": where_("accessibility", "location_id", lid),
                "phones": phones("location_id", lid), "contacts": contacts("location_id", lid),
                "schedules": schedules("location_id", lid), "attributes": attributes(lid)}

    for n, row in enumerate(t["service"]):
        label = f"{where}/{service_file} row {n + 2}"  # row 1 is the header
        sid = row.get("id", "")
        svc: dict = dict(row)
        org_id = row.get("organization_id", "")
        org = by_id.get("organization", {}).get(org_id)
        if org is not None:
            svc["organization"] = {**org, "phones": phones("organization_id", org_id),
                                   "organization_identifiers": where_("organization_identifier",
                                                                      "organization_id", org_id),
                                   "attributes": attributes(org_id)}
        elif org_id:
            out.refused.append(Refused(f"{label} (service {sid}, '{row.get('name', '')}')",
                                       f'organization_id: "{org_id}" is not an id in '
                                       f"{org_file}, so the service has no organisation. Fix "
                                       f"organization_id to the id of a row of {org_file}"))
            continue
        sals = []
        for sal in where_("service_at_location", "service_id", sid):
            loc = location(sal.get("location_id", ""))
            sals.append({**sal, "schedules": schedules("service_at_location_id", sal.get("id", "")),
                         "phones": phones("service_at_location_id", sal.get("id", "")),
                         **({"location": loc} if loc else {})})
        svc.update(
            phones=[p for p in phones("service_id", sid) if not p.get("contact_id")],
            schedules=[s for s in schedules("service_id", sid)
                       if not s.get("service_at_location_id") and not s.get("location_id")],
            service_at_locations=sals, contacts=contacts("service_id", sid),
            languages=where_("language", "service_id", sid),
            cost_options=where_("cost_option", "service_id", sid),
            service_areas=[{**a, "attributes": attributes(a["id"])} if a.get("id") else a
                           for a in where_("service_area", "service_id", sid)],
            attributes=attributes(sid))
        out.services.append(Found(label, svc, [], rank=1))


def _term(term: dict, by_id: dict) -> dict:
    tax = by_id.get("taxonomy", {}).get(term.get("taxonomy_id", ""))
    if tax and not term.get("taxonomy"):
        return {**term, "taxonomy": tax.get("name", "")}
    return term
