"""Descriptions are a small, safe Markdown subset: paragraphs, bold, lists and links.

Raw HTML is never passed through (it is shown as text), and links may only be web, e-mail or
phone addresses, so a listing cannot inject markup or script into the site or print.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

_SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")

_md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False}).enable(
    ["emphasis", "list", "link", "newline", "paragraph"]
)
_md.validateLink = lambda url: url.strip().lower().startswith(_SAFE_SCHEMES)


def to_html(text: str | None) -> str:
    """Safe HTML for a description."""
    return _md.render(text or "")


def to_plain(text: str | None) -> str:
    """The description without Markdown marks, for text messages and search."""
    if not text:
        return ""
    tokens = _md.parse(text)
    words: list[str] = []
    for token in tokens:
        if token.type == "inline" and token.children:
            words.append("".join(c.content for c in token.children if c.type in ("text", "softbreak")
                                 ) or token.content)
    return " ".join(w.strip() for w in words if w.strip())
