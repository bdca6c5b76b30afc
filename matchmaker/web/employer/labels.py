"""Translated labels for enums and match reasons, available in every employer template."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.models import ApplicationStatus, InvitationStatus, OfferStatus

from ..labels import APPLICATION_STATUSES, boost_label
from .blueprint import bp

_STOCKHOLM = ZoneInfo("Europe/Stockholm")

# Status labels are APPLICATION_STATUSES in web/labels.py (the mail needs them too).
# Button texts for the steps an employer takes.
APPLICATION_ACTIONS = {
    ApplicationStatus.IN_REVIEW: _l("Mark as being reviewed"),
    ApplicationStatus.SHORTLISTED: _l("Shortlist"),
    ApplicationStatus.INTERVIEW: _l("Invite to interview"),
    ApplicationStatus.OFFERED: _l("Offer the place"),
    ApplicationStatus.DECLINED: _l("Decline"),
}
INVITATION_STATUSES = {
    InvitationStatus.SENT: _l("Invited"),
    InvitationStatus.ACCEPTED: _l("Invitation accepted"),
    InvitationStatus.DECLINED: _l("Invitation declined"),
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
    return boost_label(label)


def _label(table: dict[Any, Any], value: Any) -> str:
    return str(table.get(value, value if value is not None else ""))


@bp.context_processor
def inject_labels() -> dict[str, Any]:
    """Label helpers for the employer templates."""
    return {
        "application_status_label": lambda v: _label(APPLICATION_STATUSES, v),
        "invitation_status_label": lambda v: _label(INVITATION_STATUSES, v),
        "status_badge": lambda v: STATUS_BADGES.get(v, ""),
        "reason_text": reason_text,
        "zip": zip,
    }
