"""The Jinja2 environment for site pages: compiled once, autoescaped, with the link helpers."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from generator.site.views import tel

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "site"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html", "md"), default=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        auto_reload=False,
    )
    env.globals["tel"] = tel
    from generator.site.cards import card_list  # noqa: PLC0415 - cards imports this module

    env.globals["card_list"] = card_list
    return env


def linker(depth: int):  # noqa: ANN201 - a function path -> relative link
    """Links from a page `depth` folders below the site root, e.g. activities/x/ is depth 2.

    Pages are folders with an index.html (use_directory_urls is off so the site works from
    file://), so a folder path gets "index.html" added.
    """
    root = "../" * depth

    def href(path: str) -> str:
        base, query = (path.split("?", 1) + [""])[:2] if "?" in path else (path, "")
        if base == "" or base.endswith("/"):
            base += "index.html"
        return root + base + ("?" + query if query else "")

    return href


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
