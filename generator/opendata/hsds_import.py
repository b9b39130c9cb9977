"""ORUK / HSDS 3.0 services -> Records in the spreadsheet columns, for ``build``.

Our own export is read back exactly (its ``whats-on`` attributes say what the standard cannot).
A service from elsewhere is carried over fact by fact, and nothing is guessed: a fact a listing
needs that the service does not give is a ``Fill`` (left for a person: the listing does not
validate until it is written in), a fact a listing has no place for is reported as not carried,
and where a fact was read from the source's own words (access from "just turn up", a hearing
loop from "induction loops") the report says so, for a person to check.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from generator import formats, urls
from generator.config import SiteConfig
from generator.opendata import hsds_export as X
from generator.opendata import hsds_read, hsds_schedules
from generator.opendata.build import Fill, Record, slug
from generator.opendata.hsds_read import SourceError  # noqa: F401 - the command catches it here
from generator.words.cost import cost_words, money

_ACCESS_BY_TEXT = {v: k.value for k, v in X.ACCESS_TEXT.items()}
_ACCESSIBILITY = {label: name for name, label in X.ACCESSIBILITY}
_NEEDS = [  # other directories' words for an accessibility need -> venue field
    (r"step.free|wheelchair|level access|\bramps?\b|\blifts?\b", "step_free"),
    (r"accessible (toilet|loo|wc)|disabled (toilet|loo|wc)|\btoilets?\b", "accessible_toilet"),
    (r"hearing loop|induction loop|\bt-?coil\b", "hearing_loop"),
    (r"parking|car park", "parking"),
]
_ACCESS_WORDS = [  # unambiguous words only; anything else is left for a person
    ("drop-in", r"\bdrop[ -]?in\b|just (turn up|come along|come)\b|no need to book"),
    ("book", r"\b(booking (is )?(essential|required|needed)|you (must|need to) book|please book)\b"),
    ("referral", r"\b(by referral( only)?|referral (is )?(needed|required|only)|you need a referral)\b"),
]
_GENERAL_OPTION = re.compile(r"^\s*(|standard|full( price)?|price|cost|fee|entry|admission|each|"
                             r"everyone|all|per (session|hour|class|visit|person|week|month)|"
                             r"a session|session)\s*$", re.IGNORECASE)
_CONCESSION = re.compile(r"concession|reduced|unwaged|low income", re.IGNORECASE)
_FREE = re.compile(r"^\s*free\b", re.IGNORECASE)

# Keys read (or deliberately passed over: ids and links) per object; any other key with a value
# is reported as not carried.
_SERVICE_READ = {"id", "organization_id", "program_id", "name", "description", "url", "email",
                 "status", "application_process", "fees_description", "fees",
                 "eligibility_description", "minimum_age", "maximum_age", "assured_date",
                 "assurer_email", "interpretation_services", "alert", "last_modified",
                 "organization", "phones", "schedules", "service_areas", "service_at_locations",
                 "languages", "cost_options", "contacts", "attributes", "metadata"}
_ORG_READ = {"id", "name", "description", "email", "website", "phones", "organization_identifiers",
             "attributes", "contacts", "parent_organization_id", "metadata"}
_LOCATION_READ = {"id", "location_type", "name", "addresses", "latitude", "longitude",
                  "accessibility", "transportation", "external_identifier",
                  "external_identifier_type", "attributes", "schedules", "phones", "contacts",
                  "organization_id", "url", "metadata"}


# The language codes our export writes (ISO 639), back to names; the first name of a code wins
_LANGUAGE_NAMES = {code: name.title() for name, code in reversed(list(X.LANGUAGE_CODES.items()))}


def read_source(source: Path) -> hsds_read.Read:
    return hsds_read.read(source)


def label(where: str, svc: dict) -> str:
    """How a record is named in the report: file, item, service id and name."""
    if not isinstance(svc, dict):
        return where
    name = f", {str(svc['name'])[:80]!r}" if svc.get("name") else ""
    return f"{where} (service {str(svc.get('id', 'without id'))[:60]}{name})"


def _ext(obj: dict | None) -> dict[str, str]:
    return hsds_schedules.ext(obj)


def _terms(obj: dict, taxonomy: str | None = None) -> list[dict]:
    terms = [a.get("taxonomy_term") or {} for a in obj.get("attributes") or [] if isinstance(a, dict)]
    return [t for t in terms if taxonomy is None or _taxonomy(t) == taxonomy]


def _taxonomy(term: dict) -> str:
    tax = term.get("taxonomy")
    return str(tax.get("name") if isinstance(tax, dict) else tax or "")


def _short(value: object, n: int = 70) -> str:
    text = " ".join(str(value).split())
    return f'"{text}"' if len(text) <= n else f'"{text[:n - 1].rstrip()}…"'


def _leftover(obj: dict, read: set[str], what: str) -> list[str]:
    keys = [k for k, v in obj.items() if k not in read and v not in (None, "", [], {})]
    return [f"{what} {k} {_short(obj[k]) if not isinstance(obj[k], (list, dict)) else ''}".rstrip()
            for k in keys]


class Reader:
    """Reads one service into a Record, collecting notes, fills and facts not carried."""

    def __init__(self, where: str, svc: dict, config: SiteConfig):
        self.svc, self.config = svc, config
        self.rec = Record(label(where, svc), {}, [])
        self.row = self.rec.row
        self.ext = _ext(svc)
        self.ours = bool(self.ext)  # What's On's own export says every listing field itself
        self.extensions: set[str] = set()  # numbers whose extension was reported (once each)

    def note(self, text: str) -> None:
        self.rec.notes.append(text)

    def fill(self, path: str, reason: str) -> None:
        self.rec.fills.append(Fill(path, reason))

    def drop(self, text: str) -> None:
        self.rec.not_carried.append(text)


def to_record(where: str, svc: dict, config: SiteConfig, notes: list[str] | None = None) -> Record:
    """One service -> one Record. Raises ValueError with a reason when it cannot be read."""
    if not svc.get("name"):
        raise ValueError("name: empty. An HSDS service must have a name (the activity's name); "
                         "add it in the source")
    r = Reader(where, svc, config)
    for text in notes or []:
        r.note(text)
    _organisation(r)
    _activity(r)
    _how_to_go(r)
    _cost(r)
    _phones_and_contacts(r)
    _where(r)
    sessions = hsds_schedules.read(svc, r.ours)
    r.rec.schedules = sessions.rows
    r.rec.fills += sessions.fills
    r.rec.notes += sessions.notes
    r.rec.not_carried += sessions.not_carried
    if not sessions.rows and not r.ours:
        r.fill("schedules", "the source gives no schedules: write when it happens, or "
                            "schedules: [] if people ring to arrange a time")
    if not r.ours:
        r.rec.not_carried += _leftover(svc, _SERVICE_READ, "service")
    return r.rec


def _organisation(r: Reader) -> None:
    org = r.svc.get("organization") or {}
    if not org.get("name"):
        raise ValueError("organization: the service has no organization with a name, and a "
                         "listing is an organisation's activities. Give the organization in the "
                         "service (ORUK nests it), import organization_full.json, or import the "
                         "services/ folder rather than a list of one-to-one fields")
    row = r.row
    oext = _ext(org)
    row["organisation_id"] = oext.get("organisation_id") or slug(org["name"])
    row["organisation_name"] = org["name"]
    row["organisation_description"] = org.get("description") or ""
    row["organisation_website"] = _url(r, org.get("website"), "organisation website")
    row["organisation_email"] = _email(r, org.get("email"), "organisation email")
    phones = []
    for p in org.get("phones") or []:
        number = _number(r, p, "organisation phone")
        if number:
            phones.append(number + (f" ({p['description']})" if p.get("description") else ""))
    if not r.ours:
        for contact in org.get("contacts") or []:
            for p in contact.get("phones") or []:
                number = _number(r, p, "organisation contact phone")
                role = contact.get("title") or contact.get("department")
                if number and not any(x.startswith(number) for x in phones):
                    phones.append(number + (f" ({role})" if role else ""))
            if contact.get("name"):  # a person's name: said by role only, never copied
                r.drop(f"the organisation's contact person ({role or 'no role given'}): a listing "
                       "names no contact people (their phone numbers are kept)")
    row["organisation_phones"] = "; ".join(phones)
    for ident in org.get("organization_identifiers") or []:
        scheme = (ident.get("identifier_scheme") or "").upper()
        value = str(ident.get("identifier") or "").strip()
        if scheme == "GB-CHC":
            if re.fullmatch(r"(SC|NI)?[0-9]{6,8}(-[0-9]+)?", value):
                row["charity_number"] = value
            else:
                r.drop(f'charity number "{value}": not a Charity Commission number (like 1123456, '
                       "or SC012345 in Scotland)")
        elif scheme == "GB-COH":
            if re.fullmatch(r"[0-9]{8}|[A-Z]{2}[0-9]{6}", value):
                row["company_number"] = value
            else:
                r.drop(f'company number "{value}": a Companies House number has 8 characters, '
                       "like 01234567 or SC123456; write it in organisation.company_number if you "
                       "know it")
        elif scheme or value:
            r.drop(f"organisation identifier {scheme} {value}".rstrip())
    row.update({k: v for k, v in oext.items() if k in X.ORG_EXTRA + X.PRIVATE})
    if not r.ours:
        r.rec.not_carried += _leftover(org, _ORG_READ, "organisation")


def _activity(r: Reader) -> None:
    svc, row, ext = r.svc, r.row, r.ext
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
        r.note("summary: the first sentence of the description")
    row["categories"] = "; ".join(_categories(r))
    for key, column in (("minimum_age", "min_age"), ("maximum_age", "max_age")):
        if svc.get(key) not in (None, ""):
            try:
                row[column] = str(int(float(svc[key])))
            except (TypeError, ValueError):
                r.drop(f"{key} {_short(svc[key])}: not a whole number")
    row["eligibility"] = svc.get("eligibility_description") or ""
    row["communication_support"] = svc.get("interpretation_services") or ""
    row["email"] = _email(r, svc.get("email"), "email")
    url = svc.get("url") or ""
    page_prefix = urls.absolute(r.config, "activities/")
    row["website"] = "" if url.startswith(page_prefix) else _url(r, url, "url")
    status = svc.get("status") or "active"
    row["status"] = {"active": "active", "temporarily closed": "temporarily-closed",
                     "inactive": "temporarily-closed", "defunct": "ended"}.get(status, "")
    if not row["status"]:
        r.fill("status", f'status "{status}" is not active, inactive, defunct or temporarily '
                         "closed: write active, temporarily-closed or ended")
    if status == "inactive":
        r.note("status inactive is read as temporarily-closed")
    if svc.get("alert") and not (r.ours and status == "temporarily closed"):
        r.drop(f"alert {_short(svc['alert'], 120)}: a listing has no alert; if it still holds, "
               "say it in the description (or set status: temporarily-closed)")
    row["last_checked"] = str(svc.get("assured_date") or "")[:10]
    row["checked_by"] = ext.get("checked_by") or svc.get("assurer_email") or ""
    named, unnamed = [], 0
    for lang in svc.get("languages") or []:
        code = str(lang.get("code") or "").strip().lower()
        if lang.get("name"):
            named.append(lang["name"])
        elif code in _LANGUAGE_NAMES:
            named.append(_LANGUAGE_NAMES[code])
            r.note(f"language {_LANGUAGE_NAMES[code]}: from its code {code}")
        else:
            unnamed += 1
            if code:
                r.drop(f'language code "{code}": not one this directory can name; write it in '
                       "languages if you know it")
        if lang.get("note") and not r.ours:
            r.drop(f"language note {_short(lang['note'])}")
    row["languages"] = "; ".join(named)
    if unnamed:
        r.drop(f"{unnamed} language record(s) with no name (which language is not said; write it "
               "in languages if you know it)")
    row.update({k: v for k, v in ext.items() if k in X.SERVICE_EXTRA and k != "summary"})


def _first_sentence(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s|\n", text.strip(), maxsplit=1)[0]
    return first if len(first) <= 140 else first[:137].rsplit(" ", 1)[0] + "…"


def _categories(r: Reader) -> list[str]:
    ours = [t["code"] for t in _terms(r.svc, X.CATEGORY_TAXONOMY) if t.get("code")]
    if ours:
        return ours
    found: list[str] = []
    for attr in r.svc.get("attributes") or []:
        term = attr.get("taxonomy_term") if isinstance(attr, dict) else None
        if not term:
            which = f"attribute {attr.get('id')}" if isinstance(attr, dict) and attr.get("id") else "an attribute"
            r.drop(f"{which}: it has no taxonomy term, so it says nothing a listing can hold")
            continue
        # the UK profile names a term in `term` (it removes HSDS's name and code)
        said = str(term.get("name") or term.get("term") or "")
        code, name = str(term.get("code") or ""), said.lower()
        uri = str(term.get("term_uri") or "")
        match = next((cat for cat in r.config.categories if (
            (cat.esd_service_type and cat.esd_service_type == code)
            or (cat.openactive and (cat.openactive == uri or cat.openactive.endswith("#" + code)))
            or cat.name.lower() == name or cat.id == code)), None)
        if match and match.id not in found:
            found.append(match.id)
        elif not match:
            r.drop(f'taxonomy term {_taxonomy(term)} {code} "{said}": no category '
                   "of this directory has it")
    if found:
        r.note(f"categories matched from taxonomy terms: {', '.join(found)}")
    return found


def _how_to_go(r: Reader) -> None:
    text = (r.svc.get("application_process") or "").strip()
    if "access" in r.ext:
        r.row["how_to_go"] = "" if _ACCESS_BY_TEXT.get(text) == r.ext["access"] else text
        return
    if text in _ACCESS_BY_TEXT:
        r.row["access"] = _ACCESS_BY_TEXT[text]
        return
    r.row["how_to_go"] = text
    kinds = [kind for kind, pattern in _ACCESS_WORDS if re.search(pattern, text, re.IGNORECASE)]
    if len(kinds) == 1:
        r.row["access"] = kinds[0]
        r.note(f"how_to_go.access: {kinds[0]}, from the words of application_process {_short(text)}")
        return
    said = f"application_process {_short(text, 120)}" if text else "no application_process"
    r.fill("how_to_go.access", f"the source gives {said}; a listing must say whether people "
                               "drop in, book or need a referral: write drop-in, book or referral")


def _cost(r: Reader) -> None:
    svc, row = r.svc, r.row
    options = [o for o in svc.get("cost_options") or [] if isinstance(o, dict)]
    fees = str(svc.get("fees_description") or svc.get("fees") or "").strip()
    kind = r.ext.get("cost")
    if kind is not None:  # our own export: the kind and amounts are exact
        full = [o for o in options if "concession" not in str(o.get("option", "")).lower()]
        conc = [o for o in options if "concession" in str(o.get("option", "")).lower()]
        if kind in ("fixed", "concessions", "pay-what-you-can") and full and full[0].get("amount") is not None:
            row["cost_amount"] = _amount(full[0]["amount"])
        if kind == "concessions" and conc:
            row["concession_amount"] = _amount(conc[0]["amount"])
        row["cost"] = kind
        default = _CostView(kind, row.get("cost_amount"), row.get("concession_amount")).default_text()
        # the exporter writes words.cost.cost_line: the cost, then ". " and the group's own words
        row["cost_description"] = ("" if fees == default else fees[len(default) + 2:]
                                   if fees.startswith(default + ". ") else fees)
        return
    described = []
    for o in options:
        currency = str(o.get("currency") or "GBP").upper()
        if currency != "GBP":
            r.drop(f"cost option in {currency}: a listing's prices are in pounds")
        if o.get("valid_from") or o.get("valid_to"):
            r.drop(f'cost option "{o.get("option", "")}" valid {o.get("valid_from", "…")} to '
                   f'{o.get("valid_to", "…")}: a listing\'s price has no dates')
        described.append(_option_words(o))
    general = [o for o in options if _GENERAL_OPTION.match(str(o.get("option") or ""))
               or _FREE.match(str(o.get("option") or ""))]
    concessions = [o for o in options if _CONCESSION.search(str(o.get("option") or ""))]
    priced = [o for o in options if _num(o.get("amount")) is not None]
    amounts_known = all(_num(o.get("amount")) is not None for o in options)
    if options and amounts_known and all(_num(o["amount"]) == 0 for o in options):
        row["cost"] = "free"
    elif options and amounts_known and len(general) == 1 and len(options) == 1:
        row["cost"], row["cost_amount"] = "fixed", _amount(general[0]["amount"])
    elif (options and amounts_known and len(options) == 2 and len(general) == 1
          and len(concessions) == 1):
        row.update(cost="concessions", cost_amount=_amount(general[0]["amount"]),
                   concession_amount=_amount(concessions[0]["amount"]))
    elif not options and _FREE.match(fees) and len(fees) <= 5:
        row["cost"] = "free"
    else:
        if options and len(general) < len(options):
            why = ("the source's prices are for some people only ("
                   + "; ".join(described) + "), and a listing's price is for everyone")
        elif options and not priced:
            why = "the source's cost options give no amount (" + "; ".join(described) + ")"
        elif options:
            why = "the source gives " + "; ".join(described)
        else:
            why = "the source has no cost options"
        why += f", and fees {_short(fees)}" if fees else ", and no fees description"
        r.fill("cost.kind", f"{why}: write kind (free, fixed, concessions or pay-what-you-can) "
                            "and the amounts")
    if fees and fees.lower() != "free":
        if len(fees) <= 200:
            row["cost_description"] = fees
        else:
            r.drop(f"fees {_short(fees)}: longer than a listing's cost description (200 "
                   "characters); shorten it into cost.description")
    for o in options if row.get("cost") else []:  # an option not carried keeps its words in the fill
        extra = str(o.get("amount_description") or "").strip()
        if extra and extra.lower() not in (row.get("cost_description") or "").lower():
            joined = "; ".join(p for p in (row.get("cost_description"), extra) if p)
            if len(joined) <= 200:
                row["cost_description"] = joined
            else:
                r.drop(f"cost amount_description {_short(extra)}")


def _option_words(o: dict) -> str:
    amount = _num(o.get("amount"))
    pounds = money(_dec(amount)) if amount is not None else "no amount"
    parts = [p for p in (str(o.get("option") or "").strip(), pounds,
                         str(o.get("amount_description") or "").strip()) if p]
    return ", ".join(parts)


def _num(value: object) -> float | None:
    try:
        return float(value) if value not in (None, "") else None  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _dec(value: float):
    from decimal import Decimal

    return Decimal(_amount(value))


def _amount(value: object) -> str:
    return f"{float(value):.2f}"  # type: ignore[arg-type]


class _CostView:
    """Enough of a cost to rebuild the default fees text the exporter writes."""

    def __init__(self, kind: str, amount: str | None, concession: str | None):
        from decimal import Decimal

        self.kind = kind
        self.amount = Decimal(amount) if amount else None
        self.concession = Decimal(concession) if concession else None

    def default_text(self) -> str:
        return cost_words(self.kind, self.amount, self.concession)


def _clean_number(text: object) -> str:
    return str(text or "").strip().strip('"').strip("'").strip()


def _number(r: Reader, phone: dict, what: str) -> str:
    number = _clean_number(phone.get("number"))
    if not number:
        return ""
    try:
        formats.uk_phone(number)
    except ValueError as err:
        r.drop(f"{what} {number}: {err}")
        return ""
    if phone.get("extension") not in (None, "") and number not in r.extensions:
        r.extensions.add(number)
        r.drop(f"{what} {number} extension {phone['extension']}: a listing's phone has no extension")
    return number


def _email(r: Reader, value: object, what: str) -> str:
    text = str(value or "").strip()
    if not text:
        return ""
    try:
        return formats.email(text)
    except ValueError:
        r.drop(f"{what} {_short(text)}: not an e-mail address")
        return ""


def _url(r: Reader, value: object, what: str) -> str:
    text = str(value or "").strip()
    if not text:
        return ""
    try:
        return formats.url(text)
    except ValueError:
        r.drop(f"{what} {_short(text)}: not a web address")
        return ""


def _phones_and_contacts(r: Reader) -> None:
    svc, row = r.svc, r.row
    for phone in svc.get("phones") or []:
        number = _number(r, phone, "phone")
        if not number:
            continue
        if phone.get("description") == X.ON_THE_DAY:
            row["on_the_day_phone"] = number
        elif not row.get("phone"):
            row["phone"] = number
            if phone.get("description") and not r.ours:
                r.drop(f"phone {number} description {_short(phone['description'])}: a listing's "
                       "phone has no description")
        else:
            r.drop(f"phone {number}: a listing has one phone (and one for on the day)")
    if r.ours:
        return
    contacts = list(svc.get("contacts") or [])
    for sal in svc.get("service_at_locations") or []:
        contacts += sal.get("contacts") or []
        for phone in sal.get("phones") or []:
            number = _number(r, phone, "service-at-location phone")
            if number and not row.get("phone"):
                row["phone"] = number
                r.note(f"phone {number}: from the service at its location")
    seen = set()
    for contact in contacts:
        if contact.get("id") in seen:
            continue
        seen.add(contact.get("id"))
        role = contact.get("title") or contact.get("department") or "a contact"
        for phone in contact.get("phones") or []:
            number = _number(r, phone, f"contact phone ({role})")
            if number and not row.get("phone"):
                row["phone"] = number
                r.note(f"phone {number}: the service's contact ({role})")
        email = _email(r, contact.get("email"), "contact email")
        if email and not row.get("email"):
            row["email"] = email
            r.note(f"email {email}: the service's contact ({role})")
        if contact.get("name"):  # a person's name: said by role only, never copied
            r.drop(f"the service's contact person ({role}): a listing names no contact people "
                   "(their number and e-mail are kept)")


def _where(r: Reader) -> None:
    svc, row, ext = r.svc, r.row, r.ext
    sals = [s for s in svc.get("service_at_locations") or [] if isinstance(s, dict)]
    physical = [s.get("location") for s in sals if (s.get("location") or {}).get("location_type", "physical") == "physical"
                and s.get("location")]
    virtual = [s for s in sals if (s.get("location") or {}).get("location_type") == "virtual"]
    linkless = [s for s in sals if not s.get("location")]
    for s in linkless:
        r.drop(f"service_at_location {s.get('id', '')}: it names no location (only an id), so "
               "there is no place to carry")
    areas = []
    for sa in svc.get("service_areas") or []:
        codes = [t.get("code") for t in _terms(sa, "whats-on-area")]
        by_name = [a.id for a in r.config.areas if a.name.lower() == str(sa.get("name", "")).lower()]
        found = [c for c in codes if c] or by_name
        areas += found
        if not found:
            r.drop(f"service area {_short(sa.get('name') or sa.get('description') or sa.get('id'))}: "
                   "not one of this directory's areas")
    row["areas_served"] = "; ".join(areas)
    if physical:
        if len(physical) > 1:
            r.drop(f"{len(physical) - 1} more location(s): "
                   + "; ".join(_short(loc.get("name") or loc.get("id")) for loc in physical[1:])
                   + ": a listing's activity has one venue (make one activity per place)")
        _venue(r, physical[0])
    if "online" not in ext and virtual:
        row["online"] = "yes"
    if not physical and not virtual and not any(ext.get(k) == "yes" for k in
                                                ("online", "by_phone", "home_visits")):
        r.fill("where", "the source gives no location: write where.venue (or online, by_phone or "
                        "home_visits: true)")


def _venue(r: Reader, loc: dict) -> None:
    row = r.row
    lext = _ext(loc)
    if loc.get("external_identifier_type") == X.VENUE_ID_TYPE:
        row["venue"] = loc.get("external_identifier", "")
    elif loc.get("external_identifier"):
        r.drop(f"location {loc.get('external_identifier_type') or 'identifier'} "
               f"{loc['external_identifier']}")
    address = (loc.get("addresses") or [{}])[0]
    if len(loc.get("addresses") or []) > 1:
        r.drop(f"{len(loc['addresses']) - 1} more address(es) of the location")
    street = ", ".join(str(address[k]) for k in ("address_1", "address_2") if address.get(k))
    city = str(address.get("city") or "")
    name = loc.get("name") or street
    row["venue_name"] = name
    row["venue_address"] = street if not city or city in street else f"{street}, {city}"
    if not row["venue_address"]:
        r.fill("where.venue.address", "the location has no address: write the street and town")
    if not name:
        r.fill("where.venue.name", "the location has no name or address: write the venue's name")
    postcode = str(address.get("postal_code") or "").strip()
    country = str(address.get("country") or "").upper()
    try:
        row["venue_postcode"] = formats.postcode(postcode) if postcode else ""
    except ValueError:
        row["venue_postcode"] = ""
    if not row["venue_postcode"]:
        said = f'the postal code "{postcode}" is not a UK postcode' if postcode else "there is no postal code"
        if country and country not in ("GB", "UK"):
            said += f" (the address is in {country})"
        r.fill("where.venue.postcode", f"{said}: write the venue's postcode, like L17 7AA")
    lat, lon = _num(loc.get("latitude")), _num(loc.get("longitude"))
    if lat is not None and lon is not None:
        if 49.0 <= lat <= 61.0 and -8.7 <= lon <= 2.0:
            row["venue_latitude"], row["venue_longitude"] = repr(lat), repr(lon)
        else:
            r.drop(f"latitude {loc['latitude']}, longitude {loc['longitude']}: not in the UK "
                   "(the venue is placed from its postcode instead)")
    _accessibility(r, loc)
    row.update({k: v for k, v in lext.items() if k in X.LOCATION_EXTRA})
    if "venue_area" not in lext:
        area = _named_area(address, r.config)
        if area:
            row["venue_area"] = area
            r.note(f"where.venue.area: {area}, named in the address")
        if loc.get("transportation"):
            row["transport_notes"] = loc["transportation"]
    if not r.ours:
        r.rec.not_carried += _leftover(loc, _LOCATION_READ, "location")
        r.rec.not_carried += _leftover(address, {"id", "location_id", "address_1", "address_2", "city",
                                                 "postal_code", "country", "state_province",
                                                 "region", "address_type", "attention"}, "address")
        if address.get("attention"):
            r.drop("the address's attention line (a person's name, not copied)")


def _accessibility(r: Reader, loc: dict) -> None:
    row = r.row
    notes: list[str] = []
    for record in loc.get("accessibility") or []:
        if not isinstance(record, dict):
            continue
        text = str(record.get("description") or record.get("accessibility") or "").strip()
        details = str(record.get("details") or "").strip()
        name = _ACCESSIBILITY.get(text)
        if name:  # our own export's labels: exact
            row[name] = details
            continue
        if text == X.ACCESS_NOTES:
            notes.append(details)
            continue
        found = []
        for sentence in re.split(r"(?<=[.;!?])\s+", f"{text} {details}".strip()):
            for pattern, need in _NEEDS:
                if re.search(pattern, sentence, re.IGNORECASE) and need not in found:
                    negated = re.search(r"\b(no|not|without|isn't|is not|there is no)\b", sentence,
                                        re.IGNORECASE)
                    row[need] = "no" if negated else "yes"
                    found.append(need)
        if found:
            r.note("venue " + ", ".join(f"{n}: {row[n]}" for n in found) + " read from the words "
                   + _short(text, 120) + " (the words are kept in accessibility_notes)")
        notes += [p for p in (text, details) if p]
        if record.get("url"):
            r.drop(f"accessibility url {record['url']}")
    if notes:
        row["accessibility_notes"] = " ".join(dict.fromkeys(notes))


def _named_area(address: dict, config: SiteConfig) -> str | None:
    """An area of the directory named in the address itself (a fact, not a guess)."""
    text = " ".join(str(address.get(k) or "") for k in ("address_1", "address_2", "city")).lower()
    named = [a.id for a in config.areas if re.search(rf"\b{re.escape(a.name.lower())}\b", text)]
    return named[0] if len(named) == 1 else None


def records(found: list[hsds_read.Found], config: SiteConfig) -> Iterator[Record | tuple[str, str]]:
    """Each found service as a Record, or (label, reason) when it cannot be read at all."""
    for f in found:
        try:
            yield to_record(f.where, f.service, config, f.notes)
        except ValueError as err:
            yield (label(f.where, f.service), str(err))
        except (TypeError, AttributeError, KeyError, IndexError, RecursionError):
            # A value of a kind HSDS never gives (a number for a name, text for a list): say
            # which, from the standard's own schema, rather than show a traceback.
            yield (label(f.where, f.service), wrong_kinds(f.service))


_KINDS = {"string": "text", "array": "a list", "object": "a group of fields", "number": "a number",
          "integer": "a whole number", "boolean": "true or false", "null": "nothing"}


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    return {str: "text", list: "a list", dict: "a group of fields", int: "a number",
            float: "a number"}.get(type(value), "nothing")


_TYPES = {"string": (str,), "array": (list,), "object": (dict,), "number": (int, float),
          "integer": (int,), "boolean": (bool,)}


def _kind_problems(value: object, schema: dict, where: str, found: list[str]) -> None:
    """Walk a value beside its HSDS schema (type, properties, items); note each wrong kind."""
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds] if kinds else []
    if value is None or not kinds:
        return
    ok = any(isinstance(value, _TYPES.get(k, ())) and not (isinstance(value, bool) and k in
                                                           ("number", "integer")) for k in kinds)
    if not ok:
        found.append(f"{where or 'the record'}: {_short(value, 40)} is {_kind(value)}, but HSDS "
                     "gives " + " or ".join(_KINDS.get(k, k) for k in kinds if k != "null"))
        return
    if isinstance(value, dict):
        for key, sub in (schema.get("properties") or {}).items():
            if key in value:
                _kind_problems(value[key], sub, f"{where}.{key}" if where else key, found)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(value):
            _kind_problems(item, schema["items"], f"{where}[{i}]", found)


def wrong_kinds(svc: object) -> str:
    """Why a service cannot be read: the fields whose values are not of the kind HSDS 3.0 says."""
    schema = json.loads((Path(__file__).parent / "standard" / "hsds-3.0-service.json").read_text("utf-8"))
    found: list[str] = []
    _kind_problems(svc, {**schema, "type": "object"}, "", found)
    if not found:
        return ("this record has a value of a kind it cannot be read with (such as text where a "
                "list belongs); check it against the HSDS 3.0 service schema")
    more = f" (and {len(found) - 5} more)" if len(found) > 5 else ""
    return "; ".join(found[:5]) + more + ". Fix it in the source and import it again"
