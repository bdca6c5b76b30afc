"""The student's placements and their follow-up (rating, would recommend, feedback)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from matchmaker.core.errors import ValidationError
from matchmaker.core.validation import parse_int
from matchmaker.models import Role, StudentProfile
from matchmaker.services.placements import placements

from ..access import user
from ..context import add_menu_item
from ..extensions import db
from .blueprint import bp

add_menu_item(Role.STUDENT, "student.placements", _l("My placements"))

FIELD_LABELS = {
    "rating": _l("Rating"), "would_recommend": _l("Would you recommend it?"), "feedback": _l("Feedback"),
}


def _reasons(exc: ValidationError) -> list[str]:
    return [f"{FIELD_LABELS.get(k, k)}: {_(v)}" for k, v in exc.errors.items()]


def _profile() -> StudentProfile:
    profile = user().student_profile
    if profile is None:
        abort(404)
    return profile


def _render_placements(errors: dict[int, list[str]] | None = None, status: int = 200) -> tuple[str, int]:
    return render_template("student/placements.html", placements=placements.for_student(db.session, _profile()),
                           errors=errors or {}), status


@bp.route("/placements", endpoint="placements")
def placements_page() -> tuple[str, int]:
    """The student's placements, with a feedback form for each."""
    return _render_placements()


@bp.route("/placements/<int:placement_id>/feedback", methods=["POST"])
def placement_feedback(placement_id: int) -> Response | tuple[str, int]:
    """Rate one's own placement 1-5 and say whether one would recommend it."""
    rating = request.form.get("rating", "")
    recommend = {"yes": True, "no": False}.get(request.form.get("would_recommend", ""))
    try:
        placements.student_feedback(db.session, _profile(), placement_id, parse_int(rating, 0, 100),
                                    recommend, request.form.get("feedback", ""))
    except ValidationError as exc:
        db.session.rollback()
        return _render_placements({placement_id: _reasons(exc)}, 400)
    db.session.commit()
    flash(_("Thank you for your feedback."), "success")
    return redirect(url_for("student.placements"))

