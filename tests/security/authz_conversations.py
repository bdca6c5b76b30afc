"""Authorization rows for mail preferences, alerts, conversations and calendar feeds (issue 13)."""

from __future__ import annotations

from typing import Any

from tests.security.authz_table import L, everyone, student

CONVERSATIONS_TABLE: dict[str, dict[str, Any]] = {
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
    # Conversations: A's application to X's offer. Parties read (200); a coach reads for support (audited) but never
    # writes (403); anyone else 404. Empty POSTs are refused with a reason (400). No slot of the world matches the
    # slot id, so booking or downloading it is a 404 for parties.
    "conversations.thread": {
        "note": "Student A and organisation X read the thread; coaches read for support; others 404.",
        "GET": {**everyone(404, anonymous=L), "student_a": 200, "employer_x": 200, "coach": 200},
    },
    "conversations.post_message": {
        "note": "Parties write (empty: 400); a coach 403; others 404.",
        "POST": {**everyone(404, anonymous=L), "student_a": 400, "employer_x": 400, "coach": 403},
    },
    "conversations.propose_slots": {
        "note": "Parties propose times (none given: 400); a coach 403; others 404.",
        "POST": {**everyone(404, anonymous=L), "student_a": 400, "employer_x": 400, "coach": 403},
    },
    "conversations.book_slot": {
        "note": "Parties book a slot of the thread (this id is none: 404); a coach 403; others 404.",
        "params": {"slot_id": "notification_a"},
        "POST": {**everyone(404, anonymous=L), "coach": 403},
    },
    "conversations.slot_invitation": {
        "note": "A booked slot's invitation for the parties only (this id is none: 404).",
        "params": {"slot_id": "notification_a"},
        "GET": everyone(404, anonymous=L),
    },
    "calendars.calendar_settings": {
        "note": "Every signed-in user manages their own feed (an empty POST names no action: 400).",
        "GET": everyone(200, anonymous=L),
        "POST": everyone(400, anonymous=L),
    },
    "calendars.private_feed": {
        "note": "No login (calendar apps fetch it); the world's token is no feed token: 404 for everyone.",
        "GET": everyone(404),
    },
    "calendars.public_deadlines": {
        "note": "Public: Karriärsök's upcoming deadlines, no personal data.",
        "GET": everyone(200),
    },
}
