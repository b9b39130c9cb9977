"""Reminder e-mails, sent through a real local SMTP server (aiosmtpd) and read back."""

from __future__ import annotations

import datetime as dt
import email
import shutil
import socket
import urllib.parse
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from generator import cli
from generator.directory import load_config
from generator.issue_to_listing import convert
from tests.conftest import DEMO
from tests.issue_bodies import body

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # local test server

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"
PASSWORD = "correct horse"


class Inbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


def _authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"coordinator" \
        and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)  # the server sends the 535 reply


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), authenticator=_authenticator,
                            auth_required=True, auth_require_tls=False)
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.fixture()
def tree(tmp_path, smtp):
    shutil.copytree(DEMO / "listings", tmp_path / "listings")
    shutil.copytree(DEMO / "site_config", tmp_path / "site_config")
    site = tmp_path / "site_config" / "site.yml"
    site.write_text(site.read_text() + (
        f"smtp:\n  host: 127.0.0.1\n  port: {smtp[1]}\n  from: reminders@whats-on.example.org\n"
        "  starttls: false   # a local test server\n  user: coordinator\n"))
    return tmp_path


def remind(tree: Path, *extra: str, today: str = TODAY) -> int:
    return cli.main(["remind", "--listings", str(tree / "listings"), "--config", str(tree / "site_config"),
                     "--today", today, "--out", str(tree / "out"), "--state", str(tree / "state.json"),
                     *extra])


def test_dry_run_writes_eml_files_and_sends_nothing(tree, smtp, capsys):
    assert remind(tree) == 0
    out = capsys.readouterr().out
    files = sorted((tree / "out").glob("*.eml"))
    assert len(files) == 9
    assert "Dry run: 9 reminder(s) written" in out
    assert smtp[0].messages == []
    assert not (tree / "state.json").exists()
    msg = email.message_from_bytes((tree / "out" / "childwall-luncheon-club.eml").read_bytes(),
                                   policy=policy.default)
    assert msg["To"] == "Betty Example <betty.luncheon@childwall.example.org>"
    assert "@" not in out  # maintainers' addresses never in the summary (it may be a public log)


def test_send_through_smtp_and_read_back(tree, smtp, capsys, monkeypatch):
    monkeypatch.setenv("WHATS_ON_SMTP_PASSWORD", PASSWORD)
    assert remind(tree, "--send") == 0
    inbox = smtp[0]
    assert len(inbox.messages) == 9
    assert "Sent 9 of 9 reminder(s)" in capsys.readouterr().out
    by_to = {m["To"]: m for m in inbox.messages}
    msg = by_to["Betty Example <betty.luncheon@childwall.example.org>"]
    assert msg["From"] == "What's On in South Liverpool <reminders@whats-on.example.org>"
    assert msg["Reply-To"] == "What's On in South Liverpool <directory@whats-on.example.org>"
    assert msg["Subject"] == ("Please check your activity in What's On in South Liverpool: "
                              "Childwall Friendship Luncheon Club")
    assert msg["X-Whats-On-Activities"] == "childwall-luncheon-club"
    text = msg.get_content().replace("\r\n", "\n")
    assert text.startswith("Hello Betty,\n")
    assert "Friendship Luncheon Club\n  Last checked: 3 September 2025, by Betty Example." in text
    assert "it is left out of the printed booklets until it is checked." in text  # stale; print_stale: omit
    assert "  https://whats-on.example.org/add/?activity=childwall-luncheon-club\n" in text
    assert 'reply to this e-mail with the words "Nothing has changed"' in text
    # one line a paragraph (a phone wraps it), and every line within RFC 5322's 998 characters
    assert "People find it through our website, the printed booklets in GP surgeries" in text
    assert max(len(line) for line in text.splitlines()) <= 998
    assert inbox.envelopes[0][0] == "reminders@whats-on.example.org"


def test_nothing_is_sent_twice_in_a_week(tree, smtp, capsys, monkeypatch):
    monkeypatch.setenv("WHATS_ON_SMTP_PASSWORD", PASSWORD)
    assert remind(tree, "--send") == 0
    assert remind(tree, "--send", today="2026-11-28") == 0
    out = capsys.readouterr().out
    assert len(smtp[0].messages) == 9
    assert "Sent 0 of 0 reminder(s)" in out
    assert "not sent: reminded on 2026-11-22, so not again until 2026-11-29." in out
    assert remind(tree, "--send", today="2026-11-29") == 0
    assert len(smtp[0].messages) == 18


def test_a_wrong_password_is_a_plain_message(tree, smtp, capsys, monkeypatch):
    monkeypatch.setenv("WHATS_ON_SMTP_PASSWORD", "wrong")
    assert remind(tree, "--send") == 2
    err = capsys.readouterr().err
    assert "the user name or password was refused" in err
    assert smtp[0].messages == []
    monkeypatch.delenv("WHATS_ON_SMTP_PASSWORD")
    assert remind(tree, "--send") == 2
    assert "set the environment variable WHATS_ON_SMTP_PASSWORD" in capsys.readouterr().err


def test_nothing_has_changed_link_becomes_a_check(tree, smtp):
    """The GitHub link in the e-mail opens the "Nothing has changed" form filled in; sent as it
    is (with a name and the box), issue-to-listing records the check."""
    assert remind(tree) == 0
    msg = email.message_from_bytes((tree / "out" / "childwall-luncheon-club.eml").read_bytes(),
                                   policy=policy.default)
    link = next(line for line in msg.get_content().splitlines() if line.startswith("https://github.com/"))
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(link).query))
    assert query["template"] == "still-correct.yml"
    assert (ROOT / ".github" / "ISSUE_TEMPLATE" / query["template"]).exists()
    issue = body("checked", activity_id=query["activity_id"], checked_by="Betty",
                 all_correct=["I have checked: everything in the listing is still correct"])
    result = convert(issue, "checked", tree / "listings", load_config(tree / "site_config"),
                     dt.date(2026, 11, 23))
    assert "last_checked: 2026-11-23" in result.text
    assert "(Our reference: childwall-luncheon-club.)" in msg.get_content()  # kept in a reply


def test_a_group_with_no_e_mail_is_listed_for_a_phone_call(tree, capsys):
    (tree / "listings" / "no-mail-club.yml").write_text(
        "organisation:\n  name: No Mail Club\n  maintainers:\n    - {github: no-mail-gh}\n"
        "activities:\n  - id: no-mail-chat\n    name: Chat\n    summary: A chat.\n"
        "    categories: [befriending]\n    cost: {kind: free}\n    how_to_go: {access: drop-in}\n"
        "    schedules:\n      - {frequency: weekly, days: [monday], start: \"10:00\", end: \"11:00\"}\n"
        "    where: {venue: st-annes-hall}\n    last_checked: 2025-01-01\n    checked_by: Pat\n")
    assert remind(tree) == 0
    out = capsys.readouterr().out
    assert ("No Mail Club: 1 activity to check (1 stale); not sent: no e-mail address: ring them "
            "(the phone numbers are in `stale --format csv`).") in out
    assert "no-mail-gh" not in out
    assert not (tree / "out" / "no-mail-club.eml").exists()


def test_send_without_mail_settings_is_a_plain_message(tmp_path, capsys):
    shutil.copytree(DEMO / "listings", tmp_path / "listings")
    shutil.copytree(DEMO / "site_config", tmp_path / "site_config")
    assert remind(tmp_path, "--send") == 2
    assert capsys.readouterr().err == ("There are no mail settings: add smtp: (host, port, from, starttls, "
                                       "user) to site_config/site.yml.\n")
