"""Administration of organisations: list and search, verify, deactivate and reactivate, merge duplicates."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import Conflict, NotFound, ValidationError
from matchmaker.core.paging import Page, paginate
from matchmaker.models import CompetenceContract, Offer, OfferStatus, Organization, User
from matchmaker.services.offers.review import verify_organization

STATES = ("unverified", "verified", "inactive")
# Offers that students can still apply to or that are on their way there: closed when the organisation goes.
_LIVE = (OfferStatus.PUBLISHED, OfferStatus.SUBMITTED, OfferStatus.CHANGES_REQUESTED, OfferStatus.DRAFT)


@dataclass
class MergeCounts:
    """What a merge moves from the duplicate to the organisation that stays."""

    members: int
    offers: int
    contracts: int


def list_organizations(session: Session, *, q: str = "", state: str = "", page: int = 1,
                       per_page: int = 50) -> Page[Organization]:
    """Organisations matching a name or organisation-number search and a state, by name."""
    stmt = select(Organization)
    if q.strip():
        needle = q.strip().lower()
        stmt = stmt.where(or_(func.lower(Organization.name).contains(needle, autoescape=True),
                              Organization.org_number.contains(needle, autoescape=True)))
    if state == "unverified":
        stmt = stmt.where(Organization.verified.is_(False), Organization.active.is_(True))
    elif state == "verified":
        stmt = stmt.where(Organization.verified.is_(True), Organization.active.is_(True))
    elif state == "inactive":
        stmt = stmt.where(Organization.active.is_(False))
    return paginate(session, stmt.order_by(func.lower(Organization.name), Organization.id), page, per_page)


def get_organization(session: Session, organization_id: int) -> Organization:
    """The organisation, or NotFound."""
    found = session.get(Organization, organization_id)
    if found is None:
        raise NotFound("organization")
    return found


def find(session: Session, organization_id: int) -> Organization | None:
    """The organisation, or None."""
    return session.get(Organization, organization_id)


def counts(session: Session, organization_id: int) -> MergeCounts:
    """Members, offers and contracts of an organisation."""
    def n(model: type, column: object) -> int:
        return session.scalar(select(func.count()).select_from(model).where(column == organization_id)) or 0

    return MergeCounts(n(User, User.organization_id), n(Offer, Offer.organization_id),
                       n(CompetenceContract, CompetenceContract.organization_id))


def verify(session: Session, admin: User, organization_id: int) -> Organization:
    """Verify an organisation (as a coach would, with the same notice to its members)."""
    return verify_organization(session, admin, organization_id)


def set_active(session: Session, admin: User, organization_id: int, active: bool) -> Organization:
    """Deactivate (members logged out and deactivated, live offers closed) or reactivate an organisation.

    Reactivating brings the organisation back, not its members: an admin reactivates the accounts one by one.
    """
    org = get_organization(session, organization_id)
    if org.active == active:
        return org
    org.active = active
    closed = deactivated = 0
    if not active:
        for member in session.scalars(select(User).where(User.organization_id == org.id, User.active.is_(True))):
            member.active = False
            member.session_version += 1
            deactivated += 1
        for offer in session.scalars(select(Offer).where(Offer.organization_id == org.id, Offer.status.in_(_LIVE))):
            offer.status = OfferStatus.CLOSED
            closed += 1
    session.flush()
    if active:
        audit.record(session, admin, "organization.reactivate", org, name=org.name)
    else:
        audit.record(session, admin, "organization.deactivate", org, name=org.name, members=deactivated,
                     offers_closed=closed)
    return org


def merge(session: Session, admin: User, keep_id: int, duplicate_id: int) -> MergeCounts:
    """Move the duplicate's members, offers and contracts to `keep`, then delete the duplicate.

    The audit record keeps the duplicate's name and organisation number; the kept organisation stays verified
    if either was.
    """
    if keep_id == duplicate_id:
        raise ValidationError({"duplicate": "must be another organisation"})
    keep = get_organization(session, keep_id)
    duplicate = session.get(Organization, duplicate_id)
    if duplicate is None:
        raise ValidationError({"duplicate": "is not a known organisation"})
    if not keep.active:
        raise Conflict("the organisation that stays is deactivated; reactivate it first")
    moved = counts(session, duplicate.id)
    session.execute(update(User).where(User.organization_id == duplicate.id).values(organization_id=keep.id))
    session.execute(update(Offer).where(Offer.organization_id == duplicate.id).values(organization_id=keep.id))
    session.execute(update(CompetenceContract).where(CompetenceContract.organization_id == duplicate.id)
                    .values(organization_id=keep.id))
    if duplicate.verified and not keep.verified:
        keep.verified, keep.verified_at = True, duplicate.verified_at
    name, number = duplicate.name, duplicate.org_number
    session.flush()
    session.expire_all()  # the bulk updates bypassed the loaded relationships
    session.delete(session.get(Organization, duplicate_id))
    session.flush()
    audit.record(session, admin, "organization.merge", session.get(Organization, keep_id),
                 duplicate_name=name, duplicate_org_number=number, members=moved.members, offers=moved.offers,
                 contracts=moved.contracts)
    return moved
