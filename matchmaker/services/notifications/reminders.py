"""Deadline reminders: an offer a student applied to, or was alerted about by a saved search, closes in 3 days."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.jobs.registry import job
from matchmaker.models import (
    Application,
    ApplicationStatus,
    Notification,
    Offer,
    OfferStatus,
    SavedSearch,
    SavedSearchHit,
    StudentProfile,
    User,
)

from .operations import notify

REMIND_DAYS = 3
KIND = "deadline.soon"
_CLOSED = (ApplicationStatus.WITHDRAWN, ApplicationStatus.DECLINED)


def _applicants(session: Session, offer_ids: list[int]) -> set[tuple[int, int]]:
    rows = session.execute(
        select(Application.offer_id, StudentProfile.user_id).join(StudentProfile, Application.student_id
                                                                   == StudentProfile.id)
        .where(Application.offer_id.in_(offer_ids), Application.status.not_in(_CLOSED)))
    return {(offer_id, user_id) for offer_id, user_id in rows}


def _alerted(session: Session, offer_ids: list[int]) -> set[tuple[int, int]]:
    """Offers a student's saved-search alert told them about: the offers they follow without applying."""
    rows = session.execute(
        select(SavedSearchHit.offer_id, StudentProfile.user_id)
        .join(SavedSearch, SavedSearchHit.search_id == SavedSearch.id)
        .join(StudentProfile, SavedSearch.student_id == StudentProfile.id)
        .where(SavedSearchHit.offer_id.in_(offer_ids)))
    return {(offer_id, user_id) for offer_id, user_id in rows}


def deadline_reminders(session: Session, today: date) -> int:
    """Notify each student of each followed offer whose deadline is within three days; returns how many."""
    offers = {o.id: o for o in session.scalars(
        select(Offer).where(Offer.status == OfferStatus.PUBLISHED, Offer.application_deadline >= today,
                            Offer.application_deadline <= today + timedelta(days=REMIND_DAYS)))}
    if not offers:
        return 0
    pairs = _applicants(session, list(offers)) | _alerted(session, list(offers))
    done = set(session.execute(
        select(Notification.object_id, Notification.user_id)
        .where(Notification.kind == KIND, Notification.object_type == "offer",
               Notification.object_id.in_(list(offers)))).tuples())
    sent = 0
    for offer_id, user_id in sorted(pairs - done):
        offer, user = offers[offer_id], session.get(User, user_id)
        if user is None:
            continue
        deadline = offer.application_deadline.isoformat() if offer.application_deadline else ""
        sent += len(notify(session, [user], KIND, {"offer": offer.title, "date": deadline}, obj=("offer", offer.id)))
    return sent


@job("notifications.deadline_reminders")
def deadline_reminders_job(session: Session, today: str | None = None) -> int:
    """Job: the deadline reminders of today."""
    return deadline_reminders(session, date.fromisoformat(today) if today else date.today())
