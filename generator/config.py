"""The directory's own settings, read from ``site_config/``.

Files (all YAML, all optional except site.yml, categories.yml and areas.yml):

- ``site.yml``: name, web address, contact details, staleness policy, transport settings
- ``categories.yml``: the categories activities are filed under
- ``areas.yml``: the areas venues are in
- ``editions.yml``: the printed booklets (whole directory, per area, per surgery / PCN)
- ``places.yml``: places that display a "what's on near here" poster (pharmacies, surgeries)
- ``term_dates.yml``: school terms, for term-time-only activities
- ``synonyms.yml``: words people search with that mean the same thing (the finder uses them)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from generator.model import Email, Id, Phone, Postcode, ShortText, Strict, Text, Url


class Staleness(Strict):
    due_after_months: Annotated[int, Field(ge=1, le=60)] = Field(
        6, description="A listing is due for a check this many months after last_checked."
    )
    stale_after_months: Annotated[int, Field(ge=1, le=120)] = Field(
        12, description="A listing is stale this many months after last_checked."
    )
    print_stale: Literal["omit", "mark"] = Field(
        "omit", description="Leave stale listings out of print (omit) or print them marked (mark)."
    )

    @model_validator(mode="after")
    def _order(self) -> Staleness:
        if self.stale_after_months < self.due_after_months:
            raise ValueError("stale_after_months must not be less than due_after_months")
        return self


class TransportSettings(Strict):
    max_distance_m: Annotated[int, Field(ge=50, le=2000)] = 400
    walking_speed_m_per_min: Annotated[float, Field(gt=10, le=120)] = Field(
        50, description="A slow walking pace, in metres a minute."
    )
    max_stops: Annotated[int, Field(ge=1, le=10)] = 3
    naptan: str | None = Field(None, description="NaPTAN stops CSV, relative to site_config/.")
    gtfs: str | None = Field(None, description="GTFS feed (zip or folder), relative to site_config/.")
    postcodes: str | None = Field(
        None, description="Postcode centroid CSV (postcode, latitude, longitude), relative to site_config/."
    )
    journey_planner_url: str | None = Field(
        "https://www.openstreetmap.org/directions?to={lat}%2C{lon}",
        description="Link out for journey planning; {lat} {lon} {postcode} are filled in.",
    )


ESPEAK = ["espeak-ng", "-v", "en-gb", "-s", "150", "-w", "{wav}", "-f", "{text}"]


class FormatSettings(Strict):
    """Braille, audio and Easy Read editions (python -m generator print and build)."""

    speech: list[str] = Field(
        default_factory=lambda: list(ESPEAK), min_length=1,
        description="The local speech command, one argument a line: {text} is a UTF-8 text file to "
                    "read, {wav} the WAV file to write. The default is espeak-ng's British English "
                    "voice at 150 words a minute; any local engine that writes WAV will do.",
    )
    audio_kbps: Annotated[int, Field(ge=16, le=128)] = Field(
        24, description="MP3 bit rate of the audio editions (mono, 16 kHz), in kbit/s."
    )


class Contact(Strict):
    email: Email | None = None
    phone: Phone | None = None
    address: ShortText | None = None


class Smtp(Strict):
    """How `python -m generator remind --send` sends reminders. The password is never written
    here: it is read from the environment variable named by password_env."""

    host: ShortText = Field(description="The mail server, e.g. smtp.example.org.")
    port: Annotated[int, Field(ge=1, le=65535)] = Field(587, description="Usually 587 (with starttls).")
    from_: Email = Field(alias="from", description="The address reminders come from (replies go to contact.email).")
    starttls: bool = Field(True, description="Encrypt the connection with STARTTLS (leave true unless "
                           "the server is on this computer).")
    user: ShortText | None = Field(None, description="The user name to log in with, if the server needs one.")
    password_env: Annotated[str, Field(pattern=r"^[A-Z_][A-Z0-9_]*$")] = Field(
        "WHATS_ON_SMTP_PASSWORD", description="The environment variable that holds the password.")


class AccessibilityStatement(Strict):
    """The dates and status the accessibility statement gives (GOV.UK's model statement)."""

    prepared: dt.date = Field(description="When the statement was first written.")
    reviewed: dt.date = Field(description="When a person last reviewed it: not the build date.")
    tested: dt.date | None = Field(None, description="When the site was last tested by a person.")
    compliance: Literal["fully", "partially", "not"] = Field(
        "partially", description="fully, partially or not compliant with WCAG 2.2 AA.")


class SiteSettings(Strict):
    name: ShortText = Field(description="The directory's name, e.g. 'What's On in South Liverpool'.")
    short_name: Annotated[str, Field(max_length=30)] | None = None
    description: Text | None = None
    url: Url = Field(description="Where the site is published; used for QR codes and links in print.")
    publisher: ShortText = Field(description="Who runs the directory, e.g. a CVS or Healthwatch.")
    contact: Contact = Field(default_factory=Contact)
    github_repository: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")] | None = None
    language: str = "en-GB"
    timezone: str = "Europe/London"
    bank_holidays: Literal["england-and-wales", "scotland", "northern-ireland"] = "england-and-wales"
    staleness: Staleness = Field(default_factory=Staleness)
    transport: TransportSettings = Field(default_factory=TransportSettings)
    smtp: Smtp | None = Field(None, description="The mail server for reminder e-mails (optional).")
    whats_new_weeks: Annotated[int, Field(ge=1, le=104)] = Field(
        8, description="How many weeks back the \"What's new\" page and feed go.")
    formats: FormatSettings = Field(default_factory=FormatSettings)
    accessibility: AccessibilityStatement | None = Field(
        None, description="The accessibility statement's dates and compliance status.")


class Category(Strict):
    id: Id
    name: ShortText
    description: Text | None = None
    esd_service_type: str | None = Field(None, description="LGA esd service type code, e.g. '1234'.")
    openactive: str | None = Field(None, description="OpenActive activity list id, if any.")
    picture: Annotated[str, Field(pattern=r"^[0-9A-F]{4,6}(-[0-9A-F]{4,6})*$")] | None = Field(
        None, description="The Easy Read picture: an OpenMoji emoji's code in capitals, e.g. `1F6B6` "
                          "(a person walking). Without it a star is shown.")


class Area(Strict):
    id: Id
    name: ShortText
    description: Text | None = None
    latitude: float | None = None
    longitude: float | None = None


class Centre(Strict):
    latitude: float
    longitude: float


class Edition(Strict):
    id: Id
    title: ShortText
    description: Text | None = None
    areas: list[Id] = Field(default_factory=list, description="Areas included. Empty means all.")
    centre: Centre | None = None
    radius_km: Annotated[float, Field(gt=0, le=100)] | None = None
    include_online: bool = Field(True, description="Include online, phone and home-visit activities.")

    @model_validator(mode="after")
    def _radius(self) -> Edition:
        if (self.centre is None) != (self.radius_km is None):
            raise ValueError("give both centre and radius_km, or neither")
        return self


class Place(Strict):
    id: Id
    name: ShortText
    kind: ShortText = Field(description="e.g. pharmacy, GP surgery, library.")
    address: ShortText
    postcode: Postcode
    area: Id
    latitude: float
    longitude: float


class Term(Strict):
    name: ShortText | None = None
    start: dt.date
    end: dt.date


class SynonymsFile(Strict):
    synonyms: list[Annotated[list[ShortText], Field(min_length=2)]] = Field(
        default_factory=list,
        description="Groups of words or short phrases that mean the same thing to the people "
                    "searching, e.g. [foodbank, food bank, food pantry]. Each group at least two.")


class CategoriesFile(Strict):
    categories: list[Category]


class AreasFile(Strict):
    areas: list[Area]


class EditionsFile(Strict):
    editions: list[Edition]


class PlacesFile(Strict):
    places: list[Place]


class TermDatesFile(Strict):
    terms: list[Term]


class SiteConfig(Strict):
    """All of site_config/, read once."""

    root: Path
    site: SiteSettings
    categories: tuple[Category, ...]
    areas: tuple[Area, ...]
    editions: tuple[Edition, ...] = ()
    places: tuple[Place, ...] = ()
    terms: tuple[Term, ...] = ()
    synonyms: tuple[tuple[str, ...], ...] = ()

    @property
    def category_by_id(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    @property
    def area_by_id(self) -> dict[str, Area]:
        return {a.id: a for a in self.areas}

    def path(self, relative: str) -> Path:
        return self.root / relative


# Which file holds which part of SiteConfig, and whether it must exist.
FILES: dict[str, tuple[type[Strict], bool]] = {
    "site.yml": (SiteSettings, True),
    "categories.yml": (CategoriesFile, True),
    "areas.yml": (AreasFile, True),
    "editions.yml": (EditionsFile, False),
    "places.yml": (PlacesFile, False),
    "term_dates.yml": (TermDatesFile, False),
    "synonyms.yml": (SynonymsFile, False),
}

__all__ = ["SiteConfig", "FILES", "Edition", "Place", "Category", "Area", "Term", "Url"]
