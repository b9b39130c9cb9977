"""The website: browse pages through mkdocs-material, listing pages stamped into a shell, a
prebuilt lunr index for the finder, and everything needed to work offline.

    build_site(directory, Path("site"))   # -> SiteReport

Pages are a function of the Directory (and site_config) only.
"""

from __future__ import annotations

import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator import heap, progress
from generator.changes import ChangeLog, not_available
from generator.directory import Directory
from generator.site import background, offline, whats_new
from generator.site.cache import Cache, Fingerprints, Memo, code_version, key, stable
from generator.site.cards import card
from generator.site.finder import audience_choices, keep_area_parts, words_of, write_finder
from generator.site.mkdocs_run import run_mkdocs, write_nav_stand_ins
from generator.site.pages import stamp_pages, write_pages, write_shells
from generator.site.render import TEMPLATES, render
from generator.site.stamp import in_shard, pages_in, stamp_activities, stamp_organisations
from generator.site.state import SiteBuild
from generator.site.today import activity_line, write_schedules
from generator.site.views import route_table
from generator.site.writer import SiteFiles, in_memory, scratch

STATIC_ASSETS = ("site.css", "site.js", "home.js", "finder.js", "mylist.js")
BACKGROUND_FROM = 2_000  # activities: from here the finder's data is made beside the pages


@dataclass
class SiteReport:
    site: Path
    seconds: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    index_bytes: int = 0
    docs_bytes: int = 0
    schedule_bytes: int = 0
    printed: list = field(default_factory=list)
    data_files: list = field(default_factory=list)
    zip_paths: list[Path] = field(default_factory=list)  # one per area, one of the print files
    notes: list[str] = field(default_factory=list)
    cache_hits: int = 0  # pages and calendars taken from the cache
    cache_misses: int = 0
    changed: int = 0  # files written into the site folder (the others already held those bytes)
    removed: int = 0  # files of an earlier build deleted from it


@contextmanager
def _timed(report: SiteReport, stage: str, total: int | None = None, unit: str = ""):
    started = time.perf_counter()
    label = "MkDocs" if stage == "mkdocs" else stage[:1].upper() + stage[1:]
    with progress.stage(label, total, unit) as shown:
        yield shown
    report.seconds[stage] = report.seconds.get(stage, 0.0) + time.perf_counter() - started


def build_site(directory: Directory, out: Path, *, with_print: bool = False,
               with_data: bool = False, with_zip: bool = True,
               changes: ChangeLog | None = None, cache: Path | None = None,
               shard: tuple[int, int] | None = None) -> SiteReport:
    """`changes`: what changed in the listings (generator.changes.from_history); without it the
    "What's new" page says the changes are not available. `cache`: a folder where pages whose
    inputs did not change are kept between builds (generator.site.cache); None keeps nothing.
    `shard` (I, N): part I of N (build --shard): only every Nth activity and organisation page,
    made into `cache`; a build with all parts' caches (build --merge) then makes none of them."""
    with heap.held():  # the directory, and what the build keeps, out of the collector's way
        return _build_site(directory, out, with_print=with_print, with_data=with_data,
                           with_zip=with_zip, changes=changes, cache=cache, shard=shard)


