"""CSV for spreadsheets: no cell may be read as a formula, whichever separator the spreadsheet splits on."""

from __future__ import annotations

import csv
import io

import pytest

from matchmaker.core.csv_export import safe_cell, to_csv

HOSTILE = [
    "=1+1", "+1", "-2+3", "@SUM(A1)", "Acme;=HYPERLINK(\"http://evil.example\")", "Acme, =cmd|' /C calc'!A0",
    "ok;+1;-1;@x", "a\t=1", "line\n=2", "  =3", "x; =4", "x,\t@5",
]
FORMULA_START = ("=", "+", "-", "@")


@pytest.mark.parametrize("separator", [";", ","])
def test_no_cell_reads_as_a_formula_after_splitting_on_the_separator(separator: str) -> None:
    body = to_csv(["name", "count"], [[text, 3] for text in HOSTILE]).decode("utf-8-sig")
    # A spreadsheet that splits on `separator` (Swedish Excel uses ";") sees these cells.
    cells = [cell for row in csv.reader(io.StringIO(body), delimiter=separator) for cell in row]
    for line in body.splitlines():  # and one that ignores the quoting and splits every line
        cells += line.split(separator)
    offending = [c for c in cells if c.strip(" \t\"").startswith(FORMULA_START)]
    assert not offending, offending


def test_harmless_values_stay_as_they_are() -> None:
    assert [safe_cell(v) for v in ["Sundsvall", "a, b; c", 12, -3, 1.5, None, True]] == [
        "Sundsvall", "a, b; c", "12", "-3", "1.5", "", "1"]
    # What was neutralised still reads as the text it was, behind one apostrophe per piece.
    assert safe_cell("ok;+1") == "ok;'+1"
