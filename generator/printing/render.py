"""HTML (Jinja2 templates in templates/print/) to PDF (WeasyPrint), in worker processes.

Workers get only HTML text and give back PDF bytes, the page count and where each anchor (an
element id) landed, so nothing heavy is pickled and both cores can render at once.
"""

from __future__ import annotations

import os
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator.printing import fonts, nobreak

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates" / "print"
CSS = ROOT / "print"
PX_TO_PT = 0.75  # WeasyPrint reports anchor positions in CSS pixels


@dataclass(frozen=True)
class Anchor:
    page: int  # 0-based page within the rendered document
    x: float  # points from the left edge
    top: float  # points from the top edge
    bottom: float


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    anchors: dict[str, Anchor]


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["keep"] = nobreak.keep
    env.filters["nb"] = nobreak.nb
    env.filters["sentences"] = nobreak.sentences
    env.globals["stylesheet"] = stylesheet
    env.globals["font_files"] = {k: (v.as_uri() if isinstance(v, Path) else v)
                                 for k, v in fonts.font_files().items()}
    env.globals["fallback_family"] = fonts.FALLBACK
    return env


@lru_cache(maxsize=8)
def stylesheet(name: str) -> Markup:
    return Markup((CSS / name).read_text(encoding="utf-8"))  # our own files, not listing text


def html(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def render(html_text: str) -> Rendered:
    """One HTML document to a tagged PDF. Runs in a worker process."""
    from weasyprint import HTML

    document = HTML(string=html_text, base_url=str(ROOT)).render(pdf_tags=True)
    anchors = {}
    for number, page in enumerate(document.pages):
        for name, (x0, y0, _x1, y1) in page.anchors.items():
            if name not in anchors:  # a box split over pages is reported on each: keep the first
                anchors[name] = Anchor(number, x0 * PX_TO_PT, y0 * PX_TO_PT, y1 * PX_TO_PT)
    pdf = document.write_pdf(pdf_tags=True)
    return Rendered(pdf, len(document.pages), anchors)


def workers() -> int:
    return max(1, min(os.cpu_count() or 1, int(os.environ.get("WHATSON_PRINT_WORKERS", "2"))))


def pool(count: int | None = None) -> Executor:
    """Worker processes, started now from this thread (forking later, from the threads that
    build editions side by side, could copy a lock another thread holds)."""
    executor = ProcessPoolExecutor(count or workers())
    executor.submit(int).result()  # with "fork", the first job starts every worker
    return executor
