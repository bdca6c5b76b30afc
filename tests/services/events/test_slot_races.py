"""Double booking under concurrency: two sessions on separate connections race; the database lets one win.

Runs on SQLite and, with MATCHMAKER_TEST_DATABASE_URL, on PostgreSQL in a database of its own (real commits).
"""

from __future__ import annotations

import contextlib
import os
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.core.errors import ValidationError
from matchmaker.core.validation import org_number_with_check_digit
from matchmaker.models import (
    Base,
    Event,
    EventKind,
    EventRegistration,
    FairExhibitor,
    InterviewSlot,
    Organization,
    RegistrationStatus,
    Role,
    Sector,
    SlotBooking,
    StudentProfile,
    User,
    utcnow,
)
from matchmaker.models.database import WRITE_INTENT, make_engine, make_session_factory
from matchmaker.services.events import slots
from tests.fixtures.scratch_db import postgres_available, scratch_database

pytestmark = pytest.mark.db


@pytest.fixture
def own_factory(tmp_path):
    """Sessions on real, separate connections to a database of this test's own."""
    with contextlib.ExitStack() as stack:
        if postgres_available():
            url = stack.enter_context(scratch_database(f"matchmaker_slots_{os.getpid()}"))
        else:
            url = f"sqlite:///{tmp_path / 'slots.sqlite'}"
        engine = make_engine(url)
        stack.callback(engine.dispose)
        Base.metadata.create_all(engine)
        yield make_session_factory(engine)


def _setup(factory) -> dict[str, list[int]]:
    """A fair with one exhibitor and two slots, and two students registered for it."""
    with factory() as session:
        start = utcnow().replace(microsecond=0) + timedelta(days=2)
        event = Event(kind=EventKind.FAIR, title="Race fair", campus="Sundsvall", starts_at=start,
                      ends_at=start + timedelta(hours=4), registration_opens=start - timedelta(days=5),
                      registration_closes=start)
        org = Organization(name="Race AB", org_number=org_number_with_check_digit("556888888"),
                           sector=Sector.COMPANY, verified=True)
        exhibitor = FairExhibitor(event=event, organization=org, representatives=1)
        slot_ids, students = [], []
        session.add_all([event, exhibitor])
        session.flush()
        for i in range(2):
            slot = InterviewSlot(exhibitor_id=exhibitor.id, starts_at=start + timedelta(minutes=10 * i), minutes=10)
            user = User(email=f"race{i}@example.org", password_hash="x", role=Role.STUDENT)
            user.student_profile = StudentProfile(name=f"Racer {i}")
            session.add_all([slot, user])
            session.flush()
            session.add(EventRegistration(event_id=event.id, student_id=user.student_profile.id,
                                          status=RegistrationStatus.REGISTERED))
            slot_ids.append(slot.id)
            students.append(user.student_profile.id)
        session.commit()
        return {"slots": slot_ids, "students": students}


def _race(factory, jobs: list[tuple[int, int]]) -> list[str]:
    """Each job (student id, slot id) books in its own thread and session, all released at once."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(student_id: int, slot_id: int) -> None:
        with factory() as session:
            profile = session.get(StudentProfile, student_id)
            slot = slots.get_slot(session, slot_id)
            _ = slot.exhibitor.event.registrations  # everything read before the race starts
            session.commit()  # end the read transaction; the booking starts a write one, as a POST does
            WRITE_INTENT.set(True)
            barrier.wait()
            try:
                slots.book(session, profile, slot)
                session.commit()
                result = "booked"
            except ValidationError:
                session.rollback()
                result = "refused"
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return sorted(outcomes)


def test_two_students_racing_for_one_slot(own_factory) -> None:
    ids = _setup(own_factory)
    slot = ids["slots"][0]
    assert _race(own_factory, [(ids["students"][0], slot), (ids["students"][1], slot)]) == ["booked", "refused"]
    with own_factory() as session:
        assert session.scalar(select(func.count()).select_from(SlotBooking).where(SlotBooking.slot_id == slot)) == 1


def test_one_student_racing_for_two_slots_of_one_employer(own_factory) -> None:
    ids = _setup(own_factory)
    student = ids["students"][0]
    assert _race(own_factory, [(student, ids["slots"][0]), (student, ids["slots"][1])]) == ["booked", "refused"]
    with own_factory() as session:
        assert session.scalar(select(func.count()).select_from(SlotBooking)) == 1
