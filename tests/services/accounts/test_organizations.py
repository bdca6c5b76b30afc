"""Organisations: only members edit the profile, adding a colleague validates, members per organisation."""

from __future__ import annotations

import pytest

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.services.accounts import organizations
from tests.fixtures.employers import World

pytestmark = pytest.mark.db


@pytest.fixture
def world(employer_world: World) -> World:
    """The organisations and people of tests/fixtures/employers.py."""
    return employer_world


def _profile(**kw) -> organizations.OrganizationProfile:
    data = {"name": "Norrlands Kraft AB", "sector": "company", "municipality_id": None,
            "website": "https://kraft.example.se", "description": "Vi bygger elnät."}
    data.update(kw)
    return organizations.OrganizationProfile(**data)


def test_only_members_may_edit(world: World) -> None:
    org_id = world.employer_x.organization_id
    for outsider in (world.employer_y, world.coach, world.admin):
        with pytest.raises(NotFound):
            organizations.update_profile(world.session, outsider, org_id, _profile())
    assert world.employer_x.organization.name != "Norrlands Kraft AB"


def test_add_colleague_validates(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        organizations.add_colleague(world.session, world.employer_x, email="inte-en-adress", name=" ",
                                    compose=lambda u, t: ("s", "b"))
    assert caught.value.errors == {"email": "is not a valid email address", "name": "is required"}


def test_members_are_listed_per_organisation(world: World) -> None:
    names = {u.id for u in organizations.members(world.session, world.employer_x.organization_id)}
    assert names == {world.employer_x.id, world.colleague_x.id}
