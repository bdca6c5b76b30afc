"""Placements from ordinary hires count like those from allocation rounds: fulfilment, coach reports, follow-up."""

from __future__ import annotations

from datetime import date

import pytest

from matchmaker.models import AllocationRound, Placement, Role, RoundStatus
from matchmaker.services.applications import acceptance, pipeline
from matchmaker.services.applications import student as applications
from matchmaker.services.contracts import reports
from matchmaker.services.contracts.progress import commitment_progress
from matchmaker.services.placements import placements
from tests.fixtures.contracts import make_contract

pytestmark = pytest.mark.db
TODAY = date(2026, 3, 2)


def test_a_hire_and_a_round_placement_are_counted_alike(db_session, factory) -> None:
    program = factory.program()
    offer = factory.offer(places=2, period_start=date(2026, 4, 1), application_deadline=None)
    contract = make_contract(db_session, offer.organization, program, count=2)
    offer.commitment_id = contract.commitments[0].id
    employer = factory.user(Role.EMPLOYER, organization=offer.organization)
    hired, allocated = factory.student(program=program), factory.student(program=program)
    found = AllocationRound(name="Vår", status=RoundStatus.PUBLISHED)
    db_session.add(found)
    db_session.flush()
    db_session.add(Placement(student_id=allocated.student_profile.id, offer_id=offer.id, program_id=program.id,
                             allocation_round_id=found.id, period_start=date(2026, 4, 1), term="VT2026"))
    application = applications.apply(db_session, hired, offer.id, "", TODAY)
    pipeline.move(db_session, employer, application.id, "offered")
    acceptance.accept(db_session, hired, application.id, TODAY)

    line = commitment_progress(db_session, contract.commitments[0], TODAY)
    assert (line.placements, line.status) == (2, "fulfilled")
    row = next(r for r in reports.contract_fulfilment(db_session, reports.Period(term="VT2026"), TODAY)
               if r["contract_id"] == contract.id)
    assert (row["placements"], row["fulfilment"]) == (2, 1.0)
    by_term = reports.placements_by(db_session, reports.Period(term="VT2026"), "term")
    assert [(r["key"], r["count"]) for r in by_term] == [("VT2026", 2)]
    listed = placements.list_placements(db_session, placements.PlacementFilter(term="VT2026"))
    assert {p.student_id for p in listed} == {hired.student_profile.id, allocated.student_profile.id}
    assert {p.student_id for p in placements.for_organization(db_session, offer.organization_id)} == {
        hired.student_profile.id, allocated.student_profile.id}
    assert [p.offer_id for p in placements.for_student(db_session, hired.student_profile)] == [offer.id]
