"""Views of the employer area: dashboard, organisation profile and colleagues, contracts (read-only)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.core.errors import ValidationError
from matchmaker.core.validation import parse_int
from matchmaker.models import ContractStatus, Locale, Organization, Role, User
from matchmaker.services import catalogue
from matchmaker.services.accounts import organizations
from matchmaker.services.applications import pipeline
from matchmaker.services.contracts import progress
from matchmaker.services.contracts import queries as contracts
from matchmaker.services.offers import queries as offer_queries

from ..access import user
from ..context import add_menu_item
from ..extensions import db, limiter
from ..forms import apply_service_errors
from ..urls import external_url
from .blueprint import bp
from .forms import ColleagueForm, OrganizationForm

add_menu_item(Role.EMPLOYER, "employer.offers", _l("Offers"))
add_menu_item(Role.EMPLOYER, "employer.organization", _l("Organisation"))
add_menu_item(Role.EMPLOYER, "employer.contracts", _l("Contracts"))


@bp.route("/")
def home() -> str:
    """Dashboard: offers by status, new applications, and how the organisation's contracts are fulfilled."""
    me = user()
    if me.organization_id is None:  # e.g. an account made on the command line: nothing to show yet
        return render_template("employer/no_organization.html")
    org = organizations.own_organization(db.session, me)
    active = [c for c in contracts.contracts_for_organization(db.session, org.id) if c.status == ContractStatus.ACTIVE]
    return render_template(
        "employer/home.html",
        organization=org,
        counts=offer_queries.count_by_status(db.session, org.id),
        new_applications=pipeline.new_applications(db.session, org.id),
        new_count=pipeline.count_new_applications(db.session, org.id),
        contracts=[(c, progress.contract_progress(db.session, c)) for c in active],
    )


def _organization_form(org: Organization, *, from_request: bool) -> OrganizationForm:
    """The profile form: the posted values when it was posted, else the organisation's current values."""
    current = {
        "name": org.name, "sector": org.sector.value, "municipality": str(org.municipality_id or ""),
        "website": org.website, "description": org.description,
    }
    form = OrganizationForm() if from_request else OrganizationForm(formdata=None, data=current)
    form.municipality.choices = [("", "—"), *catalogue.municipality_choices(db.session)]
    return form


def _render_organization(
    form: OrganizationForm, colleague_form: ColleagueForm, status: int = 200
) -> tuple[str, int]:
    org = organizations.own_organization(db.session, user())
    return render_template(
        "employer/organization.html", organization=org, form=form, colleague_form=colleague_form,
        members=organizations.members(db.session, org.id),
    ), status


@bp.route("/organization", methods=["GET", "POST"])
def organization() -> tuple[str, int] | Response:
    """The organisation's profile, editable by its members, and the list of colleagues."""
    me = user()
    org = organizations.own_organization(db.session, me)
    form = _organization_form(org, from_request=request.method == "POST")
    if form.validate_on_submit():
        municipality = form.municipality.data
        try:
            organizations.update_profile(
                db.session, me, org.id,
                organizations.OrganizationProfile(
                    name=form.name.data or "", sector=form.sector.data or "",
                    municipality_id=parse_int(municipality),
                    website=form.website.data or "", description=form.description.data or "",
                ),
            )
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc)
        else:
            db.session.commit()
            flash(_("The organisation's profile is saved."), "success")
            return redirect(url_for("employer.organization"))
    status = 200 if request.method == "GET" else 400
    return _render_organization(form, ColleagueForm(formdata=None), status)


def _invitation_mail(colleague: User, raw: str) -> tuple[str, str]:
    me = user()
    link = external_url("auth.reset_password", token=raw)
    with force_locale(colleague.locale.value):
        subject = _("You have an employer account in Matchmaker")
        # Only the organisation's name, which a coach verified (members cannot rename a verified organisation):
        # nothing a member typed, so the mail cannot be used to carry somebody's own text.
        body = _(
            "A colleague at %(organization)s added you to the organisation in Matchmaker, where employers in the "
            "region find students for degree projects, internships and jobs.\n\n"
            "Choose your password with this link within %(days)s days:\n\n%(link)s\n\n"
            "The link works once. When it has expired, use \"Forgot password\" on the login page. If you do not "
            "know %(organization)s, ignore this mail.",
            organization=me.organization.name if me.organization else "",
            days=organizations.INVITATION_LIFETIME.days, link=link,
        )
    return subject, body


def _colleague_limit_key() -> str:
    return f"colleague:{current_user.get_id()}"


@bp.route("/organization/colleagues", methods=["POST"])
@limiter.limit("10 per day", methods=["POST"], key_func=_colleague_limit_key)
def add_colleague() -> tuple[str, int] | Response:
    """Add a colleague: an employer account in the same organisation, invited by mail to set a password."""
    me = user()
    form = ColleagueForm()
    if form.validate_on_submit():
        try:
            colleague = organizations.add_colleague(
                db.session, me, email=form.colleague_email.data or "", name=form.colleague_name.data or "",
                compose=_invitation_mail, locale=me.locale or Locale.SV,
            )
        except ValidationError as exc:
            db.session.rollback()
            apply_service_errors(form, exc, {"email": "colleague_email", "name": "colleague_name"})
        else:
            db.session.commit()
            flash(_("%(email)s was added and has been sent a link to choose a password.", email=colleague.email),
                  "success")
            return redirect(url_for("employer.organization"))
    org_form = _organization_form(organizations.own_organization(db.session, me), from_request=False)
    return _render_organization(org_form, form, 400)


@bp.route("/contracts", endpoint="contracts")
def contracts_page() -> str:
    """The organisation's Kompetenskontrakt, read-only, with the fulfilment of each commitment."""
    org = organizations.own_organization(db.session, user())
    found = contracts.contracts_for_organization(db.session, org.id)
    items = [(c, progress.contract_progress(db.session, c)) for c in found]
    return render_template("employer/contracts.html", organization=org, contracts=items)
