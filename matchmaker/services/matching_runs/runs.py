"""Batch matching runs started by career coaches, run in the background by the job queue.

A run is a MatchRun row (queued -> running -> succeeded | failed) and the MatchSuggestion rows it writes under its
own run_id. Progress is committed chunk by chunk in short transactions so the coach's page can poll it.
The previous results stay visible the whole time: `is_current` moves to the new run only in the final
transaction, together with the coach's curation (recommendations, dismissals, notes) carried over from
the previous current run. A failed run is marked failed with its error and its partial rows are removed;
the previous current run and its matches are never touched before the switch. A coach may cancel a queued
or running run (a stuck one too): it is marked failed at once, and a worker still running it stops at its
next progress commit.
"""

from __future__ import annotations

import logging
import math
import time
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session, selectinload

from matchmaker.core import audit
from matchmaker.core.errors import Conflict, NotFound, ValidationError
from matchmaker.jobs.queue import job
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
from matchmaker.services.matching_runs.strength import bands_from_scores

log = logging.getLogger(__name__)

DEFAULT_K = 10
MAX_K = 50
# A student whose best score is below this has "no good match" in the coverage figures.
DEFAULT_THRESHOLD = 0.2
# Progress is committed about this many times per run, in chunks of at least MIN_CHUNK students.
PROGRESS_STEPS = 20
MIN_CHUNK = 50
MAX_CHUNK = 2000
# A run still queued or running after this long was interrupted (worker killed, app restarted: the thread
# backend loses its queue on restart). Far above any real run (5000 students x 1000 offers: ~15 s).
INTERRUPTED_AFTER = timedelta(minutes=30)
CANCELLED = "cancelled by a coach"


class RunCancelled(Exception):
    """Raised inside a running job when a coach has cancelled its run."""


def current_run(session: Session) -> MatchRun | None:
    """The run whose matches coaches and students see (the newest, should two ever be flagged)."""
    return session.scalar(select(MatchRun).where(MatchRun.is_current.is_(True)).order_by(MatchRun.id.desc()).limit(1))


def latest_run(session: Session) -> MatchRun | None:
    """The most recently created run, whatever its status."""
    return session.scalar(select(MatchRun).order_by(MatchRun.id.desc()).limit(1))


def active_run(session: Session) -> MatchRun | None:
    """A queued or running run, if any."""
    return session.scalar(
        select(MatchRun).where(MatchRun.status.in_((RunStatus.QUEUED, RunStatus.RUNNING))).order_by(MatchRun.id)
    )


def mark_interrupted(session: Session, *, now: datetime | None = None) -> int:
    """Mark runs queued or running for longer than INTERRUPTED_AFTER as failed; returns how many."""
    limit = (now or utcnow()) - INTERRUPTED_AFTER
    stuck = session.scalars(
        select(MatchRun).where(MatchRun.status.in_((RunStatus.QUEUED, RunStatus.RUNNING)),
                               MatchRun.created_at < limit)
    ).all()
    for run in stuck:
        run.status = RunStatus.FAILED
        run.error = "interrupted: no result after 30 minutes"
        run.finished_at = utcnow()
    session.flush()
    return len(stuck)


def start_run(session: Session, coach: User, *, k: int = DEFAULT_K, threshold: float = DEFAULT_THRESHOLD,
              now: datetime | None = None) -> MatchRun:
    """Create a queued run; the caller commits, THEN enqueues job "matching.run" with run_id."""
    errors: dict[str, str] = {}
    if not isinstance(k, int) or not 1 <= k <= MAX_K:
        errors["k"] = "must be between 1 and 50"
    if not 0.0 <= float(threshold) <= 1.0:
        errors["threshold"] = "must be between 0 and 1"
    if errors:
        raise ValidationError(errors)
    mark_interrupted(session, now=now)
    if active_run(session) is not None:
        raise Conflict("a matching run is already in progress")
    run = MatchRun(started_by_id=coach.id, status=RunStatus.QUEUED,
                   parameters={"k": k, "threshold": float(threshold)})
    session.add(run)
    session.flush()
    audit.record(session, coach, "matching.run_start", run, k=k, threshold=float(threshold))
    return run


def was_cancelled(run: MatchRun) -> bool:
    """Whether a coach cancelled this run (it is then failed with the CANCELLED text)."""
    return run.status == RunStatus.FAILED and run.error == CANCELLED


def cancel_run(session: Session, coach: User, run_id: int) -> MatchRun:
    """Mark a queued or running run failed as cancelled; its partial matches go, the current results stay."""
    run = session.get(MatchRun, run_id)
    if run is None:
        raise NotFound("no such matching run")
    if run.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
        raise Conflict("this matching run is not in progress")
    _mark_failed(session, run, CANCELLED)
    session.flush()
    audit.record(session, coach, "matching.run_cancelled", run, done=run.progress_done, total=run.progress_total)
    return run


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
    from matchmaker.services.ranking import (
        index as ranking,  # the DB bridge of the engine (imported late: it keeps a per-process cache)
    )

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
        ranker = Ranker().fit(ranking.offer_docs(session, offers, day))
        docs = [ranking.student_doc(p) for p in profiles]
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


def _mark_failed(session: Session, run: MatchRun, error: str) -> None:
    """A run that will not finish: failed with the reason, its partial rows gone, never current."""
    session.execute(delete(MatchSuggestion).where(MatchSuggestion.run_id == run.id))
    run.status = RunStatus.FAILED
    run.error = error[:2000]
    run.finished_at = utcnow()
    run.is_current = False


def _fail(session: Session, run_id: int, exc: BaseException, seconds: float) -> None:
    run = session.get(MatchRun, run_id)
    if run is None:  # deleted meanwhile: its matches went with it (ON DELETE CASCADE)
        return
    _mark_failed(session, run, f"{type(exc).__name__}: {exc}")
    run.duration_seconds = round(seconds, 3)
    session.flush()
    audit.record(session, None, "matching.run_failed", run, error=run.error[:200])
