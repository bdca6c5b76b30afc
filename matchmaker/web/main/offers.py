"""Karriärsök: public search of open offers and the offer pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, render_template, request
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matchmaker.models import Invitation, InvitationStatus, Offer, OfferStatus, Role, StudentProfile
from matchmaker.services import catalogue
from matchmaker.services.applications.student import existing_application
from matchmaker.services.karriarsok import search
from matchmaker.services.ranking.rank import explain_pair

from ..extensions import db, offer_index
from ..i18n import current_locale
from ..student.forms import SaveSearchForm
from ..student.labels import template_helpers
from .blueprint import bp


@bp.app_context_processor
def _labels() -> dict[str, Any]:
    return template_helpers()


def current_profile() -> StudentProfile | None:
    """The logged-in student's profile (rankings use it), else None."""
    if current_user.is_authenticated and current_user.role == Role.STUDENT:
        return current_user.student_profile  # type: ignore[no-any-return]
    return None


def search_choices() -> dict[str, Any]:
    """Choices of the Karriärsök filter form."""
    locale = current_locale()
    return {
        "programs": catalogue.program_choices(db.session, locale),
        "municipalities": catalogue.municipality_choices(db.session),
        "counties": catalogue.counties(db.session),
    }


def render_search(params: search.SearchParams, save_form: SaveSearchForm | None = None, status: int = 200) -> Any:
    """Run the search and render the Karriärsök page (also used to show a failed "save search")."""
    profile = current_profile()
    result = search.search(db.session, offer_index(), params, profile, date.today())
    if profile is not None and save_form is None:
        save_form = SaveSearchForm(formdata=None, name=params.q or "")
    return render_template(
        "main/offers.html", params=params, result=result, choices=search_choices(), save_form=save_form,
        is_student=profile is not None, args=params.to_args(page=False),
    ), status


@bp.route("/offers")
def offers() -> Any:
    """Karriärsök: search open offers; ranked by the query and, for students, their profile."""
    return render_search(search.SearchParams.from_args(request.args))


def _may_preview(offer: Offer) -> bool:
    # Unpublished offers are seen only by their own employer and by coaches and admins (review).
    if not current_user.is_authenticated:
        return False
    if current_user.role in (Role.COACH, Role.ADMIN):
        return True
    return current_user.role == Role.EMPLOYER and current_user.organization_id == offer.organization_id


@bp.route("/offers/<int:offer_id>")
def offer_detail(offer_id: int) -> Any:
    """One offer; unpublished ones are 404 except for previews by their employer and coaches."""
    offer = db.session.scalar(
        select(Offer).where(Offer.id == offer_id)
        .options(selectinload(Offer.organization), selectinload(Offer.municipality), selectinload(Offer.programs))
    )
    if offer is None or (offer.status != OfferStatus.PUBLISHED and not _may_preview(offer)):
        abort(404)
    today = date.today()
    profile = current_profile()
    match = application = invitation = None
    if profile is not None and offer.status == OfferStatus.PUBLISHED:
        match = explain_pair(db.session, offer_index(), profile, offer, today)
        application = existing_application(db.session, current_user, offer.id)
        invitation = db.session.scalar(
            select(Invitation).where(Invitation.offer_id == offer.id, Invitation.student_id == profile.id,
                                     Invitation.status == InvitationStatus.SENT)
        )
    return render_template(
        "main/offers_detail.html", offer=offer, is_open=offer.is_open(today), preview=offer.status !=
        OfferStatus.PUBLISHED, is_student=profile is not None, match=match, application=application,
        invitation=invitation, locale=current_locale(),
    )
