"""The printed booklets and posters, checked on the real demo PDFs (built once per session)."""

from __future__ import annotations

import contextlib
import functools
import re
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
import segno

from generator import urls
from generator.printing import select
from generator.printing.nobreak import NBSP, keep

PAGE_RE = re.compile(r"page\s+(\d+)$")


@functools.cache
def _opened(path: Path) -> pdfplumber.PDF:
    """A PDF of the demo build, opened once per test process and kept open: pdfplumber keeps the
    characters it parsed from each page, so the many tests that read one booklet parse it once."""
    return pdfplumber.open(path)


def _read(path: Path) -> contextlib.nullcontext:
    """`with _read(path) as pdf:` for the demo build's PDFs (never for one a test renders itself)."""
    return contextlib.nullcontext(_opened(Path(path)))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(NBSP, " ")).strip()


@pytest.fixture(scope="session")
def printed(demo_printed):
    """The demo build's PDFs (tests/conftest.py): the booklets are rendered once per test run."""
    return demo_printed


@pytest.fixture(scope="session")
def booklets(printed):
    out, docs = printed
    return {d.id: out / d.filename for d in docs if d.kind == "booklet"}


@pytest.fixture(scope="session")
def whole(booklets):
    """The whole-directory edition: (path, [text of each page]) ."""
    path = booklets["south-liverpool"]
    with _read(path) as pdf:
        return path, [_norm(p.extract_text() or "") for p in pdf.pages]


def _lines(path: Path, first: int, last: int) -> list[str]:
    with _read(path) as pdf:
        return [_norm(line["text"]) for page in pdf.pages[first - 1:last]
                for line in page.extract_text_lines()]


def _chapter(pages: list[str], heading: str) -> tuple[int, int]:
    """1-based first and last page whose running head is `heading` (the head opens each page)."""
    found = [i + 1 for i, text in enumerate(pages) if text.startswith(heading)]
    return found[0], found[-1]


def _rows(path: Path, pages: list[str], heading: str) -> list[tuple[str, int]]:
    """(row text, page number) for every "… page N" row of a chapter."""
    first, last = _chapter(pages, heading)
    rows: list[tuple[str, int]] = []
    for line in _lines(path, first, last):
        match = PAGE_RE.search(line)
        if match:
            rows.append((line[: match.start()].strip(), int(match.group(1))))
        elif rows and not line.startswith("Page ") and line != heading:
            rows[-1] = (rows[-1][0] + " " + line, rows[-1][1])
    return rows


def _starts(page: str, title: str) -> bool:
    """The page opens with `title`, or holds it as the heading of a category with only "See also"
    rows, which follows on from the category before on the same page."""
    if page.startswith(title) or f" {title} See also These are printed in full" in page:
        return True
    # the indexes' running heads name the day or route: "Timetable: Monday", then the chapter's title
    return f" {title} " in page[:80]


def _names(demo) -> list[str]:
    return sorted({e.activity.name for e in select.in_print(demo)}, key=len, reverse=True)


def _name_in(row: str, names: list[str]) -> str:
    found = [n for n in names if n in row]
    assert found, f"no activity name in index row {row!r}"
    return found[0]  # the longest


# --- what is in print ---------------------------------------------------------------------------


def test_every_edition_and_poster_is_built(printed, demo):
    out, docs = printed
    kinds = {k: [d for d in docs if d.kind == k] for k in ("booklet", "poster", "near-here")}
    assert [d.id for d in kinds["booklet"]] == [e.id for e in demo.config.editions]
    assert {d.id for d in kinds["poster"]} == {e.id for e in select.in_print(demo)}
    assert [d.id for d in kinds["near-here"]] == [p.id for p in demo.config.places]
    for doc in docs:
        assert (out / doc.filename).exists()
        assert doc.printed_on == demo.today
        with pikepdf.open(out / doc.filename) as pdf:
            assert len(pdf.pages) == doc.pages


def test_stale_and_ended_activities_are_left_out(printed, whole, demo):
    out, docs = printed
    text = " ".join(whole[1])
    gone = [e for e in demo.activities if e.freshness.value in ("stale", "ended")]
    assert len(gone) == 9  # 4 stale, 5 ended in the demo at 2026-11-22
    assert demo.config.site.staleness.print_stale == "omit"
    for entry in gone:
        assert entry.activity.name not in text, entry.id
        assert not (out / f"posters/{entry.id}.pdf").exists()
    for entry in select.in_print(demo):
        assert entry.activity.name in text, entry.id