def _build_site(directory: Directory, out: Path, *, with_print: bool, with_data: bool,
                with_zip: bool, changes: ChangeLog | None, cache: Path | None,
                shard: tuple[int, int] | None) -> SiteReport:
    if shard is not None:
        with_print = with_data = with_zip = False
    out = Path(out).resolve()
    report = SiteReport(out)
    kept = Cache(cache)
    build = SiteBuild(cache=kept, files=SiteFiles(out, kept),  # gone with this build
                      fronts=Memo(kept, "browse-fronts", code_version()))
    # docs for mkdocs and its output: in memory when small enough, else on disk
    staging = scratch("whats-on-docs-", memory=in_memory(len(directory.activities), with_print))
    try:
        docs = staging / "docs"
        built = staging / "site"  # mkdocs' output, copied into `out` file by file if changed
        assets = docs / "assets"
        assets.mkdir(parents=True)
        with _timed(report, "assets"):
            for name in STATIC_ASSETS:
                shutil.copyfile(TEMPLATES / "assets" / name, assets / name)
            offline.copy_vendor_files(assets, kept)
            offline.write_icons(assets)
            offline.write_manifest(directory.config.site, docs)
        with _timed(report, "bus routes"):
            routes, route_links = route_table(directory)
        with _timed(report, "cards"):
            build.prints = Fingerprints(directory)
            build.cards = _cards(directory, build, shard)
        groups: list[str] = []  # the find page's audiences (a shard's pages do not depend on them)
        finder_job = None
        # The finder's data and the home page's schedules: made into a folder of their own and
        # put into the site after mkdocs and the pages, so those need not wait for the finder
        late = staging / "late"
        if shard is None:
            def make_finder() -> dict:
                words = Memo(build.cache, "finder-words", code_version())
                made = write_finder(directory, late / "assets", routes, build.cache, cards=build.cards,
                                    prints=build.prints, words=lambda text: words.get(
                                        key(text), lambda: words_of(text)))
                words.save()
                return made

            # Beside the pages, on the other core, for a big directory (generator.site.background)
            with _timed(report, "finder index"):
                finder_job = background.start(make_finder, big=len(directory.activities)
                                              >= BACKGROUND_FROM)
                groups = audience_choices(directory)
        else:
            with _timed(report, "finder index"):  # this part's share of the areas, into the cache
                keep_area_parts(directory, routes, build.cache, shard, cards=build.cards,
                                prints=build.prints)
        if with_print:
            with _timed(report, "PDFs"):
                report.printed = _print(directory, docs / "print", report, changes, build.cache.folder)
            with _timed(report, "braille, audio and Easy Read"):
                report.printed += _formats(directory, docs / "print", build.cache.folder)
        if with_data:
            with _timed(report, "open data"):
                report.data_files = _data(directory, docs / "data", report)
        with _timed(report, "pages"):
            if shard is None:
                _webform(directory, docs, report)
                whats_new.write(directory, docs, changes or not_available(
                    "the changes were not worked out for this build"), build)
                _coordinator_pages(directory, docs)
                write_pages(directory, docs, routes=routes, groups=groups,
                            printed=report.printed, has_data=(docs / "data" / "index.md").exists(),
                            build=build,
                            zips=offline.zip_plan(directory, with_print) if with_zip else [])
            else:  # a part makes no browse pages: stand-ins, so mkdocs' nav (in the shells) is the same
                write_nav_stand_ins(docs)
            write_shells(docs)
            if shard is None:  # straight into the site, while the finder may still be at work
                _form_listings(directory, build)
        with _timed(report, "mkdocs"):
            run_mkdocs(docs, built, site_name=directory.config.site.name,
                       site_url=directory.config.site.url,
                       copyright=f"Run by {directory.config.site.publisher}.")
        stamped: set[str] = set()  # written into the site already
        if shard is None:
            with _timed(report, "browse pages"):
                stamped = stamp_pages(built, build)
                offline.drop_theme_search(built)
        with _timed(report, "activity pages", len(directory.activities) + len(directory.organisations),
                    "pages"):
            report.pages += stamp_activities(directory, out, _ics_writer(report), route_links,
                                             build.cache, shard, built=built, files=build.files,
                                             prints=build.prints)
            report.pages += stamp_organisations(directory, out, build.cards, build.card_list,
                                                build.cache, shard, built=built, files=build.files,
                                                prints=build.prints)
        if finder_job is not None:
            with _timed(report, "finder index"):  # what is left of it
                made = finder_job.result()
                report.index_bytes, report.docs_bytes = made["index_bytes"], made["docs_bytes"]
            with _timed(report, "schedules"):  # each activity's line kept by its fingerprint
                acts = Memo(build.cache, "today-acts", key(code_version(), directory.config))
                report.schedule_bytes = write_schedules(
                    directory, late / "assets", big=not made["eager"],
                    act=lambda e: acts.get(build.prints.entry(e), lambda: activity_line(e)))
                acts.save()
        with _timed(report, "site files"):  # mkdocs' output into `out`, then what is left over
            build.files.copy_tree(built, skip=frozenset(stamped))
            if late.exists():
                build.files.copy_tree(late)
            if shard is None:
                build.files.add(["sw.js"] + [f"{offline.DOWNLOADS}/{z.filename}" for z in
                                             offline.zip_plan(directory, with_print) if with_zip])
            report.removed = build.files.remove_rest()
            report.changed = build.files.changed
        if shard is not None:
            report.cache_hits, report.cache_misses = build.cache.hits, build.cache.misses
            build.files.save()
            return report
        if build.cache.folder is not None:
            report.cache_hits, report.cache_misses = build.cache.hits, build.cache.misses
        if with_zip:  # before the service worker, which keeps the download page with its sizes
            with _timed(report, "zip"):
                report.zip_paths = offline.write_zips(
                    directory, out, offline.zip_plan(directory, with_print),
                    files=[f for f in build.files.sorted() if f != "sw.js"], cache=build.cache,
                    records=build.files.records)
        with _timed(report, "service worker"):
            offline.write_service_worker(out)
        build.files.save()
        report.pages += sum(1 for _ in docs.rglob("*.md")) - 2  # the two shells
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def _cards(directory: Directory, build: SiteBuild, shard: tuple[int, int] | None = None) -> dict:
    """Every current activity's card (for lists, the finder and organisation pages), made once
    a build and kept in the cache under its activity's fingerprint. For a part (`shard`), only
    those of its organisations' activities (the finder's parts make their own)."""
    memo = Memo(build.cache, "cards", key(code_version(), directory.config, directory.today,
                                          stable(directory.calendar), shard))
    entries = directory.current()
    if shard is not None:
        wanted = {e.id for o in in_shard(directory.organisations, pages_in(directory, shard))
                  for e in o.activities}
        entries = tuple(e for e in entries if e.id in wanted)
    build.card_context = memo.context
    build.card_keys = {e.id: build.prints.entry(e) for e in entries}
    cards = {e.id: memo.get(build.card_keys[e.id], lambda e=e: card(e, directory))
             for e in entries}
    memo.save()
    return cards


