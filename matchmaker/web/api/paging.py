"""Cursor pagination and ETags: opaque cursors (base64url JSON) and the models' version_id as the ETag."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from typing import Any, TypeVar

from flask import request

from .problems import Problem

T = TypeVar("T")


def encode_cursor(data: dict[str, Any]) -> str:
    """An opaque cursor for `data`."""
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(raw: str | None) -> dict[str, Any]:
    """The data of a cursor from a previous page ({} for the first page); a problem for a forged one."""
    if not raw:
        return {}
    try:
        data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise Problem(400, "The cursor is not one this API gave out.", {"cursor": "is not a valid cursor"}) from None
    if not isinstance(data, dict):
        raise Problem(400, "The cursor is not one this API gave out.", {"cursor": "is not a valid cursor"})
    return data


def cursor_int(data: dict[str, Any], key: str, low: int = 0, high: int = 2**31 - 1) -> int | None:
    """An integer from a cursor, checked to be in range."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise Problem(400, "The cursor is not one this API gave out.", {"cursor": "is not a valid cursor"})
    return value


def page_by_id(items: Sequence[T], cursor: str | None, limit: int) -> tuple[list[T], str | None]:
    """A page of `items` in id order after the cursor's id, and the cursor of the next page (None: last page)."""
    after = cursor_int(decode_cursor(cursor), "after") or 0
    ordered = sorted((i for i in items if getattr(i, "id", 0) > after), key=lambda i: getattr(i, "id", 0))
    page = ordered[:limit]
    more = len(ordered) > limit
    return page, encode_cursor({"after": getattr(page[-1], "id", 0)}) if more and page else None


def etag(version: int) -> str:
    """The ETag of a versioned resource."""
    return f'"{version}"'


def if_match_version() -> int:
    """The version named by If-Match (required on updates): 428 when missing, 412 when unreadable."""
    raw = request.headers.get("If-Match", "").strip()
    if not raw:
        raise Problem(428, "Updates need an If-Match header with the ETag you read.",
                      {"header.If-Match": "is required"})
    value = raw.removeprefix("W/").strip('"')
    if not value.isdigit() or len(value) > 9:
        raise Problem(412, "If-Match does not name a current version.",
                      {"header.If-Match": "does not match the current version"})
    return int(value)