def test_area_edition_keeps_to_its_area(demo, booklets):
    aigburth = next(e for e in demo.config.editions if e.id == "aigburth")
    chosen = select.for_edition(demo, aigburth)
    assert chosen and all(e.venue is None or e.venue.area == "aigburth" for e in chosen)
    with _read(booklets["aigburth"]) as pdf:
        text = _norm(" ".join(p.extract_text() or "" for p in pdf.pages))
    for entry in select.in_print(demo):
        if entry.venue is not None and entry.venue.area != "aigburth":
            assert f"{entry.activity.summary}" not in text, entry.id


def test_radius_edition_uses_distance_from_its_centre(demo):
    surgery = next(e for e in demo.config.editions if e.id == "mather-avenue-surgery")
    for entry in select.in_print(demo):
        where = select.location(demo, entry)
        inside = select.belongs(demo, surgery, entry)
        if where is not None:
            km = select.distance_km(surgery.centre.latitude, surgery.centre.longitude, *where)
            assert inside == (km <= 2), entry.id


@pytest.mark.pdf
def test_an_edition_with_nothing_in_it_still_prints(demo, tmp_path):
    from generator.config import Edition
    from generator.printing import booklet, render

    empty = Edition(id="empty", title="Nothing here", areas=["nowhere"], include_online=False)
    with render.pool() as pool:
        doc = booklet.build(demo, empty, tmp_path, pool)
    with pdfplumber.open(tmp_path / doc.filename) as pdf:
        text = _norm(" ".join(p.extract_text() for p in pdf.pages))
    assert "0 activities in this booklet" in text and "Nothing on this day" in text
    assert "Information checked between" not in text


def test_distance_is_haversine():
    # Liverpool Lime Street to Manchester Piccadilly: about 50 km as the crow flies
    assert select.distance_km(53.4075, -2.9779, 53.4774, -2.2309) == pytest.approx(50.1, abs=0.5)


# --- large print ------------------------------------------------------------------------------


def _all_pdfs(printed):
    out, docs = printed
    return [out / d.filename for d in docs]


def test_every_character_is_at_least_16pt_and_never_italic(printed):
    checked = 0
    for path in _all_pdfs(printed):
        with _read(path) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                for char in page.chars:
                    if not char["text"].strip():
                        continue
                    checked += 1
                    assert char["size"] >= 15.95, (path.name, number, char["text"], char["size"])
                    font = char["fontname"].lower()
                    assert "italic" not in font and "oblique" not in font, (path.name, font)
                    assert "atkinson" in font, (path.name, font)
    assert checked > 50_000


def test_booklet_body_text_is_17pt(whole):
    """17pt body text (large print is 16pt at least): two activities or more to an A4 page."""
    path, pages = whole
    with _read(path) as pdf:
        sizes = [round(c["size"]) for c in pdf.pages[6].chars if c["text"].strip()]
    assert max(set(sizes), key=sizes.count) == 17


def test_phone_numbers_times_and_postcodes_do_not_break():
    text = str(keep("Ring 0151 496 0123 or 07700 900123, 10am to 11:30am, L17 7AA, 14 September 2026"))
    for piece in ("0151 496 0123", "07700 900123", "10am to 11:30am", "L17 7AA", "14 September 2026"):
        assert piece.replace(" ", NBSP) in text
    assert str(keep("<b>")) == "&lt;b&gt;"


def test_every_page_but_the_cover_has_its_number_at_the_foot(whole):
    path, pages = whole
    with _read(path) as pdf:
        for number, page in enumerate(pdf.pages[1:], 2):
            words = [w for w in page.extract_words() if w["top"] > page.height - 60]
            assert " ".join(w["text"] for w in words) == f"Page {number}"
            middle = (words[0]["x0"] + words[-1]["x1"]) / 2
            assert abs(middle - page.width / 2) < 2, (number, middle)


def test_running_heads_and_page_numbers_stay_in_one_place(whole):
    path, pages = whole
    with _read(path) as pdf:
        heads, feet = set(), set()
        for page in pdf.pages[1:]:
            words = page.extract_words()
            heads.add((round(words[0]["x0"]), round(words[0]["top"])))
            feet.add(round(words[-1]["bottom"]))
    assert len(heads) == 1 and len(feet) == 1, (heads, feet)


