"""Authorization rows for the notification centre (issue 13), merged into authz_table.TABLE."""

from __future__ import annotations

from typing import Any

from tests.security.authz_table import L, everyone

# The world's notification belongs to student A: everyone else gets 404 (existence is not leaked).
_OWN_A = {**everyone(404, anonymous=L), "student_a": 303}

NOTIFICATIONS_TABLE: dict[str, dict[str, Any]] = {
    "auth.notifications_list": {
        "note": "Every signed-in user lists their own notifications.",
        "GET": everyone(200, anonymous=L),
    },
    "auth.notification_open": {
        "note": "A opens A's notification (marked read, redirect to the object); anyone else 404.",
        "GET": _OWN_A,
    },
    "auth.notification_read": {
        "note": "A marks A's notification read; anyone else 404.",
        "POST": _OWN_A,
    },
    "auth.notifications_read_all": {
        "note": "Every signed-in user marks their own notifications read.",
        "POST": everyone(303, anonymous=L),
    },
}
