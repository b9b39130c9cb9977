"""ORUK / HSDS 3.0 services -> Records in the spreadsheet columns, for ``build``.

Our own export is read back exactly (its ``whats-on`` attributes say what the standard cannot).
Services from elsewhere are converted with stated guesses (each one is reported as a note), and
a service that cannot become a valid listing is reported with the reason.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

from generator import urls
from generator.config import SiteConfig
from generator.opendata import hsds_export as X
from generator.opendata.build import Record, slug
from generator.schedule import WEEK_NUMBER
from generator.words.cost import cost_words

_DAYS = {"MO": "monday", "TU": "tuesday", "WE": "wednesday", "TH": "thursday", "FR": "friday",
         "SA": "saturday", "SU": "sunday"}
_WEEKS = {n: w.value for w, n in WEEK_NUMBER.items()}
_ACCESS_BY_TEXT = {v: k.value for k, v in X.ACCESS_TEXT.items()}
_ACCESSIBILITY = {label: field for field, label in X.ACCESSIBILITY}
_ACCESS_WORDS = [  # other directories' wording -> venue field
    (r"step.free|wheelchair|level access|ramp", "step_free"),
    (r"toilet", "accessible_toilet"),
    (r"hearing|induction loop", "hearing_loop"),
    (r"parking|car park", "parking"),
]


class SourceError(Exception):
    """A file that is not HSDS service JSON at all."""


def read_source(source: Path) -> Iterator[tuple[str, dict]]:
    """(where, service) for a file or every *.json in a folder (recursively). A file may hold
    one service, a list of services, or an ORUK page envelope with `contents`. When the same
    service id appears twice (a /services page and services/<id>.json), the fuller one is kept."""
    files = sorted(source.rglob("*.json")) if source.is_dir() else [source]
    if source.is_dir() and not files:
        raise SourceError(f"{source}: no .json files in this folder")
    found: list[tuple[str, dict]] = []
    best: dict[str, int] = {}  # service id -> index in found
    for path in files:
        if path.name == "datapackage.json":
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise SourceError(f"{path}: not readable as JSON ({err})") from None
        items = data.get("contents") if isinstance(data, dict) and "contents" in data else data
        items = items if isinstance(items, list) else [items]
        for n, svc in enumerate(items):
            where = f"{path.name}" + (f" item {n + 1}" if len(items) > 1 else "")
            svc = svc if isinstance(svc, dict) else {}
            key = svc.get("id")
            if key and key in best:
                if len(svc) > len(found[best[key]][1]):
                    found[best[key]] = (where, svc)
                continue
            if key:
                best[key] = len(found)
            found.append((where, svc))
    yield from found


def label(where: str, svc: dict) -> str:
    """How a record is named in the report: file, item, service id and name."""
    name = f", {svc['name']!r}" if svc.get("name") else ""
    return f"{where} (service {svc.get('id', 'without id')}{name})"


def _ext(obj: dict | None) -> dict[str, str]:
    """whats-on attributes of one object: {column: value}."""
    out = {}
    for attr in (obj or {}).get("attributes") or []:
        term = attr.get("taxonomy_term") or {}
        if term.get("taxonomy") == X.WHATS_ON and term.get("code") and attr.get("value") is not None:
            out[term["code"]] = str(attr["value"])
    return out


def _terms(obj: dict, taxonomy: str | None = None) -> list[dict]:
    terms = [a.get("taxonomy_term") or {} for a in obj.get("attributes") or []]
    return [t for t in terms if taxonomy is None or t.get("taxonomy") == taxonomy]


def to_record(where: str, svc: dict, config: SiteConfig) -> Record:
    """One service -> one Record. Raises ValueError with a reason when it cannot be read."""
    if not svc.get("name"):
        raise ValueError("not an HSDS service: it has no name")
    rec = Record(label(where, svc), {}, [])
    row = rec.row
    note = rec.notes.append
    ext = _ext(svc)

    # Organisation
    org = svc.get("organization") or {}
    if not org.get("name"):
        raise ValueError("the service has no organization with a name (ORUK nests it in the "
                         "service; a /services page lists one-to-one fields only, so import the "
                         "services/ folder)")
    oext = _ext(org)
    row["organisation_id"] = oext.get("organisation_id") or slug(org["name"])
    row["organisation_name"] = org["name"]
    row["organisation_description"] = org.get("description") or ""
    row["organisation_website"] = org.get("website") or ""
    row["organisation_email"] = org.get("email") or ""
    row["organisation_phones"] = "; ".join(
        p["number"] + (f" ({p['description']})" if p.get("description") else "")
        for p in org.get("phones") or [] if p.get("number"))
    for ident in org.get("organization_identifiers") or []:
        scheme = (ident.get("identifier_scheme") or "").upper()
        if scheme == "GB-CHC":
            row["charity_number"] = ident.get("identifier", "")
        elif scheme == "GB-COH":
            row["company_number"] = ident.get("identifier", "")
    row.update({k: v for k, v in oext.items() if k in X.ORG_EXTRA + X.PRIVATE})

    # Activity
    row["activity_id"] = ext.get("activity_id") or slug(svc["name"])
    row["name"] = svc["name"]
    description = (svc.get("description") or "").strip()
    summary = ext.get("summary")
    if summary is not None:
        rest = description[len(summary):].strip() if description.startswith(summary) else description
        row["summary"], row["description"] = summary, rest
    else:
        row["summary"] = _first_sentence(description or svc["name"])
        rest = description[len(row["summary"]):].strip() if description.startswith(row["summary"]) else description
        row["description"] = rest
        note("summary taken from the start of the description")
    row["categories"] = "; ".join(_categories(svc, config, note))
    if svc.get("minimum_age") is not None:
        row["min_age"] = str(int(svc["minimum_age"]))
    if svc.get("maximum_age") is not None:
        row["max_age"] = str(int(svc["maximum_age"]))
    row["eligibility"] = svc.get("eligibility_description") or ""
    row["communication_support"] = svc.get("interpretation_services") or ""
    row["email"] = svc.get("email") or ""
    url = svc.get("url") or ""
    page_prefix = urls.absolute(config, "activities/")
    row["website"] = "" if url.startswith(page_prefix) else url
    row["status"] = {"active": "active", "temporarily closed": "temporarily-closed",
                     "inactive": "temporarily-closed", "defunct": "ended"}.get(
        svc.get("status") or "active", "active")
    row["last_checked"] = svc.get("assured_date") or ""
    row["checked_by"] = ext.get("checked_by") or svc.get("assurer_email") or ""
    row["languages"] = "; ".join(lang["name"] for lang in svc.get("languages") or [] if lang.get("name"))
    _how_to_go(svc, ext, row, note)
    _cost(svc, ext, row, note)
    for phone in svc.get("phones") or []:
        if phone.get("description") == X.ON_THE_DAY:
            row["on_the_day_phone"] = phone.get("number", "")
        elif not row.get("phone") and phone.get("number"):
            row["phone"] = phone["number"]
    row.update({k: v for k, v in ext.items() if k in X.SERVICE_EXTRA and k != "summary"})
    _where(svc, ext, row, config, note)
    rec.schedules = _schedules(svc, note)
    return rec


def _first_sentence(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s|\n", text.strip(), maxsplit=1)[0]
    return first if len(first) <= 140 else first[:137].rsplit(" ", 1)[0] + "…"


def _categories(svc: dict, config: SiteConfig, note) -> list[str]:  # noqa: ANN001
    ours = [t["code"] for t in _terms(svc, X.CATEGORY_TAXONOMY) if t.get("code")]
    if ours:
        return ours
    found: list[str] = []
    for term in _terms(svc):
        code, name = str(term.get("code") or ""), str(term.get("name") or "").lower()
        uri = str(term.get("term_uri") or "")
        for cat in config.categories:
            if ((cat.esd_service_type and cat.esd_service_type == code)
                    or (cat.openactive and (cat.openactive == uri or cat.openactive.endswith("#" + code)))
                    or cat.name.lower() == name or cat.id == code):
                if cat.id not in found:
                    found.append(cat.id)
                break
    if found:
        note(f"categories matched from taxonomy terms: {', '.join(found)}")
    return found


def _how_to_go(svc: dict, ext: dict, row: dict, note) -> None:  # noqa: ANN001
    text = (svc.get("application_process") or "").strip()
    if "access" in ext:
        row["how_to_go"] = "" if _ACCESS_BY_TEXT.get(text) == ext["access"] else text
        return
    lowered = text.lower()
    access = ("referral" if "referr" in lowered else
              "drop-in" if re.search(r"drop.in|turn up|no need to book|just come", lowered) else
              "book" if re.search(r"\b(book|appointment|register|call|ring|phone)", lowered) else
              "drop-in")
    row["access"] = access
    row["how_to_go"] = "" if text in _ACCESS_BY_TEXT else text
    note(f"access guessed as {access} from application_process")


def _cost(svc: dict, ext: dict, row: dict, note) -> None:  # noqa: ANN001
    options = svc.get("cost_options") or []
    fees = (svc.get("fees_description") or "").strip()
    amounts = [(o.get("option") or "", o.get("amount")) for o in options]
    kind = ext.get("cost")
    if kind is None:
        words = (fees + " " + " ".join(a for a, _ in amounts)).lower()
        priced = [a for a in amounts if a[1]]
        if "pay what" in words:
            kind = "pay-what-you-can"
        elif len(priced) >= 2 and any("concession" in a.lower() for a, _ in priced):
            kind = "concessions"
        elif priced:
            kind = "fixed"
        elif "free" in words or (amounts and all(a[1] == 0 for a in amounts)):
            kind = "free"
        elif m := re.search(r"£\s*([0-9]+(?:\.[0-9]{1,2})?)", fees):
            kind = "fixed"
            amounts = [("", float(m.group(1)))]
        else:
            raise ValueError("no cost_options or fees_description: say what it costs (free is fine)")
        note(f"cost read as {kind}")
    row["cost"] = kind
    full = [a for o, a in amounts if a is not None and "concession" not in o.lower()]
    conc = [a for o, a in amounts if a is not None and "concession" in o.lower()]
    if kind in ("fixed", "concessions", "pay-what-you-can") and full:
        row["cost_amount"] = _amount(full[0])
    if kind == "concessions" and conc:
        row["concession_amount"] = _amount(conc[0])
    entry_like = _CostView(kind, row.get("cost_amount"), row.get("concession_amount"))
    row["cost_description"] = "" if fees == entry_like.default_text() else fees


def _amount(value: float | int) -> str:
    return f"{float(value):.2f}"


class _CostView:
    """Enough of a cost to rebuild the default fees text the exporter writes."""

    def __init__(self, kind: str, amount: str | None, concession: str | None):
        from decimal import Decimal

        self.kind = kind
        self.amount = Decimal(amount) if amount else None
        self.concession = Decimal(concession) if concession else None

    def default_text(self) -> str:
        return cost_words(self.kind, self.amount, self.concession)


def _where(svc: dict, ext: dict, row: dict, config: SiteConfig, note) -> None:  # noqa: ANN001
    physical = [sal.get("location") or {} for sal in svc.get("service_at_locations") or []
                if (sal.get("location") or {}).get("location_type", "physical") == "physical"]
    virtual = [sal for sal in svc.get("service_at_locations") or []
               if (sal.get("location") or {}).get("location_type") == "virtual"]
    areas = []
    for sa in svc.get("service_areas") or []:
        codes = [t.get("code") for t in _terms(sa, "whats-on-area")]
        by_name = [a.id for a in config.areas if a.name.lower() == str(sa.get("name", "")).lower()]
        areas += [c for c in codes if c] or by_name
    row["areas_served"] = "; ".join(areas)
    if physical:
        if len(physical) > 1:
            note(f"{len(physical)} locations: only the first was kept")
        _venue(physical[0], row, config, note)
    if "online" not in ext and virtual:
        row["online"] = "yes"
    if not physical and not virtual and not any(ext.get(k) == "yes" for k in
                                                ("online", "by_phone", "home_visits")):
        row["by_phone"] = "yes"
        note("no location: listed as by phone")


def _venue(loc: dict, row: dict, config: SiteConfig, note) -> None:  # noqa: ANN001
    lext = _ext(loc)
    if loc.get("external_identifier_type") == X.VENUE_ID_TYPE:
        row["venue"] = loc.get("external_identifier", "")
    address = (loc.get("addresses") or [{}])[0]
    street, city = address.get("address_1", ""), address.get("city", "")
    row["venue_name"] = loc.get("name") or street
    row["venue_address"] = street if not city or city == street else f"{street}, {city}"
    row["venue_postcode"] = address.get("postal_code", "")
    if loc.get("latitude") is not None and loc.get("longitude") is not None:
        row["venue_latitude"] = repr(float(loc["latitude"]))
        row["venue_longitude"] = repr(float(loc["longitude"]))
    for record in loc.get("accessibility") or []:
        text = record.get("description") or ""
        field = _ACCESSIBILITY.get(text)
        if field:
            row[field] = record.get("details") or ""
        elif text and text != X.ACCESS_NOTES:
            for pattern, name in _ACCESS_WORDS:
                if re.search(pattern, text, re.IGNORECASE) and name not in row:
                    no = re.match(r"\s*(no|not)\b", record.get("details") or "", re.IGNORECASE)
                    row[name] = "no" if no else "yes"
                    break
            notes = "; ".join(p for p in (row.get("accessibility_notes"), text) if p)
            row["accessibility_notes"] = notes
        elif record.get("description") == X.ACCESS_NOTES:
            row["accessibility_notes"] = record.get("details") or ""
    row.update({k: v for k, v in lext.items() if k in X.LOCATION_EXTRA})
    if "venue_area" not in lext:
        area = _nearest_area(loc, address, config)
        if area:
            row["venue_area"] = area
            note(f"venue area taken as {area}")
        if loc.get("transportation"):
            row["transport_notes"] = loc["transportation"]


def _nearest_area(loc: dict, address: dict, config: SiteConfig) -> str | None:
    text = " ".join(str(address.get(k) or "") for k in ("address_1", "address_2", "city")).lower()
    for area in config.areas:
        if re.search(rf"\b{re.escape(area.name.lower())}\b", text):
            return area.id
    lat, lon = loc.get("latitude"), loc.get("longitude")
    if lat is None or lon is None:
        return None
    best, best_km = None, 5.0
    for area in config.areas:
        if area.latitude is None:
            continue
        km = math.dist((lat * 111.0, lon * 111.0 * math.cos(math.radians(lat))),
                       (area.latitude * 111.0, area.longitude * 111.0 * math.cos(math.radians(lat))))
        if km < best_km:
            best, best_km = area.id, km
    return best


# ---------------------------------------------------------------------------------------------
# Schedules


def _time(text: str | None) -> str:
    m = re.match(r"^([0-9]{1,2}):([0-9]{2})", text or "")
    return f"{int(m.group(1)):02d}:{m.group(2)}" if m else ""


def _schedules(svc: dict, note) -> list[dict[str, str]]:  # noqa: ANN001
    rows = list(svc.get("schedules") or [])
    for sal in svc.get("service_at_locations") or []:
        rows += sal.get("schedules") or []
    groups: dict[str, dict[str, str]] = {}
    for n, s in enumerate(rows):
        sext = _ext(s)
        try:
            out = _schedule(s)
        except ValueError as err:
            note(f"schedule {n + 1} left out: {err}")
            continue
        for key in X.SCHEDULE_EXTRA:
            if key in sext:
                out[key] = sext[key]
        if X.SESSION not in sext and not out["schedule_notes"] and s.get("description"):
            out["schedule_notes"] = s["description"]  # another directory's own words
        if "not_on_bank_holidays" not in sext and re.search(
                r"(not|closed|no session)[^.]*bank hol", f"{s.get('description', '')} {s.get('notes', '')}",
                re.IGNORECASE):
            out["not_on_bank_holidays"] = "yes"
        if out["frequency"] == "once":
            key = sext.get(X.SESSION) or f"once {out['start']} {out['end']} {out.get('schedule_notes', '')}"
        else:
            key = sext.get(X.SESSION) or f"row {n}"
        if key in groups and out["frequency"] == "once":
            groups[key]["dates"] += "; " + out["dates"]
        else:
            groups[key] = out
    return list(groups.values())


def _schedule(s: dict) -> dict[str, str]:
    start, end = _time(s.get("opens_at")), _time(s.get("closes_at"))
    if not start or not end:
        raise ValueError("it has no opens_at and closes_at times")
    out = {"start": start, "end": end, "valid_from": s.get("valid_from") or "",
           "valid_to": s.get("until") or s.get("valid_to") or "",
           "schedule_notes": s.get("notes") or ""}
    freq = (s.get("freq") or "").upper()
    byday = [d.strip().upper() for d in (s.get("byday") or "").split(",") if d.strip()]
    interval = int(s.get("interval") or 1)
    if not freq:
        if not s.get("dtstart"):
            raise ValueError("it has neither freq nor a dtstart date")
        out.update(frequency="once", dates=s["dtstart"][:10])
        return out
    if freq == "WEEKLY":
        days = [_DAYS.get(d) for d in byday]
        if not days or None in days:
            raise ValueError(f'byday "{s.get("byday", "")}" is not a list of days like TU,TH')
        out["days"] = "; ".join(days)
        if interval == 1:
            out["frequency"] = "weekly"
        elif interval == 2:
            if not s.get("dtstart"):
                raise ValueError("every other week needs a dtstart date to fix which weeks")
            out.update(frequency="fortnightly", start_date=s["dtstart"][:10])
        else:
            raise ValueError(f"every {interval} weeks cannot be said in a listing")
        return out
    if freq == "MONTHLY":
        if interval != 1:
            raise ValueError(f"every {interval} months cannot be said in a listing")
        out["frequency"] = "monthly"
        if s.get("bymonthday"):
            days = [d for d in str(s["bymonthday"]).split(",") if d.strip()]
            if len(days) != 1:
                raise ValueError("several days of the month in one row")
            out["day_of_month"] = days[0].strip()
            return out
        weeks, days = [], []
        for part in byday:
            m = re.fullmatch(r"([+-]?[0-9])?(MO|TU|WE|TH|FR|SA|SU)", part)
            if not m or not m.group(1) or int(m.group(1)) not in _WEEKS:
                raise ValueError(f'byday "{part}" is not a week of the month like 1TU or -1FR')
            weeks.append(_WEEKS[int(m.group(1))])
            days.append(_DAYS[m.group(2)])
        if not weeks:
            raise ValueError("a monthly row needs byday (like 1TU) or bymonthday")
        weeks_u, days_u = list(dict.fromkeys(weeks)), list(dict.fromkeys(days))
        if len(weeks_u) * len(days_u) != len(set(zip(weeks, days, strict=True))):
            raise ValueError(f'byday "{s.get("byday")}" mixes weeks and days in a way a listing '
                             "cannot say; split it into rows")
        out.update(weeks="; ".join(weeks_u), days="; ".join(days_u))
        return out
    raise ValueError(f'freq "{freq}" is not WEEKLY or MONTHLY')
