"""Karriärsök: filters in SQL, then ranking of the surviving offers on the offer index (`matchmaker.services.ranking`).

The free-text query is a filter as well as a ranking signal: only offers whose text matches the query are
shown. "Best match" ranks them by the query plus, for a logged-in student, the profile. Without a query a
student's best match lists profile matches first and then the rest, newest first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, or_, select
from sqlalchemy.orm import Session, joinedload

from matchmaker.core.validation import parse_int
from matchmaker.matching import Ranker
from matchmaker.models import (
    CompetenceContract,
    ContractStatus,
    Municipality,
    Offer,
    OfferKind,
    OfferStatus,
    StudentProfile,
    StudyProgram,
)
from matchmaker.services.ranking.documents import Ranked
from matchmaker.services.ranking.index import OfferIndex
from matchmaker.services.ranking.rank import search_offers

PER_PAGE = 20
MAX_PAGE = 50
# A query shows at most this many matches (the best ones); nobody pages further than that.
MAX_RESULTS = 100
# Without filters, rank the whole index when at most this many published offers have passed their deadline.
MAX_STALE = 200
# New offers for a saved search are counted up to NEW_CAP ("20+"), looking at the NEW_SCAN newest.
NEW_CAP = 20
NEW_SCAN = 2000
MAX_QUERY = 200
SORTS = ("best", "newest", "deadline")
# The kind filter's value for events (services/events): Karriärsök then lists events and no offers.
EVENTS_KIND = "event"


@dataclass
class SearchParams:
    """Karriärsök's query and filters; parsed leniently from a query string (bad values are ignored)."""

    q: str = ""
    kind: str = ""
    program: str = ""
    municipality: int | None = None
    county: str = ""
    remote: bool = False
    within_days: int | None = None
    contract: bool = False
    sort: str = "best"
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> SearchParams:
        """Parse request arguments or saved search params."""

        def number(name: str, low: int, high: int) -> int | None:
            # Out of range is clamped (a saved search keeps working), but only plain ASCII digits are numbers.
            value = parse_int(args.get(name), 0, 10**12)
            return None if value is None else min(max(value, low), high)

        kind = str(args.get("kind") or "")
        sort = str(args.get("sort") or "best")
        return cls(
            q=" ".join(str(args.get("q") or "").split())[:MAX_QUERY],
            kind=kind if kind in {k.value for k in OfferKind} | {EVENTS_KIND} else "",
            program=str(args.get("program") or "")[:64],
            municipality=number("municipality", 1, 2**31 - 1),
            county=str(args.get("county") or "")[:100],
            remote=str(args.get("remote") or "") in ("1", "y", "on", "true", "True"),
            within_days=number("within_days", 0, 366),
            contract=str(args.get("contract") or "") in ("1", "y", "on", "true", "True"),
            sort=sort if sort in SORTS else "best",
            page=number("page", 1, MAX_PAGE) or 1,
        )

    def to_args(self, *, page: bool = True) -> dict[str, str]:
        """Only the non-default values, as strings (for links and saved searches)."""
        out: dict[str, str] = {}
        for key, value in asdict(self).items():
            if key == "page" and (not page or value == 1):
                continue
            if key == "sort" and value == "best":
                continue
            if value in ("", None, False):
                continue
            out[key] = "1" if value is True else str(value)
        return out

    def has_filters(self) -> bool:
        """True when anything narrows the search."""
        return bool(self.to_args(page=False).keys() - {"sort"})


@dataclass
class Hit:
    """One result: the offer, and its match strength and reasons when ranked."""

    offer: Offer
    score: float | None = None
    reasons: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class SearchPage:
    """One page of results."""

    hits: list[Hit]
    total: int
    page: int
    pages: int
    capped: bool = False  # the query matched more than MAX_RESULTS offers
    suggestion: str | None = None  # "did you mean": the query with unknown words corrected, when nothing matched


