"""The matching job: rank every active student against every open offer and switch the results in.

Progress is committed chunk by chunk in short transactions so the coach's page can poll it; the previous
current run stays visible until the final transaction (see runs.py for the life of a run).
"""

from __future__ import annotations

import logging
import math
import time
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session, selectinload

from matchmaker.core import audit
from matchmaker.jobs.registry import job
from matchmaker.matching import Ranker
from matchmaker.models import (
    MatchRun,
    MatchStatus,
    MatchSuggestion,
    Offer,
    OfferStatus,
    Role,
    RunStatus,
    StudentProfile,
    User,
    utcnow,
)
from matchmaker.services.matching_runs.runs import (
    DEFAULT_K,
    DEFAULT_THRESHOLD,
    RunCancelled,
    current_run,
    mark_failed,
)
from matchmaker.services.matching_runs.strength import bands_from_scores
from matchmaker.services.ranking.documents import offer_docs, student_doc

log = logging.getLogger(__name__)

# Progress is committed about this many times per run, in chunks of at least MIN_CHUNK students.
PROGRESS_STEPS = 20
MIN_CHUNK = 50
MAX_CHUNK = 2000


def active_profiles(session: Session) -> list[StudentProfile]:
    """Profiles of active student users, in id order."""
    return list(session.scalars(
        select(StudentProfile).join(User, StudentProfile.user_id == User.id)
        .where(User.active.is_(True), User.role == Role.STUDENT)
        .options(selectinload(StudentProfile.program), selectinload(StudentProfile.preferred_municipalities))
        .order_by(StudentProfile.id)
    ))


def open_offers(session: Session, today: date) -> list[Offer]:
    """Published offers whose deadline has not passed, in id order."""
    return list(session.scalars(
        select(Offer).where(
            Offer.status == OfferStatus.PUBLISHED,
            (Offer.application_deadline.is_(None)) | (Offer.application_deadline >= today),
        ).options(selectinload(Offer.programs), selectinload(Offer.municipality)).order_by(Offer.id)
    ))


def chunk_size(total: int) -> int:
    """Students per chunk: about PROGRESS_STEPS progress updates per run."""
    return max(MIN_CHUNK, min(MAX_CHUNK, math.ceil(total / PROGRESS_STEPS) if total else MIN_CHUNK))


@job("matching.run")
def run_matching(session: Session, run_id: int, today: str | None = None) -> dict[str, Any]:
    """Job: execute a queued run. Failures are recorded on the run (not raised) so workers stay clean."""
    run = session.get(MatchRun, run_id)
    if run is None or run.status != RunStatus.QUEUED:
        # Unknown, or already handled (a retried job must not run twice).
        log.warning("matching run %s is not queued; skipped", run_id)
        return {"status": "skipped"}
    day = date.fromisoformat(today) if today else date.today()
    # Conditional, so a cancel committed since the read is never overwritten.
    claimed = session.execute(update(MatchRun).where(MatchRun.id == run_id, MatchRun.status == RunStatus.QUEUED)
                              .values(status=RunStatus.RUNNING, started_at=utcnow())).rowcount
    session.commit()
    if claimed != 1:
        log.warning("matching run %s was cancelled before it started", run_id)
        return {"status": "skipped"}
    started = time.perf_counter()
    try:
        counts = _execute(session, run, day)
        _switch(session, run, counts, time.perf_counter() - started)
        session.commit()
    except RunCancelled:  # the coach's cancel already marked the run; drop rows written since then
        session.rollback()
        session.execute(delete(MatchSuggestion).where(MatchSuggestion.run_id == run_id))
        session.commit()
        log.info("matching run %s cancelled", run_id)
        return {"status": "cancelled"}
    except Exception as exc:  # any failure: keep the previous results, record why
        log.exception("matching run %s failed", run_id)
        session.rollback()
        _fail(session, run_id, exc, time.perf_counter() - started)
        session.commit()
        return {"status": "failed", "error": str(exc)}
    return {"status": "succeeded", **{k: v for k, v in counts.items() if isinstance(v, int)}}


def _execute(session: Session, run: MatchRun, day: date) -> dict[str, Any]:
    """Rank every active student against every open offer, writing MatchSuggestion rows chunk by chunk."""
    k = int(run.parameters.get("k", DEFAULT_K))
    threshold = float(run.parameters.get("threshold", DEFAULT_THRESHOLD))
    profiles = active_profiles(session)
    offers = open_offers(session, day)
    run.progress_total, run.progress_done = len(profiles), 0
    session.commit()
    best: dict[int, float] = {}
    scores: list[float] = []
    hit_offers: set[int] = set()
    buffer: list[dict[str, Any]] = []
    written = 0

    def progress(done: int, _total: int) -> None:
        # One short transaction per chunk: the rows so far (not current yet) and the progress figure.
        nonlocal written
        if buffer:
            # A Core executemany on the table: ORM bulk insert costs several times more per row here.
            session.execute(insert(MatchSuggestion.__table__), buffer)
            written += len(buffer)
            buffer.clear()
        run.progress_done = done
        session.commit()
        # Only progress_done was written, so a cancel committed meanwhile by a coach still stands.
        if session.scalar(select(MatchRun.status).where(MatchRun.id == run.id)) != RunStatus.RUNNING:
            raise RunCancelled

    if profiles and offers:
        ranker = Ranker().fit(offer_docs(session, offers, day))
        docs = [student_doc(p) for p in profiles]
        for student_id, matches in ranker.top_k_all(docs, k=k, n_jobs=2, with_reasons=True, today=day,
                                                    chunk_size=chunk_size(len(docs)), progress=progress):
            for m in matches:
                sid, oid = int(m.student_id or student_id), int(m.offer_id)
                buffer.append({"run_id": run.id, "student_id": sid, "offer_id": oid, "score": float(m.score),
                               "reasons": [r.to_dict() for r in m.reasons], "status": MatchStatus.SUGGESTED})
                best[sid] = max(best.get(sid, 0.0), float(m.score))
                scores.append(float(m.score))
                hit_offers.add(oid)
    progress(len(profiles), len(profiles))
    counts = _coverage_counts(profiles, offers, best, hit_offers, written, threshold)
    counts["score_bands"] = bands_from_scores(list(best.values()), scores)  # students' words for scores
    return counts


