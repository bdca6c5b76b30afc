"""Alumni register as mentors through the same service as employer staff; a student still cannot."""

from __future__ import annotations

from datetime import date

import pytest

from matchmaker.core.errors import Forbidden, ValidationError
from matchmaker.models import Role
from matchmaker.services.mentoring import programmes
from tests.fixtures.alumni import make_alumnus

pytestmark = pytest.mark.db

TODAY = date(2027, 1, 10)


@pytest.fixture
def programme(db_session, factory):
    return programmes.create_programme(db_session, factory.user(Role.COACH), programmes.ProgrammeInput(
        title="Mentorsprogram våren 2027", goals="10 par", period_start=date(2027, 2, 1),
        period_end=date(2027, 6, 15), matching_deadline=date(2027, 1, 25)))


def test_an_alumnus_registers_as_a_mentor(db_session, factory, programme) -> None:
    alumnus = make_alumnus(db_session, factory)
    mentor = programmes.register_mentor(db_session, alumnus, programme, "Sjuksköterska i hemsjukvården", "", 2,
                                        TODAY)
    assert (mentor.user_id, mentor.capacity) == (alumnus.id, 2) and programme.mentors == [mentor]


def test_an_alumnus_mentor_gets_the_same_reasons_for_bad_input(db_session, factory, programme) -> None:
    alumnus = make_alumnus(db_session, factory)
    with pytest.raises(ValidationError) as caught:
        programmes.register_mentor(db_session, alumnus, programme, "", "", 0, TODAY)
    assert set(caught.value.errors) == {"capacity", "expertise"} and programme.mentors == []


def test_a_student_is_no_mentor(db_session, factory, programme) -> None:
    with pytest.raises(Forbidden):
        programmes.register_mentor(db_session, factory.student(), programme, "Python", "", 1, TODAY)
