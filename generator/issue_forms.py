"""The GitHub issue forms, defined once here and written from site_config/.

``python -m generator github-templates`` writes ``.github/ISSUE_TEMPLATE/*.yml`` from this
module: the category and area choices and every web address come from the directory's own
settings, so the forms cannot drift from them (``--check`` fails when the files are out of date).
The converter (``generator.issue_to_listing``) reads issues back with the same labels, in the
same order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from generator.config import SiteConfig

HEADER = ("# Made by `python -m generator github-templates` from site_config/. Do not edit by hand:\n"
          "# change this in generator/issue_forms.py or site_config/, then run the command again.\n")

FREQUENCY_CHOICES = ["Every week", "Every two weeks", "Once a month", "On one date only",
                     "No fixed times (ring to arrange)"]
COST_CHOICES = ["Free", "A fixed price", "A lower price for some people (concessions)", "Pay what you can"]
ACCESS_CHOICES = ["Just turn up", "Book first", "Needs a referral"]
CAPACITY_CHOICES = ["Yes, new people welcome", "There is a waiting list", "Full at the moment"]
DAY_CHOICES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEK_CHOICES = ["First", "Second", "Third", "Fourth", "Last"]
STILL_CORRECT = "Everything not changed below is still correct"
ALL_CORRECT = "I have checked: everything in the listing is still correct"
TIMES_NOTE = "Write times as you like: 10am, 2.30pm, half past ten or 14:30."

Options = list[str] | Callable[[SiteConfig], list[str]]


@dataclass(frozen=True)
class Question:
    id: str  # the key the converter uses, and the query-string key the web form fills in
    type: str  # input, textarea, dropdown, checkboxes
    label: str
    description: str | None = None
    placeholder: str | Callable[[SiteConfig], str] | None = None
    options: Options | None = None
    multiple: bool = False
    required: bool = False
    render: str | None = None


@dataclass(frozen=True)
class Form:
    kind: str  # what issue-to-listing calls it: new, update, stopped, checked
    file: str
    name: str
    description: str
    title: str
    label: str  # the GitHub label the workflow listens for
    intro: str | Callable[[SiteConfig], str] | None = None
    questions: tuple[Question, ...] = field(default_factory=tuple)


def _categories(config: SiteConfig) -> list[str]:
    return [c.name for c in config.categories]


def _areas(config: SiteConfig) -> list[str]:
    return [a.name for a in config.areas]


def _activity_page(config: SiteConfig) -> str:
    return f"{config.site.url.rstrip('/')}/activities/tuesday-walk/"


def form_url(config: SiteConfig) -> str:
    return f"{config.site.url.rstrip('/')}/add/"


ACTIVITY = Question("activity_id", "input", "Which activity?",
                    "The web address of its page, or its id (the last part of that address).",
                    _activity_page, required=True)
NAME = Question("checked_by", "input", "Your name",
                "We record who checked the details, and when.", required=True)
LISTING_YAML = Question("listing_yaml", "textarea", "Listing file from the web form",
                        "Filled in by the web form. Leave it as it is.", render="yaml")


def _schedule_questions(required: bool) -> tuple[Question, ...]:
    return (
        Question("frequency", "dropdown", "How often does it happen?", options=FREQUENCY_CHOICES,
                 required=required),
        Question("days", "dropdown", "Which day or days?", options=DAY_CHOICES, multiple=True),
        Question("weeks", "dropdown", "Which week of the month? (monthly only)", options=WEEK_CHOICES,
                 multiple=True),
        Question("dates", "input", "Date", "For a one-off, the date (or dates, separated by commas). "
                 "For every two weeks, the date of one session.", "05/12/2026" if required else None),
        Question("start", "input", "Start time", TIMES_NOTE, "10am" if required else None),
        Question("end", "input", "End time", None, "11.30am" if required else None),
    )


def _cost_questions(required: bool) -> tuple[Question, ...]:
    return (
        Question("cost", "dropdown", "What does it cost?", options=COST_CHOICES, required=required),
        Question("price", "input", "Price in pounds", None, "3.50" if required else None),
        Question("concession_price", "input", "Lower price in pounds", None, "2.00" if required else None),
    )


def _contact_questions(placeholders: bool) -> tuple[Question, ...]:
    return (
        Question("phone", "input", "Phone number", None, "0151 496 0123" if placeholders else None),
        Question("on_the_day_phone", "input", "Number to ring on the day", None,
                 "07700 900123" if placeholders else None),
        Question("email", "input", "E-mail address"),
        Question("website", "input", "Website"),
    )


def _new_intro(config: SiteConfig) -> str:
    return ("Thank you for telling us about your activity. Fill in what you can: a volunteer will "
            "check it and ask if anything is unclear.\n"
            f"Rather not use GitHub? Our web form ({form_url(config)}) does the same, and can send "
            "your answers by e-mail.\n"
            'Used our web form ("Add or update your activity")? Everything is already filled in below.\n')


FORMS: tuple[Form, ...] = (
    Form("new", "add-activity.yml", "Add an activity",
         "List your group's activity in the directory. No special skills needed; we check it before "
         "it goes live.", "Add: ", "listing: new", _new_intro, (
             Question("organisation", "input", "Your group or organisation", "Its name as people know it.",
                      required=True),
             Question("activity", "input", "Name of the activity", placeholder="Tuesday Health Walk",
                      required=True),
             Question("summary", "input", "One line about it", "At most 140 characters.",
                      "A gentle one-hour walk round the park, then tea."),
             Question("description", "textarea", "More about it"),
             Question("categories", "dropdown", "What kind of activity is it?", options=_categories,
                      multiple=True, required=True),
             *_schedule_questions(True),
             Question("venue", "input", "Where is it?", "The venue's name as it appears on the "
                      "directory, or its name and full address with postcode.",
                      "St Anne's Church Hall, 12 Example Road, Liverpool L17 7AA"),
             Question("area", "dropdown", "Which area is the venue in?", options=_areas),
             Question("elsewhere", "checkboxes", "Not at a venue?", options=["Online", "By phone", "Home visits"]),
             *_cost_questions(True),
             Question("access", "dropdown", "How do people join?", options=ACCESS_CHOICES, required=True),
             *_contact_questions(True),
             Question("first_visit", "textarea", "What to expect the first time"),
             NAME,
             Question("contact_email", "input", "Your e-mail, for a reminder to re-check the listing"),
             LISTING_YAML,
         )),
    Form("update", "update-listing.yml", "Update or correct a listing",
         "Change the details of an activity that is already listed, or tell us it is still correct.",
         "Update: ", "listing: update",
         "Fill in only what has changed and leave the rest blank. " + TIMES_NOTE + "\n"
         "Tick the box only if you have checked that everything else is still right: we then record "
         "today as the date the listing was last checked.\n", (
             ACTIVITY,
             Question("still_correct", "checkboxes", "Still correct?", options=[STILL_CORRECT]),
             Question("summary", "input", "One line about it"),
             *_schedule_questions(False),
             *_cost_questions(False),
             Question("capacity", "dropdown", "Can new people join?", options=CAPACITY_CHOICES),
             *_contact_questions(False),
             Question("other_changes", "textarea", "Anything else to change",
                      "A volunteer will make these changes by hand."),
             NAME,
             LISTING_YAML,
         )),
    Form("checked", "still-correct.yml", "Nothing has changed",
         "Tell us your listing is still right, so we can record that it has been checked.",
         "Still correct: ", "listing: checked",
         "Thank you for checking. This records today as the date the listing was last checked.\n", (
             Question("activity_id", "input", "Which activity?", "The web address of its page, or its "
                      "id. Several are fine, separated by commas.", _activity_page, required=True),
             Question("all_correct", "checkboxes", "Is it all still correct?",
                      options=[ALL_CORRECT], required=True),
             NAME,
         )),
    Form("stopped", "activity-stopped.yml", "This activity has stopped",
         "Tell us an activity no longer runs, so we take it out of the directory and the booklets.",
         "Stopped: ", "listing: stopped", None, (
             ACTIVITY,
             Question("last_date", "input", "When was the last session? (if you know)",
                      placeholder="30/11/2026"),
             Question("notes", "textarea", "Anything people should know",
                      "For example, a group nearby that does something similar."),
             Question("checked_by", "input", "Your name", required=True),
         )),
)

BY_KIND = {form.kind: form for form in FORMS}
LABELS = {q.label: q.id for form in FORMS for q in form.questions}  # label -> key, every form


def _resolve(value: object, config: SiteConfig) -> object:
    return value(config) if callable(value) else value


def _element(q: Question, config: SiteConfig) -> dict:
    attributes: dict[str, object] = {"label": q.label}
    if q.description:
        attributes["description"] = q.description
    placeholder = _resolve(q.placeholder, config)
    if placeholder:
        attributes["placeholder"] = placeholder
    if q.type == "dropdown":
        if q.multiple:
            attributes["multiple"] = True
        attributes["options"] = list(_resolve(q.options, config))
    if q.type == "checkboxes":
        attributes["options"] = [{"label": o, **({"required": True} if q.required else {})}
                                 for o in _resolve(q.options, config)]
    if q.render:
        attributes["render"] = q.render
    element: dict[str, object] = {"type": q.type, "id": q.id, "attributes": attributes}
    if q.required and q.type != "checkboxes":
        element["validations"] = {"required": True}
    return element


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as people write GitHub's YAML."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)


def _dump(data: dict) -> str:
    return HEADER + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)


def template(form: Form, config: SiteConfig) -> str:
    body: list[dict] = []
    intro = _resolve(form.intro, config)
    if intro:
        body.append({"type": "markdown", "attributes": {"value": intro}})
    body += [_element(q, config) for q in form.questions]
    return _dump({"name": form.name, "description": form.description, "title": form.title,
                  "labels": [form.label], "body": body})


def contact_links(config: SiteConfig) -> str:
    return _dump({"blank_issues_enabled": True, "contact_links": [{
        "name": "Add or update your activity with our web form",
        "url": form_url(config),
        "about": "A step-by-step form in everyday words. No GitHub account needed if you e-mail "
                 "or download the result.",
    }]})


def templates(config: SiteConfig) -> dict[str, str]:
    """file name -> text, for .github/ISSUE_TEMPLATE/."""
    out = {form.file: template(form, config) for form in FORMS}
    out["config.yml"] = contact_links(config)
    return out


# The labels the workflows use, with a colour and a description (created by the command's --labels).
LABELS_TO_CREATE = (
    *((form.label, "0E8A16", f"Issue form: {form.name}") for form in FORMS),
    ("listing", "1D76DB", "A pull request made from a listing issue"),
    ("staleness", "FBCA04", "The weekly list of listings to re-check"),
)
