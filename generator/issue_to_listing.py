"""Turn a submitted GitHub issue form into a listing file (new), an edit of one (update, stopped),
or a record that a listing was checked (checked: "Nothing has changed").

GitHub renders an issue form as Markdown: one ``### Label`` heading per field, in the form's
order, then the answer, or ``_No response_`` when it was left blank. This module reads that text
back (headings out of order, e.g. typed inside a description, are part of the answer, never a
new field), maps the everyday answers ("Every week", "10am", "every other Tuesday") to the
listing format, and writes YAML. Existing files are edited with ruamel.yaml's round-trip mode,
so comments and layout survive and the pull request shows only the lines that changed.

The rules it keeps:

- Every problem at once, each named by the question ("End time: …"), never a traceback.
- Nothing invented: a fact the sender did not give is a problem, not a default; every value the
  sender did not write (an id made from a name, a summary copied from it) is listed for the
  reviewer.
- ``last_checked`` moves only when the sender said the whole listing is still correct (the box,
  the "Nothing has changed" form, a whole new listing, or the web form's file).
- An update merges into the file: what was not sent is kept. Changes to contacts or maintainers,
  and issues from anyone not listed as a maintainer, are flagged at the top of the PR body.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import LiteralScalarString

from generator import everyday, issue_check
from generator import listing_store as store
from generator.config import SiteConfig
from generator.issue_forms import BY_KIND, LABELS
from generator.yaml_load import YamlProblem, loads

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/listing.schema.json\n"
NO_RESPONSE = "_No response_"
MAX_BODY = 200_000  # characters: GitHub's own limit on an issue body is 65,536
RESERVED_FILES = {"venues"}  # listings/venues.yml is the shared venues, never a group's file

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
KINDS = ("new", "update", "stopped", "checked")
CONTACT_KEYS = ("phone", "on_the_day_phone", "email", "website", "phones", "maintainers")
KEY_LABEL = {key: label for label, key in LABELS.items()}
CHECKBOXES = {q.label for form in BY_KIND.values() for q in form.questions if q.type == "checkboxes"}


class IssueProblem(Exception):
    """The issue cannot be turned into a listing. Each problem is for the person who sent it."""

    def __init__(self, problems: str | list[str]):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class Result:
    path: Path
    text: str
    notes: list[str] = field(default_factory=list)  # things a maintainer must do or know
    flags: list[str] = field(default_factory=list)  # shown first: check these before merging
    supplied: list[str] = field(default_factory=list)  # values the sender did not write
    changed: list[str] = field(default_factory=list)  # what the edit changes, in words


# ---------------------------------------------------------------------------------------------
# Reading the issue body


def parse_body(body: str, kind: str | None = None) -> dict[str, object]:
    """``### Label`` sections -> {key: answer}. Blank answers are left out.

    With `kind`, only that form's headings count, each once and in the form's order: a heading
    that repeats one already read, or comes out of order, is text of the answer it is in.
    Checkbox answers become the list of ticked labels; a ```yaml block becomes its content.
    """
    body = str(body).replace("\r\n", "\n").replace("\r", "\n")
    ordered = kind in BY_KIND
    order = [q.label for q in BY_KIND[kind].questions] if ordered else list(LABELS)
    sections: list[tuple[str, list[str]]] = []
    position, seen = -1, set()
    for line in body.split("\n"):
        heading = re.fullmatch(r"### (.+?)[ \t]*", line)
        label = heading.group(1).strip() if heading else None
        if (label in order and label not in seen and (not ordered or order.index(label) > position)
                and not _in_fence(sections)):
            position = order.index(label)
            seen.add(label)
            sections.append((label, []))
        elif sections:
            sections[-1][1].append(line)
    answers: dict[str, object] = {}
    for label, lines in sections:
        value = _answer("\n".join(lines), label in CHECKBOXES)
        if value is not None:
            answers[LABELS[label]] = value
    return answers


def _in_fence(sections: list[tuple[str, list[str]]]) -> bool:
    """Inside an unclosed ``` block (the web form's file): headings there are the file's text."""
    if not sections:
        return False
    return sum(1 for line in sections[-1][1] if line.strip().startswith("```")) % 2 == 1


def _answer(text: str, checkboxes: bool) -> object | None:
    """A checkbox question's ticked labels (a list); any other question's text."""
    value = text.strip()
    if not value or value == NO_RESPONSE:
        return None
    if checkboxes:
        ticks = re.findall(r"^- \[([ xX])\] (.+)$", value, flags=re.MULTILINE)
        ticked = [label.strip() for mark, label in ticks if mark in "xX"]
        return ticked or None
    fenced = re.fullmatch(r"```[a-zA-Z]*\n(.*?)\n?```", value, flags=re.DOTALL)
    if fenced:
        inner = fenced.group(1).strip("\n")
        return inner + "\n" if inner.strip() else None
    return value


def suspicious_headings(body: str, kind: str) -> list[str]:
    """Form headings that appear more than once: someone may have typed one into an answer."""
    labels = re.findall(r"^### (.+?)[ \t]*$", str(body).replace("\r\n", "\n"), flags=re.MULTILINE)
    known = {q.label for q in BY_KIND[kind].questions} if kind in BY_KIND else set(LABELS)
    return sorted({label for label in labels if label in known and labels.count(label) > 1})


def activity_id_from(text: str) -> str:
    """'https://…/activities/tuesday-walk/', '…/add/?activity=tuesday-walk' or 'tuesday-walk'."""
    text = str(text).strip()
    match = re.search(r"activities/([a-z0-9-]+)", text) or re.search(r"[?&]activity=([a-z0-9-]+)", text)
    if match:
        return match.group(1)
    candidate = text.strip("/ ").lower()
    if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", candidate) and len(candidate) <= 80:
        return candidate
    shown = text if len(text) <= 80 else text[:80] + "…"
    raise IssueProblem(
        f'"{shown}" does not look like an activity. Give the web address of its page, like '
        "https://whats-on.example.org/activities/tuesday-walk/, or its id, like tuesday-walk."
    )


def slug(text: str) -> str:
    return store.slug(text) or "listing"  # the one slug (generator/listing_store.py)


def parse_date(text: str) -> dt.date:
    text = str(text).strip()
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
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+),? (\d{4})", text)
    if match:  # 5 December 2026, 5th Dec 2026
        for fmt, month in (("%d %B %Y", match.group(2)), ("%d %b %Y", match.group(2)[:3])):
            try:
                return dt.datetime.strptime(f"{match.group(1)} {month} {match.group(3)}", fmt).date()
            except ValueError:
                continue
    shown = text if len(text) <= 40 else text[:40] + "…"
    raise IssueProblem(f'"{shown}" is not a date. Write it like 05/12/2026.')


class _Money(str):
    """A price written as the sender wrote it (3.80 stays 3.80, not 3.8), as a YAML number."""


def _money(text: str) -> _Money:
    """'£2', '2.50', '3.80', '50p' -> the amount in pounds, as written (3.80 stays 3.80)."""
    cleaned = str(text).strip().lstrip("£").strip().replace(",", "")
    pence = re.fullmatch(r"(\d{1,3}) ?p", cleaned)
    if pence:
        cleaned = f"{int(pence.group(1)) / 100:.2f}"
    if not re.fullmatch(r"\d{1,4}(\.\d{1,2})?", cleaned) or Decimal(cleaned) > 1000:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise IssueProblem(f'"{shown}" is not a price. Write it in pounds, like 3.50.')
    return _Money(cleaned)


def _list(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [part.strip() for part in str(value).split(",") if part.strip()]


def _choose(table: dict[str, str | None], value: object) -> str | None:
    key = " ".join(str(value).split()).lower()
    if key not in table:
        shown = str(value) if len(str(value)) <= 60 else str(value)[:60] + "…"
        options = "; ".join(k[0].upper() + k[1:] for k in table)
        raise IssueProblem(f'"{shown}" is not one of the answers. Choose one of: {options}.')
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
            word = rest.split(",")[0].strip()[:60]
            raise IssueProblem(f'"{word}" is not one of the directory\'s categories.')
    return list(dict.fromkeys(found))


# ---------------------------------------------------------------------------------------------
# Answers, read one question at a time so every problem is found at once


class Answers:
    def __init__(self, answers: dict[str, object]):
        self.raw = answers
        self.problems: list[str] = []
        self.notes: list[str] = []  # "'half past ten' was read as 10:30."

    def __contains__(self, key: str) -> bool:
        return key in self.raw

    def text(self, key: str) -> str:
        return " ".join(str(self.raw[key]).split()) if key in self.raw else ""

    def problem(self, key: str, message: str) -> None:
        self.problems.append(f"{KEY_LABEL.get(key, key)}: {message}")

    def read(self, key: str, reader: Callable[[object], object]) -> object | None:
        """reader(answer), or None (and the problem noted) when it cannot be read."""
        if key not in self.raw:
            return None
        try:
            value = reader(self.raw[key])
        except (IssueProblem, everyday.Unclear, ValueError) as err:
            self.problem(key, str(err))
            return None
        if isinstance(value, everyday.Read):
            if value.note:
                self.notes.append(f"{KEY_LABEL.get(key, key)}: {value.note}")
            return value.value
        return value

    def need(self, key: str, message: str) -> bool:
        if key in self.raw:
            return True
        self.problem(key, message)
        return False


def _single_line(value: object) -> str:
    text = " ".join(str(value).split())
    return "".join(ch for ch in text if ch.isprintable())


def _text(value: object) -> object:
    """Several lines are written as a YAML block (|), one line as plain text."""
    text = str(value).strip().replace("\r\n", "\n")
    text = "".join(ch for ch in text if ch == "\n" or ch.isprintable())
    return LiteralScalarString(text + "\n") if "\n" in text else text


def _frequency(value: object) -> dict | None:
    """A dropdown answer, or a frequency written in words ("every other Tuesday")."""
    key = " ".join(str(value).split()).lower()
    if key in FREQUENCIES:
        freq = FREQUENCIES[key]
        return None if freq is None else {"frequency": freq}
    return everyday.how_often(str(value))


def _schedule(a: Answers, base: dict | None = None) -> list[dict] | None:
    """The schedule the answers describe; None when none of its questions was answered."""
    asked = ("frequency", "days", "weeks", "dates", "start", "end")
    if not any(k in a for k in asked):
        return None
    s: dict[str, object] = dict(base or {})
    if "frequency" in a:
        read = a.read("frequency", lambda v: _frequency(v) or {"ring": True})
        if read is None:
            return None
        if read.get("ring"):
            return []
        if read["frequency"] != s.get("frequency"):
            for k in ("days", "weeks", "day_of_month", "dates", "start_date"):
                s.pop(k, None)
        s.update(read)
    if "days" in a:
        found = a.read("days", everyday.days)
        if found:
            s["days"] = found
    if "weeks" in a:
        s["weeks"] = [w.lower() for w in _list(a.raw["weeks"]) if w.lower() in everyday.WEEKS]
    if "dates" in a:
        dates = a.read("dates", lambda v: [parse_date(d) for d in _list(v)])
        if dates and s.get("frequency") == "once":
            s["dates"] = dates
        elif dates:
            s["start_date"] = dates[0]
    for k in ("start", "end"):
        if k in a:
            value = a.read(k, lambda v: everyday.clock(str(v)))
            if value:
                s[k] = value
    _schedule_gaps(a, s)
    order = ("frequency", "days", "weeks", "day_of_month", "dates", "start_date", "start", "end")
    ordered = {k: s[k] for k in order if k in s}
    ordered.update({k: v for k, v in s.items() if k not in ordered})
    return [ordered]


def _schedule_gaps(a: Answers, s: dict) -> None:
    """What a schedule still needs, asked by the question that gives it."""
    freq = s.get("frequency")
    if freq is None:
        a.problem("frequency", "Please say how often it happens.")
        return
    if freq in ("weekly", "fortnightly", "monthly") and not s.get("days") and "days" not in a:
        a.problem("days", f"Please choose the day it happens ({_FREQ_WORDS[freq]}).")
    if freq == "monthly" and not s.get("weeks") and not s.get("day_of_month") and "weeks" not in a:
        a.problem("weeks", "Please choose which week of the month (for example First).")
    if freq == "fortnightly" and not s.get("start_date") and "dates" not in a:
        a.problem("dates", "It happens every two weeks: give the date of one session, so we know "
                  "which weeks.")
    if freq == "once" and not s.get("dates") and "dates" not in a:
        a.problem("dates", "Please give the date it happens.")
    for k, example in (("start", "10am"), ("end", "11.30am")):
        if k not in s and k not in a:
            a.problem(k, f"Please give the time, like {example}.")
    start, end = s.get("start"), s.get("end")
    if isinstance(start, str) and isinstance(end, str) and re.fullmatch(r"\d\d:\d\d", start + end[:0]) \
            and re.fullmatch(r"\d\d:\d\d", end) and end <= start:
        a.problem("end", f"It ends at {end}, which is not after it starts at {start}.")


_FREQ_WORDS = {"weekly": "every week", "fortnightly": "every two weeks", "monthly": "once a month"}


def _venue(a: Answers, config: SiteConfig, venues: dict[str, dict]) -> object | None:
    """A known venue's id (names matched loosely), or a venue written in full from
    'Name, address, POSTCODE'."""
    text = a.text("venue")
    names = {vid: str(v.get("name", "")) for vid, v in venues.items()}
    match = everyday.venue(text, names)
    if match.venue_id:
        if names[match.venue_id].lower() != text.lower() and match.venue_id != text.lower():
            a.notes.append(f'Where is it?: "{text}" was read as {names[match.venue_id]}.')
        return match.venue_id
    postcode = re.search(r"\b([A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2})\s*$", text)
    if not postcode:
        hint = (f" Did you mean {match.suggestion}?" if match.suggestion else "")
        a.problem("venue", f'"{text[:80]}" is not a venue on our list.{hint} Give the venue\'s name '
                  "as it appears in the directory, or its name and full address ending with the postcode.")
        return None
    before = text[: postcode.start()].strip().rstrip(",").strip()
    name, _, address = before.partition(",")
    if not address.strip():
        a.problem("venue", "Please give the venue's name, then its street address, then the postcode, "
                  "separated by commas.")
        return None
    venue: dict[str, object] = {"name": name.strip(), "address": address.strip(),
                                "postcode": postcode.group(1).upper()}
    if "area" not in a:
        a.problem("area", "The venue is new to us: please choose the area it is in.")
        return venue
    for area in config.areas:
        if area.name.lower() == a.text("area").lower():
            venue["area"] = area.id
    if "area" not in venue:
        a.problem("area", f'"{a.text("area")[:60]}" is not one of the directory\'s areas.')
    return venue


def _contact_fields(a: Answers, act: dict) -> None:
    for key in ("phone", "on_the_day_phone"):
        value = a.read(key, lambda v: everyday.phone(str(v)))
        if value:
            act[key] = value
    for key in ("email", "website"):
        if key in a:
            act[key] = _single_line(a.raw[key])


def _cost(a: Answers, old: dict | None = None) -> dict | None:
    if not any(k in a for k in ("cost", "price", "concession_price")):
        return None
    cost = dict(old or {})
    if "cost" in a:
        kind = a.read("cost", lambda v: _choose(COSTS, v))
        if kind is None:
            return None
        if kind != cost.get("kind"):
            cost = {"kind": kind}
    if "price" in a:
        amount = a.read("price", _money)
        if amount is not None:
            cost["amount"] = amount
    if "concession_price" in a:
        amount = a.read("concession_price", _money)
        if amount is not None:
            cost["concession_amount"] = amount
    if "kind" not in cost:
        a.problem("cost", "You gave a price: please also say what kind of cost it is (for example "
                  "A fixed price).")
        return None
    if cost["kind"] in ("fixed", "concessions") and "amount" not in cost and "price" not in a:
        a.problem("price", "Please give the price in pounds, like 3.50.")
    if cost["kind"] == "concessions" and "concession_amount" not in cost and "concession_price" not in a:
        a.problem("concession_price", "Please give the lower price in pounds, like 2.00.")
    if cost["kind"] == "free":
        cost.pop("amount", None)
        cost.pop("concession_amount", None)
    return cost


def _new_activity(a: Answers, config: SiteConfig, venues: dict[str, dict], today: dt.date,
                  taken: set[str], org_slug: str, supplied: list[str]) -> dict:
    name = _single_line(a.raw.get("activity", ""))
    act: dict[str, object] = {"id": _free_id(slug(name), org_slug, taken), "name": name}
    supplied.append(f"id: {act['id']} (made from the activity's name)")
    if "summary" in a:
        act["summary"] = _single_line(a.raw["summary"])
        if len(act["summary"]) > 140:
            a.problem("summary", f"That is {len(act['summary'])} characters; please keep it to 140.")
    else:
        act["summary"] = name
        supplied.append("summary: the activity's name (One line about it was left blank)")
    if "description" in a:
        act["description"] = _text(a.raw["description"])
    if a.need("categories", "Please choose at least one kind of activity."):
        act["categories"] = a.read("categories", lambda v: _categories(v, config)) or []
    if a.need("cost", "Please say what it costs (Free is one of the answers)."):
        cost = _cost(a)
        if cost:
            act["cost"] = cost
    if a.need("access", "Please say how people join: Just turn up, Book first or Needs a referral."):
        access = a.read("access", lambda v: _choose(ACCESS, v))
        if access:
            act["how_to_go"] = {"access": access}
    if "first_visit" in a:
        act["first_visit"] = {"notes": _text(a.raw["first_visit"])}
    _contact_fields(a, act)
    if a.need("frequency", "Please say how often it happens."):
        schedule = _schedule(a)
        if schedule:
            act["schedules"] = schedule
    where: dict[str, object] = {}
    if "venue" in a:
        venue = _venue(a, config, venues)
        if venue is not None:
            where["venue"] = venue
    for label in _list(a.raw.get("elsewhere", [])):
        if label.lower() in ELSEWHERE:
            where[ELSEWHERE[label.lower()]] = True
    if "venue" not in a and not where:
        a.problem("venue", "Please give the venue, or tick Online, By phone or Home visits under "
                  '"Not at a venue?".')
    act["where"] = where
    act["last_checked"] = today
    act["checked_by"] = _single_line(a.raw.get("checked_by", ""))
    supplied.append(f"last_checked: {today.isoformat()} (the day the issue was converted)")
    return act


def _free_id(base: str, org_slug: str, taken: set[str]) -> str:
    base = base if len(base) >= 2 else f"{base}-activity".strip("-")
    candidate = base
    if candidate in taken:
        candidate = f"{org_slug}-{base}"[:80].strip("-")
    n = 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


# ---------------------------------------------------------------------------------------------
# YAML in and out


def _represent_money(representer, value: _Money):
    tag = "tag:yaml.org,2002:float" if "." in value else "tag:yaml.org,2002:int"
    return representer.represent_scalar(tag, str(value))


# ruamel keeps representers per class, not per YAML object: registered once, here, so that every
# writer knows a price, also the listing store's (an update's edited listing). Registered inside
# _yaml() it was known only after a new listing had been written in the same process.
RoundTripRepresenter.add_representer(_Money, _represent_money)


def _yaml() -> YAML:
    y = store.yaml()
    y.representer.ignore_aliases = lambda _data: True  # a date used twice is written twice, never &id001
    return y


def _dump(data: object) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def _flow_short_lists(node: object) -> object:
    """Plain data -> ruamel nodes, with short lists of words and small maps written [like, this]."""
    if isinstance(node, dict) and not isinstance(node, CommentedMap):
        m = CommentedMap()
        for k, v in node.items():
            m[k] = _flow_short_lists(v)
        return m
    if isinstance(node, list) and not isinstance(node, CommentedSeq):
        s = CommentedSeq(_flow_short_lists(v) for v in node)
        if all(isinstance(v, str) and len(v) < 30 for v in node):
            s.fa.set_flow_style()
        return s
    if isinstance(node, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", node):
        try:
            return dt.date.fromisoformat(node)  # written as a date, not as quoted text
        except ValueError:
            return node
    return node


def _listing_files(listings: Path) -> list[Path]:
    if not listings.is_dir():
        return []
    return sorted(p for p in listings.glob("*.y*ml") if p.name != "venues.yml")


def _venues(listings: Path) -> dict[str, dict]:
    path = listings / "venues.yml"
    if not path.exists():
        return {}
    try:
        data = loads(path.read_text(encoding="utf-8")).data
    except (YamlProblem, OSError, UnicodeDecodeError):
        return {}
    found = data.get("venues", []) if isinstance(data, dict) else []
    return {str(v["id"]): dict(v) for v in found if isinstance(v, dict) and "id" in v}


def _load_rt(path: Path) -> tuple[str, CommentedMap]:
    """The file's text and its round-trip document (the listing store's reader)."""
    try:
        text, data = store.read(path)
    except store.StoreError:
        data = None
    if data is None or not isinstance(data.get("activities"), list):
        raise IssueProblem(f"The listing {path.stem} cannot be changed from an issue at the moment. "
                           "A volunteer will look at it.")
    return text, data


def _edited(data: CommentedMap, original: str) -> str:
    """The changed document, with every line the change did not touch as it was."""
    return store.dump(data, original=original)


def _taken_ids(listings: Path) -> set[str]:
    found: set[str] = set()
    for path in _listing_files(listings):
        try:
            found.update(re.findall(r"^\s*-?\s*\{?\s*id:\s*([a-z0-9-]+)", path.read_text("utf-8"), re.M))
        except (OSError, UnicodeDecodeError):
            continue
    return found


def _find_activity(listings: Path, activity_id: str) -> tuple[Path, str, CommentedMap, int]:
    for path in _listing_files(listings):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if activity_id not in text:
            continue
        original, data = _load_rt(path)
        for i, act in enumerate(data["activities"]):
            if isinstance(act, dict) and str(act.get("id")) == activity_id:
                return path, original, data, i
    raise IssueProblem(f'Which activity?: There is no activity "{activity_id}" in the directory. '
                       "Check the web address of its page.")


def _sent_file(text: str) -> dict:
    """The web form's file, read safely (no aliases, tags or huge inputs) and shape-checked."""
    label = "Listing file from the web form"
    try:
        data = loads(text).data
    except YamlProblem as err:
        raise IssueProblem(f"{label}: The file cannot be read ({err.message}). Please send it "
                           "again from the web form, without changing it.") from None
    if not isinstance(data, dict) or not isinstance(data.get("organisation"), dict):
        raise IssueProblem(f"{label}: The file should start with the organisation's details. Please "
                           "send it again from the web form, without changing it.")
    acts = data.get("activities")
    if not isinstance(acts, list) or not acts or not all(isinstance(x, dict) for x in acts):
        raise IssueProblem(f"{label}: The file has no activities. Please send it again from the web form.")
    return data


