"""The coach's write side of Kompetenskontraktet: create and edit contracts and their commitment lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from matchmaker.core import audit
from matchmaker.core.csv_export import to_csv
from matchmaker.core.errors import Conflict, NotFound, ValidationError
from matchmaker.models import (
    CompetenceContract,
    ContractCommitment,
    ContractStatus,
    Offer,
    OfferKind,
    Organization,
    StudyProgram,
    User,
    utcnow,
)
from matchmaker.services.contracts import alerts
from matchmaker.services.contracts.progress import (
    contract_status,
    progress_for_commitments,
)


@dataclass
class ContractInput:
    """The contract's own fields as a coach typed them."""

    organization_id: int | None
    title: str
    period_start: date | None
    period_end: date | None
    status: str
    signed_on: date | None = None
    notes: str = ""


@dataclass
class LineInput:
    """One commitment line of the edit form; id None for a new line."""

    id: int | None
    kind: str
    program_id: int | None
    count: int | None
    remove: bool = False


def list_contracts(session: Session, status: str | None = None) -> list[CompetenceContract]:
    """All contracts (optionally of one status), newest period first."""
    query = select(CompetenceContract).options(
        selectinload(CompetenceContract.commitments), selectinload(CompetenceContract.organization)
    ).order_by(CompetenceContract.period_start.desc(), CompetenceContract.id.desc())
    if status:
        query = query.where(CompetenceContract.status == status)
    return list(session.scalars(query))


def get_contract(session: Session, contract_id: int) -> CompetenceContract:
    """One contract, or NotFound."""
    contract = session.get(CompetenceContract, contract_id)
    if contract is None:
        raise NotFound("contract")
    return contract


def create_contract(
    session: Session, actor: User, data: ContractInput, lines: Sequence[LineInput]
) -> CompetenceContract:
    """Create a contract with its lines."""
    kept = _validate(session, data, lines, existing=None)
    contract = CompetenceContract(organization_id=data.organization_id)
    _apply_fields(contract, data)
    session.add(contract)
    for line in kept:
        contract.commitments.append(ContractCommitment(kind=OfferKind(line.kind), program_id=line.program_id,
                                                       count=line.count))
    session.flush()
    audit.record(session, actor, "contract.create", contract, lines=len(kept))
    return contract


def update_contract(
    session: Session, actor: User, contract_id: int, expected_version: int | None,
    data: ContractInput, lines: Sequence[LineInput],
) -> CompetenceContract:
    """Save an edit made on version `expected_version`; Conflict when someone saved in between."""
    contract = get_contract(session, contract_id)
    if expected_version is None or contract.version_id != expected_version:
        raise Conflict("contract changed since you opened it")
    kept = _validate(session, data, lines, existing=contract)
    watched = alerts.watch(session, [c.id for c in contract.commitments])  # a higher count may put a line behind
    _apply_fields(contract, data)
    # Touching the row bumps version_id even when only lines change, so every edit is checked for staleness.
    contract.updated_at = utcnow()
    try:
        _apply_lines(session, contract, kept, [line for line in lines if line.id is not None and line.remove])
        session.flush()
    except StaleDataError as exc:
        raise Conflict("contract changed since you opened it") from exc
    audit.record(session, actor, "contract.update", contract, version=contract.version_id, lines=len(kept))
    watched.check()
    return contract


def _apply_fields(contract: CompetenceContract, data: ContractInput) -> None:
    contract.organization_id = data.organization_id  # type: ignore[assignment]
    contract.title = data.title.strip()
    contract.period_start, contract.period_end = data.period_start, data.period_end  # type: ignore[assignment]
    contract.status = ContractStatus(data.status)
    contract.signed_on = data.signed_on
    contract.notes = data.notes.strip()


