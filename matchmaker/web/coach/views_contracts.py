"""Coach views: Kompetenskontraktet contracts, their progress and CSV exports."""

from __future__ import annotations

from datetime import date

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.core.errors import Conflict, ValidationError
from matchmaker.core.validation import parse_int
from matchmaker.models import CompetenceContract, ContractStatus, Role
from matchmaker.services import catalogue
from matchmaker.services.accounts import organizations
from matchmaker.services.contracts import editing as contracts_admin
from matchmaker.services.contracts import progress

from ..access import user
from ..context import add_menu_item
from ..extensions import db
from ..forms import apply_service_errors
from ..i18n import current_locale
from ..labels import CONTRACT_STATUSES, OFFER_KINDS
from .blueprint import bp
from .forms_contracts import ContractForm

add_menu_item(Role.COACH, "coach.contracts", _l("Contracts"))

BLANK_LINES = 2
LINE_STATUS_LABELS = {
    "fulfilled": _l("Fulfilled"),
    "not_started": _l("Not started"),
    "on_track": _l("On track"),
    "behind": _l("Behind"),
}


def _csv_response(body: bytes, filename: str) -> Response:
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store",
    })


@bp.route("/contracts")
def contracts() -> str:
    """All contracts with their overall state."""
    status = request.args.get("status", "")
    if status not in {s.value for s in ContractStatus}:
        status = ""
    found = contracts_admin.list_contracts(db.session, status or None)
    states = contracts_admin.overview(db.session, found, date.today())
    return render_template(
        "coach/contracts.html", contracts=found, states=states, status=status,
        status_labels=CONTRACT_STATUSES, line_labels=LINE_STATUS_LABELS,
    )


@bp.route("/contracts.csv")
def contracts_csv() -> Response:
    """Every contract line as CSV."""
    found = contracts_admin.list_contracts(db.session)
    return _csv_response(contracts_admin.contracts_csv(db.session, found, date.today()), "contracts.csv")


@bp.route("/contracts/<int:contract_id>.csv")
def contract_csv(contract_id: int) -> Response:
    """One contract's lines as CSV."""
    contract = contracts_admin.get_contract(db.session, contract_id)
    body = contracts_admin.contracts_csv(db.session, [contract], date.today())
    return _csv_response(body, f"contract-{contract.id}.csv")


@bp.route("/contracts/<int:contract_id>")
def contract(contract_id: int) -> str:
    """One contract: its lines and how each is going."""
    found = contracts_admin.get_contract(db.session, contract_id)
    lines = progress.contract_progress(db.session, found, date.today())
    return render_template(
        "coach/contract.html", contract=found, lines=zip(found.commitments, lines, strict=True),
        kind_labels=OFFER_KINDS, status_labels=CONTRACT_STATUSES, line_labels=LINE_STATUS_LABELS,
        locale=current_locale(),
    )


def _prepare(form: ContractForm, blank: int) -> None:
    locale = current_locale()
    orgs = organizations.all_organizations(db.session)
    form.organization.choices = [("", "—")] + [(str(o.id), f"{o.name} ({o.org_number})") for o in orgs]
    for _i in range(blank):
        form.lines.append_entry()
    kinds = [("", "—")] + [(k.value, label) for k, label in OFFER_KINDS.items()]
    programs = [("", "—")] + [(str(p.id), p.name(locale)) for p in catalogue.programs(db.session)]
    for entry in form.lines:
        entry.form.kind.choices = kinds
        entry.form.program.choices = programs


def _inputs(form: ContractForm) -> tuple[contracts_admin.ContractInput, list[contracts_admin.LineInput]]:
    data = contracts_admin.ContractInput(
        organization_id=parse_int(form.organization.data),
        title=form.title.data or "", period_start=form.period_start.data, period_end=form.period_end.data,
        status=form.status.data or "", signed_on=form.signed_on.data, notes=form.notes.data or "",
    )
    lines = []
    for entry in form.lines:
        f = entry.form
        lines.append(contracts_admin.LineInput(
            id=parse_int(f.id.data), kind=f.kind.data or "",
            program_id=parse_int(f.program.data),
            count=f.count.data, remove=bool(f.remove.data),
        ))
    return data, lines


def _show_errors(form: ContractForm, exc: ValidationError) -> None:
    # Line errors come as "lines-<i>-<field>"; put them on the right row of the form.
    rest: dict[str, str] = {}
    for key, reason in exc.errors.items():
        parts = key.split("-")
        row = parse_int(parts[1], 0, len(form.lines) - 1) if len(parts) == 3 and parts[0] == "lines" else None
        if row is not None:
            field = getattr(form.lines[row].form, parts[2])
            field.errors = [*list(field.errors), _(reason)]
        else:
            rest[key] = reason
    if rest:
        apply_service_errors(form, ValidationError(rest))


def _edit(form: ContractForm, found: CompetenceContract | None) -> str | Response | tuple[str, int]:
    """Shared POST handling of the new and edit pages."""
    if request.method == "POST" and "add_line" in request.form:
        form.lines.append_entry()
        _prepare(form, 0)
        return render_template("coach/contract_form.html", form=form, contract=found)
    if form.validate_on_submit():
        data, lines = _inputs(form)
        try:
            if found is None:
                saved = contracts_admin.create_contract(db.session, user(), data, lines)
            else:
                version = parse_int(form.version_id.data, 0)
                saved = contracts_admin.update_contract(db.session, user(), found.id, version, data, lines)
        except ValidationError as exc:
            db.session.rollback()
            _show_errors(form, exc)
        except Conflict:
            db.session.rollback()
            form.form_errors.append(_(
                "Someone else saved this contract after you opened it. Nothing was saved. "
                "Open the contract again to see the current version, then make your change."
            ))
            return render_template("coach/contract_form.html", form=form, contract=found, conflict=True), 409
        else:
            db.session.commit()
            flash(_("The contract is saved."), "success")
            return redirect(url_for("coach.contract", contract_id=saved.id))
    status = 200 if request.method == "GET" else 400
    return render_template("coach/contract_form.html", form=form, contract=found), status


@bp.route("/contracts/new", methods=["GET", "POST"])
def contract_new() -> str | Response | tuple[str, int]:
    """Create a contract."""
    form = ContractForm()
    if request.method == "GET":
        form.organization.data = request.args.get("organization", "")
        form.status.data = ContractStatus.DRAFT.value
    _prepare(form, BLANK_LINES if request.method == "GET" else 0)
    return _edit(form, None)


@bp.route("/contracts/<int:contract_id>/edit", methods=["GET", "POST"])
def contract_edit(contract_id: int) -> str | Response | tuple[str, int]:
    """Edit a contract and its lines (optimistic locking on version_id)."""
    found = contracts_admin.get_contract(db.session, contract_id)
    if request.method == "GET":
        form = ContractForm(
            data={
                "version_id": str(found.version_id), "organization": str(found.organization_id),
                "title": found.title, "period_start": found.period_start, "period_end": found.period_end,
                "status": found.status.value, "signed_on": found.signed_on, "notes": found.notes,
                "lines": [{"id": str(c.id), "kind": c.kind.value, "program": str(c.program_id), "count": c.count}
                          for c in found.commitments],
            }
        )
        _prepare(form, BLANK_LINES)
    else:
        form = ContractForm()
        _prepare(form, 0)
    return _edit(form, found)
