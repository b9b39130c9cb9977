"""Unified English Braille grade 2 through liblouis (Debian's liblouis-bin), in batches.

`lou_translate` translates standard input line by line, so one process translates every
paragraph of every edition at once. The display table en-us-brf.dis gives the ASCII braille
that .brf files and embossers use.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from functools import lru_cache

TABLES = "en-us-brf.dis,en-ueb-g2.ctb"


class BrailleError(RuntimeError):
    pass


def _command() -> str:
    found = shutil.which("lou_translate")
    if not found:
        raise BrailleError("lou_translate is not installed: run `make setup` "
                           "(Debian packages liblouis-bin and liblouis-data).")
    return found


@lru_cache(maxsize=1)
def version() -> str:
    done = subprocess.run([_command(), "--version"], capture_output=True, text=True, check=False)
    return (done.stdout or done.stderr).splitlines()[0] if (done.stdout or done.stderr) else "?"


def _clean(line: str) -> str:
    """One line, no-break spaces as spaces, and backslashes escaped: lou_translate reads "\\x"
    as an escape sequence (and drops a line with an unknown one, such as braille's "\\R")."""
    return " ".join(line.replace("\u00a0", " ").split()).replace("\\", "\\\\")


def translate(lines: Sequence[str], *, backward: bool = False) -> list[str]:
    """Each line (no newlines) to ASCII braille, or back to print with `backward`."""
    if not lines:
        return []
    clean = [_clean(line) or "-" for line in lines]
    done = subprocess.run([_command(), "--backward" if backward else "--forward", TABLES],
                          input="\n".join(clean) + "\n", capture_output=True, text=True,
                          check=False, encoding="utf-8")
    out = done.stdout.split("\n")
    if out and out[-1] == "":
        out.pop()
    if done.returncode != 0 or len(out) != len(clean) or "error" in done.stderr:
        raise BrailleError(f"lou_translate failed ({done.returncode}): {done.stderr.strip()[:300]}")
    return out