def test_phone_numbers_and_postcodes_are_never_split_in_the_booklet(whole, demo):
    path, pages = whole
    with _read(path) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages).replace(NBSP, " ")
    pieces = set()
    for entry in select.in_print(demo):
        act = entry.activity
        pieces.update(p for p in (act.phone, act.on_the_day_phone) if p)
        if entry.venue:
            pieces.add(entry.venue.postcode)
    for piece in pieces:
        assert piece in text
        parts = piece.split(" ")
        for i in range(1, len(parts)):  # a line break at any of its spaces
            split = re.escape(" ".join(parts[:i])) + r" ?\n ?" + re.escape(" ".join(parts[i:]))
            assert not re.search(split, text), piece


@pytest.mark.pdf
def test_stale_listings_are_marked_when_site_config_says_mark(demo, tmp_path):
    import dataclasses

    from generator.printing import booklet, render

    site = demo.config.site
    marking = site.model_copy(update={"staleness": site.staleness.model_copy(update={"print_stale": "mark"})})
    config = demo.config.model_copy(update={"site": marking, "editions": ()})
    stale = [e for e in demo.activities if e.freshness.value == "stale"]
    fresh = [e for e in demo.activities if e.freshness.value == "fresh"][:3]
    assert stale and fresh
    # a booklet of just these (a few pages, not the whole directory's 70)
    directory = dataclasses.replace(demo, config=config, activities=tuple(stale + fresh))
    assert {e.id for e in stale} <= {e.id for e in select.in_print(directory)}
    assert not any(e.freshness.value == "ended" for e in select.in_print(directory))
    with render.pool() as pool:
        doc = booklet.build(directory, select.editions(directory)[0], tmp_path, pool)
    assert doc.id == "whole-directory" and doc.title == site.name
    with pdfplumber.open(tmp_path / doc.filename) as pdf:
        text = _norm(" ".join(p.extract_text() for p in pdf.pages))
    for entry in stale:
        checked = f"{entry.activity.last_checked.day} {entry.activity.last_checked:%B %Y}"
        assert f"{entry.activity.name} Not checked since {checked}: ring before you go." in text
    marks = re.findall(r"Not checked since \d+ \w+ \d{4}: ring before you go\.", text)
    assert len(marks) == len(stale)  # and only they are marked
    for entry in fresh:
        assert entry.activity.name in text


@pytest.mark.pdf
def test_the_same_booklet_twice_is_the_same_bytes(demo, tmp_path):
    """Rendered twice from nothing (no render cache), a booklet is byte for byte the same file:
    its stamped fonts have fixed names and its file identifier is a hash of its content. So a
    rebuild leaves an unchanged booklet alone on the site and in the print zip."""
    import dataclasses

    from generator.printing import booklet, render

    directory = dataclasses.replace(demo, config=demo.config.model_copy(update={"editions": ()}),
                                    activities=demo.activities[:8])
    made = []
    for run in ("one", "two"):
        with render.pool() as pool:
            doc = booklet.build(directory, select.editions(directory)[0], tmp_path / run, pool)
        made.append((tmp_path / run / doc.filename).read_bytes())
    assert made[0] == made[1]
    with pikepdf.open(tmp_path / "one" / doc.filename) as pdf:
        names = {str(k) for page in pdf.pages[1:] for k in page.resources.Font.keys()}
    assert "/StampRegular" in names  # the page numbers' font


# --- page numbers in the contents, timetable, bus index and A to Z index -------------------------


def test_contents_page_numbers_are_right(whole, demo):
    path, pages = whole
    rows = _rows(path, pages, "Contents")
    titles = [t for t, _ in rows]
    used = [c.name for c in demo.config.categories
            if any(c.id in e.activity.categories for e in select.in_print(demo))]
    assert titles == ["How to use this booklet", "Contents", *used, "Timetable: day by day",
                      "Bus route index", "A to Z index", "Add or correct a listing"]
    for title, page in rows:
        assert _starts(pages[page - 1], title), (title, page)


@pytest.mark.parametrize("heading", ["A to Z index", "Timetable:", "Bus routes:"])
def test_index_page_numbers_point_at_the_activity(whole, demo, heading):
    path, pages = whole
    names = _names(demo)
    rows = _rows(path, pages, heading)
    assert len(rows) >= (len(names) if heading == "A to Z index" else 10)
    for row, page in rows:
        name = _name_in(row, names)
        assert name in pages[page - 1], (heading, name, page)
        assert "Last checked:" in pages[page - 1].split(name, 1)[1], name


