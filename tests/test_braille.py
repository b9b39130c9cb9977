"""The braille edition (.brf, UEB grade 2), checked by reading it back with liblouis."""

from __future__ import annotations

import re

import pytest

from generator.accessible import braille, build_braille, louis
from generator.accessible.content import edition_content, editions
from generator.site.cache import Cache

EDITIONS = ("south-liverpool", "aigburth")
DAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"


@pytest.fixture(scope="module")
def brf(demo, tmp_path_factory):
    """The whole-directory and Aigburth editions in braille, made with an empty cache."""
    out = tmp_path_factory.mktemp("braille")
    contents = [edition_content(demo, e) for e in editions(demo, list(EDITIONS))]
    made = build_braille(demo, contents, out, Cache(tmp_path_factory.mktemp("cache")))
    return {c.edition.id: (c, (out / d.filename).read_bytes(), d) for c, d in zip(contents, made, strict=True)}


def pages_of(data: bytes) -> list[list[str]]:
    text = data.decode("ascii")
    assert text.endswith("\r\n\f"), "every page ends with a form feed"
    return [page.split("\r\n")[:-1] for page in text.split("\f")[:-1]]


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").casefold().split())


@pytest.fixture(scope="module")
def back(brf):
    """Each edition's pages translated back to print, one string a page."""
    out = {}
    for edition, (_, data, _) in brf.items():
        pages = pages_of(data)
        flat = [line for page in pages for line in page[1:]]
        printed = iter(louis.translate([line or " " for line in flat], backward=True))
        out[edition] = [_norm(" ".join(next(printed) for _ in page[1:])) for page in pages]
    return out


@pytest.mark.parametrize("edition", EDITIONS)
def test_pages_fit_40_cells_by_25_lines(brf, edition):
    _, data, doc = brf[edition]
    pages = pages_of(data)
    assert doc.pages == len(pages) > 3
    for number, page in enumerate(pages, start=1):
        assert len(page) <= 25, f"page {number} has {len(page)} lines"
        for line in page:
            assert len(line) <= 40, f"page {number}: {line!r} is {len(line)} cells"
            assert re.fullmatch(r"[ -~]*", line), f"page {number}: not ASCII braille: {line!r}"
        # the running head ends with the braille page number, at the right margin
        assert page[0].endswith(braille.number(number)) and len(page[0]) == 40


def test_braille_numbers():
    assert braille.number(1) == "#A"
    assert braille.number(10) == "#AJ"
    assert braille.number(125) == "#ABE"


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_activity_reads_back_with_its_name_day_and_phone(brf, back, edition):
    content, _, _ = brf[edition]
    pages = back[edition]
    for f in content.activities:
        name = _norm(f.name)
        printed = re.compile(re.escape(name) + r"(?!, page)")  # in full, not a "see also" line
        found = [(i, m.start()) for i, text in enumerate(pages) if (m := printed.search(text))]
        assert found, f"{f.name!r} is not in the braille (read back)"
        page, start = found[0]
        block = pages[page][start:]
        if f.phone:
            assert _norm(f.phone) in block, f"{f.name}: phone {f.phone} not on its page"
        # the day: a weekday's name, else the pattern ("On the 1st of every month")
        days = [d for w in f.when for d in (re.findall(DAYS, w) or [w.split(",")[0]])]
        for day in days:
            assert _norm(day) in block, f"{f.name}: {day!r} not on its page"


@pytest.mark.parametrize("edition", EDITIONS)
def test_contents_page_numbers_are_right(brf, back, edition):
    content, data, _ = brf[edition]
    pages = pages_of(data)
    contents = [i for i, page in enumerate(pages) if any(line.strip() == ",3T5TS" for line in page[1:3])]
    assert contents, "no contents page"
    listed = []
    for page in (pages[i] for i in contents):
        for line in page[1:]:
            if match := re.search(r' "* ?(#[A-J]+)$', line):
                listed.append(match.group(1))
    assert len(listed) == len(content.sections)
    for section, number in zip(content.sections, listed, strict=True):
        page = pages[int("".join(str("JABCDEFGHI".index(c)) for c in number[1:])) - 1]
        heading = braille.translate_all([section.category.name])[section.category.name]
        assert any(line.strip() == heading for line in page[1:]), \
            f"contents say {section.category.name} is on page {number}, it is not there"


def test_title_page_says_how_to_ask_for_other_formats(back, demo):
    title = back["aigburth"][0]
    assert "braille" in title and "easy read" in title and "audio" in title
    assert _norm(demo.config.site.contact.phone) in title


def test_made_again_from_the_cache(demo, tmp_path, monkeypatch, brf):
    """Nothing changed: the second build reads the cache and never runs lou_translate."""
    store = Cache(tmp_path / "cache")
    contents = [edition_content(demo, e) for e in editions(demo, ["aigburth"])]
    first = build_braille(demo, contents, tmp_path / "one", store)
    monkeypatch.setattr(louis, "translate", lambda *a, **k: pytest.fail("translated again"))
    second = build_braille(demo, contents, tmp_path / "two", store)
    assert (tmp_path / "one" / first[0].filename).read_bytes() == (tmp_path / "two" / second[0].filename).read_bytes()
    assert (tmp_path / "one" / first[0].filename).read_bytes() == brf["aigburth"][1]


def test_long_words_are_cut_to_the_line():
    lines = braille.wrap("A" * 95 + " BB CC", "  ")
    assert all(len(line) <= 40 for line in lines)
    assert "".join(line.strip() for line in lines).startswith("A" * 95)
