"""Reminder e-mails: one to each group with activities due for a check or stale.

Most groups are volunteers with an e-mail address and no GitHub account, so the weekly issue
alone reaches few of them. Each e-mail says, in plain English, which activities to check and when
each was last checked, links each activity's "Update this activity" form (already filled in),
and offers a one-step "Nothing has changed": reply to the e-mail (it carries the activities' ids), or
a prefilled GitHub issue of the "Nothing has changed" kind, which ``issue-to-listing --kind
checked`` records.

Messages are RFC 5322 (``email.message.EmailMessage``). ``send`` speaks SMTP with the settings in
site.yml (``smtp:``) and a password from the environment; a sent-log (a small JSON file the
coordinator keeps, git-ignored by default) makes sure no group is sent two reminders in a week.
Maintainers' addresses are private: they appear only in the messages themselves, never in the
summary printed (which may end up in a public CI log).
"""

from __future__ import annotations

import datetime as dt
import json
import smtplib
import ssl
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.config import SiteConfig
from generator.directory import Directory, OrganisationEntry
from generator.freshness import Freshness
from generator.words.dates import long_date

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates" / "remind"
STATE = Path(".whats-on") / "reminders-sent.json"
OUT = Path(".whats-on") / "reminders"
QUIET_DAYS = 7  # nothing is sent to the same group twice within this many days
STILL_CORRECT_TEMPLATE = "still-correct.yml"


def update_link(config: SiteConfig, activity_id: str) -> str:
    """The site's "Update this activity" address: the form, already filled in."""
    return f"{config.site.url.rstrip('/')}/add/?activity={urllib.parse.quote(activity_id)}"


def still_correct_issue(config: SiteConfig, organisation: str, ids: Iterable[str]) -> str | None:
    """A new GitHub issue of the "Nothing has changed" kind, filled in, or None without a repository."""
    repo = config.site.github_repository
    if not repo:
        return None
    query = urllib.parse.urlencode({"template": STILL_CORRECT_TEMPLATE,
                                    "title": f"Still correct: {organisation}",
                                    "activity_id": ", ".join(ids)})
    return f"https://github.com/{repo}/issues/new?{query}"


@dataclass(frozen=True)
class Item:
    id: str
    name: str
    state: str  # due or stale
    last_checked: str
    checked_by: str
    update_link: str


@dataclass
class Reminder:
    org_id: str
    organisation: str
    items: list[Item]
    to: list[tuple[str, str]]  # (name, address); empty: nobody to e-mail
    message: EmailMessage | None = None
    skipped: str | None = None  # why it was not sent this time

    @property
    def counts(self) -> str:
        stale = sum(1 for i in self.items if i.state == "stale")
        due = len(self.items) - stale
        parts = [f"{stale} stale" if stale else "", f"{due} due" if due else ""]
        return ", ".join(p for p in parts if p)


def recipients(org: OrganisationEntry) -> list[tuple[str, str]]:
    """Maintainers with an e-mail address; else the organisation's own address."""
    found = [(m.name or "", m.email) for m in org.organisation.maintainers if m.email]
    if not found and org.organisation.email:
        found = [("", org.organisation.email)]
    return list(dict.fromkeys(found))


def _items(org: OrganisationEntry, directory: Directory) -> list[Item]:
    out = []
    for entry in org.activities:
        if entry.freshness not in (Freshness.due, Freshness.stale):
            continue
        a = entry.activity
        out.append(Item(a.id, a.name, entry.freshness.value, long_date(a.last_checked, weekday=False),
                        a.checked_by,
                        update_link(directory.config, a.id)))
    return sorted(out, key=lambda i: (i.state != "stale", i.name.lower()))