def _with_schema_line(text: str) -> str:
    return text if text.startswith("# yaml-language-server") else SCHEMA_LINE + text


def _file_for(listings: Path, organisation: str) -> Path:
    name = slug(organisation)
    if name in RESERVED_FILES:
        name = f"{name}-group"
    return store.path_for(listings, name)


# ---------------------------------------------------------------------------------------------
# Merging an update into a file: the listing store's merge (fields not sent are kept)


def merge_into(old: CommentedMap, sent: dict) -> None:
    """Make the activity `old` say what `sent` says, touching only what differs; fields `sent`
    leaves out are kept (an update sends what it changes). A group of fields that is sent (a
    cost, a schedule) is sent whole."""
    store.merge_activity(old, sent, whole=False)


def _plain(node: object) -> object:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return str(node) if isinstance(node, (dt.date, Decimal, float)) else node


def _changes(before: object, after: object, path: str = "") -> list[str]:
    """Paths (organisation.phones, activities[0].cost.kind) whose values differ."""
    if isinstance(before, dict) and isinstance(after, dict):
        out: list[str] = []
        for key in list(before) + [k for k in after if k not in before]:
            sub = f"{path}.{key}" if path else key
            out += _changes(before.get(key), after.get(key), sub)
        return out
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after) \
            and all(isinstance(x, dict) for x in before + after):
        return [c for i, (x, y) in enumerate(zip(before, after, strict=True))
                for c in _changes(x, y, f"{path}[{i}]")]
    return [] if before == after else [path]


