"""Review by career coaches: submitted offers and new organisations."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from matchmaker.core import audit, mail
from matchmaker.core.errors import Conflict, NotFound, ValidationError
from matchmaker.models import Offer, OfferStatus, Organization, Role, User, utcnow
from matchmaker.services.offers import events
from matchmaker.services.offers.flags import STALE_AFTER_DAYS, Flag, offer_flags

log = logging.getLogger(__name__)

MAX_COMMENT = 4000

# Mails to the employer about a review decision, in the recipient's language (services do not use gettext).
_MAIL = {
    "sv": {
        "approve": ("Ditt erbjudande är publicerat: {title}",
                    "Hej,\n\nKarriärvägledningen har godkänt \"{title}\". Det syns nu för studenterna.\n"),
        "changes": ("Ändringar behövs: {title}",
                    "Hej,\n\nKarriärvägledningen ber dig ändra \"{title}\" innan det publiceras:\n\n{text}\n\n"
                    "Ändra erbjudandet i Matchmaker och skicka det till granskning igen.\n"),
        "reject": ("Ditt erbjudande publiceras inte: {title}",
                   "Hej,\n\nKarriärvägledningen har avslagit \"{title}\":\n\n{text}\n"),
        "verified": ("Din organisation är verifierad", "Hej,\n\n{title} är nu verifierad i Matchmaker.\n"),
    },
    "en": {
        "approve": ("Your offer is published: {title}",
                    "Hello,\n\nThe career service approved \"{title}\". Students can see it now.\n"),
        "changes": ("Changes needed: {title}",
                    "Hello,\n\nThe career service asks you to change \"{title}\" before it is published:\n\n"
                    "{text}\n\nEdit the offer in Matchmaker and submit it for review again.\n"),
        "reject": ("Your offer will not be published: {title}",
                   "Hello,\n\nThe career service rejected \"{title}\":\n\n{text}\n"),
        "verified": ("Your organisation is verified", "Hello,\n\n{title} is now verified in Matchmaker.\n"),
    },
}


@dataclass
class QueueItem:
    """A submitted offer with the flags a coach should see before approving."""

    offer: Offer
    flags: list[Flag]


@dataclass
class ReviewQueue:
    """Everything waiting for a coach."""

    offers: list[QueueItem]
    organizations: list[Organization]
    stale: list[Offer]


def pending_counts(session: Session) -> dict[str, int]:
    """How many offers and organisations wait for review (for the coach's start page)."""
    offers = session.scalar(select(func.count(Offer.id)).where(Offer.status == OfferStatus.SUBMITTED)) or 0
    orgs = session.scalar(select(func.count(Organization.id)).where(Organization.verified.is_(False))) or 0
    return {"offers": offers, "organizations": orgs}


def review_queue(session: Session, *, today: date, now: datetime | None = None, stale_limit: int = 50) -> ReviewQueue:
    """Submitted offers (oldest first, with flags), unverified organisations and stale published offers."""
    now = now or utcnow()
    offers = session.scalars(
        select(Offer).where(Offer.status == OfferStatus.SUBMITTED)
        .options(selectinload(Offer.organization))
        .order_by(Offer.submitted_at.is_(None), Offer.submitted_at, Offer.id)
    ).all()
    organizations = session.scalars(
        select(Organization).where(Organization.verified.is_(False))
        .options(selectinload(Organization.members), selectinload(Organization.municipality))
        .order_by(Organization.created_at, Organization.id)
    ).all()
    stale = session.scalars(
        select(Offer).where(
            Offer.status == OfferStatus.PUBLISHED, Offer.updated_at < now - timedelta(days=STALE_AFTER_DAYS)
        ).options(selectinload(Offer.organization)).order_by(Offer.updated_at, Offer.id).limit(stale_limit)
    ).all()
    return ReviewQueue(
        offers=[QueueItem(o, offer_flags(session, o, today=today, now=now)) for o in offers],
        organizations=list(organizations),
        stale=list(stale),
    )


def _recipients(session: Session, organization_id: int, creator_id: int | None) -> list[User]:
    """The offer's author if still active, else every active employer user of the organisation."""
    author = session.get(User, creator_id) if creator_id is not None else None
    if author is not None and author.active and author.organization_id == organization_id:
        return [author]
    return list(session.scalars(select(User).where(
        User.organization_id == organization_id, User.role == Role.EMPLOYER, User.active.is_(True)
    ).order_by(User.id)))


def _wording(session: Session, offer: Offer, kind: str, text: str = "") -> Callable[[User], tuple[str, str] | None]:
    """The review mail's words: the decision's notification mail (one mail, not two), for the author only (the
    other members see it in the app), or for every member when the author is gone."""
    mailed = {u.id for u in _recipients(session, offer.organization_id, offer.created_by_id)}
    title = offer.title

    def words(person: User) -> tuple[str, str] | None:
        if person.id not in mailed:
            return None
        subject, body = _MAIL.get(person.locale.value, _MAIL["sv"])[kind]
        return subject.format(title=title)[:200], body.format(title=title, text=text)

    return words


def _notify(session: Session, recipients: list[User], kind: str, title: str, text: str = "") -> None:
    for person in recipients:
        subject, body = _MAIL.get(person.locale.value, _MAIL["sv"])[kind]
        mail.queue_mail(session, person.email, subject.format(title=title)[:200], body.format(title=title, text=text))


def get_offer(session: Session, offer_id: int) -> Offer:
    """Any offer (coaches review all organisations' offers); NotFound if there is none."""
    offer = session.get(Offer, offer_id)
    if offer is None:
        raise NotFound("offer")
    return offer


def _submitted(session: Session, offer_id: int, version: int | None) -> Offer:
    offer = get_offer(session, offer_id)
    if offer.status != OfferStatus.SUBMITTED:
        raise Conflict("the offer is not waiting for review")
    if version is not None and offer.version_id != version:
        # The employer (or another coach) changed it since the coach opened the page.
        raise Conflict("the offer was changed since you opened it")
    return offer


def _text(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: "is required"})
    if len(value) > MAX_COMMENT:
        raise ValidationError({field: "is too long"})
    return value


