"""Councils, members and minutes: validation refuses bad input with a reason per field and writes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import CouncilMeeting, CouncilMember, LifecyclePhase, MemberKind, ProgrammeCouncil, Role
from matchmaker.services.councils import editing, meetings
from matchmaker.services.councils.editing import CouncilInput, MemberInput
from matchmaker.services.councils.meetings import MeetingInput

pytestmark = pytest.mark.db
TODAY = date(2026, 11, 30)


def _council(db_session, factory, **kw) -> ProgrammeCouncil:
    data = CouncilInput(program_id=factory.program().id, name="Branschråd", goal_meetings_per_year=2, **kw)
    return editing.create_council(db_session, factory.user(Role.COACH), data)


def _count(db_session, model) -> int:
    return db_session.scalar(select(func.count()).select_from(model))


def test_create_sets_goals_and_phase(db_session, factory) -> None:
    council = _council(db_session, factory, goal_employer_members=3)
    assert (council.goal_meetings_per_year, council.goal_employer_members) == (2, 3)
    assert council.phase == LifecyclePhase.DEVELOP


@pytest.mark.parametrize(("change", "field"), [
    ({"name": "  "}, "name"),
    ({"goal_meetings_per_year": 0}, "goal_meetings_per_year"),
    ({"goal_meetings_per_year": None}, "goal_meetings_per_year"),
    ({"goal_meetings_per_year": 53}, "goal_meetings_per_year"),
    ({"goal_employer_members": 0}, "goal_employer_members"),
    ({"phase": "grow"}, "phase"),
    ({"program_id": 10**6}, "program"),
])
def test_bad_council_input_is_refused_on_the_field(db_session, factory, change, field) -> None:
    data = CouncilInput(program_id=factory.program().id, name="Råd", goal_meetings_per_year=2)
    for key, value in change.items():
        setattr(data, key, value)
    with pytest.raises(ValidationError) as exc:
        editing.create_council(db_session, factory.user(Role.COACH), data)
    assert field in exc.value.errors
    assert _count(db_session, ProgrammeCouncil) == 0


def test_one_council_per_program_also_in_the_database(db_session, factory) -> None:
    council = _council(db_session, factory)
    with pytest.raises(ValidationError) as exc:
        editing.create_council(db_session, factory.user(Role.COACH), CouncilInput(
            program_id=council.program_id, name="Another", goal_meetings_per_year=1))
    assert "already has a council" in exc.value.errors["program"]
    editing.update_council(db_session, factory.user(Role.COACH), council, CouncilInput.of(council))  # itself: fine
    with db_session.begin_nested(), pytest.raises(IntegrityError):
        db_session.add(ProgrammeCouncil(program_id=council.program_id, name="Raced", goal_meetings_per_year=1))
        db_session.flush()


def test_database_refuses_a_goal_of_zero(db_session, factory) -> None:
    with db_session.begin_nested(), pytest.raises(IntegrityError):
        db_session.add(ProgrammeCouncil(program_id=factory.program().id, name="Zero", goal_meetings_per_year=0))
        db_session.flush()


def test_members_kinds_organisations_and_accounts(db_session, factory) -> None:
    council = _council(db_session, factory)
    coach = factory.user(Role.COACH)
    org = factory.organization()
    employer = factory.user(Role.EMPLOYER, organization=org)
    student = factory.student()
    rep = editing.add_member(db_session, coach, council, MemberInput(
        kind="employer_representative", name="Rep", organization_id=org.id, email=employer.email.upper()))
    assert rep.user_id == employer.id and rep.kind == MemberKind.EMPLOYER_REPRESENTATIVE
    cases = [
        (MemberInput(kind="employer_representative", name="No org"), "organization"),
        (MemberInput(kind="teacher", name="T", organization_id=org.id), "organization"),
        (MemberInput(kind="teacher", name="T", email=employer.email), "email"),
        (MemberInput(kind="student", name="S", email=employer.email), "email"),
        (MemberInput(kind="employer_representative", name="R", organization_id=factory.organization().id,
                     email=employer.email), "email"),
        (MemberInput(kind="employer_representative", name="Again", organization_id=org.id, email=employer.email),
         "email"),
        (MemberInput(kind="student", name=""), "name"),
        (MemberInput(kind="chair", name="C"), "kind"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationError) as exc:
            editing.add_member(db_session, coach, council, data)
        assert field in exc.value.errors, data
    assert _count(db_session, CouncilMember) == 1
    editing.add_member(db_session, coach, council, MemberInput(kind="student", name="S", email=student.email))
    assert _count(db_session, CouncilMember) == 2


def test_a_member_who_leaves_stays_in_past_minutes_and_may_come_back(db_session, factory) -> None:
    council = _council(db_session, factory)
    coach = factory.user(Role.COACH)
    student = factory.student()
    member = editing.add_member(db_session, coach, council, MemberInput(kind="student", name="S",
                                                                        email=student.email))
    meeting = meetings.record_meeting(db_session, coach, council, MeetingInput(
        title="Möte", held_on=TODAY, attendee_ids=[member.id]), TODAY)
    editing.remove_member(db_session, coach, council, member.id, TODAY)
    assert not member.current and meeting.attendees == [member]
    with pytest.raises(NotFound):
        editing.remove_member(db_session, coach, council, member.id, TODAY)
    with pytest.raises(ValidationError):  # a former member is not among today's attendees
        meetings.record_meeting(db_session, coach, council, MeetingInput(
            title="Nästa", held_on=TODAY, attendee_ids=[member.id]), TODAY)
    back = editing.add_member(db_session, coach, council, MemberInput(kind="student", name="S",
                                                                      email=student.email))
    assert back.id == member.id and back.current


@pytest.mark.parametrize(("change", "field"), [
    ({"title": ""}, "title"),
    ({"held_on": None}, "held_on"),
    ({"held_on": TODAY + timedelta(days=1)}, "held_on"),
    ({"attendee_ids": [10**6]}, "attendees"),
    ({"attendee_ids": [], "guests": ""}, "attendees"),
    ({"notes": "x" * 20_001}, "notes"),
])
def test_bad_minutes_are_refused_on_the_field(db_session, factory, change, field) -> None:
    council = _council(db_session, factory)
    data = MeetingInput(title="Möte", held_on=TODAY, guests="Gäst")
    for key, value in change.items():
        setattr(data, key, value)
    with pytest.raises(ValidationError) as exc:
        meetings.record_meeting(db_session, factory.user(Role.COACH), council, data, TODAY)
    assert field in exc.value.errors
    assert _count(db_session, CouncilMeeting) == 0


def test_another_councils_meeting_is_not_found(db_session, factory) -> None:
    one, other = _council(db_session, factory), _council(db_session, factory)
    meeting = meetings.record_meeting(db_session, factory.user(Role.COACH), one, MeetingInput(
        title="Möte", held_on=TODAY, guests="Gäst"), TODAY)
    assert meetings.get_meeting(one, meeting.id) is meeting
    with pytest.raises(NotFound):
        meetings.get_meeting(other, meeting.id)
