"""Students placed on the organisation's offers and the employer's follow-up of each."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from matchmaker.core.errors import ValidationError
from matchmaker.core.validation import parse_int
from matchmaker.models import Role
from matchmaker.services.placements import placements

from ..access import user
from ..context import add_menu_item
from ..extensions import db
from .blueprint import bp

add_menu_item(Role.EMPLOYER, "employer.placements", _l("Placements"))

FIELD_LABELS = {
    "rating": _l("Value to the organisation"), "hired": _l("Hired or offered a job afterwards"),
    "feedback": _l("Feedback"),
}


def _reasons(exc: ValidationError) -> list[str]:
    return [f"{FIELD_LABELS.get(k, k)}: {_(v)}" for k, v in exc.errors.items()]


def _org_id() -> int:
    org_id = user().organization_id
    if org_id is None:
        abort(404)
    return org_id


def _render_placements(errors: dict[int, list[str]] | None = None, status: int = 200) -> tuple[str, int]:
    return render_template("employer/placements.html", placements=placements.for_organization(db.session, _org_id()),
                           errors=errors or {}), status


@bp.route("/placements", endpoint="placements")
def placements_page() -> tuple[str, int]:
    """Students placed on the organisation's offers, with a follow-up form for each."""
    return _render_placements()


@bp.route("/placements/<int:placement_id>/feedback", methods=["POST"])
def placement_feedback(placement_id: int) -> Response | tuple[str, int]:
    """The value of the placement to the organisation (1-5) and whether the student was hired afterwards."""
    rating = request.form.get("rating", "")
    hired = {"yes": True, "no": False}.get(request.form.get("hired", ""))
    try:
        placements.employer_feedback(db.session, user(), _org_id(), placement_id,
                                     parse_int(rating, 0, 100), hired, request.form.get("feedback", ""))
    except ValidationError as exc:
        db.session.rollback()
        return _render_placements({placement_id: _reasons(exc)}, 400)
    db.session.commit()
    flash(_("Thank you for your feedback."), "success")
    return redirect(url_for("employer.placements"))
