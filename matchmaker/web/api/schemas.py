"""Marshmallow schemas of the API: what it accepts (unknown fields refused) and what it answers.

The OpenAPI 3.1 description is generated from these (apiflask + apispec), so they are the contract: the
schemathesis suite checks every answer against them.
"""

from __future__ import annotations

from apiflask import Schema
from apiflask.fields import Boolean, Date, DateTime, Dict, Float, Integer, List, Nested, String
from apiflask.validators import Length, OneOf, Range
from marshmallow import RAISE

from matchmaker.models import ApplicationStatus, Locale, OfferKind, OfferStatus

KINDS = [k.value for k in OfferKind]
MAX_INT = 2**31 - 1


class Strict(Schema):
    """Input schemas refuse fields they do not know, so a typo is an error rather than silently ignored."""

    class Meta:
        unknown = RAISE


class PageQuery(Strict):
    cursor = String(load_default=None, validate=Length(max=500),
                    metadata={"description": "The `next_cursor` of the previous page."})
    limit = Integer(load_default=20, validate=Range(1, 100), metadata={"description": "Items per page (1-100)."})


class Reason(Schema):
    kind = String(required=True, metadata={"description": "term, skill, missing_skill or boost"})
    label = String(required=True)
    weight = Float(required=True)


class Ref(Schema):
    id = Integer(required=True)
    name = String(required=True)


class Place(Schema):
    id = Integer(required=True)
    code = String(required=True)
    name = String(required=True)
    county = String(required=True)


class Offer(Schema):
    id = Integer(required=True)
    kind = String(required=True, validate=OneOf(KINDS))
    title = String(required=True)
    description = String(required=True)
    skills = List(String(), required=True)
    programs = List(String(), required=True, metadata={"description": "Study program slugs; empty: every program."})
    organization = Nested(Ref, required=True)
    municipality = Nested(Place, required=True, allow_none=True)
    remote = Boolean(required=True)
    language = String(required=True)
    period_start = Date(required=True, allow_none=True)
    period_end = Date(required=True, allow_none=True)
    places = Integer(required=True)
    application_deadline = Date(required=True, allow_none=True)
    status = String(required=True, validate=OneOf([s.value for s in OfferStatus]))
    published_at = DateTime(required=True, allow_none=True)
    updated_at = DateTime(required=True)
    commitment_id = Integer(required=True, allow_none=True,
                            metadata={"description": "Own organisation's offers only (else null)."})
    review_comment = String(required=True, allow_none=True,
                            metadata={"description": "Own organisation's offers only (else null)."})
    version = Integer(required=True, metadata={"description": "Also sent as the ETag; give it back in If-Match."})
    url = String(required=True)


class OfferIn(Strict):
    kind = String(required=True, validate=OneOf(KINDS))
    title = String(required=True, validate=Length(1, 200))
    description = String(required=True, validate=Length(1, 20000))
    skills = List(String(validate=Length(1, 60)), load_default=list, validate=Length(max=30))
    programs = List(String(validate=Length(1, 64)), load_default=list, validate=Length(max=50))
    municipality_id = Integer(load_default=None, allow_none=True, validate=Range(1, MAX_INT))
    remote = Boolean(load_default=False)
    language = String(load_default="sv", validate=OneOf([loc.value for loc in Locale]))
    period_start = Date(load_default=None, allow_none=True)
    period_end = Date(load_default=None, allow_none=True)
    places = Integer(load_default=1, validate=Range(1, 1000))
    application_deadline = Date(required=True)
    commitment_id = Integer(load_default=None, allow_none=True, validate=Range(1, MAX_INT))


class SearchQuery(Strict):
    q = String(load_default="", validate=Length(max=200))
    kind = String(load_default="", validate=OneOf(["", *KINDS]))
    program = String(load_default="", validate=Length(max=64))
    municipality = Integer(load_default=None, validate=Range(1, MAX_INT))
    county = String(load_default="", validate=Length(max=100))
    remote = Boolean(load_default=False)
    within_days = Integer(load_default=None, validate=Range(0, 366))
    contract = Boolean(load_default=False, metadata={"description": "Only employers with an active contract."})
    sort = String(load_default="best", validate=OneOf(["best", "newest", "deadline"]))
    cursor = String(load_default=None, validate=Length(max=500))


STRENGTHS = ["strong", "good", "some"]
STRENGTH = ("The score in words, on the scale every page uses: compared with the scores of the latest matching "
            "run (null unranked).")


class Hit(Schema):
    offer = Nested(Offer, required=True)
    score = Float(required=True, allow_none=True, metadata={"description": "Match strength 0..1; null unranked."})
    strength = String(required=True, allow_none=True, validate=OneOf(STRENGTHS), metadata={"description": STRENGTH})
    reasons = List(Nested(Reason), required=True)


class SearchPage(Schema):
    items = List(Nested(Hit), required=True)
    total = Integer(required=True)
    next_cursor = String(required=True, allow_none=True)


