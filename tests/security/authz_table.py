"""Expected outcome of every route for every role: endpoint -> {"note": why, method: {role: status or L}}.

L = "redirect-login" (302 to /login). Roles (tests/security/world.py): anonymous; student_a (owns the application,
invitation, saved search, match and placement in the URL); student_b (another student); employer_x (their
organisation owns the offer, contract and the application's offer); employer_y (another organisation); coach;
admin. URL parameters are filled by world.DEFAULT_PARAMS unless a route gives "params"; POSTs send "data"
(default: an empty form; CSRF is off here, tests/security/test_csrf.py covers it). Each call runs in a savepoint that is
rolled back, so calls do not affect each other. A wrong owner gets 404 on purpose: existence is not leaked.

When routes are added: run `MATCHMAKER_PRINT_MATRIX=1 pytest tests/security/test_authz_matrix.py -s`, review
every printed value (a 200 for a wrong owner is a bug to fix, not a value to copy), and add the rows here.
"""

from __future__ import annotations

from typing import Any

L = "redirect-login"
ROLES = ("anonymous", "student_a", "student_b", "employer_x", "employer_y", "coach", "admin")


def student(a: int | str, b: int | str) -> dict[str, int | str]:
    """Student area: A is the owner of the URL's objects, B another student; everyone else is refused."""
    return {"anonymous": L, "student_a": a, "student_b": b, "employer_x": 403, "employer_y": 403, "coach": 403,
            "admin": 403}


def employer(x: int | str, y: int | str) -> dict[str, int | str]:
    """Employer area: X's organisation owns the URL's objects, Y is another organisation."""
    return {"anonymous": L, "student_a": 403, "student_b": 403, "employer_x": x, "employer_y": y, "coach": 403,
            "admin": 403}


def coach_only(status: int | str) -> dict[str, int | str]:
    """Coach area: coaches only (admins are not coaches)."""
    return {"anonymous": L, "student_a": 403, "student_b": 403, "employer_x": 403, "employer_y": 403,
            "coach": status, "admin": 403}


def admin_only(status: int | str) -> dict[str, int | str]:
    """Admin area: admins only."""
    return {"anonymous": L, "student_a": 403, "student_b": 403, "employer_x": 403, "employer_y": 403, "coach": 403,
            "admin": status}


def everyone(status: int | str, anonymous: int | str | None = None) -> dict[str, int | str]:
    """The same for every signed-in role; `anonymous` when it differs for anonymous visitors."""
    row: dict[str, int | str] = dict.fromkeys(ROLES, status)
    if anonymous is not None:
        row["anonymous"] = anonymous
    return row


