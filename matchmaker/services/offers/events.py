"""Who hears about an offer's review: coaches when it waits for them, the employer's members when it is decided."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from matchmaker.models import Offer, OfferStatus, User
from matchmaker.services.notifications.operations import notify
from matchmaker.services.notifications.recipients import coaches, organization_members

_DECIDED = {OfferStatus.PUBLISHED: "offer.approved", OfferStatus.CHANGES_REQUESTED: "offer.returned",
            OfferStatus.REJECTED: "offer.rejected"}


def submitted(session: Session, offer: Offer) -> None:
    """Tell every coach that the offer waits for review (call after it became submitted)."""
    if offer.status == OfferStatus.SUBMITTED:
        notify(session, coaches(session), "offer.submitted",
               {"offer": offer.title, "organization": offer.organization.name}, obj=("offer", offer.id))


def decided(session: Session, offer: Offer,
            wording: Callable[[User], tuple[str, str] | None] | None = None) -> None:
    """Tell the organisation's members what the review decided (approved, returned or rejected).

    wording: the review mail's words, used for the members' mail sent at once (one mail per event).
    """
    kind = _DECIDED.get(offer.status)
    if kind is not None:
        notify(session, organization_members(session, offer.organization_id), kind,
               {"offer": offer.title, "organization": offer.organization.name}, obj=("offer", offer.id),
               wording=wording)
