"""Authorization rows for the meeting places (issue 16): events, fairs, interview slots; merged into TABLE.

The world's fair is open to the world's program (students A and B), X's organisation is registered with two slots,
and A is registered and has booked the first slot (tests/security/world.py, _meeting_places).
"""

from __future__ import annotations

from typing import Any

from tests.security.authz_table import coach_only, employer, student

MEETING_TABLE: dict[str, dict[str, Any]] = {
    "coach.events": {"note": "Coaches list every event.", "GET": coach_only(200)},
    "coach.event_new": {
        "note": "Coaches create events; an empty form is refused with reasons on the fields.",
        "GET": coach_only(200), "POST": coach_only(400),
    },
    "coach.event_edit": {
        "note": "Coaches edit events; an empty form is refused with reasons on the fields.",
        "GET": coach_only(200), "POST": coach_only(400),
    },
    "coach.event": {"note": "Coaches see the check-in list, the waiting list and the exhibitors.",
                    "GET": coach_only(200)},
    "coach.event_check_in": {
        "note": "Coaches check registered students in.",
        "data": {"present": "yes"}, "POST": coach_only(302),
    },
    "coach.exhibitor_check_in": {
        "note": "Coaches mark an exhibitor arrived.",
        "data": {"present": "yes"}, "POST": coach_only(302),
    },
    "employer.fairs": {"note": "Every employer sees the coming fairs and its own registration.",
                       "GET": employer(200, 200)},
    "employer.fair": {
        "note": "Every employer may register its own organisation for a fair in the window (Y registers Y).",
        "data": {"representatives": "2"}, "GET": employer(200, 200), "POST": employer(302, 302),
    },
    "employer.fair_withdraw": {
        "note": "X withdraws X; Y has no registration to withdraw (400 with the reason).",
        "POST": employer(302, 400),
    },
    "employer.fair_slots": {
        "note": "Only a registered exhibitor publishes slots (Y is not one: 404); an empty form is refused (400).",
        "POST": employer(400, 404),
    },
    "employer.fair_slot_remove": {
        "note": "X removes its free slot; Y has no slots at the fair (404).",
        "params": {"slot_id": "slot_free"}, "POST": employer(302, 404),
    },
    "main.event_detail": {
        "note": "The fair is restricted to a program: eligible students, employers (a fair) and coaches see it; "
                "anonymous visitors and admins get 404.",
        "GET": {"anonymous": 404, "student_a": 200, "student_b": 200, "employer_x": 200, "employer_y": 200,
                "coach": 200, "admin": 404},
    },
    "main.event_ics": {
        "note": "The event's iCalendar file, for exactly those who see the event.",
        "GET": {"anonymous": 404, "student_a": 200, "student_b": 200, "employer_x": 200, "employer_y": 200,
                "coach": 200, "admin": 404},
    },
    "student.events": {"note": "Each student sees their own registrations and interviews.", "GET": student(200, 200)},
    "student.event_register": {
        "note": "Eligible students register (A is already registered: refused with a message, 302 back).",
        "POST": student(302, 302),
    },
    "student.event_cancel": {
        "note": "A cancels A's registration; B has none (message, 302 back).",
        "POST": student(302, 302),
    },
    "student.slot_book": {
        "note": "Booking the free slot: A already has X's other slot, B is not registered; both refused with a "
                "message (302 back).",
        "params": {"slot_id": "slot_free"}, "POST": student(302, 302),
    },
    "student.slot_cancel": {
        "note": "A cancels A's booking; B's attempt on A's booking is 404.",
        "POST": student(302, 404),
    },
    # Mentoring: programme_open (X's employer mentors, A applied) and programme_published with the pair A-X.
    "coach.follow_up": {"note": "Coaches see activities against goals per lifecycle phase.", "GET": coach_only(200)},
    "coach.mentoring": {"note": "Coaches list the programmes with their outcomes.", "GET": coach_only(200)},
    "coach.mentoring_new": {
        "note": "Coaches create programmes; an empty form is refused with reasons on the fields.",
        "GET": coach_only(200), "POST": coach_only(400),
    },
    "coach.mentoring_programme": {"note": "Goals against outcomes, mentors, mentees and pairs.",
                                  "GET": coach_only(200)},
    "coach.mentoring_match": {"note": "Coaches run the matching; no mode given: 400.", "POST": coach_only(400)},
    "coach.mentoring_pair": {"note": "Coaches pair by hand; no mentee given: 400.", "POST": coach_only(400)},
    "coach.mentoring_publish": {"note": "Coaches publish; the open programme is not matched yet: 400.",
                                "POST": coach_only(400)},
    "employer.mentoring": {"note": "Every employer sees open programmes and its own pairs.", "GET": employer(200, 200)},
    "employer.mentoring_register": {
        "note": "Every employer's staff may register as a mentor; an empty form is refused on the fields (400).",
        "GET": employer(200, 200), "POST": employer(400, 400),
    },
    "employer.mentoring_check_in": {
        "note": "X's mentor reports on X's pair (an empty form: message, 302 back); Y's is 404.",
        "POST": employer(302, 404),
    },
    "student.mentoring": {"note": "Each student sees open programmes and their own pairs.", "GET": student(200, 200)},
    "student.mentoring_apply": {
        "note": "Eligible students apply; an empty goal is refused on the field (400).",
        "GET": student(200, 200), "POST": student(400, 400),
    },
    "student.mentoring_check_in": {
        "note": "A reports on A's pair (an empty form: message, 302 back); B's attempt is 404.",
        "POST": student(302, 404),
    },
}
