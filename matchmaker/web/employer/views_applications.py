"""Applications per offer, one application (pipeline moves, private notes), suggested candidates, invitations."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matchmaker.core.errors import Conflict, ValidationError
from matchmaker.models import Application, ApplicationStatus, Invitation, Offer
from matchmaker.services.applications import candidates, invitations, pipeline
from matchmaker.services.offers import queries as offer_queries
from matchmaker.services.ranking.rank import explain_pair

from ..access import user
from ..application_mail import status_mail
from ..extensions import db, offer_index
from ..forms import apply_service_errors
from ..i18n import current_locale
from ..urls import external_url
from .blueprint import bp
from .forms import InviteForm, MoveForm, NotesForm, VersionForm, version_of
from .labels import APPLICATION_ACTIONS, APPLICATION_STATUSES, today

STALE_MESSAGE = "Someone else changed this application while you were working on it. Nothing was saved."


@bp.route("/offers/<int:offer_id>/applications")
def offer_applications(offer_id: int) -> str:
    """The applications to one offer, each with the match's main reasons."""
    me = user()
    offer = offer_queries.get_offer_for(db.session, me, offer_id)
    rows = []
    for application in pipeline.applications_for_offer(db.session, me, offer.id):
        explained = explain_pair(db.session, offer_index(), application.student, offer, today())
        rows.append((application, explained))
    return render_template("employer/applications.html", offer=offer, rows=rows)


def _move_form(application: Application, *, from_request: bool) -> MoveForm:
    form = MoveForm() if from_request else MoveForm(formdata=None, data={"version_id": str(application.version_id)})
    form.status.choices = [(s.value, str(APPLICATION_ACTIONS[s])) for s in pipeline.employer_moves(application)]
    return form


def _notes_form(application: Application, *, from_request: bool) -> NotesForm:
    if from_request:
        return NotesForm()
    return NotesForm(
        formdata=None, data={"notes": application.employer_notes, "version_id": str(application.version_id)}
    )


def _render_application(
    application: Application, move_form: MoveForm | None = None, notes_form: NotesForm | None = None,
    status: int = 200,
) -> tuple[str, int]:
    me = user()
    assert me.organization_id is not None
    snapshot: dict[str, Any] = dict(application.profile_snapshot or {})
    with_contact = pipeline.contact_visible(db.session, me.organization_id, application.student_id)
    if not with_contact:
        snapshot.pop("email", None)
        snapshot.pop("phone", None)
    locale = current_locale()
    program = snapshot.get("program_name_en" if locale == "en" else "program_name_sv") or snapshot.get("program", "")
    return render_template(
        "employer/application.html", application=application, offer=application.offer, snapshot=snapshot,
        program=program, with_contact=with_contact,
        explained=explain_pair(db.session, offer_index(), application.student, application.offer, today()),
        move_form=move_form or _move_form(application, from_request=False),
        notes_form=notes_form or _notes_form(application, from_request=False),
    ), status


@bp.route("/applications/<int:application_id>")
def application_detail(application_id: int) -> tuple[str, int]:
    """One application: the profile as it was sent, reasons, timeline, pipeline moves and private notes."""
    return _render_application(pipeline.get_application_for(db.session, user(), application_id))


@bp.route("/applications/<int:application_id>/status", methods=["POST"])
def application_move(application_id: int) -> tuple[str, int] | Response:
    """Move an application in the pipeline, optionally with a message the student sees on their timeline."""
    me = user()
    application = pipeline.get_application_for(db.session, me, application_id)
    form = _move_form(application, from_request=True)
    if form.validate_on_submit():
        try:
            event = pipeline.move(
                db.session, me, application.id, form.status.data or "", message=form.message.data or "",
                expected_version=version_of(form.version_id), notify=status_mail,
                placement_start=form.placement_start.data, placement_end=form.placement_end.data,
            )
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc)
        except Conflict:
            db.session.rollback()
            form.form_errors.append(_(STALE_MESSAGE))
            return _render_application(application, move_form=form, status=409)
        else:
            db.session.commit()
            flash(_("The application is now: %(status)s.", status=_status_label(event.to_status)), "success")
            return redirect(url_for("employer.application_detail", application_id=application.id), 303)
    return _render_application(application, move_form=form, status=400)


