"""Demo meeting places: a fair with exhibitors, slots and bookings; a mentoring programme matched and published."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from matchmaker.models import Event, EventKind, MentoringProgramme, ProgrammeStatus, RegistrationStatus
from matchmaker.seed.demo import load_demo
from matchmaker.services.events import registrations
from matchmaker.services.mentoring import followup

pytestmark = pytest.mark.db


def test_fair_and_mentoring_programme_are_seeded(db_session) -> None:
    load_demo(db_session, today=date(2026, 9, 1))
    fair = db_session.scalar(select(Event).where(Event.kind == EventKind.FAIR))
    assert fair is not None and " / " in fair.title  # Swedish / English
    assert len(fair.exhibitors) == 3 and sum(len(x.slots) for x in fair.exhibitors) == 10
    assert sum(1 for x in fair.exhibitors for s in x.slots if s.booking is not None) == 3
    assert registrations.attendance(fair).registered == 5
    lecture = db_session.scalar(select(Event).where(Event.kind == EventKind.GUEST_LECTURE))
    assert [r.status for r in lecture.registrations].count(RegistrationStatus.WAITING) == 1  # capacity 2 of 3
    programme = db_session.scalar(select(MentoringProgramme))
    assert programme.status == ProgrammeStatus.PUBLISHED
    assert followup.outcomes(programme).pairs >= 4
    assert all(p.reasons and p.score > 0 for p in programme.pairs)
    for mentor in programme.mentors:
        assert sum(1 for p in programme.pairs if p.mentor_id == mentor.id) <= mentor.capacity
