"""The alumnus's own data: what we hold, export as JSON, delete the account (open before the consent answer)."""

from __future__ import annotations

from flask import Response, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.models import Role
from matchmaker.services.alumni import privacy

from ..access import user
from ..context import add_menu_item
from ..extensions import db, limiter
from ..own_data import delete_own_account, json_download
from .blueprint import bp

add_menu_item(Role.ALUMNUS, "alumnus.my_data", _l("My data"))


@bp.route("/privacy")
def my_data() -> str:
    """What we hold about the alumnus, with export and deletion."""
    return render_template("alumni/privacy.html")


@bp.route("/export")
def export() -> Response:
    """All data held about the user, as a JSON download."""
    return json_download(privacy.export_alumnus(db.session, user()))


@bp.route("/account/delete", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def delete_account() -> str | Response | tuple[str, int]:
    """Delete the account after confirming the password; only anonymous placement statistics remain."""
    return delete_own_account(privacy.delete_alumnus_account, "alumnus.export", _(
        "Deleting removes your account, your student-time data, your alumni profile and your mentor registrations "
        "at once. Only anonymous placement statistics remain."))
