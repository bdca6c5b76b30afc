"""Translated labels for enums and match reasons, available in every employer template."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.models import ApplicationStatus, ContractStatus, InvitationStatus, OfferKind, OfferStatus, Sector

from . import bp

_STOCKHOLM = ZoneInfo("Europe/Stockholm")

OFFER_KINDS = {
    OfferKind.DEGREE_PROJECT: _l("Degree project"),
    OfferKind.INTERNSHIP: _l("Internship"),
    OfferKind.SUMMER_INTERNSHIP: _l("Summer internship"),
    OfferKind.TRAINEE: _l("Trainee place"),
    OfferKind.MENTORING: _l("Mentoring"),
    OfferKind.JOB: _l("Job"),
}
OFFER_STATUSES = {
    OfferStatus.DRAFT: _l("Draft"),
    OfferStatus.SUBMITTED: _l("In review"),
    OfferStatus.CHANGES_REQUESTED: _l("Changes requested"),
    OfferStatus.PUBLISHED: _l("Published"),
    OfferStatus.REJECTED: _l("Rejected"),
    OfferStatus.CLOSED: _l("Closed"),
    OfferStatus.FILLED: _l("Filled"),
    OfferStatus.EXPIRED: _l("Expired"),
}
APPLICATION_STATUSES = {
    ApplicationStatus.SUBMITTED: _l("New"),
    ApplicationStatus.IN_REVIEW: _l("Being reviewed"),
    ApplicationStatus.SHORTLISTED: _l("Shortlisted"),
    ApplicationStatus.INTERVIEW: _l("Interview"),
    ApplicationStatus.OFFERED: _l("Offered a place"),
    ApplicationStatus.ACCEPTED: _l("Accepted"),
    ApplicationStatus.DECLINED: _l("Declined"),
    ApplicationStatus.WITHDRAWN: _l("Withdrawn"),
}
# Button texts for the steps an employer takes.
APPLICATION_ACTIONS = {
    ApplicationStatus.IN_REVIEW: _l("Mark as being reviewed"),
    ApplicationStatus.SHORTLISTED: _l("Shortlist"),
    ApplicationStatus.INTERVIEW: _l("Invite to interview"),
    ApplicationStatus.OFFERED: _l("Offer the place"),
    ApplicationStatus.DECLINED: _l("Decline"),
}
SECTORS = {
    Sector.COMPANY: _l("Company"),
    Sector.MUNICIPALITY: _l("Municipality"),
    Sector.REGION: _l("Region"),
    Sector.NON_PROFIT: _l("Non-profit"),
    Sector.LEARNING_CENTRE: _l("Learning centre"),
}
CONTRACT_STATUSES = {
    ContractStatus.DRAFT: _l("Draft"),
    ContractStatus.ACTIVE: _l("Active"),
    ContractStatus.ENDED: _l("Ended"),
}
INVITATION_STATUSES = {
    InvitationStatus.SENT: _l("Invited"),
    InvitationStatus.ACCEPTED: _l("Invitation accepted"),
    InvitationStatus.DECLINED: _l("Invitation declined"),
}
BOOSTS = {
    "same municipality": _l("same municipality"),
    "same county": _l("same county"),
    "remote work": _l("remote work"),
    "willing to relocate": _l("willing to relocate"),
    "employer has a Kompetenskontrakt": _l("employer has a Kompetenskontrakt"),
    "sparsely populated municipality": _l("sparsely populated municipality"),
}
STATUS_BADGES = {
    OfferStatus.PUBLISHED: "badge-ok", OfferStatus.FILLED: "badge-ok", OfferStatus.CHANGES_REQUESTED: "badge-warn",
    OfferStatus.SUBMITTED: "badge-warn", OfferStatus.REJECTED: "badge-err",
}


def today() -> date:
    """Today's date in Sweden (deadlines are Swedish calendar days)."""
    return datetime.now(_STOCKHOLM).date()


def reason_text(reason: dict[str, Any]) -> str:
    """A match reason as a short translated sentence."""
    kind, label = reason.get("kind", ""), str(reason.get("label", ""))
    if kind == "term":
        return _("Both mention “%(term)s”", term=label)
    if kind == "skill":
        return _("Has the skill %(skill)s", skill=label)
    if kind == "missing_skill":
        return _("Lacks the skill %(skill)s", skill=label)
    base, sep, place = label.partition(": ")
    text = str(BOOSTS.get(base, base))
    return f"{text}: {place}" if sep else text


def _label(table: dict[Any, Any], value: Any) -> str:
    return str(table.get(value, value if value is not None else ""))


@bp.context_processor
def inject_labels() -> dict[str, Any]:
    """Label helpers for the employer templates."""
    return {
        "kind_label": lambda v: _label(OFFER_KINDS, v),
        "offer_status_label": lambda v: _label(OFFER_STATUSES, v),
        "application_status_label": lambda v: _label(APPLICATION_STATUSES, v),
        "sector_label": lambda v: _label(SECTORS, v),
        "contract_status_label": lambda v: _label(CONTRACT_STATUSES, v),
        "invitation_status_label": lambda v: _label(INVITATION_STATUSES, v),
        "status_badge": lambda v: STATUS_BADGES.get(v, ""),
        "reason_text": reason_text,
        "zip": zip,
    }