TABLE: dict[str, dict[str, Any]] = {
    "admin.activate_program": {
        "note": "Admin-only catalogue change.",
        "POST": admin_only(302),
    },
    "admin.audit": {
        "note": "Admin-only audit trail.",
        "GET": admin_only(200),
    },
    "admin.deactivate_program": {
        "note": "Admin-only catalogue change.",
        "POST": admin_only(302),
    },
    "admin.deactivate_user": {
        "note": "Admin-only: deactivate an account (student B's here).",
        "POST": admin_only(302),
    },
    "admin.edit_municipality": {
        "note": "Admin-only catalogue edit (an empty POST keeps the current values: 302).",
        "GET": admin_only(200),
        "POST": admin_only(302),
    },
    "admin.edit_program": {
        "note": "Admin-only catalogue edit (an empty POST keeps the current values: 302).",
        "GET": admin_only(200),
        "POST": admin_only(302),
    },
    "admin.home": {
        "note": "Admin area start page: admins only.",
        "GET": admin_only(200),
    },
    "admin.municipalities": {
        "note": "Admin-only list of municipalities.",
        "GET": admin_only(200),
    },
    "admin.new_program": {
        "note": "Admin-only program creation (empty form: 400).",
        "GET": admin_only(200),
        "POST": admin_only(400),
    },
    "admin.new_user": {
        "note": "Admin-only creation of coach/admin accounts (empty form: 400).",
        "GET": admin_only(200),
        "POST": admin_only(400),
    },
    "admin.programs": {
        "note": "Admin-only list of study programs.",
        "GET": admin_only(200),
    },
    "admin.reactivate_user": {
        "note": "Admin-only: reactivate an account.",
        "POST": admin_only(302),
    },
    "admin.users": {
        "note": "Admin-only list of users.",
        "GET": admin_only(200),
    },
    "auth.change_password": {
        "note": "Any signed-in user changes their own password (empty form: 400); anonymous must log in.",
        "GET": everyone(200, anonymous=L),
        "POST": everyone(400, anonymous=L),
    },
    "auth.forgot_password": {
        "note": "Public; the same answer for every email (empty form: 400).",
        "GET": everyone(200),
        "POST": everyone(400),
    },
    "auth.login": {
        "note": "Public; signed-in users are sent to their area.",
        "GET": everyone(302, anonymous=200),
        "POST": everyone(302, anonymous=400),
    },
    "auth.logout": {
        "note": "GET only asks to confirm (anonymous: sent home); POST logs out and ends the other sessions.",
        "GET": everyone(200, anonymous=302),
        "POST": everyone(302),
    },
    "auth.register": {
        "note": "Public; signed-in users are sent to their area.",
        "GET": everyone(302, anonymous=200),
        "POST": everyone(302, anonymous=400),
    },
    "auth.reset_password": {
        "note": "Public, guarded by the mailed token itself (a valid token of student A here).",
        "GET": everyone(200),
        "POST": everyone(400),
    },
    "coach.allocation_action": {
        "note": "Coach-only change to an allocation round (empty form: 400).",
        "POST": coach_only(400),
    },
    "coach.allocation_round": {
        "note": "Coach-only view of an allocation round.",
        "GET": coach_only(200),
    },
    "coach.allocation_rounds": {
        "note": "Coach-only list and creation of allocation rounds.",
        "GET": coach_only(200),
        "POST": coach_only(400),
    },
    "coach.approve_offer": {
        "note": "Coach-only offer review decision.",
        "POST": coach_only(302),
    },
    "coach.cancel_matching_run": {
        "note": "Coach-only cancel of a matching run (the world's run has finished: refused with a flash, 302).",
        "POST": coach_only(302),
    },
    "coach.contract": {
        "note": "Coach-only contract page (Kompetenskontrakt follow-up).",
        "GET": coach_only(200),
    },
    "coach.contract_csv": {
        "note": "Coach-only CSV of one contract.",
        "GET": coach_only(200),
    },
    "coach.contract_edit": {
        "note": "Coach-only contract editing (empty form: 400).",
        "GET": coach_only(200),
        "POST": coach_only(400),
    },
    "coach.contract_new": {
        "note": "Coach-only contract creation (empty form: 400).",
        "GET": coach_only(200),
        "POST": coach_only(400),
    },
    "coach.contracts": {
        "note": "Coach-only list of contracts.",
        "GET": coach_only(200),
    },
    "coach.contracts_csv": {
        "note": "Coach-only CSV of all contracts.",
        "GET": coach_only(200),
    },
    "coach.dismiss_match": {
        "note": "Coach-only curation of a suggested match.",
        "POST": coach_only(302),
    },
    "coach.home": {
        "note": "Coach area start page.",
        "GET": coach_only(200),
    },
    "coach.matching": {
        "note": "Coach-only matching workspace.",
        "GET": coach_only(200),
    },
    "coach.matching_matches": {
        "note": "Coach-only list of matches of the current run.",
        "GET": coach_only(200),
    },
    "coach.matching_run": {
        "note": "Coach-only view of one matching run.",
        "GET": coach_only(200),
    },
    "coach.matching_runs_history": {
        "note": "Coach-only history of matching runs.",
        "GET": coach_only(200),
    },
    "coach.note_match": {
        "note": "Coach-only note on a match.",
        "POST": coach_only(302),
    },
    "coach.placement_completed": {
        "note": "Coach-only follow-up of a placement (empty form: 400).",
        "POST": coach_only(400),
    },
    "coach.placement_region": {
        "note": "Coach-only follow-up of a placement (empty form: 400).",
        "POST": coach_only(400),
    },
    "coach.placements": {
        "note": "Coach-only list of placements.",
        "GET": coach_only(200),
    },
    "coach.placements_csv": {
        "note": "Coach-only CSV of placements.",
        "GET": coach_only(200),
    },
    "coach.recommend_match": {
        "note": "Coach-only recommendation of a match.",
        "POST": coach_only(302),
    },
    "coach.reject_offer": {
        "note": "Coach-only offer review decision (needs a comment: 400 when empty).",
        "POST": coach_only(400),
    },
    "coach.report_csv": {
        "note": "Coach-only CSV of a report table (the funnel here).",
        "GET": coach_only(200),
    },
    "coach.reports": {
        "note": "Coach-only reports.",
        "GET": coach_only(200),
    },
    "coach.request_changes": {
        "note": "Coach-only offer review decision (needs a comment: 400 when empty).",
        "POST": coach_only(400),
    },
    "coach.review_offer": {
        "note": "Coach-only review page of an offer.",
        "GET": coach_only(200),
    },
    "coach.review_queue": {
        "note": "Coach-only queue of offers to review.",
        "GET": coach_only(200),
    },
    "coach.start_matching_run": {
        "note": "Coach-only start of a batch matching run (empty form: 400).",
        "POST": coach_only(400),
    },
    "coach.verify_organization": {
        "note": "Coach-only verification of an organisation.",
        "POST": coach_only(302),
    },
    "employer.add_colleague": {
        "note": "Employer adds a colleague to their own organisation (empty form: 400).",
        "POST": employer(x=400, y=400),
    },
    "employer.allocation_round": {
        "note": "X ranks students for X's offer in a round with it; Y gets 404 (POST names X's offer).",
        "data": {"offer": "@offer_x"},
        "GET": employer(x=200, y=404),
        "POST": employer(x=302, y=404),
    },
    "employer.allocation_rounds": {
        "note": "Each employer lists rounds with their own offers.",
        "GET": employer(x=200, y=200),
    },
    "employer.application_detail": {
        "note": "X sees the application to X's offer; Y gets 404 (not leaked).",
        "GET": employer(x=200, y=404),
    },
    "employer.application_move": {
        "note": "Only X moves an application to X's offer (empty form: 400); Y gets 404.",
        "POST": employer(x=400, y=404),
    },
    "employer.application_notes": {
        "note": "Only X notes on an application to X's offer (no version sent: 409); Y gets 404.",
        "POST": employer(x=409, y=404),
    },
    "employer.contracts": {
        "note": "Each employer sees their own organisation's contracts.",
        "GET": employer(x=200, y=200),
    },
    "employer.home": {
        "note": "Employer dashboard of their own organisation.",
        "GET": employer(x=200, y=200),
    },
    "employer.invite_candidate": {
        "note": "X invites a consenting student to X's offer (empty form: 400); Y gets 404.",
        "POST": employer(x=400, y=404),
    },
    "employer.offer_applications": {
        "note": "X sees the applicants of X's offer; Y gets 404.",
        "GET": employer(x=200, y=404),
    },
    "employer.offer_candidates": {
        "note": "X sees consenting candidates for X's offer; Y gets 404.",
        "GET": employer(x=200, y=404),
    },
    "employer.offer_close": {
        "note": "Only X closes X's offer (no version sent: 409); Y gets 404.",
        "POST": employer(x=409, y=404),
    },
    "employer.offer_detail": {
        "note": "Only X sees X's offer in the employer area; Y gets 404.",
        "GET": employer(x=200, y=404),
    },
    "employer.offer_edit": {
        "note": "Only X edits X's offer (empty form: 400); Y gets 404.",
        "GET": employer(x=200, y=404),
        "POST": employer(x=400, y=404),
    },
    "employer.offer_fill": {
        "note": "Only X marks X's offer filled (no version sent: 409); Y gets 404.",
        "POST": employer(x=409, y=404),
    },
    "employer.offer_new": {
        "note": "Any employer creates an offer for their own organisation (empty form: 400).",
        "GET": employer(x=200, y=200),
        "POST": employer(x=400, y=400),
    },
    "employer.offer_submit": {
        "note": "Only X submits X's offer (no version sent: 409); Y gets 404.",
        "POST": employer(x=409, y=404),
    },
    "employer.offers": {
        "note": "Each employer lists their own organisation's offers.",
        "GET": employer(x=200, y=200),
    },
    "employer.organization": {
        "note": "Each employer edits their own organisation (empty form: 400).",
        "GET": employer(x=200, y=200),
        "POST": employer(x=400, y=400),
    },
    "employer.placement_feedback": {
        "note": "Only X gives feedback on a placement on X's offer (empty form: 400); Y gets 404.",
        "POST": employer(x=400, y=404),
    },
    "employer.placements": {
        "note": "Each employer lists placements on their own offers.",
        "GET": employer(x=200, y=200),
    },
    "main.healthz": {
        "note": "Public liveness check.",
        "GET": everyone(200),
    },
    "main.index": {
        "note": "Public start page.",
        "GET": everyone(200),
    },
    "main.offer_detail": {
        "note": "Public page of a published offer (drafts: see test_object_level.py).",
        "GET": everyone(200),
    },
    "main.offers": {
        "note": "Public Karriärsök search.",
        "GET": everyone(200),
    },
    "main.privacy": {
        "note": "Public privacy notice.",
        "GET": everyone(200),
    },
    "main.set_language": {
        "note": "Anyone switches the language.",
        "POST": everyone(302),
    },
    "static": {
        "note": "Public static files.",
        "GET": everyone(200),
    },
    "student.accept_invitation": {
        "note": "Only A accepts A's invitation; B gets 404.",
        "POST": student(a=302, b=404),
    },
    "student.allocation_round": {
        "note": "Only A, a participant, ranks offers in the round; B gets 404.",
        "GET": student(a=200, b=404),
        "POST": student(a=302, b=404),
    },
    "student.allocation_rounds": {
        "note": "Each student lists the rounds they take part in.",
        "GET": student(a=200, b=200),
    },
    "student.applications_list": {
        "note": "Each student lists their own applications.",
        "GET": student(a=200, b=200),
    },
    "student.apply": {
        "note": "Students apply to a published offer (A already applied: 400; B applies: 302).",
        "GET": student(a=200, b=200),
        "POST": student(a=400, b=302),
    },
    "student.decline_invitation": {
        "note": "Only A declines A's invitation; B gets 404.",
        "POST": student(a=302, b=404),
    },
    "student.delete_account": {
        "note": "Each student deletes their own account, with password (empty form: 400).",
        "GET": student(a=200, b=200),
        "POST": student(a=400, b=400),
    },
    "student.delete_search": {
        "note": "Only A deletes A's saved search; B gets 404.",
        "POST": student(a=302, b=404),
    },
    "student.dismiss": {
        "note": "Each student dismisses an offer for themself.",
        "POST": student(a=302, b=302),
    },
    "student.export": {
        "note": "Each student exports their own data (content checked in test_privacy.py).",
        "GET": student(a=200, b=200),
    },
    "student.home": {
        "note": "Student start page.",
        "GET": student(a=200, b=200),
    },
    "student.my_data": {
        "note": "Each student's own privacy page.",
        "GET": student(a=200, b=200),
    },
    "student.open_search": {
        "note": "Only A opens A's saved search; B gets 404.",
        "POST": student(a=302, b=404),
    },
    "student.placement_feedback": {
        "note": "Only A gives feedback on A's placement (empty form: 400); B gets 404.",
        "POST": student(a=400, b=404),
    },
    "student.placements": {
        "note": "Each student lists their own placements.",
        "GET": student(a=200, b=200),
    },
    "student.preview": {
        "note": "Each student previews their own profile as employers see it.",
        "GET": student(a=200, b=200),
    },
    "student.profile": {
        "note": "Each student edits their own profile (empty form: 400).",
        "GET": student(a=200, b=200),
        "POST": student(a=400, b=400),
    },
    "student.save_search": {
        "note": "Each student saves a search (empty form: 400).",
        "POST": student(a=400, b=400),
    },
    "student.visibility": {
        "note": "Each student sets their own consent.",
        "POST": student(a=302, b=302),
    },
    "student.withdraw": {
        "note": "Only A withdraws A's application; B gets 404.",
        "POST": student(a=302, b=404),
    },

}

