"""What an employer of an unverified organisation gets on every employer route (its own objects in the URL).

Until a coach verifies the organisation its members may write, edit and submit offers and run their own
organisation's pages, but see no students (candidates 403), invite nobody (403) and add no colleagues (403).
"""

from __future__ import annotations

from typing import Any

UNVERIFIED_TABLE: dict[str, dict[str, Any]] = {
    "employer.upload_logo": {
        "note": "As for a verified organisation: its own organisation's logo (an empty form: back to the page, 302).",
        "POST": 302,
    },
    "employer.remove_logo": {
        "note": "As for a verified organisation: its own organisation's logo.",
        "POST": 302,
    },
    "employer.offer_delete": {
        "note": "As for a verified organisation: the world's offer is published, not a draft, so the confirm page and "
                "the POST both send back to the offer (303).",
        "GET": 303, "POST": 303,
    },
    "employer.withdraw_place_offer": {
        "note": "As for a verified organisation: the world's application is not an offered place, so back to it (303).",
        "GET": 303, "POST": 303,
    },
    "employer.add_colleague": {
        "note": "No colleagues until verified: 403 with the explanation (verified: 400 for the empty form).",
        "POST": 403,
    },
    "employer.allocation_round": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "GET": 200, "POST": 302,
    },
    "employer.allocation_rounds": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "GET": 200,
    },
    "employer.application_detail": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "GET": 200,
    },
    "employer.application_move": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "POST": 400,
    },
    "employer.application_notes": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "POST": 409,
    },
    "employer.contracts": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "GET": 200,
    },
    "employer.home": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "GET": 200,
    },
    "employer.invite_candidate": {
        "note": "No invitations until verified: 403 (verified: 400, the world's student was invited).",
        "POST": 403,
    },
    "employer.offer_applications": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "GET": 200,
    },
    "employer.offer_candidates": {
        "note": "No students until verified: 403 with the explanation (verified: 200).",
        "GET": 403,
    },
    "employer.offer_close": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "POST": 409,
    },
    "employer.offer_detail": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "GET": 200,
    },
    "employer.offer_edit": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "GET": 200, "POST": 400,
    },
    "employer.offer_fill": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "POST": 409,
    },
    "employer.offer_new": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "GET": 200, "POST": 400,
    },
    "employer.offer_submit": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "POST": 409,
    },
    "employer.offers": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "GET": 200,
    },
    "employer.organization": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "GET": 200, "POST": 400,
    },
    "employer.placement_feedback": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "POST": 400,
    },
    "employer.placements": {
        "note": "As for a verified organisation: its own offers and pages stay usable.",
        "GET": 200,
    },
}

# Meeting places (issue 16): an unverified organisation sees the fairs but takes no part (students would share
# their name and e-mail with it by booking a slot).
UNVERIFIED_TABLE.update({
    "employer.fairs": {"note": "The coming fairs are listed.", "GET": 200},
    "employer.fair": {"note": "The fair is shown; registering is refused until verified.", "GET": 200, "POST": 403},
    "employer.fair_withdraw": {"note": "Refused until verified.", "POST": 403},
    "employer.fair_slots": {"note": "No slots until verified.", "POST": 403},
    "employer.fair_slot_remove": {"note": "Removing a free slot of its own stays possible.", "POST": 302},
})
UNVERIFIED_TABLE.update({
    "employer.mentoring": {"note": "Open programmes are listed.", "GET": 200},
    "employer.mentoring_register": {"note": "Shown; registering as a mentor is refused until verified.",
                                    "GET": 200, "POST": 403},
    "employer.mentoring_check_in": {"note": "An existing pair is still followed up.", "POST": 302},
    # Alumni contacts (issue 16, item 4): the page is shown and says none are listed until the organisation is
    # verified (tests/web/alumni/test_pages.py::test_an_unverified_organisation_sees_no_contacts).
    "employer.alumni_contacts": {"note": "Shown, with no contacts until verified.", "GET": 200},
})

# The end of the hiring funnel (issue 13): its rows live in authz_hiring.py.
from tests.security.authz_hiring import UNVERIFIED_HIRING  # noqa: E402

UNVERIFIED_TABLE.update(UNVERIFIED_HIRING)

# Programme councils (issue 16, item 5): tests/security/authz_councils.py.
from tests.security.authz_councils import UNVERIFIED_COUNCILS  # noqa: E402

UNVERIFIED_TABLE.update(UNVERIFIED_COUNCILS)
