"""Work made beside the build in a forked process (generator.site.background): the finder's data
and half the zips, for a big directory, give the same site as when made in line."""

from __future__ import annotations

import os

import pytest

from generator import site as site_build
from generator.directory import load, load_config
from generator.fake import ANCHOR, generate
from generator.site import background, build_site, offline
from tests.conftest import DEMO


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_the_finder_and_zips_made_beside_the_pages_give_the_same_site(tmp_path, monkeypatch):
    listings = tmp_path / "listings"
    generate(10, listings, load_config(DEMO / "site_config"), seed=5)
    directory = load(listings, DEMO / "site_config", today=ANCHOR, enrich_transport=False).directory
    in_line = build_site(directory, tmp_path / "in-line", cache=tmp_path / "cache-1")

    started = []
    real = background.Job.__init__

    def counted(self, work, big):
        started.append(big)
        real(self, work, big)

    monkeypatch.setattr(background.Job, "__init__", counted)
    monkeypatch.setattr(site_build, "BACKGROUND_FROM", 0)
    monkeypatch.setattr(offline, "ZIPS_BESIDE_FROM", 0)
    beside = build_site(directory, tmp_path / "beside", cache=tmp_path / "cache-2")
    assert started == [True, True]  # the finder, then the zips
    assert _files(tmp_path / "beside") == _files(tmp_path / "in-line")
    assert (beside.index_bytes, beside.docs_bytes) == (in_line.index_bytes, in_line.docs_bytes)
    assert beside.index_bytes > 0


@pytest.mark.parametrize("big", [False, True])
def test_what_the_work_raises_is_raised_when_its_result_is_wanted(big, tmp_path):
    def work():
        (tmp_path / "wrote").write_text(str(os.getpid()))
        raise ValueError("no finder today")

    job = background.start(work, big=big)
    with pytest.raises(ValueError, match="no finder today"):
        job.result()
    assert ((tmp_path / "wrote").read_text() != str(os.getpid())) == big  # forked when big
    assert background.start(lambda: 42, big=big).result() == 42