# ---------------------------------------------------------------------------------------------
# The kinds of issue


@dataclass(frozen=True)
class Context:
    listings: Path
    config: SiteConfig
    today: dt.date
    author: str | None = None  # the GitHub user who opened the issue, if known


def convert(body: str, kind: str, listings: Path, config: SiteConfig, today: dt.date,
            author: str | None = None) -> Result:
    """Read the issue; return the file to write (path and full text). Writes nothing.

    Raises IssueProblem with every problem found; never anything else for any body."""
    if kind not in KINDS:
        raise IssueProblem(f'"{kind}" is not a kind of issue: use one of {", ".join(KINDS)}.')
    body = str(body)
    if len(body) > MAX_BODY:
        raise IssueProblem("The issue is too long for us to read. Please shorten the longest answers.")
    body = "".join(ch for ch in body if ch in "\n\t" or ch.isprintable())
    a = Answers(parse_body(body, kind))
    ctx = Context(listings, config, today, author)
    if "checked_by" not in a:
        a.problem("checked_by", "Please give your name: we record who checked the details.")
    handler = {"new": _new, "update": _update, "stopped": _stopped, "checked": _checked}[kind]
    try:
        result = handler(a, ctx)
    except IssueProblem as err:
        raise IssueProblem(_in_form_order(a.problems + err.problems, kind)) from None
    if a.problems:
        raise IssueProblem(_in_form_order(a.problems, kind))
    found = issue_check.problems_in(result.text, config, _venues(listings))
    if found:
        raise IssueProblem(_in_form_order(found, kind))
    result.notes = a.notes + result.notes
    repeated = suspicious_headings(body, kind)
    if repeated:
        result.flags.append("The issue repeats the heading(s) " + ", ".join(f'"{h}"' for h in repeated)
                            + ": only the first, in the form's order, was used. Check nobody typed one "
                            "into an answer.")
    return result


