"""The offer editor: list, create, edit, submit for review, close, mark filled."""

from __future__ import annotations

import secrets

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matchmaker.core.errors import Conflict, Forbidden, NotFound, ValidationError
from matchmaker.core.validation import parse_int
from matchmaker.models import Offer, OfferStatus
from matchmaker.services import catalogue
from matchmaker.services.offers import drafts
from matchmaker.services.offers import editing as offers
from matchmaker.services.offers import queries as offer_queries

from ..access import user
from ..extensions import db
from ..forms import apply_service_errors
from ..i18n import current_locale
from ..labels import OFFER_KINDS
from .blueprint import bp
from .forms import OfferForm, VersionForm, version_of
from .labels import today

CONFLICT_MESSAGE = "Someone else changed this offer while you were editing it. Nothing was saved."


def _commitment_choices(offer: Offer | None) -> list[tuple[str, str]]:
    me = user()
    if me.organization_id is None:
        raise NotFound("organization")
    locale = current_locale()
    lines = offer_queries.active_commitments(db.session, me.organization_id)
    if offer is not None and offer.commitment is not None and offer.commitment not in lines:
        lines.append(offer.commitment)  # keep an existing link to a contract that has since ended
    choices = [("", _("None"))]
    for line in lines:
        contract = line.contract.title or _("Contract")
        label = f"{contract}: {line.count} × {OFFER_KINDS[line.kind]}, {line.program.name(locale)}"
        choices.append((str(line.id), label))
    return choices


def _offer_form(offer: Offer | None, *, from_request: bool) -> OfferForm:
    if from_request:
        form = OfferForm()
    elif offer is None:
        form = OfferForm(formdata=None, data={"form_token": secrets.token_urlsafe(24)})
    else:
        form = OfferForm(formdata=None, data={
            "kind": offer.kind.value, "title": offer.title, "description": offer.description,
            "skills": ", ".join(offer.skills or []), "programs": [p.slug for p in offer.programs],
            "municipality": str(offer.municipality_id or ""), "remote": offer.remote,
            "language": (offer.language.value if offer.language else "sv"), "period_start": offer.period_start,
            "period_end": offer.period_end, "places": offer.places,
            "application_deadline": offer.application_deadline, "commitment": str(offer.commitment_id or ""),
            "version_id": str(offer.version_id),
        })
    locale = current_locale()
    form.programs.choices = catalogue.program_choices(db.session, locale)
    form.municipality.choices = [("", "—"), *catalogue.municipality_choices(db.session)]
    form.commitment.choices = _commitment_choices(offer)
    return form


def _input(form: OfferForm) -> offers.OfferInput:
    return offers.OfferInput(
        kind=form.kind.data or "", title=form.title.data or "", description=form.description.data or "",
        skills=offers.parse_skills(form.skills.data or ""), program_slugs=list(form.programs.data or []),
        municipality_id=parse_int(form.municipality.data),
        remote=bool(form.remote.data), language=form.language.data or "sv", period_start=form.period_start.data,
        period_end=form.period_end.data, places=form.places.data,
        application_deadline=form.application_deadline.data,
        commitment_id=parse_int(form.commitment.data),
    )


def _saved_message(offer: Offer, was_published: bool) -> str:
    if offer.status == OfferStatus.SUBMITTED and was_published:
        return _("Saved. Because the content changed, the offer is back in review and hidden until a coach "
                 "approves it.")
    if offer.status == OfferStatus.SUBMITTED:
        return _("Saved and sent to a career coach for review.")
    return _("Saved.")


@bp.route("/offers", endpoint="offers")
def offers_list() -> str:
    """The organisation's offers, optionally of one status."""
    wanted = request.args.get("status", "")
    status = OfferStatus(wanted) if wanted in {s.value for s in OfferStatus} else None
    return render_template(
        "employer/offers.html", offers=offer_queries.offers_of(db.session, user(), status), status=status,
        statuses=list(OfferStatus),
    )


@bp.route("/offers/new", methods=["GET", "POST"])
def offer_new() -> tuple[str, int] | Response:
    """Create an offer: save as draft or send for review at once."""
    form = _offer_form(None, from_request=request.method == "POST")
    if form.validate_on_submit():
        try:
            offer, created = drafts.create_once(
                db.session, user(), _input(form), form.form_token.data or "", today=today(),
                submit=request.form.get("action") == "submit",
            )
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc)
        else:
            db.session.commit()
            if created:
                flash(_saved_message(offer, False), "success")
            else:
                flash(_("This form was already sent, and the offer was created then. Nothing was created twice."),
                      "info")
            return redirect(url_for("employer.offer_detail", offer_id=offer.id), 303)
    status = 200 if request.method == "GET" else 400
    return render_template("employer/offer_form.html", form=form, offer=None), status


@bp.route("/offers/<int:offer_id>")
def offer_detail(offer_id: int) -> str:
    """One offer with its status, the coach's comment and what can be done with it."""
    offer = offer_queries.get_offer_for(db.session, user(), offer_id)
    return _render_detail(offer)


