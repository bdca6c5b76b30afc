"""Invitations to apply (and the candidates they go to): contact after acceptance, open offers only, other
organisations see nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Invitation, Offer, OfferStatus, User
from matchmaker.services.applications import candidates, invitations, pipeline
from tests.fixtures.employers import TODAY, World

pytestmark = pytest.mark.db


@pytest.fixture
def world(employer_world: World) -> World:
    """The organisations and people of tests/fixtures/employers.py."""
    return employer_world


@pytest.fixture
def scene(candidate_scene: tuple[Offer, User, User]) -> tuple[Offer, User, User]:
    """The offer and the two students of tests/fixtures/employers.py (candidate_scene)."""
    return candidate_scene


def _invitations(world: World) -> int:
    return world.session.scalar(select(func.count(Invitation.id))) or 0


def test_contact_becomes_visible_after_the_invitation_is_accepted(world: World, scene) -> None:
    offer, visible, _hidden = scene
    invitation = invitations.invite(world.session, world.employer_x, offer.id, visible.student_profile.id,
                                             today=TODAY)
    org = world.employer_x.organization_id
    assert not pipeline.contact_visible(world.session, org, visible.student_profile.id)
    invitations.accept(world.session, visible, invitation.id)
    assert pipeline.contact_visible(world.session, org, visible.student_profile.id)


@pytest.mark.parametrize("change", [{"status": OfferStatus.DRAFT}, {"status": OfferStatus.CLOSED},
                                    {"application_deadline": TODAY - timedelta(days=1)}])
def test_only_open_offers_take_invitations(world: World, scene, change) -> None:
    offer, visible, _hidden = scene
    for key, value in change.items():
        setattr(offer, key, value)
    world.session.flush()
    with pytest.raises(ValidationError) as caught:
        invitations.invite(world.session, world.employer_x, offer.id, visible.student_profile.id, today=TODAY)
    assert caught.value.errors == {"offer": "is not open for applications"}


def test_other_organisations_cannot_see_candidates_or_invite(offer_index, world: World, scene) -> None:
    offer, visible, _hidden = scene
    with pytest.raises(NotFound):
        candidates.candidates_for_offer(world.session, offer_index, world.employer_y, offer.id, today=TODAY)
    with pytest.raises(NotFound):
        invitations.invite(world.session, world.employer_y, offer.id, visible.student_profile.id, today=TODAY)
    assert _invitations(world) == 0
