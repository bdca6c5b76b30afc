"""Check-in at the door: once only, only with a place, the refusal in words (audit on the real check-in only)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import AuditEvent, RegistrationStatus
from matchmaker.services.events import checkin, registrations

pytestmark = pytest.mark.db


def _audits(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "event.check_in"))


def test_check_in_once_then_no_change(db_session, fair_world) -> None:
    event, coach = fair_world["event"], fair_world["coach"]
    found = registrations.register(db_session, fair_world["a"].student_profile, event)
    assert checkin.refusal(found) is None
    assert checkin.check_in_once(db_session, coach, event, found) is True
    at = found.checked_in_at
    assert at is not None and _audits(db_session) == 1
    assert checkin.check_in_once(db_session, coach, event, found) is False
    assert found.checked_in_at == at and _audits(db_session) == 1


def test_waiting_and_cancelled_are_refused_with_the_reason(db_session, fair_world) -> None:
    event, coach = fair_world["event"], fair_world["coach"]
    for who in ("a", "b", "c"):
        registrations.register(db_session, fair_world[who].student_profile, event)
    waiting = checkin.registration_at(event, registrations.waiting_list(event)[0].id)
    assert waiting is not None and waiting.status == RegistrationStatus.WAITING
    with pytest.raises(ValidationError) as refused:
        checkin.check_in_once(db_session, coach, event, waiting)
    assert "waiting list" in refused.value.errors["code"] and waiting.checked_in_at is None
    registrations.cancel(db_session, fair_world["a"].student_profile, event)
    cancelled = registrations.registration_of(event, fair_world["a"].student_profile)
    with pytest.raises(ValidationError) as refused:
        checkin.check_in_once(db_session, coach, event, cancelled)
    assert "cancelled" in refused.value.errors["code"] and _audits(db_session) == 0


def test_registration_lookups(db_session, fair_world) -> None:
    event = fair_world["event"]
    found = registrations.register(db_session, fair_world["a"].student_profile, event)
    assert checkin.registration_at(event, found.id) is found
    assert checkin.registration_at(event, found.id + 99) is None
    assert checkin.registration_by_id(db_session, found.id) is found
    with pytest.raises(NotFound):
        checkin.registration_by_id(db_session, found.id + 99)
