"""One activity -> one HSDS 3.0 / Open Referral UK service, fully nested as the ORUK
``/services/{id}`` endpoint returns it.

Standard fields carry everything the standard can say. What it cannot say (a listing's own ids,
capacity, first-visit notes, bank-holiday and term-time rules, how to go, checked by, …) is kept
as ``attributes`` whose taxonomy term comes from the ``whats-on`` taxonomy: the term's ``code``
is the column name of the spreadsheet layout (``generator.opendata.columns``) and ``value`` its
text. Import reads those back, so export then import gives the same listings.
"""

from __future__ import annotations

import re
from decimal import Decimal

from generator import urls
from generator.config import Category
from generator.directory import Directory, Entry
from generator.model import Access, CostKind, Frequency, Schedule, Status
from generator.opendata import columns as C
from generator.opendata import ids
from generator.opendata.uk_nation import nation
from generator.schedule import rule
from generator.words import say, status
from generator.words import transport as transport_words
from generator.words.cost import cost_line
from generator.words.dates import describe
from generator.words.people import ACCESS_WORDS

WHATS_ON = "whats-on"
CATEGORY_TAXONOMY = "whats-on-category"
ESD_TAXONOMY = "esdServiceTypes"
OPENACTIVE_TAXONOMY = "openactive"
VENUE_ID_TYPE = "whats-on-venue"
ON_THE_DAY = "On the day"

STATUS = {Status.active: "active", Status.temporarily_closed: "temporarily closed",
          Status.ended: "defunct"}
# application_process when a listing says no more than its access (import reads it back exactly)
ACCESS_TEXT = {access: say("{words}.", words=say(ACCESS_WORDS[access])) for access in Access}
LANGUAGE_CODES = {"english": "en", "welsh": "cy", "polish": "pl", "arabic": "ar", "urdu": "ur",
                  "bengali": "bn", "somali": "so", "cantonese": "yue", "mandarin": "zh",
                  "punjabi": "pa", "french": "fr", "spanish": "es", "portuguese": "pt",
                  "romanian": "ro", "farsi": "fa", "kurdish": "ku", "tigrinya": "ti",
                  "british sign language": "bfi", "bsl": "bfi", "gujarati": "gu", "hindi": "hi"}
ACCESSIBILITY = [  # (venue field, what the record says)
    ("step_free", "Step-free access to the room used"),
    ("accessible_toilet", "Accessible toilet"),
    ("hearing_loop", "Hearing loop"),
    ("parking", "Parking"),
]
ACCESS_NOTES = "Access notes"

# Columns with no home in the standard: kept as whats-on attributes (per scope).
ORG_EXTRA = ["organisation_id", "safeguarding_policy", "insurance", "dbs_checked",
             "complex_referrals", "governance_notes"]
PRIVATE = ["maintainers"]  # only with include_private: people's e-mails for reminders
SERVICE_EXTRA = ["activity_id", "summary", "audience_groups", "not_just_older_people", "cost",
                 "access", "referral_from", "capacity", "bring_a_friend", "someone_meets_you",
                 "refreshments", "first_visit_notes", "easy_read", "online", "by_phone", "home_visits",
                 "where_details", "checked_by"]
LOCATION_EXTRA = ["venue_area", "non_clinical", "nearest_stop", "buses", "transport_notes"]
SCHEDULE_EXTRA = ["not_on_bank_holidays", "term_time_only"]
# Facts whose HSDS field the Open Referral UK profile removes (application_process,
# eligibility_description, interpretation_services, phones, language names): also kept as
# whats-on attributes, the place the profile keeps, so an ORUK reader still has them. Import
# reads the HSDS fields; these copies are passed over.
PROFILE_COPIES = ["how_to_go", "eligibility", "communication_support", "languages", "phone",
                  "on_the_day_phone"]
ORG_PROFILE_COPIES = ["organisation_phones"]
SESSION = "session"  # attribute: which session (schedule) of the listing a row belongs to


# ---------------------------------------------------------------------------------------------
# Small builders


def _term(taxonomy: str, code: str, name: str, description: str, uri: str | None = None) -> dict:
    # `name` for HSDS, `term` for the UK profile (which names a term there)
    term = {"id": ids.uid("term", taxonomy, code), "code": code, "name": name, "term": name,
            "description": description, "taxonomy": taxonomy,
            "taxonomy_id": ids.uid("taxonomy", taxonomy)}
    if uri:
        term["term_uri"] = uri
    return term


