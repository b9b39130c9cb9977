"""The braille edition: one ready-to-emboss .brf file per edition, in Unified English Braille
grade 2 (liblouis en-ueb-g2.ctb), 40 cells by 25 lines.

Every page's first line is its running head: the section's name on the left and the braille page
number on the right. Then a title page, a contents list with page numbers, and the sections in the
booklet's order; one activity is never split across pages when it fits on one, and its facts come
in the order a reader scans: name, when, where, bus, cost, how to go, phone. Lines end CR LF and
pages end with a form feed, as embossers expect.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.accessible import louis
from generator.accessible.content import EditionContent
from generator.printing.facts import Facts
from generator.words import formats, say

CELLS = 40
LINES = 25
BODY = LINES - 1  # the first line of every page is the running head
INDENT = "  "  # continuation lines of a paragraph are indented two cells
GUIDE = '"'  # dot 5: the guide dots between a contents entry and its page number
_DIGITS = "JABCDEFGHI"


def CONTENTS() -> str:
    return say("Contents")


def number(n: int) -> str:
    """A page number in ASCII braille: 12 -> '#AB'."""
    return "#" + "".join(_DIGITS[int(d)] for d in str(n))


@dataclass
class Block:
    """Paragraphs (print text) kept on one page when they fit."""

    paragraphs: list[tuple[str, str]]  # (style, text): "centre", "para", "fact", "blank"
    section: str = ""  # the section the block belongs to, for the running head
    anchors: list[str] = field(default_factory=list)  # "act-ID", "section-ID": what points here
    pointers: list[tuple[str, str]] = field(default_factory=list)  # (print text, "act-ID")


def _activity(f: Facts) -> Block:
    p: list[tuple[str, str]] = [("blank", ""), ("para", f.name)]
    for warning in (f.closed_warning, f.stale_warning):
        if warning:
            p.append(("fact", warning))
    p.append(("fact", f.summary))
    p += [("fact", say("When: {when}", when=w)) for w in f.when]
    if f.where:
        place = ", ".join(f.where[:2]) + (f", {f.postcode}" if f.postcode else "")
        p.append(("fact", say("Where: {place}", place=place)))
        p += [("fact", line) for line in f.where[2:]]
    for line in f.bus_lines:
        p.append(("fact", say("Bus: {stop}: {buses}", stop=line.stop, buses=line.buses) if line.stop
                  else say("Bus: {buses}", buses=line.buses)))
    if f.bus_note:
        p.append(("fact", say("Bus: {note}", note=f.bus_note)))
    if f.bus_pass_note:
        p.append(("fact", f.bus_pass_note))
    p.append(("fact", say("Cost: {cost}", cost=f.cost)))
    p += [("fact", line) for line in f.how_to_go]
    if f.phone:
        p.append(("fact", say("Phone: {phone}", phone=f.phone)))
    if f.on_the_day_phone:
        p.append(("fact", say("On the day, ring: {phone}", phone=f.on_the_day_phone)))
    return Block(p, anchors=[f"act-{f.id}"])


def blocks(content: EditionContent) -> tuple[list[Block], list[Block]]:
    """(front matter, body) as print-text blocks, before translation."""
    title = [("centre", content.title), ("blank", ""),
             ("centre", say("Braille edition")), ("centre", say("Unified English Braille, grade 2")),
             ("blank", ""), ("para", say("Made on {date} by {publisher}.", date=content.made_on,
                                         publisher=content.publisher)),
             ("para", say("{count} activities: what they are, when and where, which bus to take, "
                          "what they cost and who to ring.", count=len(content.activities))),
             ("blank", ""),
             ("para", formats.ask_for_formats(content.phone, content.email)),
             ("para", formats.download_formats(content.site_url)),
             ("blank", ""),
             ("para", say("Each activity gives its name, when, where, the bus, the cost, how to go "
                          "and the phone number, in that order."))]
    front = [Block(title, section=content.title)]
    body: list[Block] = []
    for s in content.sections:
        for i, f in enumerate(s.activities):
            block = _activity(f)
            block.section = s.category.name
            if i == 0:  # the heading stays with the section's first activity
                block.paragraphs[:1] = [("blank", ""), ("centre", s.category.name)]
                block.anchors.append(f"section-{s.category.id}")
            body.append(block)
        if s.see_also:
            body.append(Block([("blank", ""), ("para", say("Also in this section:"))],
                              section=s.category.name,
                              pointers=[(say("{name}, page", name=f.name), f"act-{f.id}") for f in s.see_also]))
    return front, body


def texts(front: Sequence[Block], body: Sequence[Block], content: EditionContent) -> list[str]:
    """Every print string to translate."""
    out = [text for b in (*front, *body) for style, text in b.paragraphs if style != "blank"]
    out += [text for b in body for text, _ in b.pointers]
    out += [CONTENTS(), content.title] + [s.category.name for s in content.sections]
    return out


def wrap(cells: str, indent: str = "") -> list[str]:
    """Braille words onto lines of at most 40 cells; a word longer than a line is cut."""
    lines: list[str] = []
    line = ""
    for word in cells.split():
        while len(word) > CELLS - len(indent if lines or line else ""):
            room = CELLS - len(indent if lines else "")
            if line:
                lines.append(line)
                line = ""
            lines.append((indent if lines else "") + word[:room])
            word = word[room:]
        lead = indent if lines else ""
        candidate = f"{line} {word}" if line else lead + word
        if len(candidate) <= CELLS:
            line = candidate
        else:
            lines.append(line)
            line = indent + word
    if line:
        lines.append(line)
    return lines


def _centre(cells: str) -> list[str]:
    return [(" " * ((CELLS - len(line)) // 2)) + line for line in wrap(cells)]


def _lines(block: Block, braille: dict[str, str], pages: dict[str, int]) -> list[str]:
    out: list[str] = []
    for style, text in block.paragraphs:
        if style == "blank":
            out.append("")
        elif style == "centre":
            out += _centre(braille[text])
        else:
            out += wrap(braille[text], INDENT)
    for text, target in block.pointers:
        out += wrap(f"{braille[text]} {number(pages.get(target, 0))}", INDENT)
    return out


def _contents_line(name: str, page: int) -> list[str]:
    pn = number(page)
    lines = wrap(name, INDENT)
    last = lines[-1]
    if len(last) + 2 + len(pn) > CELLS:
        lines.append(INDENT)
        last = INDENT
    dots = CELLS - len(last) - len(pn) - 2
    lines[-1] = f"{last} {GUIDE * dots} {pn}" if dots > 0 else f"{last} {pn}"
    return lines


@dataclass(frozen=True)
class Laid:
    pages: list[list[str]]  # the lines of each page, running head included
    anchors: dict[str, int]  # anchor -> 1-based page
    contents: list[tuple[str, int]]  # (section name, page) as listed


def _paginate(blocks_: Sequence[Block], braille: dict[str, str], pages: dict[str, int],
              start_page: int) -> tuple[list[list[str]], list[str], dict[str, int]]:
    out: list[list[str]] = [[]]
    heads = [blocks_[0].section if blocks_ else ""]
    anchors: dict[str, int] = {}
    for block in blocks_:
        lines = _lines(block, braille, pages)
        page = out[-1]
        if page and len(page) + len(lines) > BODY and len(lines) <= BODY:
            out.append([])
            heads.append(block.section)
            page = out[-1]
        while lines and lines[0] == "" and not page:
            lines = lines[1:]  # no blank line at the top of a page
        for anchor in block.anchors:
            anchors.setdefault(anchor, start_page + len(out) - 1)
        for line in lines:
            if len(out[-1]) == BODY:
                out.append([])
                heads.append(block.section)
            if line == "" and not out[-1]:
                continue
            out[-1].append(line)
    return out, heads, anchors


def layout(content: EditionContent, front: list[Block], body: list[Block],
           braille: dict[str, str]) -> Laid:
    """Pages with the contents' page numbers right (laid out again until they settle)."""
    pages_of: dict[str, int] = {}
    contents_pages = 1
    for _ in range(6):
        front_pages, front_heads, _ = _paginate(front, braille, {}, 1)
        body_start = len(front_pages) + contents_pages + 1
        body_pages, body_heads, anchors = _paginate(body, braille, pages_of, body_start)
        rows = [(s.category.name, anchors[f"section-{s.category.id}"]) for s in content.sections]
        contents_lines = _centre(braille[CONTENTS()]) + [""]
        for name, page in rows:
            contents_lines += _contents_line(braille[name], page)
        needed = max(1, -(-len(contents_lines) // BODY))
        if needed == contents_pages and anchors == pages_of:
            break
        contents_pages, pages_of = needed, anchors
    contents = [contents_lines[i:i + BODY] for i in range(0, len(contents_lines), BODY)]
    heads = front_heads + [CONTENTS()] * len(contents) + body_heads
    pages: list[list[str]] = []
    for index, lines in enumerate(front_pages + contents + body_pages):
        pn = number(index + 1)
        head = braille.get(heads[index], "") if index else ""
        room = CELLS - len(pn) - 1
        head = head[:room].rstrip()
        pages.append([head + " " * (CELLS - len(head) - len(pn)) + pn, *lines])
    return Laid(pages, anchors, rows)


def brf(laid: Laid) -> bytes:
    """The .brf file: ASCII braille, CR LF line ends, a form feed after every page."""
    text = "".join("\r\n".join(line.rstrip() for line in page) + "\r\n\f" for page in laid.pages)
    return text.encode("ascii", errors="replace")


def translate_all(strings: Sequence[str]) -> dict[str, str]:
    unique = list(dict.fromkeys(strings))
    return dict(zip(unique, louis.translate(unique), strict=True))
