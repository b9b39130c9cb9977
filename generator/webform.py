"""The "Add or update your activity" web form: a page plus the files its scripts read.

``write(directory, docs)`` puts into the site's staging docs folder::

    add/index.md              the form (Markdown with raw HTML blocks, for mkdocs-material)
    add/form.css, *.js        its style and scripts (from templates/form/)
    add/listing-schema.js     schema/listing.schema.json as ``window.WHATSON_SCHEMA = …``
    add/form-data.js          venues, categories, areas, the site's contact and GitHub repository
    add/listings/<id>.js      one small file per activity: its organisation (without the
                              maintainers: names, e-mails and GitHub handles are never published)
                              and the activity, so ``add/index.html?activity=<id>`` starts from it
                              ("update this activity"); the site build writes these itself

Everything is loaded by ``<script src>``, never fetched, so the form works from ``file://`` and
offline. The browser checks answers against the same JSON Schema the editors use; the rules the
schema cannot say (a schedule that cannot happen, a cost without a price) are in validate.js,
worded like generator.formats.

The form writes a file ``python -m generator merge`` (and the issue route) accepts: for a group
that already has a listing, only the organisation's public fields and the one activity added or
changed; the merge keeps everything else in the group's file, maintainers included.

``write_standalone(directory, out)`` writes the same form as a plain HTML page, for tests and for
a directory that has no site.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from generator.directory import Directory

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates" / "form"
SCHEMA = ROOT / "schema" / "listing.schema.json"
ASSETS = ("form.css", "validate.js", "yaml.js", "form.js")
PAGE_DIR = "add"
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKS = ("first", "second", "third", "fourth", "last")

# The JSON Schema keywords validate.js understands. A schema that uses any other (validation)
# keyword makes the build fail, so the browser never skips a rule silently.
SUPPORTED_KEYWORDS = frozenset({
    "$ref", "anyOf", "oneOf", "type", "properties", "required", "additionalProperties", "items",
    "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum", "minItems",
    "maxItems", "format",
})
ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description", "default", "examples"})


class FormError(Exception):
    """The form cannot be built (e.g. the schema uses a keyword the browser check lacks)."""


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(
        enabled_extensions=("html", "md", "j2"), default=True), undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True)


def schema_keywords(node: object) -> set[str]:
    """Every keyword used in a schema (property names under ``properties`` excluded)."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            if key in ("properties", "$defs"):
                for sub in value.values():
                    found |= schema_keywords(sub)
            elif key not in ("examples", "default", "enum", "const", "required"):
                found |= schema_keywords(value)
    elif isinstance(node, list):
        for item in node:
            found |= schema_keywords(item)
    return found


def load_schema(path: Path = SCHEMA) -> dict:
    if not path.exists():
        raise FormError(f"{path} is missing: run `python -m generator schema` first.")
    schema = json.loads(path.read_text(encoding="utf-8"))
    unknown = schema_keywords(schema) - SUPPORTED_KEYWORDS - ANNOTATIONS
    if unknown:
        raise FormError(f"The form's browser check does not know the schema keyword(s) "
                        f"{', '.join(sorted(unknown))}: add them to templates/form/validate.js.")
    return schema


