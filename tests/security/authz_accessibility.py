"""Authorization rows for the accessibility statement (issue 14), merged into authz_table.TABLE."""

from __future__ import annotations

from typing import Any

from tests.security.authz_table import everyone

ACCESSIBILITY_TABLE: dict[str, dict[str, Any]] = {
    "main.accessibility": {
        "note": "The public accessibility statement; an empty report form is refused with 400 for everyone.",
        "GET": everyone(200),
        "POST": everyone(400),
    },
    "main.tillganglighet": {
        "note": "The same statement at its Swedish address.",
        "GET": everyone(200),
        "POST": everyone(400),
    },
}
