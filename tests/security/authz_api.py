"""Authorization matrix of the open platform: its pages, and every API operation x role x scope.

The "GET"/"POST" rows are checked by test_authz_matrix.py with session cookies: for /api/v1 they must all be 401
(a session never authenticates the API). The "api" rows are checked by test_authz_api.py with bearer tokens:
each role's token holding every scope its role may have must get `expect`; the same role's token without the
operation's `scope` gets 403; no token gets 401. Bodies are valid, so the answer shows authorization, not input.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.security.world import ROLES

# The same as authz_table.L and authz_table.everyone(); authz_table imports this module, so not from there.
L = "redirect-login"


def everyone(status: int | str, anonymous: int | str | None = None) -> dict[str, int | str]:
    """The same for every role; `anonymous` when it differs for anonymous visitors."""
    row: dict[str, int | str] = dict.fromkeys(ROLES, status)
    if anonymous is not None:
        row["anonymous"] = anonymous
    return row


SIGNED_IN = ROLES[1:]
DEADLINE = (date.today() + timedelta(days=60)).isoformat()
OFFER = {"kind": "degree_project", "title": "API offer", "description": "Made through the API.",
         "application_deadline": DEADLINE}


def tokens(**by_role: int) -> dict[str, int]:
    """Expected answers per signed-in role (a token with every scope its role may have); default 403."""
    return {role: by_role.get(role, 403) for role in SIGNED_IN}


def api(scope: str | None, expect: dict[str, int], **extra: Any) -> dict[str, Any]:
    return {"scope": scope, "expect": expect, **extra}


def session_401(*methods: str) -> dict[str, Any]:
    return {m: everyone(401) for m in methods}


EMPLOYER_X = {"employer_x": 200, "employer_y": 404}
PLATFORM_TABLE: dict[str, dict[str, Any]] = {
    "auth.api_tokens": {
        "note": "Every signed-in user manages their own API tokens (empty form: 400).",
        "GET": everyone(200, anonymous=L), "POST": everyone(400, anonymous=L),
    },
    "auth.revoke_api_token": {
        "note": "Only the token's owner (student A) revokes it; everyone else gets 404.",
        "POST": {"anonymous": L, "student_a": 303, "student_b": 404, "employer_x": 404, "employer_y": 404,
                 "coach": 404, "admin": 404},
    },
    "publishing.sitemap": {"note": "Public sitemap.", "GET": everyone(200)},
    "publishing.feed_rss": {"note": "Public RSS of new offers.", "GET": everyone(200)},
    "publishing.feed_atom": {"note": "Public Atom of new offers.", "GET": everyone(200)},
    "publishing.embed_organization": {"note": "Public list of a verified organisation's open offers.",
                                      "GET": everyone(200)},
    "publishing.embed_municipality": {"note": "Public list of a municipality's open offers.", "GET": everyone(200)},
    "publishing.import_offers": {
        "note": "Employers and coaches import offers (no file: 400).",
        "GET": {"anonymous": L, "student_a": 403, "student_b": 403, "employer_x": 200, "employer_y": 200,
                "coach": 200, "admin": 403},
        "POST": {"anonymous": L, "student_a": 403, "student_b": 403, "employer_x": 400, "employer_y": 400,
                 "coach": 400, "admin": 403},
    },
    "publishing.export_jobtech": {
        "note": "Employers export their own open offers, coaches all open offers.",
        "GET": {"anonymous": L, "student_a": 403, "student_b": 403, "employer_x": 200, "employer_y": 200,
                "coach": 200, "admin": 403},
    },
    "sso.metadata": {"note": "SSO is off in the matrix app: 404 (tests/web/sso covers it on).", "GET": everyone(404)},
    "sso.login": {"note": "SSO off: 404.", "GET": everyone(404)},
    "sso.acs": {"note": "SSO off: 404 (CSRF-exempt: the IdP posts it).", "POST": everyone(404)},
    "sso.sls": {"note": "SSO off: 404.", "GET": everyone(404)},
    "sso.logout": {"note": "Logs out locally when SSO is off.", "POST": everyone(302)},
    "api.openapi": {"note": "The OpenAPI description is public.", "GET": everyone(200)},
    "api.docs": {"note": "The API docs page is public.", "GET": everyone(200)},
    "api.docs_asset": {"note": "Swagger UI's files are public.", "GET": everyone(200),
                       "params": {"filename": "swagger_asset"}},
    "api.whoami": {"note": "Any valid token.", **session_401("GET"),
                   "api": {"GET": api(None, tokens(**dict.fromkeys(SIGNED_IN, 200)))}},
    "api.search_offers": {"note": "Karriärsök for every role.", **session_401("GET"),
                          "api": {"GET": api("offers:read", tokens(**dict.fromkeys(SIGNED_IN, 200)))}},
    "api.get_offer": {"note": "A published offer for everyone.", **session_401("GET"),
                      "api": {"GET": api("offers:read", tokens(**dict.fromkeys(SIGNED_IN, 200)))}},
    "api.own_offers": {"note": "Employers list their organisation's offers.", **session_401("GET"),
                       "api": {"GET": api("offers:read", tokens(employer_x=200, employer_y=200))}},
    "api.create_offer": {"note": "Employers create offers (coaches have offers:write for imports only: 403).",
                         **session_401("POST"),
                         "api": {"POST": api("offers:write", tokens(employer_x=201, employer_y=201), json=OFFER)}},
    "api.update_offer": {"note": "X edits X's offer; Y gets 404.",
                         "api": {"PUT": api("offers:write", tokens(**EMPLOYER_X), json=OFFER,
                                            headers={"If-Match": '"1"'})}},
    "api.submit_offer": {"note": "X submits X's draft; Y gets 404.", **session_401("POST"), "params": {
                         "offer_id": "offer_x_draft"},
                         "api": {"POST": api("offers:write", tokens(**EMPLOYER_X), headers={"If-Match": '"1"'})}},
    "api.offer_applications": {"note": "X reads applications to X's offer.", **session_401("GET"),
                               "api": {"GET": api("applications:read", tokens(**EMPLOYER_X))}},
    "api.get_application": {"note": "X (the offer's employer) and A (the applicant) read it; others 404.",
                            **session_401("GET"),
                            "api": {"GET": api("applications:read", tokens(
                                employer_x=200, employer_y=404, student_a=200, student_b=404))}},
    "api.move_application": {"note": "X moves the application to X's offer.", **session_401("POST"),
                             "api": {"POST": api("applications:write", tokens(**EMPLOYER_X),
                                                 json={"status": "in_review"}, headers={"If-Match": '"1"'})}},
    "api.own_applications": {"note": "Students list their own applications.", **session_401("GET"),
                             "api": {"GET": api("applications:read", tokens(student_a=200, student_b=200))}},
    "api.own_matches": {"note": "Students read their own matches.", **session_401("GET"),
                        "api": {"GET": api("matches:read", tokens(student_a=200, student_b=200))}},
    "api.offer_matches": {"note": "X (verified) reads consenting students for X's offer.", **session_401("GET"),
                          "api": {"GET": api("matches:read", tokens(**EMPLOYER_X))}},
    "api.list_contracts": {"note": "Coaches all, employers their own.", **session_401("GET"),
                           "api": {"GET": api("contracts:read", tokens(employer_x=200, employer_y=200, coach=200))}},
    "api.get_contract": {"note": "Coaches and X read X's contract; Y gets 404.", **session_401("GET"),
                         "api": {"GET": api("contracts:read", tokens(**EMPLOYER_X, coach=200))}},
    "api.list_placements": {"note": "Coaches only.", **session_401("GET"),
                            "api": {"GET": api("placements:read", tokens(coach=200))}},
    "api.get_placement": {"note": "Coaches only.", **session_401("GET"),
                          "api": {"GET": api("placements:read", tokens(coach=200))}},
    "api.follow_up": {"note": "Coaches record follow-up.",
                      "api": {"PATCH": api("placements:write", tokens(coach=200), json={"completed": True})}},
    "api.get_report": {"note": "Coaches only.", **session_401("GET"), "params": {"name": "report_name"},
                       "api": {"GET": api("reports:read", tokens(coach=200))}},
    "api.list_organizations": {"note": "Every role lists organisations.", **session_401("GET"),
                               "api": {"GET": api("organizations:read", tokens(**dict.fromkeys(SIGNED_IN, 200)))}},
    "api.get_organization": {"note": "X is verified: every role reads it.", **session_401("GET"),
                             "api": {"GET": api("organizations:read", tokens(**dict.fromkeys(SIGNED_IN, 200)))}},
    "api.organization_offers": {"note": "X's open offers for every role.", **session_401("GET"),
                                "api": {"GET": api("offers:read", tokens(**dict.fromkeys(SIGNED_IN, 200)))}},
}


