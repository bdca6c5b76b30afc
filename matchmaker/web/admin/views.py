"""Admin views: the start page and the audit trail."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import lazy_gettext as _l

from matchmaker.core.validation import page_number
from matchmaker.models import Role
from matchmaker.services.admin import audit_trail
from matchmaker.services.admin import users as admin

from ..context import add_menu_item
from ..extensions import db
from .blueprint import bp
from .forms import ROLE_LABELS, AuditFilterForm

# All admin menu entries here, so their order does not depend on the order modules are imported.
add_menu_item(Role.ADMIN, "admin.users", _l("Users"))
add_menu_item(Role.ADMIN, "admin.audit", _l("Audit trail"))
add_menu_item(Role.ADMIN, "admin.programs", _l("Study programs"))
add_menu_item(Role.ADMIN, "admin.municipalities", _l("Municipalities"))


def page_arg() -> int:
    """The ?page= argument, at least 1."""
    return page_number(request.args.get("page"))


@bp.route("/")
def home() -> str:
    """The admin's start page: users per role, the latest audit events, links."""
    recent = audit_trail.audit_events(db.session, audit_trail.AuditFilter(), per_page=10)
    return render_template("admin/home.html", counts=admin.user_counts(db.session), recent=recent,
                           roles=ROLE_LABELS)


@bp.route("/audit")
def audit() -> tuple[str, int]:
    """Audit events filtered by actor, action and dates, newest first, paginated."""
    form = AuditFilterForm(request.args)
    valid = form.validate()
    filters = audit_trail.AuditFilter(
        actor=form.actor.data or "", action=form.action.data or "",
        date_from=form.date_from.data if valid else None, date_to=form.date_to.data if valid else None,
    )
    page = audit_trail.audit_events(db.session, filters, page=page_arg())
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("admin/audit.html", form=form, page=page, args=args,
                           actions=audit_trail.audit_actions(db.session)), 200 if valid else 400