def open_condition(today: date) -> ColumnElement[bool]:
    """Published and the deadline not passed: what Karriärsök shows."""
    return and_(
        Offer.status == OfferStatus.PUBLISHED,
        or_(Offer.application_deadline.is_(None), Offer.application_deadline >= today),
    )


def conditions(params: SearchParams, today: date) -> list[ColumnElement[bool]]:
    """The SQL conditions of the filters (open offers only)."""
    where = [open_condition(today)]
    if params.kind == EVENTS_KIND:
        where.append(false())
    elif params.kind:
        where.append(Offer.kind == OfferKind(params.kind))
    if params.program:
        # An offer naming no programs is open to students of every program.
        where.append(or_(Offer.programs.any(StudyProgram.slug == params.program), ~Offer.programs.any()))
    if params.municipality is not None:
        where.append(Offer.municipality_id == params.municipality)
    if params.county:
        where.append(Offer.municipality.has(Municipality.county == params.county))
    if params.remote:
        where.append(Offer.remote.is_(True))
    if params.within_days is not None:
        where.append(and_(Offer.application_deadline.is_not(None),
                          Offer.application_deadline <= today + timedelta(days=params.within_days)))
    if params.contract:
        where.append(
            exists().where(
                CompetenceContract.organization_id == Offer.organization_id,
                CompetenceContract.status == ContractStatus.ACTIVE,
                CompetenceContract.period_start <= today,
                CompetenceContract.period_end >= today,
            )
        )
    return where


def _ordered(query: Select[Any], sort: str) -> Select[Any]:
    if sort == "deadline":
        return query.order_by(Offer.application_deadline.is_(None), Offer.application_deadline, Offer.id)
    # Published offers always carry published_at (set on publishing); the index serves this order.
    return query.order_by(Offer.published_at.desc(), Offer.id.desc())


def _filtered(params: SearchParams) -> bool:
    return bool(params.kind or params.program or params.municipality is not None or params.county or params.remote
                or params.within_days is not None or params.contract)


def _candidates(session: Session, params: SearchParams, today: date) -> tuple[list[int] | None, int]:
    """Ids passing the filters; or None (rank the whole index) and how many indexed offers are closed.

    Without filters the index itself is the candidate set, which spares reading every open offer's id; the
    few published offers whose deadline has passed are fetched extra and dropped afterwards.
    """
    if not _filtered(params):
        stale = session.scalar(select(func.count(Offer.id)).where(
            Offer.status == OfferStatus.PUBLISHED, Offer.application_deadline < today)) or 0
        if stale <= MAX_STALE:
            return None, stale
    return list(session.scalars(select(Offer.id).where(*conditions(params, today)))), 0


def _rank(session: Session, ranker: Ranker | None, profile: StudentProfile | None, q: str,
          candidates: list[int] | None, stale: int, k: int, today: date, language: str | None) -> list[Ranked]:
    """Ranked open offers among the candidates (None: all), best first, at most k."""
    if candidates is not None and not candidates:
        return []
    results = search_offers(ranker, profile=profile, query=q, candidate_ids=candidates, k=k + stale, today=today,
                            language=language)
    if candidates is None and results:
        open_ids = set(session.scalars(select(Offer.id).where(
            Offer.id.in_([r.offer_id for r in results]), open_condition(today))))
        results = [r for r in results if r.offer_id in open_ids]
    return results[:k]


def _window(page: int) -> tuple[int, int]:
    return (page - 1) * PER_PAGE, page * PER_PAGE


