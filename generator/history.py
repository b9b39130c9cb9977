"""The listings' own history, read from git: which listing files each commit changed, and their text.

    commits = listing_commits(Path("listings"))   # oldest first; None without git history
    texts = read_blobs(repo, [blob, ...])          # many files in one `git cat-file --batch`

Only git's plumbing commands are used, each once, so reading the history of a large directory
costs one `git log` and one `git cat-file` per run. Nothing here knows what a listing says: see
generator/changes.py.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path


class NoHistory(Exception):
    """The listings folder is not inside a git repository with commits (a plain folder, a zip)."""


@dataclass(frozen=True)
class FileChange:
    status: str  # A (added), M (modified), D (deleted), R (renamed or moved)
    old_path: str | None  # repository-relative, for D and R
    new_path: str | None  # repository-relative, for A, M and R
    blob: str | None  # the new content's blob id (None for D)


@dataclass(frozen=True)
class Commit:
    sha: str
    when: dt.datetime  # the commit time, with its offset
    files: tuple[FileChange, ...]


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    run = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True)
    if run.returncode:
        raise NoHistory(run.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return run.stdout


def repository_root(folder: Path) -> Path:
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise NoHistory(f"{folder} is not a folder")
    try:
        top = _git(folder, "rev-parse", "--show-toplevel").decode().strip()
    except FileNotFoundError:
        raise NoHistory("git is not installed") from None
    return Path(top)


def listing_commits(listings_dir: Path) -> tuple[Path, list[Commit]]:
    """(repository root, the commits that changed a .yml file under `listings_dir`, oldest first).

    Renames and moves are followed (-M), so a moved file keeps its history. Raises NoHistory."""
    root = repository_root(listings_dir)
    rel = Path(listings_dir).resolve().relative_to(root).as_posix() or "."
    # -z output: "\x01SHA DATE\0" then, per file, ":modes blobs STATUS\0path\0[path2\0]"
    raw = _git(root, "log", "--reverse", "-M", "--raw", "--no-abbrev", "-z", "--format=%x01%H %cI",
               "--", f"{rel}/*.yml", f"{rel}/*.yaml")
    commits: list[Commit] = []
    for chunk in raw.decode("utf-8", "replace").split("\x01")[1:]:
        head, _, rest = chunk.partition("\x00")
        sha, when = head.strip().split(" ", 1)
        commits.append(Commit(sha, dt.datetime.fromisoformat(when), tuple(_raw_changes(rest))))
    if not commits:
        raise NoHistory(f"no commits touch {rel}/ yet")
    return root, commits


def _raw_changes(text: str) -> list[FileChange]:
    """Parse `git log --raw -z` entries: ':old new oldsha newsha STATUS\\0path[\\0path2]\\0'."""
    fields = text.split("\x00")
    out: list[FileChange] = []
    i = 0
    while i < len(fields):
        meta = fields[i].strip("\n")
        if not meta.startswith(":"):
            i += 1
            continue
        parts = meta[1:].split()
        new_blob, status = parts[3], parts[4][0]
        if status in "RC":
            old, new = fields[i + 1], fields[i + 2]
            i += 3
        else:
            old = new = fields[i + 1]
            i += 2
        blob = None if status == "D" else new_blob
        if status == "A":
            old = None
        elif status == "D":
            new = None
        elif status == "C":
            status, old = "A", None
        out.append(FileChange(status, old, new, blob))
    return out


def read_blobs(root: Path, blobs: list[str]) -> dict[str, str]:
    """The text of each blob, read in one `git cat-file --batch` call."""
    wanted = list(dict.fromkeys(b for b in blobs if b))
    if not wanted:
        return {}
    raw = _git(root, "cat-file", "--batch", stdin=("\n".join(wanted) + "\n").encode())
    texts: dict[str, str] = {}
    pos = 0
    for blob in wanted:
        end = raw.index(b"\n", pos)
        header = raw[pos:end].decode().split()
        pos = end + 1
        if len(header) < 3 or header[1] == "missing":
            continue
        size = int(header[2])
        texts[blob] = raw[pos:pos + size].decode("utf-8", "replace")
        pos += size + 1  # the content is followed by a newline
    return texts
