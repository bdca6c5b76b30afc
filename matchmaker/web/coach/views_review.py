"""Coach views: the review queue of submitted offers and new organisations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from matchmaker.core.errors import Conflict, ValidationError
from matchmaker.models import Offer, OfferStatus, utcnow
from matchmaker.services.offers import expiry, review
from matchmaker.services.offers.flags import offer_flags

from ..access import user
from ..extensions import db
from ..forms import apply_service_errors
from ..labels import OFFER_KINDS, OFFER_STATUSES
from .blueprint import bp
from .forms import (
    FLAG_LABELS,
    ActionForm,
    ApproveForm,
    RejectForm,
    RequestChangesForm,
    version_of,
)


def _expire_lazily() -> None:
    """Expire offers past their deadline now, so the demo needs no cron; a clash just waits for next time."""
    try:
        expiry.expire_offers(db.session, today=date.today())
        db.session.commit()
    except StaleDataError:
        db.session.rollback()


@bp.route("/review")
def review_queue() -> str:
    """Submitted offers with their flags, unverified organisations and stale published offers."""
    _expire_lazily()
    queue = review.review_queue(db.session, today=date.today())
    return render_template(
        "coach/review.html", queue=queue, flag_labels=FLAG_LABELS, kinds=OFFER_KINDS,
        verify_form=ActionForm(),
    )


def _render_offer(offer: Offer, *, approve: ApproveForm | None = None, changes: RequestChangesForm | None = None,
                  reject: RejectForm | None = None, status: int = 200) -> tuple[str, int]:
    version = str(offer.version_id)
    approve = approve or ApproveForm(formdata=None, version=version)
    changes = changes or RequestChangesForm(formdata=None, version=version)
    reject = reject or RejectForm(formdata=None, version=version)
    flags = offer_flags(db.session, offer, today=date.today(), now=utcnow())
    return render_template(
        "coach/review_offer.html", offer=offer, flags=flags, flag_labels=FLAG_LABELS, kinds=OFFER_KINDS,
        statuses=OFFER_STATUSES, approve_form=approve, changes_form=changes, reject_form=reject,
        reviewable=offer.status == OfferStatus.SUBMITTED,
    ), status


@bp.route("/review/offers/<int:offer_id>")
def review_offer(offer_id: int) -> tuple[str, int]:
    """One offer in full, with its flags and the review decisions."""
    return _render_offer(review.get_offer(db.session, offer_id))


def _conflict(offer_id: int, exc: Conflict | StaleDataError) -> Response:
    db.session.rollback()
    if isinstance(exc, Conflict) and "not waiting" in str(exc):
        flash(_("This offer is no longer waiting for review."), "warning")
    else:
        flash(_("The offer was changed while you were looking at it. Please review it again."), "warning")
    return redirect(url_for("coach.review_offer", offer_id=offer_id))


def _decide(offer_id: int, form: ApproveForm | RequestChangesForm | RejectForm, slot: str,
            decide: Callable[[], object], done: str) -> Response | tuple[str, int]:
    """The shared flow of a review decision: validate, decide, commit, send the mail, back to the queue.

    `slot` names the form's keyword in _render_offer, so a refused form is shown again with what was typed.
    """
    if not form.validate_on_submit():
        return _render_offer(review.get_offer(db.session, offer_id), status=400, **{slot: form})
    try:
        decide()
        db.session.commit()
    except ValidationError as exc:
        db.session.rollback()
        apply_service_errors(form, exc)
        return _render_offer(review.get_offer(db.session, offer_id), status=400, **{slot: form})
    except (Conflict, StaleDataError) as exc:
        return _conflict(offer_id, exc)
    flash(done, "success")
    return redirect(url_for("coach.review_queue"))


@bp.route("/review/offers/<int:offer_id>/approve", methods=["POST"])
def approve_offer(offer_id: int) -> Response | tuple[str, int]:
    """Approve and publish a submitted offer."""
    review.get_offer(db.session, offer_id)
    form = ApproveForm()
    return _decide(offer_id, form, "approve", lambda: review.approve(
        db.session, user(), offer_id, today=date.today(), version=version_of(form)), _("The offer is published."))


@bp.route("/review/offers/<int:offer_id>/request-changes", methods=["POST"])
def request_changes(offer_id: int) -> Response | tuple[str, int]:
    """Send the offer back to the employer with a comment."""
    review.get_offer(db.session, offer_id)
    form = RequestChangesForm()
    return _decide(offer_id, form, "changes", lambda: review.request_changes(
        db.session, user(), offer_id, form.comment.data or "", version=version_of(form)),
        _("The employer has been asked to change the offer."))


@bp.route("/review/offers/<int:offer_id>/reject", methods=["POST"])
def reject_offer(offer_id: int) -> Response | tuple[str, int]:
    """Reject the offer with a reason."""
    review.get_offer(db.session, offer_id)
    form = RejectForm()
    return _decide(offer_id, form, "reject", lambda: review.reject(
        db.session, user(), offer_id, form.reason.data or "", version=version_of(form)), _("The offer is rejected."))


@bp.route("/review/organizations/<int:organization_id>/verify", methods=["POST"])
def verify_organization(organization_id: int) -> Response:
    """Mark an organisation as verified."""
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        review.verify_organization(db.session, user(), organization_id)
        db.session.commit()
    except Conflict:
        db.session.rollback()
        flash(_("The organisation was already verified."), "info")
    else:
        flash(_("The organisation is verified."), "success")
    return redirect(url_for("coach.review_queue"))
