import pytest

from editorial import spreadsheets

DANGEROUS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1", "\n=1+1"]


@pytest.mark.parametrize("value", DANGEROUS, ids=repr)
def test_every_formula_start_is_neutralised_and_restored(value):
    safe = spreadsheets.neutralise(value)
    assert safe == "'" + value
    assert spreadsheets.restore(safe) == value


@pytest.mark.parametrize("value", ["Director", "", "'quoted", "1+1", 42, None])
def test_other_values_pass_unchanged(value):
    assert spreadsheets.neutralise(value) == value
    assert spreadsheets.restore(value) == value


def test_a_cell_is_always_text():
    assert spreadsheets.cell(None) == ""
    assert spreadsheets.cell(7) == "7"
    assert spreadsheets.cell("\nx") == "'\nx"