def _plain(value: object) -> object:
    """A model dump -> JSON-ready data, with prices as numbers and dates as YYYY-MM-DD."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "value"):  # an Enum
        return value.value
    return value


PRIVATE = frozenset({"maintainers"})  # organisation fields never put in a published file


def _listing(org, entry) -> dict:
    organisation = _plain(org.organisation.model_dump(mode="python", exclude_unset=True,
                                                      exclude=set(PRIVATE)))
    activity = _plain(entry.activity.model_dump(mode="python", exclude_unset=True))
    return {"file": f"{org.id}.yml", "activity": entry.id,
            "listing": {"organisation": organisation, "activities": [activity]}}


def listing_data(directory: Directory) -> dict[str, dict]:
    """activity id -> {file, activity, listing}: the organisation's public fields and that
    activity, as written in the file (nothing private: no maintainers)."""
    return {entry.id: _listing(org, entry) for org in directory.organisations
            for entry in org.activities}


def listing_path(activity_id: str) -> str:
    """Where an activity's form file goes, under the site (or the standalone form's folder)."""
    return f"{PAGE_DIR}/listings/{activity_id}.js"


def listing_js(org, entry) -> str:
    """The form's file for one activity of `org` (a Directory organisation): listing_data's
    value for it, as `window.WHATSON_LISTING = …`."""
    return _js("WHATSON_LISTING", _listing(org, entry))


def form_data(directory: Directory) -> dict:
    config = directory.config
    site = config.site
    return {
        "site": {"name": site.name, "url": site.url, "github_repository": site.github_repository,
                 "email": site.contact.email, "phone": site.contact.phone},
        "venues": [{"id": vid, "name": v.name, "address": v.address, "postcode": v.postcode,
                    "area": v.area} for vid, v in sorted(directory.venues.items())],
        "categories": [{"id": c.id, "name": c.name} for c in config.categories],
        "areas": [{"id": a.id, "name": a.name} for a in config.areas],
        "activity_ids": sorted(e.id for e in directory.activities),
        # Which groups already have a listing file (public names only), so a new activity for
        # one of them is sent as an addition to its file.
        "organisations": [{"id": o.id, "name": o.organisation.name} for o in directory.organisations],
        "templates": {"new": "add-activity.yml", "update": "update-listing.yml"},
    }


def _js(name: str, value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # Safe inside a script file and never closes a surrounding <script> element.
    text = text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{name} = {text};\n"


def _venue_groups(directory: Directory) -> list[tuple[str, list[tuple[str, str]]]]:
    groups = []
    for area in directory.config.areas:
        venues = sorted(((vid, f"{v.name}, {v.postcode}") for vid, v in directory.venues.items()
                         if v.area == area.id), key=lambda x: x[1].lower())
        if venues:
            groups.append((area.name, venues))
    return groups


def _context(directory: Directory) -> dict:
    return {
        "site": directory.config.site,
        "categories": directory.config.categories,
        "areas": directory.config.areas,
        "venue_groups": _venue_groups(directory),
        "category_options": [(c.id, c.name) for c in directory.config.categories],
        "area_options": [(a.id, a.name) for a in directory.config.areas],
        "day_options": [(d, d.title()) for d in DAYS],
        "week_options": [(w, w.title()) for w in WEEKS],
    }


def _write_files(directory: Directory, out: Path, schema: dict, pages: Iterable[tuple[str, str]],
                 listings: bool = True) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        shutil.copyfile(TEMPLATES / name, out / name)
    (out / "listing-schema.js").write_text(_js("WHATSON_SCHEMA", schema), encoding="utf-8")
    (out / "form-data.js").write_text(_js("WHATSON_FORM", form_data(directory)), encoding="utf-8")
    if listings:
        per = out / "listings"
        per.mkdir(exist_ok=True)
        for org in directory.organisations:
            for entry in org.activities:
                (per / f"{entry.id}.js").write_text(listing_js(org, entry), encoding="utf-8")
    env = _environment()
    context = _context(directory)
    for filename, template in pages:
        (out / filename).write_text(env.get_template(template).render(**context), encoding="utf-8")


def write(directory: Directory, docs_dir: Path, listings: bool = True) -> None:
    """The form page and its files, into the staging docs folder (page at add/index.html).
    `listings=False` leaves out the file per activity (listing_js at listing_path), for a build
    that writes those itself."""
    _write_files(directory, docs_dir / PAGE_DIR, load_schema(), [("index.md", "page.md.j2")],
                 listings)


def write_standalone(directory: Directory, out: Path) -> Path:
    """The same form as a plain HTML page (no mkdocs). Returns the page's path."""
    _write_files(directory, out, load_schema(), [("index.html", "standalone.html.j2")])
    return out / "index.html"
