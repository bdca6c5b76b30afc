"""The organisation page: members edit the profile (not the number), errors keep the input, colleagues."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from matchmaker.models import OutboxMail, Role, Sector, User
from matchmaker.services.accounts import password_reset
from tests.fixtures.employers import World

pytestmark = pytest.mark.db


@pytest.fixture
def world(employer_world: World) -> World:
    """The organisations and people of tests/fixtures/employers.py."""
    return employer_world


def test_members_edit_the_profile_but_not_the_org_number(client, login, world: World) -> None:
    org = world.employer_x.organization
    org.verified = False  # a verified organisation keeps the name a coach verified (test_trust.py)
    world.session.flush()
    number = org.org_number
    place = world.factory.municipality("Kramfors")
    login(world.colleague_x)
    page = client.get("/employer/organization").get_data(as_text=True)
    assert number in page and 'name="org_number"' not in page
    response = client.post("/employer/organization", data={
        "name": "Norrlands Kraft AB", "sector": "region", "municipality": str(place.id),
        "website": "https://kraft.example.se", "description": "Vi bygger elnät.", "org_number": "556036-0793",
    })
    assert response.status_code == 302
    world.session.expire_all()
    assert (org.name, org.sector, org.municipality_id, org.website) == (
        "Norrlands Kraft AB", Sector.REGION, place.id, "https://kraft.example.se"
    )
    assert org.org_number == number


def test_profile_errors_keep_the_input_and_change_nothing(client, login, world: World) -> None:
    org = world.employer_x.organization
    old_name = org.name
    login(world.employer_x)
    response = client.post("/employer/organization", data={
        "name": "", "sector": "company", "municipality": "", "website": "kraft.example.se",
        "description": "Min nya text",
    })
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Organisationens namn: måste fyllas i" in html
    assert "Webbplats: måste vara en webbadress" in html and "Min nya text" in html
    world.session.expire_all()
    assert org.name == old_name and org.description == ""


def test_add_a_colleague_queues_an_invitation_with_a_set_password_link(client, login, world: World) -> None:
    login(world.employer_x)
    response = client.post("/employer/organization/colleagues",
                           data={"colleague_name": "Nils Nilsson", "colleague_email": "Nils@Kraft.example.se"})
    assert response.status_code == 302
    new = world.session.scalar(select(User).where(User.email == "nils@kraft.example.se"))
    assert new is not None and new.role == Role.EMPLOYER
    assert new.organization_id == world.employer_x.organization_id
    mail = world.session.scalar(select(OutboxMail).where(OutboxMail.to_address == "nils@kraft.example.se"))
    assert mail is not None and "arbetsgivarkonto" in mail.subject  # in the inviter's language (Swedish)
    token = re.search(r"/password/reset/([\w-]+)", mail.body).group(1)
    assert password_reset.user_for_token(world.session, token).id == new.id
    # The link lets the colleague choose a password and log in; they then see the shared offers.
    offer = world.offer_x(title="Delat erbjudande")
    client.post("/logout")
    response = client.post(f"/password/reset/{token}",
                           data={"new_password": "ett-langt-eget-losenord", "confirm": "ett-langt-eget-losenord"})
    assert response.status_code in (302, 303)
    client.post("/logout")
    login("nils@kraft.example.se", "ett-langt-eget-losenord")
    assert offer.title in client.get("/employer/offers").get_data(as_text=True)
    assert "Nils Nilsson" in client.get("/employer/organization").get_data(as_text=True)


def test_adding_a_registered_email_is_refused(client, login, world: World) -> None:
    login(world.employer_x)
    response = client.post("/employer/organization/colleagues",
                           data={"colleague_name": "Någon", "colleague_email": world.student.email})
    assert response.status_code == 400
    assert "Kollegans e-postadress: är redan registrerad" in response.get_data(as_text=True)
    world.session.expire_all()
    assert world.student.role == Role.STUDENT and world.student.organization_id is None
    assert world.session.scalar(select(OutboxMail).where(OutboxMail.to_address == world.student.email)) is None
