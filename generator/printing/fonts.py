"""The print fonts: Atkinson Hyperlegible from its PyPI package, DejaVu Sans as the fallback.

Fonts are referenced by file:// URLs (never a web font), so builds work offline.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FAMILY = "Atkinson Hyperlegible"
FALLBACK = "DejaVu Sans"
_DEJAVU = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
           Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))


@lru_cache(maxsize=1)
def font_files() -> dict[str, Path]:
    """{"regular": path, "bold": path} for Atkinson Hyperlegible, or DejaVu Sans if it is missing."""
    try:
        import fontpkg_atkinson_hyperlegible as pkg
    except ImportError:
        pkg = None
    if pkg is not None:
        folder = Path(pkg.__file__).parent / "files"
        regular, bold = folder / "AtkinsonHyperlegible-Regular.ttf", folder / "AtkinsonHyperlegible-Bold.ttf"
        if regular.exists() and bold.exists():
            return {"regular": regular, "bold": bold, "family": FAMILY}
    return {"regular": _DEJAVU[0], "bold": _DEJAVU[1], "family": FALLBACK}


def family() -> str:
    return str(font_files()["family"])


def regular() -> Path:
    return Path(font_files()["regular"])


def bold() -> Path:
    return Path(font_files()["bold"])
