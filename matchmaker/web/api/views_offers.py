"""Offers: Karriärsök's search with reasons, one offer, and the employer's create, update and submit."""

from __future__ import annotations

from typing import Any

from flask import url_for

from matchmaker.models import Role
from matchmaker.services.karriarsok import search
from matchmaker.services.matching_runs.strength import current_bands
from matchmaker.services.offers import editing, queries

from ..extensions import db, offer_index
from . import present
from . import schemas as s
from .auth import api_user
from .blueprint import auth, bp
from .common import require_role, today, with_etag
from .paging import cursor_int, decode_cursor, encode_cursor, if_match_version, page_by_id

ERRORS = [401, 403, 404, 422]


def _input(data: dict[str, Any]) -> editing.OfferInput:
    return editing.OfferInput(
        kind=data["kind"], title=data["title"], description=data["description"], skills=list(data["skills"]),
        program_slugs=list(data["programs"]), municipality_id=data["municipality_id"], remote=data["remote"],
        language=data["language"], period_start=data["period_start"], period_end=data["period_end"],
        places=data["places"], application_deadline=data["application_deadline"],
        commitment_id=data["commitment_id"],
    )


@bp.get("/offers")
@bp.auth_required(auth, roles=["offers:read"])
@bp.input(s.SearchQuery, location="query")
@bp.output(s.SearchPage)
@bp.doc(operation_id="searchOffers", summary="Search open offers",
        description="Karriärsök's filters and ranking: a student's token ranks by the query and the profile and "
                    "gets the reasons; 20 results a page.", responses=[400, 401, 403, 422])
def search_offers(query_data: dict[str, Any]) -> dict[str, Any]:
    """Search open offers with Karriärsök's filters and ranking."""
    me = api_user()
    page = cursor_int(decode_cursor(query_data.pop("cursor")), "page", 1, search.MAX_PAGE) or 1
    args = {k: v for k, v in query_data.items() if v not in (None, "", False)}
    params = search.SearchParams.from_args({**{k: ("1" if v is True else str(v)) for k, v in args.items()},
                                            "page": str(page)})
    profile = me.student_profile if me.role == Role.STUDENT else None
    result = search.search(db.session, offer_index(), params, profile, today())
    more = result.page < result.pages and bool(result.hits)
    bands = current_bands(db.session)
    return {
        "items": [present.hit(h, me, bands) for h in result.hits],
        "total": result.total, "next_cursor": encode_cursor({"page": page + 1}) if more else None,
    }


@bp.get("/offers/<int:offer_id>")
@bp.auth_required(auth, roles=["offers:read"])
@bp.output(s.Offer)
@bp.doc(operation_id="getOffer", summary="Read one offer",
        description="Published offers for everyone; unpublished ones for their own organisation and coaches. "
                    "The ETag is the offer's version.", responses=[401, 403, 404])
def get_offer(offer_id: int) -> Any:
    """One offer as the token's owner may see it."""
    me = api_user()
    return with_etag(present.offer(queries.offer_for_viewer(db.session, me, offer_id), me))


@bp.get("/me/offers")
@bp.auth_required(auth, roles=["offers:read"])
@bp.input(s.PageQuery, location="query")
@bp.output(s.OfferPage)
@bp.doc(operation_id="listOwnOffers", summary="Your organisation's offers, every status",
        responses=[400, 401, 403, 422])
def own_offers(query_data: dict[str, Any]) -> dict[str, Any]:
    """The offers of the employer's organisation."""
    me = api_user()
    require_role(me, Role.EMPLOYER)
    items, cursor = page_by_id(queries.offers_of(db.session, me), query_data["cursor"], query_data["limit"])
    return {"items": [present.offer(o, me) for o in items], "next_cursor": cursor}


@bp.post("/offers")
@bp.auth_required(auth, roles=["offers:write"])
@bp.input(s.OfferIn)
@bp.output(s.Offer, status_code=201)
@bp.doc(operation_id="createOffer", summary="Create an offer (a draft)",
        description="An employer's draft for their organisation; submit it for review with `submitOffer`.",
        responses=ERRORS)
def create_offer(json_data: dict[str, Any]) -> Any:
    """Create a draft offer."""
    me = api_user()
    require_role(me, Role.EMPLOYER)
    offer = editing.create_offer(db.session, me, _input(json_data), today=today())
    db.session.commit()
    return with_etag(present.offer(offer, me), 201, Location=url_for("api.get_offer", offer_id=offer.id))


@bp.put("/offers/<int:offer_id>")
@bp.auth_required(auth, roles=["offers:write"])
@bp.input(s.OfferIn)
@bp.output(s.Offer)
@bp.doc(operation_id="updateOffer", summary="Replace an offer's fields",
        description="Needs `If-Match` with the ETag you read. Changing more than the deadline of a published "
                    "offer sends it back to review.", responses=[*ERRORS, 409, 412, 428])
def update_offer(offer_id: int, json_data: dict[str, Any]) -> Any:
    """Save an edit of one of the organisation's offers."""
    me = api_user()
    require_role(me, Role.EMPLOYER)
    version = if_match_version()
    offer = editing.update_offer(db.session, me, offer_id, _input(json_data), expected_version=version,
                                 today=today())
    db.session.commit()
    return with_etag(present.offer(offer, me))


@bp.post("/offers/<int:offer_id>/submit")
@bp.auth_required(auth, roles=["offers:write"])
@bp.output(s.Offer)
@bp.doc(operation_id="submitOffer", summary="Send an offer to the coaches for review",
        description="Needs `If-Match`. Only drafts and offers with requested changes can be submitted.",
        responses=[401, 403, 404, 409, 412, 422, 428])
def submit_offer(offer_id: int) -> Any:
    """Submit a draft for review."""
    me = api_user()
    require_role(me, Role.EMPLOYER)
    version = if_match_version()
    offer = editing.submit_offer(db.session, me, offer_id, expected_version=version, today=today())
    db.session.commit()
    return with_etag(present.offer(offer, me))
