"""Kompetenskontraktet through the API: contracts and their fulfilment, placements and follow-up, reports."""

from __future__ import annotations

from typing import Any

from matchmaker.core.terms import valid_period_term
from matchmaker.models import Role
from matchmaker.services.contracts import editing as contract_editing
from matchmaker.services.contracts import progress, reports
from matchmaker.services.contracts import queries as contract_queries
from matchmaker.services.placements import placements

from ..extensions import db
from ..i18n import current_locale
from . import present
from . import schemas as s
from .auth import api_user
from .blueprint import auth, bp
from .common import require_role, today, with_etag
from .paging import page_by_id
from .problems import Problem

REPORTS = ("funnel", "region", "timing", "fulfilment", "by_kind", "by_program", "by_municipality", "by_term")


@bp.get("/contracts")
@bp.auth_required(auth, roles=["contracts:read"])
@bp.input(s.PageQuery, location="query")
@bp.output(s.ContractPage)
@bp.doc(operation_id="listContracts", summary="Competence contracts with their fulfilment",
        description="Coaches see every contract, employers their organisation's.", responses=[400, 401, 403, 422])
def list_contracts(query_data: dict[str, Any]) -> dict[str, Any]:
    """Contracts the token's owner may read."""
    me = api_user()
    require_role(me, Role.COACH, Role.EMPLOYER)
    if me.role == Role.COACH:
        found = contract_editing.list_contracts(db.session)
    else:
        found = contract_queries.contracts_for_organization(db.session, me.organization_id or 0)
    items, cursor = page_by_id(found, query_data["cursor"], query_data["limit"])
    return {"items": [present.contract(c, progress.contract_progress(db.session, c, today())) for c in items],
            "next_cursor": cursor}


@bp.get("/contracts/<int:contract_id>")
@bp.auth_required(auth, roles=["contracts:read"])
@bp.output(s.Contract)
@bp.doc(operation_id="getContract", summary="One contract and the fulfilment of each line",
        responses=[401, 403, 404])
def get_contract(contract_id: int) -> Any:
    """One contract (coach: any; employer: their organisation's)."""
    me = api_user()
    require_role(me, Role.COACH, Role.EMPLOYER)
    if me.role == Role.COACH:
        found = contract_editing.get_contract(db.session, contract_id)
    else:
        found = contract_queries.contract_of_organization(db.session, me.organization_id or 0, contract_id)
    return with_etag(present.contract(found, progress.contract_progress(db.session, found, today())))


@bp.get("/placements")
@bp.auth_required(auth, roles=["placements:read"])
@bp.input(s.PlacementQuery, location="query")
@bp.output(s.PlacementPage)
@bp.doc(operation_id="listPlacements", summary="Placements and their follow-up (coaches)",
        responses=[400, 401, 403, 422])
def list_placements(query_data: dict[str, Any]) -> dict[str, Any]:
    """Placements matching the filters."""
    me = api_user()
    require_role(me, Role.COACH)
    wanted = placements.PlacementFilter(term=query_data["term"].upper(), kind=query_data["kind"],
                                        organization_id=query_data["organization_id"],
                                        completed=query_data["completed"])
    items, cursor = page_by_id(placements.list_placements(db.session, wanted), query_data["cursor"],
                               query_data["limit"])
    return {"items": [present.placement(p) for p in items], "next_cursor": cursor}


@bp.get("/placements/<int:placement_id>")
@bp.auth_required(auth, roles=["placements:read"])
@bp.output(s.Placement)
@bp.doc(operation_id="getPlacement", summary="One placement (coaches)", responses=[401, 403, 404])
def get_placement(placement_id: int) -> dict[str, Any]:
    """One placement."""
    require_role(api_user(), Role.COACH)
    return present.placement(placements.get(db.session, placement_id))


@bp.patch("/placements/<int:placement_id>")
@bp.auth_required(auth, roles=["placements:write"])
@bp.input(s.FollowUpIn)
@bp.output(s.Placement)
@bp.doc(operation_id="followUpPlacement", summary="Record follow-up: completed, stayed in the region (coaches)",
        responses=[401, 403, 404, 422])
def follow_up(placement_id: int, json_data: dict[str, Any]) -> dict[str, Any]:
    """Record whether a placement was completed and whether the student stayed in the region."""
    me = api_user()
    require_role(me, Role.COACH)
    found = placements.get(db.session, placement_id)
    if "completed" in json_data:
        placements.set_completed(db.session, me, found, bool(json_data["completed"]))
    if "stayed_in_region" in json_data:
        placements.set_stayed_in_region(db.session, me, found, json_data["stayed_in_region"])
    db.session.commit()
    return present.placement(found)


@bp.get("/reports/<string:name>")
@bp.auth_required(auth, roles=["reports:read"])
@bp.input(s.ReportQuery, location="query")
@bp.output(s.Report)
@bp.doc(operation_id="getReport", summary="A coach report as JSON",
        description="name: " + ", ".join(REPORTS) + ". Period: `from`/`to` dates and/or a `term` "
                    "(VT2027, SO2027 or HT2027).",
        responses=[401, 403, 404, 422])
def get_report(name: str, query_data: dict[str, Any]) -> dict[str, Any]:
    """One of the coach reports for a period."""
    require_role(api_user(), Role.COACH)
    if name not in REPORTS:
        raise Problem(404, "No such report; see the operation's description.")
    term = query_data["term"].upper()
    errors = {}
    if term and not valid_period_term(term):
        errors["term"] = "write it like VT2027 (spring), SO2027 (summer, June-August) or HT2027 (autumn)"
    if query_data["start"] and query_data["end"] and query_data["end"] < query_data["start"]:
        errors["to"] = "is before from"
    if errors:
        raise Problem(422, "Some fields were refused; see errors.", errors)
    period = reports.Period(start=query_data["start"], end=query_data["end"], term=term)
    data: dict[str, Any]
    if name == "funnel":
        data = dict(reports.funnel(db.session, period))
    elif name == "region":
        data = reports.region_share(db.session, period)
    elif name == "timing":
        data = reports.time_to_first_application(db.session, period)
    elif name == "fulfilment":
        data = {"rows": reports.contract_fulfilment(db.session, period, today())}
    else:
        data = {"rows": reports.placements_by(db.session, period, name.removeprefix("by_"), current_locale())}
    bounds = period.bounds()
    return {"name": name, "period": {"from": bounds[0], "to": bounds[1], "term": term}, "data": data}
