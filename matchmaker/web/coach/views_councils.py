"""Coach views: programme councils per study program, their members, meetings and minutes, goals and outcome."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response as BaseResponse

from matchmaker.core.errors import ValidationError
from matchmaker.models import ProgrammeCouncil, Role
from matchmaker.services import catalogue
from matchmaker.services.accounts.organizations import all_organizations
from matchmaker.services.councils import editing, meetings, queries
from matchmaker.services.councils.editing import CouncilInput

from ..access import user
from ..context import add_menu_item
from ..event_labels import show_errors
from ..extensions import db
from ..i18n import current_locale
from .blueprint import bp
from .forms_councils import MEMBER_KINDS, CouncilForm, MeetingForm, MemberForm

add_menu_item(Role.COACH, "coach.councils", _l("Programme councils"))


@bp.route("/councils")
def councils() -> str:
    """Every study program with its council, active or not; programs without an active council first."""
    return render_template("coach/councils.html", rows=queries.overview(db.session, date.today()),
                           locale=current_locale())


def _council_form(council: ProgrammeCouncil | None) -> tuple[str, int] | BaseResponse:
    if request.method == "GET":
        form = CouncilForm(formdata=None, data=CouncilForm.data_of(CouncilInput.of(council)) if council else None)
    else:
        form = CouncilForm()
    form.program.choices = [("", _("Choose a program"))] + [
        (str(p.id), p.name(current_locale())) for p in catalogue.programs(db.session)]
    if request.method == "POST" and form.validate():
        try:
            if council is None:
                council = editing.create_council(db.session, user(), form.to_input())
            else:
                editing.update_council(db.session, user(), council, form.to_input())
        except ValidationError as exc:
            db.session.rollback()
            show_errors(form, exc)
        else:
            db.session.commit()
            flash(_("The council is saved."), "success")
            return redirect(url_for("coach.council", council_id=council.id))
    return (render_template("coach/council_form.html", form=form, council=council),
            200 if request.method == "GET" else 400)


@bp.route("/councils/new", methods=["GET", "POST"])
def council_new() -> tuple[str, int] | BaseResponse:
    """Create a council for a study program, with its measurable goals."""
    return _council_form(None)


@bp.route("/councils/<int:council_id>/edit", methods=["GET", "POST"])
def council_edit(council_id: int) -> tuple[str, int] | BaseResponse:
    """Edit a council's program, name, phase and goals."""
    return _council_form(editing.get_council(db.session, council_id))


def _member_form(formdata: object = None) -> MemberForm:
    form = MemberForm(formdata=formdata) if formdata is not None else MemberForm(formdata=None)
    form.organization.choices = [("", _("None"))] + [(str(o.id), o.name) for o in all_organizations(db.session)]
    return form


def _page(council: ProgrammeCouncil, member_form: MemberForm | None = None, status: int = 200) -> tuple[str, int]:
    return render_template(
        "coach/council.html", council=council, outcome=queries.outcome(council, date.today()),
        member_form=member_form or _member_form(), member_kinds=MEMBER_KINDS, locale=current_locale()), status


@bp.route("/councils/<int:council_id>")
def council(council_id: int) -> tuple[str, int]:
    """The council: goals against outcome, members, meetings."""
    return _page(editing.get_council(db.session, council_id))


@bp.route("/councils/<int:council_id>/members", methods=["POST"])
def council_member_add(council_id: int) -> tuple[str, int] | BaseResponse:
    """Add a member; bad input is shown on the fields with what was typed kept."""
    found = editing.get_council(db.session, council_id)
    form = _member_form(request.form)
    if form.validate():
        try:
            editing.add_member(db.session, user(), found, form.to_input())
        except ValidationError as exc:
            db.session.rollback()
            show_errors(form, exc)
        else:
            db.session.commit()
            flash(_("The member is added."), "success")
            return redirect(url_for("coach.council", council_id=found.id) + "#members")
    return _page(editing.get_council(db.session, council_id), form, 400)


@bp.route("/councils/<int:council_id>/members/<int:member_id>/remove", methods=["POST"])
def council_member_remove(council_id: int, member_id: int) -> BaseResponse:
    """A member leaves the council (past minutes keep them)."""
    found = editing.get_council(db.session, council_id)
    editing.remove_member(db.session, user(), found, member_id, date.today())
    db.session.commit()
    flash(_("The member has left the council."), "success")
    return redirect(url_for("coach.council", council_id=found.id) + "#members")


@bp.route("/councils/<int:council_id>/meetings/new", methods=["GET", "POST"])
def council_meeting_new(council_id: int) -> tuple[str, int] | BaseResponse:
    """Record a meeting held, with its minutes."""
    found = editing.get_council(db.session, council_id)
    form = MeetingForm(formdata=None, data={"held_on": date.today()}) if request.method == "GET" else MeetingForm()
    form.attendees.choices = [(str(m.id), m.name) for m in found.members if m.current]
    if request.method == "POST" and form.validate():
        try:
            saved = meetings.record_meeting(db.session, user(), found, form.to_input(), date.today())
        except ValidationError as exc:
            db.session.rollback()
            show_errors(form, exc)
        else:
            db.session.commit()
            flash(_("The minutes are saved."), "success")
            return redirect(url_for("coach.council_meeting", council_id=found.id, meeting_id=saved.id))
        found = editing.get_council(db.session, council_id)
    return (render_template("coach/council_meeting_form.html", form=form, council=found),
            200 if request.method == "GET" else 400)


@bp.route("/councils/<int:council_id>/meetings/<int:meeting_id>")
def council_meeting(council_id: int, meeting_id: int) -> str:
    """One meeting's minutes."""
    found = editing.get_council(db.session, council_id)
    return render_template("coach/council_meeting.html", council=found,
                           meeting=meetings.get_meeting(found, meeting_id), member_kinds=MEMBER_KINDS)
