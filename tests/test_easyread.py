"""The Easy Read edition: A4, 18 pt or more, short sentences, a picture beside each fact."""

from __future__ import annotations

import re

import pytest

from generator.accessible import easyread
from generator.accessible.content import edition_content, editions

EDITION = "aigburth"
MM = 72 / 25.4


@pytest.fixture(scope="module")
def content(demo):
    return edition_content(demo, editions(demo, [EDITION])[0])


@pytest.fixture(scope="module")
def pages(demo_site):
    import pdfplumber

    with pdfplumber.open(demo_site / "print" / "easy-read" / f"{EDITION}.pdf") as pdf:
        yield [{"text": " ".join((p.extract_text() or "").split()), "chars": p.chars, "curves": p.curves,
                "width": p.width, "height": p.height} for p in pdf.pages]


def test_a4_and_no_glyph_under_18pt(pages):
    for number, page in enumerate(pages, start=1):
        assert (round(page["width"]), round(page["height"])) == (595, 842)
        small = {round(c["size"], 1) for c in page["chars"] if c["size"] < 17.95}
        assert not small, f"page {number}: text at {sorted(small)} pt"
        assert not any("Italic" in c["fontname"] or "Oblique" in c["fontname"] for c in page["chars"])


def test_sentences_have_15_words_or_fewer(demo):
    """Every line of every activity in the whole directory: one idea, 15 words a sentence at most."""
    for edition in editions(demo):
        c = edition_content(demo, edition)
        for section in c.sections:
            for f in section.activities:
                for row in easyread.rows(f, c, section.category.picture):
                    for line in row.lines:
                        for sentence in re.split(r"(?<=[.!?])\s+", line):
                            assert len(sentence.split()) <= 15, f"{f.name}: {sentence!r}"


def test_lines_are_cut_at_joins():
    assert easyread.lines("A gentle walk round the park and along the river with a stop at the "
                          "café for tea and cake afterwards.") == [
        "A gentle walk round the park.", "Along the river with a stop at the café for tea and cake afterwards."]
    assert easyread.lines("Short one. Another short one") == ["Short one.", "Another short one."]


def test_every_activity_and_its_facts_are_in_the_booklet(pages, content):
    texts = [p["text"] for p in pages]
    for section in content.sections:
        for f in section.activities:
            found = [i for i, t in enumerate(texts) if f.name in t]
            assert found, f"{f.name} is not in the Easy Read booklet"
            page = " ".join(texts[found[0]:found[0] + 2])  # an activity may run onto a second page
            for row in easyread.rows(f, content, section.category.picture):
                for line in row.lines:
                    assert " ".join(line.split()) in page, f"{f.name}: {line!r} is missing"
            if f.phone:
                assert f"Ring {f.phone}." in page
            if f.postcode:
                assert f.postcode in page


def test_a_picture_beside_each_fact(pages, content):
    """OpenMoji pictures are drawn as vector paths in the left column, one beside each fact."""
    texts = [p["text"] for p in pages]
    for section in content.sections:
        for f in section.activities:
            page = pages[next(i for i, t in enumerate(texts) if f.name in t)]
            left = [c for c in page["curves"] if c["x1"] < 45 * MM]
            tops = sorted(c["top"] for c in left)
            pictures = 1 + sum(1 for a, b in zip(tops, tops[1:], strict=False) if b - a > 26 * MM * 0.5)
            expected = len(easyread.rows(f, content, section.category.picture))
            assert left and pictures >= min(expected, 5), f"{f.name}: {pictures} pictures for {expected} facts"


def test_how_to_ask_and_credit(pages, demo):
    about = pages[1]["text"]
    assert "braille" in about and "Easy Read" in about and demo.config.site.contact.phone in about
    assert "OpenMoji" in about and "CC BY-SA 4.0" in about


def test_contents_page_numbers_are_right(pages, content):
    contents = pages[2]["text"]
    for section in content.sections:
        match = re.search(re.escape(section.category.name) + r", page (\d+)", contents)
        assert match, section.category.name
        first = section.activities[0].name
        assert first in pages[int(match.group(1)) - 1]["text"], f"{section.category.name} is not on page {match.group(1)}"


def test_a_groups_own_easy_read_words_replace_the_summary(demo, content):
    walk = next(f for f in content.activities if content.easy_read.get(f.id))
    section = content.home(walk.id)
    what = easyread.rows(walk, content, section.category.picture)[0]
    assert what.kind == "what"
    assert what.lines == tuple(easyread.lines(content.easy_read[walk.id]))
    assert walk.summary not in " ".join(what.lines)


def test_easy_read_words_longer_than_15_words_a_sentence_are_refused():
    import pydantic

    from generator.model import Activity

    listing = {"id": "tea", "name": "Tea", "summary": "Tea.", "categories": ["food"],
               "cost": {"kind": "free"}, "how_to_go": {"access": "drop-in"}, "where": {"online": True},
               "last_checked": "2026-11-01", "checked_by": "Jean",
               "easy_read": "We drink tea. We talk about the old days and the new days and all the days in between."}
    with pytest.raises(pydantic.ValidationError) as err:
        Activity.model_validate(listing)
    assert ("Easy Read sentences have 15 words or fewer; this one has 16: 'We talk about the old days and "
            "the new days and all the days in between.' Split it in two.") in str(err.value)
    listing["easy_read"] = "We drink tea. We talk."
    assert Activity.model_validate(listing).easy_read == "We drink tea. We talk."
