"""Authorization rows for the hiring funnel's end (issue 13), merged into authz_table.TABLE."""

from __future__ import annotations

from typing import Any

from tests.security.authz_table import admin_only, coach_only, employer, student

HIRING_TABLE: dict[str, dict[str, Any]] = {
    "student.accept_place": {
        "note": "Only A answers A's application; the world's is not offered, so A is sent back to the list (GET "
                "302, POST 303 with the reason); B gets 404.",
        "GET": student(a=302, b=404),
        "POST": student(a=303, b=404),
    },
    "student.decline_place": {
        "note": "As accept_place: only A, and only an offered place.",
        "GET": student(a=302, b=404),
        "POST": student(a=303, b=404),
    },
    "employer.withdraw_place_offer": {
        "note": "Only X withdraws an offer of a place on X's application; not offered here, so 303 with the reason; "
                "Y gets 404.",
        "GET": employer(x=303, y=404),
        "POST": employer(x=303, y=404),
    },
    # Routes that now ask first (a GET confirmation page before the POST): the whole rows, replacing the old ones.
    "student.withdraw": {
        "note": "Only A withdraws A's application (GET asks first); B gets 404.",
        "GET": student(a=200, b=404),
        "POST": student(a=302, b=404),
    },
    "admin.deactivate_user": {
        "note": "Admin-only: deactivate an account (student B's here); GET asks first.",
        "GET": admin_only(200),
        "POST": admin_only(302),
    },
    "employer.offer_delete": {
        "note": "Only X deletes X's drafts; the world's offer is published, so X is sent back with the reason (303); "
                "Y gets 404.",
        "GET": employer(x=303, y=404),
        "POST": employer(x=303, y=404),
    },
    "coach.allocation_publish_confirm": {
        "note": "Coach-only confirmation before publishing; the world's round is open, not allocated: 303 back.",
        "GET": coach_only(303),
    },
}


# What an unverified organisation's employer gets on the hiring funnel's employer routes (see authz_unverified).
UNVERIFIED_HIRING: dict[str, dict[str, Any]] = {
    "employer.offer_delete": {
        "note": "As for a verified organisation: its own drafts; the world's offer is published, so 303 back.",
        "GET": 303, "POST": 303,
    },
    "employer.withdraw_place_offer": {
        "note": "As for a verified organisation: its own application, not offered here, so 303 back.",
        "GET": 303, "POST": 303,
    },
}
