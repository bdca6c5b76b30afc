"""Validators for Swedish identifiers and small value types."""

from __future__ import annotations

import re

_ORGNR = re.compile(r"^(\d{6})-?(\d{4})$")
_TERM = re.compile(r"^(HT|VT)(\d{4})$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) check over a string of digits."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def normalise_org_number(value: str) -> str:
    """Return an organisationsnummer as NNNNNN-NNNN, or raise ValueError saying why it is wrong."""
    match = _ORGNR.match(value.strip().replace(" ", ""))
    if not match:
        raise ValueError("must be 10 digits, like 556677-8899")
    digits = match.group(1) + match.group(2)
    # The third digit is at least 2 for legal persons, which tells them apart from personal numbers.
    if int(digits[2]) < 2:
        raise ValueError("is not an organisation number (third digit must be 2 or more)")
    if not luhn_ok(digits):
        raise ValueError("has a wrong check digit")
    return f"{match.group(1)}-{match.group(2)}"


def org_number_with_check_digit(first_nine: str) -> str:
    """Complete nine digits with their Luhn check digit (used to invent demo organisations)."""
    for d in "0123456789":
        if luhn_ok(first_nine + d):
            return f"{first_nine[:6]}-{first_nine[6:]}{d}"
    raise AssertionError("unreachable")


def valid_term(value: str) -> bool:
    """True for academic terms like HT2026 or VT2027."""
    return bool(_TERM.match(value))


def valid_email(value: str) -> bool:
    """A pragmatic email shape check (the address is confirmed by mail, not by regex)."""
    return bool(_EMAIL.match(value.strip())) and len(value) <= 254


# The largest id any table can hold on both backends (PostgreSQL's INTEGER is 32-bit).
MAX_ID = 2**31 - 1
MAX_PAGE = 100_000


def parse_int(raw: object, low: int = 1, high: int = MAX_ID) -> int | None:
    """The integer `raw` spells in ASCII digits, if it is within [low, high]; else None.

    `str.isdigit()` also accepts "²" and other digits `int()` refuses, and `int()` accepts "٣", "+1", " 1" and
    "1_0"; only plain ASCII digits of bounded length are numbers here, so nothing odd reaches `int()` or the
    database (ids of 2**63 overflow SQLite, 2**31 PostgreSQL).
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw if raw is not None else "").strip()
        if not text or len(text) > len(str(max(abs(low), abs(high)))) or not (text.isascii() and text.isdigit()):
            return None
        value = int(text)
    return value if low <= value <= high else None


def page_number(raw: object) -> int:
    """A ?page= value: a bad or out-of-range page number falls back to page 1."""
    return parse_int(raw, 1, MAX_PAGE) or 1
