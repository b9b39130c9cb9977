"""What a long command is doing, said while it does it.

    with progress.session(mode):                          # the CLI, once per command
        with progress.stage("Pages", total=n, unit="pages") as s:
            for ...: s.advance()
        progress.final_line("Built 155 pages in 14.2s")  # + the stages that took the time

Modes:
- ``terminal``: a live display (rich), one bar a stage with its count and the time left; work in
  threads or worker processes advances the same bars (advance from the thread that collects).
- ``plain`` (CI logs, pipes): a line when a stage starts and a line when it ends, with counts and
  seconds; nothing redraws.
- ``quiet``: no stage lines; problems (printed by the commands) and the final line only.

Library code calls `stage()` (or `begin()` and `Stage.end()` when work ends elsewhere, as when a
worker's result arrives) whatever the mode. Outside a session (tests, other programs) stages are
timed but nothing is printed. A command runs one session at a time; stages begun in other threads
of it are shown under the stage that was open in the command's own thread.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal, TextIO

Mode = Literal["terminal", "plain", "quiet"]

# A stage that took at least this share of the whole command is named in the final line.
NAMED_SHARE = 0.1


@dataclass
class Stage:
    name: str
    total: int | None = None
    unit: str = ""
    depth: int = 0
    done: int = 0
    started: float = field(default_factory=time.perf_counter)
    seconds: float | None = None
    _session: Session | None = field(default=None, repr=False)

    def advance(self, n: int = 1) -> None:
        if self._session:
            with self._session.lock:
                self.done += n
            self._session.display.update(self)
        else:
            self.done += n

    def end(self) -> None:
        if self.seconds is not None:
            return
        self.seconds = time.perf_counter() - self.started
        if self._session:
            self._session.close_stage(self)

    def set_total(self, total: int) -> None:
        self.total = total
        if self._session:
            self._session.display.update(self)

    def count_text(self) -> str:
        """"30 files": what was done (the total, when the work did not count itself)."""
        if not self.unit:
            return ""
        return counted(self.done or (self.total or 0), self.unit)


def counted(n: int, unit: str) -> str:
    """'1 file', '30 files' (units are given in the plural)."""
    if not unit:
        return f"{n:,}"
    return f"{n:,} {unit[:-1] if n == 1 and unit.endswith('s') else unit}"


class _Silent:
    def start(self, stage: Stage) -> None: ...
    def update(self, stage: Stage) -> None: ...
    def end(self, stage: Stage) -> None: ...
    def close(self) -> None: ...


class _Plain(_Silent):
    """One line when a stage starts and one when it ends."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.lock = threading.Lock()

    def start(self, stage: Stage) -> None:
        total = f", {counted(stage.total, stage.unit)}".rstrip() if stage.total is not None else ""
        self._say(stage, f"{stage.name}: started{total}")

    def end(self, stage: Stage) -> None:
        count = stage.count_text()
        self._say(stage, f"{stage.name}: done{', ' + count if count else ''} in {stage.seconds:.1f}s")

    def _say(self, stage: Stage, text: str) -> None:
        with self.lock:  # one write a line: lines from several threads never run together
            self.stream.write("  " * stage.depth + text + "\n")
            self.stream.flush()


class _Terminal(_Silent):
    """A rich live display: a bar a stage, count, elapsed and remaining time."""

    def __init__(self, stream: TextIO):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            SpinnerColumn(finished_text="[green]✓"),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[count]}"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[left]}"),
            TimeRemainingColumn(),
            console=Console(file=stream),
            redirect_stderr=True, redirect_stdout=False,
        )
        self.tasks: dict[int, int] = {}
        self.progress.start()

    @staticmethod
    def _fields(stage: Stage, finished: bool = False) -> dict:
        if stage.total is not None and not finished:
            count = f"{stage.done:,}/{counted(stage.total, stage.unit)}"
        else:
            count = stage.count_text() if (finished or stage.done) else ""
        # "left" (time remaining) only where there is a count to go by
        return {"count": count, "left": "left" if stage.total and not finished else ""}

    def start(self, stage: Stage) -> None:
        self.tasks[id(stage)] = self.progress.add_task(
            "  " * stage.depth + stage.name, total=stage.total, **self._fields(stage))

    def update(self, stage: Stage) -> None:
        task = self.tasks.get(id(stage))
        if task is not None:
            self.progress.update(task, completed=stage.done, total=stage.total, **self._fields(stage))

    def end(self, stage: Stage) -> None:
        task = self.tasks.get(id(stage))
        if task is not None:
            total = stage.total if stage.total is not None else max(stage.done, 1)
            self.progress.update(task, completed=total, total=total, **self._fields(stage, True))

    def close(self) -> None:
        self.progress.stop()


