"""Authorization rows for the readable administration (issue 14): editing accounts and managing organisations."""

from __future__ import annotations

from typing import Any

from tests.security.authz_table import admin_only

ADMIN_UI_TABLE: dict[str, dict[str, Any]] = {
    "admin.edit_user": {
        "note": "Admin-only: edit an account (student B's); an empty POST is a form error.",
        "GET": admin_only(200),
        "POST": admin_only(400),
    },
    "admin.send_reset": {
        "note": "Admin-only: mail student B a reset link.",
        "POST": admin_only(302),
    },
    "admin.organizations": {
        "note": "Admin-only list of organisations.",
        "GET": admin_only(200),
    },
    "admin.organization": {
        "note": "Admin-only page of one organisation.",
        "GET": admin_only(200),
    },
    "admin.verify_organization": {
        "note": "Admin-only: verify (X is verified already: a notice and a redirect).",
        "POST": admin_only(302),
    },
    "admin.deactivate_organization": {
        "note": "Admin-only; without the confirmation tick nothing happens (400).",
        "POST": admin_only(400),
    },
    "admin.reactivate_organization": {
        "note": "Admin-only reactivation.",
        "POST": admin_only(302),
    },
    "admin.merge_organization": {
        "note": "Admin-only; without a duplicate and the tick nothing happens (400).",
        "POST": admin_only(400),
    },
}
