"""Contract queries of the employer pages: progress of a commitment line, contracts per organisation."""

from __future__ import annotations

import pytest

from matchmaker.models import ContractStatus, OfferKind
from matchmaker.services.contracts import queries as contracts
from tests.fixtures.employers import World
from tests.fixtures.employers import fill_line as _fill_line

pytestmark = pytest.mark.db


@pytest.fixture
def world(employer_world: World) -> World:
    """The organisations and people of tests/fixtures/employers.py."""
    return employer_world


def test_commitment_progress_counts(world: World) -> None:
    line = world.contract_x(count=4)
    _fill_line(world, line)
    progress = contracts.commitment_progress(world.session, line)
    assert progress == {
        "commitment_id": line.id, "contract_id": line.contract_id, "kind": OfferKind.DEGREE_PROJECT,
        "program_id": line.program_id, "committed": 4, "offers_linked": 3, "offers_published": 2,
        "places_published": 3, "applications": 2, "placements": 2, "completed": 1, "ratio": 0.5,
        "completed_ratio": 0.25, "fulfilled": False, "status": "on_track",
    }


def test_an_empty_line_and_a_fulfilled_one(world: World) -> None:
    empty = world.contract_x(count=3)
    progress = contracts.commitment_progress(world.session, empty)
    assert (progress["offers_linked"], progress["placements"], progress["ratio"], progress["fulfilled"]) == (
        0, 0, 0.0, False
    )
    small = world.contract_x(count=1, kind=OfferKind.INTERNSHIP)
    _fill_line(world, small)
    progress = contracts.commitment_progress(world.session, small)
    assert progress["ratio"] == 1.0 and progress["fulfilled"] is True  # 2 placements of 1: capped at 1.0


def test_contracts_for_organization_is_per_organisation(world: World) -> None:
    line = world.contract_x()
    ended = world.contract_x(status=ContractStatus.ENDED)
    found = contracts.contracts_for_organization(world.session, world.employer_x.organization_id)
    assert {c.id for c in found} == {line.contract_id, ended.contract_id}
    assert contracts.contracts_for_organization(world.session, world.employer_y.organization_id) == []
    assert [p["commitment_id"] for p in contracts.contract_progress(world.session, line.contract)] == [line.id]
