"""Coach views: placements and their follow-up."""

from __future__ import annotations

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.core.csv_export import to_csv
from matchmaker.core.validation import parse_int
from matchmaker.models import Role
from matchmaker.services import catalogue
from matchmaker.services.accounts import organizations
from matchmaker.services.placements import placements

from ..access import user
from ..context import add_menu_item
from ..extensions import db
from ..i18n import current_locale
from ..labels import OFFER_KINDS
from .blueprint import bp

add_menu_item(Role.COACH, "coach.placements", _l("Placements"))

_YES_NO = {"yes": True, "no": False}


def _filter() -> placements.PlacementFilter:
    def number(name: str) -> int | None:
        return parse_int(request.args.get(name))

    return placements.PlacementFilter(
        term=request.args.get("term", "")[:6], kind=request.args.get("kind", ""), program_id=number("program"),
        organization_id=number("organization"), completed=request.args.get("completed", ""),
    )


@bp.route("/placements", endpoint="placements")
def placements_page() -> str:
    """Placements, filtered by term, kind, program, organisation and completion."""
    f = _filter()
    return render_template(
        "coach/placements.html", placements=placements.list_placements(db.session, f), f=f,
        terms=placements.terms(db.session), kinds=OFFER_KINDS, programs=catalogue.programs(db.session),
        organizations=organizations.all_organizations(db.session),
        locale=current_locale(), program_names={p.id: p.name(current_locale())
                                                         for p in catalogue.programs(db.session)},
    )


@bp.route("/placements.csv")
def placements_csv() -> Response:
    """The filtered placements as CSV (no names: program, term and outcomes only)."""
    rows = [
        [p.id, p.offer.organization.name, p.offer.title, p.offer.kind.value, p.program_id or "", p.term,
         p.period_start, p.period_end, p.completed, p.student_rating, p.student_would_recommend, p.employer_rating,
         p.hired_afterwards, p.stayed_in_region]
        for p in placements.list_placements(db.session, _filter())
    ]
    header = ["placement_id", "organization", "offer", "kind", "program_id", "term", "period_start", "period_end",
              "completed", "student_rating", "student_would_recommend", "employer_rating", "hired_afterwards",
              "stayed_in_region"]
    return Response(to_csv(header, rows), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="placements.csv"'})


def _back() -> BaseResponse:
    return redirect(url_for("coach.placements", **{k: v for k, v in request.args.items() if v}))


@bp.route("/placements/<int:placement_id>/completed", methods=["POST"])
def placement_completed(placement_id: int) -> BaseResponse:
    """Mark a placement completed or not."""
    value = _YES_NO.get(request.form.get("completed", ""))
    if value is None:
        abort(400)
    placements.set_completed(db.session, user(), placements.get(db.session, placement_id), value)
    db.session.commit()
    return _back()


@bp.route("/placements/<int:placement_id>/region", methods=["POST"])
def placement_region(placement_id: int) -> BaseResponse:
    """Record whether the student stayed in the region (yes, no or unknown)."""
    raw = request.form.get("stayed", "")
    if raw not in ("yes", "no", "unknown"):
        abort(400)
    placements.set_stayed_in_region(db.session, user(), placements.get(db.session, placement_id), _YES_NO.get(raw))
    db.session.commit()
    return _back()