def _in_form_order(problems: list[str], kind: str) -> list[str]:
    """Problems in the order of the form's questions, as the volunteer will read down it."""
    order = [q.label for q in BY_KIND[kind].questions]

    def rank(problem: str) -> int:
        label = problem.split(": ", 1)[0]
        return order.index(label) if label in order else len(order)

    return sorted(dict.fromkeys(_tidy(p) for p in problems), key=rank)


def _tidy(problem: str) -> str:
    """Long quoted answers shortened, so a reply never repeats a whole page back."""
    problem = re.sub(r'"([^"]{60})[^"]{10,}"', lambda m: f'"{m.group(1)}…"', problem)
    return problem if len(problem) <= 600 else problem[:599] + "…"


def _sender_flags(ctx: Context, data: dict, result: Result) -> None:
    maintainers = data.get("organisation", {}).get("maintainers") if isinstance(data.get("organisation"), dict) else None
    handles = {str(m.get("github", "")).lower() for m in (maintainers or []) if isinstance(m, dict)}
    if ctx.author is None:
        result.flags.append("We do not know who sent this, so we cannot tell whether they are one of "
                            "the group's listed maintainers. Check with the group.")
    elif ctx.author.lower() not in handles:
        result.flags.append("The sender is not one of this group's listed maintainers. Check with "
                            "the group that the change is theirs before merging.")


