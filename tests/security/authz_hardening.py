"""Authorization rows for the routes of issue 11 (registration by mail), merged into authz_table.TABLE."""

from __future__ import annotations

from typing import Any

from tests.security.authz_table import everyone

HARDENING_TABLE: dict[str, dict[str, Any]] = {
    "auth.registration_sent": {
        "note": "Public \"check your mail\" page after registering; says nothing about the address.",
        "GET": everyone(200),
    },
    "auth.confirm_registration": {
        "note": "The mailed registration link; the world's token is no registration token, so 404 for everyone.",
        "GET": everyone(404),
        "POST": everyone(404),
    },
}
