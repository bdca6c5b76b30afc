"""The app-wide `<int:...>` URL converter: ASCII digits only, and only ids a table can hold."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.exceptions import NotFound
from werkzeug.routing import BaseConverter

from matchmaker.core.validation import MAX_ID, parse_int


class IdConverter(BaseConverter):
    """Like Werkzeug's int converter, but through `parse_int`: "٣" or 2**63 in a URL is a 404, not a 500."""

    # Werkzeug's own int converter matches `\d+`, which includes non-ASCII digits that int() accepts.
    regex = r"[0-9]+"
    weight = 50
    part_isolating = True

    def to_python(self, value: str) -> int:
        number = parse_int(value, 0, MAX_ID)
        if number is None:
            # Not ValidationError: that makes Werkzeug try the path's other rules and answer 405 for a method
            # another rule serves; an id no table can hold is simply not there.
            raise NotFound()
        return number

    def to_url(self, value: Any) -> str:
        return str(int(value))


def init_app(app: Flask) -> None:
    """Make `<int:...>` mean `IdConverter` in every route (call before blueprints register)."""
    app.url_map.converters["int"] = IdConverter
