"""The importers never show a traceback (issue 12, item 7, the import half): a corpus of crafted
HSDS records and spreadsheet rows — wrong types everywhere (`name: 123`, `schedules: "weekly"`),
nesting deep enough to overflow a parser, paths as ids, formulas, hidden characters — each ends
in a plain message naming the record, or in a listing file that validates or says what a person
must fill in. Each kind is one real `import` run over the whole corpus, then every record is
accounted for."""

from __future__ import annotations

import copy
import csv
import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.directory import load
from tests.conftest import DEMO, DEMO_TODAY, ROOT

SERVICE = json.loads((ROOT / "tests" / "fixtures" / "oruk" / "tea-dance.json").read_text())
TEMPLATE = ROOT / "templates" / "import-template.csv"
ODD = [123, -1, 1.5e308, True, None, "", "weekly", [], {}, ["weekly"], [None], [[[]]], {"x": {}},
       "x" * 3000, "../../etc/passwd", "=cmd|' /C calc'!A0", "a\nb\rc\u202e\u200b", "2026-02-30"]


def _paths(obj: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(obj, dict):
        for key, value in obj.items():
            out += _paths(value, prefix + (key,))
    elif isinstance(obj, list):
        for i, value in enumerate(obj[:2]):
            out += _paths(value, prefix + (i,))
    return out


def _set(obj: object, path: tuple, value: object) -> object:
    obj = copy.deepcopy(obj)
    target = obj
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return obj


def _own(n: int) -> dict:
    """The real service with its own id and names, so each record makes its own listing."""
    svc = copy.deepcopy(SERVICE)
    svc["id"], svc["name"] = f"crafted-{n}", f"Crafted Activity {n}"
    svc["organization"]["name"] = f"Crafted Org {n}"
    return svc


def hsds_corpus() -> dict[str, object]:
    """name -> JSON document. Fields of a real service, each given odd values in turn."""
    corpus: dict[str, object] = {}
    paths = [p for p in _paths(SERVICE) if len(p) <= 3 and "id" not in p[-1:]]
    for n, path in enumerate(paths):
        for m in range(3 if len(path) == 1 else 1):
            value = ODD[(n * 3 + m) % len(ODD)]
            corpus[f"f{n:03d}-{m}"] = _set(_own(len(corpus)), path, value)
    n = len(corpus)
    corpus.update({
        "name-123": _set(_own(n), ("name",), 123),
        "schedules-weekly": _set(_own(n + 1), ("schedules",), "weekly"),
        "organization-string": _set(_own(n + 2), ("organization",), "Venues"),
        "organization-venues": _set(_own(n + 3), ("organization", "name"), "Venues"),
        "top-list": [1, 2, 3], "top-string": "hello", "top-null": None, "empty-object": {},
        "services-page-wrong": {"contents": "weekly", "total_items": "x"},
        "services-page-odd": {"contents": [1, None, "x", {"name": 5}]},
    })
    return corpus


DEEP = "[" * 100_000 + "]" * 100_000  # json.loads overflows Python's stack on this


def _listings(tmp_path: Path) -> Path:
    out = tmp_path / "listings"
    out.mkdir()
    shutil.copy(DEMO / "listings" / "venues.yml", out / "venues.yml")
    return out


def _accounted(out: Path, err: str, names: dict[str, str]) -> None:
    """Every record is named in the report, or made its listing file; every file written
    validates, or the report lists it with what a person must fill in."""
    assert "Traceback" not in err
    written = {p.name for p in out.glob("*.yml") if p.name != "venues.yml"}
    result = load(out, DEMO / "site_config", today=DEMO_TODAY, enrich_transport=False)
    for problem in result.errors:
        assert problem.file.rsplit("/", 1)[-1] in err, problem
    silent = [name for name, file in names.items() if name not in err and file not in written]
    assert silent == [], (silent, sorted(written))


def test_the_corpus_is_big_enough():
    assert len(hsds_corpus()) + len(_csv_rows()[1]) >= 200


def test_import_hsds_gives_a_message_for_every_crafted_record(tmp_path, capsys):
    source = tmp_path / "source"
    source.mkdir()
    corpus = hsds_corpus()
    for name, doc in corpus.items():
        (source / f"{name}.json").write_text(json.dumps(doc), encoding="utf-8")
    (source / "deep.json").write_text(DEEP, encoding="utf-8")
    (source / "not-json.json").write_bytes(b"\x00\xff{")
    out = _listings(tmp_path)
    code = main(["import", "hsds", str(source), "--out", str(out)])
    printed, err = capsys.readouterr()
    err = printed + err
    assert code in (0, 1)
    assert "deep.json" in err and "not-json.json" in err
    _accounted(out, err, {f"{name}.json": f"crafted-org-{n}.yml" for n, (name, doc) in enumerate(corpus.items())
                          if not (isinstance(doc, dict) and doc.get("organization", {}) != {}
                                  and isinstance(doc["organization"], dict)
                                  and doc["organization"].get("name") != f"Crafted Org {n}")})
    venues = (out / "venues.yml").read_text()
    assert "venues:" in venues  # the shared venues file is never replaced by a listing
    assert "organisation:" not in venues
    assert [p for p in tmp_path.rglob("*.yml") if p.parent != out] == []


@pytest.mark.parametrize("name", ["name-123", "schedules-weekly", "organization-string"])
def test_the_issue_s_own_examples_are_named_plainly(tmp_path, capsys, name):
    source = tmp_path / f"{name}.json"
    source.write_text(json.dumps(hsds_corpus()[name]), encoding="utf-8")
    out = _listings(tmp_path)
    code = main(["import", "hsds", str(source), "--out", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if code == 0:  # read as it stands (123 is taken as the text "123"): a valid listing
        result = load(out, DEMO / "site_config", today=DEMO_TODAY, enrich_transport=False)
        assert result.errors == [] and len(result.directory.activities) == 1
    else:  # refused with the record named, or written with what a person must fill in
        assert f"{name}.json" in err or "does not validate until a person writes these" in err, err


def test_deep_nesting_is_a_message_not_a_recursion_error(tmp_path, capsys):
    source = tmp_path / "deep.json"
    source.write_text(DEEP, encoding="utf-8")
    code = main(["import", "hsds", str(source), "--out", str(_listings(tmp_path))])
    err = capsys.readouterr().err
    assert code in (1, 2)
    assert "deep.json" in err and "Recursion" not in err


def _csv_rows() -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(TEMPLATE.open(encoding="utf-8")))
    header, first = rows[0], rows[1]
    crafted = []
    odd = ["123", "weekly", "=1+1", "@SUM(A1)", "\n", "a\rb", "x" * 3000, "../x", "/etc/passwd",
           "2026-02-30", "-1", "yes; no; maybe", "\u202eevil", ""]
    for c, column in enumerate(header):
        for k in range(2):
            row = list(first)
            row[header.index("activity_id")] = f"crafted-{c}-{k}"
            row[c] = odd[(c + k * 7) % len(odd)]
            if column == "activity_id":
                row[c] = f"crafted-{c}-{k}" if k else "../not-an-id"
            crafted.append(row)
    return header, crafted


def test_import_csv_gives_a_message_for_every_crafted_row(tmp_path, capsys):
    header, crafted = _csv_rows()
    sheet = tmp_path / "crafted.csv"
    with sheet.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *crafted, ["only", "three", "cells"], ["x"] * (len(header) + 5)])
    out = _listings(tmp_path)
    code = main(["import", "csv", str(sheet), "--out", str(out)])
    err = capsys.readouterr().err
    assert code in (0, 1) and "Traceback" not in err
    assert [p for p in tmp_path.rglob("*.yml") if p.parent != out] == []
    _accounted(out, err, {})


def test_a_record_of_the_wrong_kind_is_explained_from_the_standard():
    from generator.opendata.hsds_import import wrong_kinds

    svc = _set(_set(_own(0), ("schedules",), "weekly"), ("organization", "phones"), [{"number": 5}])
    assert wrong_kinds(svc) == (
        'schedules: "weekly" is text, but HSDS gives a list; organization.phones[0].number: "5" is '
        "a number, but HSDS gives text. Fix it in the source and import it again")
