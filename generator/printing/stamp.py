"""Page numbers and "see page N" numbers, drawn onto finished pages.

Booklet parts are laid out in parallel before anyone knows on which page each part starts, so
the numbers that depend on that are drawn afterwards, in the same font (embedded once) and size
as the body text. Each stamp is marked as a pagination artifact in the content stream.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pikepdf
from fontTools.ttLib import TTFont

from generator.printing import fonts

FIRST, LAST = 32, 126


@dataclass(frozen=True)
class Metrics:
    widths: tuple[int, ...]  # per 1000 em, for characters 32..126
    ascent: int
    descent: int
    cap_height: int
    bbox: tuple[int, int, int, int]
    name: str


@lru_cache(maxsize=4)
def metrics(path: Path) -> Metrics:
    font = TTFont(str(path))
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    widths = tuple(round(hmtx[cmap.get(code, ".notdef")][0] * scale) if code in cmap else 0
                   for code in range(FIRST, LAST + 1))
    head, hhea = font["head"], font["hhea"]
    os2 = font["OS/2"]
    name = font["name"].getDebugName(6) or "Font"
    return Metrics(widths, round(hhea.ascent * scale), round(hhea.descent * scale),
                   round(getattr(os2, "sCapHeight", hhea.ascent) * scale),
                   tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)),
                   name.replace(" ", ""))


def text_width(text: str, size: float, path: Path | None = None) -> float:
    m = metrics(path or fonts.regular())
    return sum(m.widths[ord(c) - FIRST] if FIRST <= ord(c) <= LAST else 500 for c in text) * size / 1000


@dataclass(frozen=True)
class Stamp:
    text: str
    x: float  # PDF points from the left edge
    baseline: float  # PDF points from the top edge, to the text's baseline
    size: float = 18
    slot: bool = False  # a number that belongs to the text ("see page 12"), not a page number
    bold: bool = False


class Stamper:
    """Embeds each font once in `pdf` (when first used) and draws stamps on its pages."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf = pdf
        self.fonts: dict[bool, pikepdf.Object] = {}

    def font(self, bold: bool) -> pikepdf.Object:
        if bold not in self.fonts:
            self.fonts[bold] = self._embed(fonts.bold() if bold else fonts.regular())
        return self.fonts[bold]

    def _embed(self, path: Path) -> pikepdf.Object:
        pdf = self.pdf
        m = metrics(path)
        descriptor = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/" + m.name), Flags=32,
            FontBBox=list(m.bbox), ItalicAngle=0, Ascent=m.ascent, Descent=m.descent,
            CapHeight=m.cap_height, StemV=80,
            FontFile2=pdf.make_stream(path.read_bytes()),
        ))
        return pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType, BaseFont=pikepdf.Name("/" + m.name),
            FirstChar=FIRST, LastChar=LAST, Widths=list(m.widths),
            Encoding=pikepdf.Name.WinAnsiEncoding, FontDescriptor=descriptor,
        ))

    def draw(self, page: pikepdf.Page, stamps: list[Stamp], mcids: dict[int, int] | None = None) -> None:
        """Draw `stamps`; those whose index is in `mcids` are tagged content with that MCID,
        the others pagination artifacts."""
        if not stamps:
            return
        mcids = mcids or {}
        height = float(page.mediabox[3]) - float(page.mediabox[1])
        names = {bold: page.add_resource(self.font(bold), pikepdf.Name.Font, name=_free_name(page, bold))
                 for bold in sorted({s.bold for s in stamps})}
        ops = [b"q 0 0 0 rg"]
        for i, s in enumerate(stamps):
            name = names[s.bold]
            text = s.text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            mark = (b"/Span <</MCID %d>> BDC" % mcids[i]) if i in mcids else b"/Artifact <</Type /Pagination>> BDC"
            ops.append(b"%s BT %s %.2f Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET EMC" % (
                mark, str(name).encode(), s.size, s.x, height - s.baseline, text))
        ops.append(b"Q")
        # the page's own content may leave its coordinate system changed: isolate it first
        page.contents_add(pikepdf.Stream(self.pdf, b"q"), prepend=True)
        page.contents_add(pikepdf.Stream(self.pdf, b"Q"), prepend=False)
        page.contents_add(pikepdf.Stream(self.pdf, b"\n".join(ops)), prepend=False)


def _free_name(page: pikepdf.Page, bold: bool) -> pikepdf.Name:
    """The same font resource name every time ("/StampBold", "/StampRegular", with a number if the
    page already has one by that name), so the same parts give the same bytes (pikepdf's own
    names are random)."""
    taken = page.resources.get("/Font", pikepdf.Dictionary())
    base = "/StampBold" if bold else "/StampRegular"
    name, n = base, 1
    while name in taken:
        name, n = f"{base}{n}", n + 1
    return pikepdf.Name(name)
