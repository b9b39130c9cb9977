"""Problems found in listings, and how they are worded for the volunteer who must fix them."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import typing
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from generator.formats import FieldProblem
from generator.yaml_load import Loaded, Path_


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        prefix = "warning: " if self.severity == "warning" else ""
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {prefix}{self.message}"


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def at(file: str, loaded: Loaded | None, path: Path_, message: str, *, key: bool = False,
       severity: str = "error") -> Problem:
    line, col = loaded.where(path, key=key) if loaded else (1, 1)
    return Problem(file, line, col, dotted(path), message, severity)


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """' Did you mean "x"?' or ''."""
    close = difflib.get_close_matches(str(word).lower(), [str(c) for c in choices], n=1, cutoff=0.6)
    return f' Did you mean "{close[0]}"?' if close else ""


# ---------------------------------------------------------------------------------------------
# Turning pydantic's errors into plain English


def _model_at(root: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    """The model class that holds the last part of loc (for 'did you mean')."""
    current: object = root
    for part in loc[:-1]:
        current = _unwrap(current, part)
        if current is None:
            return None
    inner = _unwrap_model(current)
    return inner


def _unwrap_model(tp: object) -> type[BaseModel] | None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for arg in typing.get_args(tp):
        found = _unwrap_model(arg)
        if found:
            return found
    return None


def _unwrap(tp: object, part: str | int) -> object:
    if isinstance(part, int):
        origin = typing.get_origin(tp)
        if origin in (list, tuple):
            return typing.get_args(tp)[0]
        for arg in typing.get_args(tp):  # Optional[list[...]]
            if typing.get_origin(arg) in (list, tuple):
                return typing.get_args(arg)[0]
        return None
    model = _unwrap_model(tp)
    if model is None or part not in model.model_fields:
        return None
    return model.model_fields[part].annotation


_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "decimal_parsing": "an amount of money, like 3.50",
    "decimal_type": "an amount of money, like 3.50",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (one item per line starting with '- ', or [a, b])",
    "model_type": "a group of fields (key: value lines, indented)",
    "dict_type": "a group of fields (key: value lines, indented)",
    "date_type": "a date, like 2026-01-31",
    "date_parsing": "a date, like 2026-01-31",
    "date_from_datetime_parsing": "a date, like 2026-01-31",
    "date_from_datetime_inexact": "a date, like 2026-01-31",
}


def _show(value: object) -> str:
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f'"{text[:60]}…"' if len(text) > 60 else f'"{text}"'


def _clean_loc(loc: tuple) -> Path_:
    """Drop pydantic's union tags from a location, keep field names and list indexes."""
    return tuple(p for p in loc if isinstance(p, int) or not (
        "[" in p or p in ("id-ref", "inline", "str", "int", "float", "bool")
    ))


# What to write when a required field is missing: `name: example` and a few words on why.
_MISSING_EXAMPLE = {
    "last_checked": ("2026-11-22", " with the date a person last checked these details"),
    "checked_by": ("Your Name", " with the name (or role) of who checked them"),
    "id": ("tuesday-walk", ": a short id of lower-case letters, numbers and hyphens"),
    "summary": ("A gentle walk round the park, then tea.", ": one line about the activity"),
    "cost": ("{kind: free}", ""),
    "how_to_go": ("{access: drop-in}", " (or book, or referral)"),
    "where": ("{venue: st-annes-hall}", " (a venue id, or online: true / by_phone: true)"),
    "categories": ("[walking]", " with ids from site_config/categories.yml"),
    "frequency": ("weekly", " (or fortnightly, monthly, once)"),
    "start": ("10:00", ""),
    "end": ("12:00", ""),
    "activities": ("", ", then one entry per activity under it (each starting with - id:)"),
    "organisation": ("", ", then the group's name and details under it (name: …)"),
    "postcode": ("L17 7AA", ""),
    "address": ("12 Example Road, Liverpool", ""),
    "area": ("aigburth", " with an id from site_config/areas.yml"),
    "kind": ("free", " (or fixed, concessions, pay-what-you-can)"),
    "access": ("drop-in", " (or book, or referral)"),
}
# A word where a group of fields belongs: the group the volunteer probably meant.
_SHORT_FORM = {
    "cost": "cost: {{kind: {0}}}",
    "how_to_go": "how_to_go: {{access: {0}}}",
    "where": "where: {{venue: {0}}}",
    "audience": "audience: {{groups: [{0}]}}",
    "first_visit": "first_visit: {{notes: {0}}}",
}
_WEEK_WORDS = ("first", "second", "third", "fourth", "fifth", "last", "1st", "2nd", "3rd", "4th", "5th")


