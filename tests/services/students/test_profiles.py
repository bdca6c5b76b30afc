"""Student profiles: unknown catalogue values are refused, and what an employer may see of a profile."""

from __future__ import annotations

import pytest

from matchmaker.core.errors import ValidationError
from matchmaker.services.students import profiles as students
from tests.fixtures.karriarsok import World

pytestmark = pytest.mark.db


@pytest.fixture
def world(karriarsok_world: World) -> World:
    """The offers, students and staff of tests/fixtures/karriarsok.py."""
    return karriarsok_world


def test_unknown_program_municipality_and_kind_are_refused(db_session, world) -> None:
    data = students.ProfileInput(name="A", program_slug="nope", municipality_ids=[999999],
                                 preferred_kinds=["space_travel"], graduation_term="HT1990")
    with pytest.raises(ValidationError) as err:
        students.update_profile(db_session, world.student_a, data)
    assert set(err.value.errors) == {"program", "municipalities", "preferred_kinds", "graduation_term"}


def test_employer_view_has_contact_only_when_allowed(world) -> None:
    profile = world.student_a.student_profile
    assert "email" not in students.employer_view(profile) and "phone" not in students.employer_view(profile)
    full = students.employer_view(profile, with_contact=True)
    assert full["email"] == "anna@example.org" and full["phone"] == "070-123 45 67"