def approve(session: Session, coach: User, offer_id: int, *, today: date, version: int | None = None) -> Offer:
    """Approve and publish a submitted offer."""
    offer = _submitted(session, offer_id, version)
    if offer.application_deadline is not None and offer.application_deadline < today:
        # Publishing it would expire it at once; the employer must set a new deadline first.
        raise ValidationError({"deadline": "has already passed; request changes instead"})
    offer.status = OfferStatus.PUBLISHED
    offer.published_at = utcnow()
    offer.review_comment = ""
    session.flush()
    audit.record(session, coach, "offer.approve", offer)
    events.decided(session, offer, wording=_wording(session, offer, "approve"))
    return offer


def request_changes(session: Session, coach: User, offer_id: int, comment: str, *, version: int | None = None) -> Offer:
    """Send a submitted offer back to the employer with a comment they see."""
    text = _text(comment, "comment")
    offer = _submitted(session, offer_id, version)
    offer.status = OfferStatus.CHANGES_REQUESTED
    offer.review_comment = text
    session.flush()
    audit.record(session, coach, "offer.request_changes", offer, comment=text)
    events.decided(session, offer, wording=_wording(session, offer, "changes", text))
    return offer


def reject(session: Session, coach: User, offer_id: int, reason: str, *, version: int | None = None) -> Offer:
    """Reject a submitted offer with a reason the employer sees."""
    text = _text(reason, "reason")
    offer = _submitted(session, offer_id, version)
    offer.status = OfferStatus.REJECTED
    offer.review_comment = text
    session.flush()
    audit.record(session, coach, "offer.reject", offer, reason=text)
    events.decided(session, offer, wording=_wording(session, offer, "reject", text))
    return offer


def verify_organization(session: Session, coach: User, organization_id: int) -> Organization:
    """Mark an organisation as verified; who did it is kept in the audit trail."""
    organization = session.get(Organization, organization_id)
    if organization is None:
        raise NotFound("organization")
    if organization.verified:
        raise Conflict("the organisation is already verified")
    organization.verified = True
    organization.verified_at = utcnow()
    session.flush()
    audit.record(session, coach, "organization.verify", organization, name=organization.name)
    _notify(session, _recipients(session, organization.id, None), "verified", organization.name)
    return organization
