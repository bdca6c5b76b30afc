"""CSV files for Excel: UTF-8 with BOM, a header row, and cells made safe against formula injection."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime

BOM = "\ufeff"
# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Where a spreadsheet may cut a cell into several: we write ",", Swedish Excel splits on ";", some programs ignore
# the quoting or split on tabs and line breaks. Each piece between them must be safe on its own.
_SEPARATORS = re.compile(r"([,;\t\r\n])")


def safe_cell(value: object) -> str:
    """A cell as text; every piece that a spreadsheet could read as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Numbers stay numbers (a negative number is not a formula), so sums work in Excel.
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    pieces = _SEPARATORS.split(str(value))  # text, separator, text, ...
    for i in range(0, len(pieces), 2):
        if pieces[i].lstrip(" ").startswith(_FORMULA_START):
            pieces[i] = "'" + pieces[i]
    return "".join(pieces)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A whole CSV document (header first) encoded as UTF-8 with a byte order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return (BOM + buffer.getvalue()).encode("utf-8")
