"""Kompetenskontraktet editing: validation, lines edited inline, optimistic locking, the CSV export."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select, update

from matchmaker.core.errors import Conflict, ValidationError
from matchmaker.models import AuditEvent, CompetenceContract, ContractCommitment, OfferKind
from matchmaker.services.contracts import editing as contracts_admin
from tests.fixtures.contracts import make_contract

pytestmark = pytest.mark.db

LineInput = contracts_admin.LineInput


def _data(org_id, **kw) -> contracts_admin.ContractInput:
    base = dict(organization_id=org_id, title="Ramavtal 2026", period_start=date(2026, 1, 1),
                period_end=date(2026, 12, 31), status="active", signed_on=date(2025, 12, 1), notes="")
    base.update(kw)
    return contracts_admin.ContractInput(**base)


def test_create_validates_period_count_and_duplicates(db_session, factory, people) -> None:
    p = factory.program()
    lines = [LineInput(None, "degree_project", p.id, 0), LineInput(None, "internship", p.id, 2),
             LineInput(None, "internship", p.id, 1)]
    with pytest.raises(ValidationError) as caught:
        contracts_admin.create_contract(db_session, people["coach"], _data(people["org_x"].id,
                                        period_end=date(2026, 1, 1)), lines)
    assert caught.value.errors == {
        "period_end": "must be after the start",
        "lines-0-count": "must be at least 1",
        "lines-2-program": "duplicates another line with the same kind and program",
    }
    assert db_session.scalar(select(CompetenceContract)) is None


def test_create_and_edit_lines_inline(db_session, factory, people) -> None:
    p1, p2 = factory.program(), factory.program()
    coach = people["coach"]
    contract = contracts_admin.create_contract(db_session, coach, _data(people["org_x"].id), [
        LineInput(None, "degree_project", p1.id, 3), LineInput(None, "internship", p1.id, 2),
        LineInput(None, "", None, None),  # a blank form row is ignored
    ])
    first, second = contract.commitments
    version = contract.version_id
    # Swap the two lines' kinds, remove nothing, add a third line: the unique constraint must not trip.
    contracts_admin.update_contract(db_session, coach, contract.id, version, _data(people["org_x"].id), [
        LineInput(first.id, "internship", p1.id, 5), LineInput(second.id, "degree_project", p1.id, 1),
        LineInput(None, "trainee", p2.id, 1),
    ])
    db_session.expire_all()
    got = {(c.kind, c.program_id): c.count for c in db_session.get(CompetenceContract, contract.id).commitments}
    assert got == {(OfferKind.INTERNSHIP, p1.id): 5, (OfferKind.DEGREE_PROJECT, p1.id): 1,
                   (OfferKind.TRAINEE, p2.id): 1}
    contract = db_session.get(CompetenceContract, contract.id)
    assert contract.version_id == version + 1
    trainee = next(c for c in contract.commitments if c.kind == OfferKind.TRAINEE)
    contracts_admin.update_contract(db_session, coach, contract.id, contract.version_id, _data(people["org_x"].id), [
        LineInput(trainee.id, "trainee", p2.id, 1, remove=True),
    ])
    assert db_session.scalar(select(ContractCommitment).where(ContractCommitment.id == trainee.id)) is None
    assert {e.action for e in db_session.scalars(select(AuditEvent))} >= {"contract.create", "contract.update"}


def test_update_rejects_a_line_of_another_contract(db_session, factory, people) -> None:
    p = factory.program()
    mine = make_contract(db_session, people["org_x"], p)
    other = make_contract(db_session, people["org_y"], p)
    with pytest.raises(ValidationError) as caught:
        contracts_admin.update_contract(db_session, people["coach"], mine.id, mine.version_id,
                                        _data(people["org_x"].id),
                                        [LineInput(other.commitments[0].id, "degree_project", p.id, 9)])
    assert caught.value.errors == {"lines-0-kind": "is not a line of this contract"}


def test_stale_version_is_a_conflict_and_changes_nothing(db_session, factory, people) -> None:
    p = factory.program()
    contract = make_contract(db_session, people["org_x"], p)
    old = contract.version_id
    with pytest.raises(Conflict):
        contracts_admin.update_contract(db_session, people["coach"], contract.id, old - 1,
                                        _data(people["org_x"].id, title="Changed"), [])
    # Someone else commits between our read and our flush: the version check in the UPDATE catches it.
    db_session.execute(update(CompetenceContract).where(CompetenceContract.id == contract.id)
                       .values(version_id=old + 7, title="Theirs"))
    with pytest.raises(Conflict):
        contracts_admin.update_contract(db_session, people["coach"], contract.id, old,
                                        _data(people["org_x"].id, title="Mine"), [])
    db_session.rollback()


def _parse(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_has_header_bom_and_is_safe_against_formulas(db_session, factory, people) -> None:
    p = factory.program(name_sv="Högskoleingenjör")
    org = factory.organization("=HYPERLINK(\"http://evil\")")
    contract = make_contract(db_session, org, p)
    contract.title = "+SUM(A1)"
    db_session.flush()
    rows = _parse(contracts_admin.contracts_csv(db_session, [contract], date(2026, 6, 1)))
    assert rows[0] == list(contracts_admin.CSV_HEADER)
    assert rows[1][1] == "'=HYPERLINK(\"http://evil\")" and rows[1][3] == "'+SUM(A1)"
    assert rows[1][9] == "Högskoleingenjör" and rows[1][10] == "4"
