"""Participants who want to work in a sparsely populated municipality: the profile's tick box or a preferred
sparsely populated municipality counts, each student once; kinds without student participants give None."""

from __future__ import annotations

from datetime import date

import pytest

from matchmaker.models import EventRegistration, RegistrationStatus
from matchmaker.services.activities import participants
from matchmaker.services.activities.goals import Activity
from matchmaker.services.events import editing
from tests.fixtures.events import fair_input

pytestmark = pytest.mark.db


def _activity(kind: str, activity_id: int) -> Activity:
    return Activity(kind=kind, id=activity_id, title="x", day=date(2027, 1, 1), measure="m", goal=None, outcome=0,
                    sparse_organizations=0, organizations=0)


def test_wishes_count_checked_in_students_only(db_session, factory, fair_world) -> None:
    kiruna = factory.municipality("Kiruna", sparsely_populated=True)
    umea = factory.municipality("Umeå")
    a, b, c = (fair_world[k].student_profile for k in ("a", "b", "c"))
    a.prefers_sparse = True
    b.preferred_municipalities = [kiruna, umea]  # one sparse choice is enough
    c.preferred_municipalities = [umea]
    event = fair_world["event"]
    empty = editing.create_event(db_session, fair_world["coach"], fair_input([fair_world["program"].id]))
    for profile, attended in ((a, True), (b, True), (c, True), (fair_world["d"].student_profile, False)):
        db_session.add(EventRegistration(event_id=event.id, student_id=profile.id,
                                         status=RegistrationStatus.REGISTERED, checked_in_at=event.starts_at
                                         if attended else None))
    db_session.flush()
    found = participants.sparse_wishes(db_session, [_activity("event", event.id), _activity("event", empty.id),
                                                    _activity("council", 1), _activity("mentoring", 999)])
    assert found[("event", event.id)] == participants.SparseWish(wishing=2, participants=3)
    assert found[("event", empty.id)] == participants.SparseWish(0, 0)
    assert found[("council", 1)] is None  # not recorded for this kind
    assert found[("mentoring", 999)] == participants.SparseWish(0, 0)
