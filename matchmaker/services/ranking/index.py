"""Bridge between the database and the matching engine.

Turns models into engine documents and keeps, per process, a fitted index of published offers. The index is
brought up to date on use: a cheap signature query notices any change, and changed offers are upserted with
the fitted vocabulary (no refit on the request path). When many offers changed since the last fit, a full
refit runs in a background thread and is swapped in when done. Readers always see a consistent index
because updates build a new object (copy on write) and swap the reference.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from matchmaker.matching import OfferDoc, Ranker, ScoredPair, StudentDoc
from matchmaker.models import (
    Application,
    CompetenceContract,
    ContractStatus,
    DismissedOffer,
    Offer,
    OfferStatus,
    StudentProfile,
    User,
)

log = logging.getLogger(__name__)

# After a change, a full refit follows in the background: upserted offers are findable at once by words the
# vocabulary knows, and by their new words once the refit (seconds, even for 10k offers) is swapped in.
# Tests set this to False to refit inline, because a background thread cannot see their open transaction.
BACKGROUND_REFIT = True


@dataclass(frozen=True)
class Ranked:
    """A ranked offer-student pair with reasons, in database ids."""

    offer_id: int
    student_id: int | None
    score: float
    reasons: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_match(cls, match: ScoredPair) -> Ranked:
        """Convert an engine match (string ids) to database ids."""
        return cls(
            offer_id=int(match.offer_id),
            student_id=int(match.student_id) if match.student_id else None,
            score=round(float(match.score), 4),
            reasons=[r.to_dict() for r in match.reasons],
        )


# -- documents ----------------------------------------------------------------------------------------


def contract_org_ids(session: Session, today: date) -> set[int]:
    """Organisations with an active Kompetenskontrakt covering `today`."""
    rows = session.scalars(
        select(CompetenceContract.organization_id).where(
            CompetenceContract.status == ContractStatus.ACTIVE,
            CompetenceContract.period_start <= today,
            CompetenceContract.period_end >= today,
        )
    )
    return set(rows)


def offer_doc(offer: Offer, has_contract: bool = False) -> OfferDoc:
    """The engine's view of an offer."""
    municipality = offer.municipality
    return OfferDoc(
        id=str(offer.id),
        title=offer.title,
        description=offer.description,
        kind=offer.kind.value,
        skills=tuple(offer.skills or ()),
        programs=tuple(p.slug for p in offer.programs),
        municipality=municipality.name if municipality else None,
        county=municipality.county if municipality else None,
        sparse=bool(municipality and municipality.sparsely_populated),
        remote=offer.remote,
        language=offer.language.value if offer.language else None,
        has_contract=has_contract,
        status=offer.status.value,
        deadline=offer.application_deadline,
    )


def student_doc(profile: StudentProfile) -> StudentDoc:
    """The engine's view of a student profile."""
    places = profile.preferred_municipalities
    return StudentDoc(
        id=str(profile.id),
        about=profile.about,
        interests=profile.interests,
        skills=tuple(profile.skills or ()),
        program=profile.program.slug if profile.program else None,
        kinds=tuple(profile.preferred_kinds or ()),
        municipalities=tuple(m.name for m in places),
        counties=tuple(sorted({m.county for m in places})),
        relocate=profile.willing_to_relocate,
        remote_ok=profile.remote_ok,
        prefers_sparse=profile.prefers_sparse,
    )


def _published_offers(session: Session, ids: Iterable[int] | None = None) -> list[Offer]:
    query = (
        select(Offer)
        .where(Offer.status == OfferStatus.PUBLISHED)
        .options(selectinload(Offer.programs), selectinload(Offer.municipality))
        .order_by(Offer.id)
    )
    if ids is not None:
        query = query.where(Offer.id.in_(list(ids)))
    return list(session.scalars(query))


def offer_docs(session: Session, offers: Sequence[Offer], today: date | None = None) -> list[OfferDoc]:
    """Engine documents for offers, with the Kompetenskontrakt flag filled in."""
    with_contract = contract_org_ids(session, today or date.today())
    return [offer_doc(o, o.organization_id in with_contract) for o in offers]


