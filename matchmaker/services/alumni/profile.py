"""The alumnus's own side: the consent for the alumni purpose and the self-reported profile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import Forbidden, ValidationError
from matchmaker.models import AlumnusProfile, Municipality, Organization, Role, User, utcnow

YES, NO = "yes", "no"


def profile_of(session: Session, user: User) -> AlumnusProfile:
    """The alumnus's profile (made on first use for an account that became alumnus another way)."""
    if user.role != Role.ALUMNUS:
        raise Forbidden("Only alumni have an alumni profile.")
    row = session.scalar(select(AlumnusProfile).where(AlumnusProfile.user_id == user.id))
    if row is None:
        now = utcnow()
        row = AlumnusProfile(user_id=user.id, graduated_on=now.date(), converted_at=now)
        session.add(row)
        session.flush()
    return row


def needs_consent_answer(row: AlumnusProfile) -> bool:
    """True until the alumnus has answered the consent question (yes or no) since graduating."""
    return row.consent_answered_at is None


def answer_consent(session: Session, user: User, answer: str, now: datetime | None = None) -> AlumnusProfile:
    """Yes: coaches (and, if chosen, the own employer) may see the profile. No: nothing is shown to anyone."""
    if answer not in (YES, NO):
        raise ValidationError({"answer": "Choose yes or no."})
    row = profile_of(session, user)
    now = now or utcnow()
    row.consent_given = answer == YES
    row.consent_at = now if row.consent_given else None
    row.consent_answered_at = now
    session.flush()
    audit.record(session, user, "alumni.consent", row, given=row.consent_given)
    return row


@dataclass
class AlumnusEdit:
    """What the alumnus form posts."""

    employer_name: str = ""
    organization_id: int | None = None
    municipality_id: int | None = None
    stayed_in_region: str = ""  # "yes", "no" or "" (rather not say)
    open_to_mentoring: bool = False
    open_to_speaking: bool = False
    contact_for_employer: bool = False


def update_profile(session: Session, user: User, edit: AlumnusEdit) -> AlumnusProfile:
    """Save the self-reported profile; reasons per field for bad input, and then nothing changes."""
    row = profile_of(session, user)
    errors: dict[str, str] = {}
    name = edit.employer_name.strip()
    if len(name) > 200:
        errors["employer_name"] = "The employer's name is too long (at most 200 characters)."
    organization = None
    if edit.organization_id is not None:
        organization = session.get(Organization, edit.organization_id)
        if organization is None or not organization.verified or not organization.active:
            errors["organization_id"] = "Choose an organisation from the list."
            organization = None
    if edit.municipality_id is not None and session.get(Municipality, edit.municipality_id) is None:
        errors["municipality_id"] = "Choose a municipality from the list."
    if edit.stayed_in_region not in (YES, NO, ""):
        errors["stayed_in_region"] = "Choose yes, no or rather not say."
    if edit.contact_for_employer and edit.organization_id is None and "organization_id" not in errors:
        errors["contact_for_employer"] = ("Choose the organisation you work for in the list: only its staff "
                                          "see you as a contact.")
    if errors:
        raise ValidationError(errors)
    row.employer_name = name or (organization.name if organization else "")
    row.organization_id = organization.id if organization else None
    row.municipality_id = edit.municipality_id
    row.stayed_in_region = None if edit.stayed_in_region == "" else edit.stayed_in_region == YES
    row.open_to_mentoring, row.open_to_speaking = edit.open_to_mentoring, edit.open_to_speaking
    row.contact_for_employer = edit.contact_for_employer
    session.flush()
    audit.record(session, user, "alumni.profile_updated", row)
    return row


def edit_of(row: AlumnusProfile) -> AlumnusEdit:
    """The stored profile as form values."""
    stayed = "" if row.stayed_in_region is None else (YES if row.stayed_in_region else NO)
    return AlumnusEdit(row.employer_name, row.organization_id, row.municipality_id, stayed, row.open_to_mentoring,
                       row.open_to_speaking, row.contact_for_employer)


def organization_choices(session: Session) -> list[tuple[str, str]]:
    """Verified, active organisations an alumnus may say they work for."""
    found = session.scalars(select(Organization).where(Organization.verified.is_(True), Organization.active.is_(True))
                            .order_by(Organization.name))
    return [(str(o.id), o.name) for o in found]
