"""Authorization rows for the programme councils (issue 16, item 5); merged into TABLE and UNVERIFIED_TABLE.

The world's council (tests/security/world_councils.py) is for the world's program: X's organisation (its employer
linked) and student A are members, with one meeting; B and Y are not members.
"""

from __future__ import annotations

from typing import Any

from tests.security.authz_table import coach_only, employer, student

COUNCILS_TABLE: dict[str, dict[str, Any]] = {
    "coach.councils": {"note": "Coaches see every program with its council, active or not.", "GET": coach_only(200)},
    "coach.council_new": {
        "note": "Coaches create councils; an empty form is refused with reasons on the fields.",
        "GET": coach_only(200), "POST": coach_only(400),
    },
    "coach.council_edit": {
        "note": "Coaches edit councils; an empty form is refused with reasons on the fields.",
        "GET": coach_only(200), "POST": coach_only(400),
    },
    "coach.council": {"note": "Goals against outcome, members and meetings.", "GET": coach_only(200)},
    "coach.council_member_add": {"note": "Coaches add members; an empty form is refused on the fields (400).",
                                 "POST": coach_only(400)},
    "coach.council_member_remove": {"note": "Coaches record that a member (the teacher) leaves.",
                                    "POST": coach_only(302)},
    "coach.council_meeting_new": {
        "note": "Coaches record meetings with minutes; an empty form is refused on the fields.",
        "GET": coach_only(200), "POST": coach_only(400),
    },
    "coach.council_meeting": {"note": "Coaches read every council's minutes.", "GET": coach_only(200)},
    "employer.councils": {"note": "Each employer sees the councils its organisation sits on (Y: none, still 200).",
                          "GET": employer(200, 200)},
    "employer.council_meeting": {
        "note": "X's organisation is represented: X reads the minutes; Y is not a member (404, existence not leaked).",
        "GET": employer(200, 404),
    },
    "student.councils": {"note": "Each student sees the councils they sit on (B: none, still 200).",
                         "GET": student(200, 200)},
    "student.council_meeting": {
        "note": "A is a student member and reads the minutes; B is not a member (404).",
        "GET": student(200, 404),
    },
}

# The minutes name the student members: an unverified organisation reads none (403 with the explanation).
UNVERIFIED_COUNCILS: dict[str, dict[str, Any]] = {
    "employer.councils": {"note": "Refused until verified: the minutes name student members.", "GET": 403},
    "employer.council_meeting": {"note": "Refused until verified, also for a represented organisation.",
                                 "GET": 403},
}
