"""Authorization rows for alumni as event speakers (issue 16, item 4); merged into TABLE.

The matrix's world has no alumnus: adding with an empty form is refused on the field (400), and removing user_b,
who is no speaker of the event, is 404 for a coach. tests/web/speakers/test_speakers_pages.py covers the happy
paths and that students, employers and alumni get 403.
"""

from __future__ import annotations

from typing import Any

from tests.security.authz_table import coach_only

SPEAKERS_TABLE: dict[str, dict[str, Any]] = {
    "coach.event_speaker_add": {
        "note": "Coaches add a consenting alumnus open to speaking; an empty form is refused on the field.",
        "POST": coach_only(400),
    },
    "coach.event_speaker_remove": {
        "note": "Coaches remove a speaker; a user who is no speaker of the event is 404.",
        "POST": coach_only(404),
    },
}
