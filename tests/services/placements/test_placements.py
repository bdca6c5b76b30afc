"""Placements and follow-up: terms, filters, feedback from both sides, surviving the student's deletion, employer
contacts."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Placement, Role
from matchmaker.services.accounts import privacy
from matchmaker.services.placements import placements

pytestmark = pytest.mark.db


@pytest.fixture
def placed(placements_of_two_students: dict[str, Any]) -> dict[str, Any]:
    """The two placements of tests/fixtures/placements.py."""
    return placements_of_two_students


def test_term_of_names_spring_summer_and_autumn() -> None:
    assert placements.term_of(date(2026, 5, 31)) == "VT2026"
    # A June-August internship is a summer placement, not a spring one.
    assert [placements.term_of(date(2027, m, 15)) for m in (6, 7, 8)] == ["SO2027"] * 3
    assert placements.term_of(date(2026, 9, 1)) == "HT2026"


def test_filters(db_session, placed, people) -> None:
    def ids(**kw):
        return [p.id for p in placements.list_placements(db_session, placements.PlacementFilter(**kw))]

    assert ids() == [placed["a"].id, placed["b"].id]
    assert ids(term="VT2026") == [placed["b"].id]
    assert ids(program_id=placed["program"].id) == [placed["a"].id]
    assert ids(organization_id=people["org_y"].id) == [placed["b"].id]
    assert ids(completed="yes") == [placed["b"].id] and ids(completed="no") == [placed["a"].id]
    assert ids(kind="internship") == []
    assert placements.terms(db_session) == ["HT2026", "VT2026"]


def test_student_feedback_only_on_own_placement(db_session, placed, people) -> None:
    a, b = people["student_a"].student_profile, people["student_b"].student_profile
    with pytest.raises(ValidationError) as caught:
        placements.student_feedback(db_session, a, placed["a"].id, 6, None, "")
    assert caught.value.errors == {"rating": "must be between 1 and 5", "would_recommend": "is required"}
    with pytest.raises(NotFound):
        placements.student_feedback(db_session, b, placed["a"].id, 4, True, "")
    placements.student_feedback(db_session, a, placed["a"].id, 4, True, " Bra handledning ")
    assert (placed["a"].student_rating, placed["a"].student_would_recommend, placed["a"].student_feedback) == (
        4, True, "Bra handledning")


def test_employer_feedback_only_on_own_organisation(db_session, placed, people) -> None:
    with pytest.raises(NotFound):
        placements.employer_feedback(db_session, people["employer_y"], people["org_y"].id, placed["a"].id, 5, True, "")
    with pytest.raises(ValidationError):
        placements.employer_feedback(db_session, people["employer_x"], people["org_x"].id, placed["a"].id, 0, None, "")
    placements.employer_feedback(db_session, people["employer_x"], people["org_x"].id, placed["a"].id, 5, True, "")
    assert (placed["a"].employer_rating, placed["a"].hired_afterwards) == (5, True)


def test_placement_survives_the_students_account_deletion(db_session, placed, people) -> None:
    privacy.erase_student(db_session, people["student_a"])
    db_session.flush()
    db_session.expire_all()
    row = db_session.scalar(select(Placement).where(Placement.id == placed["a"].id))
    assert row.student_id is None and row.program_id == placed["program"].id and row.term == "HT2026"


def test_employer_contacts_are_employers_of_the_organisation(db_session, factory, people) -> None:
    from matchmaker.services.placements.placements import employer_contacts

    extra = factory.user(Role.EMPLOYER, organization=people["org_x"])
    assert [u.id for u in employer_contacts(db_session, people["org_x"].id)] == [people["employer_x"].id, extra.id]
