"""Views of the student area: the start page, "not interested", saved searches and invitations."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matchmaker.core.errors import ValidationError
from matchmaker.services.applications import acceptance, invitations
from matchmaker.services.karriarsok import recommendations as student_home
from matchmaker.services.karriarsok import saved_searches, search

from ..access import safe_next, user
from ..extensions import db, offer_index
from ..forms import apply_service_errors
from ..i18n import current_locale
from ..karriarsok import SaveSearchForm, render_search
from .blueprint import bp


@bp.route("/")
def home() -> str:
    """Recommendations with reasons, coach recommendations, invitations and saved searches."""
    me = user()
    today = date.today()
    return render_template(
        "student/home.html",
        recommended=student_home.recommended(db.session, offer_index(), me, today, language=current_locale()),
        coach_matches=student_home.coach_recommended(db.session, me),
        invitations=invitations.list_own(db.session, me),
        offered=acceptance.offered_to(db.session, me),
        saved=saved_searches.list_with_counts(db.session, offer_index(), me, today),
        profile=me.student_profile,
        new_cap=search.NEW_CAP,
    )


@bp.route("/offers/<int:offer_id>/dismiss", methods=["POST"])
def dismiss(offer_id: int) -> Response:
    """Not interested: never recommend this offer again."""
    student_home.dismiss(db.session, user(), offer_id)
    db.session.commit()
    flash(_("The offer will not be recommended to you again."), "success")
    return redirect(safe_next(request.form.get("next")) or url_for("student.home"))


@bp.route("/searches", methods=["POST"])
def save_search() -> Any:
    """Save the current Karriärsök query and filters."""
    params = search.SearchParams.from_args(request.form)
    params.page = 1
    form = SaveSearchForm()
    if form.validate_on_submit():
        try:
            saved_searches.save(db.session, user(), form.name.data or "", params)
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc)
        else:
            db.session.commit()
            flash(_("Your search is saved. New offers will be counted on your page."), "success")
            return redirect(url_for("main.offers", **params.to_args()))
    return render_search(params, save_form=form, status=400)


@bp.route("/searches/<int:search_id>/open", methods=["POST"])
def open_search(search_id: int) -> Response:
    """Open a saved search in Karriärsök; its new-offer count starts over."""
    params = saved_searches.open_search(db.session, user(), search_id)
    db.session.commit()
    return redirect(url_for("main.offers", **params.to_args()))


@bp.route("/searches/<int:search_id>/delete", methods=["POST"])
def delete_search(search_id: int) -> Response:
    """Delete a saved search."""
    saved_searches.delete(db.session, user(), search_id)
    db.session.commit()
    flash(_("The saved search is deleted."), "success")
    return redirect(url_for("student.home"))


def _answer(invitation_id: int, accept: bool) -> Any:
    try:
        answer = invitations.accept if accept else invitations.decline
        invitation = answer(db.session, user(), invitation_id)
    except ValidationError:
        db.session.rollback()
        flash(_("This invitation is already answered."), "error")
        return redirect(url_for("student.home"))
    db.session.commit()
    if accept:
        flash(_("Thank you! Tell the employer why you are interested."), "success")
        return redirect(url_for("student.apply", offer_id=invitation.offer_id))
    flash(_("The invitation is declined."), "success")
    return redirect(url_for("student.home"))


@bp.route("/invitations/<int:invitation_id>/accept", methods=["POST"])
def accept_invitation(invitation_id: int) -> Any:
    """Accept an invitation and go on to apply to the offer."""
    return _answer(invitation_id, accept=True)


@bp.route("/invitations/<int:invitation_id>/decline", methods=["POST"])
def decline_invitation(invitation_id: int) -> Any:
    """Decline an invitation."""
    return _answer(invitation_id, accept=False)

