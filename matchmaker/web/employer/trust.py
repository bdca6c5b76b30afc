"""Until a coach verifies the organisation: a clear page instead of students, and a note on the employer pages."""

from __future__ import annotations

from typing import Any

from flask import render_template
from flask_login import current_user

from matchmaker.services.accounts.organizations import Unverified

from .blueprint import bp


@bp.errorhandler(Unverified)
def _unverified(_exc: Unverified) -> tuple[str, int]:
    return render_template("employer/unverified.html"), 403


@bp.app_context_processor
def _verification() -> dict[str, Any]:
    def organization_unverified() -> bool:
        """True for an employer whose organisation no coach has verified yet (templates hide what they can't use)."""
        org = getattr(current_user, "organization", None) if current_user.is_authenticated else None
        return org is not None and not org.verified

    return {"organization_unverified": organization_unverified}