def _print(directory: Directory, target: Path, report: SiteReport, changes: ChangeLog | None,
           cache: Path | None) -> list:
    from generator import printing  # heavy (WeasyPrint): only when printing

    target.mkdir(parents=True, exist_ok=True)
    return list(printing.build_all(directory, target, changes=changes, cache=cache))


def _formats(directory: Directory, target: Path, cache: Path | None) -> list:
    from generator import accessible  # heavy (WeasyPrint, speech)

    return accessible.build_all(directory, target, cache=cache)


def _data(directory: Directory, target: Path, report: SiteReport) -> list:
    from generator import opendata

    target.mkdir(parents=True, exist_ok=True)
    paths = [Path(p) for p in opendata.export_all(directory, target)]
    if not (target / "index.md").exists():
        files = []
        for p in paths:
            full = p if p.is_absolute() else target / p
            try:
                rel = full.resolve().relative_to(target.resolve()).as_posix()
            except ValueError:
                continue
            files.append({"name": rel, "size": full.stat().st_size if full.exists() else 0})
        (target / "index.md").write_text(render("pages/data.md", files=files,
                                                site=directory.config.site), encoding="utf-8")
    return paths


def _webform(directory: Directory, docs: Path, report: SiteReport) -> None:
    from generator import webform

    webform.write(directory, docs, listings=False)  # those go straight into the site: below


def _form_listings(directory: Directory, build: SiteBuild) -> None:
    """The web form's file for each activity (add/listings/<id>.js, generator.webform), written
    straight into the site folder (not through mkdocs, which would copy 20,000 files twice), and
    left alone, unmade, while its listing does not change."""
    from generator import webform

    code = code_version()
    for org in directory.organisations:
        for entry in org.activities:
            rel = webform.listing_path(entry.id)
            build.files.put_made(rel, key("form-listing", code, build.prints.entry(entry)),
                                 lambda org=org, entry=entry: webform.listing_js(org, entry).encode("utf-8"))


def _coordinator_pages(directory: Directory, docs: Path) -> None:
    """Hook: pages for the directory's coordinators (outside the patients' navigation), written
    by their own modules. Today: coordinators/coverage/ (generator/coverage.py)."""
    from generator import coverage

    coverage.write_page(directory, docs)


def _ics_writer(report: SiteReport):
    from generator.calendar_ics import activity_ics

    return activity_ics