def test_a_to_z_lists_every_activity_in_print_once(whole, demo):
    path, pages = whole
    rows = _rows(path, pages, "A to Z index")
    listed = sorted(_name_in(r, _names(demo)) for r, _ in rows)
    assert listed == sorted(e.activity.name for e in select.in_print(demo))


def test_bus_index_names_routes(whole):
    path, pages = whole
    first, last = _chapter(pages, "Bus routes:")
    text = " ".join(pages[first - 1:last])
    assert re.search(r"Bus \w+( \([^)]*\))?: activities near its stops", text)


def _see_also(path: Path, pages: list[str], categories: list[str]) -> list[tuple[int, str, int]]:
    """(page, name, target page) of every "See also" row: in the category sections, the only lines
    that end "page N" (a row that wraps has the page number on its first line)."""
    found = []
    with _read(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            if not any(pages[number - 1].startswith(c) for c in categories):
                continue
            rows: list[list] = []
            for line in page.extract_text_lines():
                text = _norm(line["text"])
                match = PAGE_RE.search(text)
                if match:
                    rows.append([text[: match.start()].strip(), int(match.group(1))])
                elif rows and rows[-1][1] and not text.startswith("Page ") and line["chars"][0]["size"] < 19:
                    rows[-1][0] += " " + text
                else:
                    rows.append(["", 0])
            found += [(number, name, target) for name, target in rows if target]
    return found


def test_each_activity_is_printed_in_full_under_its_first_category(whole, demo):
    """The order a listing writes its categories is its priority: the first is where it is
    printed in full, whatever the order of site_config/categories.yml."""
    path, pages = whole
    names = {c.id: c.name for c in demo.config.categories}
    rows = dict((_name_in(r, _names(demo)), p) for r, p in _rows(path, pages, "A to Z index"))
    for entry in select.in_print(demo):
        home = names[next(c for c in entry.activity.categories if c in names)]
        page = pages[rows[entry.activity.name] - 1]
        assert page.startswith(home), (entry.id, home, page[:60])
        assert "Last checked:" in page.split(entry.activity.name, 1)[1], entry.id
    # Garston Lunch Club lists lunch-clubs first; befriending comes first in categories.yml
    lunch = demo.activity("garston-lunch-club").activity
    assert lunch.categories[0] == "lunch-clubs"
    order = [c.id for c in demo.config.categories]
    assert order.index("befriending") < order.index("lunch-clubs")
    first, last = _chapter(pages, "Lunch clubs")
    section = " ".join(pages[first - 1:last])
    assert f"{lunch.name} {lunch.summary}" in section
    assert rows[lunch.name] in range(first, last + 1)


def test_other_categories_list_it_under_see_also_with_the_right_page(whole, demo):
    path, pages = whole
    names = {c.id: c.name for c in demo.config.categories}
    rows = _see_also(path, pages, list(names.values()))
    entries = {e.activity.name: e for e in select.in_print(demo)}
    expected = {(names[c], e.activity.name) for e in entries.values()
                for c in list(dict.fromkeys(c for c in e.activity.categories if c in names))[1:]}
    found = set()
    for number, name, target in rows:
        home = names[next(c for c in entries[name].activity.categories if c in names)]
        assert pages[target - 1].startswith(home), (name, home, target)
        assert "Last checked:" in pages[target - 1].split(name, 1)[1], (name, target)
        # the row is in the section of one of its other categories (at the top of a page, the
        # running head names the category it continues)
        found.add((next(n for n in names.values() if pages[number - 1].startswith(n)), name))
    assert {n for _, n in expected} == {n for _, n in found}
    assert len(rows) == len(expected)
    # short lists, not pages of pointers: a row is a line, and a category with nothing in full
    # under it follows the one before on the same page. 10 pages held only pointers when each was
    # a paragraph and such a category had a page of its own; what is left is a list that runs on
    # past a full page, or one pushed over by the activity before it
    # (9 since entries say their next date and spell out stop names: a list pushed over by a
    # longer entry before it; measured 7 before, 9 after, on the demo)
    pointer_only = [n for n in {n for n, *_ in rows} if "Last checked:" not in pages[n - 1]]
    assert len(pointer_only) <= 9, sorted(pointer_only)


def test_no_activity_is_split_over_two_pages(whole, demo):
    path, pages = whole
    rows = dict((_name_in(r, _names(demo)), p) for r, p in _rows(path, pages, "A to Z index"))
    for name, page in rows.items():
        after = pages[page - 1].split(name, 1)[1]
        assert "Last checked:" in after, f"{name} runs over from page {page}"
        assert not pages[page].split(" ", 3)[-1].startswith("Last checked"), name


def test_on_every_page_as_many_activities_start_as_end(booklets):
    """Every edition, read back: an activity split across pages would leave a page where more
    activities start (bookmarks) than end (their "Last checked" line), or the other way round."""
    from generator.printing.check import split_pages

    for edition, path in booklets.items():
        assert split_pages(path) == [], edition


def _heading(line: dict) -> bool:
    sizes = [c["size"] for c in line["chars"] if c["text"].strip()]
    return bool(sizes) and 23 < min(sizes) and max(sizes) < 25  # the 24pt day and route headings


def _running_heads(path: Path, chapter: str, name_of) -> list[tuple[int, str, str]]:
    """(page, running head, the head the row at the top of the page calls for) for each page of
    `chapter`. name_of(heading line) is the day or route a heading starts."""
    found, current = [], None
    with _read(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            lines = [(_norm(line["text"]), line) for line in page.extract_text_lines()]
            if not lines or not lines[0][0].startswith(chapter + ":"):
                continue
            head, body = lines[0][0], []
            for text, line in lines[1:]:  # a heading that wraps is read as one line
                if body and _heading(line) and _heading(body[-1][1]):
                    body[-1] = (body[-1][0] + " " + text, body[-1][1])
                elif not text.startswith("Page "):
                    body.append((text, line))
            top = next((t, ln) for t, ln in body if _heading(ln) or PAGE_RE.search(t)
                       or t == "Nothing on this day.")
            want = (f"{chapter}: {name_of(top[0])}" if _heading(top[1])
                    else f"{chapter}: {current} (continued)")
            found.append((number, head, want))
            current = next((name_of(t) for t, ln in reversed(body) if _heading(ln)), current)
    return found


def test_timetable_running_head_names_the_day_at_the_top_of_each_page(booklets):
    """string(day, start): the day of the first row on the page, "(continued)" when that day
    began on an earlier page (was: the first day that starts on the page)."""
    continued = 0
    for edition, path in booklets.items():
        heads = _running_heads(path, "Timetable", lambda heading: heading)
        assert heads, edition
        for number, head, want in heads:
            assert head == want, (edition, number)
        continued += sum(h.endswith("(continued)") for _, h, _ in heads)
    assert continued > 5  # enough pages that go on with a day begun before (9 at 17pt)


def _route(heading: str) -> str:
    """'Bus 82 (Riverside Buses): activities near its stops' -> '82, Riverside Buses'."""
    match = re.fullmatch(r"Bus (\S+)(?: \((.+)\))?: activities near its stops", heading)
    assert match, heading
    return match.group(1) + (f", {match.group(2)}" if match.group(2) else "")


def test_bus_index_running_head_names_the_route_at_the_top_of_each_page(booklets):
    continued = 0
    for edition, path in booklets.items():
        heads = _running_heads(path, "Bus routes", _route)
        for number, head, want in heads:
            assert head == want, (edition, number)
        continued += sum(h.endswith("(continued)") for _, h, _ in heads)
    assert continued > 10


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DATE_RE = re.compile(rf"(?:(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) )?(\d{{1,2}}) "
                     rf"({'|'.join(MONTHS)})(?: (\d{{4}}))?")


def _dates_in(text: str, today):
    """Every date written in `text`, its year worked out from the weekday or the next one to come."""
    import datetime as dt

    for weekday, day, month, year in DATE_RE.findall(text):
        years = [int(year)] if year else [today.year, today.year + 1]
        found = [dt.date(y, MONTHS.index(month) + 1, int(day)) for y in years]
        if weekday:
            found = [d for d in found if d.strftime("%A") == weekday] or found
        yield min(found, key=lambda d: (d < today, d))


def test_timetable_rows_give_start_and_end_dates_and_next_dates_never_past_ones(whole, demo):
    path, pages = whole
    first, last = _chapter(pages, "Timetable:")
    text = " ".join(p.split(" ", 2)[-1] for p in pages[first - 1:last])
    rows = _rows(path, pages, "Timetable:")
    # a course not started yet says when it starts (it has valid_from 2027-01-12)
    mindful = [r for r, _ in rows if "Mindfulness for Everyday Life" in r]
    assert mindful and all("from 12 January 2027" in r for r in mindful)
    # nothing printed is already past at the build date
    dates = list(_dates_in(text, demo.today))
    assert len(dates) > 20
    assert all(d >= demo.today for d in dates), sorted(d for d in dates if d < demo.today)
    # rows that are not every week say when they are next on
    for entry in select.in_print(demo):
        for s in entry.activity.schedules:
            if s.frequency.value in ("fortnightly", "monthly"):
                named = [r for r, _ in rows if entry.activity.name in r]
                assert any("next on" in r for r in named), entry.id
            if s.term_time_only:
                named = [r for r, _ in rows if entry.activity.name in r]
                assert named and all("school term time only" in r for r in named), entry.id
    # the term dates are printed once, in the timetable's introduction
    whole_text = " ".join(pages)
    assert whole_text.count("School terms:") == 1
    assert "School terms: 2 November to 18 December 2026; 5 January to 12 February 2027" in text


def test_past_one_off_dates_leave_the_timetable(demo):
    import datetime as dt

    from generator.model import Schedule
    from generator.words.timetable import row_note

    s = Schedule.model_validate({"frequency": "once", "start": "18:30", "end": "20:00", "dates": [
        dt.date(2026, 11, 12), dt.date(2026, 11, 19), dt.date(2026, 11, 26), dt.date(2026, 12, 3)]})
    assert row_note(s, dt.date(2026, 11, 30)) == "On Thursday 3 December 2026"
    fortnightly = Schedule.model_validate({"frequency": "fortnightly", "days": ["monday"],
                                           "start": "10:00", "end": "12:00", "start_date": dt.date(2026, 11, 23)})
    assert row_note(fortnightly, dt.date(2026, 11, 30)) == "Every other Monday; next on Monday 7 December"


# --- accessibility of the PDF -----------------------------------------------------------------


def test_booklets_are_tagged_with_title_language_and_outline(booklets, demo):
    for edition in demo.config.editions:
        with pikepdf.open(booklets[edition.id]) as pdf:
            root = pdf.Root
            assert root.MarkInfo.Marked is True
            assert str(root.Lang) == "en-GB"
            assert str(pdf.docinfo.Title) == edition.title
            tree = root.StructTreeRoot
            document = tree.K[0]
            assert document.S == "/Document" and len(document.K) > 3
            keys = {int(k) for k in tree.ParentTree.Nums[::2]}
            page_ids = {p.objgen for p in pdf.pages}
            for page in pdf.pages:
                if "/StructParents" in page.obj:
                    assert int(page.obj.StructParents) in keys
            for kid in document.K:
                if "/Pg" in kid:
                    assert kid.Pg.objgen in page_ids
            with pdf.open_outline() as outline:
                titles = [item.title for item in outline.root]
            assert titles[:3] == ["Cover", "How to use this booklet", "Contents"]
            assert titles[-4:] == ["Timetable: day by day", "Bus route index", "A to Z index",
                                   "Add or correct a listing"]


def test_joined_structure_tree_points_at_the_right_pages(whole):
    """Each marked-content id on a page resolves, through the ParentTree, to an element of that page."""
    path, _ = whole
    with pikepdf.open(path) as pdf:
        tree = pdf.Root.StructTreeRoot
        nums = tree.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        assert int(tree.ParentTreeNextKey) == max(parents) + 1
        checked = 0
        for page in pdf.pages:
            contents = page.obj.Contents
            streams = contents if isinstance(contents, pikepdf.Array) else [contents]
            data = b"".join(s.read_bytes() for s in streams)
            for mcid in {int(m) for m in re.findall(rb"/MCID (\d+)", data)}:
                element = parents[int(page.obj.StructParents)][mcid]
                assert element.Pg.objgen == page.obj.objgen
                checked += 1
        roots = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary)
                 and o.get("/Type") == "/StructTreeRoot"]
        assert len(roots) == 1  # the parts' own trees were not dragged along
    assert checked > 1000


