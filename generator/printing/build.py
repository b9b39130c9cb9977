"""Everything print makes, in one call, sharing one pool of worker processes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from generator import progress
from generator.changes import ChangeLog
from generator.directory import Directory
from generator.printing import booklet, changes_sheet, posters, render, select
from generator.printing.document import PrintedDocument
from generator.site.cache import FROM_SETTINGS
from generator.site.cache import folder_from as cache_folder


class UnknownEdition(LookupError):
    """An edition id asked for that site_config/editions.yml does not have."""

    def __init__(self, missing: list[str], known: list[str]):
        self.missing, self.known = missing, known
        super().__init__(f"No edition called {', '.join(missing)} in site_config/editions.yml. "
                         f"Editions: {', '.join(known) or 'none'}.")


def build_all(directory: Directory, out_dir: Path, *, editions: list[str] | None = None,
              paper: str = "white", posters_too: bool = True,
              changes: ChangeLog | None = None, cache: Path | str | None = FROM_SETTINGS
              ) -> list[PrintedDocument]:
    """Render the booklets (every edition, or those named), the posters and the near-here posters.

    Returns them in that order. Raises UnknownEdition for an edition id that is not in the settings.
    Rendered parts are kept in `cache`/print (the build cache folder; None or "off" keeps nothing;
    by default $WHATS_ON_CACHE, else .cache/whats-on), so what did not change is not rendered again.
    """
    out_dir = Path(out_dir)
    chosen = list(select.editions(directory))
    if editions:
        known = {e.id: e for e in chosen}
        missing = [e for e in editions if e not in known]
        if missing:
            raise UnknownEdition(missing, list(known))
        chosen = [known[e] for e in editions]
    folder = cache_folder(cache or "off")
    with render.pool(cache=folder / "print" if folder else None) as pool, ThreadPoolExecutor(max(2, render.workers())) as threads:
        # editions run side by side so one edition's waits are filled with another's work
        with progress.stage("Booklets", len(chosen), "booklets") as booklets:
            jobs = {threads.submit(booklet.build, directory, e, out_dir, pool, paper=paper):
                    progress.begin(f"Booklet: {e.title}", unit="pages") for e in chosen}
            for job in as_completed(jobs):
                if job.exception() is None:
                    jobs[job].advance(job.result().pages)
                jobs[job].end()
                booklets.advance()
            made = [j.result() for j in jobs]
        if posters_too:
            with progress.stage("Posters", len(select.in_print(directory)), "posters"):
                made += posters.build_posters(directory, out_dir, pool, paper=paper)
            with progress.stage("Near-here posters", len(directory.config.places), "posters"):
                made += posters.build_near_here(directory, out_dir, pool, paper=paper)
        if changes is not None and changes.available:
            with progress.stage("Changes this month", len(chosen), "sheets"):
                made += changes_sheet.build(directory, changes, out_dir, pool, editions=chosen, paper=paper)
    return made