def build_ranker(session: Session, today: date | None = None) -> tuple[Ranker, list[OfferDoc]]:
    """A freshly fitted ranker over all published offers (for batch runs)."""
    docs = offer_docs(session, _published_offers(session), today)
    return Ranker().fit(docs), docs


# -- the per-process index ------------------------------------------------------------------------------


@dataclass
class _Index:
    ranker: Ranker | None = None
    stamps: dict[int, datetime] = field(default_factory=dict)  # offer id -> updated_at when indexed
    signature: tuple[Any, ...] | None = None
    changes_since_fit: int = 0
    contract_day: date | None = None
    refit_thread: threading.Thread | None = None


_indexes: dict[str, _Index] = {}
_lock = threading.Lock()


def reset_cache() -> None:
    """Forget every index (tests, and after a restore)."""
    with _lock:
        _indexes.clear()


def _key(session: Session) -> str:
    return str(session.get_bind().engine.url)


def _signature(session: Session, today: date) -> tuple[Any, ...]:
    count, newest, id_sum = session.execute(
        select(func.count(Offer.id), func.max(Offer.updated_at), func.sum(Offer.id)).where(
            Offer.status == OfferStatus.PUBLISHED
        )
    ).one()
    # The day is part of it because the Kompetenskontrakt flag depends on today's date.
    return (count, newest, id_sum, today)


def _fit_new(session: Session, today: date) -> tuple[Ranker | None, dict[int, datetime]]:
    offers = _published_offers(session)
    if not offers:
        return None, {}
    docs = offer_docs(session, offers, today)
    return Ranker().fit(docs), {o.id: o.updated_at for o in offers}


def get_ranker(session: Session, today: date | None = None) -> Ranker | None:
    """The up-to-date fitted index of published offers, or None when there are none."""
    today = today or date.today()
    key = _key(session)
    signature = _signature(session, today)
    with _lock:
        index = _indexes.setdefault(key, _Index())
        if index.signature == signature:
            return index.ranker
        if index.ranker is None or index.contract_day != today:
            index.ranker, index.stamps = _fit_new(session, today)
            index.changes_since_fit, index.contract_day = 0, today
        else:
            _apply_changes(session, index, today)
        index.signature = signature
        if index.changes_since_fit:
            _refit(session, key, index, today)
        return index.ranker


def _apply_changes(session: Session, index: _Index, today: date) -> None:
    rows = session.execute(select(Offer.id, Offer.updated_at).where(Offer.status == OfferStatus.PUBLISHED))
    current = {oid: stamp for oid, stamp in rows}
    gone = [oid for oid in index.stamps if oid not in current]
    changed = [oid for oid, stamp in current.items() if index.stamps.get(oid) != stamp]
    if not gone and not changed:
        return
    ranker = copy.copy(index.ranker)  # copy on write: readers holding the old object stay consistent
    assert ranker is not None
    if gone:
        ranker.remove_offers(str(oid) for oid in gone)
    if changed:
        ranker.upsert_offers(offer_docs(session, _published_offers(session, changed), today))
    index.ranker = ranker
    index.stamps = current
    index.changes_since_fit += len(gone) + len(changed)


def _refit(session: Session, key: str, index: _Index, today: date) -> None:
    """Refit from scratch: inline in tests, else in one background thread at a time."""
    if not BACKGROUND_REFIT:
        index.ranker, index.stamps = _fit_new(session, today)
        index.changes_since_fit = 0
        return
    if index.refit_thread is not None and index.refit_thread.is_alive():
        return  # the running refit is followed by another: it leaves the signature unset when it ends
    engine = session.get_bind().engine

    def work() -> None:
        try:
            with Session(engine) as own:
                ranker, stamps = _fit_new(own, today)
            with _lock:
                if _indexes.get(key) is index:
                    index.ranker, index.stamps, index.changes_since_fit = ranker, stamps, 0
                    index.signature = None  # re-check on next use: offers may have changed meanwhile
        except Exception:  # the incremental index keeps serving; the next change retries
            log.exception("background refit failed")

    index.refit_thread = threading.Thread(target=work, name="matchmaker-refit", daemon=True)
    index.refit_thread.start()