def test_see_page_numbers_are_read_out_in_their_sentence(whole, demo):
    """The drawn-on "page N" numbers (See also, the contents and the indexes) are tagged content
    inside their paragraph."""
    path, pages = whole
    pointers = len(_see_also(path, pages, [c.name for c in demo.config.categories]))
    tagged = 0
    with pikepdf.open(path) as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for page in pdf.pages:
            contents = page.obj.Contents
            streams = contents if isinstance(contents, pikepdf.Array) else [contents]
            data = b"".join(s.read_bytes() for s in streams)
            for match in re.finditer(rb"/Span <</MCID (\d+)>> BDC BT \S+ [\d.]+ Tf [^(]+\((\d+)\) Tj", data):
                element = parents[int(page.obj.StructParents)][int(match.group(1))]
                while element.S != "/P":
                    element = element.P
                tagged += 1
    every = sum(len(re.findall(r"\bpage (\d+)", text)) for text in pages)  # not the "Page N" feet
    assert tagged == every > pointers > 0


def test_outline_points_at_the_sections(whole):
    path, pages = whole
    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        for item in outline.root:
            index = pdf.pages.index(pikepdf.Page(item.destination[0]))
            if item.title != "Cover":
                assert _starts(pages[index], item.title), item.title


# --- posters ----------------------------------------------------------------------------------


