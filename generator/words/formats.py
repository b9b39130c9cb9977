"""How to ask for another format (braille, audio, Easy Read, large print), worded once for the
booklets, the braille, audio and Easy Read editions and the site."""

from __future__ import annotations

FORMATS = "braille, audio (spoken), Easy Read or large print"


def ask_for_formats(contact_phone: str | None, contact_email: str | None) -> str:
    """'To get this in braille, audio (spoken), Easy Read or large print, ring 0151 496 0000 or
    e-mail directory@example.org.'"""
    ways = []
    if contact_phone:
        ways.append(f"ring {contact_phone}")
    if contact_email:
        ways.append(f"e-mail {contact_email}")
    how = " or ".join(ways) if ways else "ask the people who gave you this"
    return f"To get this in {FORMATS}, {how}."


def download_formats(site_url: str) -> str:
    """Where the files are: 'You can also download them from https://…/print/.'"""
    return f"You can also download them free from {site_url.rstrip('/')}/print/."


def ask_for_formats_easy(contact_phone: str | None, contact_email: str | None) -> list[str]:
    """The same in Easy Read: one idea a line."""
    lines = ["You can get this booklet in braille, audio (spoken), Easy Read or large print."]
    if contact_phone:
        lines.append(f"To ask, ring {contact_phone}.")
    if contact_email:
        lines.append(f"Or e-mail {contact_email}.")
    return lines