class OfferPage(Schema):
    items = List(Nested(Offer), required=True)
    next_cursor = String(required=True, allow_none=True)


class OrganizationOut(Schema):
    id = Integer(required=True)
    name = String(required=True)
    sector = String(required=True)
    municipality = Nested(Place, required=True, allow_none=True)
    website = String(required=True)
    description = String(required=True)
    verified = Boolean(required=True)


class OrganizationPage(Schema):
    items = List(Nested(OrganizationOut), required=True)
    next_cursor = String(required=True, allow_none=True)


class Event(Schema):
    from_status = String(required=True, allow_none=True)
    to_status = String(required=True)
    at = DateTime(required=True)
    message = String(required=True)


class Application(Schema):
    id = Integer(required=True)
    offer_id = Integer(required=True)
    offer_title = String(required=True)
    status = String(required=True, validate=OneOf([s.value for s in ApplicationStatus]))
    message = String(required=True)
    created_at = DateTime(required=True)
    events = List(Nested(Event), required=True)
    profile = Dict(required=True, allow_none=True,
                   metadata={"description": "The profile as sent with the application (employers only)."})
    notes = String(required=True, allow_none=True, metadata={"description": "Private notes (employers only)."})
    allowed_moves = List(String(), required=True)
    version = Integer(required=True)


class ApplicationPage(Schema):
    items = List(Nested(Application), required=True)
    next_cursor = String(required=True, allow_none=True)


class MoveIn(Strict):
    status = String(required=True, validate=OneOf(["in_review", "shortlisted", "interview", "offered", "declined"]))
    message = String(load_default="", validate=Length(max=5000))


class Candidate(Schema):
    student_id = Integer(required=True)
    score = Float(required=True)
    strength = String(required=True, validate=OneOf(STRENGTHS), metadata={"description": STRENGTH})
    reasons = List(Nested(Reason), required=True)
    profile = Dict(required=True, metadata={"description": "What an employer may see; no contact details."})
    applied = Boolean(required=True)
    invited = Boolean(required=True)


class CandidatePage(Schema):
    items = List(Nested(Candidate), required=True)
    next_cursor = String(required=True, allow_none=True)


class LimitQuery(Strict):
    limit = Integer(load_default=10, validate=Range(1, 50))


class Line(Schema):
    commitment_id = Integer(required=True)
    kind = String(required=True)
    program_id = Integer(required=True)
    committed = Integer(required=True)
    offers_linked = Integer(required=True)
    offers_published = Integer(required=True)
    open_places = Integer(required=True)
    applications = Integer(required=True)
    placements = Integer(required=True)
    completed = Integer(required=True)
    expected = Float(required=True)
    status = String(required=True)


class Contract(Schema):
    id = Integer(required=True)
    organization = Nested(Ref, required=True)
    title = String(required=True)
    period_start = Date(required=True)
    period_end = Date(required=True)
    status = String(required=True)
    signed_on = Date(required=True, allow_none=True)
    fulfilment = String(required=True, metadata={"description": "fulfilled, on_track, behind or not_started"})
    lines = List(Nested(Line), required=True)
    version = Integer(required=True)


class ContractPage(Schema):
    items = List(Nested(Contract), required=True)
    next_cursor = String(required=True, allow_none=True)


class Placement(Schema):
    id = Integer(required=True)
    offer_id = Integer(required=True)
    offer_title = String(required=True)
    organization = Nested(Ref, required=True)
    student_id = Integer(required=True, allow_none=True)
    period_start = Date(required=True)
    period_end = Date(required=True, allow_none=True)
    term = String(required=True)
    completed = Boolean(required=True)
    stayed_in_region = Boolean(required=True, allow_none=True)
    student_rating = Integer(required=True, allow_none=True)
    employer_rating = Integer(required=True, allow_none=True)
    hired_afterwards = Boolean(required=True, allow_none=True)


class PlacementPage(Schema):
    items = List(Nested(Placement), required=True)
    next_cursor = String(required=True, allow_none=True)


class PlacementQuery(PageQuery):
    term = String(load_default="", validate=Length(max=6))
    kind = String(load_default="", validate=OneOf(["", *KINDS]))
    organization_id = Integer(load_default=None, validate=Range(1, MAX_INT))
    completed = String(load_default="", validate=OneOf(["", "yes", "no"]))


class FollowUpIn(Strict):
    completed = Boolean()
    stayed_in_region = Boolean(allow_none=True)


class ReportQuery(Strict):
    start = Date(load_default=None, data_key="from")
    end = Date(load_default=None, data_key="to")
    term = String(load_default="", validate=Length(max=6))


class Report(Schema):
    name = String(required=True)
    period = Dict(required=True)
    data = Dict(required=True, metadata={"description": "The report's figures (see docs/api.md)."})


class TokenInfo(Schema):
    user_id = Integer(required=True)
    role = String(required=True)
    scopes = List(String(), required=True)
    expires_at = DateTime(required=True)
