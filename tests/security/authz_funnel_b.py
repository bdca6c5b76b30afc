"""Authorization rows for mail preferences, alerts, conversations and calendar feeds (issue 13, funnel-b)."""

from __future__ import annotations

from typing import Any

from tests.security.authz_table import L, everyone, student

FUNNEL_B_TABLE: dict[str, dict[str, Any]] = {
    "auth.mail_settings": {
        "note": "Every signed-in user chooses their own mail settings (an empty POST is refused: 400).",
        "GET": everyone(200, anonymous=L),
        "POST": everyone(400, anonymous=L),
    },
    "auth.unsubscribe": {
        "note": "No login: the signed token is the authority. The world's token is not an unsubscribe token: 404.",
        "GET": everyone(404),
        "POST": everyone(404),
    },
    "student.search_alert": {
        "note": "Only A sets the alert of A's saved search; B gets 404 (an empty POST switches it off: 303).",
        "GET": student(a=200, b=404),
        "POST": student(a=303, b=404),
    },
}
