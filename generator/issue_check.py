"""The last check of a converted issue: is the file a valid listing? Problems are named by the
question the volunteer answered ("End time: …"), never by a field path or a file name.

The converter checks each answer as it reads it; this is the net under it, run on the file the
converter made, with the same model and reference checks ``validate`` uses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pydantic import ValidationError

from generator import checks
from generator.config import SiteConfig
from generator.model import Listing
from generator.problems import explain
from generator.yaml_load import YamlProblem, loads

# The last field names of a path -> the question that asked for it. Longer suffixes first.
QUESTION_FOR = (
    (("organisation", "name"), "Your group or organisation"),
    (("maintainers",), "Your e-mail, for a reminder to re-check the listing"),
    (("organisation",), "Your group or organisation"),
    (("venue", "area"), "Which area is the venue in?"),
    (("venue",), "Where is it?"),
    (("where",), "Where is it?"),
    (("cost", "amount"), "Price in pounds"),
    (("cost", "concession_amount"), "Lower price in pounds"),
    (("cost",), "What does it cost?"),
    (("how_to_go",), "How do people join?"),
    (("first_visit",), "What to expect the first time"),
    (("frequency",), "How often does it happen?"),
    (("days",), "Which day or days?"),
    (("weeks",), "Which week of the month? (monthly only)"),
    (("dates",), "Date"),
    (("start_date",), "Date"),
    (("start",), "Start time"),
    (("end",), "End time"),
    (("schedules",), "How often does it happen?"),
    (("name",), "Name of the activity"),
    (("summary",), "One line about it"),
    (("description",), "More about it"),
    (("categories",), "What kind of activity is it?"),
    (("capacity",), "Can new people join?"),
    (("phone",), "Phone number"),
    (("on_the_day_phone",), "Number to ring on the day"),
    (("email",), "E-mail address"),
    (("website",), "Website"),
    (("checked_by",), "Your name"),
)


def question_for(path: tuple) -> str:
    names = tuple(p for p in path if isinstance(p, str))
    for suffix, label in QUESTION_FOR:
        for end in range(len(names), 0, -1):
            if names[:end][-len(suffix):] == suffix:
                return label
    return "The listing"


def plain(message: str) -> str:
    """A validate message without the YAML editing hints, for someone who filled in a form."""
    message = re.sub(r"\s*(Add|Write|Use) (a line|it like|lines?) `[^`]*`[^.]*\.", "", message)
    message = re.sub(r"`([^`]*)`", r"\1", message)
    message = message.replace("listings/venues.yml", "the directory's list of venues")
    message = re.sub(r"site_config/\w+\.yml", "the directory's settings", message)
    return message.strip() or "This answer cannot be used."


def problems_in(text: str, config: SiteConfig, venues: Mapping[str, object]) -> list[str]:
    """Every problem of the file `text` as 'Question: message' (empty when it is a valid listing)."""
    try:
        loaded = loads(text)
    except YamlProblem as err:
        return [f"The listing: {plain(err.message)}."]
    if not isinstance(loaded.data, dict):
        return ["The listing: it should start with organisation:."]
    found: list[str] = []
    try:
        Listing.model_validate(loaded.data)
    except ValidationError as err:
        for error in err.errors():
            path, message, _ = explain(error, Listing)
            found.append(f"{question_for(path)}: {plain(message)}")
    for problem in checks.references_in_raw("listing", loaded, venues, config):
        path = tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", problem.field) if p)
        found.append(f"{question_for(path)}: {plain(problem.message)}")
    return list(dict.fromkeys(found))
