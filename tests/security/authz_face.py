"""Authorization rows for the public employer pages and organisation logos (issue 14)."""

from __future__ import annotations

from typing import Any

from tests.security.authz_table import employer, everyone

FACE_TABLE: dict[str, dict[str, Any]] = {
    "main.organization_page": {
        "note": "Public: anyone reads an active organisation's page.",
        "GET": everyone(200),
    },
    "main.organization_logo": {
        "note": "Public; organisation X has no logo in the world: 404 for everyone.",
        "GET": everyone(404),
    },
    "employer.upload_logo": {
        "note": "Employers change their own organisation's logo (an empty POST: a message and a redirect).",
        "POST": employer(x=302, y=302),
    },
    "employer.remove_logo": {
        "note": "Employers remove their own organisation's logo.",
        "POST": employer(x=302, y=302),
    },
}
