"""A site build keeps its state in one build object (generator.site.state.SiteBuild): a build
that fails half-way leaves nothing behind for the next one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import generator.site as site_module
from generator.site import build_site
from tests import tiny


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _module_state() -> dict[str, object]:
    """Every module-level dict, list or set in generator.site.*, copied."""
    found = {}
    for name, module in sys.modules.items():
        if name == "generator.site" or name.startswith("generator.site."):
            for attr, value in vars(module).items():
                if isinstance(value, dict | list | set) and not attr.startswith("__"):
                    found[f"{name}.{attr}"] = repr(value)
    return found


def test_a_failed_build_leaves_nothing_for_the_next(tmp_path, monkeypatch):
    first = tiny.directory(tmp_path / "first", {"name": "Walk That Failed"}).directory
    second = tiny.directory(tmp_path / "second", {"name": "Tiny Walk Built"}).directory
    before = _module_state()

    def half_way(*args, **kwargs):  # after the browse pages, cards and activity pages
        raise RuntimeError("half-way")

    with monkeypatch.context() as m:
        m.setattr(site_module, "stamp_organisations", half_way)
        with pytest.raises(RuntimeError, match="half-way"):
            build_site(first, tmp_path / "failed", with_zip=False)
    assert _module_state() == before
    build_site(second, tmp_path / "after", with_zip=False)
    build_site(second, tmp_path / "alone", with_zip=False)
    after, alone = _files(tmp_path / "after"), _files(tmp_path / "alone")
    assert sorted(after) == sorted(alone)
    assert [name for name in after if after[name] != alone[name]] == []
    page = (tmp_path / "after" / "activities" / "tiny-walk" / "index.html").read_text()
    assert "Tiny Walk Built" in page and "Walk That Failed" not in page
    assert "Walk That Failed" not in (tmp_path / "after" / "a-z" / "index.html").read_text()
