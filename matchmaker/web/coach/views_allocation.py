"""Coach views: allocation rounds for scarce places, allocated by deferred acceptance."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from werkzeug.wrappers import Response

from matchmaker.core.errors import ValidationError
from matchmaker.core.validation import parse_int
from matchmaker.models import AllocationRound, Role, RoundStatus
from matchmaker.services import catalogue
from matchmaker.services.allocation import preferences as allocation_ranking
from matchmaker.services.allocation import rounds as allocation

from ..access import user
from ..context import add_menu_item
from ..extensions import db, offer_index
from ..forms import apply_service_errors
from ..i18n import current_locale
from .blueprint import bp
from .forms_allocation import RoundForm

add_menu_item(Role.COACH, "coach.allocation_rounds", _l("Allocation"))

ROUND_STATUS_LABELS = {
    RoundStatus.DRAFT: _l("Draft"),
    RoundStatus.OPEN: _l("Open for ranking"),
    RoundStatus.ALLOCATED: _l("Allocated, not published"),
    RoundStatus.PUBLISHED: _l("Result published"),
}

# Names of the fields a refused change may concern, as the coach sees them.
FIELD_LABELS = {
    "name": _l("Name"), "max_choices": _l("Choices per student"), "offer": _l("Offer"), "places": _l("Places"),
    "program": _l("Study program"), "round": _l("Round"), "student": _l("Student"),
    "ranking_deadline": _l("Ranking deadline"),
}


def _int(name: str) -> int | None:
    return parse_int(request.form.get(name))


def _date(name: str) -> date | None:
    raw = (request.form.get(name) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationError({name: "is not a date (YYYY-MM-DD)"}) from None


@bp.route("/allocation", methods=["GET", "POST"])
def allocation_rounds() -> str | Response | tuple[str, int]:
    """All rounds, and a form to start one."""
    form = RoundForm()
    if form.validate_on_submit():
        try:
            found = allocation.create_round(db.session, user(), form.name.data or "", form.max_choices.data,
                                            form.ranking_deadline.data)
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc)
        else:
            db.session.commit()
            return redirect(url_for("coach.allocation_round", round_id=found.id))
    status = 200 if request.method == "GET" else 400
    return render_template("coach/allocation_rounds.html", rounds=allocation.list_rounds(db.session), form=form,
                           labels=ROUND_STATUS_LABELS), status


def _page(found: AllocationRound, errors: list[str] | None = None, status: int = 200) -> tuple[str, int]:
    locale = current_locale()
    offers = allocation_ranking.round_offers(db.session, found)
    profiles = allocation.participant_profiles(db.session, found)
    participants = sorted(found.participants, key=lambda p: (profiles[p.student_id].name, p.student_id))
    return render_template(
        "coach/allocation_round.html", round=found, offers=offers,
        summary=allocation.summary(db.session, offer_index(), found),
        candidates=allocation.offers_to_add(db.session, found), participants=participants, profiles=profiles,
        programs=catalogue.programs(db.session), locale=locale, labels=ROUND_STATUS_LABELS,
        offer_titles={o.id: o.title for o, _p in offers}, errors=errors or [],
    ), status


@bp.route("/allocation/<int:round_id>")
def allocation_round(round_id: int) -> tuple[str, int]:
    """A round: its offers, students, rankings and result."""
    return _page(allocation.get_round(db.session, round_id))


def _act(found: AllocationRound, action: str) -> Response | tuple[str, int]:
    """Run one change on the round; a refused change re-renders the page with the reason (400)."""
    me = user()
    try:
        if action == "add_offer":
            allocation.add_offer(db.session, me, found, _int("offer"), _int("places"))
        elif action == "remove_offer":
            allocation.remove_offer(db.session, me, found, _int("offer") or 0)
        elif action == "add_program":
            n = allocation.add_students_by_program(db.session, me, found, _int("program"))
            flash(ngettext("%(num)s student added.", "%(num)s students added.", n), "success")
        elif action == "add_applicants":
            n = allocation.add_applicants(db.session, me, found)
            flash(ngettext("%(num)s student added.", "%(num)s students added.", n), "success")
        elif action == "remove_student":
            allocation.remove_student(db.session, me, found, _int("student") or 0)
        elif action == "open":
            allocation.open_round(db.session, me, found, _date("ranking_deadline"), today=date.today())
            flash(_("The round is open; its students and employers are told."), "success")
        elif action == "run":
            allocation.run(db.session, offer_index(), me, found)
            flash(_("The allocation has run. Check the result before publishing."), "success")
        elif action == "move":
            allocation.move(db.session, me, found, _int("student") or 0, _int("offer"))
        elif action == "publish":
            if request.form.get("confirm") != "yes":
                # Publishing cannot be undone: only the confirmation page's button publishes.
                return redirect(url_for("coach.allocation_publish_confirm", round_id=found.id), 303)
            n = allocation.publish(db.session, me, found, date.today())
            flash(ngettext("Published: %(num)s placement made; students and employers are told.",
                           "Published: %(num)s placements made; students and employers are told.", n), "success")
        else:
            abort(404)
    except ValidationError as exc:
        db.session.rollback()
        messages = [f"{FIELD_LABELS.get(k, k)}: {_(v)}" for k, v in exc.errors.items()]
        return _page(allocation.get_round(db.session, found.id), messages, 400)
    db.session.commit()
    return redirect(url_for("coach.allocation_round", round_id=found.id))


@bp.route("/allocation/<int:round_id>/<action>", methods=["POST"])
def allocation_action(round_id: int, action: str) -> Response | tuple[str, int]:
    """One change to a round: add_offer, remove_offer, add_program, add_applicants, remove_student, open,
    run, move or publish."""
    return _act(allocation.get_round(db.session, round_id), action)


@bp.route("/allocation/<int:round_id>/publish/confirm")
def allocation_publish_confirm(round_id: int) -> Response | tuple[str, int]:
    """Ask before publishing: who has made no ranking yet, and that it cannot be undone."""
    found = allocation.get_round(db.session, round_id)
    back = url_for("coach.allocation_round", round_id=found.id)
    if found.status != RoundStatus.ALLOCATED:
        flash(_("Only an allocated round can be published."), "error")
        return redirect(back, 303)
    students, offers = allocation.unranked(db.session, found)
    lines = []
    if students:
        lines.append(_("%(n)s of the round's students have made no ranking.", n=students))
    if offers:
        lines.append(_("%(n)s of the round's offers have no ranking by their employer.", n=offers))
    lines.append(_("Publishing makes the placements and tells every student and employer of the round by mail and "
                   "in the app. It cannot be undone."))
    return render_template(
        "confirm.html", heading=_("Publish the result of “%(name)s”?", name=found.name), lines=lines,
        action=url_for("coach.allocation_action", round_id=found.id, action="publish"), cancel=back,
        button=_("Publish the result"), hidden={"confirm": "yes"}, errors=[],
    ), 200
