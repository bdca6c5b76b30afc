"""Admin views: the start page and the audit trail."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask_babel import lazy_gettext as _l

from matchmaker.core.validation import page_number
from matchmaker.models import Role
from matchmaker.services.admin import audit_trail
from matchmaker.services.admin import users as admin

from ..context import add_menu_item
from ..extensions import db
from ..i18n import current_locale
from . import audit_labels
from .blueprint import bp
from .forms import ROLE_LABELS, AuditFilterForm

# All admin menu entries here, so their order does not depend on the order modules are imported.
add_menu_item(Role.ADMIN, "admin.users", _l("Users"))
add_menu_item(Role.ADMIN, "admin.organizations", _l("Organisations"))
add_menu_item(Role.ADMIN, "admin.audit", _l("Audit trail"))
add_menu_item(Role.ADMIN, "admin.programs", _l("Study programs"))
add_menu_item(Role.ADMIN, "admin.municipalities", _l("Municipalities"))


@bp.context_processor
def _audit_words() -> dict[str, Any]:
    return {"audit_action": audit_labels.action_label, "audit_kind": audit_labels.object_kind,
            "audit_link": audit_labels.object_link, "audit_fields": audit_labels.detail_fields}


def _names(page: Any) -> dict[tuple[str, str], str]:
    return audit_trail.object_names(db.session, [event for event, _actor in page.items], current_locale())


def page_arg() -> int:
    """The ?page= argument, at least 1."""
    return page_number(request.args.get("page"))


@bp.route("/")
def home() -> str:
    """The admin's start page: users per role, the latest audit events, links."""
    recent = audit_trail.audit_events(db.session, audit_trail.AuditFilter(), per_page=10)
    return render_template("admin/home.html", counts=admin.user_counts(db.session), recent=recent,
                           roles=ROLE_LABELS, page=recent, names=_names(recent))


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
    return render_template("admin/audit.html", form=form, page=page, args=args, names=_names(page),
                           actions=audit_trail.audit_actions(db.session)), 200 if valid else 400
