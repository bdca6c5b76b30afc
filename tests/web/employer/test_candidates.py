"""Suggested candidates on the employer pages (consenting students only, no contact details) and invitations to
apply."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Invitation, InvitationStatus, Offer, OutboxMail, User
from matchmaker.services.applications import candidates, invitations
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


def test_only_consenting_students_are_suggested_without_contact_details(offer_index, client, login, world: World,
                                                                       scene) -> None:
    offer, visible, hidden = scene
    found = candidates.candidates_for_offer(world.session, offer_index, world.employer_x, offer.id,
                                                      today=TODAY)
    assert [c.student_id for c in found] == [visible.student_profile.id]
    assert "email" not in found[0].profile and "phone" not in found[0].profile
    assert any(r["kind"] == "skill" for r in found[0].reasons)
    login(world.employer_x)
    html = client.get(f"/employer/offers/{offer.id}/candidates").get_data(as_text=True)
    assert "Vera Synlig" in html and "Hemlig Student" not in html
    assert visible.email not in html and "070-111 22 33" not in html
    assert "Bjud in att söka" in html


def test_invite_reaches_the_students_home_and_mailbox(client, login, world: World, scene) -> None:
    offer, visible, _hidden = scene
    login(world.employer_x)
    response = client.post(f"/employer/offers/{offer.id}/candidates/{visible.student_profile.id}/invite",
                           data={"message": "Vi tror att du passar!"})
    assert response.status_code == 303
    invitation = world.session.scalar(select(Invitation).where(Invitation.offer_id == offer.id))
    assert invitation.student_id == visible.student_profile.id and invitation.sent_by_id == world.employer_x.id
    assert invitation.status == InvitationStatus.SENT and invitation.message == "Vi tror att du passar!"
    mail = world.session.scalar(select(OutboxMail).where(OutboxMail.to_address == visible.email))
    assert mail is not None and offer.title in mail.subject and "http://localhost/student/" in mail.body
    html = client.get(f"/employer/offers/{offer.id}/candidates").get_data(as_text=True)
    assert "Inbjuden" in html and visible.email not in html
    client.post("/logout")
    login(visible)
    assert offer.title in client.get("/student/").get_data(as_text=True)


def test_a_student_who_did_not_consent_cannot_be_invited(client, login, world: World, scene) -> None:
    offer, _visible, hidden = scene
    with pytest.raises(NotFound):
        invitations.invite(world.session, world.employer_x, offer.id, hidden.student_profile.id, today=TODAY)
    login(world.employer_x)
    response = client.post(f"/employer/offers/{offer.id}/candidates/{hidden.student_profile.id}/invite", data={})
    assert response.status_code == 404
    assert _invitations(world) == 0


def test_inviting_twice_or_an_applicant_is_refused(client, login, world: World, scene) -> None:
    offer, visible, _hidden = scene
    invitations.invite(world.session, world.employer_x, offer.id, visible.student_profile.id, today=TODAY)
    login(world.employer_x)
    response = client.post(f"/employer/offers/{offer.id}/candidates/{visible.student_profile.id}/invite",
                           data={"message": "Igen?"})
    assert response.status_code == 400
    assert "är redan inbjuden" in response.get_data(as_text=True)
    applicant = world.consenting_student()
    world.apply(applicant, offer)
    with pytest.raises(ValidationError) as caught:
        invitations.invite(world.session, world.employer_x, offer.id, applicant.student_profile.id,
                                    today=TODAY)
    assert caught.value.errors == {"student": "has already applied to this offer"}
    assert _invitations(world) == 1
