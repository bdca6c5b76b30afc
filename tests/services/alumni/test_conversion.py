"""A student becomes an alumnus: by their own word (confirmed), or on a planned date through the scheduler's task."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from matchmaker.core.errors import Forbidden, ValidationError
from matchmaker.jobs import (
    catalog,  # noqa: F401  (fills the registry)
    scheduler,
)
from matchmaker.models import AlumnusProfile, Notification, Role, User, utcnow
from matchmaker.services.alumni import conversion
from matchmaker.services.alumni import profile as alumni

pytestmark = pytest.mark.db

TODAY = date(2027, 1, 10)


def test_graduating_needs_the_confirmation_and_changes_nothing_without_it(db_session, factory) -> None:
    student = factory.student(visible_to_employers=True, consent_at=utcnow())
    with pytest.raises(ValidationError) as caught:
        conversion.graduate_now(db_session, student, confirmed=False)
    assert "confirm" in caught.value.errors
    assert student.role == Role.STUDENT and student.student_profile.visible_to_employers


def test_graduating_resets_the_student_consent_and_asks_for_the_new_one(db_session, factory) -> None:
    student = factory.student(visible_to_employers=True, consent_at=utcnow())
    row = conversion.graduate_now(db_session, student, confirmed=True)
    db_session.expire_all()
    user = db_session.get(User, student.id)
    assert user.role == Role.ALUMNUS
    assert not user.student_profile.visible_to_employers and user.student_profile.consent_at is None
    assert row.converted_at is not None and row.graduated_on == date.today()
    assert alumni.needs_consent_answer(row) and not row.consent_given
    kinds = db_session.scalars(select(Notification.kind).where(Notification.user_id == student.id)).all()
    assert kinds == ["alumni.converted"]


def test_only_a_student_graduates(db_session, factory) -> None:
    with pytest.raises(Forbidden):
        conversion.graduate_now(db_session, factory.user(Role.EMPLOYER), confirmed=True)
    with pytest.raises(Forbidden):
        conversion.plan_graduation(db_session, factory.user(Role.COACH), TODAY + timedelta(days=3), TODAY)


@pytest.mark.parametrize("on", [TODAY, TODAY - timedelta(days=1), TODAY + timedelta(days=7 * 366)])
def test_a_planned_date_must_be_ahead_and_within_six_years(db_session, factory, on) -> None:
    student = factory.student()
    with pytest.raises(ValidationError) as caught:
        conversion.plan_graduation(db_session, student, on, TODAY)
    assert "graduated_on" in caught.value.errors
    assert conversion.planned(db_session, student) is None


def test_the_daily_task_converts_students_whose_date_has_come(db_session, factory, session_factory) -> None:
    due, later, cleared = factory.student(), factory.student(), factory.student()
    tomorrow = date.today() + timedelta(days=1)
    for user in (due, later, cleared):
        conversion.plan_graduation(db_session, user, tomorrow, date.today())
    conversion.plan_graduation(db_session, later, tomorrow + timedelta(days=30), date.today())
    conversion.plan_graduation(db_session, cleared, None, date.today())
    # The date of `due` has come by the time the task runs.
    db_session.get(AlumnusProfile, conversion.planned(db_session, due).id).graduated_on = date.today()
    db_session.commit()
    result = scheduler.run_task(db_session, "alumni.daily")
    db_session.commit()
    assert result == 1
    db_session.expire_all()
    assert [db_session.get(User, u.id).role for u in (due, later, cleared)] == [Role.ALUMNUS, Role.STUDENT,
                                                                               Role.STUDENT]
    assert scheduler.BY_NAME["alumni.daily"].every == timedelta(days=1)
    # Run again: nobody is converted twice.
    assert scheduler.run_task(db_session, "alumni.daily") == 0


def test_a_deactivated_student_is_not_converted(db_session, factory) -> None:
    student = factory.student()
    conversion.plan_graduation(db_session, student, TODAY + timedelta(days=1), TODAY)
    student.active = False
    assert conversion.convert_due(db_session, TODAY + timedelta(days=1)) == []
    assert student.role == Role.STUDENT
