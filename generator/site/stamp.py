"""Activity and organisation pages, stamped into a page shell that mkdocs rendered once.

MkDocs with one page per listing costs about 3.6 ms a page and writes the nav into each one.
Instead mkdocs renders one empty "shell" page per section (same folder depth as the real pages,
so every relative link in the theme is already right), and each listing's page is the shell with
its title and content put in: linear, and a few hundred pages a second.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from html import escape
from pathlib import Path

from generator import qr, urls
from generator.directory import Directory
from generator.site.cache import Cache, Fingerprints, code_version, stable
from generator.site.cache import key as cache_key
from generator.site.keyfacts import key_facts
from generator.site.render import environment, linker
from generator.site.shards import page_share
from generator.site.views import activity_view
from generator.site.writer import SiteFiles

SHELL = "wo-shell"
TITLE = "WOSHELLTITLE"
CONTENT = f'<div class="wo-stamp"><h1>{TITLE}</h1></div>'


class Shell:
    def __init__(self, html: str):
        if CONTENT not in html:
            raise RuntimeError("The page shell from mkdocs has no content marker.")
        self.before, self.after = html.split(CONTENT, 1)

    def page(self, page_id: str, title: str, content: str) -> str:
        t = escape(title, quote=True)
        before = self.before.replace(TITLE, t).replace(SHELL, page_id)
        after = self.after.replace(TITLE, t).replace(SHELL, page_id)
        return before + content + after


def _shell(site: Path, section: str) -> Shell:
    folder = site / section / SHELL
    shell = Shell((folder / "index.html").read_text(encoding="utf-8"))
    shutil.rmtree(folder)
    return shell


PARALLEL_FROM = 400  # activities; below this, one process is quicker
QR_MASK = 4  # a fixed, valid mask pattern: choosing the "best" one costs ~5 ms a page
_WORKER_JOB: dict = {}  # set only inside a forked worker process (by _start_worker), which ends with the build


def _shared(directory: Directory, shell: Shell, *extra: object) -> str:
    """The cache key of what every page of a section is made from, besides its own listing."""
    return cache_key(code_version(), directory.config, directory.today, stable(directory.calendar),
                     shell.before, shell.after, *extra)


def stamp_activities(directory: Directory, site: Path, ics_writer=None,
                     route_links: dict | None = None, cache: Cache | None = None,
                     shard: tuple[int, int] | None = None, *, built: Path | None = None,
                     files: SiteFiles | None = None, prints: Fingerprints | None = None) -> int:
    """Write activities/<id>/index.html (and <id>.ics) for every activity, ended ones included
    (a poster's QR code must not lead nowhere). Uses both cores for big directories. Pages whose
    inputs have not changed come from `cache` (generator.site.cache). `shard` (I, N): only
    every Nth activity from the Ith (build --shard). `built`: mkdocs' output, with the page
    shell and the print files (default: `site`); a file that already holds the page's bytes is
    left alone, and each file written is added to `files`."""
    built = built or site
    shell = _shell(built, "activities")
    job = {"directory": directory, "site": site, "built": built, "ics_writer": ics_writer,
           "route_links": route_links, "shell": shell, "cache": cache or Cache(None),
           "shared": _shared(directory, shell, ics_writer is not None),
           "entries": in_shard(directory.activities, pages_in(directory, shard)),
           "prints": prints or Fingerprints(directory),
           "files": files if files is not None else SiteFiles(site)}
    count = len(job["entries"])
    workers = min(os.cpu_count() or 1, 4)
    if count < PARALLEL_FROM or workers < 2 or "fork" not in mp.get_all_start_methods():
        _stamp_range(job, (0, count))
    else:
        step = max(50, count // (workers * 4))
        ranges = [(i, min(i + step, count)) for i in range(0, count, step)]
        # Forked workers inherit `job` as the initializer's argument (fork pickles nothing).
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork"),
                                 initializer=_start_worker, initargs=(job,)) as pool:
            for hits, misses, records, changed in pool.map(_worker_range, ranges):
                job["cache"].hits += hits
                job["cache"].misses += misses
                job["files"].taken(records, changed)
    return count


def _start_worker(job: dict) -> None:
    _WORKER_JOB.update(job)


def _worker_range(bounds: tuple[int, int]) -> tuple[int, int, dict, int]:
    cache, files = _WORKER_JOB["cache"], _WORKER_JOB["files"]
    cache.hits = cache.misses = files.changed = 0
    files.records = {}
    _stamp_range(_WORKER_JOB, bounds)
    return cache.hits, cache.misses, files.records, files.changed


def _stamp_range(job: dict, bounds: tuple[int, int]) -> None:
    """Make the pages of job["entries"][bounds] into job["files"]: a page (or calendar) whose
    inputs are those its file in the site was last written from is left alone unread; the rest
    come from the cache or are made."""
    from generator.sms import gsm_length, messages_ahead, text_message

    directory, ics_writer, files = job["directory"], job["ics_writer"], job["files"]
    shell, route_links, cache = job["shell"], job["route_links"], job["cache"]
    template = environment().get_template("pages/activity.html")
    href = linker(2)
    for entry in job["entries"][bounds[0]:bounds[1]]:
        folder = urls.activity(entry.id)
        spoken = f"print/audio/activities/{entry.id}.mp3"  # the audio edition's (generator.accessible)
        has_audio = (job["built"] / spoken).exists()
        digest = cache_key(job["shared"], job["prints"].entry(entry),
                           (route_links or {}).get(entry.id), has_audio)
        ics = f"{entry.id}.ics" if ics_writer is not None else None
        if ics is not None:
            def calendar(entry=entry) -> bytes:
                return ics_writer(directory, entry)

            files.put_made(folder + ics, "activity-ics " + digest,
                           lambda digest=digest, calendar=calendar: cache.made(
                               "activity-ics", digest, calendar))

        def page(entry=entry, has_audio=has_audio, spoken=spoken, ics=ics) -> bytes:
            page_url = urls.absolute(directory.config, urls.activity(entry.id))
            sms = text_message(directory, entry)
            content = template.render(
                audio=href(spoken) if has_audio else None,
                v=activity_view(directory, entry, route_links), k=key_facts(directory, entry),
                href=href, ics=ics, page_url=page_url,
                sms=sms, sms_length=gsm_length(sms), sms_ahead=messages_ahead(directory, entry),
                qr=_qr(cache, page_url))
            return shell.page(entry.id, entry.activity.name, content).encode("utf-8")

        files.put_made(folder + "index.html", "activity-page " + digest,
                       lambda digest=digest, page=page: cache.made("activity-page", digest, page))


def _qr(cache: Cache, page_url: str) -> str:
    digest = cache_key(code_version(), page_url, QR_MASK)
    return cache.made("qr", digest, lambda: qr.svg(
        page_url, scale=3, title=f"QR code for {page_url}", mask=QR_MASK).encode()).decode()


def governance_lines(org) -> list[str]:
    g = org.governance
    if not g:
        return []
    lines = []
    for flag, yes, no in (
        (g.safeguarding_policy, "Has a safeguarding policy", "No written safeguarding policy"),
        (g.insurance, "Has public liability insurance", "No public liability insurance"),
        (g.dbs_checked, "Volunteers who need them have DBS checks", "No DBS checks"),
        (g.complex_referrals, "Can take referrals of people with complex or high needs",
         "Not able to take referrals of people with complex or high needs"),
    ):
        if flag is True:
            lines.append(yes)
        elif flag is False:
            lines.append(no)
    return lines


def stamp_organisations(directory: Directory, site: Path, cards: dict, card_list,
                        cache: Cache | None = None, shard: tuple[int, int] | None = None, *,
                        built: Path | None = None, files: SiteFiles | None = None,
                        prints: Fingerprints | None = None) -> int:
    """Write organisations/<id>/index.html for every organisation (see stamp_activities)."""
    shell = _shell(built or site, "organisations")
    cache = cache or Cache(None)
    shared = _shared(directory, shell)
    template = environment().get_template("pages/organisation.html")
    href = linker(2)
    orgs = in_shard(directory.organisations, pages_in(directory, shard))
    prints = prints or Fingerprints(directory)
    files = files if files is not None else SiteFiles(site)
    for org in orgs:
        rel = urls.organisation(org.id) + "index.html"
        entries = [cards[e.id] for e in org.activities if e.id in cards]
        digest = cache_key(shared, org.id, prints.organisation(org.organisation, org.source.file), entries)

        def page(org=org, entries=entries) -> bytes:
            content = template.render(o=org.organisation, entries=entries, href=href,
                                      card_list=card_list,
                                      governance=governance_lines(org.organisation))
            return shell.page(org.id, org.organisation.name, content).encode("utf-8")

        files.put_made(rel, "organisation-page " + digest,
                       lambda digest=digest, page=page: cache.made("organisation-page", digest,
                                                                   page))
    return len(orgs)


def in_shard(items: tuple, shard: tuple[int, int] | None) -> tuple:
    """Part I of N (counting from 1): every Nth item from the Ith (none for part 0); all of them
    without a shard."""
    if shard is None:
        return tuple(items)
    part, parts = shard
    return tuple(x for i, x in enumerate(items) if i % parts == part - 1)


def pages_in(directory: Directory, shard: tuple[int, int] | None) -> tuple[int, int] | None:
    """The share of the activity and organisation pages that build --shard I/N makes
    (generator.site.shards.page_share), for in_shard."""
    return page_share(shard, len(directory.config.areas) + 1)  # + the part of no area