def _attribute(link_id: str, entity: str, link_type: str, term: dict, value: str | None,
               n: int = 0) -> dict:
    out = {"id": ids.uid("attribute", link_id, term["id"], n), "link_id": link_id,
           "link_type": link_type, "link_entity": entity, "taxonomy_term_id": term["id"],
           "taxonomy_term": term}
    if value is not None:
        out["value"] = value
    return out


_FALSE_BY_DEFAULT = {"not_on_bank_holidays", "term_time_only", "online", "by_phone", "home_visits"}


def extension_attributes(link_id: str, entity: str, flat: dict[str, str], names: list[str]) -> list[dict]:
    out = []
    for name in names:
        value = flat.get(name, "")
        if value == "" or (value == "no" and name in _FALSE_BY_DEFAULT):
            continue
        column = C.BY_NAME[name]
        where = f"{column.scope}.{column.path}" if column.path else "the listing file's name"
        term = _term(WHATS_ON, name, name.replace("_", " ").capitalize(),
                     f"What's On listing field: {where}")
        out.append(_attribute(link_id, entity, "extension", term, value))
    return out


def _phone(number: str, description: str | None, owner: str, key: str, **links: str) -> dict:
    out = {"id": ids.uid("phone", owner, key), **links, "number": number, "type": "voice"}
    if description:
        out["description"] = description
    return out


# ---------------------------------------------------------------------------------------------
# Organisation


def organization(org_id: str, org, include_private: bool = False) -> dict:
    oid = ids.organization(org_id)
    flat = {"organisation_id": org_id, **C.flatten(org, C.ORGANISATION)}
    out: dict = {"id": oid, "name": org.name, "description": org.description or ""}
    if org.email:
        out["email"] = org.email
    if org.website:
        out["website"] = org.website
    out["phones"] = [_phone(p.number, p.description, oid, str(i), organization_id=oid)
                     for i, p in enumerate(org.phones)]
    idents = []
    if org.charity_number:
        idents.append({"id": ids.uid("identifier", oid, "GB-CHC"), "organization_id": oid,
                       "identifier_scheme": "GB-CHC", "identifier_type": "Charity number",
                       "identifier": org.charity_number})
    if org.company_number:
        idents.append({"id": ids.uid("identifier", oid, "GB-COH"), "organization_id": oid,
                       "identifier_scheme": "GB-COH", "identifier_type": "Company number",
                       "identifier": org.company_number})
    out["organization_identifiers"] = idents
    out["attributes"] = extension_attributes(
        oid, "organization", flat, ORG_EXTRA + (PRIVATE if include_private else []) + ORG_PROFILE_COPIES)
    return out


# ---------------------------------------------------------------------------------------------
# Service


def service(directory: Directory, entry: Entry, org_id: str, include_private: bool = False) -> dict:
    a = entry.activity
    sid = ids.service(a.id)
    oid = ids.organization(org_id)
    flat = C.flatten(a, C.ACTIVITY)
    page = urls.absolute(directory.config, urls.activity(a.id))
    out: dict = {
        "id": sid,
        "organization_id": oid,
        "name": a.name,
        "description": a.summary + (f"\n\n{a.description}" if a.description else ""),
        "url": a.website or page,
        "status": STATUS[a.status],
        "application_process": a.how_to_go.how or ACCESS_TEXT[a.how_to_go.access],
        "fees_description": cost_line(entry),
        "fees": cost_line(entry),  # the UK profile keeps the older `fees` instead
        "assured_date": a.last_checked.isoformat(),
    }
    if a.email:
        out["email"] = a.email
    if a.communication_support:
        out["interpretation_services"] = a.communication_support
    aud = a.audience
    if aud and aud.eligibility:
        out["eligibility_description"] = aud.eligibility
    if aud and aud.min_age is not None:
        out["minimum_age"] = aud.min_age
    if aud and aud.max_age is not None:
        out["maximum_age"] = aud.max_age
    if "@" in a.checked_by and " " not in a.checked_by:
        out["assurer_email"] = a.checked_by
    if a.status is Status.temporarily_closed:
        out["alert"] = status.closed_warning(entry)
    out["organization"] = organization(org_id, entry.organisation, include_private)
    phones = []
    if a.phone:
        phones.append(_phone(a.phone, None, sid, "phone", service_id=sid))
    if a.on_the_day_phone:
        phones.append(_phone(a.on_the_day_phone, ON_THE_DAY, sid, "on-the-day", service_id=sid))
    out["phones"] = phones
    how = attending(a.where)
    out["schedules"] = [row for i, s in enumerate(a.schedules)
                        for row in schedule_rows(s, sid, i, how, page)]
    out["service_areas"] = [
        {"id": ids.uid("service-area", sid, area_id), "service_id": sid,
         "name": directory.config.area_by_id[area_id].name, "extent_type": "area",
         "attributes": [_attribute(ids.uid("service-area", sid, area_id), "service_area",
                                   "area", _term("whats-on-area", area_id,
                                                 directory.config.area_by_id[area_id].name,
                                                 "An area of the directory"), None)]}
        for area_id in a.where.areas if area_id in directory.config.area_by_id
    ]
    out["service_at_locations"] = service_at_locations(directory, entry, sid, oid, page)
    out["languages"] = [
        {"id": ids.uid("language", sid, i), "service_id": sid, "name": name,
         **({"code": LANGUAGE_CODES[name.lower()]} if name.lower() in LANGUAGE_CODES else {}),
         "url": page}
        for i, name in enumerate(a.languages)
    ]
    out["cost_options"] = [{**o, "url": page} for o in cost_options(entry, sid)]
    out["contacts"] = [{**c, "url": page} for c in contacts(entry, sid)]
    out["attributes"] = (category_attributes(directory, a.categories, sid)
                         + extension_attributes(sid, "service", flat, SERVICE_EXTRA + PROFILE_COPIES))
    return out