def _qr_payloads(path: Path) -> list[str]:
    """The QR codes on the first page, drawn at 100 dpi by pdfium (pdfplumber's renderer)."""
    import zxingcpp

    with _read(path) as pdf:
        image = pdf.pages[0].to_image(resolution=100).original
    return [r.text for r in zxingcpp.read_barcodes(image)]


def test_posters_are_one_page_with_a_qr_code_to_their_page(printed, demo):
    out, docs = printed
    posters = [d for d in docs if d.kind == "poster"]
    for doc in posters:
        assert doc.pages == 1
    for doc in posters:
        expected = urls.absolute(demo.config, urls.activity(doc.id))
        assert _qr_payloads(out / doc.filename) == [expected]


def _poster_text(out: Path, activity_id: str) -> str:
    with _read(out / f"posters/{activity_id}.pdf") as pdf:
        return _norm(pdf.pages[0].extract_text())


def test_poster_says_who_to_ring_on_the_day(printed, demo):
    out, _ = printed
    entry = demo.activity("aigburth-tuesday-walk")
    text = _poster_text(out, entry.id)
    assert entry.activity.name in text
    assert f"On the day, ring {entry.activity.on_the_day_phone}" in text
    assert "Every Tuesday, 10am to 11:30am" in text


def test_posters_say_who_it_is_for_and_how_to_join(printed, demo):
    from generator.model import Access, Capacity

    out, _ = printed
    seen = set()
    for entry in select.in_print(demo):
        act, text = entry.activity, _poster_text(out, entry.id)
        phone = act.phone or next((p.number for p in entry.organisation.phones), None)
        assert "Who for:" in text and "How to join" in text, entry.id
        if act.capacity is Capacity.full:
            assert f"Full at the moment: ring {phone} to ask." in text, entry.id
        elif act.capacity is Capacity.waiting_list:
            assert f"There is a waiting list: ring {phone} to ask." in text, entry.id
        elif act.how_to_go.access is Access.book:
            assert f"Book first: ring {phone}." in text, entry.id
        if act.how_to_go.access is Access.referral:
            assert "Referral needed" in text, entry.id
        if act.how_to_go.access is Access.drop_in:
            assert "Just turn up: no need to book." in text, entry.id
        # "ring on the day" only with an on-the-day number
        assert ("On the day, ring" in text) == bool(act.on_the_day_phone), entry.id
        assert "Any problems on the day" not in text
        seen.add((act.capacity, act.how_to_go.access))
    assert len(seen) >= 5  # full, waiting list, book, referral and drop in were all tried
    money = _poster_text(out, "speke-advice-appointments")
    assert "Book first: ring 0151 496 0733." in money and "on the day" not in money.lower()


