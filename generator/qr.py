"""QR codes as vector SVG (segno), for posters and activity pages."""

from __future__ import annotations

import io

import segno


def svg(data: str, *, scale: int = 4, title: str | None = None, mask: int | None = None) -> str:
    """An inline <svg> element (no XML declaration) encoding `data`.

    `mask` (0-7) skips segno's search for the best mask pattern, which is most of the time taken:
    any mask is valid; the site uses a fixed one to stamp thousands of pages quickly."""
    out = io.BytesIO()
    segno.make(data, error="m", micro=False, mask=mask).save(
        out, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True,
        title=title, nl=False, dark="#000", light="#fff",
    )
    return out.getvalue().decode("utf-8")