def contacts(entry: Entry, sid: str) -> list[dict]:
    """The activity's e-mail and phone as a contact too: the UK profile has no service phones, so
    ORUK readers find numbers under contacts. Named after the organisation, never a person."""
    a = entry.activity
    if not (a.email or a.phone):
        return []
    cid = ids.uid("contact", sid)
    out: dict = {"id": cid, "service_id": sid, "name": entry.organisation.name}
    if a.email:
        out["email"] = a.email
    if a.phone:
        out["phones"] = [_phone(a.phone, None, cid, "phone", contact_id=cid)]
    return [out]


def category_attributes(directory: Directory, category_ids: list[str], sid: str) -> list[dict]:
    by_id = directory.config.category_by_id
    out, seen = [], set()
    for cid in category_ids:
        cat: Category | None = by_id.get(cid)
        if cat is None:
            continue
        description = cat.description or cat.name
        out.append(_attribute(sid, "service", "category",
                              _term(CATEGORY_TAXONOMY, cat.id, cat.name, description), None))
        if cat.esd_service_type and ("esd", cat.esd_service_type) not in seen:
            seen.add(("esd", cat.esd_service_type))
            out.append(_attribute(sid, "service", "category", _term(
                ESD_TAXONOMY, cat.esd_service_type, cat.name, description), None))
        if cat.openactive and ("oa", cat.openactive) not in seen:
            seen.add(("oa", cat.openactive))
            code = cat.openactive.rsplit("#", 1)[-1]
            out.append(_attribute(sid, "service", "category", _term(
                OPENACTIVE_TAXONOMY, code, cat.name, description, cat.openactive), None))
    return out


def cost_options(entry: Entry, sid: str) -> list[dict]:
    c = entry.activity.cost

    def row(key: str, option: str, amount: Decimal | None, text: str | None = None) -> dict:
        out = {"id": ids.uid("cost", sid, key), "service_id": sid, "option": option,
               "currency": "GBP"}
        if amount is not None:
            out["amount"] = float(amount)
        if text:
            out["amount_description"] = text
        return out

    if c.kind is CostKind.free:
        return [row("free", "Free", Decimal(0))]
    if c.kind is CostKind.fixed:
        return [row("full", "Standard", c.amount)]
    if c.kind is CostKind.concessions:
        return [row("full", "Standard", c.amount), row("concession", "Concessions", c.concession_amount)]
    return [row("pwyc", "Pay what you can", c.amount, "Pay what you can" +
                (": this is the suggested amount" if c.amount is not None else ""))]


# ---------------------------------------------------------------------------------------------
# Schedules


def attending(where) -> str:
    ways = [w for w, on in (("in person", where.venue is not None), ("online", where.online),
                            ("by phone", where.by_phone), ("at home", where.home_visits)) if on]
    text = " or ".join(ways)
    return text[0].upper() + text[1:]