def wait_for_refit(timeout: float = 60.0) -> None:
    """Block until background refits have finished (benchmarks and tests)."""
    for index in list(_indexes.values()):
        if index.refit_thread is not None:
            index.refit_thread.join(timeout)


# -- use cases ------------------------------------------------------------------------------------------


def search_offers(
    session: Session,
    *,
    profile: StudentProfile | None,
    query: str,
    candidate_ids: Sequence[int] | None,
    k: int,
    today: date | None = None,
) -> list[Ranked]:
    """Rank offers for a free-text query and/or a profile, best first (only offers with some text match).

    Karriärsök applies its filters in SQL and passes the surviving ids as candidates; the student's own
    preferences (kinds, programs) do not hide results here, they only shape the ranking.
    """
    ranker = get_ranker(session, today)
    if ranker is None or (profile is None and not query.strip()):
        return []
    candidates = None if candidate_ids is None else [str(i) for i in candidate_ids]
    matches = ranker.rank_offers(
        student_doc(profile) if profile is not None else None,
        query=query, k=k, today=today or date.today(), candidates=candidates, apply_filters=False,
    )
    return [Ranked.from_match(m) for m in matches]


def recommend_offers(
    session: Session, profile: StudentProfile, *, k: int = 10, today: date | None = None
) -> list[Ranked]:
    """Offers recommended for a student: open, passing the student's filters, not dismissed, not applied to."""
    ranker = get_ranker(session, today)
    if ranker is None:
        return []
    excluded = set(session.scalars(select(DismissedOffer.offer_id).where(DismissedOffer.student_id == profile.id)))
    excluded |= set(session.scalars(select(Application.offer_id).where(Application.student_id == profile.id)))
    candidates = None
    if excluded:
        candidates = [oid for oid in ranker.offer_ids_ if int(oid) not in excluded]
    matches = ranker.rank_offers(
        student_doc(profile), k=k, today=today or date.today(), candidates=candidates, apply_filters=True
    )
    return [Ranked.from_match(m) for m in matches]


def consenting_profiles(session: Session) -> list[StudentProfile]:
    """Profiles of active students who consented to be visible to employers."""
    return list(
        session.scalars(
            select(StudentProfile)
            .join(User, StudentProfile.user_id == User.id)
            .where(StudentProfile.visible_to_employers.is_(True), User.active.is_(True))
            .options(selectinload(StudentProfile.program), selectinload(StudentProfile.preferred_municipalities))
            .order_by(StudentProfile.id)
        )
    )


def _ranker_for(session: Session, offer: Offer, today: date | None) -> Ranker:
    ranker = get_ranker(session, today)
    if ranker is None:  # no published offers yet: a small space fitted on this offer alone
        ranker = Ranker().fit([offer_doc(offer)])
    return ranker


def rank_students_for_offer(
    session: Session, offer: Offer, *, k: int = 20, today: date | None = None
) -> list[Ranked]:
    """Consenting students ranked for an offer, best first."""
    profiles = consenting_profiles(session)
    if not profiles:
        return []
    today = today or date.today()
    doc = offer_doc(offer, offer.organization_id in contract_org_ids(session, today))
    matches = _ranker_for(session, offer, today).rank_students(doc, [student_doc(p) for p in profiles], k=k)
    return [Ranked.from_match(m) for m in matches]


def explain_pair(session: Session, profile: StudentProfile, offer: Offer, today: date | None = None) -> Ranked:
    """Score and reasons for one student-offer pair (filters not applied: the pair is given)."""
    today = today or date.today()
    doc = offer_doc(offer, offer.organization_id in contract_org_ids(session, today))
    matches = _ranker_for(session, offer, today).rank_students(doc, [student_doc(profile)], k=1, apply_filters=False)
    if not matches:
        return Ranked(offer_id=offer.id, student_id=profile.id, score=0.0, reasons=[])
    return Ranked.from_match(matches[0])
