"""How to ask for another format (braille, audio, Easy Read, large print), worded once for the
booklets, the braille, audio and Easy Read editions and the site."""

from __future__ import annotations

from generator.words import say


def ask_for_formats(contact_phone: str | None, contact_email: str | None) -> str:
    """'To get this in braille, audio (spoken), Easy Read or large print, ring 0151 496 0000 or
    e-mail directory@example.org.'"""
    ways = []
    if contact_phone:
        ways.append(say("ring {phone}", phone=contact_phone))
    if contact_email:
        ways.append(say("e-mail {email}", email=contact_email))
    how = say(" or ").join(ways) if ways else say("ask the people who gave you this")
    return say("To get this in braille, audio (spoken), Easy Read or large print, {how}.", how=how)


def download_formats(site_url: str) -> str:
    """Where the files are: 'You can also download them free from https://…/print/.'"""
    return say("You can also download them free from {url}.", url=site_url.rstrip("/") + "/print/")


def ask_for_formats_easy(contact_phone: str | None, contact_email: str | None) -> list[str]:
    """The same in Easy Read: one idea a line."""
    lines = [say("You can get this booklet in braille, audio (spoken), Easy Read or large print.")]
    if contact_phone:
        lines.append(say("To ask, ring {phone}.", phone=contact_phone))
    if contact_email:
        lines.append(say("Or e-mail {email}.", email=contact_email))
    return lines
