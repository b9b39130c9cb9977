"""Run mkdocs (its Python API) on the staging docs folder, with mkdocs.yml from the repository."""

from __future__ import annotations

import logging
from pathlib import Path

MKDOCS_YML = Path(__file__).resolve().parents[2] / "mkdocs.yml"


def run_mkdocs(docs: Path, site: Path, *, site_name: str, site_url: str, copyright: str) -> None:
    from mkdocs.commands.build import build  # noqa: PLC0415 - slow import
    from mkdocs.config import load_config  # noqa: PLC0415

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
