"""generator/listing_store.py: one slug, files kept inside listings/, merges that change only what differs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import listing_store as store

LISTING = """\
# yaml-language-server: $schema=../schema/listing.schema.json
# Keep this comment.
organisation:
  name: "Tea & Cake Café"   # as people know us
  charity_number: "1123456"
  maintainers:
    - {name: Pat Example, email: pat@example.org, github: pat-example}
activities:
  - id: tea-and-cake
    name: Tea and Cake
    summary: A cuppa and a chat every Thursday afternoon, with home-made cake and a warm welcome for anyone who wants company.
    categories: [befriending, food]
    cost: {kind: fixed, amount: 3.80}
    how_to_go: {access: drop-in}
    schedules:
      - {frequency: weekly, days: [thursday], start: 14:00, end: 16:00}
    where: {venue: test-hall}
    last_checked: 2026-09-01
    checked_by: 'Pat, the secretary'

  - id: cake-club
    name: Cake Club
    summary: Bake together.
    categories: [food]
    cost:
      kind: free
    how_to_go:
      access: book
    where:
      venue: test-hall
    last_checked: 2026-09-01
    checked_by: Pat Example
"""


@pytest.fixture
def listings(tmp_path) -> Path:
    folder = tmp_path / "listings"
    folder.mkdir()
    (folder / "tea-and-cake-cafe.yml").write_text(LISTING, encoding="utf-8")
    return folder


def changed(before: str, after: str) -> list[tuple[int, str, str]]:
    return store.changed_lines(before, after)


@pytest.mark.parametrize(("name", "expected"), [
    ("Tea & Cake Café", "tea-and-cake-cafe"),
    ("St Anne's Church Hall", "st-annes-church-hall"),
    ("St Anne’s Straße", "st-annes-strasse"),
    ("Ølsted  --  Søndergård", "olsted-sondergard"),
    ("  ", ""),
    ("x" * 100, "x" * 60),
])
def test_one_slug_for_every_name(name, expected):
    assert store.slug(name) == expected


def test_every_route_uses_the_one_slug():
    from generator import fake, issue_to_listing, scaffold
    from generator.opendata import build

    name = "Tea & Cake Café"
    assert {scaffold.slug(name), fake.slug(name), issue_to_listing.slug(name), build.slug(name)} == {
        "tea-and-cake-cafe"}


@pytest.mark.parametrize("bad", ["../x", "/etc/passwd", "Aigburth Walkers", "venues", "a--b", ""])
def test_path_for_refuses_what_is_not_an_id(tmp_path, bad):
    with pytest.raises(store.StoreError):
        store.path_for(tmp_path, bad)


def test_writes_stay_inside_the_folder(tmp_path):
    listings = tmp_path / "listings"
    with pytest.raises(store.StoreError, match="is not a file in"):
        store.write(listings, listings / ".." / "escape.yml", "x")
    with pytest.raises(store.StoreError, match="is not a file in"):
        store.write(listings, tmp_path / "elsewhere" / "a-b.yml", "x")
    (tmp_path / "outside.yml").write_text("keep")
    listings.mkdir()
    (listings / "linked.yml").symlink_to(tmp_path / "outside.yml")
    with pytest.raises(store.StoreError):
        store.write(listings, listings / "linked.yml", "overwritten")
    assert (tmp_path / "outside.yml").read_text() == "keep"
    assert store.write(listings, listings / "a-b.yml", "ok\n").read_text() == "ok\n"
    assert (listings / "a-b.yml").stat().st_mode & 0o777 == 0o644
    (listings / "a-b.yml").chmod(0o664)
    store.write(listings, listings / "a-b.yml", "again\n")
    assert (listings / "a-b.yml").stat().st_mode & 0o777 == 0o664
    assert [p.name for p in listings.iterdir() if p.name.startswith(".")] == []  # no temp files left
    assert store.inside(listings, listings / "a-b.yml") and not store.inside(listings, tmp_path)


def test_an_unedited_file_merges_with_no_change_at_all():
    merged = store.merge_file(LISTING, store.load(LISTING))
    assert merged.changes == [] and merged.text == LISTING


def test_one_changed_time_changes_one_line():
    sent = store.load(LISTING.replace("start: 14:00", "start: 14:30"))
    merged = store.merge_file(LISTING, sent)
    assert [str(c) for c in merged.changes] == ["Tea and Cake: schedules[1].start: 14:00 -> 14:30"]
    assert changed(LISTING, merged.text) == [
        (16, "      - {frequency: weekly, days: [thursday], start: 14:00, end: 16:00}",
         "      - {frequency: weekly, days: [thursday], start: 14:30, end: 16:00}")]


def test_values_are_compared_as_a_listing_means_them():
    sent = store.load(LISTING)
    activity = sent["activities"][0]
    activity["cost"]["amount"] = 3.8  # the web form writes numbers as JavaScript does
    activity["last_checked"] = "2026-09-01"  # text, not a date
    activity["summary"] = activity["summary"] + "  "
    sent["organisation"]["charity_number"] = 1123456
    assert store.merge_file(LISTING, sent).text == LISTING
    assert store.same(True, True) and not store.same(True, 1) and not store.same(0, False)


def test_a_change_inside_a_flow_map_keeps_it_on_one_line_and_keeps_the_decimals_elsewhere():
    sent = store.load(LISTING)
    sent["activities"][0]["how_to_go"]["access"] = "book"
    sent["activities"][1]["cost"] = {"kind": "pay-what-you-can"}
    merged = store.merge_file(LISTING, sent)
    assert changed(LISTING, merged.text) == [
        (14, "    how_to_go: {access: drop-in}", "    how_to_go: {access: book}"),
        (26, "      kind: free", "      kind: pay-what-you-can"),
    ]
    assert "cost: {kind: fixed, amount: 3.80}" in merged.text


def test_long_lines_are_never_rewrapped_and_comments_stay():
    sent = store.load(LISTING)
    sent["activities"][1]["summary"] = "Bake together. " * 12
    merged = store.merge_file(LISTING, sent)
    assert len(changed(LISTING, merged.text)) == 1
    assert "# as people know us" in merged.text and "# Keep this comment." in merged.text


def test_a_whole_activity_replaces_fields_it_leaves_out():
    sent = store.load(LISTING)
    del sent["activities"][0]["schedules"]
    merged = store.merge_file(LISTING, sent)
    assert "Tea and Cake: schedules: removed" in str(merged.changes[0])
    assert "schedules" not in store.load(merged.text)["activities"][0]
    assert "start: 14:00" not in merged.text


def test_a_partial_activity_changes_only_what_it_sends():
    sent = {"organisation": {"name": "Tea & Cake Café"},
            "activities": [{"id": "cake-club", "phone": "0151 496 0777"}]}
    merged = store.merge_file(LISTING, sent)
    assert [str(c) for c in merged.changes] == ["Cake Club: phone: added (0151 496 0777)"]
    assert changed(LISTING, merged.text) == [(29, "", "    phone: 0151 496 0777")]


def test_a_new_activity_for_an_existing_group_keeps_the_others(listings):
    new = store.load(
        "organisation:\n  name: Tea & Cake Café\nactivities:\n"
        "  - {id: knit-and-cake, name: Knit and Cake, summary: Knit., categories: [arts],"
        " cost: {kind: free}, how_to_go: {access: drop-in}, where: {venue: test-hall},"
        " last_checked: 2026-11-30, checked_by: Sam}\n")
    assert store.find_listing(listings, new) == listings / "tea-and-cake-cafe.yml"
    merged = store.merge_file(LISTING, new)
    assert merged.added == ["knit-and-cake"]
    assert merged.text.startswith(LISTING)
    assert [a["id"] for a in store.load(merged.text)["activities"]] == ["tea-and-cake", "cake-club", "knit-and-cake"]


def test_maintainers_are_kept_when_the_sender_has_none_and_added_when_new():
    sent = store.load(LISTING)
    del sent["organisation"]["maintainers"]
    assert store.merge_file(LISTING, sent).text == LISTING
    sent["organisation"]["maintainers"] = [{"name": "Sam", "email": "sam@example.org"},
                                           {"email": "PAT@example.org"}]
    merged = store.merge_file(LISTING, sent)
    people = store.load(merged.text)["organisation"]["maintainers"]
    assert [m["email"] for m in people] == ["pat@example.org", "sam@example.org"]


def test_find_listing_refuses_activities_from_two_groups(listings):
    (listings / "other-group.yml").write_text(
        "organisation:\n  name: Other Group\nactivities:\n  - id: other-walk\n    name: Walk\n")
    sent = {"organisation": {"name": "Other Group"}, "activities": [{"id": "other-walk"}, {"id": "cake-club"}]}
    with pytest.raises(store.StoreError, match="in different listings"):
        store.find_listing(listings, sent)
    sent = {"organisation": {"name": "Other Group"}, "activities": [{"id": "cake-club"}]}
    with pytest.raises(store.StoreError, match='The organisation "Other Group" has its own listing'):
        store.find_listing(listings, sent)
    assert store.find_listing(listings, {"organisation": {"name": "Nobody Yet"}, "activities": []}) is None


def test_the_safe_loader_guards_the_merge():
    with pytest.raises(store.StoreError, match="alias"):
        store.load("organisation: &a {name: x}\nactivities: [*a]\n")
    with pytest.raises(store.StoreError, match="not a listing"):
        store.load("- just a list\n")


def test_an_oddly_indented_file_still_changes_on_one_line():
    odd = ("organisation:\n    name: Odd Group\nactivities:\n- id: odd-walk\n  name: Odd Walk\n"
           "  summary: >-\n    Over two\n    lines.\n  cost: { kind: free }\n  checked_by: Al\n")
    sent = store.load(odd)
    sent["activities"][0]["checked_by"] = "Bo"
    assert changed(odd, store.merge_file(odd, sent).text) == [(10, "  checked_by: Al", "  checked_by: Bo")]
    sent["activities"][0]["phone"] = "0151 496 0000"  # an insert: the layout is ruamel's, values right
    text = store.merge_file(odd, sent).text
    assert store.load(text)["activities"][0]["phone"] == "0151 496 0000"
    assert "Over two" in text


def test_every_demo_file_round_trips_byte_for_byte(demo):
    files = {Path(org.source.file) for org in demo.organisations}
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        merged = store.merge_file(text, store.load(text))
        assert (merged.changes, merged.text == text) == ([], True), path


def test_demo_folder_copy_can_be_found_by_activity_id(demo, tmp_path):
    folder = Path(demo.organisations[0].source.file).parent
    shutil.copytree(folder, tmp_path / "listings")
    entry = demo.activities[0]
    path, index = store.find_activity(tmp_path / "listings", entry.id)
    assert path.stem == entry.org_id
    assert store.load(path.read_text())["activities"][index]["id"] == entry.id
