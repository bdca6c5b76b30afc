"""Admin views: organisations (list, search, verify, deactivate and reactivate, merge a duplicate)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from werkzeug.wrappers import Response

from matchmaker.core.errors import Conflict, ValidationError
from matchmaker.core.validation import parse_int
from matchmaker.services.admin import organizations as orgs
from matchmaker.services.admin import users as admin

from ..access import user
from ..extensions import db
from ..forms import apply_service_errors
from .blueprint import bp
from .forms import ButtonForm, ConfirmForm, MergeForm, OrganizationSearchForm
from .views import page_arg

STATE_LABELS = {"unverified": _l("Not verified"), "verified": _l("Verified"), "inactive": _l("Deactivated")}


@bp.route("/organizations")
def organizations() -> str:
    """Organisations, searchable by name or organisation number and filterable by status."""
    form = OrganizationSearchForm(request.args)
    form.state.choices = [("", _("All"))] + [(k, str(v)) for k, v in STATE_LABELS.items()]
    q, state = request.args.get("q", ""), request.args.get("state", "")
    page = orgs.list_organizations(db.session, q=q, state=state, page=page_arg())
    return render_template("admin/organizations.html", form=form, page=page,
                           args={k: v for k, v in {"q": q, "state": state}.items() if v})


def _merge_form(organization_id: int) -> MergeForm:
    form = MergeForm()
    form.duplicate.choices = [("", "—")] + [(v, label) for v, label in admin.organization_choices(db.session)
                                            if v != str(organization_id)]
    return form


def _page(organization_id: int, merge_form: MergeForm | None = None, confirm: ConfirmForm | None = None,
          status: int = 200) -> tuple[str, int]:
    org = orgs.get_organization(db.session, organization_id)
    merge_form = merge_form or _merge_form(organization_id)
    if merge_form.duplicate.data is None:
        merge_form.duplicate.data = request.args.get("duplicate", "")
    duplicate_id = parse_int(merge_form.duplicate.data)
    duplicate = orgs.find(db.session, duplicate_id) if duplicate_id and duplicate_id != org.id else None
    return render_template(
        "admin/organization.html", org=org, counts=orgs.counts(db.session, org.id), button=ButtonForm(),
        merge_form=merge_form, confirm=confirm or ConfirmForm(formdata=None), duplicate=duplicate,
        duplicate_counts=orgs.counts(db.session, duplicate.id) if duplicate else None,
        members=org.members,
    ), status


@bp.route("/organizations/<int:organization_id>")
def organization(organization_id: int) -> tuple[str, int]:
    """One organisation: its members, offers and contracts, and what an admin can do with it."""
    return _page(organization_id)


@bp.route("/organizations/<int:organization_id>/verify", methods=["POST"])
def verify_organization(organization_id: int) -> Response:
    """Verify the organisation (its members can then see consenting students)."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        orgs.verify(db.session, user(), organization_id)
        db.session.commit()
    except Conflict:
        db.session.rollback()
        flash(_("The organisation is already verified."), "info")
    else:
        flash(_("The organisation is verified."), "success")
    return redirect(url_for("admin.organization", organization_id=organization_id))


@bp.route("/organizations/<int:organization_id>/deactivate", methods=["POST"])
def deactivate_organization(organization_id: int) -> Response | tuple[str, int]:
    """Deactivate the organisation after the admin confirmed: members logged out, open offers closed."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        return _page(organization_id, confirm=form, status=400)
    orgs.set_active(db.session, user(), organization_id, False)
    db.session.commit()
    flash(_("The organisation is deactivated; its members cannot log in and its offers are closed."), "success")
    return redirect(url_for("admin.organization", organization_id=organization_id))


@bp.route("/organizations/<int:organization_id>/reactivate", methods=["POST"])
def reactivate_organization(organization_id: int) -> Response:
    """Reactivate the organisation (its members' accounts stay as they are)."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    orgs.set_active(db.session, user(), organization_id, True)
    db.session.commit()
    flash(_("The organisation is active again. Reactivate its members' accounts one by one."), "success")
    return redirect(url_for("admin.organization", organization_id=organization_id))


@bp.route("/organizations/<int:organization_id>/merge", methods=["POST"])
def merge_organization(organization_id: int) -> Response | tuple[str, int]:
    """Merge a duplicate into this organisation after the admin confirmed what moves."""
    orgs.get_organization(db.session, organization_id)
    form = _merge_form(organization_id)
    if not form.validate_on_submit():
        return _page(organization_id, merge_form=form, status=400)
    try:
        moved = orgs.merge(db.session, user(), organization_id, parse_int(form.duplicate.data) or 0)
        db.session.commit()
    except ValidationError as exc:
        db.session.rollback()
        apply_service_errors(form, exc)
        return _page(organization_id, merge_form=form, status=400)
    except Conflict:
        db.session.rollback()
        flash(_("Reactivate this organisation before merging another into it."), "error")
        return redirect(url_for("admin.organization", organization_id=organization_id))
    flash(_("Merged: %(members)s, %(offers)s and %(contracts)s moved here.",
            members=_count("member", moved.members), offers=_count("offer", moved.offers),
            contracts=_count("contract", moved.contracts)), "success")
    return redirect(url_for("admin.organization", organization_id=organization_id))


def _count(kind: str, n: int) -> str:
    if kind == "member":
        return ngettext("%(num)s member", "%(num)s members", n)
    if kind == "offer":
        return ngettext("%(num)s offer", "%(num)s offers", n)
    return ngettext("%(num)s contract", "%(num)s contracts", n)
