"""The flat vocabulary shared by the spreadsheet (CSV) layout and the HSDS extension attributes.

Every field of a listing has one column name here, with the path to it in the listing and the
kind of value. ``flatten_*`` turns models into ``{column: text}``; ``Rows`` turns such dicts back
into listing data (plain dicts, validated later by the pydantic models). CSV import and HSDS
import both end in the same builder, so they agree on every rule.

Text forms: yes / no for true / false; lists separated by ``;`` (id lists and dates may also use
commas); dates ``YYYY-MM-DD``; times ``HH:MM``; money ``3.50``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum

from pydantic import BaseModel


@dataclass(frozen=True)
class Column:
    name: str
    scope: str  # "organisation", "activity", "venue", "schedule"
    path: str  # dotted path inside that scope's model
    kind: str = "text"  # text, bool, int, decimal, float, date, ids, texts, dates, phones, maintainers
    help: str = ""


def _c(name, scope, path, kind="text", help=""):
    return Column(name, scope, path, kind, help)


ORGANISATION = [
    _c("organisation_id", "organisation", "", "text",
       "Short id of the organisation; the listing file is called this. Rows with the same id "
       "belong to one organisation."),
    _c("organisation_name", "organisation", "name", help="The group's name."),
    _c("organisation_description", "organisation", "description"),
    _c("organisation_website", "organisation", "website"),
    _c("organisation_email", "organisation", "email"),
    _c("organisation_phones", "organisation", "phones", "phones",
       'Numbers separated by ";", each optionally followed by what it is for in brackets: '
       '"0151 496 0123 (Office); 07700 900123".'),
    _c("charity_number", "organisation", "charity_number"),
    _c("company_number", "organisation", "company_number"),
    _c("safeguarding_policy", "organisation", "governance.safeguarding_policy", "bool"),
    _c("insurance", "organisation", "governance.insurance", "bool"),
    _c("dbs_checked", "organisation", "governance.dbs_checked", "bool"),
    _c("complex_referrals", "organisation", "governance.complex_referrals", "bool"),
    _c("governance_notes", "organisation", "governance.notes"),
    _c("maintainers", "organisation", "maintainers", "maintainers",
       'Who to remind to re-check: "Name <email> @github-name", several separated by ";".'),
]

ACTIVITY = [
    _c("activity_id", "activity", "id", help="Short id, e.g. tuesday-walk. Rows with the same "
       "activity_id are sessions of one activity; its other columns are read from the first row."),
    _c("name", "activity", "name"),
    _c("summary", "activity", "summary", help="One line, at most 140 characters."),
    _c("description", "activity", "description"),
    _c("categories", "activity", "categories", "ids", "Category ids from site_config/categories.yml."),
    _c("min_age", "activity", "audience.min_age", "int"),
    _c("max_age", "activity", "audience.max_age", "int"),
    _c("audience_groups", "activity", "audience.groups", "texts"),
    _c("eligibility", "activity", "audience.eligibility"),
    _c("not_just_older_people", "activity", "audience.not_just_older_people", "bool"),
    _c("cost", "activity", "cost.kind", help="free, fixed, concessions or pay-what-you-can."),
    _c("cost_amount", "activity", "cost.amount", "decimal"),
    _c("concession_amount", "activity", "cost.concession_amount", "decimal"),
    _c("cost_description", "activity", "cost.description"),
    _c("access", "activity", "how_to_go.access", help="drop-in, book or referral."),
    _c("referral_from", "activity", "how_to_go.referral_from", "ids",
       "self, link-worker, gp, receptionist, pharmacist, other-professional."),
    _c("how_to_go", "activity", "how_to_go.how"),
    _c("capacity", "activity", "capacity", help="open, waiting-list or full."),
    _c("status", "activity", "status", help="active, temporarily-closed or ended."),
    _c("languages", "activity", "languages", "texts"),
    _c("communication_support", "activity", "communication_support"),
    _c("easy_read", "activity", "easy_read", help="What it is in Easy Read: sentences of 15 words or "
       "fewer, one idea each."),
    _c("bring_a_friend", "activity", "first_visit.bring_a_friend", "bool"),
    _c("someone_meets_you", "activity", "first_visit.someone_meets_you", "bool"),
    _c("refreshments", "activity", "first_visit.refreshments", "bool"),
    _c("first_visit_notes", "activity", "first_visit.notes"),
    _c("phone", "activity", "phone"),
    _c("on_the_day_phone", "activity", "on_the_day_phone"),
    _c("email", "activity", "email"),
    _c("website", "activity", "website"),
    _c("venue", "activity", "where.venue", help="A venue id from listings/venues.yml. Leave empty "
       "and fill the venue_ columns to describe a venue in full."),
    _c("online", "activity", "where.online", "bool"),
    _c("by_phone", "activity", "where.by_phone", "bool"),
    _c("home_visits", "activity", "where.home_visits", "bool"),
    _c("areas_served", "activity", "where.areas", "ids", "Area ids, when there is no venue."),
    _c("where_details", "activity", "where.details"),
    _c("last_checked", "activity", "last_checked", "date"),
    _c("checked_by", "activity", "checked_by"),
]

VENUE = [
    _c("venue_name", "venue", "name"),
    _c("venue_address", "venue", "address"),
    _c("venue_postcode", "venue", "postcode"),
    _c("venue_area", "venue", "area", help="An area id from site_config/areas.yml."),
    _c("venue_latitude", "venue", "latitude", "float"),
    _c("venue_longitude", "venue", "longitude", "float"),
    _c("step_free", "venue", "step_free", "bool"),
    _c("accessible_toilet", "venue", "accessible_toilet", "bool"),
    _c("hearing_loop", "venue", "hearing_loop", "bool"),
    _c("parking", "venue", "parking", "bool"),
    _c("non_clinical", "venue", "non_clinical", "bool"),
    _c("accessibility_notes", "venue", "accessibility_notes"),
    _c("nearest_stop", "venue", "transport.nearest_stop"),
    _c("buses", "venue", "transport.buses", "ids"),
    _c("transport_notes", "venue", "transport.notes"),
]

SCHEDULE = [
    _c("frequency", "schedule", "frequency", help="weekly, fortnightly, monthly or once. Leave "
       "empty for 'ring to arrange'."),
    _c("days", "schedule", "days", "ids", "e.g. Tuesday; Thursday"),
    _c("weeks", "schedule", "weeks", "ids", "Monthly: first, second, third, fourth, last."),
    _c("day_of_month", "schedule", "day_of_month", "int"),
    _c("dates", "schedule", "dates", "dates", "Once: the date(s), e.g. 2026-12-24; 2027-01-09"),
    _c("start_date", "schedule", "start_date", "date", "Fortnightly: one date a session happens."),
    _c("start", "schedule", "start", help="24-hour, e.g. 10:00"),
    _c("end", "schedule", "end"),
    _c("valid_from", "schedule", "valid_from", "date"),
    _c("valid_to", "schedule", "valid_to", "date"),
    _c("not_on_bank_holidays", "schedule", "not_on_bank_holidays", "bool"),
    _c("term_time_only", "schedule", "term_time_only", "bool"),
    _c("schedule_notes", "schedule", "notes"),
]

ALL = ORGANISATION + ACTIVITY + VENUE + SCHEDULE
BY_NAME = {c.name: c for c in ALL}
ACTIVITY_LEVEL = ORGANISATION + ACTIVITY + VENUE  # read from an activity's first row


# ---------------------------------------------------------------------------------------------
# Values to text


def text_of(value: object, kind: str) -> str:
    if value is None:
        return ""
    if kind == "bool":
        return "yes" if value else "no"
    if kind in ("ids", "texts", "dates"):
        return "; ".join(text_of(v, "text") for v in value)
    if kind == "phones":
        return "; ".join(p.number + (f" ({p.description})" if p.description else "") for p in value)
    if kind == "maintainers":
        return "; ".join(_maintainer_text(m) for m in value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _maintainer_text(m) -> str:
    parts = [m.name or "", f"<{m.email}>" if m.email else "", f"@{m.github}" if m.github else ""]
    return " ".join(p for p in parts if p)


def get(model: BaseModel | None, path: str) -> object:
    value: object = model
    for part in path.split("."):
        if value is None:
            return None
        value = getattr(value, part)
    return value


def flatten(model: BaseModel | None, columns: list[Column]) -> dict[str, str]:
    return {c.name: text_of(get(model, c.path), c.kind) for c in columns if c.path}


# ---------------------------------------------------------------------------------------------
# Text to values


class CellError(ValueError):
    """A cell that cannot be read; the message names what was expected."""


_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def value_of(text: str, kind: str) -> object:
    text = text.strip()
    if kind == "bool":
        if text.lower() in _YES:
            return True
        if text.lower() in _NO:
            return False
        raise CellError(f'"{text}" is not yes or no')
    if kind == "int":
        try:
            return int(text)
        except ValueError:
            raise CellError(f'"{text}" is not a whole number') from None
    if kind == "decimal":
        try:
            return Decimal(text.lstrip("£"))
        except InvalidOperation:
            raise CellError(f'"{text}" is not an amount of money, like 3.50') from None
    if kind == "float":
        try:
            return float(text)
        except ValueError:
            raise CellError(f'"{text}" is not a number') from None
    if kind == "date":
        return _date(text)
    if kind == "ids":
        return [p.strip() for p in re.split(r"[;,]", text) if p.strip()]
    if kind == "texts":
        return [p.strip() for p in text.split(";") if p.strip()]
    if kind == "dates":
        return [_date(p.strip()) for p in re.split(r"[;,]", text) if p.strip()]
    if kind == "phones":
        return [_phone(p.strip()) for p in text.split(";") if p.strip()]
    if kind == "maintainers":
        return [_maintainer(p.strip()) for p in text.split(";") if p.strip()]
    return text


def _date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    m = re.fullmatch(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", text)  # UK spreadsheets: 22/11/2026
    if m:
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        except ValueError:
            pass
    raise CellError(f'"{text}" is not a date. Write it like 2026-11-22')


def _phone(text: str) -> dict[str, str]:
    m = re.fullmatch(r"(.*?)\s*(?:\((.*)\))?", text, re.S)  # a line break in the cell too
    out = {"number": m.group(1)}
    if m.group(2):
        out["description"] = m.group(2)
    return out


def _maintainer(text: str) -> dict[str, str]:
    m = re.fullmatch(r"(.*?)\s*(?:<([^>]*)>)?\s*(?:@([A-Za-z0-9-]+))?", text, re.S)
    out = {k: v for k, v in (("name", m.group(1)), ("email", m.group(2)), ("github", m.group(3))) if v}
    return out


def put(target: dict, path: str, value: object) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


def unflatten(row: dict[str, str], columns: list[Column]) -> tuple[dict, list[tuple[str, str]]]:
    """{column: text} -> nested dict for one scope, and (column, reason) for unreadable cells."""
    out: dict = {}
    errors: list[tuple[str, str]] = []
    for c in columns:
        text = (row.get(c.name) or "").strip()
        if not text or not c.path:
            continue
        try:
            put(out, c.path, value_of(text, c.kind))
        except CellError as err:
            errors.append((c.name, str(err)))
    return out, errors


def column_for(scope: str, loc: tuple) -> str | None:
    """The column a pydantic error location points at, e.g. ('cost', 'amount') -> cost_amount."""
    parts = [str(p) for p in loc if not isinstance(p, int)]
    for n in range(len(parts), 0, -1):
        path = ".".join(parts[:n])
        for c in ALL:
            if c.scope == scope and c.path == path:
                return c.name
    return None