def test_the_summary_goes_before_the_headline_shrinks(printed, demo):
    out, _ = printed
    shrunk = 0
    for entry in select.in_print(demo):
        with _read(out / f"posters/{entry.id}.pdf") as pdf:
            page = pdf.pages[0]
            headline = page.chars[0]["size"]
            text = _norm(page.extract_text())
        summary = _norm(entry.activity.summary)
        if headline < 45:
            shrunk += 1
            assert summary not in text, entry.id
        else:
            assert round(headline) == 46, entry.id
    assert shrunk < len(select.in_print(demo)) / 4


LONG_WORD = ("Pneumonoultramicroscopicsilicovolcanoconiosis" * 4)[:177]


@pytest.mark.pdf
def test_a_177_character_word_wraps_on_posters_and_in_booklets(demo):
    """A long word (a pasted link, a typo with no spaces) wraps inside the page, never off it."""
    import dataclasses

    from markupsafe import Markup

    from generator import qr
    from generator.printing import booklet, posters, render
    from generator.printing.facts import facts

    entry = demo.activity("garston-lunch-club")
    f = dataclasses.replace(facts(demo, entry), name=LONG_WORD, summary=f"Try {LONG_WORD} here.",
                            how_to_go=(LONG_WORD,))
    poster = render.render(render.html(
        "poster.html", **posters._common(demo, "white"), title="x", f=f, level=posters.MAX_LEVEL,
        qr=Markup(qr.svg(f.url, title="QR"))))
    chunk = booklet.Chunk(demo.config.categories[0], True, (booklet.Item(f),))
    section = render.render(render.html(
        "booklet_section.html", language="en-GB", title="x", publisher="x", paper="paper-white",
        css="booklet.css", chunks=(chunk,), compact=frozenset()))
    for result, right_margin_mm, times in ((poster, 15, 1), (section, 12, 3)):
        with pdfplumber.open(__import__("io").BytesIO(result.pdf)) as pdf:
            chars = [c for p in pdf.pages for c in p.chars]
            width = pdf.pages[0].width
        text = "".join(c["text"] for c in chars if c["text"].strip())
        assert text.count(LONG_WORD) == times  # all of it, in order, no character lost
        assert max(c["x1"] for c in chars) <= width - right_margin_mm * 72 / 25.4 + 1


