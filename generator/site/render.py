"""The Jinja2 environment for site pages: compiled once, autoescaped, with the link helpers."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from generator.site.cards import card_list
from generator.urls import linker
from generator.words.place import tel

__all__ = ["environment", "linker", "render"]

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
    env.globals["card_list"] = card_list
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
