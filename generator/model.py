"""The listing file format, as pydantic models.

One YAML file in ``listings/`` holds one organisation and its activities. Field names follow
HSDS 3.0 / Open Referral UK where they fit, so the open-data export is a mapping.

These models check the *shape* of one file (types, formats, allowed words). Checks that need the
whole directory (do category, area and venue ids exist? are activity ids unique?) live in
``generator.checks``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import Enum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from generator import formats

# --------------------------------------------------------------------------------------------
# Small reusable field types. Their error messages are written for a volunteer to act on.

Id = Annotated[
    str,
    StringConstraints(pattern=formats.ID_PATTERN, min_length=2, max_length=80),
    Field(description="A short id of lower-case letters, numbers and hyphens, e.g. `tuesday-walk`.",
          examples=["tuesday-walk"]),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
                 AfterValidator(formats.clean_text)]
# One line: names, addresses, who checked it. Line breaks and hidden characters are refused, so
# every output (a calendar line, a CSV cell, a text message, a poster) can write it as it is.
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                      AfterValidator(formats.one_line)]
Phone = Annotated[
    str,
    AfterValidator(formats.uk_phone),
    Field(description="A UK phone number, e.g. `0151 496 0123` or `07700 900123`.",
          examples=["0151 496 0123"], json_schema_extra={"pattern": formats.PHONE_PATTERN}),
]
Email = Annotated[
    str,
    AfterValidator(formats.email),
    Field(description="An e-mail address, e.g. `name@example.org`.", examples=["name@example.org"],
          json_schema_extra={"pattern": formats.EMAIL_PATTERN}),
]
Url = Annotated[
    str,
    AfterValidator(formats.url),
    Field(description="A web address starting https:// or http://", examples=["https://www.example.org"],
          json_schema_extra={"pattern": formats.URL_PATTERN}),
]
Postcode = Annotated[
    str,
    AfterValidator(formats.postcode),
    Field(description="A UK postcode, e.g. `L17 7AA`.", examples=["L17 7AA"],
          json_schema_extra={"pattern": formats.POSTCODE_PATTERN}),
]


def _time(value: str, info: ValidationInfo) -> str:
    label = {"start": "Start time", "end": "End time"}.get(info.field_name or "", "")
    return formats.clock_time(value, label)


Time = Annotated[
    str,
    AfterValidator(_time),
    Field(description="A 24-hour time, e.g. `14:30`.", examples=["10:00", "14:30"],
          json_schema_extra={"pattern": formats.TIME_PATTERN}),
]


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, so a misspelt key is never ignored."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, coerce_numbers_to_str=True
    )


# --------------------------------------------------------------------------------------------
# Organisation


class PhoneNumber(Strict):
    number: Phone
    description: ShortText | None = Field(None, description="What the number is for, e.g. Office.")


class Maintainer(Strict):
    """Who to remind when the listing needs re-checking."""

    name: ShortText | None = Field(None, description="The person's name, e.g. Jean Example.")
    email: Email | None = Field(None, description="Their e-mail address, for reminders.")
    github: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")] | None = (
        Field(None, description="A GitHub user name, without the @.")
    )

    @model_validator(mode="after")
    def _has_a_way_to_reach(self) -> Maintainer:
        if not self.email and not self.github:
            raise ValueError("give an email or a github user name so we can remind this person")
        return self


class Governance(Strict):
    """Optional, proportionate notes shown to professionals. Never a barrier to listing."""

    safeguarding_policy: bool | None = Field(None, description="The group has a safeguarding policy.")
    insurance: bool | None = Field(None, description="The group has public liability insurance.")
    dbs_checked: bool | None = Field(None, description="Volunteers working with adults at risk or "
                                     "children have DBS checks.")
    complex_referrals: bool | None = Field(None, description="Can take referrals of people with "
                                           "complex or high needs.")
    notes: Text | None = Field(None, description="Anything else a professional referring someone should know.")


class Organisation(Strict):
    """The group or charity that runs the activities."""

    name: ShortText = Field(description="The organisation's name, as people know it.")
    description: Text | None = Field(None, description="What the organisation does, in a sentence or two.")
    website: Url | None = Field(None, description="The organisation's web site.")
    email: Email | None = Field(None, description="The organisation's e-mail address.")
    phones: list[PhoneNumber] = Field(default_factory=list, description="The organisation's phone numbers.")
    charity_number: Annotated[str, StringConstraints(pattern=r"^(SC|NI)?[0-9]{6,8}(-[0-9]+)?$")] | None = (
        Field(None, description="Charity Commission number, e.g. `1123456` (Scotland `SC012345`).")
    )
    company_number: Annotated[str, StringConstraints(pattern=r"^([0-9]{8}|[A-Z]{2}[0-9]{6})$")] | None = (
        Field(None, description="Companies House number, 8 characters, e.g. `01234567`.")
    )
    governance: Governance | None = Field(
        None, description="Optional notes for professionals (safeguarding, insurance, DBS)."
    )
    maintainers: list[Maintainer] = Field(
        default_factory=list,
        description="Who to remind when the listing needs re-checking.",
    )


# --------------------------------------------------------------------------------------------
# Schedules


class Day(str, Enum):
    monday = "monday"
    tuesday = "tuesday"
    wednesday = "wednesday"
    thursday = "thursday"
    friday = "friday"
    saturday = "saturday"
    sunday = "sunday"


class WeekOfMonth(str, Enum):
    first = "first"
    second = "second"
    third = "third"
    fourth = "fourth"
    last = "last"


class Frequency(str, Enum):
    weekly = "weekly"
    fortnightly = "fortnightly"
    monthly = "monthly"
    once = "once"


def _lower(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


class Schedule(Strict):
    """When an activity happens. One entry per pattern; list several for several patterns."""

    frequency: Frequency = Field(description="weekly, fortnightly, monthly or once.")
    days: list[Day] = Field(
        default_factory=list,
        description="Days of the week, e.g. `[Tuesday, Thursday]` (weekly, fortnightly, monthly).",
    )
    weeks: list[WeekOfMonth] = Field(
        default_factory=list,
        description="Monthly by weekday: which week(s) of the month, e.g. `[first]` or `[last]`.",
    )
    day_of_month: Annotated[int, Field(ge=1, le=31)] | None = Field(
        None, description="Monthly by date: the day of the month, 1 to 31."
    )
    dates: list[dt.date] = Field(default_factory=list, description="Once: the date(s) it happens.")
    start_date: dt.date | None = Field(
        None, description="Fortnightly: the date of the first session (it fixes which weeks it runs)."
    )
    start: Time = Field(description="Start time, 24-hour, e.g. `10:00`.")
    end: Time = Field(description="End time, 24-hour, e.g. `12:00`.")
    valid_from: dt.date | None = Field(None, description="First date of a seasonal run.")
    valid_to: dt.date | None = Field(None, description="Last date of a seasonal run.")
    not_on_bank_holidays: bool = Field(False, description="No session on bank holidays.")
    term_time_only: bool = Field(False, description="Only in school term time (see site_config).")
    notes: Text | None = Field(None, description="e.g. 'No session in August.'")

    @field_validator("days", "weeks", mode="before")
    @classmethod
    def _words_lower(cls, value: object) -> object:
        if isinstance(value, str):
            value = [value]
        return [_lower(v) for v in value] if isinstance(value, list) else value

    @field_validator("frequency", mode="before")
    @classmethod
    def _freq_lower(cls, value: object) -> object:
        return _lower(value)

    @model_validator(mode="after")
    def _can_happen(self) -> Schedule:
        formats.check_schedule(self)
        return self


# --------------------------------------------------------------------------------------------
# Where


class TransportOverride(Strict):
    """Bus details written by hand. Computed values never overwrite these."""

    nearest_stop: ShortText | None = Field(None, description='e.g. "Aigburth Vale (Stop B)".')
    buses: list[Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{1,5}$")]] = Field(
        default_factory=list, description='Bus numbers, e.g. `["82", "82A"]`.'
    )
    notes: Text | None = Field(None, description="e.g. 'The 82 stops outside the door.'")


class Venue(Strict):
    id: Id | None = Field(None, description="Only in listings/venues.yml: the id listings use.")
    name: ShortText = Field(description="The venue's name, e.g. St Anne's Church Hall.")
    address: ShortText = Field(description="Street address and town, e.g. `12 Church Road, Liverpool`.")
    postcode: Postcode
    area: Id = Field(description="An area id from site_config/areas.yml.")
    latitude: Annotated[float, Field(ge=49.0, le=61.0)] | None = Field(
        None, description="Latitude, e.g. 53.3731 (optional; found from the postcode when left out)."
    )
    longitude: Annotated[float, Field(ge=-8.7, le=2.0)] | None = Field(
        None, description="Longitude, e.g. -2.9275 (give it with latitude)."
    )
    step_free: bool | None = Field(None, description="Step-free access to the room used.")
    accessible_toilet: bool | None = Field(None, description="There is an accessible toilet.")
    hearing_loop: bool | None = Field(None, description="There is a hearing loop.")
    parking: bool | None = Field(None, description="There is parking at or next to the venue.")
    non_clinical: bool | None = Field(None, description="A community setting, not a clinic.")
    accessibility_notes: Text | None = Field(None, description="e.g. 'Ramp at the side door.'")
    transport: TransportOverride | None = Field(
        None, description="Bus details written by hand; they win over the computed ones."
    )

    @model_validator(mode="after")
    def _lat_lon_together(self) -> Venue:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("give both latitude and longitude, or neither")
        return self


class Where(Strict):
    """A venue (an id from listings/venues.yml, or written in full), or online / phone / home."""

    venue: (
        Annotated[
            Annotated[Id, Tag("id-ref")] | Annotated[Venue, Tag("inline")],
            Discriminator(lambda v: "id-ref" if isinstance(v, str) else "inline"),
        ]
        | None
    ) = Field(None, description="A venue id from listings/venues.yml, or the venue written in full.")
    online: bool = Field(False, description="It happens online (e.g. on Zoom).")
    by_phone: bool = Field(False, description="It happens by phone.")
    home_visits: bool = Field(False, description="Someone visits people at home.")
    areas: list[Id] = Field(
        default_factory=list, description="Areas served when there is no venue (e.g. home visits)."
    )
    details: Text | None = Field(None, description="e.g. 'We send the video link when you book.'")

    @model_validator(mode="after")
    def _somewhere(self) -> Where:
        if self.venue is None and not (self.online or self.by_phone or self.home_visits):
            raise ValueError("say where it happens: a venue, or online / by_phone / home_visits: true")
        return self


# --------------------------------------------------------------------------------------------
# Activity


class CostKind(str, Enum):
    free = "free"
    fixed = "fixed"
    concessions = "concessions"
    pay_what_you_can = "pay-what-you-can"


class Cost(Strict):
    kind: CostKind = Field(description="free, fixed, concessions or pay-what-you-can.")
    amount: Annotated[Decimal, Field(ge=0, le=1000, decimal_places=2)] | None = Field(
        None, description="Full price in pounds, e.g. `3.50`."
    )
    concession_amount: Annotated[Decimal, Field(ge=0, le=1000, decimal_places=2)] | None = Field(
        None, description="The reduced price in pounds, e.g. `2.00`."
    )
    description: ShortText | None = Field(None, description="e.g. 'Includes tea and cake'.")

    @field_validator("kind", mode="before")
    @classmethod
    def _kind_lower(cls, value: object) -> object:
        return _lower(value)

    @model_validator(mode="after")
    def _amounts(self) -> Cost:
        if self.kind in (CostKind.fixed, CostKind.concessions) and self.amount is None:
            raise ValueError(f"a {self.kind.value} cost needs an amount, e.g. amount: 3.50")
        if self.kind is CostKind.concessions and self.concession_amount is None:
            raise ValueError("a concessions cost needs a concession_amount, e.g. concession_amount: 2")
        return self


class Access(str, Enum):
    drop_in = "drop-in"
    book = "book"
    referral = "referral"


class Referrer(str, Enum):
    self_ = "self"
    link_worker = "link-worker"
    gp = "gp"
    receptionist = "receptionist"
    pharmacist = "pharmacist"
    other_professional = "other-professional"


class HowToGo(Strict):
    access: Access = Field(description="drop-in, book or referral.")
    referral_from: list[Referrer] = Field(
        default_factory=list, description="Who may refer: self, link-worker, gp, receptionist, pharmacist."
    )
    how: Text | None = Field(None, description="e.g. 'Ring Jean on the number below to book.'")

    @field_validator("access", mode="before")
    @classmethod
    def _access_lower(cls, value: object) -> object:
        return _lower(value)


class Audience(Strict):
    min_age: Annotated[int, Field(ge=0, le=120)] | None = Field(None, description="Youngest age, e.g. 18.")
    max_age: Annotated[int, Field(ge=0, le=120)] | None = Field(None, description="Oldest age, e.g. 24.")
    groups: list[ShortText] = Field(
        default_factory=list, description="Who it is for, e.g. carers, men, new parents."
    )
    eligibility: Text | None = Field(None, description="Who can come, e.g. 'Carers living in Liverpool.'")
    not_just_older_people: bool | None = Field(
        None, description="Say so when all ages are welcome."
    )

    @model_validator(mode="after")
    def _ages(self) -> Audience:
        if self.min_age is not None and self.max_age is not None and self.max_age < self.min_age:
            raise ValueError(f"max_age {self.max_age} is below min_age {self.min_age}")
        return self


class Capacity(str, Enum):
    open = "open"
    waiting_list = "waiting-list"
    full = "full"


class Status(str, Enum):
    active = "active"
    temporarily_closed = "temporarily-closed"
    ended = "ended"


class FirstVisit(Strict):
    bring_a_friend: bool | None = Field(None, description="You can bring a friend or carer.")
    someone_meets_you: bool | None = Field(None, description="Someone will meet you at the door.")
    refreshments: bool | None = Field(None, description="Tea, coffee or food is offered.")
    notes: Text | None = Field(None, description="What to expect the first time.")


class Activity(Strict):
    id: Id
    name: ShortText = Field(description="The activity's name, e.g. Tuesday Health Walk.")
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=140),
                       AfterValidator(formats.one_line)] = (
        Field(description="One line, at most 140 characters.")
    )
    description: Annotated[str, StringConstraints(max_length=5000),
                           AfterValidator(formats.clean_text)] | None = Field(
        None, description="Plain text with simple Markdown: paragraphs, **bold**, lists, links."
    )
    categories: list[Id] = Field(min_length=1, description="Category ids from site_config/categories.yml.")
    audience: Audience | None = Field(None, description="Who it is for: ages and groups.")
    cost: Cost = Field(description="What it costs, e.g. `{kind: free}`.")
    how_to_go: HowToGo = Field(description="Drop in, book, or by referral.")
    capacity: Capacity = Field(Capacity.open, description="open, waiting-list or full.")
    status: Status = Field(Status.active, description="active, temporarily-closed or ended.")
    languages: list[ShortText] = Field(
        default_factory=lambda: ["English"], description="Languages spoken at the activity."
    )
    communication_support: Text | None = Field(None, description="e.g. BSL interpreter on request.")
    easy_read: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)] | None = Field(
        None, description="What it is, in Easy Read: short sentences of 15 words or fewer, one idea "
                          "each, e.g. 'We walk together. The walk is slow. We have tea after.' The "
                          "Easy Read booklet uses it instead of the summary.")
    first_visit: FirstVisit | None = Field(None, description="What to expect the first time.")
    phone: Phone | None = Field(None, description="The number to ring about this activity.")
    on_the_day_phone: Phone | None = Field(None, description="The number to ring on the day.")
    email: Email | None = Field(None, description="The e-mail address for this activity.")
    website: Url | None = Field(None, description="A web page about this activity.")
    schedules: list[Schedule] = Field(
        default_factory=list, description="When it happens. Leave empty for 'ring to arrange'."
    )
    where: Where = Field(description="Where it happens: a venue, or online / by phone / home visits.")
    last_checked: dt.date = Field(description="The date a person last checked these details.")
    checked_by: ShortText = Field(description="Who checked them (a name or role).")

    @field_validator("capacity", "status", mode="before")
    @classmethod
    def _enum_lower(cls, value: object) -> object:
        return _lower(value)

    @field_validator("easy_read")
    @classmethod
    def _easy_read_sentences(cls, value: str | None) -> str | None:
        for sentence in re.split(r"(?<=[.!?])\s+", value or ""):
            if len(sentence.split()) > EASY_READ_WORDS:
                raise ValueError(f"Easy Read sentences have {EASY_READ_WORDS} words or fewer; this one "
                                 f"has {len(sentence.split())}: {sentence!r} Split it in two.")
        return value


EASY_READ_WORDS = 15


class Listing(Strict):
    """One file in listings/: an organisation and its activities."""

    organisation: Organisation = Field(description="The group or charity that runs the activities.")
    activities: list[Activity] = Field(min_length=1, description="What the organisation runs, one entry each.")


class VenuesFile(Strict):
    """listings/venues.yml: venues that several listings share, by id."""

    venues: list[Venue]

