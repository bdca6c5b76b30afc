"""Admin views: users (list, search, create, edit, send a reset link, deactivate, reactivate)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from matchmaker.core.errors import Conflict, ValidationError
from matchmaker.core.validation import parse_int
from matchmaker.models import Role, User
from matchmaker.services.accounts.password_reset import TOKEN_LIFETIME
from matchmaker.services.admin import accounts as admin_accounts
from matchmaker.services.admin import users as admin

from ..access import safe_next, user
from ..extensions import db
from ..forms import apply_service_errors
from ..urls import external_url
from .blueprint import bp
from .forms import ROLE_LABELS, ButtonForm, EditUserForm, NewUserForm, UserSearchForm
from .views import page_arg


@bp.route("/users")
def users() -> str:
    """Users, searchable by email or name and filterable by role."""
    form = UserSearchForm(request.args)
    form.role.choices = [("", _("All roles"))] + [(r.value, label) for r, label in ROLE_LABELS.items()]
    q, role = request.args.get("q", ""), request.args.get("role", "")
    page = admin.list_users(db.session, q=q, role=role, page=page_arg())
    return render_template("admin/users.html", form=form, page=page, roles=ROLE_LABELS,
                           args={k: v for k, v in {"q": q, "role": role}.items() if v}, button=ButtonForm(),
                           here=request.full_path)


def _new_user_form() -> NewUserForm:
    form = NewUserForm()
    # An alumnus is a student who graduated (services/alumni), never a new account.
    form.role.choices = [(r.value, label) for r, label in ROLE_LABELS.items() if r != Role.ALUMNUS]
    form.organization.choices = [("", "—")] + admin.organization_choices(db.session)
    return form


@bp.route("/users/new", methods=["GET", "POST"])
def new_user() -> Response | tuple[str, int]:
    """Create a coach, admin, employer or student account."""
    form = _new_user_form()
    if form.validate_on_submit():
        org = form.organization.data
        try:
            created = admin.create_user(
                db.session, user(), email=form.email.data or "", password=form.password.data or "",
                role=form.role.data or "", display_name=form.display_name.data or "",
                organization_id=parse_int(org),
            )
            db.session.commit()
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc, {"name": "display_name"})
        else:
            flash(_("The account %(email)s was created.", email=created.email), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_new.html", form=form), 200 if request.method == "GET" else 400


def _set_active(user_id: int, active: bool) -> Response:
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        admin.set_user_active(db.session, user(), user_id, active)
        db.session.commit()
    except Conflict:
        db.session.rollback()
        flash(_("You cannot deactivate your own account."), "error")
    else:
        flash(_("The account is active again.") if active else _("The account is deactivated."), "success")
    return redirect(safe_next(request.form.get("next")) or url_for("admin.users"))


@bp.route("/users/<int:user_id>/deactivate", methods=["GET", "POST"])
def deactivate_user(user_id: int) -> Response | tuple[str, int]:
    """Deactivate an account (it can no longer log in; its sessions end); a GET asks first."""
    if request.method == "POST":
        return _set_active(user_id, False)
    target = admin.get_user(db.session, user_id)
    back = safe_next(request.args.get("next")) or url_for("admin.users")
    return render_template(
        "confirm.html", heading=_("Deactivate %(email)s?", email=target.email), action=request.path,
        lines=[_("The account can no longer log in and its sessions end at once. You can reactivate it later; "
                 "nothing of its data is deleted.")],
        button=_("Deactivate %(email)s", email=target.email), button_class="danger", cancel=back,
        hidden={"next": back},
    ), 200


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
def reactivate_user(user_id: int) -> Response:
    """Reactivate an account."""
    return _set_active(user_id, True)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int) -> Response | tuple[str, int]:
    """Change an account's name, e-mail, role, organisation and whether it is active."""
    target = admin_accounts.get_user(db.session, user_id)
    form = EditUserForm(obj=None if request.method == "POST" else target)
    form.role.choices = [(r.value, label) for r, label in ROLE_LABELS.items()]
    form.organization.choices = [("", "—")] + admin.organization_choices(db.session)
    if request.method == "GET":
        form.role.data = target.role.value
        form.organization.data = str(target.organization_id or "")
    if form.validate_on_submit():
        edit = admin_accounts.AccountEdit(
            display_name=form.display_name.data or "", email=form.email.data or "", role=form.role.data or "",
            organization_id=parse_int(form.organization.data), active=bool(form.active.data))
        try:
            admin_accounts.update_account(db.session, user(), user_id, edit)
            db.session.commit()
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc)
        else:
            flash(_("The account %(email)s was saved.", email=edit.email.strip().lower()), "success")
            return redirect(url_for("admin.edit_user", user_id=user_id))
    return render_template("admin/user_edit.html", form=form, target=target, button=ButtonForm(),
                           roles=ROLE_LABELS), 200 if request.method == "GET" else 400


def _reset_mail(target: User, raw: str) -> tuple[str, str]:
    minutes = int(TOKEN_LIFETIME.total_seconds() // 60)
    with force_locale(target.locale.value):
        subject = _("Choose a new Matchmaker password")
        body = _("An administrator of Matchmaker sent you this link to choose a new password. Open it within "
                 "%(minutes)s minutes:\n\n%(link)s\n\nThe link works once. Until you use it, your password stays "
                 "as it is.", minutes=minutes, link=external_url("auth.reset_password", token=raw))
    return subject, body


@bp.route("/users/<int:user_id>/reset", methods=["POST"])
def send_reset(user_id: int) -> Response:
    """Mail the user a link to choose a new password."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        target = admin_accounts.send_password_reset(db.session, user(), user_id, _reset_mail)
        db.session.commit()
    except Conflict:
        db.session.rollback()
        flash(_("The account is deactivated; reactivate it before sending a reset link."), "error")
    else:
        flash(_("A link to choose a new password was sent to %(email)s.", email=target.email), "success")
    return redirect(url_for("admin.edit_user", user_id=user_id))