@lru_cache(maxsize=1)
def _template():
    return _environment().get_template("reminder.txt.j2")


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def message(reminder: Reminder, directory: Directory, when: dt.datetime) -> EmailMessage:
    config = directory.config
    site = config.site
    ids = [i.id for i in reminder.items]
    names = [n for n, _ in reminder.to if n]
    text = _template().render(
        greeting=names[0].split()[0] if len(names) == 1 else "",
        site_name=site.name, organisation=reminder.organisation, items=reminder.items,
        stale_months=site.staleness.stale_after_months,
        stale_effect=("it is left out of the printed booklets until it is checked"
                      if site.staleness.print_stale == "omit" else
                      "the printed booklets mark it as not checked recently"),
        reference=" ".join(ids),
        github_link=still_correct_issue(config, reminder.organisation, ids),
        publisher=site.publisher, contact_email=site.contact.email, contact_phone=site.contact.phone)
    msg = EmailMessage()
    sender = site.smtp.from_ if site.smtp else (site.contact.email or "reminders@localhost")
    msg["From"] = formataddr((site.name, sender))
    msg["To"] = ", ".join(formataddr(pair) for pair in reminder.to)
    if site.contact.email:
        msg["Reply-To"] = formataddr((site.name, site.contact.email))
    noun = "activity" if len(ids) == 1 else "activities"
    msg["Subject"] = f"Please check your {noun} in {site.name}: {reminder.organisation}"
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = make_msgid("remind", domain=urllib.parse.urlparse(site.url).hostname or "localhost")
    msg["X-Whats-On-Activities"] = " ".join(ids)  # for the coordinator: `checked` takes these ids
    # Paragraphs are not wrapped by hand: a phone's mail app wraps them to its screen, where lines
    # broken at 72 characters come out ragged (RFC 5322 allows lines of up to 998).
    msg.set_content(text, cte="7bit" if text.isascii() else "8bit")
    return msg


# ---------------------------------------------------------------------------------------------
# The sent-log


def read_state(path: Path) -> dict[str, str]:
    """org id -> the date (YYYY-MM-DD) its last reminder was sent."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def write_state(path: Path, state: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dict(sorted(state.items())), indent=2) + "\n", encoding="utf-8")


def _recently(state: dict[str, str], org_id: str, today: dt.date) -> dt.date | None:
    try:
        last = dt.date.fromisoformat(state.get(org_id, ""))
    except ValueError:
        return None
    return last if 0 <= (today - last).days < QUIET_DAYS else None


# ---------------------------------------------------------------------------------------------
# Making and sending


def reminders(directory: Directory, state: dict[str, str], when: dt.datetime | None = None) -> list[Reminder]:
    today = directory.today
    when = when or dt.datetime.combine(today, dt.time(9, 0), tzinfo=dt.UTC)
    out = []
    for org in directory.organisations:
        items = _items(org, directory)
        if not items:
            continue
        reminder = Reminder(org.id, org.organisation.name, items, recipients(org))
        last = _recently(state, org.id, today)
        if not reminder.to:
            reminder.skipped = "no e-mail address: ring them (the phone numbers are in `stale --format csv`)"
        elif last:
            reminder.skipped = (f"reminded on {last.isoformat()}, so not again until "
                                f"{(last + dt.timedelta(days=QUIET_DAYS)).isoformat()}")
        else:
            reminder.message = message(reminder, directory, when)
        out.append(reminder)
    return out


def write_eml(reminders_: list[Reminder], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for r in reminders_:
        if r.message is not None:
            path = out / f"{r.org_id}.eml"
            path.write_bytes(r.message.as_bytes())
            written.append(path)
    return written


class SendProblem(Exception):
    """The mail server could not be reached or refused us; the message says what to check."""


@dataclass
class Sent:
    sent: list[Reminder] = field(default_factory=list)
    failed: list[tuple[Reminder, str]] = field(default_factory=list)


def send(reminders_: list[Reminder], config: SiteConfig, password: str | None, state: dict[str, str],
         today: dt.date) -> Sent:
    """Send every reminder that has a message; record each one sent in `state`."""
    smtp = config.site.smtp
    if smtp is None:
        raise SendProblem("There are no mail settings: add smtp: (host, port, from, starttls, user) "
                          "to site_config/site.yml.")
    if smtp.user and not password:
        raise SendProblem(f"The mail server needs a password: set the environment variable "
                          f"{smtp.password_env}.")
    result = Sent()
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=30) as server:
            if smtp.starttls:
                server.starttls(context=ssl.create_default_context())
            if smtp.user:
                server.login(smtp.user, password or "")
            for r in reminders_:
                if r.message is None:
                    continue
                try:
                    server.send_message(r.message)
                except smtplib.SMTPException as err:
                    result.failed.append((r, _why(err)))
                    continue
                state[r.org_id] = today.isoformat()
                result.sent.append(r)
    except (OSError, smtplib.SMTPException) as err:
        if not result.sent:
            raise SendProblem(f"Could not send through {smtp.host}:{smtp.port}: {_why(err)}") from None
        result.failed += [(r, _why(err)) for r in reminders_ if r.message is not None
                          and r not in result.sent and all(r is not f for f, _ in result.failed)]
    return result


def _why(err: Exception) -> str:
    if isinstance(err, smtplib.SMTPAuthenticationError):
        return "the user name or password was refused"
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        return "the server refused the address"
    return str(err) or err.__class__.__name__
