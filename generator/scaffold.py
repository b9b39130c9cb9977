"""`python -m generator new`: a valid listing file from a few answers, so nobody starts from a
blank page. Each answer is checked with the same rules `validate` uses, and asked again when it
is wrong."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from generator import everyday, formats, listing_store
from generator.config import SiteConfig
from generator.model import Day, Venue
from generator.problems import suggest

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.'()&/!?-]*")


class Invalid(ValueError):
    """An answer that cannot be used; the message says what to write instead."""


def yaml_text(value: str) -> str:
    """A value as YAML that reads back as exactly this text."""
    if (_PLAIN.fullmatch(value) and not value.endswith(" ") and ": " not in value
            and " #" not in value and not re.fullmatch(r"[0-9.:+-]+", value)
            and value.lower() not in ("true", "false", "null", "yes", "no", "on", "off")):
        return value
    return json.dumps(value, ensure_ascii=False)


slug = listing_store.slug  # the one slug: names and ids are made in the listing store


# ---------------------------------------------------------------------------------------------
# Questions


@dataclass(frozen=True)
class Question:
    key: str
    prompt: str
    check: Callable[[str, dict[str, str]], str]  # (answer, answers so far) -> clean value
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) shown as a numbered list
    optional: bool = False
    when: Callable[[dict[str, str]], bool] = lambda answers: True


def _text(limit: int, what: str) -> Callable[[str, dict[str, str]], str]:
    def check(value: str, _answers: dict[str, str]) -> str:
        value = " ".join(value.split())
        if not value:
            raise Invalid(f"Please write {what}.")
        if len(value) > limit:
            raise Invalid(f"That is {len(value)} characters; please keep it to {limit}.")
        return value
    return check


def _choice(options: tuple[tuple[str, str], ...], kind: str, where: str):
    ids = [value for value, _ in options]

    def check(value: str, _answers: dict[str, str]) -> str:
        value = value.strip()
        if value.isdigit() and 1 <= int(value) <= len(options):
            return ids[int(value) - 1]
        if value.lower() in ids:
            return value.lower()
        by_label = {label.lower(): v for v, label in options}
        if value.lower() in by_label:
            return by_label[value.lower()]
        raise Invalid(f'"{value}" is not {kind}.{suggest(value, ids)} Type a number from 1 to '
                      f"{len(options)}, or an id from {where}.")
    return check


def _day(value: str, _answers: dict[str, str]) -> str:
    word = value.strip().lower()
    days = [d.value for d in Day]
    if word in days:
        return word
    for d in days:  # "tue", "tues", "weds" …
        if len(word) >= 3 and d.startswith(word[:3]):
            return d
    raise Invalid(f'"{value}" is not a day.{suggest(word, days)} Write Monday, Tuesday, …')


def _clock(value: str, label: str) -> str:
    """10:00, 10am, 2.30pm, noon, half past ten (generator/everyday.py)."""
    try:
        return str(everyday.clock(value).value)
    except everyday.Unclear as err:
        raise Invalid(f"{label}: {err}") from None


def _start(value: str, _answers: dict[str, str]) -> str:
    return _clock(value, "Start time")


def _end(value: str, answers: dict[str, str]) -> str:
    end = _clock(value, "End time")
    start = answers.get("start")
    if start and formats.minutes(end) <= formats.minutes(start):
        raise Invalid(f"It ends at {end}, which is not after it starts at {start}. "
                      "Use the 24-hour clock: 2pm is 14:00.")
    return end


def _cost(value: str, _answers: dict[str, str]) -> str:
    text = value.strip().lower().lstrip("£").strip()
    if text in ("free", "0", "0.00", "nothing"):
        return "free"
    if text in ("pay what you can", "pay-what-you-can", "donation"):
        return "pay-what-you-can"
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise Invalid(f'"{value}" is not a cost. Write free, pay what you can, or an amount '
                      "like 3.50.") from None
    if amount < 0 or amount > 1000 or amount.as_tuple().exponent < -2:
        raise Invalid(f'"{value}" is not an amount in pounds and pence. Write it like 3.50.')
    return f"{amount:.2f}"


def _wrap(check: Callable[[str], str]) -> Callable[[str, dict[str, str]], str]:
    def run(value: str, _answers: dict[str, str]) -> str:
        try:
            return check(value.strip())
        except ValueError as err:
            raise Invalid(f"{err}.") from None
    return run


def _name(value: str, answers: dict[str, str]) -> str:
    return _text(200, "your name (or your role, like Secretary)")(value, answers)


def questions(config: SiteConfig, venues: Mapping[str, Venue]) -> list[Question]:
    categories = tuple((c.id, c.name) for c in config.categories)
    areas = tuple((a.id, a.name) for a in config.areas)
    venue_ids = sorted(venues)

    def venue(value: str, _answers: dict[str, str]) -> str:
        word = value.strip().lower()
        if word in ("new", ""):
            if word == "":
                raise Invalid('Please give a venue id from listings/venues.yml, or type "new".')
            return "new"
        if word in venues:
            return word
        raise Invalid(f'"{value}" is not a venue id we know.{suggest(word, venue_ids)} Give an id '
                      'from listings/venues.yml, or type "new" to describe the place.')

    def new_venue(answers: dict[str, str]) -> bool:
        return answers.get("venue") == "new"

    def yes_no(value: str, _answers: dict[str, str]) -> str:
        word = value.strip().lower()
        if word in ("y", "yes", "1"):
            return "yes"
        if word in ("n", "no", "2", ""):
            return "no"
        raise Invalid(f'"{value}" is not yes or no.')

    return [
        Question("org", "What is your organisation or group called?", _text(200, "its name")),
        Question("activity", "What is the activity called? (e.g. Tuesday Health Walk)",
                 _text(200, "its name")),
        Question("summary", "Say what it is in one line (at most 140 characters):",
                 _text(140, "one line about it")),
        Question("category", "Which category fits best?", _choice(categories, "a category",
                 "site_config/categories.yml"), choices=categories),
        Question("day", "Which day of the week is it on? (e.g. Tuesday)", _day),
        Question("start", "What time does it start? (24-hour, e.g. 10:00)", _start),
        Question("end", "What time does it end? (e.g. 12:00)", _end),
        Question("venue", 'Where is it? Give a venue id from listings/venues.yml, or type "new":',
                 venue),
        Question("venue_name", "What is the venue called?", _text(200, "the venue's name"),
                 when=new_venue),
        Question("address", "Its street address and town:", _text(200, "the address"), when=new_venue),
        Question("postcode", "Its postcode:", _wrap(formats.postcode), when=new_venue),
        Question("area", "Which area is it in?", _choice(areas, "an area", "site_config/areas.yml"),
                 choices=areas, when=new_venue),
        Question("shared_venue", "Do other groups meet there too? If yes, it goes into "
                 "listings/venues.yml for them to use. (yes or no)", yes_no, optional=True,
                 when=new_venue),
        Question("cost", "What does it cost? (free, pay what you can, or an amount like 3.50)", _cost),
        Question("access", "How do people join?", _choice(ACCESS, "a way to join", "the list above"),
                 choices=ACCESS),
        Question("phone", "A phone number people can ring about it (leave blank for none):",
                 _wrap(formats.uk_phone), optional=True),
        Question("checked_by", "Your name (we note who checked the details):", _name),
        Question("email", "Your e-mail, so we can remind you to re-check (leave blank to skip):",
                 _wrap(formats.email), optional=True),
    ]


def check_answer(question: Question, value: str, answers: dict[str, str]) -> str:
    """The clean value, '' for a skipped optional question; raises Invalid."""
    if question.optional and not value.strip():
        return ""
    return question.check(value, answers)


# ---------------------------------------------------------------------------------------------
# The file


def activity_id(answers: Mapping[str, str], taken: set[str]) -> str:
    base = slug(answers["activity"]) or "activity"
    if len(base) < 2:
        base = f"{base}-activity"
    candidate = base
    if candidate in taken:
        candidate = f"{slug(answers['org'])}-{base}"[:80].strip("-")
    n = 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def _cost_yaml(cost: str) -> str:
    if cost in ("free", "pay-what-you-can"):
        return f"{{kind: {cost}}}"
    return f"{{kind: fixed, amount: {cost}}}"


def render(answers: Mapping[str, str], activity: str, today: dt.date) -> str:
    q = {k: yaml_text(v) for k, v in answers.items() if v}
    maintainer = (
        f"  maintainers:   # who we remind when the listing needs re-checking\n"
        f"    - name: {q['checked_by']}\n      email: {q['email']}\n"
        if answers.get("email") else
        "  # maintainers:   # who we remind when the listing needs re-checking\n"
        f"  #   - name: {q['checked_by']}\n  #     email: you@example.org   # or github: your-name\n"
    )
    phone = (f"    phone: {q['phone']}\n" if answers.get("phone")
             else "    # phone: 0151 496 0123\n")
    if answers["venue"] == "new" and answers.get("shared_venue") != "yes":
        where = (
            "    where:\n      venue:\n"
            f"        name: {q['venue_name']}\n        address: {q['address']}\n"
            f"        postcode: {q['postcode']}\n        area: {q['area']}\n"
            "        # step_free: true          # step-free way in to the room you use\n"
            "        # accessible_toilet: true\n        # hearing_loop: true\n"
        )
    else:
        where = f"    where:\n      venue: {q['venue']}\n"
    return (
        "# yaml-language-server: $schema=../schema/listing.schema.json\n"
        f"# The listing for {answers['org']}. Made with `python -m generator new`: change anything.\n"
        "# Lines starting with # are notes or optional lines: remove the # to use one.\n"
        "organisation:\n"
        f"  name: {q['org']}\n"
        "  # description: What your group does, in a sentence or two.\n"
        "  # website: https://www.example.org\n"
        "  # email: hello@example.org\n"
        f"{maintainer}"
        "activities:\n"
        f"  - id: {activity}\n"
        f"    name: {q['activity']}\n"
        f"    summary: {q['summary']}\n"
        "    # description: |\n"
        "    #   More about it: what happens, what to bring. **Bold** and lists are fine.\n"
        f"    categories: [{answers['category']}]\n"
        f"    cost: {_cost_yaml(answers['cost'])}\n"
        "    how_to_go:\n"
        f"      access: {answers['access']}   # drop-in, book or referral\n"
        f"{phone}"
        "    # on_the_day_phone: 07700 900123   # the number to ring on the day\n"
        "    schedules:\n"
        "      - frequency: weekly   # or fortnightly (add start_date), monthly (add weeks: [first])\n"
        f"        days: [{answers['day']}]\n"
        f"        start: \"{answers['start']}\"\n"
        f"        end: \"{answers['end']}\"\n"
        "        # not_on_bank_holidays: true\n"
        f"{where}"
        "    # first_visit:\n"
        "    #   bring_a_friend: true\n"
        "    #   someone_meets_you: true\n"
        "    #   refreshments: true\n"
        f"    last_checked: {today.isoformat()}   # the date a person last checked these details\n"
        f"    checked_by: {q['checked_by']}\n"
    )


ACCESS = (("drop-in", "Just turn up"), ("book", "Book first"), ("referral", "Needs a referral"))


def add_shared_venue(listings: Path, answers: Mapping[str, str]) -> str:
    """Put the new venue into listings/venues.yml (made if missing) so other groups can use it;
    returns its id. The rest of the file is left exactly as it was."""
    path = Path(listings) / listing_store.VENUES_FILE
    original = path.read_text(encoding="utf-8") if path.exists() else "venues: []\n"
    taken = set(re.findall(r"^\s*-?\s*\{?\s*id:\s*([a-z0-9-]+)", original, re.M))
    venue_id = listing_store.unique(slug(answers["venue_name"]) or "venue", taken)
    data = listing_store.yaml().load(original) or {}
    if not isinstance(data.get("venues"), list):
        raise Invalid(f"{path} has no venues: list, so the venue was not added. Add it by hand.")
    venues = data["venues"]
    if not venues:
        venues.fa.set_block_style()
    venues.append(listing_store.to_node({"id": venue_id, "name": answers["venue_name"],
                                         "address": answers["address"], "postcode": answers["postcode"],
                                         "area": answers["area"]}))
    text = listing_store.dump(data, original=original) if path.exists() else listing_store.dump(data)
    listing_store.write(listings, path, text)
    return venue_id


def file_for(listings: Path, answers: Mapping[str, str]) -> Path:
    return listing_store.path_for(listings, slug(answers["org"]) or "listing")


def taken_ids(listings: Path) -> set[str]:
    """Activity ids already used (read from the text: quick, and fine for a hint)."""
    return set(listing_store.activity_ids(listings))
