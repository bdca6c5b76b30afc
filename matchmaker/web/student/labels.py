"""Labels worded for students (application and invitation statuses), in every template: Karriärsök's pages show
them to students too. Shared labels (offer kinds, study modes, reasons) are in web/labels.py.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from matchmaker.models import ApplicationStatus, InvitationStatus

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


def _value(value: Any) -> str:
    return str(getattr(value, "value", value) or "")


def status_label(status: Any) -> str:
    """The translated name of an application status."""
    return str(STATUS_LABELS.get(_value(status), _value(status)))


def invitation_label(status: Any) -> str:
    """The translated name of an invitation status."""
    return str(INVITATION_LABELS.get(_value(status), _value(status)))


def template_helpers() -> dict[str, Any]:
    """Functions templates use to show labels."""
    return {"status_label": status_label, "invitation_label": invitation_label}