def test_near_here_posters_list_this_weeks_nearest_with_qr_to_the_site(printed, demo):
    out, docs = printed
    for doc in (d for d in docs if d.kind == "near-here"):
        assert doc.pages == 1
        assert _qr_payloads(out / doc.filename) == [demo.config.site.url]
        with _read(out / doc.filename) as pdf:
            text = _norm(pdf.pages[0].extract_text())
        assert "What's on near here this week" in text
        assert "km away" in text or " m away" in text


def test_qr_code_is_vector(printed):
    out, docs = printed
    poster = next(d for d in docs if d.kind == "poster")
    with _read(out / poster.filename) as pdf:
        assert not pdf.pages[0].images  # drawn as paths, not a bitmap
        assert len(pdf.pages[0].rects) + len(pdf.pages[0].curves) > 0
    assert segno.make("x")  # segno is what draws it


# --- the command ------------------------------------------------------------------------------


def test_unknown_edition_is_a_clear_error(capsys):
    from generator import cli

    assert cli.main(["print", "--today", "2026-11-22", "--edition", "nope", "--out", "/nonexistent"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err == ("No edition called nope in site_config/editions.yml. Editions: south-liverpool, "
                   "aigburth, garston, speke, allerton, woolton, childwall, wavertree, "
                   "garston-speke-pcn, mather-avenue-surgery.")


@pytest.mark.pdf
def test_render_cache_gives_back_what_was_rendered_and_renders_again_what_is_broken(tmp_path):
    """A part whose HTML did not change comes from the cache, the same bytes, anchors and pages;
    a half-written file is rendered again; other HTML is another entry."""
    from types import SimpleNamespace

    from generator.printing import render

    contact = SimpleNamespace(phone="0151 496 0000", email="", address="")
    page = render.html("booklet_index.html", language="en-GB", title="x", publisher="x",
                       paper="paper-white", css="booklet.css", letters=[], contact=contact,
                       site_url="https://example.org", due_months=6, printed_on="1 December 2026")
    with render.pool(1, cache=tmp_path) as pool:
        first = render.submit(pool, page).result()
        kept = sorted(tmp_path.rglob("*.pdf"))
        assert len(kept) == 1 and first.pages >= 1 and "a-to-z" in first.anchors
        again = render.submit(pool, page)
        assert again.done() and again.result() == first  # from the folder, not a worker
        kept[0].write_bytes(kept[0].read_bytes()[:40])  # a build stopped while writing
        redone = render.submit(pool, page).result()
        assert (redone.pages, redone.anchors) == (first.pages, first.anchors)
        render.submit(pool, page.replace("A to Z index", "A to Z")).result()
        assert len(list(tmp_path.rglob("*.pdf"))) == 2


def test_the_timetable_says_when_a_group_is_full_or_has_a_waiting_list(whole, demo):
    """As the site's day timetables and the activity's own entry do."""
    from generator.words import people

    path, pages = whole
    rows = [r for r, _ in _rows(path, pages, "Timetable:")]
    seen = 0
    for entry in select.in_print(demo):
        label = people.capacity_short(entry)
        named = [r for r in rows if entry.activity.name in r]
        if label and named:
            assert all(label in r for r in named), (entry.id, named)
            seen += 1
        elif named:
            assert not any(w in r for r in named for w in ("Full at the moment", "Waiting list"))
    assert seen >= 3