def search(session: Session, index: OfferIndex, params: SearchParams, profile: StudentProfile | None,
           today: date, language: str | None = None) -> SearchPage:
    """Run a Karriärsök search and return the requested page; reasons name concepts in `language`."""
    start, end = _window(params.page)
    # One snapshot for the whole search: every stage ranks on the same index, checked for changes once.
    ranker = index.snapshot(session, today) if params.q or profile is not None else None
    ranked: dict[int, Ranked] = {}
    capped = False
    if params.q:
        candidates, stale = _candidates(session, params, today)
        matched = _rank(session, ranker, None, params.q, candidates, stale, MAX_RESULTS + 1, today, language)
        capped = len(matched) > MAX_RESULTS
        matched = matched[:MAX_RESULTS]
        total = len(matched)
        matched_ids = [r.offer_id for r in matched]
        if params.sort == "best" and profile is not None and matched:
            # Two stages: the query decides what matches, the query plus the profile decides the order.
            results = search_offers(ranker, profile=profile, query=params.q, candidate_ids=matched_ids,
                                    k=min(end, total), today=today, language=language)
            ranked = {r.offer_id: r for r in results}
            order = [r.offer_id for r in results]
        elif params.sort == "best":
            ranked = {r.offer_id: r for r in matched}
            order = matched_ids
        else:
            if profile is None:
                ranked = {r.offer_id: r for r in matched}
            order = list(session.scalars(_ordered(select(Offer.id).where(Offer.id.in_(matched_ids)), params.sort)))
        page_ids = order[start:end]
    elif params.sort == "best" and profile is not None:
        where = conditions(params, today)
        candidates, stale = _candidates(session, params, today)
        total = (len(candidates) if candidates is not None
                 else session.scalar(select(func.count(Offer.id)).where(*where)) or 0)
        results = _rank(session, ranker, profile, "", candidates, stale, end, today, language)
        ranked = {r.offer_id: r for r in results}
        page_ids = [r.offer_id for r in results][start:end]
        if len(page_ids) < PER_PAGE and end > len(results):
            # Offers with no match to the profile follow, newest first.
            rest = _ordered(select(Offer.id).where(*where), "newest")
            if results:
                rest = rest.where(Offer.id.not_in(list(ranked)))
            offset = max(0, start - len(results))
            page_ids += list(session.scalars(rest.offset(offset).limit(PER_PAGE - len(page_ids))))
    else:
        where = conditions(params, today)
        total = session.scalar(select(func.count(Offer.id)).where(*where)) or 0
        page_ids = list(session.scalars(_ordered(select(Offer.id).where(*where), params.sort)
                                        .offset(start).limit(PER_PAGE)))
    hits = _hits(session, ranker, page_ids, ranked, profile, params.q, today, language)
    pages = max(1, math.ceil(total / PER_PAGE))
    suggestion = ranker.suggest(params.q) if params.q and not total and ranker is not None else None
    return SearchPage(hits, total, params.page, min(pages, MAX_PAGE), capped, suggestion)


def _hits(session: Session, ranker: Ranker | None, ids: list[int], ranked: dict[int, Ranked],
          profile: StudentProfile | None, q: str, today: date, language: str | None) -> list[Hit]:
    if not ids:
        return []
    offers = {o.id: o for o in session.scalars(select(Offer).where(Offer.id.in_(ids)).options(
        joinedload(Offer.organization), joinedload(Offer.municipality)))}
    missing = [i for i in ids if i not in ranked]
    if missing and (profile is not None or q):
        for r in search_offers(ranker, profile=profile, query=q, candidate_ids=missing, k=len(missing), today=today,
                               language=language):
            ranked[r.offer_id] = r
    scored = profile is not None or bool(q)
    out = []
    for i in ids:
        if i not in offers:
            continue
        r = ranked.get(i)
        out.append(Hit(offers[i], (r.score if r else 0.0) if scored else None, r.reasons if r else []))
    return out


def count_new(session: Session, index: OfferIndex, params: SearchParams, since: datetime, today: date) -> int:
    """How many open offers matching `params` were published after `since` (at most NEW_CAP + 1)."""
    where = [*conditions(params, today), Offer.published_at > since]
    if not params.q:
        return session.scalar(select(func.count(Offer.id)).where(*where)) or 0
    ids = list(session.scalars(select(Offer.id).where(*where).order_by(Offer.published_at.desc()).limit(NEW_SCAN)))
    if not ids:
        return 0
    return len(search_offers(index.snapshot(session, today), profile=None, query=params.q, candidate_ids=ids,
                             k=NEW_CAP + 1, today=today))