def _change_flags(before: dict, after: dict, result: Result) -> None:
    changed = _changes(_plain(before), _plain(after))
    result.changed += changed
    touchy = [c for c in changed if re.search(r"(^|\.)(" + "|".join(CONTACT_KEYS) + r")(\.|\[|$)", c)]
    if touchy:
        result.flags.append("This changes contact details or maintainers: " + ", ".join(touchy)
                            + ". Check them with the group before merging.")


def _new(a: Answers, ctx: Context) -> Result:
    supplied: list[str] = []
    if "listing_yaml" in a:
        return _new_from_file(a, ctx)
    a.need("organisation", "Please give the name of your group or organisation.")
    a.need("activity", "Please give the name of the activity.")
    org_name = _single_line(a.raw.get("organisation", ""))
    path = _file_for(ctx.listings, org_name or "listing")
    act = _new_activity(a, ctx.config, _venues(ctx.listings), ctx.today, _taken_ids(ctx.listings),
                        path.stem, supplied)
    if path.exists():
        result = _add_to_existing(path, [act], ctx, org_name)
        result.supplied += supplied
        return result
    org: dict[str, object] = {"name": org_name}
    if "contact_email" in a:
        org["maintainers"] = [{"name": act["checked_by"], "email": _single_line(a.raw["contact_email"])}]
    text = SCHEMA_LINE + _dump(_flow_short_lists({"organisation": org, "activities": [act]}))
    result = Result(path, text, supplied=supplied)
    result.supplied += _model_defaults(act)
    return result


