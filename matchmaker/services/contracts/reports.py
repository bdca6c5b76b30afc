"""Coach reports: pure queries returning plain data (definitions in docs/contracts-and-allocation.md)."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from matchmaker.core.terms import term_bounds, term_sort_key
from matchmaker.models import (
    Application,
    CompetenceContract,
    MatchStatus,
    MatchSuggestion,
    Municipality,
    Offer,
    Organization,
    Placement,
    StudyProgram,
)
from matchmaker.services.contracts.progress import contract_status, progress_for_commitments

# The region: the five northern counties of the catalogue. County names are compared without "län" and the
# genitive s, so "Västerbottens län" and "Västerbotten" are the same county.
REGION_COUNTIES = frozenset({"norrbotten", "västerbotten", "jämtland", "västernorrland", "gävleborg"})
UNKNOWN = ""


def county_key(county: str) -> str:
    """A county name reduced for comparison: lower case, without 'län' and a trailing genitive s."""
    name = county.strip().lower().removesuffix(" län").strip()
    return name[:-1] if name.endswith("s") and name[:-1] in REGION_COUNTIES else name


def in_region(county: str | None) -> bool:
    """True for the five northern counties."""
    return county is not None and county_key(county) in REGION_COUNTIES


@dataclass(frozen=True)
class Period:
    """A report period: from/to dates (inclusive) and/or an academic term like HT2026."""

    start: date | None = None
    end: date | None = None
    term: str = ""

    def bounds(self) -> tuple[date | None, date | None]:
        """The period as dates: a term gives its months (VT Jan-May, SO Jun-Aug, HT Sep-Dec), narrowed by from/to."""
        start, end = self.start, self.end
        if self.term:
            t_start, t_end = term_bounds(self.term)
            start = max(start, t_start) if start else t_start
            end = min(end, t_end) if end else t_end
        return start, end

    def moments(self) -> tuple[datetime | None, datetime | None]:
        """bounds() as UTC datetimes: [start 00:00, the day after end 00:00)."""
        start, end = self.bounds()
        from_utc = datetime.combine(start, time.min, tzinfo=UTC) if start else None
        to_utc = datetime.combine(end + timedelta(days=1), time.min, tzinfo=UTC) if end else None
        return from_utc, to_utc


def _placements(period: Period) -> Select[Any]:
    query = select(Placement.id).join(Offer, Placement.offer_id == Offer.id)
    if period.term:
        query = query.where(Placement.term == period.term)
    if period.start:
        query = query.where(Placement.period_start >= period.start)
    if period.end:
        query = query.where(Placement.period_start <= period.end)
    return query


def placements_by(session: Session, period: Period, dimension: str, locale: str = "sv") -> list[dict[str, Any]]:
    """Placements counted by kind, program, municipality or term: [{key, label, count}], most first."""
    ids = _placements(period).subquery()
    base = select(Placement).where(Placement.id.in_(select(ids.c.id)))
    rows: Counter[tuple[Any, str]] = Counter()
    if dimension == "kind":
        for kind, n in session.execute(
            select(Offer.kind, func.count()).select_from(Placement).join(Offer, Placement.offer_id == Offer.id)
            .where(Placement.id.in_(select(ids.c.id))).group_by(Offer.kind)
        ):
            rows[(kind.value, kind.value)] = n
    elif dimension == "program":
        names = {p.id: p.name(locale) for p in session.scalars(select(StudyProgram))}
        for program_id, n in session.execute(
            select(Placement.program_id, func.count()).where(Placement.id.in_(select(ids.c.id)))
            .group_by(Placement.program_id)
        ):
            rows[(program_id or UNKNOWN, names.get(program_id, UNKNOWN))] = n
    elif dimension == "municipality":
        for placement in session.scalars(base.options(
                selectinload(Placement.offer).selectinload(Offer.municipality),
                selectinload(Placement.offer).selectinload(Offer.organization).selectinload(Organization.municipality))):
            m = _place_of(placement)
            rows[(m.id, m.name) if m else (UNKNOWN, UNKNOWN)] += 1
    elif dimension == "term":
        for term, n in session.execute(
            select(Placement.term, func.count()).where(Placement.id.in_(select(ids.c.id))).group_by(Placement.term)
        ):
            rows[(term or UNKNOWN, term or UNKNOWN)] = n
    else:
        raise ValueError(f"unknown dimension {dimension!r}")
    result = [{"key": key, "label": label, "count": n} for (key, label), n in rows.items()]
    if dimension == "term":
        return sorted(result, key=lambda r: term_sort_key(r["key"]))
    return sorted(result, key=lambda r: (-r["count"], str(r["label"])))


def _place_of(placement: Placement) -> Municipality | None:
    offer = placement.offer
    return offer.municipality or offer.organization.municipality


def region_share(session: Session, period: Period) -> dict[str, Any]:
    """Placements in the region's counties and in sparsely populated municipalities, of all placements."""
    ids = _placements(period).subquery()
    found = session.scalars(select(Placement).where(Placement.id.in_(select(ids.c.id))).options(
        selectinload(Placement.offer).selectinload(Offer.municipality),
        selectinload(Placement.offer).selectinload(Offer.organization).selectinload(Organization.municipality),
    )).all()
    places = [_place_of(p) for p in found]
    total = len(found)
    region = sum(1 for m in places if m is not None and in_region(m.county))
    sparse = sum(1 for m in places if m is not None and m.sparsely_populated)
    unknown = sum(1 for m in places if m is None)
    return {
        "total": total, "in_region": region, "sparse": sparse, "unknown": unknown,
        "share_region": region / total if total else None, "share_sparse": sparse / total if total else None,
    }


