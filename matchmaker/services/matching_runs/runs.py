"""Batch matching runs started by career coaches: starting, cancelling and finding runs (the job is in execution.py).

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
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import Conflict, NotFound, ValidationError
from matchmaker.models import (
    MatchRun,
    MatchSuggestion,
    RunStatus,
    User,
    utcnow,
)

log = logging.getLogger(__name__)

DEFAULT_K = 10
MAX_K = 50
# A student whose best score is below this has "no good match" in the coverage figures.
DEFAULT_THRESHOLD = 0.2
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
    mark_failed(session, run, CANCELLED)
    session.flush()
    audit.record(session, coach, "matching.run_cancelled", run, done=run.progress_done, total=run.progress_total)
    return run


def mark_failed(session: Session, run: MatchRun, error: str) -> None:
    """A run that will not finish: failed with the reason, its partial rows gone, never current."""
    session.execute(delete(MatchSuggestion).where(MatchSuggestion.run_id == run.id))
    run.status = RunStatus.FAILED
    run.error = error[:2000]
    run.finished_at = utcnow()
    run.is_current = False


def get_run(session: Session, run_id: int) -> MatchRun:
    """One run; NotFound when there is none with this id."""
    run = session.get(MatchRun, run_id)
    if run is None:
        raise NotFound("no such matching run")
    return run