from tests.security.authz_hardening import HARDENING_TABLE  # noqa: E402  (it uses the helpers above)

TABLE.update(HARDENING_TABLE)

# The open platform's pages and API operations (tests/security/authz_api.py).
from tests.security.authz_api import PLATFORM_TABLE  # noqa: E402

TABLE.update(PLATFORM_TABLE)

# The notification centre (tests/security/authz_notifications.py).
from tests.security.authz_notifications import NOTIFICATIONS_TABLE  # noqa: E402

TABLE.update(NOTIFICATIONS_TABLE)

# The end of the hiring funnel (issue 13): its rows live in authz_hiring.py.
from tests.security.authz_hiring import HIRING_TABLE  # noqa: E402

TABLE.update(HIRING_TABLE)
# Mail preferences, alerts, conversations and calendar feeds (tests/security/authz_conversations.py).
from tests.security.authz_conversations import CONVERSATIONS_TABLE  # noqa: E402

TABLE.update(CONVERSATIONS_TABLE)
# Meeting places (issue 16): events, fairs and interview slots.
from tests.security.authz_meeting import MEETING_TABLE  # noqa: E402

TABLE.update(MEETING_TABLE)
# The accessibility statement (tests/security/authz_accessibility.py).
from tests.security.authz_accessibility import ACCESSIBILITY_TABLE  # noqa: E402

