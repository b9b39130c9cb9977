"""HTML (Jinja2 templates in templates/print/) to PDF (WeasyPrint), in worker processes.

Workers get only HTML text and give back PDF bytes, the page count and where each anchor (an
element id) landed, so nothing heavy is pickled and both cores can render at once. Each worker
keeps one font configuration for all its documents (fonts are loaded once, not per document).

What was rendered is kept in a content-addressed cache (`Pool(cache=folder)`): the key is the
SHA-256 of the HTML (which holds the style sheets and font file names) and of the rendering code
and packages, so a part whose HTML did not change is never rendered again.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
import tempfile
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator import heap
from generator.printing import fonts, nobreak

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates" / "print"
CSS = ROOT / "print"
PX_TO_PT = 0.75  # WeasyPrint reports anchor positions in CSS pixels


@dataclass(frozen=True)
class Anchor:
    page: int  # 0-based page within the rendered document
    x: float  # points from the left edge
    top: float  # points from the top edge
    bottom: float


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    anchors: dict[str, Anchor]


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["keep"] = nobreak.keep
    env.filters["nb"] = nobreak.nb
    env.filters["sentences"] = nobreak.sentences
    env.globals["stylesheet"] = stylesheet
    env.globals["font_files"] = {k: (v.as_uri() if isinstance(v, Path) else v)
                                 for k, v in fonts.font_files().items()}
    env.globals["fallback_family"] = fonts.FALLBACK
    return env


@lru_cache(maxsize=8)
def stylesheet(name: str) -> Markup:
    return Markup((CSS / name).read_text(encoding="utf-8"))  # our own files, not listing text


def html(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


_FONTS: dict[int, object] = {}  # process id -> its FontConfiguration (never shared over a fork)
_SHEETS: dict[tuple[int, str], list] = {}  # (process id, style sheet names) -> parsed CSS
STYLESHEETS = re.compile(r'<meta name="whats-on-css" content="([^"]*)">')


@atexit.register
def _let_go() -> None:
    """Free them before Python tears its modules down (WeasyPrint's clean-up needs shutil)."""
    _SHEETS.clear()
    _FONTS.clear()


def _font_config() -> object:
    from weasyprint.text.fonts import FontConfiguration

    pid = os.getpid()
    if pid not in _FONTS:
        _FONTS.clear()
        _FONTS[pid] = FontConfiguration()
    return _FONTS[pid]


def _stylesheets(names: str) -> list:
    """The print fonts and the named style sheets (print/), parsed once in each process."""
    from weasyprint import CSS as Stylesheet

    key = (os.getpid(), names)
    if key not in _SHEETS:
        files = environment().globals["font_files"]
        faces = "".join(f'@font-face {{ font-family: "{fonts.FAMILY}"; font-weight: {weight}; '
                        f'font-style: normal; src: url("{files[weight]}"); }}\n'
                        for weight in ("regular", "bold")).replace("weight: regular", "weight: normal")
        text = faces + "\n".join((CSS / name).read_text(encoding="utf-8") for name in names.split())
        _SHEETS[key] = [Stylesheet(string=text, base_url=str(ROOT), font_config=_font_config())]
    return _SHEETS[key]


def render(html_text: str) -> Rendered:
    """One HTML document to a tagged PDF. Runs in a worker process.

    The style sheets a template names (`<meta name="whats-on-css">`, templates/print/_base.html)
    are parsed once per process, not once per document; a document may also carry its own."""
    from weasyprint import HTML

    named = STYLESHEETS.search(html_text)
    document = HTML(string=html_text, base_url=str(ROOT)).render(
        pdf_tags=True, font_config=_font_config(),
        stylesheets=_stylesheets(named.group(1)) if named else None)
    anchors = {}
    for number, page in enumerate(document.pages):
        for name, (x0, y0, _x1, y1) in page.anchors.items():
            if name not in anchors:  # a box split over pages is reported on each: keep the first
                anchors[name] = Anchor(number, x0 * PX_TO_PT, y0 * PX_TO_PT, y1 * PX_TO_PT)
    pdf = document.write_pdf(pdf_tags=True)
    return Rendered(pdf, len(document.pages), anchors)


def _start_worker() -> None:
    """Once in each worker, as it starts. Laying out a document makes millions of objects that
    live until it is written, and at Python's usual pace the garbage collector walks them (and,
    in a forked worker, everything it inherited: the whole directory, in a build) thousands of
    times, about a fifth of the rendering time. What the worker inherited is put out of its
    reach for good (`gc.freeze`: it is never garbage here, and its memory stays shared with the
    parent), and collections run less often; reference counting still frees almost everything
    as soon as it is done with."""
    heap.hold()


def workers() -> int:
    return max(1, min(os.cpu_count() or 1, int(os.environ.get("WHATSON_PRINT_WORKERS", "2"))))


class Pool(ProcessPoolExecutor):
    """The worker processes, and the folder where rendered documents are kept (None: nowhere)."""

    def __init__(self, count: int, cache: Path | None = None):
        super().__init__(count, initializer=_start_worker)
        self.cache = Path(cache) if cache is not None else None


def pool(count: int | None = None, cache: Path | None = None) -> Pool:
    """Worker processes, started now from this thread (forking later, from the threads that
    build editions side by side, could copy a lock another thread holds)."""
    executor = Pool(count or workers(), cache)
    executor.submit(int).result()  # with "fork", the first job starts every worker
    return executor


PACKAGES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "fonttools", "pyphen", "tinyhtml5",
            "fontpkg-atkinson-hyperlegible")