def _coverage_counts(profiles: list[StudentProfile], offers: list[Offer], best: dict[int, float],
                     hit_offers: set[int], written: int, threshold: float) -> dict[str, Any]:
    """Totals and per-program coverage; key "none" is students without a program and offers open to all."""
    programs: dict[str, dict[str, int]] = {}

    def row(key: str) -> dict[str, int]:
        return programs.setdefault(key, {"students": 0, "no_good_match": 0, "offers": 0, "no_candidates": 0})

    weak = 0
    for p in profiles:
        r = row(str(p.program_id) if p.program_id else "none")
        r["students"] += 1
        if best.get(p.id, 0.0) < threshold:
            r["no_good_match"] += 1
            weak += 1
    lonely = [o.id for o in offers if o.id not in hit_offers]
    for o in offers:
        for key in [str(p.id) for p in o.programs] or ["none"]:
            r = row(key)
            r["offers"] += 1
            r["no_candidates"] += o.id not in hit_offers
    return {"students": len(profiles), "offers": len(offers), "matches": written,
            "students_without_good_match": weak, "offers_without_candidates": len(lonely),
            "offers_without_candidates_ids": lonely[:200], "threshold": threshold, "programs": programs}


def _switch(session: Session, run: MatchRun, counts: dict[str, Any], seconds: float) -> None:
    """The final transaction: carry curation over, make this run current, prune old runs' matches."""
    finished = session.execute(update(MatchRun).where(MatchRun.id == run.id, MatchRun.status == RunStatus.RUNNING)
                               .values(status=RunStatus.SUCCEEDED)).rowcount
    if finished != 1:  # cancelled after the last progress commit
        raise RunCancelled
    previous = current_run(session)
    if previous is not None and previous.id != run.id:
        _carry_over(session, previous.id, run.id)
        counts["carried_over"] = True
    session.execute(update(MatchRun).where(MatchRun.is_current.is_(True), MatchRun.id != run.id)
                    .values(is_current=False))
    run.is_current = True
    run.status = RunStatus.SUCCEEDED
    run.finished_at = utcnow()
    run.duration_seconds = round(seconds, 3)
    run.counts = counts
    keep = [run.id] + ([previous.id] if previous is not None else [])
    # Matches of older runs are dropped (their MatchRun rows stay as history); the previous run's stay.
    session.execute(delete(MatchSuggestion).where(MatchSuggestion.run_id.notin_(keep)))
    session.flush()
    audit.record(session, None, "matching.run_succeeded", run, matches=counts["matches"],
                 seconds=run.duration_seconds)


def _carry_over(session: Session, old_run_id: int, new_run_id: int) -> None:
    """Copy the coach's recommendations, dismissals and notes onto the new run's rows."""
    curated = session.scalars(select(MatchSuggestion).where(
        MatchSuggestion.run_id == old_run_id,
        (MatchSuggestion.status != MatchStatus.SUGGESTED) | (MatchSuggestion.coach_note != ""),
    )).all()
    for old in curated:
        new = session.scalar(select(MatchSuggestion).where(
            MatchSuggestion.run_id == new_run_id, MatchSuggestion.student_id == old.student_id,
            MatchSuggestion.offer_id == old.offer_id))
        if new is None:
            # Not in the new top-k: kept anyway, so a recommendation the student saw does not vanish.
            new = MatchSuggestion(run_id=new_run_id, student_id=old.student_id, offer_id=old.offer_id,
                                  score=old.score, reasons=old.reasons)
            session.add(new)
        new.status, new.coach_note = old.status, old.coach_note
        new.recommended_by_id, new.recommended_at = old.recommended_by_id, old.recommended_at
    session.flush()


def _fail(session: Session, run_id: int, exc: BaseException, seconds: float) -> None:
    run = session.get(MatchRun, run_id)
    if run is None:  # deleted meanwhile: its matches went with it (ON DELETE CASCADE)
        return
    mark_failed(session, run, f"{type(exc).__name__}: {exc}")
    run.duration_seconds = round(seconds, 3)
    session.flush()
    audit.record(session, None, "matching.run_failed", run, error=run.error[:200])
