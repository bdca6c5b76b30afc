"""Authorization rows for check-in by QR code and by the typed code (issue 16, item 1); merged into TABLE.

The world's fair has student A registered (tests/security/world.py, _meeting_places). The URL's token is the
world's default "token" (a password reset token, so not a check-in token): a coach gets the clear "not valid"
page (400), everyone else is refused before the token is read. The valid token's way through is tested in
tests/web/coach/test_check_in_qr.py.
"""

from __future__ import annotations

from typing import Any

from tests.security.authz_table import coach_only

CHECKIN_TABLE: dict[str, dict[str, Any]] = {
    "coach.event_check_in_token": {
        "note": "Only coaches open a scanned check-in link and confirm it; a token that is not a check-in token "
                "gets the 'not valid' page (400) and changes nothing.",
        "GET": coach_only(400), "POST": coach_only(400),
    },
    "coach.event_check_in_code": {
        "note": "Only coaches type a check-in code; an empty code is refused on the field (400).",
        "POST": coach_only(400),
    },
}
