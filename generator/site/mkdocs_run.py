"""Run mkdocs (its Python API) on the staging docs folder, with mkdocs.yml from the repository."""

from __future__ import annotations

import logging
from pathlib import Path

MKDOCS_YML = Path(__file__).resolve().parents[2] / "mkdocs.yml"


def nav_pages() -> list[str]:
    """The pages mkdocs.yml's nav names (docs paths like 'find/index.md')."""
    import yaml

    found: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            for value in (item.values() if isinstance(item, dict) else [item]):
                if isinstance(value, list):
                    walk(value)
                elif isinstance(value, str) and value.endswith(".md"):
                    found.append(value)

    walk(yaml.safe_load(MKDOCS_YML.read_text(encoding="utf-8")).get("nav") or [])
    return found


def write_nav_stand_ins(docs: Path) -> None:
    """For build --shard: an empty page for each page of the nav, so mkdocs renders the same
    page shells (which hold the nav, with its titles from mkdocs.yml) without the browse pages
    being made; a part makes only activity and organisation pages."""
    for page in nav_pages():
        target = docs / page
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("---\ntitle: Page\n---\n", encoding="utf-8")


def run_mkdocs(docs: Path, site: Path, *, site_name: str, site_url: str, copyright: str) -> None:
    from mkdocs.commands.build import build  # slow import
    from mkdocs.config import load_config

    quiet = logging.getLogger("mkdocs")
    level = quiet.level
    quiet.setLevel(logging.WARNING)
    try:
        config = load_config(str(MKDOCS_YML), docs_dir=str(docs), site_dir=str(site),
                             site_name=site_name, site_url=site_url,
                             copyright=copyright)
        build(config)
    finally:
        quiet.setLevel(level)
