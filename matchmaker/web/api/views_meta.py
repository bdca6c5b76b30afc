"""The token's own identity, organisations, the OpenAPI description and the browsable docs."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, render_template

from matchmaker.services.accounts import tokens as token_service
from matchmaker.services.publishing import listing

from ..extensions import db
from . import present
from . import schemas as s
from .auth import api_user
from .blueprint import auth, bp
from .common import today
from .paging import page_by_id
from .setup import openapi_spec


@bp.get("/me")
@bp.auth_required(auth)
@bp.output(s.TokenInfo)
@bp.doc(operation_id="whoAmI", summary="The token's owner and scopes (any scope)", responses=[401])
def whoami() -> dict[str, Any]:
    """Who the token acts for and what it may do."""
    from flask import g

    me = api_user()
    token = g.api_token
    return {"user_id": me.id, "role": me.role.value, "scopes": token_service.effective_scopes(token),
            "expires_at": token.expires_at}


@bp.get("/organizations")
@bp.auth_required(auth, roles=["organizations:read"])
@bp.input(s.PageQuery, location="query")
@bp.output(s.OrganizationPage)
@bp.doc(operation_id="listOrganizations", summary="Organisations",
        description="Verified organisations (and your own); coaches see all.", responses=[400, 401, 403, 422])
def list_organizations(query_data: dict[str, Any]) -> dict[str, Any]:
    """Organisations the token's owner may list."""
    found = listing.organizations_for(db.session, api_user())
    items, cursor = page_by_id(found, query_data["cursor"], query_data["limit"])
    return {"items": [present.organization(o) for o in items], "next_cursor": cursor}


@bp.get("/organizations/<int:organization_id>")
@bp.auth_required(auth, roles=["organizations:read"])
@bp.output(s.OrganizationOut)
@bp.doc(operation_id="getOrganization", summary="One organisation", responses=[401, 403, 404])
def get_organization(organization_id: int) -> dict[str, Any]:
    """One organisation."""
    return present.organization(listing.organization_for(db.session, api_user(), organization_id))


@bp.get("/organizations/<int:organization_id>/offers")
@bp.auth_required(auth, roles=["offers:read"])
@bp.input(s.PageQuery, location="query")
@bp.output(s.OfferPage)
@bp.doc(operation_id="listOrganizationOffers", summary="An organisation's open offers",
        responses=[400, 401, 403, 404, 422])
def organization_offers(organization_id: int, query_data: dict[str, Any]) -> dict[str, Any]:
    """The open offers of one organisation."""
    me = api_user()
    org = listing.organization_for(db.session, me, organization_id)
    found = listing.open_offers(db.session, today(), organization_id=org.id)
    items, cursor = page_by_id(found, query_data["cursor"], query_data["limit"])
    return {"items": [present.offer(o, me) for o in items], "next_cursor": cursor}


@bp.route("/openapi.json")
@bp.doc(hide=True)
def openapi() -> Response:
    """The OpenAPI 3.1 description, generated from the code."""
    return current_app.json.response(openapi_spec(current_app))


@bp.route("/docs")
@bp.doc(hide=True)
def docs() -> str:
    """Browsable docs (Swagger UI, served from the installed package: no CDN)."""
    return render_template("api/docs.html")
