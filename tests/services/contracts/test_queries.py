"""Contract queries of the employer pages: the contracts of an organisation, and their lines."""

from __future__ import annotations

import pytest

from matchmaker.models import ContractStatus
from matchmaker.services.contracts import progress as contract_lines
from matchmaker.services.contracts import queries as contracts
from tests.fixtures.employers import World

pytestmark = pytest.mark.db


@pytest.fixture
def world(employer_world: World) -> World:
    """The organisations and people of tests/fixtures/employers.py."""
    return employer_world


def test_contracts_for_organization_is_per_organisation(world: World) -> None:
    line = world.contract_x()
    ended = world.contract_x(status=ContractStatus.ENDED)
    found = contracts.contracts_for_organization(world.session, world.employer_x.organization_id)
    assert {c.id for c in found} == {line.contract_id, ended.contract_id}
    assert contracts.contracts_for_organization(world.session, world.employer_y.organization_id) == []
    assert [p.commitment_id for p in contract_lines.contract_progress(world.session, line.contract)] == [line.id]