def _apply_lines(
    session: Session, contract: CompetenceContract, kept: list[LineInput], removed: list[LineInput]
) -> None:
    by_id = {c.id: c for c in contract.commitments}
    for line in removed:
        contract.commitments.remove(by_id[line.id])  # type: ignore[index]
    session.flush()  # deletes first, so a line may take over the kind and program of a removed one
    pending = [(by_id[line.id], line) for line in kept if line.id is not None]
    recreate: list[tuple[LineInput, list[Offer]]] = []
    # The unique (contract, kind, program) constraint is checked row by row: change lines one at a time,
    # each only when its new key is free. A cycle (two lines swapping keys) is broken by re-creating a line.
    while pending:
        occupied = {(c.kind, c.program_id): c.id for c in contract.commitments}
        progressed = False
        for item in list(pending):
            row, line = item
            key = (OfferKind(line.kind), line.program_id)
            if occupied.get(key, row.id) == row.id:
                row.kind, row.program_id, row.count = key[0], key[1], line.count  # type: ignore[assignment]
                session.flush()
                pending.remove(item)
                occupied = {(c.kind, c.program_id): c.id for c in contract.commitments}
                progressed = True
        if not progressed:
            row, line = pending.pop(0)
            recreate.append((line, list(row.offers)))
            contract.commitments.remove(row)
            session.flush()
    for line, offers in recreate:
        fresh = ContractCommitment(kind=OfferKind(line.kind), program_id=line.program_id, count=line.count)
        contract.commitments.append(fresh)
        session.flush()
        for offer in offers:
            offer.commitment = fresh  # the offers stay counted on their line
    for line in kept:
        if line.id is None:
            contract.commitments.append(ContractCommitment(kind=OfferKind(line.kind), program_id=line.program_id,
                                                           count=line.count))


def _validate(
    session: Session, data: ContractInput, lines: Sequence[LineInput], existing: CompetenceContract | None
) -> list[LineInput]:
    errors: dict[str, str] = {}
    if data.organization_id is None or session.get(Organization, data.organization_id) is None:
        errors["organization"] = "is required"
    if not data.title.strip():
        errors["title"] = "is required"
    elif len(data.title.strip()) > 200:
        errors["title"] = "is too long"
    if data.period_start is None:
        errors["period_start"] = "is required"
    if data.period_end is None:
        errors["period_end"] = "is required"
    elif data.period_start is not None and data.period_end <= data.period_start:
        errors["period_end"] = "must be after the start"
    if data.status not in {s.value for s in ContractStatus}:
        errors["status"] = "is not a valid choice"
    known_ids = {c.id for c in existing.commitments} if existing is not None else set()
    programs = set(session.scalars(select(StudyProgram.id)))
    kept: list[LineInput] = []
    seen: set[tuple[str, int]] = set()
    for i, line in enumerate(lines):
        if line.id is not None and line.id not in known_ids:
            errors[f"lines-{i}-kind"] = "is not a line of this contract"
            continue
        if line.remove:
            continue
        if line.id is None and not line.kind and line.program_id is None and line.count is None:
            continue  # an untouched blank row of the form
        if line.kind not in {k.value for k in OfferKind}:
            errors[f"lines-{i}-kind"] = "is required"
        if line.program_id is None or line.program_id not in programs:
            errors[f"lines-{i}-program"] = "is required"
        if line.count is None or line.count < 1:
            errors[f"lines-{i}-count"] = "must be at least 1"
        elif line.count > 1000:  # also keeps huge numbers from overflowing the integer column
            errors[f"lines-{i}-count"] = "must be at most 1000"
        if line.program_id is not None:
            key = (line.kind, line.program_id)
            if key in seen:
                errors[f"lines-{i}-program"] = "duplicates another line with the same kind and program"
            seen.add(key)
        kept.append(line)
    if errors:
        raise ValidationError(errors)
    return kept


CSV_HEADER = (
    "contract_id", "organization", "org_number", "title", "status", "period_start", "period_end", "signed_on",
    "kind", "program", "committed", "offers_published", "places_published", "open_places", "applications",
    "placements", "completed", "expected_by_today", "line_status",
)


def contracts_csv(session: Session, contracts: Sequence[CompetenceContract], today: date) -> bytes:
    """One row per commitment line (a contract without lines gets one row), for Excel."""
    commitments = [c for contract in contracts for c in contract.commitments]
    progress = progress_for_commitments(session, commitments, today)
    rows: list[list[object]] = []
    for contract in contracts:
        head = [contract.id, contract.organization.name, contract.organization.org_number, contract.title,
                contract.status.value, contract.period_start, contract.period_end, contract.signed_on]
        if not contract.commitments:
            rows.append(head + [""] * (len(CSV_HEADER) - len(head)))
        for c in contract.commitments:
            p = progress[c.id]
            rows.append(head + [c.kind.value, c.program.name_sv, p.committed, p.offers_published,
                                p.places_published, p.open_places, p.applications, p.placements, p.completed,
                                p.expected, p.status])
    return to_csv(CSV_HEADER, rows)


def overview(session: Session, contracts: Sequence[CompetenceContract], today: date) -> dict[int, str]:
    """The overall state of each contract, by id."""
    progress = progress_for_commitments(session, [c for k in contracts for c in k.commitments], today)
    return {k.id: contract_status([progress[c.id] for c in k.commitments]) for k in contracts}

