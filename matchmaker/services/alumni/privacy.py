"""The alumnus's own data: export it all, delete the account (the rights a student has, kept after graduation)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core.errors import ValidationError
from matchmaker.core.passwords import verify_password
from matchmaker.models import AlumnusProfile, Mentor, PairCheckIn, Role, User
from matchmaker.services.accounts import privacy

EXPORT_FORMAT = "matchmaker-alumnus-export/1"


def export_alumnus(session: Session, user: User) -> dict[str, Any]:
    """All data held about an alumnus: the student-time data, the alumni profile and the mentoring done."""
    if user.role != Role.ALUMNUS:
        raise ValidationError({"account": "is not an alumnus account"})
    if user.student_profile is not None:
        data = privacy.export_student(session, user)
    else:  # an account made before profiles existed: the account alone
        data = {"account": privacy.row_data(user, exclude=("password_hash",))}
    row = session.scalar(select(AlumnusProfile).where(AlumnusProfile.user_id == user.id))
    mentors = session.scalars(select(Mentor).where(Mentor.user_id == user.id).order_by(Mentor.id))
    check_ins = session.scalars(select(PairCheckIn).where(PairCheckIn.by_user_id == user.id).order_by(PairCheckIn.id))
    data.update({
        "format": EXPORT_FORMAT,
        "alumnus_profile": privacy.row_data(row) if row is not None else None,
        "mentoring": [{**privacy.row_data(m), "programme": m.programme.title} for m in mentors],
        "check_ins": [privacy.row_data(c) for c in check_ins],
    })
    return data


def delete_alumnus_account(session: Session, user: User, password: str) -> None:
    """Delete an alumnus's account with everything from their student time; placements stay as anonymous
    statistics (as for a student), the alumni profile and mentor registrations go with the account."""
    if not verify_password(user.password_hash, password or ""):
        raise ValidationError({"password": privacy.WRONG_PASSWORD})
    if user.role != Role.ALUMNUS:
        raise ValidationError({"account": "is not an alumnus account"})
    privacy.erase_student(session, user)
