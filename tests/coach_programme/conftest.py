"""Fixtures of the coach programme tests: people of every role and a small contract."""

from __future__ import annotations

from datetime import date

import pytest

from matchmaker.models import CompetenceContract, ContractCommitment, ContractStatus, OfferKind, Role


@pytest.fixture
def people(factory):
    """Anonymous is the bare client; here are student A/B, employers X/Y (two organisations), coach and admin."""
    org_x, org_y = factory.organization("Org X AB"), factory.organization("Org Y AB")
    return {
        "student_a": factory.student(),
        "student_b": factory.student(),
        "employer_x": factory.user(Role.EMPLOYER, organization=org_x),
        "employer_y": factory.user(Role.EMPLOYER, organization=org_y),
        "coach": factory.user(Role.COACH),
        "admin": factory.user(Role.ADMIN),
        "org_x": org_x,
        "org_y": org_y,
    }


def make_contract(session, org, program, *, start=date(2026, 1, 1), end=date(2026, 12, 31), count=4,
                  kind=OfferKind.DEGREE_PROJECT, status=ContractStatus.ACTIVE) -> CompetenceContract:
    """A contract with one line."""
    contract = CompetenceContract(organization=org, title="Avtal", period_start=start, period_end=end, status=status)
    contract.commitments.append(ContractCommitment(kind=kind, program_id=program.id, count=count))
    session.add(contract)
    session.flush()
    return contract
