"""The student side of applications: the transition rules every status change goes through."""

from __future__ import annotations

import pytest

from matchmaker.core.errors import ValidationError
from matchmaker.models import ApplicationStatus
from matchmaker.services.applications import student as applications
from tests.fixtures.karriarsok import TODAY, World

pytestmark = pytest.mark.db
S = ApplicationStatus


@pytest.fixture
def world(karriarsok_world: World) -> World:
    """The offers, students and staff of tests/fixtures/karriarsok.py."""
    return karriarsok_world


def test_transitions_are_checked_in_one_place(db_session, world) -> None:
    app = applications.apply(db_session, world.student_a, world.dev.id, "", TODAY)
    with pytest.raises(ValidationError):
        applications.record_event(db_session, app, S.ACCEPTED, world.employer)
    for target in (S.IN_REVIEW, S.INTERVIEW, S.OFFERED, S.ACCEPTED):
        applications.record_event(db_session, app, target, world.employer)
    assert [e.to_status for e in app.events] == [S.SUBMITTED, S.IN_REVIEW, S.INTERVIEW, S.OFFERED, S.ACCEPTED]
    assert all(not applications.TRANSITIONS[s] for s in applications.FINAL)
    assert set(applications.TRANSITIONS) == set(ApplicationStatus)
