"""Read a finished booklet back and check that no activity is split across two pages.

For checks only (scripts/bench_print.py and the tests), never during a build: it reads the text
with pdftotext (poppler-utils). Each activity printed in full starts on the page its bookmark
points at and ends with its "Last checked:" line, so on every page of the category sections as
many activities must start as end; a page where they differ holds part of an activity.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pikepdf

END = re.compile(r"Last\s+checked:")
NOT_SECTIONS = ("Cover", "How to use this booklet", "Contents")


def split_pages(path: Path) -> list[int]:
    """1-based numbers of the category-section pages where an activity runs over from or onto."""
    starts: Counter[int] = Counter()
    sections: list[int] = []
    back: int | None = None
    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        def page_of(item: pikepdf.OutlineItem) -> int:
            return pdf.pages.index(pikepdf.Page(item.destination[0])) + 1

        for item in outline.root:
            if item.title.startswith("Timetable"):
                back = page_of(item)
                break
            if item.title in NOT_SECTIONS:
                continue
            sections.append(page_of(item))
            for child in item.children:  # the activities printed in full under it
                starts[page_of(child)] += 1
    if not sections or back is None:
        return []
    text = subprocess.run(["pdftotext", "-f", str(min(sections)), "-l", str(back - 1), "-enc",
                           "UTF-8", str(path), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")
    return [number for number, page in enumerate(pages[: back - min(sections)], min(sections))
            if len(END.findall(page)) != starts[number]]
