"""Translated names of enum values and engine reasons, shared by every area.

Tables are keyed by the enums; as they are StrEnums, plain string values find the same entries.
Wording meant for one audience only (an application status as the student or the employer sees it)
stays in that area's own labels module.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from matchmaker.models import ApplicationStatus, ContractStatus, OfferKind, OfferStatus, Sector, StudyMode

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
STUDY_MODES = {StudyMode.CAMPUS: _l("Campus"), StudyMode.DISTANCE: _l("Distance")}
# The engine words its boosts in English (matching/reasons.py); shown translated.
BOOSTS = {
    "same municipality": _l("same municipality"),
    "same county": _l("same county"),
    "remote work": _l("remote work"),
    "willing to relocate": _l("willing to relocate"),
    "employer has a Kompetenskontrakt": _l("employer has a Kompetenskontrakt"),
    "sparsely populated municipality": _l("sparsely populated municipality"),
}


def label(table: dict[Any, Any], value: Any) -> str:
    """The translated name of `value` in `table`, or the value itself when it has none."""
    if value is None:
        return ""
    return str(table.get(value, getattr(value, "value", value)))


def kind_label(kind: Any) -> str:
    """The translated name of an offer kind."""
    return label(OFFER_KINDS, kind)


def boost_label(text: str) -> str:
    """A boost reason translated; "same county: X" keeps its place name."""
    head, sep, place = text.partition(": ")
    translated = BOOSTS.get(head)
    return f"{translated}{sep}{place}" if translated is not None else gettext(text)


def reason_label(reason: dict[str, Any]) -> str:
    """A reason's label, with boost wording translated ("same county: X" keeps the place)."""
    text = str(reason.get("label", ""))
    return boost_label(text) if reason.get("kind") == "boost" else text


def grouped_reasons(reasons: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Reasons grouped by kind for display: skill, missing_skill, term, boost."""
    out: dict[str, list[str]] = {"skill": [], "missing_skill": [], "term": [], "boost": []}
    for reason in reasons:
        out.setdefault(str(reason.get("kind")), []).append(reason_label(reason))
    return out


TERM_SEASONS = {"VT": _l("spring"), "SO": _l("summer"), "HT": _l("autumn")}


def term_label(term: str | None) -> str:
    """A placement term with its season in words: "SO2027 (summer)"; empty for none."""
    if not term:
        return ""
    season = TERM_SEASONS.get(term[:2])
    return f"{term} ({season})" if season is not None else term


def init_app(app: Flask) -> None:
    """Make the shared label helpers available in every template."""

    @app.context_processor
    def inject() -> dict[str, Any]:
        return {
            "kind_label": kind_label,
            "kind_labels": OFFER_KINDS,
            "offer_status_label": lambda v: label(OFFER_STATUSES, v),
            "sector_label": lambda v: label(SECTORS, v),
            "contract_status_label": lambda v: label(CONTRACT_STATUSES, v),
            "study_mode_label": lambda v: label(STUDY_MODES, v),
            "reason_label": reason_label,
            "grouped_reasons": grouped_reasons,
            "term_label": term_label,
        }
