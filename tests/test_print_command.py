"""`python -m generator print`: its own error for an unknown edition, and nothing else turned into it."""

from __future__ import annotations

import pytest

from generator import cli
from generator.printing import booklet
from generator.printing.build import UnknownEdition, build_all


def test_an_unknown_edition_raises_its_own_error(demo, tmp_path):
    with pytest.raises(UnknownEdition) as err:
        build_all(demo, tmp_path, editions=["aigburth", "nope", "nor-this"])
    assert err.value.missing == ["nope", "nor-this"]
    assert str(err.value).startswith("No edition called nope, nor-this in site_config/editions.yml. "
                                     "Editions: south-liverpool, aigburth,")
    assert not list(tmp_path.iterdir()), "nothing is printed when an edition is unknown"


def test_the_command_prints_the_message_and_exits_2(capsys, tmp_path):
    code = cli.main(["print", "--today", "2026-11-22", "--edition", "nope", "--out", str(tmp_path)])
    assert code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "No edition called nope in site_config/editions.yml. Editions: south-liverpool, "
        "aigburth, garston, speke, allerton, woolton, childwall, wavertree, "
        "garston-speke-pcn, mather-avenue-surgery.")


def test_a_key_error_inside_printing_is_not_reported_as_an_unknown_edition(monkeypatch, capsys, tmp_path):
    def broken(*args, **kwargs):
        raise KeyError("walking")

    monkeypatch.setattr(booklet, "build", broken)
    with pytest.raises(KeyError):
        cli.main(["print", "--today", "2026-11-22", "--edition", "aigburth", "--no-posters",
                  "--out", str(tmp_path)])
    assert "No edition called" not in capsys.readouterr().err
