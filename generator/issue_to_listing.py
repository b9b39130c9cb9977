"""Turn a submitted GitHub issue form into a listing file (new) or an edit of one (update, stopped).

GitHub renders an issue form as Markdown: one ``### Label`` heading per field, then the answer,
or ``_No response_`` when it was left blank. This module reads that text back, maps the
everyday answers ("Every week", "Just turn up") to the listing format, and writes YAML.
Existing files are edited with ruamel.yaml's round-trip mode, so comments and layout survive and
the pull request shows only the lines that changed.

Files are named, found and merged by ``generator/listing_store.py`` (the one ``slug``; ``merge_file``
for a listing sent from the web form, the same merge as ``python -m generator merge``; ``dump(data,
original=text)`` so a changed document differs from the file only in the lines that changed).

Nothing here checks the result against the model: the workflow runs ``validate`` next, and its
plain-English problems go back to the issue.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from generator import listing_store as store
from generator.config import SiteConfig

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/listing.schema.json\n"
NO_RESPONSE = "_No response_"

# Issue form labels (the ``label:`` of each field in .github/ISSUE_TEMPLATE/*.yml) -> our key.
# tests/test_issue_to_listing.py checks these against the templates.
LABELS = {
    "Your group or organisation": "organisation",
    "Name of the activity": "activity",
    "One line about it": "summary",
    "More about it": "description",
    "What kind of activity is it?": "categories",
    "How often does it happen?": "frequency",
    "Which day or days?": "days",
    "Which week of the month? (monthly only)": "weeks",
    "Date": "dates",
    "Start time": "start",
    "End time": "end",
    "Where is it?": "venue",
    "Which area is the venue in?": "area",
    "Not at a venue?": "elsewhere",
    "What does it cost?": "cost",
    "Price in pounds": "price",
    "Lower price in pounds": "concession_price",
    "How do people join?": "access",
    "Can new people join?": "capacity",
    "Phone number": "phone",
    "Number to ring on the day": "on_the_day_phone",
    "E-mail address": "email",
    "Website": "website",
    "What to expect the first time": "first_visit",
    "Your name": "checked_by",
    "Your e-mail, for a reminder to re-check the listing": "contact_email",
    "Listing file from the web form": "listing_yaml",
    "Which activity?": "activity_id",
    "Still correct?": "still_correct",
    "Anything else to change": "other_changes",
    "When was the last session? (if you know)": "last_date",
    "Anything people should know": "notes",
}

FREQUENCIES = {
    "every week": "weekly",
    "every two weeks": "fortnightly",
    "once a month": "monthly",
    "on one date only": "once",
    "no fixed times (ring to arrange)": None,
}
COSTS = {
    "free": "free",
    "a fixed price": "fixed",
    "a lower price for some people (concessions)": "concessions",
    "pay what you can": "pay-what-you-can",
}
ACCESS = {"just turn up": "drop-in", "book first": "book", "needs a referral": "referral"}
CAPACITY = {
    "yes, new people welcome": "open",
    "there is a waiting list": "waiting-list",
    "full at the moment": "full",
}
ELSEWHERE = {"online": "online", "by phone": "by_phone", "home visits": "home_visits"}
KINDS = ("new", "update", "stopped")


class IssueProblem(Exception):
    """The issue cannot be turned into a listing; the message is for the person who sent it."""


@dataclass
class Result:
    path: Path
    text: str
    notes: list[str] = field(default_factory=list)  # things a maintainer must do by hand


# ---------------------------------------------------------------------------------------------
# Reading the issue body


def parse_body(body: str) -> dict[str, object]:
    """``### Label`` sections -> {key: answer}. Blank answers are left out.

    Checkbox answers become the list of ticked labels; a ```yaml block becomes its content.
    """
    answers: dict[str, object] = {}
    body = body.replace("\r\n", "\n")
    parts = re.split(r"^### (.+?)[ \t]*$", body, flags=re.MULTILINE)
    for label, text in zip(parts[1::2], parts[2::2], strict=True):
        key = LABELS.get(label.strip())
        if key is None:
            continue
        value = text.strip("\n").strip()
        if not value or value == NO_RESPONSE:
            continue
        fenced = re.fullmatch(r"```[a-zA-Z]*\n(.*?)\n?```", value, flags=re.DOTALL)
        if fenced:
            value = fenced.group(1).strip("\n")
            if not value.strip():
                continue
            answers[key] = value + "\n"
            continue
        ticks = re.findall(r"^- \[([ xX])\] (.+)$", value, flags=re.MULTILINE)
        if ticks:
            ticked = [label for mark, label in ticks if mark in "xX"]
            if ticked:
                answers[key] = ticked
            continue
        answers[key] = value
    return answers


def activity_id_from(text: str) -> str:
    """'https://…/activities/tuesday-walk/' or 'tuesday-walk' -> 'tuesday-walk'."""
    text = text.strip()
    match = re.search(r"activities/([a-z0-9-]+)", text)
    if match:
        return match.group(1)
    match = re.search(r"[?&]activity=([a-z0-9-]+)", text)
    if match:
        return match.group(1)
    candidate = text.strip("/ ").lower()
    if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", candidate):
        return candidate
    raise IssueProblem(
        f'"{text}" does not look like an activity. Give the web address of its page, like '
        "https://whats-on.example.org/activities/tuesday-walk/, or its id, like tuesday-walk."
    )


def slug(text: str) -> str:
    return store.slug(text) or "listing"


def parse_date(text: str) -> dt.date:
    text = text.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year + 2000 if year < 100 else year, month, day)
        except ValueError:
            pass
    raise IssueProblem(f'"{text}" is not a date. Write it like 05/12/2026.')


def _money(text: str) -> object:
    cleaned = text.strip().lstrip("£").strip()
    if re.fullmatch(r"\d+(\.\d{1,2})?", cleaned):
        return float(cleaned) if "." in cleaned else int(cleaned)
    raise IssueProblem(f'"{text}" is not a price. Write it in pounds, like 3.50.')


def _list(value: object) -> list[str]:
    if isinstance(value, list):
        return value
    return [part.strip() for part in str(value).split(",") if part.strip()]


def _choose(table: dict[str, str | None], value: object, what: str) -> str | None:
    key = str(value).strip().lower()
    if key not in table:
        raise IssueProblem(f'"{value}" is not one of the answers for {what}.')
    return table[key]


def _categories(value: object, config: SiteConfig) -> list[str]:
    """GitHub joins a multiple dropdown with ", ", and some names contain commas."""
    text = ", ".join(value) if isinstance(value, list) else str(value)
    names = sorted(((c.name, c.id) for c in config.categories), key=lambda n: -len(n[0]))
    found: list[str] = []
    rest = text.strip()
    while rest:
        for name, cid in names:
            if rest.lower().startswith(name.lower()):
                found.append(cid)
                rest = rest[len(name):].lstrip(", ").strip()
                break
        else:
            word = rest.split(",")[0].strip()
            raise IssueProblem(f'"{word}" is not one of the directory\'s categories.')
    return found


# ---------------------------------------------------------------------------------------------
# Answers -> listing parts


def _schedule(a: dict[str, object], base: dict | None = None) -> list[dict] | None:
    """The schedule the answers describe; None when none of its questions was answered."""
    asked = ("frequency", "days", "weeks", "dates", "start", "end")
    if not any(k in a for k in asked):
        return None
    s: dict[str, object] = dict(base or {})
    if "frequency" in a:
        freq = _choose(FREQUENCIES, a["frequency"], "how often it happens")
        if freq is None:
            return []
        if freq != s.get("frequency"):
            for k in ("days", "weeks", "day_of_month", "dates", "start_date"):
                s.pop(k, None)
        s["frequency"] = freq
    if "days" in a:
        s["days"] = [d.lower() for d in _list(a["days"])]
    if "weeks" in a:
        s["weeks"] = [w.lower() for w in _list(a["weeks"])]
    if "dates" in a:
        dates = [parse_date(d) for d in _list(a["dates"])]
        if s.get("frequency") == "once":
            s["dates"] = dates
        elif dates:
            s["start_date"] = dates[0]
    for k in ("start", "end"):
        if k in a:
            s[k] = str(a[k]).strip()
    order = ("frequency", "days", "weeks", "day_of_month", "dates", "start_date", "start", "end")
    ordered = {k: s[k] for k in order if k in s}
    ordered.update({k: v for k, v in s.items() if k not in ordered})
    return [ordered]


def _venue(text: str, area_name: object, config: SiteConfig, venues: dict[str, dict]) -> object:
    """A known venue's id, or a venue written in full from 'Name, address, POSTCODE'."""
    wanted = text.strip().lower()
    for vid, venue in venues.items():
        if wanted in (vid, str(venue.get("name", "")).lower()):
            return vid
    postcode = re.search(r"\b([A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2})\b\s*$", text.strip())
    if not postcode:
        raise IssueProblem(
            f'"{text}" is not a venue on our list. Give the venue\'s name as it appears in the '
            "directory, or its name and full address ending with the postcode."
        )
    before = text.strip()[: postcode.start()].strip().rstrip(",").strip()
    name, _, address = before.partition(",")
    venue: dict[str, object] = {"name": name.strip(), "address": address.strip() or name.strip(),
                                "postcode": postcode.group(1).upper()}
    if area_name:
        for area in config.areas:
            if area.name.lower() == str(area_name).strip().lower():
                venue["area"] = area.id
    return venue


def _text(value: object) -> object:
    """Several lines are written as a YAML block (|), one line as plain text."""
    text = str(value).strip().replace("\r\n", "\n")
    return LiteralScalarString(text + "\n") if "\n" in text else text


def _contact_fields(a: dict[str, object], act: dict) -> None:
    for key in ("phone", "on_the_day_phone", "email", "website"):
        if key in a:
            act[key] = str(a[key]).strip()


def _cost(a: dict[str, object], old: dict | None = None) -> dict | None:
    if not any(k in a for k in ("cost", "price", "concession_price")):
        return None
    cost = dict(old or {})
    if "cost" in a:
        kind = _choose(COSTS, a["cost"], "what it costs")
        if kind != cost.get("kind"):
            cost = {"kind": kind}
    if "price" in a:
        cost["amount"] = _money(str(a["price"]))
    if "concession_price" in a:
        cost["concession_amount"] = _money(str(a["concession_price"]))
    if "kind" not in cost:
        cost = {"kind": "fixed", **cost}
    return cost


def new_activity(a: dict[str, object], config: SiteConfig, venues: dict[str, dict],
                 today: dt.date) -> dict:
    name = str(a.get("activity", "")).strip()
    act: dict[str, object] = {"id": slug(name), "name": name}
    act["summary"] = str(a.get("summary", "")).strip() or name
    if "description" in a:
        act["description"] = _text(a["description"])
    act["categories"] = _categories(a["categories"], config) if "categories" in a else []
    act["cost"] = _cost(a) or {"kind": "free"}
    act["how_to_go"] = {"access": _choose(ACCESS, a["access"], "how people join")
                        if "access" in a else "drop-in"}
    if "first_visit" in a:
        act["first_visit"] = {"notes": _text(a["first_visit"])}
    _contact_fields(a, act)
    schedule = _schedule(a)
    if schedule:
        act["schedules"] = schedule
    where: dict[str, object] = {}
    if "venue" in a:
        where["venue"] = _venue(str(a["venue"]), a.get("area"), config, venues)
    for label in _list(a.get("elsewhere", [])):
        where[ELSEWHERE[label.lower()]] = True
    act["where"] = where
    act["last_checked"] = today
    act["checked_by"] = str(a.get("checked_by", "")).strip()
    return act


# ---------------------------------------------------------------------------------------------
# YAML in and out


def _yaml() -> YAML:
    return store.yaml()


def _dump(data: object) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def _flow_short_lists(node: object) -> object:
    """Plain data -> ruamel nodes, with short lists of words written [like, this]."""
    if isinstance(node, dict):
        m = CommentedMap()
        for k, v in node.items():
            m[k] = _flow_short_lists(v)
        return m
    if isinstance(node, list):
        s = CommentedSeq(_flow_short_lists(v) for v in node)
        if all(isinstance(v, str) and len(v) < 30 for v in node):
            s.fa.set_flow_style()
        return s
    return node


def _listing_files(listings: Path) -> list[Path]:
    return sorted(p for p in listings.glob("*.y*ml") if p.name != "venues.yml")


def _venues(listings: Path) -> dict[str, dict]:
    path = listings / "venues.yml"
    if not path.exists():
        return {}
    data = _yaml().load(path.read_text(encoding="utf-8")) or {}
    return {str(v["id"]): dict(v) for v in data.get("venues", []) if "id" in v}


def _find_activity(listings: Path, activity_id: str) -> tuple[Path, object, int]:
    for path in _listing_files(listings):
        text = path.read_text(encoding="utf-8")
        if activity_id not in text:
            continue
        data = _yaml().load(text)
        for i, act in enumerate((data or {}).get("activities", []) or []):
            if str(act.get("id")) == activity_id:
                return path, data, i
    raise IssueProblem(f'There is no activity with the id "{activity_id}" in the directory. '
                       "Check the web address of its page.")


def _check_yaml_text(text: str) -> dict:
    try:
        data = _yaml().load(text)
    except Exception as err:  # noqa: BLE001 - any parse error is the sender's to fix
        raise IssueProblem(f"The listing file in the issue is not valid YAML: {err}") from None
    if not isinstance(data, dict) or "organisation" not in data:
        raise IssueProblem("The listing file in the issue should start with organisation:.")
    return data


def _with_schema_line(text: str) -> str:
    return text if text.startswith("# yaml-language-server") else SCHEMA_LINE + text


# ---------------------------------------------------------------------------------------------
# The three kinds of issue


def convert(body: str, kind: str, listings: Path, config: SiteConfig, today: dt.date) -> Result:
    """Read the issue; return the file to write (path and full text). Writes nothing."""
    if kind not in KINDS:
        raise IssueProblem(f'"{kind}" is not a kind of issue: use one of {", ".join(KINDS)}.')
    answers = parse_body(body)
    if "checked_by" not in answers:
        raise IssueProblem('Please give your name under "Your name": we record who checked the details.')
    return {"new": _new, "update": _update, "stopped": _stopped}[kind](answers, listings, config, today)


def _new(a: dict, listings: Path, config: SiteConfig, today: dt.date) -> Result:
    if "listing_yaml" in a:
        data = _check_yaml_text(a["listing_yaml"])
        org_name = str(data["organisation"].get("name", ""))
        text = _with_schema_line(a["listing_yaml"])
        path = store.path_for(listings, slug(org_name))
        if path.exists():
            return _add_to_existing(path, list(data.get("activities") or []))
        return Result(path, text)
    for needed, label in (("organisation", "Your group or organisation"), ("activity", "Name of the activity")):
        if needed not in a:
            raise IssueProblem(f'Please fill in "{label}".')
    act = new_activity(a, config, _venues(listings), today)
    path = store.path_for(listings, slug(str(a["organisation"])))
    if path.exists():
        return _add_to_existing(path, [act])
    org: dict[str, object] = {"name": str(a["organisation"]).strip()}
    if "contact_email" in a:
        org["maintainers"] = [{"name": act["checked_by"], "email": str(a["contact_email"]).strip()}]
    text = SCHEMA_LINE + _dump(_flow_short_lists({"organisation": org, "activities": [act]}))
    return Result(path, text)


def _add_to_existing(path: Path, activities: list) -> Result:
    """The group already has a file: add the new activities to it (ids already there are kept)."""
    data = _yaml().load(path.read_text(encoding="utf-8"))
    have = {str(x.get("id")) for x in data["activities"]}
    added = [act for act in activities if str(act.get("id")) not in have]
    if not added:
        raise IssueProblem(f"{path.name} already has this activity: use the form "
                           '"Update or correct a listing" to change it.')
    text = path.read_text(encoding="utf-8")
    sent = {"organisation": {}, "activities": [dict(act) for act in added]}
    return Result(path, store.merge_file(text, sent, name=path.name).text)


def _update(a: dict, listings: Path, config: SiteConfig, today: dt.date) -> Result:
    activity_id = activity_id_from(str(a["activity_id"]))
    path, data, i = _find_activity(listings, activity_id)
    notes = []
    if "other_changes" in a:
        notes.append(f"Also asked for, to do by hand: {a['other_changes']}")
    if "listing_yaml" in a:
        return _update_from_yaml(a["listing_yaml"], activity_id, path, data, notes)
    act = data["activities"][i]
    for key in ("summary",):
        if key in a:
            act[key] = str(a[key]).strip()
    _contact_fields(a, act)
    cost = _cost(a, dict(act.get("cost") or {}))
    if cost is not None:
        act["cost"] = _flow_short_lists(cost)
    if "capacity" in a:
        act["capacity"] = _choose(CAPACITY, a["capacity"], "whether new people can join")
    old_schedules = list(act.get("schedules") or [])
    if len(old_schedules) > 1 and any(k in a for k in ("frequency", "days", "weeks", "dates")):
        notes.append("This activity has several times; the new time replaces all of them. Check it.")
    schedule = _schedule(a, dict(old_schedules[0]) if old_schedules and "frequency" not in a else None)
    if schedule is not None:
        act["schedules"] = _flow_short_lists(schedule)
    act["last_checked"] = today
    act["checked_by"] = str(a["checked_by"]).strip()
    return Result(path, store.dump(data, original=path.read_text(encoding="utf-8")), notes)


def _update_from_yaml(text: str, activity_id: str, path: Path, data: CommentedMap, notes: list[str]) -> Result:
    """The web form sends the organisation and the activity it edited (or the whole file).

    They are merged into the file: only what differs changes, other activities stay as they are,
    and an activity the file does not have yet is added.
    """
    sent = _check_yaml_text(text)
    ids = [str(x.get("id")) for x in sent.get("activities") or []]
    if activity_id not in ids:
        raise IssueProblem(f'The listing file in the issue has no activity "{activity_id}".')
    try:
        merged = store.merge_file(path.read_text(encoding="utf-8"), sent, name=path.name)
    except store.StoreError as err:
        raise IssueProblem(str(err)) from None
    return Result(path, merged.text, notes)


def _stopped(a: dict, listings: Path, config: SiteConfig, today: dt.date) -> Result:
    activity_id = activity_id_from(str(a["activity_id"]))
    path, data, i = _find_activity(listings, activity_id)
    act = data["activities"][i]
    act["status"] = "ended"
    notes = []
    if "last_date" in a:
        last = parse_date(str(a["last_date"]))
        notes.append(f"Last session: {last.isoformat()}.")
    if "notes" in a:
        notes.append(f"From the group: {a['notes']}")
    act["last_checked"] = today
    act["checked_by"] = str(a["checked_by"]).strip()
    return Result(path, store.dump(data, original=path.read_text(encoding="utf-8")), notes)


def pr_body(result: Result, kind: str, issue: int | None) -> str:
    """The pull request's description: what this changes and what a maintainer must still do."""
    verb = {"new": "Adds", "update": "Updates", "stopped": "Marks as ended an activity in"}[kind]
    lines = [f"{verb} `{result.path.as_posix()}`" + (f", from #{issue}." if issue else ".")]
    if issue:
        lines.append(f"\nCloses #{issue}")
    if result.notes:
        lines.append("\n**For the reviewer:**\n")
        lines += [f"- {note}" for note in result.notes]
    return "\n".join(lines) + "\n"
