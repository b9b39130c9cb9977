"""Join separately rendered, tagged PDFs into one tagged PDF (pikepdf).

Joining pages is easy; keeping the document accessible means also joining the structure trees:
each part's structure elements go under one Document element, and the keys that tie marked
content and links to their structure (StructParents, the ParentTree) are renumbered so the
parts do not collide. The outline (bookmarks), title and language are set on the whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from generator.printing.stamp import Stamp, Stamper


@dataclass
class Bookmark:
    title: str
    page: int  # 0-based page index in the joined PDF
    children: list[Bookmark] = field(default_factory=list)


def _nums(tree: pikepdf.Object) -> list[tuple[int, pikepdf.Object]]:
    """Flatten a number tree into (key, value) pairs."""
    out = []
    if "/Nums" in tree:
        nums = tree.Nums
        out += [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]
    for kid in tree.get("/Kids", []):
        out += _nums(kid)
    return out


def join(parts: Sequence[bytes], target: Path, *, title: str, language: str, author: str = "",
         stamps: dict[int, list[Stamp]] | None = None, bookmarks: Sequence[Bookmark] = ()) -> int:
    """Write `parts` one after another to `target`; return the number of pages."""
    joined = Joiner()
    for data in parts:
        joined.add(data)
    return joined.save(target, title=title, language=language, author=author, stamps=stamps,
                       bookmarks=bookmarks)


class Joiner:
    """The joined PDF, built one part at a time (`add`, in page order), so a caller can add each
    part as soon as it is rendered, while the others still are; then `save`."""

    def __init__(self) -> None:
        self.out = out = pikepdf.new()
        self.root = out.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self.document = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document,
                                                     P=self.root, K=Array()))
        self.namespaces: list[pikepdf.Object] = []
        self.parent_tree: list[tuple[int, pikepdf.Object]] = []
        self.next_key = 0
        self.parts = 0  # how many were added

    def add(self, data: bytes) -> None:
        """Append one rendered part: its pages, its structure and its ParentTree keys."""
        out, document = self.out, self.document
        src = pikepdf.open(BytesIO(data))
        self.parts += 1
        first = len(out.pages)
        tree = src.Root.get("/StructTreeRoot")
        part_doc = None
        if tree is not None:
            kids = tree.K if isinstance(tree.K, Array) else Array([tree.K])
            part_doc = kids[0] if len(kids) == 1 and kids[0].get("/S") == Name.Document else None
            if part_doc is not None and "/P" in part_doc:
                del part_doc["/P"]  # do not drag the old tree root along when copying
        for page in src.pages:
            out.pages.append(page)
        if tree is None:
            return
        offset = self.next_key
        pairs = _nums(tree.ParentTree) if "/ParentTree" in tree else []
        for key, value in pairs:
            self.parent_tree.append((key + offset, _copy(out, value)))
        self.next_key = offset + (max((k for k, _ in pairs), default=-1) + 1)
        for page in out.pages[first:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annot in page.obj.get("/Annots", []):
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + offset
        if part_doc is not None:
            copied = out.copy_foreign(part_doc)
            if "/NS" in copied and not self.namespaces:
                self.namespaces.append(copied.NS)
                document.NS = copied.NS
            kid_list = copied.K if isinstance(copied.K, Array) else Array([copied.K])
            for kid in kid_list:
                if isinstance(kid, Dictionary):
                    kid.P = document
                document.K.append(kid)
        else:
            for kid in _copy(out, kids):
                if isinstance(kid, Dictionary):
                    kid.P = document
                document.K.append(kid)

    def save(self, target: Path, *, title: str, language: str, author: str = "",
             stamps: dict[int, list[Stamp]] | None = None, bookmarks: Sequence[Bookmark] = ()) -> int:
        """Draw the stamps, set the outline and metadata, write `target`; return the page count."""
        out, root, document, parent_tree = self.out, self.root, self.document, self.parent_tree
        root.K = Array([document])
        if stamps:
            _draw(out, stamps, dict(parent_tree), _empty_spans(document))
        flat = Array()
        for key, value in sorted(parent_tree, key=lambda kv: kv[0]):
            flat.append(key)
            flat.append(value)
        root.ParentTree = out.make_indirect(Dictionary(Nums=flat))
        root.ParentTreeNextKey = self.next_key
        if self.namespaces:
            root.Namespaces = Array(self.namespaces)
        out.Root.StructTreeRoot = root
        out.Root.MarkInfo = Dictionary(Marked=True)
        out.Root.Lang = pikepdf.String(language)
        out.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)

        if bookmarks:
            with out.open_outline() as outline:
                for mark in bookmarks:
                    outline.root.append(_item(mark))
            out.Root.PageMode = Name.UseOutlines
        out.docinfo[Name.Title] = title
        if author:
            out.docinfo[Name.Author] = author
        out.docinfo[Name.Creator] = "What's On"
        with out.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = title
            meta["dc:language"] = [language]
            if author:
                meta["dc:creator"] = [author]
        target.parent.mkdir(parents=True, exist_ok=True)
        # the file identifier is a hash of the content (not of the time): the same parts give
        # the same bytes, so a rebuild leaves an unchanged booklet, and the print zip, alone
        out.save(target, object_stream_mode=pikepdf.ObjectStreamMode.generate, min_version="1.7",
                 deterministic_id=True)
        return len(out.pages)


def _empty_spans(document: pikepdf.Object) -> dict[tuple[int, int], list[pikepdf.Object]]:
    """Empty Span elements (the "see page" number slots) by page, in reading order."""
    found: dict[tuple[int, int], list[pikepdf.Object]] = {}
    stack = [document]
    while stack:
        element = stack.pop()
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, Array) else ([] if kids is None else [kids])
        if element.get("/S") == Name.Span and not kids and "/Pg" in element:
            found.setdefault(element.Pg.objgen, []).append(element)
        stack.extend(k for k in reversed(kids) if isinstance(k, Dictionary) and "/S" in k)
    return found


def _draw(out: pikepdf.Pdf, stamps: dict[int, list[Stamp]], parents: dict[int, pikepdf.Object],
          slots: dict[tuple[int, int], list[pikepdf.Object]]) -> None:
    """Draw the stamps. A "see page N" number becomes the content of its empty Span, so it is
    read out in its sentence; page numbers are artifacts."""
    stamper = Stamper(out)
    for index, page_stamps in stamps.items():
        page = out.pages[index]
        order = sorted((i for i, s in enumerate(page_stamps) if s.slot),
                       key=lambda i: (page_stamps[i].baseline, page_stamps[i].x))
        elements = slots.get(page.obj.objgen, [])
        mcids: dict[int, int] = {}
        if order and len(elements) == len(order) and "/StructParents" in page.obj:
            marks = parents[int(page.obj.StructParents)]
            for i, element in zip(order, elements, strict=True):
                mcids[i] = len(marks)
                marks.append(element)
                element.K = mcids[i]
        stamper.draw(page, page_stamps, mcids)


def _copy(out: pikepdf.Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """Copy a value from another PDF; direct arrays are copied element by element."""
    if isinstance(value, Array) and not value.is_indirect:
        return Array([_copy(out, v) for v in value])
    if isinstance(value, (Dictionary, Array)) or getattr(value, "is_indirect", False):
        return out.copy_foreign(value)
    return value


def _item(mark: Bookmark) -> pikepdf.OutlineItem:
    item = pikepdf.OutlineItem(mark.title, mark.page)
    for child in mark.children:
        item.children.append(_item(child))
    return item
