"""Events: validation per field, eligibility, registration windows, the waiting list and its move-up, check-in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Event, Notification, RegistrationStatus, utcnow
from matchmaker.services.events import editing, queries, registrations
from tests.fixtures.events import fair_input

pytestmark = pytest.mark.db


def _profile(user):
    assert user.student_profile is not None
    return user.student_profile


def test_bad_input_names_the_field_and_changes_nothing(db_session, fair_world) -> None:
    before = db_session.scalar(select(func.count()).select_from(Event))
    start = utcnow() + timedelta(days=3)
    cases = {
        "ends_at": fair_input([], starts_at=start, ends_at=start - timedelta(hours=1)),
        "capacity": fair_input([], capacity=0),
        "registration_closes": fair_input([], registration_closes=utcnow() - timedelta(days=2)),
        "online_url": fair_input([], online_url="javascript:alert(1)"),
        "kind": fair_input([], kind="party"),
        "graduation_terms": fair_input([], graduation_terms=["autumn"]),
        "place": fair_input([], campus="", place=""),
    }
    for name, data in cases.items():
        with pytest.raises(ValidationError) as caught:
            editing.create_event(db_session, fair_world["coach"], data)
        assert name in caught.value.errors, (name, caught.value.errors)
    assert db_session.scalar(select(func.count()).select_from(Event)) == before


def test_eligibility_nobody_meets_is_refused(db_session, fair_world) -> None:
    # Nursing is a bachelor program: nursing students on master level do not exist.
    data = fair_input([fair_world["program"].id], levels=["master"])
    with pytest.raises(ValidationError) as caught:
        editing.create_event(db_session, fair_world["coach"], data)
    assert "No student meets" in caught.value.errors["programs"]
    ok = editing.create_event(db_session, fair_world["coach"], fair_input([], graduation_terms=["VT2027"]))
    assert queries.can_see(ok, fair_world["a"]) and not queries.can_see(ok, fair_world["b"])


def test_only_eligible_students_see_and_register(db_session, fair_world) -> None:
    event = fair_world["event"]
    assert queries.can_see(event, fair_world["a"])
    assert not queries.can_see(event, fair_world["d"])
    assert not queries.can_see(event, None)  # restricted: anonymous visitors do not see it
    assert event in queries.upcoming_for_viewer(db_session, fair_world["a"])
    assert event not in queries.upcoming_for_viewer(db_session, fair_world["d"])
    with pytest.raises(NotFound):
        registrations.register(db_session, _profile(fair_world["d"]), event)


def test_registration_window(db_session, fair_world) -> None:
    event = fair_world["event"]
    with pytest.raises(ValidationError) as caught:
        registrations.register(db_session, _profile(fair_world["a"]), event, now=event.registration_closes)
    assert "not open" in caught.value.errors["registration"]
    with pytest.raises(ValidationError):
        registrations.register(db_session, _profile(fair_world["a"]), event,
                               now=event.registration_opens - timedelta(seconds=1))
    assert event.registrations == []


def test_waiting_list_moves_up_with_a_notification(db_session, fair_world) -> None:
    event = fair_world["event"]  # capacity 2
    a, b, c = (_profile(fair_world[k]) for k in "abc")
    assert registrations.register(db_session, a, event).status == RegistrationStatus.REGISTERED
    assert registrations.register(db_session, b, event).status == RegistrationStatus.REGISTERED
    assert registrations.register(db_session, c, event).status == RegistrationStatus.WAITING
    with pytest.raises(ValidationError):
        registrations.register(db_session, a, event)  # twice
    registrations.cancel(db_session, a, event)
    assert registrations.registration_of(event, c).status == RegistrationStatus.REGISTERED
    notes = list(db_session.scalars(select(Notification).where(Notification.user_id == c.user_id)))
    assert [n.kind for n in notes] == ["event.moved_up"] and notes[0].object_id == event.id
    assert registrations.registered_count(event) == 2
    # Registering again after cancelling puts A at the end of the queue.
    assert registrations.register(db_session, a, event).status == RegistrationStatus.WAITING


def test_capacity_raise_moves_up_and_lowering_below_registered_is_refused(db_session, fair_world) -> None:
    event = fair_world["event"]
    for key in "abc":
        registrations.register(db_session, _profile(fair_world[key]), event)
    data = editing.input_of(event)
    data.capacity = 1
    with pytest.raises(ValidationError) as caught:
        editing.update_event(db_session, fair_world["coach"], event, data)
    assert "capacity" in caught.value.errors and event.capacity == 2
    data.capacity = 3
    editing.update_event(db_session, fair_world["coach"], event, data)
    assert registrations.registered_count(event) == 3


def test_check_in_and_attendance_per_program(db_session, fair_world) -> None:
    event = fair_world["event"]
    reg = registrations.register(db_session, _profile(fair_world["a"]), event)
    registrations.register(db_session, _profile(fair_world["b"]), event)
    registrations.check_in(db_session, fair_world["coach"], event, reg.id, True)
    counts = registrations.attendance(event)
    assert (counts.registered, counts.attended) == (2, 1)
    assert counts.per_program == {fair_world["program"].id: 1}
    registrations.check_in(db_session, fair_world["coach"], event, reg.id, False)
    assert registrations.attendance(event).attended == 0