@dataclass
class Session:
    mode: Mode
    stream: TextIO
    started: float = field(default_factory=time.perf_counter)
    stages: list[Stage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    display: _Silent = field(default_factory=_Silent)
    thread: int = field(default_factory=threading.get_ident)
    open: dict[int, list[Stage]] = field(default_factory=dict)  # thread -> its open stages

    def open_stage(self, st: Stage, *, holds_others: bool) -> None:
        """Show `st` under the stage open in this thread (or in the command's own thread, for a
        worker thread); `holds_others`: stages begun while it is open go under it."""
        with self.lock:
            here = self.open.setdefault(threading.get_ident(), [])
            st.depth = len(here) if here or threading.get_ident() == self.thread \
                else len(self.open.get(self.thread, []))
            if holds_others:
                here.append(st)
            self.stages.append(st)
        self.display.start(st)

    def close_stage(self, st: Stage) -> None:
        with self.lock:
            for stack in self.open.values():
                if st in stack:
                    stack.remove(st)
        self.display.end(st)

    def timings(self, total: float) -> list[tuple[str, float]]:
        """Top-level stages that took at least a tenth of `total`, longest first."""
        tops = [(s.name, s.seconds or 0.0) for s in self.stages if s.depth == 0]
        return sorted(((n, t) for n, t in tops if total and t >= NAMED_SHARE * total),
                      key=lambda nt: -nt[1])


_active: Session | None = None  # the running command's session, if any


def choose_mode(stream: TextIO, *, quiet: bool = False) -> Mode:
    if quiet:
        return "quiet"
    return "terminal" if stream.isatty() else "plain"


@contextmanager
def session(mode: Mode | None = None, stream: TextIO | None = None) -> Iterator[Session]:
    stream = stream or sys.stderr
    mode = mode or choose_mode(stream)
    s = Session(mode, stream)
    s.display = {"terminal": _Terminal, "plain": _Plain}.get(mode, lambda _s: _Silent())(stream)
    global _active
    before, _active = _active, s
    try:
        yield s
    finally:
        s.display.close()
        _active = before


def begin(name: str, total: int | None = None, unit: str = "", *, _holds_others: bool = False) -> Stage:
    """Start a stage that ends with `Stage.end()`, for work that ends elsewhere (a job in a pool)."""
    st = Stage(name, total, unit, _session=_active)
    if _active is not None:
        _active.open_stage(st, holds_others=_holds_others)
    return st


@contextmanager
def stage(name: str, total: int | None = None, unit: str = "") -> Iterator[Stage]:
    """Time a piece of work and show it (when a session is running)."""
    st = begin(name, total, unit, _holds_others=True)
    try:
        yield st
    finally:
        st.end()


def final_line(head: str, tail: str = "") -> str:
    """Print the command's last line: `head`, the stages that took a tenth of the time or more,
    then `tail`. Printed in every mode, quiet included."""
    s = _active
    text = head
    if s is not None:
        total = time.perf_counter() - s.started
        named = s.timings(total)
        if named:
            text += " (" + ", ".join(f"{_in_sentence(n)} {t:.1f}s" for n, t in named) + ")"
        s.display.close()
        s.display = _Silent()
    text += tail
    print(text, file=s.stream if s else sys.stderr, flush=True)
    return text


def _in_sentence(name: str) -> str:
    """'Activity pages' -> 'activity pages'; names with capitals inside (MkDocs, PDFs) keep them."""
    return name if any(c.isupper() for c in name[1:]) else name.lower()


def quiet() -> bool:
    """True when only problems and the final line are to be printed."""
    return _active is not None and _active.mode == "quiet"
