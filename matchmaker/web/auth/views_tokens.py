"""The settings page for personal access tokens: create (the secret is shown once), list, revoke."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import SelectField, SelectMultipleField, StringField, widgets

from matchmaker.core.errors import ValidationError
from matchmaker.models import Role
from matchmaker.services.accounts import tokens

from ..access import user
from ..context import add_menu_item
from ..extensions import db
from ..forms import apply_service_errors
from .blueprint import bp

for _role in Role:
    add_menu_item(_role, "auth.api_tokens", _l("API tokens"))

SCOPE_LABELS = {
    "offers:read": _l("Search and read offers"),
    "offers:write": _l("Create, edit and submit your organisation's offers, import offers"),
    "organizations:read": _l("Read organisations"),
    "applications:read": _l("Read applications (your own, or to your organisation's offers)"),
    "applications:write": _l("Move applications through your organisation's pipeline"),
    "matches:read": _l("Read matches (your own, or consenting students for your organisation's offers)"),
    "contracts:read": _l("Read competence contracts and their fulfilment"),
    "placements:read": _l("Read placements and their follow-up"),
    "placements:write": _l("Record placement follow-up"),
    "reports:read": _l("Read the coach reports"),
}


class TokenForm(FlaskForm):
    name = StringField(_l("Name (what the token is for)"))
    scopes = SelectMultipleField(_l("What the token may do"), widget=widgets.ListWidget(prefix_label=False),
                                 option_widget=widgets.CheckboxInput(), validate_choice=False)
    expires_in_days = SelectField(_l("Valid for"), validate_choice=False)


def _form() -> TokenForm:
    form = TokenForm()
    form.scopes.choices = [(s, str(SCOPE_LABELS[s])) for s in tokens.allowed_scopes(user())]
    form.expires_in_days.choices = [(str(d), _("%(days)s days", days=d)) for d in tokens.LIFETIMES]
    if request.method == "GET":
        form.expires_in_days.data = "90"
    return form


def _render(form: TokenForm, secret: str | None = None, status: int = 200) -> tuple[str, int, dict[str, str]]:
    page = render_template("auth/api_tokens.html", form=form, tokens=tokens.active_tokens(db.session, user()),
                           secret=secret, scope_labels=SCOPE_LABELS)
    # The page may carry a secret: no cache keeps it.
    return page, status, {"Cache-Control": "no-store"}


@bp.route("/account/tokens", methods=["GET", "POST"])
@login_required
def api_tokens() -> tuple[str, int, dict[str, str]]:
    """List the user's API tokens and create a new one (its secret is shown on this answer only)."""
    form = _form()
    if request.method == "POST" and form.validate_on_submit():
        raw_days = form.expires_in_days.data or ""
        try:
            created = tokens.create_token(db.session, user(), form.name.data or "", list(form.scopes.data or []),
                                          int(raw_days) if raw_days.isdigit() else None)
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc)
            return _render(form, status=400)
        db.session.commit()
        return _render(_form_blank(), secret=created.secret, status=201)
    return _render(form, status=200 if request.method == "GET" else 400)


def _form_blank() -> TokenForm:
    form = TokenForm(formdata=None)
    form.scopes.choices = [(s, str(SCOPE_LABELS[s])) for s in tokens.allowed_scopes(user())]
    form.expires_in_days.choices = [(str(d), _("%(days)s days", days=d)) for d in tokens.LIFETIMES]
    form.expires_in_days.data = "90"
    return form


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_api_token(token_id: int) -> Response:
    """Revoke one of the user's tokens: it stops working at once."""
    tokens.revoke_token(db.session, user(), token_id)
    db.session.commit()
    flash(_("The token is revoked."), "success")
    return redirect(url_for("auth.api_tokens"), 303)