TABLE.update(ACCESSIBILITY_TABLE)

# The readable administration: accounts and organisations (tests/security/authz_admin_ui.py).
from tests.security.authz_admin_ui import ADMIN_UI_TABLE  # noqa: E402

TABLE.update(ADMIN_UI_TABLE)

# Public employer pages and logos (tests/security/authz_face.py).
from tests.security.authz_face import FACE_TABLE  # noqa: E402

TABLE.update(FACE_TABLE)

# Check-in by QR code and by the typed code (tests/security/authz_checkin.py).
from tests.security.authz_checkin import CHECKIN_TABLE  # noqa: E402

TABLE.update(CHECKIN_TABLE)
# Programme councils (issue 16, item 5): tests/security/authz_councils.py.
from tests.security.authz_councils import COUNCILS_TABLE  # noqa: E402

TABLE.update(COUNCILS_TABLE)
# Alumni (issue 16, item 4): tests/security/authz_alumni.py.
from tests.security.authz_alumni import ALUMNI_TABLE  # noqa: E402

TABLE.update(ALUMNI_TABLE)
# Alumni as event speakers (issue 16, item 4): tests/security/authz_speakers.py.
from tests.security.authz_speakers import SPEAKERS_TABLE  # noqa: E402

TABLE.update(SPEAKERS_TABLE)
