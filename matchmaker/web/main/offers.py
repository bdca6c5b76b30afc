"""Karriärsök: public search of open offers and the offer pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import render_template, request
from flask_login import current_user

from matchmaker.models import OfferStatus
from matchmaker.services.applications import invitations
from matchmaker.services.applications.student import existing_application
from matchmaker.services.karriarsok import search
from matchmaker.services.offers import queries as offer_queries
from matchmaker.services.ranking.rank import explain_pair

from ..extensions import db, offer_index
from ..i18n import current_locale
from ..karriarsok import current_profile, render_search
from .blueprint import bp


@bp.route("/offers")
def offers() -> Any:
    """Karriärsök: search open offers; ranked by the query and, for students, their profile."""
    return render_search(search.SearchParams.from_args(request.args))


@bp.route("/offers/<int:offer_id>")
def offer_detail(offer_id: int) -> Any:
    """One offer; unpublished ones are 404 except for previews by their employer and coaches."""
    viewer = current_user if current_user.is_authenticated else None
    offer = offer_queries.offer_for_viewer(db.session, viewer, offer_id)
    today = date.today()
    profile = current_profile()
    match = application = invitation = None
    if profile is not None and offer.status == OfferStatus.PUBLISHED:
        match = explain_pair(db.session, offer_index(), profile, offer, today)
        application = existing_application(db.session, current_user, offer.id)
        invitation = invitations.open_invitation(db.session, profile, offer.id)
    return render_template(
        "main/offers_detail.html", offer=offer, is_open=offer.is_open(today), preview=offer.status !=
        OfferStatus.PUBLISHED, is_student=profile is not None, match=match, application=application,
        invitation=invitation, locale=current_locale(),
    )
