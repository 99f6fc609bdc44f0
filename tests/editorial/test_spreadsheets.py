import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


TRICKY = ["", " ", "plain", "a,b", 'say "hi"', "line\nbreak", "cr\rhere", "\r\n", '"', ",",
          "=1+1", "-2", "@x", "\t=1", "ünïcödé — “quotes”", "trailing space ", "'already"]  # fmt: skip


def written_by_csv_module(values):
    buffer = io.StringIO()
    csv.writer(buffer).writerow([spreadsheets.neutralise(value) for value in values])
    return buffer.getvalue()


@pytest.mark.parametrize("value", TRICKY, ids=repr)
def test_a_csv_field_is_what_the_csv_module_writes(value):
    line = spreadsheets.csv_text(value) + "," + spreadsheets.csv_text("x") + "\r\n"
    assert line == written_by_csv_module([value, "x"])
    assert next(csv.reader(io.StringIO(line))) == [spreadsheets.neutralise(value), "x"]


@settings(max_examples=300, derandomize=True)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8")), min_size=2, max_size=6))
def test_any_line_of_csv_fields_is_what_the_csv_module_writes(values):
    line = ",".join(spreadsheets.csv_text(value) for value in values) + "\r\n"
    assert line == written_by_csv_module(values)
