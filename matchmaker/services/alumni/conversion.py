"""A student becomes an alumnus: when they say so, or on a date they set (the scheduler's daily task)."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import Forbidden, ValidationError
from matchmaker.jobs.registry import job
from matchmaker.models import AlumnusProfile, Role, User, utcnow
from matchmaker.services.notifications.operations import notify

log = logging.getLogger(__name__)

# A planned date further away than a long programme is a typo, not a plan.
MAX_PLAN_AHEAD = timedelta(days=6 * 366)


def planned(session: Session, user: User) -> AlumnusProfile | None:
    """The student's alumni row (with the planned date), if any."""
    return session.scalar(select(AlumnusProfile).where(AlumnusProfile.user_id == user.id))


def _require_student(user: User) -> None:
    if user.role != Role.STUDENT:
        raise Forbidden("Only a student becomes an alumnus.")


def plan_graduation(session: Session, user: User, on: date | None, today: date) -> AlumnusProfile | None:
    """Set (or with None, clear) the date on which the student's account becomes an alumni account."""
    _require_student(user)
    row = planned(session, user)
    if on is None:
        if row is not None:
            row.graduated_on = None
            session.flush()
        return row
    if on <= today:
        raise ValidationError({"graduated_on": "Choose a date after today, or tell us that you have graduated."})
    if on > today + MAX_PLAN_AHEAD:
        raise ValidationError({"graduated_on": "The date is more than six years ahead."})
    if row is None:
        row = AlumnusProfile(user_id=user.id)
        session.add(row)
    row.graduated_on = on
    session.flush()
    audit.record(session, user, "alumni.planned", row, on=on.isoformat())
    return row


def graduate_now(session: Session, user: User, confirmed: bool, now: datetime | None = None) -> AlumnusProfile:
    """The student says they have graduated (and confirmed it): the account becomes an alumni account at once."""
    _require_student(user)
    if not confirmed:
        raise ValidationError({"confirm": "Tick the box to confirm that you have graduated."})
    now = now or utcnow()
    return convert(session, user, now.date(), now)


def convert(session: Session, user: User, graduated_on: date, now: datetime, tell: bool = True) -> AlumnusProfile:
    """Change the role to alumnus; the student's consent ends with its purpose and the new one is asked for.

    tell: notify (and mail) the graduate; the demo seed, which writes history, does not.
    """
    row = planned(session, user)
    if row is None:
        row = AlumnusProfile(user_id=user.id)
        session.add(row)
    row.graduated_on, row.converted_at = graduated_on, now
    # Nothing carries over from the student's consent: the alumnus answers the new question on their next visit.
    row.consent_given, row.consent_at, row.consent_answered_at = False, None, None
    profile = user.student_profile
    if profile is not None:
        profile.visible_to_employers, profile.consent_at = False, None
    user.role = Role.ALUMNUS
    session.flush()
    audit.record(session, user, "alumni.converted", row, graduated_on=graduated_on.isoformat())
    if tell:
        notify(session, [user], "alumni.converted", {"name": user.display_name}, ("alumni", row.id))
    return row


def convert_due(session: Session, today: date, now: datetime | None = None) -> list[int]:
    """Convert every student whose planned graduation date has come; returns their user ids."""
    now = now or utcnow()
    due = session.scalars(
        select(AlumnusProfile).join(User, User.id == AlumnusProfile.user_id)
        .where(User.role == Role.STUDENT, User.active.is_(True), AlumnusProfile.converted_at.is_(None),
               AlumnusProfile.graduated_on.is_not(None), AlumnusProfile.graduated_on <= today)
        .order_by(AlumnusProfile.id)
    ).all()
    converted = []
    for row in due:
        assert row.graduated_on is not None
        convert(session, row.user, row.graduated_on, now)
        converted.append(row.user_id)
    return converted


@job("alumni.convert_due")
def convert_due_job(session: Session, today: str | None = None) -> int:
    """Job: turn students whose graduation date has passed into alumni (daily, from the scheduler)."""
    day = date.fromisoformat(today) if today else date.today()
    ids = convert_due(session, day)
    log.info("converted %d students to alumni", len(ids))
    return len(ids)
