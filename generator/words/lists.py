"""Lists in a sentence: "a, b and c", "a or b"."""

from __future__ import annotations

from collections.abc import Iterable

from generator.words import say


def and_list(words: Iterable[str]) -> str:
    """'a' / 'a and b' / 'a, b and c' ('' for none)."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return say("{items} and {last}", items=", ".join(words[:-1]), last=words[-1])


def or_list(words: Iterable[str]) -> str:
    """'a' / 'a or b' / 'a, b or c' ('' for none)."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return say("{items} or {last}", items=", ".join(words[:-1]), last=words[-1])
