"""Academic terms of placements: VT (spring, January-May), SO (summer, June-August), HT (autumn, September-December).

A placement's term comes from its start date, so a June-August internship is a summer placement, not a spring
one. Students' graduation terms stay HT or VT (core/validation.valid_term).
"""

from __future__ import annotations

import re
from datetime import date

SPRING, SUMMER, AUTUMN = "VT", "SO", "HT"
_TERM = re.compile(r"^(HT|VT|SO)(\d{4})$")
_ORDER = {SPRING: 0, SUMMER: 1, AUTUMN: 2}


def term_of(day: date) -> str:
    """The term a day falls in: "VT2027" (January-May), "SO2027" (June-August) or "HT2027" (September-December)."""
    season = SPRING if day.month <= 5 else SUMMER if day.month <= 8 else AUTUMN
    return f"{season}{day.year}"


def valid_period_term(value: str) -> bool:
    """True for terms like VT2027, SO2027 or HT2027."""
    return bool(_TERM.match(value or ""))


def term_bounds(term: str) -> tuple[date, date]:
    """The first and last day of a term."""
    season, year = term[:2], int(term[2:])
    if season == SPRING:
        return date(year, 1, 1), date(year, 5, 31)
    if season == SUMMER:
        return date(year, 6, 1), date(year, 8, 31)
    return date(year, 9, 1), date(year, 12, 31)


def term_sort_key(term: str) -> tuple[str, int]:
    """Sorts terms in calendar order: VT2027, SO2027, HT2027, VT2028."""
    return (term[2:], _ORDER.get(term[:2], 3)) if term else ("", -1)
