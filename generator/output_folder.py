"""The folder a build writes into: emptied first, so it must be one What's On wrote before.

Every build writes a marker file (``.whats-on-output``) into its folder. A later build empties a
folder only if it is new, empty or carries the marker; it never writes into the repository
itself (its top folder, listings/, site_config/, generator/, … or any folder holding .git).

    prepare(Path("site"), listings=Path("listings"), config=Path("site_config"))
"""

from __future__ import annotations

from pathlib import Path

MARKER = ".whats-on-output"
MARKER_TEXT = ("This folder was written by What's On (python -m generator build). The next build "
               "empties it and writes it again; keep nothing of your own here.\n")
REPO = Path(__file__).resolve().parents[1]
# The repository's own folders: never a place to build into, nor anything under them.
SOURCE_FOLDERS = ("generator", "templates", "schema", "print", "scripts", "tests", "site_config",
                  "listings", ".github", ".git", ".venv")


class OutputRefused(Exception):
    """The folder cannot be used for a build. The message says why and what to do."""


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check(out: Path, *, listings: Path | None = None, config: Path | None = None,
          repo: Path = REPO) -> None:
    """Raise OutputRefused when building into `out` could destroy anything that is not a build."""
    target = Path(out).resolve()
    shown = str(out)
    repo = repo.resolve()
    protected = [repo / name for name in SOURCE_FOLDERS]
    protected += [Path(p).resolve() for p in (listings, config) if p is not None]
    for folder in protected:
        if _within(target, folder) or _within(folder, target):
            raise OutputRefused(
                f"{shown} is, or holds, {folder.name}/ of the directory's own files; a build "
                "empties its folder first, so it never builds there. Use --out site, or a new "
                "folder.")
    if _within(repo, target):
        raise OutputRefused(
            f"{shown} holds the What's On repository; a build empties its folder first, so it "
            "never builds there. Use --out site, or a new folder.")
    if target.exists() and not target.is_dir():
        raise OutputRefused(f"{shown} is a file, not a folder. Choose a folder for the site.")
    if not target.is_dir():
        return
    if (target / ".git").exists() or any(p.name == ".git" for p in target.glob("*/.git")):
        raise OutputRefused(
            f"{shown} holds a git repository; a build empties its folder first, so it never "
            "builds there. Use --out site, or a new folder.")
    if (target / MARKER).is_file():
        return
    if any(target.iterdir()):
        raise OutputRefused(
            f"{shown} is not empty and was not written by an earlier build (it has no {MARKER} "
            "file); a build empties its folder first, so nothing was changed. Choose a new or "
            "empty folder, or delete this one yourself if it holds nothing you need.")


def prepare(out: Path, **kwargs) -> None:
    """check(), then create the folder and write the marker (before anything else is written,
    so a build that stops half way can still be run again)."""
    check(out, **kwargs)
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    (target / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