def _sentence(message: str) -> str:
    """Start with a capital letter, end with a full stop (or ? or …)."""
    message = message.strip()
    if message and message[0].islower():
        message = message[0].upper() + message[1:]
    return message if message.endswith((".", "?", "…", "!")) else message + "."


def _iso_from_british(text: str) -> str | None:
    """'22/11/2026' -> '2026-11-22' (day first, as people in the UK write it), if it is a date."""
    match = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*", text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def explain(error: dict, root: type[BaseModel]) -> tuple[Path_, str, bool]:
    """(path, message, point_at_key) for one pydantic error."""
    loc, message, key = _explain(error, root)
    return loc, _sentence(message), key


def _explain(error: dict, root: type[BaseModel]) -> tuple[Path_, str, bool]:
    loc = _clean_loc(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    name = str(loc[-1]) if loc else "the file"
    if kind == "missing":
        example, why = _MISSING_EXAMPLE.get(name, ("…", ""))
        line = f"`{name}: {example}`" if example else f"`{name}:`"
        return loc, f"This is required but missing. Add a line {line}{why}", False
    if kind == "extra_forbidden":
        model = _model_at(root, loc)
        hint = suggest(name, model.model_fields) if model else ""
        known = ""
        if model and not hint:
            known = " Fields here are: " + ", ".join(model.model_fields) + "."
        if not hint and (" " in name or name.endswith(".")):
            # `description: Per family, includes juice` inside { } splits at the comma.
            known = (" It looks like the end of a longer text: put text that has a comma in "
                     "quotes, like \"Per family, includes juice\".")
        return loc, f'"{name}" is not a field we know.{hint}{known}', True
    if kind == "value_error":
        cause = ctx.get("error")
        if isinstance(cause, FieldProblem):
            loc = (*loc, cause.field)
        return loc, str(cause if cause is not None else error["msg"]), False
    if value is None and (kind in _TYPE_WORDS or kind in ("enum", "string_type", "literal_error")):
        return loc, "There is nothing after the colon. Write a value, or remove the line", False
    if kind == "enum":
        expected = ctx.get("expected", "").replace("'", "")
        words = [w.strip() for w in expected.replace(" or ", ", ").split(",")]
        hint = suggest(str(value), words)
        if name == "days" or (len(loc) > 1 and loc[-2] == "days"):
            if " and " in str(value) or "," in str(value):
                words = [w.strip() for w in str(value).replace(" and ", ",").split(",") if w.strip()]
                return loc, (f"{_show(value)} is not a day. For several days, write a list: "
                             f"days: [{', '.join(words)}]"), False
            if any(w in str(value).lower().split() for w in _WEEK_WORDS):
                return loc, (f"{_show(value)} is not a day. Put the day in days and the week in "
                             "weeks, like days: [monday] and weeks: [first] (for the last one in "
                             "the month, weeks: [last])"), False
            return loc, f"{_show(value)} is not a day.{hint} Write Monday, Tuesday, …", False
        if name == "weeks" or (len(loc) > 1 and loc[-2] == "weeks"):
            if str(value).lower() in ("fifth", "5th", "5"):
                return loc, (f"{_show(value)} is not a week we can use: most months have no fifth "
                             "one. Write first, second, third, fourth or last"), False
            return loc, (f"{_show(value)} is not a week of the month.{hint} Write first, second, "
                         "third, fourth or last"), False
        return loc, f"{_show(value)} is not allowed here.{hint} Write one of: {', '.join(words)}.", False
    if kind == "string_pattern_mismatch":
        if name == "charity_number":
            return loc, f"{_show(value)} is not a charity number. Write the number only, like 1123456", False
        if name == "company_number":
            return loc, (f"{_show(value)} is not a company number: Companies House numbers have 8 "
                         "characters. Write it like 01234567 (or SC123456)"), False
        if name == "github":
            return loc, f"{_show(value)} is not a GitHub user name. Write it without the @", False
        if len(loc) > 1 and loc[-2] == "buses":
            return loc, f"{_show(value)} is not a bus number. Write numbers like 82 or 82A", False
        return loc, (f"{_show(value)} is not an id. Use lower-case letters, numbers and hyphens, "
                     "like tuesday-walk"), False
    if kind in ("string_too_long", "too_long"):
        limit = ctx.get("max_length")
        return loc, f"This is too long: at most {limit} characters (this has {len(str(value)) if kind == 'string_too_long' else len(value)}). Shorten it.", False
    if kind in ("string_too_short", "too_short"):
        if isinstance(value, list):
            return loc, "This list is empty. Give at least one entry.", False
        return loc, "This is empty. Write something, or remove the line.", False
    if kind in ("greater_than_equal", "greater_than"):
        return loc, f"{_show(value)} is too small: it must be at least {ctx.get('ge', ctx.get('gt'))}.", False
    if kind in ("less_than_equal", "less_than"):
        return loc, f"{_show(value)} is too big: it must be at most {ctx.get('le', ctx.get('lt'))}.", False
    if kind == "decimal_max_places":
        return loc, f"{_show(value)} has too many decimal places. Write pounds and pence, like 3.50.", False
    if kind.startswith("date") and isinstance(value, str):
        example = _iso_from_british(value) or "2026-01-31"
        return loc, f"{_show(value)} is not a date. Write it like {example} (year-month-day).", False
    if kind in ("model_type", "dict_type") and isinstance(value, str) and name in _SHORT_FORM:
        return loc, f"Write this as a group of fields, like {_SHORT_FORM[name].format(value)}", False
    if kind in ("model_type", "dict_type") and name == "venue":
        return loc, ("A venue is an id from listings/venues.yml (venue: st-annes-hall), or the venue "
                     f"written in full (name, address, postcode, area), not {_show(value)}"), False
    if kind in _TYPE_WORDS:
        return loc, f"This should be {_TYPE_WORDS[kind]}, not {_show(value)}.", False
    if kind == "union_tag_invalid" or kind == "union_tag_not_found":
        return loc, f"{_show(value)} is not a venue id or a venue written in full.", False
    return loc, f"{error['msg']}.", False


def from_validation_error(err: ValidationError, file: str, loaded: Loaded,
                          root: type[BaseModel], prefix: Path_ = ()) -> list[Problem]:
    errors = err.errors(include_url=False)
    # A misspelt key ("sumary") also makes the real one ("summary") missing: say it once.
    misspelt = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = _clean_loc(error["loc"])
            model = _model_at(root, loc)
            close = difflib.get_close_matches(str(loc[-1]).lower(), list(model.model_fields) if model else [],
                                              n=1, cutoff=0.6)
            if close:
                misspelt.add((*loc[:-1], close[0]))
    out = []
    for error in errors:
        if error["type"] == "missing" and _clean_loc(error["loc"]) in misspelt:
            continue
        path, message, key = explain(error, root)
        out.append(at(file, loaded, prefix + path, message, key=key))
    return out

