"""Authorization rows for alumni (issue 16, item 4); merged into TABLE.

The matrix's world has no alumnus, so every alumni page refuses each of its roles. What an alumnus gets on each
route of this table is in tests/security/test_authz_alumni.py (ALUMNUS_ROWS), which also checks that an alumnus
is refused in the student, employer, coach and admin areas.
"""

from __future__ import annotations

from typing import Any

from tests.security.authz_table import L, coach_only, employer, student

NOBODY = {"anonymous": L, "student_a": 403, "student_b": 403, "employer_x": 403, "employer_y": 403, "coach": 403,
          "admin": 403}

ALUMNI_TABLE: dict[str, dict[str, Any]] = {
    "student.graduation": {
        "note": "Each student plans their own graduation date; an empty date clears it (302).",
        "GET": student(200, 200), "POST": student(302, 302),
    },
    "student.graduated": {
        "note": "A student says they have graduated; without the confirmation box it is refused on the field.",
        "POST": student(400, 400),
    },
    "alumnus.home": {"note": "Alumni only.", "GET": NOBODY},
    "alumnus.consent": {"note": "Alumni only: the consent for the alumni purpose.", "GET": NOBODY, "POST": NOBODY},
    "alumnus.profile": {"note": "Alumni only: their self-reported profile.", "GET": NOBODY, "POST": NOBODY},
    "alumnus.mentoring": {"note": "Alumni only: programmes looking for mentors.", "GET": NOBODY},
    "alumnus.mentoring_register": {"note": "Alumni only: register as a mentor.", "GET": NOBODY, "POST": NOBODY},
    "alumnus.mentoring_check_in": {"note": "Alumni only: a check-in of their own pair.", "POST": NOBODY},
    "alumnus.my_data": {"note": "Alumni only: what we hold about them.", "GET": NOBODY},
    "alumnus.export": {"note": "Alumni only: their own data as JSON.", "GET": NOBODY},
    "alumnus.delete_account": {"note": "Alumni only: delete their own account (password).", "GET": NOBODY,
                               "POST": NOBODY},
    "coach.alumni_page": {"note": "Coaches see consenting alumni and the retention figures.", "GET": coach_only(200)},
    "coach.alumni_csv": {"note": "Coaches download consenting alumni as CSV.", "GET": coach_only(200)},
    "employer.alumni_contacts": {
        "note": "Each employer sees its own organisation's consenting alumni contacts (none of another's).",
        "GET": employer(200, 200),
    },
}