def _render_detail(offer: Offer, error: str = "") -> str:
    return render_template(
        "employer/offer_detail.html", offer=offer, error=error,
        editable=offer.status in offers.EDITABLE_STATUSES,
        can_submit=offer.status in offers.SUBMITTABLE_STATUSES,
        can_close=offer.status in offers.CLOSABLE_STATUSES,
        can_fill=offer.status in offers.FILLABLE_STATUSES,
        can_delete=offer.status == OfferStatus.DRAFT,
    )


@bp.route("/offers/<int:offer_id>/edit", methods=["GET", "POST"])
def offer_edit(offer_id: int) -> tuple[str, int] | Response:
    """Edit an offer; the form carries the version it was opened at, so a stale edit overwrites nothing."""
    me = user()
    offer = offer_queries.get_offer_for(db.session, me, offer_id)
    if offer.status not in offers.EDITABLE_STATUSES:
        flash(_("This offer can no longer be edited."), "warning")
        return redirect(url_for("employer.offer_detail", offer_id=offer.id))
    form = _offer_form(offer, from_request=request.method == "POST")
    status = 200
    if form.validate_on_submit():
        was_published = offer.status == OfferStatus.PUBLISHED
        try:
            offer = offers.update_offer(
                db.session, me, offer.id, _input(form), expected_version=version_of(form.version_id),
                today=today(), submit=request.form.get("action") == "submit",
            )
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc)
            status = 400
        except (Conflict, Forbidden) as exc:
            db.session.rollback()
            form.form_errors.append(_(CONFLICT_MESSAGE) if isinstance(exc, Conflict) else _(str(exc)))
            status = 409
        else:
            db.session.commit()
            flash(_saved_message(offer, was_published), "success")
            return redirect(url_for("employer.offer_detail", offer_id=offer.id), 303)
    elif request.method == "POST":
        status = 400
    return render_template("employer/offer_form.html", form=form, offer=offer), status


def _status_action(offer_id: int, action: str) -> tuple[str, int] | Response:
    me = user()
    offer = offer_queries.get_offer_for(db.session, me, offer_id)
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    version = version_of(form.version_id)
    try:
        if action == "submit":
            offers.submit_offer(db.session, me, offer.id, expected_version=version, today=today())
            message = _("The offer is sent to a career coach for review.")
        elif action == "close":
            offers.close_offer(db.session, me, offer.id, expected_version=version)
            message = _("The offer is closed.")
        else:
            offers.mark_filled(db.session, me, offer.id, expected_version=version)
            message = _("The offer is marked as filled.")
    except ValidationError as exc:
        db.session.rollback()
        reasons = "; ".join(f"{field_label(k)}: {_(v)}" for k, v in exc.errors.items())
        return _render_detail(offer_queries.get_offer_for(db.session, me, offer_id),
                              _("Please edit the offer first. %(reasons)s", reasons=reasons)), 400
    except Conflict:
        db.session.rollback()
        return _render_detail(offer_queries.get_offer_for(db.session, me, offer_id), _(CONFLICT_MESSAGE)), 409
    except Forbidden as exc:
        db.session.rollback()
        return _render_detail(offer_queries.get_offer_for(db.session, me, offer_id), _(str(exc))), 409
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("employer.offer_detail", offer_id=offer.id), 303)


def field_label(key: str) -> str:
    """The form label of a service error key (for errors shown outside the form)."""
    field = getattr(OfferForm, key, None)
    args = getattr(field, "args", ())
    return str(args[0]) if args else key


@bp.route("/offers/<int:offer_id>/submit", methods=["POST"])
def offer_submit(offer_id: int) -> tuple[str, int] | Response:
    """Send a draft, or an offer with requested changes, to review."""
    return _status_action(offer_id, "submit")


@bp.route("/offers/<int:offer_id>/close", methods=["POST"])
def offer_close(offer_id: int) -> tuple[str, int] | Response:
    """Close an offer."""
    return _status_action(offer_id, "close")


@bp.route("/offers/<int:offer_id>/fill", methods=["POST"])
def offer_fill(offer_id: int) -> tuple[str, int] | Response:
    """Mark an offer filled."""
    return _status_action(offer_id, "fill")


@bp.route("/offers/<int:offer_id>/delete", methods=["GET", "POST"])
def offer_delete(offer_id: int) -> tuple[str, int] | Response:
    """Delete a draft (asks first); offers that were sent for review are closed instead."""
    offer = offer_queries.get_offer_for(db.session, user(), offer_id)
    back = url_for("employer.offer_detail", offer_id=offer.id)
    if offer.status != OfferStatus.DRAFT:
        flash(_("Only drafts can be deleted; close the offer instead."), "error")
        return redirect(back, 303)
    form = VersionForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        try:
            title = drafts.delete_draft(db.session, user(), offer.id, expected_version=version_of(form.version_id))
        except Conflict:
            db.session.rollback()
            flash(_(CONFLICT_MESSAGE), "error")
            return redirect(back, 303)
        db.session.commit()
        flash(_("The draft “%(title)s” is deleted.", title=title), "success")
        return redirect(url_for("employer.offers"), 303)
    return render_template(
        "confirm.html", heading=_("Delete the draft “%(title)s”?", title=offer.title), action=request.path,
        lines=[_("The draft has not been sent to anyone. Deleting it cannot be undone.")], cancel=back,
        button=_("Delete the draft"), button_class="danger", hidden={"version_id": offer.version_id},
    ), 200
