"""Students rank the offers of the allocation rounds they take part in."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from matchmaker.core.errors import ValidationError
from matchmaker.core.validation import parse_int
from matchmaker.models import Role, RoundStatus, StudentProfile
from matchmaker.services.allocation import preferences as allocation_ranking

from ..access import user
from ..context import add_menu_item
from ..extensions import db
from .blueprint import bp

add_menu_item(Role.STUDENT, "student.allocation_rounds", _l("Allocation"))

FIELD_LABELS = {"choices": _l("Your choices"), "round": _l("Round")}


def _reasons(exc: ValidationError) -> list[str]:
    return [f"{FIELD_LABELS.get(k, k)}: {_(v)}" for k, v in exc.errors.items()]


def _profile() -> StudentProfile:
    profile = user().student_profile
    if profile is None:
        abort(404)
    return profile


@bp.route("/allocation")
def allocation_rounds() -> str:
    """The rounds the student takes part in."""
    return render_template("student/allocation_rounds.html",
                           rounds=allocation_ranking.rounds_for_student(db.session, _profile()))


def _render_round(round_id: int, errors: list[str] | None = None, chosen: list[int] | None = None,
                  status: int = 200) -> tuple[str, int]:
    profile = _profile()
    found, participant = allocation_ranking.student_round(db.session, profile, round_id)
    offers = allocation_ranking.round_offers(db.session, found)
    if chosen is None:
        chosen = allocation_ranking.student_ranking(db.session, found.id).get(profile.id, [])
    result = None
    if found.status == RoundStatus.PUBLISHED and participant.allocated_offer_id:
        result = next((o for o, _p in offers if o.id == participant.allocated_offer_id), None)
    return render_template(
        "student/allocation_round.html", round=found, offers=offers, chosen=chosen, errors=errors or [],
        result=result, published=found.status == RoundStatus.PUBLISHED,
    ), status


@bp.route("/allocation/<int:round_id>", methods=["GET", "POST"])
def allocation_round(round_id: int) -> Response | tuple[str, int]:
    """Rank up to N of the round's offers; after publication, see the result."""
    if request.method == "GET":
        return _render_round(round_id)
    raw = [request.form.get(f"choice-{i}", "").strip() for i in range(1, 21)]
    if any(v and parse_int(v) is None for v in raw):
        abort(400)
    chosen = [int(v) for v in raw if v]  # each one checked by parse_int just above
    try:
        allocation_ranking.set_student_ranking(db.session, _profile(), round_id, chosen)
    except ValidationError as exc:
        db.session.rollback()
        return _render_round(round_id, _reasons(exc), chosen, 400)
    db.session.commit()
    flash(_("Your choices are saved."), "success")
    return redirect(url_for("student.allocation_round", round_id=round_id))
