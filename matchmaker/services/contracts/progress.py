"""How far each line of a Kompetenskontrakt has come, and whether it is on track (docs/contracts-and-allocation.md).

The one place where fulfilment is counted (the employer's pages read it through `contracts.py`): offers linked
by `Offer.commitment_id`, published means `published_at` set, withdrawn applications not counted. Many lines
are computed in a few queries. On top come the open places, the expected progress and the on-track status.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from matchmaker.models import (
    Application,
    ApplicationStatus,
    CompetenceContract,
    ContractCommitment,
    Offer,
    OfferKind,
    OfferStatus,
    Placement,
)

FULFILLED, NOT_STARTED, ON_TRACK, BEHIND = "fulfilled", "not_started", "on_track", "behind"


@dataclass(frozen=True)
class LineProgress:
    """Figures of one commitment line against its committed count (the meaning of each: queries.py)."""

    commitment_id: int
    contract_id: int
    kind: OfferKind
    program_id: int
    committed: int
    offers_linked: int
    offers_published: int
    places_published: int
    open_places: int
    applications: int
    placements: int
    completed: int
    expected: int  # places that should be placed or open by today (expected_places())
    status: str

    @property
    def covered(self) -> int:
        """Placements plus places still open for applications."""
        return self.placements + self.open_places

    @property
    def share(self) -> float:
        """Placements as a share of the commitment (may exceed 1)."""
        return self.placements / self.committed if self.committed else 0.0

    @property
    def ratio(self) -> float:
        """Placements as a share of the commitment, capped at 1."""
        return _capped(self.placements, self.committed)

    @property
    def completed_ratio(self) -> float:
        """Completed placements as a share of the commitment, capped at 1."""
        return _capped(self.completed, self.committed)

    @property
    def fulfilled(self) -> bool:
        """Whether the line has as many placements as it committed."""
        return self.placements >= self.committed


def _capped(part: int, whole: int) -> float:
    return min(1.0, part / whole) if whole > 0 else 0.0


def elapsed_share(start: date, end: date, today: date) -> float:
    """Share of the period gone by on `today`, counting whole days: 0 before the start, 1 from the last day."""
    total = (end - start).days + 1
    elapsed = (today - start).days + 1
    return min(max(elapsed / total, 0.0), 1.0) if total > 0 else 1.0


def line_status(committed: int, placements: int, open_places: int, start: date, end: date, today: date) -> str:
    """fulfilled, not_started, on_track or behind: see docs/contracts-and-allocation.md for the rule."""
    if placements >= committed:
        return FULFILLED
    if today < start:
        return NOT_STARTED
    return ON_TRACK if placements + open_places >= expected_places(committed, start, end, today) else BEHIND


def expected_places(committed: int, start: date, end: date, today: date) -> int:
    """Whole places expected by today: the committed count times the share of the period gone, rounded up.

    Rounded up because a line is on track only when its placements and open places reach that share, and
    those are whole numbers: 6 places a third of the way through expect 2, a day later 3.
    """
    share = elapsed_share(start, end, today)
    return min(committed, math.ceil(round(committed * share, 9)))


def progress_for_commitments(
    session: Session, commitments: Sequence[ContractCommitment], today: date
) -> dict[int, LineProgress]:
    """Progress of many lines at once (three queries, whatever the number of lines)."""
    ids = [c.id for c in commitments]
    if not ids:
        return {}
    offers = session.execute(
        select(Offer.id, Offer.commitment_id, Offer.status, Offer.places, Offer.application_deadline,
               Offer.published_at)
        .where(Offer.commitment_id.in_(ids))
    ).all()
    offer_ids = [o.id for o in offers]
    applications = dict(
        session.execute(
            select(Application.offer_id, func.count())
            .where(Application.offer_id.in_(offer_ids), Application.status != ApplicationStatus.WITHDRAWN)
            .group_by(Application.offer_id)
        ).tuples().all()
    ) if offer_ids else {}
    placed: dict[int, tuple[int, int]] = {}
    if offer_ids:
        rows = session.execute(
            select(Placement.offer_id, func.count(), func.sum(case((Placement.completed, 1), else_=0)))
            .where(Placement.offer_id.in_(offer_ids)).group_by(Placement.offer_id)
        ).all()
        placed = {offer_id: (int(n), int(done or 0)) for offer_id, n, done in rows}

    sums: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for o in offers:
        line = sums[o.commitment_id]
        n_placed, n_done = placed.get(o.id, (0, 0))
        line["offers_linked"] += 1
        line["applications"] += applications.get(o.id, 0)
        line["placements"] += n_placed
        line["completed"] += n_done
        if o.published_at is not None:
            line["offers_published"] += 1
            line["places_published"] += o.places
        if o.status == OfferStatus.PUBLISHED and (o.application_deadline is None or o.application_deadline >= today):
            line["open_places"] += max(0, o.places - n_placed)

    result: dict[int, LineProgress] = {}
    for c in commitments:
        line = sums[c.id]
        contract: CompetenceContract = c.contract
        start, end = contract.period_start, contract.period_end
        result[c.id] = LineProgress(
            commitment_id=c.id, contract_id=c.contract_id, kind=c.kind, program_id=c.program_id, committed=c.count,
            offers_linked=line["offers_linked"],
            offers_published=line["offers_published"], places_published=line["places_published"],
            open_places=line["open_places"], applications=line["applications"],
            placements=line["placements"], completed=line["completed"],
            expected=expected_places(c.count, start, end, today),
            status=line_status(c.count, line["placements"], line["open_places"], start, end, today),
        )
    return result


def contract_progress(session: Session, contract: CompetenceContract, today: date | None = None) -> list[LineProgress]:
    """Progress of each line of one contract, in line order (computed together)."""
    found = progress_for_commitments(session, contract.commitments, today or date.today())
    return [found[c.id] for c in contract.commitments]


def contract_status(lines: Sequence[LineProgress]) -> str:
    """A contract's overall state: behind when any line is behind, fulfilled when all are, else on track."""
    states = {line.status for line in lines}
    if not states:
        return NOT_STARTED
    if BEHIND in states:
        return BEHIND
    if states == {FULFILLED}:
        return FULFILLED
    if states <= {NOT_STARTED, FULFILLED}:
        return NOT_STARTED
    return ON_TRACK


def commitment_progress(session: Session, commitment: ContractCommitment, today: date | None = None) -> LineProgress:
    """How far one commitment line is fulfilled."""
    return progress_for_commitments(session, [commitment], today or date.today())[commitment.id]