def _model_defaults(act: dict) -> list[str]:
    """What the site will show that the sender did not say (the model's defaults)."""
    out = []
    if "capacity" not in act:
        out.append("capacity: open (not asked: the site says new people are welcome)")
    if "languages" not in act:
        out.append("languages: English (not asked)")
    return out


def _new_from_file(a: Answers, ctx: Context) -> Result:
    data = _sent_file(a.raw["listing_yaml"])
    org_name = _single_line(data["organisation"].get("name", ""))
    if not org_name:
        raise IssueProblem("Your group or organisation: The file has no organisation name.")
    path = _file_for(ctx.listings, org_name)
    if path.exists():
        return _add_to_existing(path, list(data["activities"]), ctx, org_name)
    _not_elsewhere([str(x.get("id")) for x in data["activities"]], _taken_ids(ctx.listings))
    return Result(path, _with_schema_line(a.raw["listing_yaml"]),
                  supplied=[f"last_checked: {x.get('last_checked')} (as the web form's file says)"
                            for x in data["activities"][:1]])


def _add_to_existing(path: Path, activities: list, ctx: Context, org_name: str) -> Result:
    """The group already has a file: add the new activities to it (ids already there are kept)."""
    original, data = _load_rt(path)
    before = _plain(data)
    have = {str(x.get("id")) for x in data["activities"] if isinstance(x, dict)}
    added = [act for act in activities if str(act.get("id")) not in have]
    _not_elsewhere([str(act.get("id")) for act in added], _taken_ids(ctx.listings) - have)
    if not added:
        raise IssueProblem('Name of the activity: The group already has this activity. Use the form '
                           '"Update or correct a listing" to change it.')
    for act in added:
        data["activities"].append(_flow_short_lists(dict(act)))
    result = Result(path, _edited(data, original))
    if str(data["organisation"].get("name", "")).strip().lower() != org_name.lower():
        result.flags.append(f'The issue names the group "{org_name}", and the file it was added to '
                            f'names "{data["organisation"].get("name")}". Check they are the same group.')
    _sender_flags(ctx, data, result)
    _change_flags(before, _plain(data), result)
    return result


