"""The employer dashboard (offers by status, new applications, contract fulfilment) and the read-only contracts page."""

from __future__ import annotations

import pytest

from matchmaker.models import ApplicationStatus, ContractStatus, OfferStatus
from tests.fixtures.employers import World, future
from tests.fixtures.employers import fill_line as _fill_line

pytestmark = pytest.mark.db


@pytest.fixture
def world(employer_world: World) -> World:
    """The organisations and people of tests/fixtures/employers.py."""
    return employer_world


def test_dashboard_shows_offers_by_status_new_applications_and_fulfilment(client, login, world: World) -> None:
    line = world.contract_x(count=4)
    first, _second = _fill_line(world, line)
    fresh = world.apply(world.consenting_student(name="Nyfiken Ny"), first)
    reviewed = world.apply(world.consenting_student(name="Redan Läst"), first)
    reviewed.status = ApplicationStatus.IN_REVIEW
    world.offer_x(status=OfferStatus.CHANGES_REQUESTED)
    world.session.flush()
    login(world.employer_x)
    html = client.get("/employer/").get_data(as_text=True)
    assert "Ändringar begärda" in html and "Utkast" in html and "Publicerat" in html
    assert "Nyfiken Ny" in html and f"/employer/applications/{fresh.id}" in html and "Redan Läst" not in html
    assert "Avtal 2026" in html and "2 av 4" in html
    assert '<meter aria-label="Placeringar mot åtagandet" min="0" max="4" value="2">' in html


def test_dashboard_without_contracts_shows_no_contract_section(client, login, world: World) -> None:
    world.contract_x(status=ContractStatus.DRAFT)
    login(world.employer_y)
    html = client.get("/employer/").get_data(as_text=True)
    assert "Avtal 2026" not in html and "Ni har inga erbjudanden ännu." in html


def test_contracts_page_is_read_only_and_own(client, login, world: World) -> None:
    line = world.contract_x(count=2)
    line.contract.signed_on = future(-30)
    world.session.flush()
    login(world.employer_x)
    html = client.get("/employer/contracts").get_data(as_text=True)
    assert "Avtal 2026" in html and line.program.name_sv in html and "Aktivt" in html
    assert 'method="post"' not in html.split("<main", 1)[1].split("</main>", 1)[0]
    client.post("/logout")
    login(world.employer_y)
    html = client.get("/employer/contracts").get_data(as_text=True)
    assert "Avtal 2026" not in html and "inget Kompetenskontrakt" in html
