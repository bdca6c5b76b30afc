"""The dashboard (offers by status, new applications, contract fulfilment) and the read-only contracts page."""

from __future__ import annotations

import pytest

from matchmaker.models import ApplicationStatus, ContractStatus, OfferKind, OfferStatus, Placement, utcnow
from matchmaker.services.contracts import progress as contract_lines
from matchmaker.services.contracts import queries as contracts

from .conftest import TODAY, World, future

pytestmark = pytest.mark.db


def _fill_line(world: World, line):
    """Two published offers and one draft on a commitment line, with applications and placements."""
    first = world.offer_x(commitment_id=line.id, places=2, published_at=utcnow())
    second = world.offer_x(commitment_id=line.id, places=1, published_at=utcnow(), status=OfferStatus.FILLED)
    world.offer_x(commitment_id=line.id, status=OfferStatus.DRAFT, places=5)
    world.offer_x(places=7, published_at=utcnow())  # not linked: never counted
    a, b, c = world.consenting_student(), world.consenting_student(), world.consenting_student()
    world.apply(a, first)
    world.apply(b, first).status = ApplicationStatus.WITHDRAWN
    world.apply(c, second)
    world.session.add_all([
        Placement(offer_id=first.id, student_id=a.student_profile.id, period_start=TODAY, completed=True),
        Placement(offer_id=second.id, student_id=c.student_profile.id, period_start=TODAY),
    ])
    world.session.flush()
    return first, second


def test_commitment_progress_counts(world: World) -> None:
    line = world.contract_x(count=4)
    _fill_line(world, line)
    progress = contract_lines.commitment_progress(world.session, line)
    expected = {
        "commitment_id": line.id, "contract_id": line.contract_id, "kind": OfferKind.DEGREE_PROJECT,
        "program_id": line.program_id, "committed": 4, "offers_linked": 3, "offers_published": 2,
        "places_published": 3, "applications": 2, "placements": 2, "completed": 1, "ratio": 0.5,
        "completed_ratio": 0.25, "fulfilled": False, "status": "on_track",
    }
    assert {key: getattr(progress, key) for key in expected} == expected


def test_an_empty_line_and_a_fulfilled_one(world: World) -> None:
    empty = world.contract_x(count=3)
    progress = contract_lines.commitment_progress(world.session, empty)
    assert (progress.offers_linked, progress.placements, progress.ratio, progress.fulfilled) == (
        0, 0, 0.0, False
    )
    small = world.contract_x(count=1, kind=OfferKind.INTERNSHIP)
    _fill_line(world, small)
    progress = contract_lines.commitment_progress(world.session, small)
    assert progress.ratio == 1.0 and progress.fulfilled is True  # 2 placements of 1: capped at 1.0


def test_contracts_for_organization_is_per_organisation(world: World) -> None:
    line = world.contract_x()
    ended = world.contract_x(status=ContractStatus.ENDED)
    found = contracts.contracts_for_organization(world.session, world.employer_x.organization_id)
    assert {c.id for c in found} == {line.contract_id, ended.contract_id}
    assert contracts.contracts_for_organization(world.session, world.employer_y.organization_id) == []
    assert [p.commitment_id for p in contract_lines.contract_progress(world.session, line.contract)] == [line.id]


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
