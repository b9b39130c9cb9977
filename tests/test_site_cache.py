"""The build cache (generator.site.cache): a warm build, after one listing changed, gives the
same bytes as a cold build of the changed directory, and takes the unchanged pages from the
cache."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from generator.directory import load, load_config
from generator.fake import ANCHOR, generate
from generator.site import build_site
from generator.site.cache import Cache, folder_from, key, stable
from tests.conftest import DEMO, ROOT


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _load(folder: Path):
    return load(folder, DEMO / "site_config", today=ANCHOR, enrich_transport=False).directory


def test_a_warm_build_after_one_change_equals_a_cold_build(tmp_path):
    """Built again into the same folder, after one listing changed and another went: the folder
    is byte for byte what a cold build into a new folder gives (the gone listing's pages and a
    stray file removed, zips included), and most files were left alone."""
    listings = tmp_path / "listings"
    generate(12, listings, load_config(DEMO / "site_config"), seed=7)
    cache = tmp_path / "cache"
    site = tmp_path / "site"
    first = build_site(_load(listings), site, cache=cache)
    assert first.cache_hits == 0 and first.cache_misses > 0
    (site / "activities" / "stray.html").write_text("not from this build")

    files = sorted(p for p in listings.glob("*.yml") if p.name != "venues.yml")
    changed, gone = files[3], files[5]
    text, found = re.subn(r"(?m)^(\s+summary: ).*$", r"\1Now with cake.",
                          changed.read_text(encoding="utf-8"), count=1)
    assert found == 1
    changed.write_text(text, encoding="utf-8")
    gone_ids = re.findall(r"(?m)^\s+- id: (\S+)", gone.read_text(encoding="utf-8"))
    gone.unlink()

    directory = _load(listings)
    warm = build_site(directory, site, cache=cache)
    build_site(directory, tmp_path / "cold")
    assert warm.cache_hits > 0 and warm.cache_misses > 0  # kept most, made the changed one again
    warm_files, cold_files = _files(site), _files(tmp_path / "cold")
    assert sorted(warm_files) == sorted(cold_files)
    assert [name for name in cold_files if warm_files[name] != cold_files[name]] == []
    assert any(b"Now with cake." in data for name, data in warm_files.items()
               if name.startswith("activities/"))
    assert gone_ids and not any(name.startswith(f"activities/{i}/") for i in gone_ids
                                for name in warm_files)
    assert warm.removed >= len(gone_ids) + 1  # the gone pages and the stray file
    assert 0 < warm.changed < len(warm_files) / 2  # the rest already held the same bytes
    for path in sorted((site / "download").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None
            for info in zf.infolist():
                assert info.date_time == (2000, 1, 1, 0, 0, 0)
                assert zf.read(info) == warm_files[info.filename.removeprefix("whats-on/")]


def test_files_the_last_build_wrote_are_passed_over_unread_until_touched(tmp_path, monkeypatch):
    """A rebuild with nothing changed neither makes nor reads the pages its last build wrote;
    a page edited by hand since (the same size, so only its modification time tells) is put
    right; and a zip written again takes its unchanged files from the old zip."""
    from generator.site import zips

    listings = tmp_path / "listings"
    generate(12, listings, load_config(DEMO / "site_config"), seed=11)
    cache, site = tmp_path / "cache", tmp_path / "site"
    directory = _load(listings)
    build_site(directory, site, cache=cache)
    cold = _files(site)

    read = []
    real_read_bytes = Path.read_bytes

    def counted(path):
        read.append(path.as_posix())
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    again = build_site(directory, site, cache=cache)
    inside = site.as_posix() + "/"
    pages = [p for p in read if p.startswith(inside) and p.removeprefix(inside).startswith(
        ("activities/", "organisations/", "add/listings/")) and p.removeprefix(inside).count("/") > 1]
    assert len(read) > 20  # the browse pages mkdocs makes are compared as before
    assert pages == [] and again.changed <= 2  # the download page, rewritten with the zip sizes
    monkeypatch.setattr(Path, "read_bytes", real_read_bytes)

    page = next(name for name in sorted(cold) if name.startswith("activities/")
                and name.endswith("/index.html"))
    edited = cold[page].replace(b"<main", b"<MAIN", 1)
    assert edited != cold[page] and len(edited) == len(cold[page])
    (site / page).write_bytes(edited)
    reused = []
    real_get = zips._OldEntries.get

    def seen(self, name, sha):
        found = real_get(self, name, sha)
        reused.append(found is not None)
        return found

    monkeypatch.setattr(zips._OldEntries, "get", seen)
    build_site(directory, site, cache=cache)
    assert _files(site) == cold and not any(reused)  # the page put right: the zips were right

    changed = sorted(p for p in listings.glob("*.yml") if p.name != "venues.yml")[2]
    text, found = re.subn(r"(?m)^(\s+summary: ).*$", r"\1Now with scones.",
                          changed.read_text(encoding="utf-8"), count=1)
    assert found == 1
    changed.write_text(text, encoding="utf-8")
    build_site(_load(listings), site, cache=cache)
    warm = _files(site)
    assert any(reused) and not all(reused)  # the unchanged files came from the old zips
    for path in sorted((site / "download").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None
            for info in zf.infolist():
                assert zf.read(info) == warm[info.filename.removeprefix("whats-on/")]


def test_the_cache_folder_setting(tmp_path, monkeypatch):
    monkeypatch.delenv("WHATS_ON_CACHE", raising=False)
    assert folder_from(None) == Path(".cache/whats-on")
    assert folder_from("off") is None
    monkeypatch.setenv("WHATS_ON_CACHE", str(tmp_path / "ci"))
    assert folder_from(None) == tmp_path / "ci"
    assert folder_from(str(tmp_path / "flag")) == tmp_path / "flag"
    kept = Cache(tmp_path / "kept")
    digest = key("page", 1)
    assert kept.get("page", digest) is None
    assert kept.made("page", digest, lambda: b"made") == b"made"
    assert kept.made("page", digest, lambda: b"not again") == b"made"
    assert key("a", "b") != key("ab") and key("x") == key("x")
    assert Cache(None).made("page", digest, lambda: b"every time") == b"every time"


def test_keys_are_the_same_in_every_process(demo):
    """A set's order changes with Python's string hash seed; the keys must not, or CI's
    restored cache would never be used."""
    script = ("import datetime as dt, sys; from generator.schedule import Calendar; "
              "from generator.site.cache import key, stable; "
              "days = frozenset(dt.date(2026, m, d) for m in (1, 4, 5, 8, 12) for d in (1, 25)); "
              "print(key(stable(Calendar(bank_holidays=days)), stable({'walking', 'singing', 'tea'})))")
    seen = {subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3")}
    assert len(seen) == 1 and len(seen.pop().strip()) == 64
    assert stable(demo.calendar) == stable(demo.calendar)


def test_listings_read_from_the_cache_are_the_listings(tmp_path):
    """A load with the cache gives the same directory and problems as one without it; only good
    files are kept (a file with problems is read, and reported, again every time)."""
    listings = tmp_path / "listings"
    generate(6, listings, load_config(DEMO / "site_config"), seed=3)
    (listings / "zz-broken.yml").write_text("organisation:\n  name: Broken\nactivities: none\n",
                                            encoding="utf-8")
    kept = tmp_path / "cache"

    def read(**kwargs):
        return load(listings, DEMO / "site_config", today=ANCHOR, enrich_transport=False, **kwargs)

    plain, first, second = read(), read(cache=kept), read(cache=kept)
    good = len([p for p in listings.glob("*.yml") if p.name not in ("venues.yml", "zz-broken.yml")])
    assert len([p for p in (kept / "listing").rglob("*") if p.is_file()]) == good
    assert plain.problems and any(p.file.endswith("zz-broken.yml") for p in plain.problems)
    for result in (first, second):
        assert result.problems == plain.problems
        assert result.directory.activities == plain.directory.activities
        assert result.directory.organisations == plain.directory.organisations


def test_an_activity_stands_in_cache_keys_for_its_listing_files_bytes(tmp_path):
    """Loaded with the cache, an activity's and an organisation's fingerprints are made from their
    listing file's bytes (and the code), not from their models written out as JSON: the same for
    the same bytes, and changed by a change to the file, for that file's activities only."""
    from generator.site.cache import Fingerprints

    listings = tmp_path / "listings"
    generate(6, listings, load_config(DEMO / "site_config"), seed=3)

    def prints(**kwargs):
        d = load(listings, DEMO / "site_config", today=ANCHOR, enrich_transport=False,
                 **kwargs).directory
        fp = Fingerprints(d)
        return d, {e.id: fp.entry(e) for e in d.activities}, \
            {o.id: fp.organisation(o.organisation, o.source.file) for o in d.organisations}

    d1, acts1, orgs1 = prints(cache=tmp_path / "cache")
    assert set(d1.file_keys) == {o.source.file for o in d1.organisations}
    assert prints(cache=tmp_path / "other-cache")[1:] == (acts1, orgs1)  # the bytes, not the cache
    changed = sorted(p for p in listings.glob("*.yml") if p.name != "venues.yml")[0]
    changed.write_text(re.sub(r"(?m)^(\s+summary: ).*$", r"\1Changed.", changed.read_text(
        encoding="utf-8"), count=1), encoding="utf-8")
    d2, acts2, orgs2 = prints(cache=tmp_path / "cache")
    in_file = {e.id for e in d2.activities if e.source.file == d2.organisations[
        [o.id for o in d2.organisations].index(changed.stem)].source.file}
    assert in_file and {i for i in acts1 if acts1[i] != acts2[i]} == in_file
    assert {i for i in orgs1 if orgs1[i] != orgs2[i]} == {changed.stem}
    plain = prints()  # without the cache: from the models, and still told apart
    assert not plain[0].file_keys and len(set(plain[1].values())) == len(plain[1])
    assert plain[1].keys() == acts2.keys() and not set(plain[1].values()) & set(acts2.values())


