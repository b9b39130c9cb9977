"""The download zips' writer (generator.site.zips): files compressed once, zips Python's zipfile
reads back, ZIP64 end records past 65,535 files, and a zip left alone when nothing changed."""

from __future__ import annotations

import io
import zipfile
import zlib

from generator.site.cache import Cache
from generator.site.zips import Packer, write_zip


def test_zips_with_and_without_zip64_end_records_read_back():
    """ZIP64 end records (written past 65,535 files) are tried here on a few files."""
    entries = [(f"whats-on/activities/a{i}/index.html", zlib.crc32(b"%d" % i), 0, len(b"%d" % i),
                b"%d" % i) for i in range(300)]
    for zip64_from in (65_535, 10):
        out = io.BytesIO()
        write_zip(out, entries, zip64_from=zip64_from)
        assert (b"PK\x06\x06" in out.getvalue()) == (zip64_from == 10)
        with zipfile.ZipFile(io.BytesIO(out.getvalue())) as zf:
            names = zf.namelist()
            assert len(names) == 300 and zf.testzip() is None
            assert zf.read("whats-on/activities/a299/index.html") == b"299"
            assert zf.getinfo(names[0]).date_time == (2000, 1, 1, 0, 0, 0)


def test_files_compressed_once_and_kept(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<p>Tuesday walk</p>" * 50)
    (site / "icon.png").write_bytes(b"\x89PNG not compressed again")
    cache = Cache(tmp_path / "cache")
    target = tmp_path / "site.zip"
    Packer(site, cache).write(target, ["a/index.html", "icon.png"])
    with zipfile.ZipFile(target) as zf:
        assert zf.testzip() is None
        assert zf.getinfo("whats-on/a/index.html").compress_type == zipfile.ZIP_DEFLATED
        assert zf.getinfo("whats-on/icon.png").compress_type == zipfile.ZIP_STORED
        assert zf.read("whats-on/a/index.html") == (site / "a" / "index.html").read_bytes()
    first = target.read_bytes()
    kept = len(list((tmp_path / "cache" / "zip-entry").rglob("*")))

    stamp = target.stat().st_mtime_ns
    Packer(site, cache).write(target, ["a/index.html", "icon.png"])  # nothing changed
    assert target.stat().st_mtime_ns == stamp and target.read_bytes() == first

    (site / "a" / "index.html").write_text("<p>Thursday walk</p>")
    Packer(site, cache).write(target, ["a/index.html", "icon.png"])
    with zipfile.ZipFile(target) as zf:
        assert zf.read("whats-on/a/index.html") == b"<p>Thursday walk</p>"
    assert len(list((tmp_path / "cache" / "zip-entry").rglob("*"))) > kept


def _site_of(tmp_path, count: int):
    site = tmp_path / "site"
    for i in range(count):
        (site / f"p{i:03}").mkdir(parents=True, exist_ok=True)
        (site / f"p{i:03}" / "index.html").write_text(f"<p>Activity {i}: a Tuesday walk</p>" * 20)
    return site, [f"p{i:03}/index.html" for i in range(count)]


def test_a_zip_written_again_copies_its_unchanged_runs_whole_and_equals_one_made_new(
        tmp_path, monkeypatch):
    import os

    site, names = _site_of(tmp_path, 60)
    cache = Cache(tmp_path / "cache")
    target = tmp_path / "download" / "area.zip"
    Packer(site, cache).write(target, names)
    (site / "p030" / "index.html").write_text("<p>Activity 30: now on Thursdays</p>")
    copies = []
    real = os.copy_file_range

    def counted(src, dst, count, offset_src=None, *rest):
        copies.append(count)
        return real(src, dst, count, offset_src, *rest)

    monkeypatch.setattr(os, "copy_file_range", counted)
    Packer(site, cache).write(target, names)
    fresh = tmp_path / "fresh.zip"
    Packer(site, Cache(None)).write(fresh, names)
    assert target.read_bytes() == fresh.read_bytes()
    assert len(copies) == 2  # the 30 files before the changed one, and the 29 after it
    with zipfile.ZipFile(target) as zf:
        assert zf.testzip() is None
        assert zf.read("whats-on/p030/index.html") == b"<p>Activity 30: now on Thursdays</p>"


def test_without_copy_file_range_the_old_zips_bytes_are_copied_by_hand(tmp_path, monkeypatch):
    import errno
    import os

    site, names = _site_of(tmp_path, 20)
    cache = Cache(tmp_path / "cache")
    target = tmp_path / "area.zip"
    Packer(site, cache).write(target, names)
    (site / "p005" / "index.html").write_text("<p>Changed</p>")

    def refused(*args):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "copy_file_range", refused)
    Packer(site, cache).write(target, names)
    fresh = tmp_path / "fresh.zip"
    Packer(site, Cache(None)).write(fresh, names)
    assert target.read_bytes() == fresh.read_bytes()
