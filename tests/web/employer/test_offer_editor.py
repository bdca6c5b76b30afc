"""The offer editor end to end: create, keep typed values on errors, edit, conflicts, submit, close, fill."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from matchmaker.models import Offer, OfferStatus
from tests.fixtures.employers import TODAY, World, future, offer_form, published

pytestmark = pytest.mark.db


@pytest.fixture
def world(employer_world: World) -> World:
    """The organisations and people of tests/fixtures/employers.py."""
    return employer_world


def _offer(world: World, title: str) -> Offer | None:
    world.session.expire_all()
    return world.session.scalar(select(Offer).where(Offer.title == title))


def test_create_a_draft_then_send_it_for_review(client, login, world: World) -> None:
    program = world.factory.program()
    login(world.employer_x)
    assert client.get("/employer/offers/new").status_code == 200
    data = offer_form(programs=[program.slug], skills="Python, SQL, python")
    response = client.post("/employer/offers/new", data=data)
    assert response.status_code == 303
    offer = _offer(world, "Examensarbete: prognoser för elnätet")
    assert offer is not None and offer.status == OfferStatus.DRAFT
    assert offer.skills == ["Python", "SQL"] and [p.slug for p in offer.programs] == [program.slug]
    assert response.headers["Location"] == f"/employer/offers/{offer.id}"
    page = client.get(f"/employer/offers/{offer.id}").get_data(as_text=True)
    assert "Skicka för granskning" in page  # Swedish by default
    response = client.post(f"/employer/offers/{offer.id}/submit", data={"version_id": str(offer.version_id)})
    assert response.status_code == 303
    assert _offer(world, offer.title).status == OfferStatus.SUBMITTED


def test_create_and_submit_at_once(client, login, world: World) -> None:
    login(world.employer_x)
    assert client.post("/employer/offers/new", data=offer_form(action="submit")).status_code == 303
    assert _offer(world, "Examensarbete: prognoser för elnätet").status == OfferStatus.SUBMITTED


def test_errors_keep_what_was_typed_and_name_the_field(client, login, world: World) -> None:
    login(world.employer_x)
    data = offer_form(title="Mitt unika erbjudande", places="0", application_deadline=TODAY.isoformat(),
                      period_end=future(10).isoformat(), period_start=future(20).isoformat(), description="")
    response = client.post("/employer/offers/new", data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'value="Mitt unika erbjudande"' in html and 'value="Python, statistik"' in html
    assert "Platser: måste vara minst 1" in html
    assert "Sista ansökningsdag: måste vara i framtiden" in html
    assert "Perioden slutar: måste vara efter" in html
    assert "Beskrivning: måste fyllas i" in html
    assert _offer(world, "Mitt unika erbjudande") is None


def test_english_error_messages(client, login, world: World) -> None:
    login(world.employer_x)
    client.post("/lang", data={"lang": "en"})
    html = client.post("/employer/offers/new", data=offer_form(title="")).get_data(as_text=True)
    assert "Title: is required" in html


def test_edit_a_draft(client, login, world: World) -> None:
    offer = world.offer_x(status=OfferStatus.DRAFT)
    login(world.employer_x)
    page = client.get(f"/employer/offers/{offer.id}/edit").get_data(as_text=True)
    assert f'name="version_id" type="hidden" value="{offer.version_id}"' in page
    response = client.post(f"/employer/offers/{offer.id}/edit",
                           data=offer_form(title="Nytt namn", version_id=str(offer.version_id)))
    assert response.status_code == 303
    assert _offer(world, "Nytt namn").status == OfferStatus.DRAFT


def test_a_stale_edit_gets_409_keeps_the_form_and_overwrites_nothing(client, login, world: World) -> None:
    offer = world.offer_x(status=OfferStatus.DRAFT)
    stale = str(offer.version_id)
    login(world.colleague_x)
    assert client.post(f"/employer/offers/{offer.id}/edit",
                       data=offer_form(title="Kollegans version", version_id=stale)).status_code == 303
    client.post("/logout")
    login(world.employer_x)
    response = client.post(f"/employer/offers/{offer.id}/edit", data=offer_form(title="Min version", version_id=stale))
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Någon annan ändrade erbjudandet" in html and 'value="Min version"' in html
    assert _offer(world, "Min version") is None and _offer(world, "Kollegans version") is not None


def test_a_stale_close_button_gets_409(client, login, world: World) -> None:
    offer = world.offer_x()
    login(world.employer_x)
    response = client.post(f"/employer/offers/{offer.id}/close", data={"version_id": str(offer.version_id - 1)})
    assert response.status_code == 409
    world.session.expire_all()
    assert offer.status == OfferStatus.PUBLISHED


def test_published_offer_goes_back_to_review_on_substance_change_only(client, login, world: World) -> None:
    offer = published(world.offer_x(status=OfferStatus.DRAFT, title="Publicerat", description="Text.",
                                    application_deadline=future(30), places=1))
    world.session.flush()
    login(world.employer_x)
    base = offer_form(title="Publicerat", description="Text.", skills="", period_start="", period_end="",
                      places="1", application_deadline=future(30).isoformat())
    # Only the deadline: stays published.
    response = client.post(f"/employer/offers/{offer.id}/edit",
                           data={**base, "application_deadline": future(60).isoformat(),
                                 "version_id": str(offer.version_id)})
    assert response.status_code == 303
    world.session.expire_all()
    assert offer.status == OfferStatus.PUBLISHED and offer.application_deadline == future(60)
    # The description: back to review, with a message saying so.
    response = client.post(f"/employer/offers/{offer.id}/edit",
                           data={**base, "application_deadline": future(60).isoformat(), "description": "Ny text.",
                                 "version_id": str(offer.version_id)}, follow_redirects=True)
    assert "granskas erbjudandet igen" in response.get_data(as_text=True)
    world.session.expire_all()
    assert offer.status == OfferStatus.SUBMITTED


def test_changes_requested_shows_the_comment_and_can_be_resubmitted(client, login, world: World) -> None:
    offer = world.offer_x(status=OfferStatus.CHANGES_REQUESTED, review_comment="Ange lön och handledare.")
    login(world.employer_x)
    assert "Ange lön och handledare." in client.get(f"/employer/offers/{offer.id}").get_data(as_text=True)
    assert "Ange lön och handledare." in client.get(f"/employer/offers/{offer.id}/edit").get_data(as_text=True)
    response = client.post(f"/employer/offers/{offer.id}/edit",
                           data=offer_form(action="submit", description="Lön enligt avtal, handledare finns.",
                                           version_id=str(offer.version_id)))
    assert response.status_code == 303
    world.session.expire_all()
    assert offer.status == OfferStatus.SUBMITTED


def test_close_and_fill_buttons(client, login, world: World) -> None:
    first, second = world.offer_x(), world.offer_x()
    login(world.employer_x)
    assert client.post(f"/employer/offers/{first.id}/fill",
                       data={"version_id": str(first.version_id)}).status_code == 303
    assert client.post(f"/employer/offers/{second.id}/close",
                       data={"version_id": str(second.version_id)}).status_code == 303
    world.session.expire_all()
    assert (first.status, second.status) == (OfferStatus.FILLED, OfferStatus.CLOSED)
    # A closed offer cannot be edited any more: the editor sends you back to the offer.
    assert client.get(f"/employer/offers/{second.id}/edit").status_code == 302


def test_offer_list_filters_by_status(client, login, world: World) -> None:
    world.offer_x(title="Ett utkast", status=OfferStatus.DRAFT)
    world.offer_x(title="Ett publicerat")
    login(world.employer_x)
    html = client.get("/employer/offers?status=draft").get_data(as_text=True)
    assert "Ett utkast" in html and "Ett publicerat" not in html
    html = client.get("/employer/offers").get_data(as_text=True)
    assert "Ett utkast" in html and "Ett publicerat" in html


def test_dates_are_localised(client, login, world: World) -> None:
    offer = world.offer_x(application_deadline=future(30))
    login(world.employer_x)
    html = client.get(f"/employer/offers/{offer.id}").get_data(as_text=True)
    assert future(30).isoformat() not in html  # shown as "12 dec. 2026", not ISO
    assert str(future(30).year) in html


def test_submitting_a_draft_whose_deadline_passed_asks_to_edit_first(client, login, world: World) -> None:
    offer = world.offer_x(status=OfferStatus.DRAFT, application_deadline=future(-2))
    login(world.employer_x)
    response = client.post(f"/employer/offers/{offer.id}/submit", data={"version_id": str(offer.version_id)})
    assert response.status_code == 400
    assert "Ändra erbjudandet först. Sista ansökningsdag: måste vara i framtiden" in response.get_data(as_text=True)
    world.session.expire_all()
    assert offer.status == OfferStatus.DRAFT


def test_stale_offer_edit_through_the_employer_form_overwrites_nothing(client, login, factory, db_session) -> None:
    from matchmaker.models import Role

    employer = factory.user(Role.EMPLOYER)
    offer = factory.offer(employer.organization, title="Original title")
    db_session.commit()
    stale_version = offer.version_id
    offer.title = "Changed by a colleague"
    db_session.commit()
    login(employer)
    response = client.post(f"/employer/offers/{offer.id}/edit", data={
        "kind": offer.kind.value, "title": "My stale edit", "description": offer.description,
        "version_id": str(stale_version), "places": "1", "language": "sv",
        "application_deadline": (date.today() + timedelta(days=20)).isoformat(),
    }, headers={"Accept-Language": "en"})
    assert response.status_code == 409
    db_session.expire_all()
    assert db_session.get(Offer, offer.id).title == "Changed by a colleague"
