"""Programme councils among the activities by lifecycle phase: meetings in 12 months against the goal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from matchmaker.models import LifecyclePhase, Role
from matchmaker.services.activities import goals
from matchmaker.services.councils import editing, meetings
from matchmaker.services.councils.editing import CouncilInput, MemberInput
from matchmaker.services.councils.meetings import MeetingInput

pytestmark = pytest.mark.db
TODAY = date(2026, 11, 30)


def test_by_phase_lists_councils_with_goal_and_outcome(db_session, factory) -> None:
    coach = factory.user(Role.COACH)
    council = editing.create_council(db_session, coach, CouncilInput(
        program_id=factory.program().id, name="Branschråd vård", phase="retain", goal_meetings_per_year=3))
    org = factory.organization(municipality=factory.municipality(sparsely_populated=True))
    editing.add_member(db_session, coach, council, MemberInput(kind="employer_representative", name="R",
                                                               organization_id=org.id))
    for days in (30, 500):
        meetings.record_meeting(db_session, coach, council, MeetingInput(
            title="Möte", held_on=TODAY - timedelta(days=days), guests="Gäst"), TODAY)
    rows = goals.by_phase(db_session, TODAY)
    assert not any(a.kind == "council" for a in rows[LifecyclePhase.DEVELOP])
    [activity] = [a for a in rows[LifecyclePhase.RETAIN] if a.kind == "council"]
    assert (activity.id, activity.title, activity.measure) == (council.id, "Branschråd vård", "meetings")
    assert (activity.goal, activity.outcome, activity.met) == (3, 1, False)
    assert (activity.sparse_organizations, activity.organizations) == (1, 1)
    assert activity.day == TODAY - timedelta(days=30)  # the latest meeting
