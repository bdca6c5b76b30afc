"""Active councils across the 12-month boundary, outcome against goals, the sparse share, who reads minutes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from matchmaker.core.errors import NotFound
from matchmaker.models import Role
from matchmaker.services.accounts.organizations import Unverified
from matchmaker.services.councils import editing, meetings, queries
from matchmaker.services.councils.editing import CouncilInput, MemberInput
from matchmaker.services.councils.meetings import MeetingInput

pytestmark = pytest.mark.db
TODAY = date(2026, 11, 30)


def _council(db_session, factory, program=None, **kw):
    program = program or factory.program()
    data = CouncilInput(program_id=program.id, name=f"Råd {program.slug}", goal_meetings_per_year=2, **kw)
    return editing.create_council(db_session, factory.user(Role.COACH), data)


def _meet(db_session, factory, council, day: date) -> None:
    meetings.record_meeting(db_session, factory.user(Role.COACH), council, MeetingInput(
        title="Möte", held_on=day, guests="Gäst"), TODAY)


@pytest.mark.parametrize(("held", "active"), [
    (date(2025, 11, 30), True),   # exactly 12 months ago: still within
    (date(2025, 11, 29), False),  # a day more: not
    (TODAY, True),
])
def test_active_means_met_within_the_last_12_months(db_session, factory, held, active) -> None:
    council = _council(db_session, factory)
    assert not queries.is_active(council, TODAY)
    _meet(db_session, factory, council, held)
    assert queries.is_active(council, TODAY) is active


def test_year_before_a_leap_day() -> None:
    assert queries.year_before(date(2028, 2, 29)) == date(2027, 2, 28)


def test_outcome_against_goals_and_sparse_share(db_session, factory) -> None:
    council = _council(db_session, factory, goal_employer_members=3)
    coach = factory.user(Role.COACH)
    sparse = factory.organization(municipality=factory.municipality(sparsely_populated=True))
    city = factory.organization(municipality=factory.municipality(sparsely_populated=False))
    for org, name in ((sparse, "A"), (sparse, "B"), (city, "C")):
        editing.add_member(db_session, coach, council, MemberInput(kind="employer_representative", name=name,
                                                                   organization_id=org.id))
    editing.add_member(db_session, coach, council, MemberInput(kind="teacher", name="T"))
    for days in (10, 200, 400):
        _meet(db_session, factory, council, TODAY - timedelta(days=days))
    got = queries.outcome(council, TODAY)
    assert (got.meetings, got.goal_meetings, got.meetings_met) == (2, 2, True)
    assert (got.employer_members, got.employers_met) == (3, True)
    assert (got.sparse_organizations, got.organizations) == (1, 2)  # distinct organisations
    assert got.last_meeting == TODAY - timedelta(days=10) and got.active
    editing.remove_member(db_session, coach, council, council.members[2].id, TODAY)  # C leaves
    got = queries.outcome(council, TODAY)
    assert (got.employer_members, got.employers_met, got.organizations) == (2, False, 1)


def test_overview_puts_programs_without_an_active_council_first(db_session, factory) -> None:
    met, idle, bare = factory.program(), factory.program(), factory.program()
    _meet(db_session, factory, _council(db_session, factory, met), TODAY - timedelta(days=5))
    _council(db_session, factory, idle)
    rows = {r.program.id: (i, r) for i, r in enumerate(queries.overview(db_session, TODAY))}
    assert rows[bare.id][1].council is None and not rows[bare.id][1].active
    assert rows[idle.id][1].council is not None and not rows[idle.id][1].active
    assert rows[met.id][1].active
    assert rows[met.id][0] > max(rows[bare.id][0], rows[idle.id][0])


def test_minutes_are_read_by_members_only(db_session, factory) -> None:
    council = _council(db_session, factory)
    coach = factory.user(Role.COACH)
    member_org = factory.organization()
    by_account = factory.user(Role.EMPLOYER, organization=member_org)
    colleague = factory.user(Role.EMPLOYER, organization=member_org)  # same organisation, not linked
    outsider = factory.user(Role.EMPLOYER)
    student, other_student = factory.student(), factory.student()
    editing.add_member(db_session, coach, council, MemberInput(
        kind="employer_representative", name="Rep", organization_id=member_org.id, email=by_account.email))
    editing.add_member(db_session, coach, council, MemberInput(kind="student", name="S", email=student.email))
    _meet(db_session, factory, council, TODAY)
    meeting = council.meetings[0]
    for reader in (by_account, colleague, student):
        assert queries.minutes_for(db_session, reader, council.id, meeting.id) is meeting
    for stranger in (outsider, other_student, coach):
        with pytest.raises(NotFound):
            queries.minutes_for(db_session, stranger, council.id, meeting.id)
    member_org.verified = False
    with pytest.raises(Unverified):
        queries.councils_of(db_session, colleague)
    student_member = next(m for m in council.members if m.user_id == student.id)
    editing.remove_member(db_session, coach, council, student_member.id, TODAY)
    with pytest.raises(NotFound):
        queries.minutes_for(db_session, student, council.id, meeting.id)