def schedule_rows(s: Schedule, sid: str, index: int, attending_type: str | None = None,
                  page: str | None = None) -> list[dict]:
    """One HSDS row per schedule; one-off dates give one row per date. ``page``: the activity's
    page, the `url` the UK profile requires of every schedule."""
    flat = C.flatten(s, C.SCHEDULE)
    base: dict = {"service_id": sid, "opens_at": s.start, "closes_at": s.end,
                  "description": describe(s)}
    if page:
        base["url"] = page
    if attending_type:
        base["attending_type"] = attending_type
    if s.valid_from:
        base["valid_from"] = s.valid_from.isoformat()
    if s.valid_to:
        base["valid_to"] = s.valid_to.isoformat()
        base["until"] = s.valid_to.isoformat()
    if s.notes:
        base["notes"] = s.notes
    rows = []
    if s.frequency is Frequency.once:
        for d in s.dates:
            rows.append({"id": ids.uid("schedule", sid, index, d.isoformat()), **base,
                         "dtstart": d.isoformat()})
    else:
        r = rule(s)
        row = {"id": ids.uid("schedule", sid, index), **base, "freq": r.freq}
        if r.interval != 1:
            row["interval"] = r.interval
            row["wkst"] = "MO"
        if r.byday:
            row["byday"] = ",".join(r.byday)
        if r.bymonthday:
            row["bymonthday"] = str(r.bymonthday)
        start = s.start_date if s.frequency is Frequency.fortnightly else r.dtstart
        if start:
            row["dtstart"] = start.isoformat()
        rows.append(row)
    for row in rows:
        attrs = extension_attributes(row["id"], "schedule", flat, SCHEDULE_EXTRA)
        attrs.append(_attribute(row["id"], "schedule", "extension",
                                _term(WHATS_ON, SESSION, "Session",
                                      "Which session of the listing this row belongs to (rows of "
                                      "one-off dates share one)."), str(index + 1)))
        row["attributes"] = attrs
    return rows


# ---------------------------------------------------------------------------------------------
# Where


def service_at_locations(directory: Directory, entry: Entry, sid: str, oid: str,
                         page: str) -> list[dict]:
    """Where the activity runs. Every location has a `url` (the UK profile requires one): the
    activity's page for a venue, the activity's own website or page when online."""
    out = []
    if entry.venue:
        loc = {**location(directory, entry, oid), "url": page}
        out.append({"id": ids.uid("sal", sid, loc["id"]), "service_id": sid,
                    "location_id": loc["id"], "location": loc})
    if entry.activity.where.online:
        lid = ids.location(f"{entry.id}-online")
        loc = {"id": lid, "location_type": "virtual", "name": "Online",
               "description": entry.activity.where.details or "Online",
               "url": entry.activity.website or page}
        out.append({"id": ids.uid("sal", sid, lid), "service_id": sid, "location_id": lid,
                    "location": loc})
    return out


def location(directory: Directory, entry: Entry, oid: str) -> dict:
    v = entry.venue
    lid = ids.location(entry.venue_key)
    shared = isinstance(entry.activity.where.venue, str)
    flat = C.flatten(v, C.VENUE)
    street, city = _split_address(v.address)
    out: dict = {"id": lid, "location_type": "physical", "name": v.name}
    if shared:
        out["external_identifier"] = entry.venue_key
        out["external_identifier_type"] = VENUE_ID_TYPE
    if v.latitude is not None:
        out["latitude"] = v.latitude
        out["longitude"] = v.longitude
    transport = transport_words.summary(directory.getting_there(entry), v)
    if transport:
        out["transportation"] = transport
    out["addresses"] = [{"id": ids.uid("address", lid), "location_id": lid, "address_1": street,
                         "city": city, "state_province": nation(v.postcode, directory.config.site.bank_holidays),
                         "postal_code": v.postcode,
                         "country": "GB", "address_type": "physical"}]
    access = []
    for field, label in ACCESSIBILITY:
        value = getattr(v, field)
        if value is not None:
            access.append({"id": ids.uid("accessibility", lid, field), "location_id": lid,
                           "description": label, "details": "yes" if value else "no"})
    if v.accessibility_notes:
        access.append({"id": ids.uid("accessibility", lid, "notes"), "location_id": lid,
                       "description": ACCESS_NOTES, "details": v.accessibility_notes})
    out["accessibility"] = access
    out["attributes"] = extension_attributes(lid, "location", flat, LOCATION_EXTRA)
    return out


def _split_address(address: str) -> tuple[str, str]:
    """'12 Example Road, Aigburth, Liverpool' -> ('12 Example Road, Aigburth', 'Liverpool')."""
    parts = [p.strip() for p in re.split(r",\s*", address) if p.strip()]
    if len(parts) < 2:
        return address, address
    return ", ".join(parts[:-1]), parts[-1]