@lru_cache(maxsize=1)
def _version() -> bytes:
    """What renders, besides the HTML: this file and the rendering packages' versions."""
    parts = [Path(__file__).read_bytes(), repr(sorted(fonts.font_files().items())).encode()]
    parts += [path.name.encode() + b"\0" + path.read_bytes() for path in sorted(CSS.glob("*.css"))]
    for name in PACKAGES:
        try:
            parts.append(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            parts.append(f"{name}==-".encode())
    return b"\0".join(parts)


def _key(html_text: str) -> str:
    return hashlib.sha256(_version() + b"\0" + html_text.encode("utf-8")).hexdigest()


def _load(path: Path) -> Rendered | None:
    try:
        data = path.read_bytes()
        head, pdf = data.split(b"\n", 1)
        meta = json.loads(head)
        return Rendered(pdf, meta["pages"], {k: Anchor(*v) for k, v in meta["anchors"].items()})
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, or half written by a build that was stopped: render again


def _keep(path: Path, result: Rendered) -> None:
    head = json.dumps({"pages": result.pages, "anchors": {k: [a.page, a.x, a.top, a.bottom]
                                                          for k, a in result.anchors.items()}})
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, prefix=".tmp-") as out:
        out.write(head.encode() + b"\n" + result.pdf)
    os.replace(out.name, path)  # whole or not at all, even with two builds at once


def submit(executor: Executor, html_text: str) -> Future:
    """Future of render(html_text): from the pool's cache folder if it was rendered before, else
    on a worker (and kept)."""
    folder = getattr(executor, "cache", None)
    if folder is None:
        return executor.submit(render, html_text)
    key = _key(html_text)
    path = folder / key[:2] / f"{key}.pdf"
    kept = _load(path)
    if kept is not None:
        done: Future = Future()
        done.set_result(kept)
        return done
    job = executor.submit(render, html_text)
    finished: Future = Future()  # given its result only once the file is kept

    def keep(f: Future) -> None:
        if f.cancelled():
            finished.cancel()
            return
        if f.exception() is not None:
            finished.set_exception(f.exception())
            return
        try:
            _keep(path, f.result())
        except OSError:
            pass  # a cache folder that cannot be written never stops a build
        finished.set_result(f.result())

    job.add_done_callback(keep)
    return finished