def test_braille_audio_and_easy_read_are_kept_in_the_build_cache_folder(demo, tmp_path, monkeypatch):
    """They share the build cache folder (the one CI restores), under accessible/: `--cache DIR`
    keeps them in DIR/accessible, $WHATS_ON_CACHE by default, and "off" keeps nothing anywhere."""
    from generator.accessible import build_all
    from generator.accessible.cache import store

    monkeypatch.setenv("WHATS_ON_CACHE", str(tmp_path / "from-env"))
    assert store().folder == tmp_path / "from-env" / "accessible"
    assert store(tmp_path / "flag").folder == tmp_path / "flag" / "accessible"
    assert store("off").folder is None and store(None).folder is None

    made = build_all(demo, tmp_path / "out", only=["aigburth"], kinds=("braille",), cache=tmp_path / "flag")
    kept = [p for p in (tmp_path / "flag" / "accessible" / "braille").rglob("*") if p.is_file()]
    assert [p.read_bytes() for p in kept] == [(tmp_path / "out" / made[0].filename).read_bytes()]
    again = build_all(demo, tmp_path / "off", only=["aigburth"], kinds=("braille",), cache="off")
    assert (tmp_path / "off" / again[0].filename).read_bytes() == kept[0].read_bytes()
    assert not (tmp_path / "from-env").exists()
    build_all(demo, tmp_path / "env", only=["aigburth"], kinds=("braille",))
    assert [p for p in (tmp_path / "from-env" / "accessible" / "braille").rglob("*") if p.is_file()]


