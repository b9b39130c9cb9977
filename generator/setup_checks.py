"""Warnings for a new directory's first builds: booklets with nothing in them, and the demo's
settings left in place (example.org addresses, Ofcom's drama phone numbers, the fictional
publisher). `build` prints them; nothing here stops a build."""

from __future__ import annotations

import re
from pathlib import Path

from generator.directory import Directory, _display
from generator.printing.select import editions, for_edition
from generator.problems import Problem

DEMO_PUBLISHER = "South Liverpool Community Voluntary Service (fictional demo)"
DEMO_REPOSITORY = "example-org/whats-on"
_RESERVED = re.compile(r"(^|\.)example\.(org|com|net)$|\.(test|example|invalid|localhost)$", re.I)
# Ofcom's numbers for drama: 0113 496 0xxx … 0191 498 0xxx, 020 7946 0xxx, 07700 900xxx, 01632 960xxx.
_DRAMA = re.compile(r"^(01\d1496|011\d496|020794|07700900|01632960|0808157|0909879|03069990)")


def _line(path: Path, key: str) -> int:
    try:
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(rf"\s*{re.escape(key)}\s*:", text):
                return n
    except OSError:
        pass
    return 1


def _host(address: str) -> str:
    return re.sub(r"^[a-z]+://", "", address.split("@")[-1]).split("/")[0].split(":")[0]


def demo_values(directory: Directory) -> list[Problem]:
    site = directory.config.site
    path = directory.config.root / "site.yml"
    name = _display(path)
    found = []

    def warn(key: str, message: str) -> None:
        found.append(Problem(name, _line(path, key.split(".")[-1]), 1, key, message, "warning"))

    if _RESERVED.search(_host(site.url)):
        warn("url", f"{site.url} is the demo's web address: put your directory's own address here "
             "(it is printed on every booklet and poster, and in every QR code).")
    if site.publisher == DEMO_PUBLISHER or "fictional" in site.publisher.lower():
        warn("publisher", f'"{site.publisher}" is the demo\'s publisher: put the name of who runs '
             "your directory (it is on every booklet cover and page footer).")
    if site.contact.email and _RESERVED.search(_host(site.contact.email)):
        warn("contact.email", f"{site.contact.email} is the demo's address: reminders and the web "
             "form's e-mails would go nowhere.")
    if site.contact.phone and _DRAMA.match(re.sub(r"\D", "", site.contact.phone)):
        warn("contact.phone", f"{site.contact.phone} is a made-up number (Ofcom's range for drama): "
             "put your own.")
    if site.contact.address and "example" in site.contact.address.lower():
        warn("contact.address", f'"{site.contact.address}" is the demo\'s address: put your own.')
    if site.github_repository == DEMO_REPOSITORY:
        warn("github_repository", f"{DEMO_REPOSITORY} is the demo's repository: put yours (owner/name), "
             "or the issue forms' links and the reminders' GitHub links lead to it.")
    return found


def empty_editions(directory: Directory) -> list[Problem]:
    path = directory.config.root / "editions.yml"
    found = []
    for edition in editions(directory):
        if not for_edition(directory, edition):
            found.append(Problem(_display(path), _edition_line(path, edition.id), 1, f"editions.{edition.id}",
                                 f'The booklet "{edition.title}" has no activities in it (none running '
                                 "in its areas, or all stale): it would say \"0 activities\". Add listings "
                                 "for its areas, or take the edition out of editions.yml.", "warning"))
    return found


def _edition_line(path: Path, edition_id: str) -> int:
    try:
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(rf"\s*-?\s*\{{?\s*id:\s*{re.escape(edition_id)}\b", text):
                return n
    except OSError:
        pass
    return 1


def warnings(directory: Directory) -> list[Problem]:
    return demo_values(directory) + empty_editions(directory)
