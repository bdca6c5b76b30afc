"""Suggested candidates (consenting students only, no contact details) and invitations to apply."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Invitation, InvitationStatus, OfferStatus, OutboxMail
from matchmaker.services.applications import candidates, invitations, pipeline

from .conftest import TODAY, World

pytestmark = pytest.mark.db


@pytest.fixture
def scene(world: World):
    offer = world.offer_x(title="Dataanalys i Python", skills=["Python", "SQL"],
                          description="Analysera data om elnätet med Python och SQL.")
    visible = world.consenting_student(name="Vera Synlig", phone="070-111 22 33",
                                       about="Python och SQL för dataanalys.")
    hidden = world.factory.student(name="Hemlig Student", skills=["Python", "SQL"],
                                   about="Python och SQL för dataanalys.")
    return offer, visible, hidden


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


def test_contact_becomes_visible_after_the_invitation_is_accepted(world: World, scene) -> None:
    offer, visible, _hidden = scene
    invitation = invitations.invite(world.session, world.employer_x, offer.id, visible.student_profile.id,
                                             today=TODAY)
    org = world.employer_x.organization_id
    assert not pipeline.contact_visible(world.session, org, visible.student_profile.id)
    invitations.accept(world.session, visible, invitation.id)
    assert pipeline.contact_visible(world.session, org, visible.student_profile.id)


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