def time_to_first_application(session: Session, period: Period) -> dict[str, Any]:
    """Days from publication to the first application, over offers published in the period."""
    first = (select(Application.offer_id, func.min(Application.created_at).label("first"))
             .group_by(Application.offer_id).subquery())
    query = select(Offer.id, Offer.published_at, first.c.first).outerjoin(first, first.c.offer_id == Offer.id) \
        .where(Offer.published_at.is_not(None))
    from_utc, to_utc = period.moments()
    if from_utc:
        query = query.where(Offer.published_at >= from_utc)
    if to_utc:
        query = query.where(Offer.published_at < to_utc)
    days: list[float] = []
    without = 0
    for _id, published, first_at in session.execute(query):
        if first_at is None:
            without += 1
            continue
        first_at = first_at if first_at.tzinfo else first_at.replace(tzinfo=published.tzinfo)
        days.append(max(0.0, (first_at - published).total_seconds() / 86400))
    return {
        "offers": len(days), "without_application": without,
        "median_days": round(statistics.median(days), 2) if days else None,
        "mean_days": round(statistics.fmean(days), 2) if days else None,
    }


def funnel(session: Session, period: Period) -> dict[str, int]:
    """Recommended pairs -> of those, applied after the recommendation -> of those, placed on that offer."""
    query = (
        select(MatchSuggestion.student_id, MatchSuggestion.offer_id, func.min(MatchSuggestion.recommended_at))
        .where(MatchSuggestion.status == MatchStatus.RECOMMENDED)
        .group_by(MatchSuggestion.student_id, MatchSuggestion.offer_id)
    )
    from_utc, to_utc = period.moments()
    if from_utc:
        query = query.where(MatchSuggestion.recommended_at >= from_utc)
    if to_utc:
        query = query.where(MatchSuggestion.recommended_at < to_utc)
    pairs = {(s, o): at for s, o, at in session.execute(query)}
    if not pairs:
        return {"recommended": 0, "applied": 0, "placed": 0}
    students = {s for s, _o in pairs}
    applied_at = {(s, o): at for s, o, at in session.execute(
        select(Application.student_id, Application.offer_id, Application.created_at)
        .where(Application.student_id.in_(students)))}
    applied = {pair for pair, at in pairs.items() if pair in applied_at and (at is None or applied_at[pair] >= at)}
    placed_pairs = set(session.execute(select(Placement.student_id, Placement.offer_id)
                                       .where(Placement.student_id.in_(students))).tuples())
    return {"recommended": len(pairs), "applied": len(applied), "placed": len(applied & placed_pairs)}


def contract_fulfilment(session: Session, period: Period, today: date) -> list[dict[str, Any]]:
    """Each contract overlapping the period: committed, placed, completed, share and state."""
    start, end = period.bounds()
    query = select(CompetenceContract).options(
        selectinload(CompetenceContract.commitments), selectinload(CompetenceContract.organization)
    ).order_by(CompetenceContract.period_start, CompetenceContract.id)
    if start:
        query = query.where(CompetenceContract.period_end >= start)
    if end:
        query = query.where(CompetenceContract.period_start <= end)
    contracts = session.scalars(query).all()
    progress = progress_for_commitments(session, [c for k in contracts for c in k.commitments], today)
    rows = []
    for k in contracts:
        lines = [progress[c.id] for c in k.commitments]
        committed = sum(p.committed for p in lines)
        placed = sum(min(p.placements, p.committed) for p in lines)
        rows.append({
            "contract_id": k.id, "organization": k.organization.name, "title": k.title,
            "period_start": k.period_start, "period_end": k.period_end, "status": k.status.value,
            "committed": committed, "placements": sum(p.placements for p in lines),
            "completed": sum(p.completed for p in lines),
            "fulfilment": round(placed / committed, 4) if committed else None, "state": contract_status(lines),
        })
    return rows
