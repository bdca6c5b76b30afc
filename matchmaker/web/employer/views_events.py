"""Employer views: register the organisation for a fair, publish interview slots, see the schedule."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response as BaseResponse
from wtforms import DateTimeLocalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.core.validation import parse_int
from matchmaker.models import Event, EventKind, OfferStatus, Role
from matchmaker.services.accounts.organizations import require_verified
from matchmaker.services.events import editing, exhibitors, queries, slots
from matchmaker.services.offers import queries as offer_queries

from ..access import user
from ..context import add_menu_item
from ..event_labels import show_errors, to_local, to_utc
from ..extensions import db
from ..notification_links import register_link
from .blueprint import bp

add_menu_item(Role.EMPLOYER, "employer.fairs", _l("Fairs"))
register_link("event", Role.EMPLOYER, "employer.fair", "event_id")


class ExhibitorForm(FlaskForm):
    """The organisation's part in a fair."""

    stand = StringField(_l("Stand wish"), validators=[Optional(), Length(max=120)])
    representatives = IntegerField(_l("Number of representatives"),
                                   validators=[Optional(), NumberRange(min=-10**6, max=10**6)])
    wishes = TextAreaField(_l("Wishes (electricity, furniture, diet)"), validators=[Optional(), Length(max=2000)])


class SlotsForm(FlaskForm):
    """A run of consecutive interview slots."""

    starts_at = DateTimeLocalField(_l("First slot starts (Swedish time)"), format="%Y-%m-%dT%H:%M",
                                   validators=[Optional()])
    minutes = SelectField(_l("Length"), choices=[("10", _l("10 minutes")), ("30", _l("30 minutes"))])
    count = IntegerField(_l("Number of slots"), validators=[Optional(), NumberRange(min=-10**6, max=10**6)])
    offer = SelectField(_l("For the offer"), choices=[], validate_choice=False)


def _fair(event_id: int) -> Event:
    found = editing.get_event(db.session, event_id)
    if found.kind != EventKind.FAIR or not queries.can_see(found, user()):
        raise NotFound("event")
    return found


def _render(found: Event, reg_form: ExhibitorForm | None = None, slot_form: SlotsForm | None = None,
            status: int = 200) -> tuple[str, int]:
    me = user()
    mine = exhibitors.exhibitor_of(found, me.organization_id)
    if reg_form is None:
        reg_form = ExhibitorForm(formdata=None, data={
            "stand": mine.stand, "representatives": mine.representatives, "wishes": mine.wishes,
        } if mine else {"representatives": 1})
    if slot_form is None:
        slot_form = SlotsForm(formdata=None, data={"starts_at": to_local(found.starts_at), "count": 6})
    slot_form.offer.choices = [("", _("Any of our offers"))] + [
        (str(o.id), o.title) for o in offer_queries.offers_of(db.session, me, OfferStatus.PUBLISHED)]
    return render_template(
        "employer/fair.html", event=found, mine=mine, reg_form=reg_form, slot_form=slot_form,
        registrants=exhibitors.registrants_for_employer(found) if mine and mine.organization.verified else None,
        schedule=slots.exhibitor_schedule(mine) if mine else [],
    ), status


@bp.route("/fairs")
def fairs() -> str:
    """Fairs that have not ended, with the organisation's registration."""
    me = user()
    found = queries.fairs_open_to_employers(db.session)
    return render_template("employer/fairs.html", fairs=found,
                           mine={e.id: exhibitors.exhibitor_of(e, me.organization_id) for e in found})


@bp.route("/fairs/<int:event_id>", methods=["GET", "POST"])
def fair(event_id: int) -> tuple[str, int] | BaseResponse:
    """The fair: register the organisation (stand, representatives, wishes), its slots and schedule."""
    found = _fair(event_id)
    if request.method == "GET":
        return _render(found)
    form = ExhibitorForm()
    if not form.validate():
        return _render(found, reg_form=form, status=400)
    data = exhibitors.ExhibitorInput(stand=form.stand.data or "", representatives=form.representatives.data,
                                     wishes=form.wishes.data or "")
    try:
        exhibitors.register_organization(db.session, user(), found, data)
    except ValidationError as exc:
        db.session.rollback()
        show_errors(form, exc)
        return _render(found, reg_form=form, status=400)
    db.session.commit()
    flash(_("Your organisation is registered for the fair."), "success")
    return redirect(url_for("employer.fair", event_id=found.id))


@bp.route("/fairs/<int:event_id>/withdraw", methods=["POST"])
def fair_withdraw(event_id: int) -> tuple[str, int] | BaseResponse:
    """Withdraw the organisation from the fair (its slots and bookings go too)."""
    found = _fair(event_id)
    try:
        exhibitors.withdraw_organization(db.session, user(), found)
    except ValidationError as exc:
        db.session.rollback()
        form = ExhibitorForm()
        show_errors(form, exc)
        return _render(found, reg_form=form, status=400)
    db.session.commit()
    flash(_("Your organisation is no longer registered for the fair."), "success")
    return redirect(url_for("employer.fair", event_id=found.id))


@bp.route("/fairs/<int:event_id>/slots", methods=["POST"])
def fair_slots(event_id: int) -> tuple[str, int] | BaseResponse:
    """Publish consecutive interview slots."""
    found = _fair(event_id)
    mine = exhibitors.exhibitor_of(found, user().organization_id)
    if mine is None:
        raise NotFound("exhibitor")
    require_verified(mine.organization)
    form = SlotsForm()
    if not form.validate():
        return _render(found, slot_form=form, status=400)
    data = slots.SlotsInput(starts_at=to_utc(form.starts_at.data), minutes=parse_int(form.minutes.data),
                            count=form.count.data, offer_id=parse_int(form.offer.data))
    try:
        made = slots.publish_slots(db.session, user(), mine, data)
    except ValidationError as exc:
        db.session.rollback()
        show_errors(form, exc)
        return _render(found, slot_form=form, status=400)
    db.session.commit()
    flash(_("%(n)s interview slots are published.", n=len(made)), "success")
    return redirect(url_for("employer.fair", event_id=found.id) + "#schedule")


@bp.route("/fairs/<int:event_id>/slots/<int:slot_id>/remove", methods=["POST"])
def fair_slot_remove(event_id: int, slot_id: int) -> tuple[str, int] | BaseResponse:
    """Remove an unbooked slot."""
    found = _fair(event_id)
    mine = exhibitors.exhibitor_of(found, user().organization_id)
    if mine is None:
        raise NotFound("exhibitor")
    try:
        slots.remove_slot(db.session, user(), mine, slot_id)
    except ValidationError as exc:
        db.session.rollback()
        flash(_(exc.errors["slot"]), "error")
        return redirect(url_for("employer.fair", event_id=found.id) + "#schedule")
    db.session.commit()
    return redirect(url_for("employer.fair", event_id=found.id) + "#schedule")
