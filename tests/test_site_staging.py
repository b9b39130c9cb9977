"""Where a build stages its docs: in memory (/dev/shm) only for a site of modest size. A whole
build of 10,000 listing files, print files included, filled 16 GB of /dev/shm and was stopped by
the kernel for want of memory."""

from __future__ import annotations

import generator.site as site_module
from generator.site import build_site, writer
from tests import tiny


def test_only_a_modest_site_without_print_is_staged_in_memory():
    assert writer.in_memory(66, with_print=False)
    assert writer.in_memory(writer.IN_MEMORY_MAX, with_print=False)
    assert not writer.in_memory(writer.IN_MEMORY_MAX + 1, with_print=False)
    assert not writer.in_memory(66, with_print=True)  # booklets, posters and audio: gigabytes


def test_scratch_goes_to_memory_only_when_asked(tmp_path, monkeypatch):
    memory = tmp_path / "shm"
    memory.mkdir()
    monkeypatch.setattr(writer, "SHM", memory)
    assert writer.scratch("x-").parent == memory
    on_disk = writer.scratch("x-", memory=False)
    assert memory not in on_disk.parents and on_disk.is_dir()


def test_a_build_with_print_stages_on_disk_and_a_site_alone_in_memory(tmp_path, monkeypatch):
    """The real site build; the print stages write one small file each (the PDFs, braille, audio
    and Easy Read are built and tested elsewhere; here only where the staging goes matters)."""
    asked = []
    real = site_module.scratch
    monkeypatch.setattr(site_module, "scratch", lambda prefix, memory=True: (
        asked.append(memory), real(prefix, memory))[1])

    def printed(directory, folder, *args):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "booklet.pdf").write_bytes(b"%PDF-1.7 stand-in")
        return []

    monkeypatch.setattr(site_module, "_print", printed)
    monkeypatch.setattr(site_module, "_formats", lambda directory, folder, cache: [])
    directory = tiny.directory(tmp_path / "listings", {"name": "Tiny Walk"}).directory
    build_site(directory, tmp_path / "site", with_zip=False)
    build_site(directory, tmp_path / "whole", with_print=True, with_zip=False)
    assert asked == [True, False]
    assert (tmp_path / "whole" / "print" / "booklet.pdf").exists()
    assert (tmp_path / "site" / "index.html").exists()
