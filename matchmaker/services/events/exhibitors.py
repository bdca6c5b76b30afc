"""Employers register their organisation for a fair: stand, representatives and wishes, within the fair's window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import Forbidden, NotFound, ValidationError
from matchmaker.models import Event, EventKind, FairExhibitor, RegistrationStatus, StudentProfile, User, utcnow
from matchmaker.services.accounts.organizations import require_verified

from .registrations import window_open

MAX_REPRESENTATIVES = 50


@dataclass
class ExhibitorInput:
    """What an employer fills in to take part in a fair."""

    stand: str = ""
    representatives: int | None = 1
    wishes: str = ""


def exhibitor_of(event: Event, organization_id: int | None) -> FairExhibitor | None:
    """The organisation's registration for the fair, if any."""
    return next((x for x in event.exhibitors if x.organization_id == organization_id), None)


def _check(actor: User, event: Event, now: datetime) -> int:
    if event.kind != EventKind.FAIR or event.cancelled_at is not None:
        raise NotFound("event")
    org = actor.organization
    if org is None:
        raise Forbidden("Only members of an organisation can take part in fairs.")
    require_verified(org)
    if not window_open(event.employer_registration_opens, event.employer_registration_closes, now):
        raise ValidationError({"registration": "Registration for employers is not open for this fair."})
    return org.id


def _validate(data: ExhibitorInput) -> None:
    errors: dict[str, str] = {}
    if data.representatives is None or not 1 <= data.representatives <= MAX_REPRESENTATIVES:
        errors["representatives"] = "Give between 1 and 50 representatives."
    if len(data.stand) > 120:
        errors["stand"] = "The stand wish is too long (at most 120 characters)."
    if len(data.wishes) > 2000:
        errors["wishes"] = "The wishes are too long (at most 2000 characters)."
    if errors:
        raise ValidationError(errors)


def register_organization(session: Session, actor: User, event: Event, data: ExhibitorInput,
                          now: datetime | None = None) -> FairExhibitor:
    """Register (or update) the actor's organisation for the fair, inside the employer window."""
    org_id = _check(actor, event, now or utcnow())
    _validate(data)
    found = exhibitor_of(event, org_id)
    if found is None:
        found = FairExhibitor(event_id=event.id, organization_id=org_id, registered_by_id=actor.id)
        event.exhibitors.append(found)
    found.stand, found.wishes = data.stand.strip(), data.wishes.strip()
    found.representatives = int(data.representatives or 1)
    session.flush()
    audit.record(session, actor, "event.exhibitor_registered", event, organization=org_id)
    return found


def withdraw_organization(session: Session, actor: User, event: Event, now: datetime | None = None) -> None:
    """Withdraw the organisation from the fair (inside the window); its slots and bookings go with it."""
    org_id = _check(actor, event, now or utcnow())
    found = exhibitor_of(event, org_id)
    if found is None:
        raise ValidationError({"registration": "Your organisation is not registered for this fair."})
    event.exhibitors.remove(found)
    session.flush()
    audit.record(session, actor, "event.exhibitor_withdrawn", event, organization=org_id)


def check_in_exhibitor(session: Session, actor: User, event: Event, exhibitor_id: int, present: bool) -> None:
    """A coach records that an exhibitor arrived."""
    found = next((x for x in event.exhibitors if x.id == exhibitor_id), None)
    if found is None:
        raise NotFound("exhibitor")
    found.checked_in_at = utcnow() if present else None
    session.flush()
    audit.record(session, actor, "event.exhibitor_check_in", event, exhibitor=found.id, present=present)


@dataclass
class Registrants:
    """What an exhibitor may see of the students registered for its fair."""

    consenting: list[StudentProfile]
    others: int


def registrants_for_employer(event: Event) -> Registrants:
    """Registered students who let employers see their profile, and how many others there are (a count only)."""
    registered = [r.student for r in event.registrations if r.status == RegistrationStatus.REGISTERED]
    consenting = [p for p in registered if p.visible_to_employers and p.user.active]
    return Registrants(consenting=sorted(consenting, key=lambda p: (p.name, p.id)),
                       others=len(registered) - len(consenting))
