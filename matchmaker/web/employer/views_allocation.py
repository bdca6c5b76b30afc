"""Employers rank the students who chose their offers in allocation rounds."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from matchmaker.core.errors import ValidationError
from matchmaker.core.validation import parse_int
from matchmaker.models import Role
from matchmaker.services.allocation import preferences as allocation_ranking

from ..access import user
from ..context import add_menu_item
from ..extensions import db
from .blueprint import bp

add_menu_item(Role.EMPLOYER, "employer.allocation_rounds", _l("Allocation"))

FIELD_LABELS = {"ranking": _l("Ranking"), "round": _l("Round")}


def _reasons(exc: ValidationError) -> list[str]:
    return [f"{FIELD_LABELS.get(k, k)}: {_(v)}" for k, v in exc.errors.items()]


def _org_id() -> int:
    org_id = user().organization_id
    if org_id is None:
        abort(404)
    return org_id


@bp.route("/allocation")
def allocation_rounds() -> str:
    """Rounds with at least one of the organisation's offers."""
    return render_template("employer/allocation_rounds.html",
                           rounds=allocation_ranking.rounds_for_employer(db.session, _org_id()))


def _render_round(round_id: int, errors: dict[int, list[str]] | None = None, status: int = 200) -> tuple[str, int]:
    found, views = allocation_ranking.employer_round(db.session, _org_id(), round_id)
    return render_template("employer/allocation_round.html", round=found, views=views, errors=errors or {}), status


@bp.route("/allocation/<int:round_id>", methods=["GET", "POST"])
def allocation_round(round_id: int) -> Response | tuple[str, int]:
    """Rank the students who chose each of the organisation's offers in the round."""
    if request.method == "GET":
        return _render_round(round_id)
    offer_id = parse_int(request.form.get("offer"))
    if offer_id is None:
        abort(400)
    # Each student has a rank box; empty boxes leave the student to the engine's score after the ranked ones.
    ranks: dict[int, int] = {}
    for key, value in request.form.items():
        student_id = parse_int(key[5:]) if key.startswith("rank-") else None
        if student_id is not None and value.strip():
            rank = parse_int(value, 1, 10_000)
            if rank is None:
                return _render_round(round_id, {offer_id: [_("Ranks must be whole numbers.")]}, 400)
            ranks[student_id] = rank
    if len(set(ranks.values())) != len(ranks):
        return _render_round(round_id, {offer_id: [_("Two students have the same rank.")]}, 400)
    order = sorted(ranks, key=lambda s: ranks[s])
    try:
        allocation_ranking.set_employer_ranking(db.session, user(), _org_id(), round_id, offer_id, order)
    except ValidationError as exc:
        db.session.rollback()
        return _render_round(round_id, {offer_id: _reasons(exc)}, 400)
    db.session.commit()
    flash(_("Your ranking is saved."), "success")
    return redirect(url_for("employer.allocation_round", round_id=round_id))
