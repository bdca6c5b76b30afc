"""Translated labels for enum values and engine reasons, shared by Karriärsök and the student area."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from matchmaker.models import ApplicationStatus, InvitationStatus, OfferKind

KIND_LABELS = {
    OfferKind.DEGREE_PROJECT.value: _l("Degree project"),
    OfferKind.INTERNSHIP.value: _l("Internship"),
    OfferKind.SUMMER_INTERNSHIP.value: _l("Summer internship"),
    OfferKind.TRAINEE.value: _l("Trainee place"),
    OfferKind.MENTORING.value: _l("Mentoring"),
    OfferKind.JOB.value: _l("Job"),
}

STATUS_LABELS = {
    ApplicationStatus.SUBMITTED.value: _l("Submitted"),
    ApplicationStatus.IN_REVIEW.value: _l("In review"),
    ApplicationStatus.SHORTLISTED.value: _l("Shortlisted"),
    ApplicationStatus.INTERVIEW.value: _l("Interview"),
    ApplicationStatus.OFFERED.value: _l("Offered a place"),
    ApplicationStatus.ACCEPTED.value: _l("Accepted"),
    ApplicationStatus.DECLINED.value: _l("Declined"),
    ApplicationStatus.WITHDRAWN.value: _l("Withdrawn"),
}

INVITATION_LABELS = {
    InvitationStatus.SENT.value: _l("Awaiting your answer"),
    InvitationStatus.ACCEPTED.value: _l("Accepted"),
    InvitationStatus.DECLINED.value: _l("Declined"),
}

STUDY_MODE_LABELS = {"campus": _l("Campus"), "distance": _l("Distance")}

# The engine explains boosts in English (matching/reasons.py BOOST_LABELS); shown translated.
BOOST_LABELS = {
    "same municipality": _l("same municipality"),
    "same county": _l("same county"),
    "remote work": _l("remote work"),
    "willing to relocate": _l("willing to relocate"),
    "employer has a Kompetenskontrakt": _l("employer has a Kompetenskontrakt"),
    "sparsely populated municipality": _l("sparsely populated municipality"),
}


def _value(value: Any) -> str:
    return str(getattr(value, "value", value) or "")


def kind_label(kind: Any) -> str:
    """The translated name of an offer kind."""
    return str(KIND_LABELS.get(_value(kind), _value(kind)))


def status_label(status: Any) -> str:
    """The translated name of an application status."""
    return str(STATUS_LABELS.get(_value(status), _value(status)))


def invitation_label(status: Any) -> str:
    """The translated name of an invitation status."""
    return str(INVITATION_LABELS.get(_value(status), _value(status)))


def study_mode_label(mode: Any) -> str:
    """The translated name of a study mode."""
    return str(STUDY_MODE_LABELS.get(_value(mode), _value(mode)))


def reason_label(reason: dict[str, Any]) -> str:
    """A reason's label, with boost wording translated ("same county: X" keeps the place)."""
    label = str(reason.get("label", ""))
    if reason.get("kind") != "boost":
        return label
    head, sep, place = label.partition(": ")
    translated = BOOST_LABELS.get(head)
    return f"{translated}{sep}{place}" if translated is not None else gettext(label)


def grouped_reasons(reasons: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Reasons grouped by kind for display: skill, missing_skill, term, boost."""
    out: dict[str, list[str]] = {"skill": [], "missing_skill": [], "term": [], "boost": []}
    for reason in reasons:
        out.setdefault(str(reason.get("kind")), []).append(reason_label(reason))
    return out


def template_helpers() -> dict[str, Any]:
    """Functions templates use to show labels."""
    return {"kind_label": kind_label, "status_label": status_label, "invitation_label": invitation_label,
            "study_mode_label": study_mode_label, "reason_label": reason_label, "grouped_reasons": grouped_reasons,
            "kind_labels": KIND_LABELS}
