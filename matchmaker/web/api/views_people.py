"""Applications (the employer's pipeline, the student's own) and matches (a student's, an offer's)."""

from __future__ import annotations

from typing import Any

from matchmaker.core.errors import Forbidden
from matchmaker.models import Role
from matchmaker.services.applications import matches, pipeline
from matchmaker.services.applications import student as student_applications
from matchmaker.services.karriarsok import recommendations
from matchmaker.services.matching_runs.strength import current_bands

from ..application_mail import status_mail
from ..extensions import db, offer_index
from ..i18n import current_locale
from . import present
from . import schemas as s
from .auth import api_user
from .blueprint import auth, bp
from .common import require_role, today, with_etag
from .paging import if_match_version, page_by_id
from .problems import Problem


@bp.get("/offers/<int:offer_id>/applications")
@bp.auth_required(auth, roles=["applications:read"])
@bp.input(s.PageQuery, location="query")
@bp.output(s.ApplicationPage)
@bp.doc(operation_id="listOfferApplications", summary="Applications to one of your organisation's offers",
        responses=[400, 401, 403, 404, 422])
def offer_applications(offer_id: int, query_data: dict[str, Any]) -> dict[str, Any]:
    """The applications to an offer of the employer's organisation."""
    me = api_user()
    require_role(me, Role.EMPLOYER)
    found = pipeline.applications_for_offer(db.session, me, offer_id)
    items, cursor = page_by_id(found, query_data["cursor"], query_data["limit"])
    return {"items": [present.application(a, for_employer=True) for a in items], "next_cursor": cursor}


@bp.get("/applications/<int:application_id>")
@bp.auth_required(auth, roles=["applications:read"])
@bp.output(s.Application)
@bp.doc(operation_id="getApplication", summary="Read one application",
        description="An employer reads applications to their organisation's offers; a student their own.",
        responses=[401, 403, 404])
def get_application(application_id: int) -> Any:
    """One application, as its employer or its student sees it."""
    me = api_user()
    require_role(me, Role.EMPLOYER, Role.STUDENT)
    if me.role == Role.EMPLOYER:
        found = pipeline.get_application_for(db.session, me, application_id)
    else:
        found = student_applications.get_own(db.session, me, application_id)
    return with_etag(present.application(found, for_employer=me.role == Role.EMPLOYER))


@bp.post("/applications/<int:application_id>/moves")
@bp.auth_required(auth, roles=["applications:write"])
@bp.input(s.MoveIn)
@bp.output(s.Application)
@bp.doc(operation_id="moveApplication", summary="Move an application a step in the pipeline",
        description="Needs `If-Match`. The student is told by mail, with your message, as on the web pages.",
        responses=[401, 403, 404, 412, 422, 428])
def move_application(application_id: int, json_data: dict[str, Any]) -> Any:
    """Move an application to the next status."""
    me = api_user()
    require_role(me, Role.EMPLOYER)
    version = if_match_version()
    pipeline.move(db.session, me, application_id, json_data["status"], message=json_data["message"],
                  expected_version=version, notify=status_mail)
    db.session.commit()
    found = pipeline.get_application_for(db.session, me, application_id)
    return with_etag(present.application(found, for_employer=True))


@bp.get("/me/applications")
@bp.auth_required(auth, roles=["applications:read"])
@bp.input(s.PageQuery, location="query")
@bp.output(s.ApplicationPage)
@bp.doc(operation_id="listOwnApplications", summary="Your own applications (students)",
        responses=[400, 401, 403, 422])
def own_applications(query_data: dict[str, Any]) -> dict[str, Any]:
    """The student's own applications."""
    me = api_user()
    require_role(me, Role.STUDENT)
    found = student_applications.list_own(db.session, me)
    items, cursor = page_by_id(found, query_data["cursor"], query_data["limit"])
    return {"items": [present.application(a, for_employer=False) for a in items], "next_cursor": cursor}


@bp.get("/me/matches")
@bp.auth_required(auth, roles=["matches:read"])
@bp.input(s.LimitQuery, location="query")
@bp.output(s.SearchPage)
@bp.doc(operation_id="listOwnMatches", summary="Offers recommended for you, with reasons (students)",
        responses=[401, 403, 422])
def own_matches(query_data: dict[str, Any]) -> dict[str, Any]:
    """The student's recommended open offers, best first."""
    me = api_user()
    require_role(me, Role.STUDENT)
    hits = recommendations.recommended(db.session, offer_index(), me, today(), k=query_data["limit"])
    bands = current_bands(db.session)
    return {"items": [present.hit(h, me, bands) for h in hits],
            "total": len(hits), "next_cursor": None}


@bp.get("/offers/<int:offer_id>/matches")
@bp.auth_required(auth, roles=["matches:read"])
@bp.input(s.LimitQuery, location="query")
@bp.output(s.CandidatePage)
@bp.doc(operation_id="listOfferMatches", summary="Consenting students ranked for your offer",
        description="Only students who chose to be visible to employers, and only for a verified organisation "
                    "(403 otherwise). No contact details: those follow an application.",
        responses=[401, 403, 404, 422])
def offer_matches(offer_id: int, query_data: dict[str, Any]) -> dict[str, Any]:
    """Consenting students for one of the organisation's offers."""
    me = api_user()
    require_role(me, Role.EMPLOYER)
    try:
        found = matches.matches_for_offer(db.session, offer_index(), me, offer_id, k=query_data["limit"],
                                          today=today(), locale=current_locale())
    except Forbidden as exc:
        raise Problem(403, str(exc), {"organization": "is not verified"}) from None
    bands = current_bands(db.session)
    return {"items": [{"student_id": c.student_id, "score": c.score, "strength": bands.word(c.score),
                       "reasons": c.reasons, "profile": c.profile, "applied": c.applied,
                       "invited": c.invitation is not None} for c in found],
            "next_cursor": None}