def _update(a: Answers, ctx: Context) -> Result:
    if not a.need("activity_id", "Please give the web address of the activity's page, or its id."):
        raise IssueProblem([])
    activity_id = activity_id_from(str(a.raw["activity_id"]))
    path, original, data, i = _find_activity(ctx.listings, activity_id)
    before = _plain(data)
    notes: list[str] = []
    if "other_changes" in a:
        notes.append(f"Also asked for, to do by hand: {_single_line(a.raw['other_changes'])[:2000]}")
    ticked = "still_correct" in a
    act = data["activities"][i]
    old_check = (act.get("last_checked"), act.get("checked_by"))
    if "listing_yaml" in a:
        _update_from_file(a.raw["listing_yaml"], activity_id, data, _taken_ids(ctx.listings))
    else:
        _update_from_answers(a, act, notes)
    act = data["activities"][i]
    if ticked:
        act["last_checked"] = ctx.today
        act["checked_by"] = _single_line(a.raw.get("checked_by", ""))
    elif "listing_yaml" in a:
        _keep_honest_check(act, old_check, ctx.today, notes)
    else:
        act["last_checked"], act["checked_by"] = old_check
        notes.append(f"The sender did not tick \"{_STILL}\", so last_checked stays "
                     f"{old_check[0]}: only the changes were recorded.")
    result = Result(path, _edited(data, original), notes)
    _sender_flags(ctx, before, result)
    _change_flags(before, _plain(data), result)
    return result


_STILL = "Everything not changed below is still correct"


def _keep_honest_check(act: CommentedMap, old: tuple, today: dt.date, notes: list[str]) -> None:
    """The web form's file says when it was checked (its "all correct today" box). A date in the
    future, or a date without a name, is not a check: the old one is kept."""
    raw = act.get("last_checked")
    try:
        sent = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))
    except ValueError:
        sent = None
    if sent is None or sent > today or not str(act.get("checked_by") or "").strip():
        act["last_checked"], act["checked_by"] = old
        notes.append(f"The file's last_checked was not a check we can record, so it stays {old[0]}.")


def _update_from_answers(a: Answers, act: CommentedMap, notes: list[str]) -> None:
    if "summary" in a:
        act["summary"] = _single_line(a.raw["summary"])
    found: dict = {}
    _contact_fields(a, found)
    for key, value in found.items():
        act[key] = value
    cost = _cost(a, dict(act.get("cost") or {}))
    if cost is not None:
        merge_into(act, {"cost": cost})
    if "capacity" in a:
        capacity = a.read("capacity", lambda v: _choose(CAPACITY, v))
        if capacity:
            act["capacity"] = capacity
    old_schedules = list(act.get("schedules") or [])
    if len(old_schedules) > 1 and any(k in a for k in ("frequency", "days", "weeks", "dates")):
        notes.append("This activity has several times; the new time replaces all of them. Check it.")
    base = dict(old_schedules[0]) if old_schedules and isinstance(old_schedules[0], dict) else None
    schedule = _schedule(a, base if "frequency" not in a else {
        k: v for k, v in (base or {}).items() if k in ("start", "end", "not_on_bank_holidays")})
    if schedule is not None:
        if len(old_schedules) == 1 and schedule:
            merge_into(act, {"schedules": schedule})
        else:
            act["schedules"] = _flow_short_lists(schedule)


