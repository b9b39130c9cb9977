"""QR codes as vector SVG (segno), for posters and activity pages."""

from __future__ import annotations

import io

import segno


def svg(data: str, *, scale: int = 4, title: str | None = None) -> str:
    """An inline <svg> element (no XML declaration) encoding `data`."""
    out = io.BytesIO()
    segno.make(data, error="m", micro=False).save(
        out, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True,
        title=title, nl=False, dark="#000", light="#fff",
    )
    return out.getvalue().decode("utf-8")