@bp.route("/applications/<int:application_id>/withdraw-offer", methods=["GET", "POST"])
def withdraw_place_offer(application_id: int) -> tuple[str, int] | Response:
    """Take back the offer of a place before the student accepts it (asks first)."""
    me = user()
    application = pipeline.get_application_for(db.session, me, application_id)
    back = url_for("employer.application_detail", application_id=application.id)
    if application.status != ApplicationStatus.OFFERED:
        flash(_("The place is no longer offered (the student has answered, or it was withdrawn). Nothing was "
                "changed."), "error")
        return redirect(back, 303)
    form = VersionForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        try:
            pipeline.withdraw_place_offer(
                db.session, me, application.id, message=request.form.get("message", "")[:5000],
                expected_version=version_of(form.version_id), notify=status_mail)
        except (ValidationError, Conflict):
            db.session.rollback()
            flash(_(STALE_MESSAGE), "error")
            return redirect(back, 303)
        db.session.commit()
        flash(_("The offer of a place is withdrawn; the application is shortlisted again."), "success")
        return redirect(back, 303)
    return render_template(
        "confirm.html", heading=_("Withdraw the offer of a place?"), action=request.path, cancel=back,
        lines=[_("The student is told that the place is no longer offered; the application goes back to "
                 "shortlisted.")], button=_("Withdraw the offer"), button_class="danger",
        hidden={"version_id": application.version_id}, message_label=_("Message to the student (optional)"),
    ), 200


def _status_label(status: Any) -> str:
    return str(APPLICATION_STATUSES.get(status, status))


@bp.route("/applications/<int:application_id>/notes", methods=["POST"])
def application_notes(application_id: int) -> tuple[str, int] | Response:
    """Save private notes on an application."""
    me = user()
    application = pipeline.get_application_for(db.session, me, application_id)
    form = _notes_form(application, from_request=True)
    if form.validate_on_submit():
        try:
            pipeline.save_notes(
                db.session, me, application.id, form.notes.data or "", expected_version=version_of(form.version_id)
            )
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc)
        except Conflict:
            db.session.rollback()
            form.form_errors.append(_(STALE_MESSAGE))
            return _render_application(application, notes_form=form, status=409)
        else:
            db.session.commit()
            flash(_("Your notes are saved."), "success")
            return redirect(url_for("employer.application_detail", application_id=application.id), 303)
    return _render_application(application, notes_form=form, status=400)


@bp.route("/offers/<int:offer_id>/candidates")
def offer_candidates(offer_id: int) -> tuple[str, int]:
    """Consenting students ranked for an offer, without contact details, with an invite button."""
    return _render_candidates(offer_queries.get_offer_for(db.session, user(), offer_id))


def _render_candidates(
    offer: Offer, *, failed: int | None = None, form: InviteForm | None = None, error: str = "", status: int = 200
) -> tuple[str, int]:
    found = candidates.candidates_for_offer(
        db.session, offer_index(), user(), offer.id, k=20, today=today(), locale=current_locale()
    )
    return render_template(
        "employer/candidates.html", offer=offer, candidates=found, invite_form=InviteForm(formdata=None),
        failed=failed, failed_form=form, error=error, open_for_invitations=offer.is_open(today()),
    ), status


def _invitation_mail(invitation: Invitation) -> tuple[str, str]:
    student = invitation.student.user
    offer = invitation.offer
    link = external_url("student.home")
    with force_locale(student.locale.value):
        subject = _("You are invited to apply: %(title)s", title=offer.title)
        body = _(
            "%(organization)s invites you to apply to \"%(title)s\" in Matchmaker. You see the invitation on your "
            "page after logging in:\n\n%(link)s\n\nThe employer found you because your profile is visible to "
            "employers; your email address has not been shown to them.",
            organization=offer.organization.name, title=offer.title, link=link,
        )
    return subject, body


@bp.route("/offers/<int:offer_id>/candidates/<int:student_id>/invite", methods=["POST"])
def invite_candidate(offer_id: int, student_id: int) -> tuple[str, int] | Response:
    """Invite a suggested student to apply to the offer."""
    me = user()
    offer = offer_queries.get_offer_for(db.session, me, offer_id)
    form = InviteForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        invitations.invite(
            db.session, me, offer.id, student_id, message=form.message.data or "", today=today(),
            notify=_invitation_mail,
        )
    except ValidationError as exc:
        db.session.rollback()
        error = "; ".join(_(v) for v in exc.errors.values())
        return _render_candidates(offer, failed=student_id, form=form, error=error, status=400)
    db.session.commit()
    flash(_("The student is invited to apply."), "success")
    return redirect(url_for("employer.offer_candidates", offer_id=offer.id) + f"#student-{student_id}", 303)