def test_browse_pages_without_the_changed_activity_are_not_rendered_again(tmp_path, monkeypatch):
    """After one activity's summary changes, its category pages, the A to Z and its area's page
    are rendered again and say so; a category page it is not on comes from the cache."""
    from generator.site import pages

    listings = tmp_path / "listings"
    generate(12, listings, load_config(DEMO / "site_config"), seed=7)
    cache, site = tmp_path / "cache", tmp_path / "site"
    directory = _load(listings)
    build_site(directory, site, cache=cache)

    changed = sorted(p for p in listings.glob("*.yml") if p.name != "venues.yml")[3]
    text, found = re.subn(r"(?m)^(\s+summary: ).*$", r"\1Now with cake.",
                          changed.read_text(encoding="utf-8"), count=1)
    assert found == 1
    changed.write_text(text, encoding="utf-8")
    directory = _load(listings)
    entry = next(e for e in directory.activities if e.activity.summary == "Now with cake.")
    others = [c.id for c in directory.config.categories if c.id not in entry.activity.categories
              and any(c.id in e.activity.categories for e in directory.current())]
    assert others

    rendered = []
    real_render = pages.render

    def seen(template, **context):
        rendered.append((template, context.get("title")))
        return real_render(template, **context)

    monkeypatch.setattr(pages, "render", seen)
    build_site(directory, site, cache=cache)
    titles = {title for _, title in rendered}
    names = {c.id: c.name for c in directory.config.categories}
    assert "A to Z of activities" in titles
    assert {names[c] for c in entry.activity.categories} <= titles
    assert not titles & {names[c] for c in others}
    assert len(rendered) < len(directory.config.categories)
    assert b"Now with cake." in (site / "a-z" / "index.html").read_bytes()
    for c in entry.activity.categories:
        assert b"Now with cake." in (site / "categories" / c / "index.html").read_bytes()
