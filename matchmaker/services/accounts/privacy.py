"""Privacy (GDPR): a student's export of all data held about them, account deletion, inactive-account flagging."""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, delete, inspect, or_, select, update
from sqlalchemy.orm import Session

from matchmaker.core import audit, mail
from matchmaker.core.errors import ValidationError
from matchmaker.core.passwords import verify_password
from matchmaker.jobs.registry import job
from matchmaker.models import (
    AllocationParticipant,
    AllocationPreference,
    AlumnusProfile,
    Application,
    AuditEvent,
    DismissedOffer,
    Invitation,
    MatchSuggestion,
    Offer,
    OutboxMail,
    PasswordResetToken,
    Placement,
    Role,
    SavedSearch,
    User,
    utcnow,
)

INACTIVE_AFTER = timedelta(days=730)  # 24 months
EXPORT_FORMAT = "matchmaker-student-export/1"
WRONG_PASSWORD = "is wrong"


def _value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _value(v) for k, v in value.items()}
    return value


def row_data(obj: Any, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every mapped column of a row, JSON-ready."""
    mapper = inspect(type(obj))
    return {c.key: _value(getattr(obj, c.key)) for c in mapper.column_attrs if c.key not in exclude}


def _offer_ref(offer: Offer | None) -> dict[str, Any] | None:
    if offer is None:
        return None
    return {"id": offer.id, "title": offer.title, "kind": offer.kind.value, "organization": offer.organization.name}


def export_student(session: Session, user: User) -> dict[str, Any]:
    """All data held about a student, as JSON-ready data (account fields except the password hash)."""
    profile = user.student_profile
    if profile is None:
        raise ValidationError({"account": "is not a student account"})
    pid = profile.id
    applications = session.scalars(select(Application).where(Application.student_id == pid).order_by(Application.id))
    invitations = session.scalars(select(Invitation).where(Invitation.student_id == pid).order_by(Invitation.id))
    searches = session.scalars(select(SavedSearch).where(SavedSearch.student_id == pid).order_by(SavedSearch.id))
    dismissed = session.scalars(select(DismissedOffer).where(DismissedOffer.student_id == pid))
    matches = session.scalars(select(MatchSuggestion).where(MatchSuggestion.student_id == pid)
                              .order_by(MatchSuggestion.run_id, MatchSuggestion.id))
    placements = session.scalars(select(Placement).where(Placement.student_id == pid).order_by(Placement.id))
    participations = session.scalars(select(AllocationParticipant).where(AllocationParticipant.student_id == pid))
    preferences = session.scalars(select(AllocationPreference).where(AllocationPreference.student_id == pid))
    actions = session.scalars(select(AuditEvent).where(AuditEvent.actor_id == user.id).order_by(AuditEvent.id))
    mails = session.scalars(select(OutboxMail).where(OutboxMail.to_address == user.email).order_by(OutboxMail.id))
    # What others (coaches, admins, the system) recorded doing to the account or the profile is held about them too.
    about = session.scalars(select(AuditEvent).where(
        or_((AuditEvent.object_type == "User") & (AuditEvent.object_id == str(user.id)),
            (AuditEvent.object_type == "StudentProfile") & (AuditEvent.object_id == str(pid))),
        or_(AuditEvent.actor_id.is_(None), AuditEvent.actor_id != user.id),
    ).order_by(AuditEvent.id))
    return {
        "format": EXPORT_FORMAT,
        "exported_at": utcnow().isoformat(),
        "account": row_data(user, exclude=("password_hash",)),
        "profile": {
            **row_data(profile),
            "program": profile.program.slug if profile.program else None,
            "preferred_municipalities": [m.name for m in profile.preferred_municipalities],
        },
        "applications": [
            {**row_data(a), "offer": _offer_ref(a.offer),
             "events": [row_data(e, exclude=("application_id",)) for e in a.events]}
            for a in applications
        ],
        "invitations": [{**row_data(i), "offer": _offer_ref(i.offer)} for i in invitations],
        "saved_searches": [row_data(s) for s in searches],
        "dismissed_offers": [{**row_data(d), "offer": _offer_ref(session.get(Offer, d.offer_id))} for d in dismissed],
        "matches": [{**row_data(m), "offer": _offer_ref(session.get(Offer, m.offer_id))} for m in matches],
        "placements": [{**row_data(p), "offer": _offer_ref(p.offer)} for p in placements],
        "allocation_participations": [row_data(p) for p in participations],
        "allocation_preferences": [row_data(p) for p in preferences],
        "actions": [row_data(e) for e in actions],
        "mails": [row_data(m) for m in mails],
        "actions_about_you": [row_data(e) for e in about],
    }


def forget_derived(profile_id: int) -> bool:
    """Drop anything cached from a profile (the ranking engine's vectors); False if there is no such cache."""
    from matchmaker.services.ranking import index as ranking

    forget = getattr(ranking, "forget_student", None)
    if forget is None:
        return False  # ranking keeps no per-student cache: student vectors are computed per request
    forget(profile_id)
    return True


def delete_student_account(session: Session, user: User, password: str) -> None:
    """Delete a student's account and everything derived from it; placements stay as anonymous statistics."""
    if not verify_password(user.password_hash, password or ""):
        raise ValidationError({"password": WRONG_PASSWORD})
    if user.role != Role.STUDENT:
        raise ValidationError({"account": "is not a student account"})
    erase_student(session, user)


def erase_student(session: Session, user: User) -> None:
    """Erase a student or an alumnus (no password check: the caller decided); see delete_student_account."""
    profile = user.student_profile
    pid = profile.id if profile is not None else None
    role = user.role.value  # a student, or an alumnus with their student time
    alumnus = session.scalar(select(AlumnusProfile.id).where(AlumnusProfile.user_id == user.id))
    if pid is not None:
        assert profile is not None
        # Statistics keep program and term but lose the person.
        session.execute(
            update(Placement).where(Placement.student_id == pid, Placement.program_id.is_(None))
            .values(program_id=profile.program_id).execution_options(synchronize_session=False)
        )
        session.execute(
            update(Placement).where(Placement.student_id == pid).values(student_id=None)
            .execution_options(synchronize_session=False)
        )
        for model in (Application, Invitation, SavedSearch, DismissedOffer, MatchSuggestion, AllocationParticipant,
                      AllocationPreference):
            table: Table = model.__table__  # type: ignore[assignment]
            session.execute(delete(table).where(table.c.student_id == pid))
    session.execute(delete(PasswordResetToken).where(PasswordResetToken.user_id == user.id))
    session.execute(delete(OutboxMail).where(OutboxMail.to_address == user.email))
    session.execute(
        update(AuditEvent).where(AuditEvent.actor_id == user.id).values(actor_id=None)
        .execution_options(synchronize_session=False)
    )
    # Audit rows about the person keep the action and time, not who it was.
    object_ids = [("User", str(user.id))] + ([("StudentProfile", str(pid))] if pid is not None else []) + (
        [("AlumnusProfile", str(alumnus))] if alumnus is not None else [])
    for object_type, object_id in object_ids:
        session.execute(
            update(AuditEvent).where(AuditEvent.object_type == object_type, AuditEvent.object_id == object_id)
            .values(object_id="", details={}).execution_options(synchronize_session=False)
        )
    session.expire_all()
    session.delete(session.get(User, user.id))
    session.flush()
    audit.record(session, None, "user.erased", None, role=role)
    if pid is not None:
        forget_derived(pid)


def _last_active(user: User) -> datetime:
    return user.last_login_at or user.created_at


def flag_inactive(session: Session, now: datetime | None = None) -> dict[str, int]:
    """Flag accounts without a login for 24 months for deletion (and unflag those active again); mail the flagged."""
    now = now or utcnow()
    cutoff = now - INACTIVE_AFTER
    flagged = unflagged = 0
    candidates = session.scalars(
        select(User).where(
            User.role.in_([Role.STUDENT, Role.EMPLOYER, Role.ALUMNUS]),
            or_(User.flagged_for_deletion_at.is_not(None), User.last_login_at < cutoff,
                User.last_login_at.is_(None) & (User.created_at < cutoff)),
        )
    ).all()
    for user in candidates:
        inactive = _last_active(user) < cutoff
        if inactive and user.flagged_for_deletion_at is None:
            user.flagged_for_deletion_at = now
            flagged += 1
            mail.queue_mail(
                session, user.email, "Matchmaker: ditt konto tas bort / your account will be deleted",
                "Du har inte loggat in i Matchmaker på 24 månader. Logga in om du vill behålla kontot; "
                "annars tas det bort.\n\nYou have not logged in to Matchmaker for 24 months. Log in to keep "
                "your account; otherwise it will be deleted.",
            )
            audit.record(session, None, "user.flagged_inactive", user)
        elif not inactive and user.flagged_for_deletion_at is not None:
            user.flagged_for_deletion_at = None
            unflagged += 1
    session.flush()
    return {"flagged": flagged, "unflagged": unflagged}


@job("privacy.flag_inactive")
def flag_inactive_job(session: Session) -> dict[str, int]:
    """The daily privacy housekeeping: flag inactive accounts and delete used or expired reset tokens."""
    from matchmaker.services.accounts import password_reset, registration

    result = flag_inactive(session)
    result["reset_tokens_purged"] = password_reset.purge_expired(session)
    result["registrations_purged"] = registration.purge_expired(session)
    return result


# Kept so the privacy module's export has a stable list of what it covers (docs and tests read it).
EXPORT_SECTIONS = (
    "account", "profile", "applications", "invitations", "saved_searches", "dismissed_offers", "matches",
    "placements", "allocation_participations", "allocation_preferences", "actions", "mails", "actions_about_you",
)
