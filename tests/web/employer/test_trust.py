"""Employers earn trust: until a coach verifies the organisation, offers yes, students and colleagues no."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from matchmaker.models import Invitation, Offer, OfferStatus, OutboxMail, User
from tests.fixtures.employers import World, offer_form

pytestmark = pytest.mark.db


@pytest.fixture
def unverified(employer_world: World) -> World:
    """X's organisation as it is right after self-registration: nobody has verified it."""
    employer_world.employer_x.organization.verified = False
    employer_world.session.flush()
    return employer_world


def test_an_unverified_organisation_drafts_and_submits_offers(client, login, unverified: World) -> None:
    login(unverified.employer_x)
    response = client.post("/employer/offers/new", data=offer_form(title="Sommarjobb på nätet"))
    assert response.status_code in (302, 303)
    offer = unverified.session.scalar(select(Offer).where(Offer.title == "Sommarjobb på nätet"))
    assert offer is not None and offer.status == OfferStatus.DRAFT
    response = client.post("/employer/offers/new", data=offer_form(title="Praktik på nätet", action="submit"))
    assert response.status_code == 303
    submitted = unverified.session.scalar(select(Offer).where(Offer.title == "Praktik på nätet"))
    assert submitted.status == OfferStatus.SUBMITTED


def test_an_unverified_organisation_sees_no_candidates_and_invites_nobody(client, login, unverified: World) -> None:
    # A draft that no coach ever reviewed, and a consenting student who fits it (the reported path).
    offer = unverified.offer_x(title="Dataanalys i Python", status=OfferStatus.DRAFT, skills=["Python"])
    student = unverified.consenting_student(name="Vera Synlig", about="Python och dataanalys")
    login(unverified.employer_x)
    page = client.get(f"/employer/offers/{offer.id}/candidates")
    assert page.status_code == 403
    html = page.get_data(as_text=True)
    assert "inte verifierad än" in html and "Vera Synlig" not in html
    response = client.post(f"/employer/offers/{offer.id}/candidates/{student.student_profile.id}/invite",
                           data={"message": "Sök!"})
    assert response.status_code == 403
    assert unverified.session.scalar(select(func.count(Invitation.id))) == 0
    # The pages say why, and offer no link to what is refused.
    detail = client.get(f"/employer/offers/{offer.id}").get_data(as_text=True)
    assert f"/employer/offers/{offer.id}/candidates" not in detail
    assert "inte verifierad än" in client.get("/employer/").get_data(as_text=True)


def test_an_unverified_organisation_adds_no_colleagues(client, login, unverified: World) -> None:
    login(unverified.employer_x)
    page = client.get("/employer/organization").get_data(as_text=True)
    assert "inte verifierad än" in page and 'name="colleague_email"' not in page
    response = client.post("/employer/organization/colleagues",
                           data={"colleague_name": "Nils", "colleague_email": "nils@kraft.example.se"})
    assert response.status_code == 403
    assert unverified.session.scalar(select(User).where(User.email == "nils@kraft.example.se")) is None
    assert unverified.session.scalar(select(func.count(OutboxMail.id))) == 0


def test_after_verification_the_same_employer_sees_candidates(client, login, unverified: World) -> None:
    offer = unverified.offer_x(title="Dataanalys i Python", skills=["Python"])
    unverified.employer_x.organization.verified = True
    unverified.session.flush()
    login(unverified.employer_x)
    assert client.get(f"/employer/offers/{offer.id}/candidates").status_code == 200


def test_colleague_invitations_are_throttled_and_carry_only_the_verified_name(client, login,
                                                                            employer_world: World) -> None:
    me = employer_world.employer_x
    me.display_name = "Klicka här: http://evil.example/login"
    employer_world.session.flush()
    login(me)
    statuses = [client.post("/employer/organization/colleagues",
                            data={"colleague_name": f"Kollega {n}", "colleague_email": f"k{n}@kraft.example.se"}
                            ).status_code for n in range(11)]
    assert statuses == [302] * 10 + [429]
    mails = employer_world.session.scalars(select(OutboxMail).order_by(OutboxMail.id)).all()
    assert len(mails) == 10
    assert me.organization.name in mails[0].body
    assert "evil.example" not in mails[0].body and "Klicka här" not in mails[0].body


def test_a_verified_organisation_keeps_its_verified_name(client, login, employer_world: World) -> None:
    org = employer_world.employer_x.organization
    name = org.name
    login(employer_world.employer_x)
    response = client.post("/employer/organization", data={"name": "Banken (officiell) AB", "sector": "company",
                                                            "municipality": "", "website": "", "description": ""})
    assert response.status_code == 400
    assert "ändras av en karriärvägledare" in response.get_data(as_text=True)
    employer_world.session.expire_all()
    assert org.name == name


def test_the_review_queue_shows_new_organisations_first(client, login, unverified: World) -> None:
    unverified.offer_x(title="Inskickat", status=OfferStatus.SUBMITTED)
    login(unverified.coach)
    html = client.get("/coach/review").get_data(as_text=True)
    assert 'id="h-orgs"' in html and html.index('id="h-orgs"') < html.index('id="h-offers"')
