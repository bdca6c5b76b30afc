"""Meeting places in the coach reports: attendance per study program and fair participation per employer.

Counts only, never names of students. An event belongs to a report period when it starts inside it; cancelled
events are left out (nobody could attend them).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from matchmaker.models import (
    Event,
    EventRegistration,
    FairExhibitor,
    InterviewSlot,
    Organization,
    RegistrationStatus,
    SlotBooking,
    StudentProfile,
    StudyProgram,
)

Moments = tuple[datetime | None, datetime | None]


def _in_period(query: Select[Any], moments: Moments) -> Select[Any]:
    start, end = moments
    query = query.where(Event.cancelled_at.is_(None))
    if start is not None:
        query = query.where(Event.starts_at >= start)
    if end is not None:
        query = query.where(Event.starts_at < end)
    return query


def attendance_by_program(session: Session, moments: Moments, locale: str = "sv") -> list[dict[str, Any]]:
    """Per study program (the student's current one): registrations holding a place, on the waiting list, and
    checked in, over the events starting in [start, end). A student at two events counts twice."""
    held = func.sum(case((EventRegistration.status == RegistrationStatus.REGISTERED, 1), else_=0))
    waiting = func.sum(case((EventRegistration.status == RegistrationStatus.WAITING, 1), else_=0))
    attended = func.sum(case((EventRegistration.checked_in_at.is_not(None), 1), else_=0))
    query = _in_period(
        select(StudentProfile.program_id, held, waiting, attended, func.count(func.distinct(Event.id)))
        .select_from(EventRegistration).join(Event, EventRegistration.event_id == Event.id)
        .join(StudentProfile, EventRegistration.student_id == StudentProfile.id)
        .where(EventRegistration.status != RegistrationStatus.CANCELLED)
        .group_by(StudentProfile.program_id), moments)
    names = {p.id: p.name(locale) for p in session.scalars(select(StudyProgram))}
    rows = [{"program_id": program_id, "program": names.get(program_id, "") if program_id else "",
             "events": events, "registered": int(n_held or 0), "waiting": int(n_waiting or 0),
             "attended": int(n_attended or 0)}
            for program_id, n_held, n_waiting, n_attended, events in session.execute(query)]
    return sorted(rows, key=lambda r: (r["program_id"] is None, -r["attended"], -r["registered"], r["program"]))


def fair_participation_by_employer(session: Session, moments: Moments) -> list[dict[str, Any]]:
    """Per exhibiting organisation, over the fairs starting in [start, end): fairs registered for, fairs it arrived
    at (the coach's exhibitor check-in), representatives, interview slots published and booked."""
    exhibitors = _in_period(
        select(FairExhibitor.organization_id, Organization.name, func.count(FairExhibitor.id),
               func.sum(case((FairExhibitor.checked_in_at.is_not(None), 1), else_=0)),
               func.sum(FairExhibitor.representatives))
        .select_from(FairExhibitor).join(Event, FairExhibitor.event_id == Event.id)
        .join(Organization, FairExhibitor.organization_id == Organization.id)
        .group_by(FairExhibitor.organization_id, Organization.name), moments)
    slots = _in_period(
        select(FairExhibitor.organization_id, func.count(InterviewSlot.id), func.count(SlotBooking.id))
        .select_from(InterviewSlot).join(FairExhibitor, InterviewSlot.exhibitor_id == FairExhibitor.id)
        .join(Event, FairExhibitor.event_id == Event.id)
        .outerjoin(SlotBooking, SlotBooking.slot_id == InterviewSlot.id)
        .group_by(FairExhibitor.organization_id), moments)
    slot_counts = {org: (published, booked) for org, published, booked in session.execute(slots)}
    rows = []
    for org_id, name, fairs, arrived, representatives in session.execute(exhibitors):
        published, booked = slot_counts.get(org_id, (0, 0))
        rows.append({"organization_id": org_id, "organization": name, "fairs": fairs, "arrived": int(arrived or 0),
                     "representatives": int(representatives or 0), "slots_published": published,
                     "slots_booked": booked})
    return sorted(rows, key=lambda r: (-r["slots_booked"], -r["fairs"], r["organization"].casefold()))