def _dates(node: object) -> object:
    """The safe reader keeps dates as text; written back they must be dates, not quoted text."""
    if isinstance(node, dict):
        return {k: _dates(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_dates(v) for v in node]
    if isinstance(node, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", node):
        try:
            return dt.date.fromisoformat(node)
        except ValueError:
            return node
    return node


def _not_elsewhere(new_ids: list[str], taken: set[str]) -> None:
    """An activity added to a file must not use an id another listing has (it would hide theirs)."""
    clash = [i for i in new_ids if i in taken]
    if clash:
        raise IssueProblem(f"Listing file from the web form: {', '.join(clash)} is already the id of "
                           "another activity in the directory. Please give the new activity another name.")


def _update_from_file(text: str, activity_id: str, data: CommentedMap, taken: set[str]) -> None:
    """The web form sends the organisation and the activity it edited (or the whole file).

    They are merged into the file: what was not sent is kept, other activities stay as they
    are, and an activity the file does not have yet is added."""
    sent = _dates(_sent_file(text))
    ids = [str(x.get("id")) for x in sent["activities"]]
    if activity_id not in ids:
        raise IssueProblem(f'Listing file from the web form: The file has no activity "{activity_id}". '
                           "Please send it again from the web form.")
    have = [str(x.get("id")) for x in data["activities"] if isinstance(x, dict)]
    _not_elsewhere([str(x.get("id")) for x in sent["activities"] if str(x.get("id")) not in have],
                   taken)
    store.merge_organisation(data["organisation"], sent["organisation"])  # maintainers kept
    for act in sent["activities"]:
        if str(act.get("id")) in have:
            store.merge_activity(data["activities"][have.index(str(act.get("id")))], act)
        else:
            data["activities"].append(_flow_short_lists(act))


def _stopped(a: Answers, ctx: Context) -> Result:
    if not a.need("activity_id", "Please give the web address of the activity's page, or its id."):
        raise IssueProblem([])
    activity_id = activity_id_from(str(a.raw["activity_id"]))
    path, original, data, i = _find_activity(ctx.listings, activity_id)
    before = _plain(data)
    act = data["activities"][i]
    act["status"] = "ended"
    notes = []
    if "last_date" in a:
        last = a.read("last_date", parse_date)
        if last:
            notes.append(f"Last session: {last.isoformat()}.")
    if "notes" in a:
        notes.append(f"From the group: {_single_line(a.raw['notes'])[:2000]}")
    notes.append(f"last_checked stays {act.get('last_checked')}: saying it stopped is not a check of "
                 "the whole listing.")
    result = Result(path, _edited(data, original), notes)
    _sender_flags(ctx, before, result)
    _change_flags(before, _plain(data), result)
    return result


def _checked(a: Answers, ctx: Context) -> Result:
    """"Nothing has changed": a check of the whole listing of each activity named."""
    a.need("activity_id", "Please give the web address of the activity's page, or its id.")
    if "all_correct" not in a:
        a.problems.append("Is it all still correct?: Please tick the box to say everything in the "
                          "listing is still correct. If something has changed, use the form "
                          '"Update or correct a listing" instead.')
    if "activity_id" not in a:
        raise IssueProblem([])
    ids = [activity_id_from(part) for part in re.split(r"[,\s]+", str(a.raw["activity_id"])) if part]
    path, original, data, _ = _find_activity(ctx.listings, ids[0])
    before = _plain(data)
    by_id = {str(x.get("id")): x for x in data["activities"] if isinstance(x, dict)}
    elsewhere = [i for i in ids if i not in by_id]
    if elsewhere:
        raise IssueProblem(f'Which activity?: {", ".join(elsewhere)} is not in the same listing as '
                           f"{ids[0]}. Please send one of these forms for each group.")
    for activity_id in ids:
        by_id[activity_id]["last_checked"] = dt.date.fromordinal(ctx.today.toordinal())  # own object: no &alias
        by_id[activity_id]["checked_by"] = _single_line(a.raw.get("checked_by", ""))
    result = Result(path, _edited(data, original), [f"Checked, nothing changed: {', '.join(ids)}."])
    _sender_flags(ctx, before, result)
    _change_flags(before, _plain(data), result)
    return result


def pr_body(result: Result, kind: str, issue: int | None) -> str:
    """The pull request's description: what to check first, what this changes, and every value
    the sender did not write."""
    verb = {"new": "Adds", "update": "Updates", "stopped": "Marks as ended an activity in",
            "checked": "Records a check (nothing changed) of"}[kind]
    lines: list[str] = []
    if result.flags:
        lines.append("**Check before merging:**\n")
        lines += [f"- ⚠ {flag}" for flag in result.flags]
        lines.append("")
    lines.append(f"{verb} `{result.path.as_posix()}`" + (f", from #{issue}." if issue else "."))
    if issue:
        lines.append(f"\nCloses #{issue}")
    if result.changed:
        lines.append("\n**Changes:** " + ", ".join(f"`{c}`" for c in result.changed))
    if result.supplied:
        lines.append("\n**Not written by the sender** (check or correct them):\n")
        lines += [f"- {item}" for item in result.supplied]
    if result.notes:
        lines.append("\n**For the reviewer:**\n")
        lines += [f"- {note}" for note in result.notes]
    return "\n".join(lines) + "\n"
