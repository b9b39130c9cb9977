"""The safe YAML loader: values read the way a person means them, positions kept, and anything
risky or confusing refused with an exact message and place."""

from __future__ import annotations

import time

import pytest

from generator.yaml_load import MAX_DEPTH, MAX_NODES, YamlProblem, load_file, loads


@pytest.mark.parametrize("text, value", [
    ("start: 10:30", "10:30"),          # YAML 1.1 would make this 630 (minutes)
    ("start: 9:05", "9:05"),
    ("answer: no", "no"),               # YAML 1.1 would make this false (the Norway problem)
    ("answer: yes", "yes"),
    ("answer: on", "on"),
    ("flag: true", True),
    ("flag: False", False),
    ("flag: TRUE", True),
    ("quoted: 'true'", "true"),
    ('quoted: "123"', "123"),
    ("number: 123", 123),
    ("number: -4", -4),
    ("money: 3.50", 3.5),
    ("money: .5", 0.5),
    ("phone: 07700900123", "07700900123"),  # a leading zero is kept: it is a phone number
    ("phone: 0151 496 0123", "0151 496 0123"),
    ("date: 2026-01-05", "2026-01-05"),     # dates stay text; the models read them
    ("octal: 0o17", "0o17"),
    ("sci: 1e3", "1e3"),
    ("nothing:", None),
    ("nothing: null", None),
    ("nothing: ~", None),
    ("tagged: !!str 10", "10"),
    ("block: |\n  two\n  lines\n", "two\nlines\n"),
])
def test_values_are_read_as_people_mean_them(text, value):
    data = loads(text).data
    assert list(data.values()) == [value]
    assert type(list(data.values())[0]) is type(value)


def test_positions_of_values_and_keys():
    loaded = loads("organisation:\n  name: Test\nactivities:\n  - id: one\n    days: [monday, friday]\n")
    assert loaded.where(("organisation", "name")) == (2, 9)
    assert loaded.where(("organisation", "name"), key=True) == (2, 3)
    assert loaded.where(("activities", 0)) == (4, 5)
    assert loaded.where(("activities", 0, "days", 1)) == (5, 20)
    # a path that does not exist points at its nearest parent
    assert loaded.where(("activities", 0, "schedules", 3, "start")) == (4, 5)
    assert loaded.where(("nowhere",)) == (1, 1)


def _problem(text: str) -> tuple[str, int, int]:
    with pytest.raises(YamlProblem) as caught:
        loads(text)
    err = caught.value
    return err.message, err.line, err.column


@pytest.mark.parametrize("text, expected", [
    ("a: &x 1\nb: *x\n",
     ("the file uses a YAML alias (*name). Write the value out in full instead", 2, 4)),
    ("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",
     ("the file uses a YAML merge (<<:). Write the values out in full instead", 3, 3)),
    ("a: !!python/object/apply:os.system ['ls']\n",
     ("the tag !!python/object/apply:os.system is not allowed in a listing. Remove it and write a "
      "plain value", 1, 4)),
    ("a: !include other.yml\n",
     ("the tag !include is not allowed in a listing. Remove it and write a plain value", 1, 4)),
    ("a: !!binary aGVsbG8=\n",
     ("the tag !!binary is not allowed in a listing. Remove it and write a plain value", 1, 4)),
    ("name: A\nother: B\nname: C\n",
     ("this key is written twice (first on line 1). Keep one of them", 3, 1)),
    ("? [a, b]\n: c\n", ("a key must be a plain word", 1, 3)),
    ("", ("the file is empty. Start a listing with `python -m generator new`, or copy one from "
          "listings/", 1, 1)),
    ("# only a comment\n", ("the file is empty. Start a listing with `python -m generator new`, or "
                            "copy one from listings/", 1, 1)),
    ("a: 1\x00\n", ("the file is not text (it contains binary data). Save it as plain text", 1, 1)),
    ("a:\n\tb: 1\n", ("this is not valid YAML: there is a tab character here. Indent with spaces, "
                      "not tabs", 2, 1)),
    ("summary: Note: bring water\n",
     ("this is not valid YAML: a colon (:) is in a place YAML does not expect. If the text has a "
      'colon in it, put the whole text in quotes, like summary: "Note: bring water". Otherwise check '
      "that this line is indented like the lines around it", 1, 14)),
    ("days: [monday, friday\nstart: 10:00\n",
     ("this is not valid YAML: a list in square brackets [ ] is not closed, or a comma is missing "
      "between its items", 1, 7)),
    ("cost: {kind: free\n",
     ("this is not valid YAML: a group in curly brackets { } is not closed, or a comma is missing "
      "between its items", 1, 7)),
    ("name: 'Jean's group'\n",
     ("this is not valid YAML: this line is not indented like the lines around it (or text after a "
      "quoted value runs on). Line it up with the other keys at the same level", 1, 13)),
    ("name: \"Unclosed\n",
     ("this is not valid YAML: a quote is opened but never closed. Check the quotes (\" or ') come "
      "in pairs", 2, 1)),
    ("email: @jean\n",
     ("this is not valid YAML: a value starts with a character YAML keeps for itself (such as @, ` "
      "or %). Put the value in quotes", 1, 8)),
])
def test_refused_with_exact_message_and_place(text, expected):
    assert _problem(text) == expected


def test_too_deep():
    text = "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 2)) + "  " * (MAX_DEPTH + 2) + "x: 1\n"
    message, line, column = _problem(text)
    assert (message, line) == ("the file is nested too deeply to be a listing", MAX_DEPTH + 2)


def test_too_many_values_is_refused_quickly():
    text = "items: [" + ", ".join(["1"] * (MAX_NODES + 10)) + "]\n"
    started = time.process_time()
    message, line, _ = _problem(text)
    assert time.process_time() - started < 2.0  # CPU time: about 0.25 s here
    assert (message, line) == ("the file has more than 50,000 values, far more than a listing needs. "
                               "Split it into one file per organisation", 1)


def test_billion_laughs_is_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.process_time()
    message, line, column = _problem("\n".join(lines))
    assert time.process_time() - started < 0.5
    assert message == "the file uses a YAML alias (*name). Write the value out in full instead"


def test_size_limit(tmp_path):
    path = tmp_path / "big.yml"
    path.write_text("a: " + "x" * 3000 + "\n")
    with pytest.raises(YamlProblem) as caught:
        load_file(path, max_bytes=2048)
    assert caught.value.message == ("the file is 0.0 MB, but a listing must be under 2 KB. "
                                    "Check it is the right file")
    assert load_file(path, max_bytes=4096).data == {"a": "x" * 3000}


def test_not_utf8_points_at_the_line(tmp_path):
    path = tmp_path / "latin1.yml"
    path.write_bytes("name: Test\nplace: Caf\u00e9 Royal\n".encode("latin-1"))
    with pytest.raises(YamlProblem) as caught:
        load_file(path)
    assert (caught.value.message, caught.value.line) == (
        "the file is not UTF-8 text (it may be a binary or a word-processor file). Save it as plain "
        "text (UTF-8)", 2)


def test_utf8_with_a_byte_order_mark_is_fine(tmp_path):
    path = tmp_path / "bom.yml"
    path.write_bytes("\ufeffname: Caf\u00e9\n".encode())
    assert load_file(path).data == {"name": "Caf\u00e9"}
