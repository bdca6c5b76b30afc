"""The scheduler: one table of periodic tasks, each enqueued when its interval has passed since its last run.

`matchmaker scheduler` runs `run_forever` (production: one process beside the workers; the jobs go to the
same queue, so RQ workers run them); the demo's server runs the same loop in a thread next to its in-process
worker. Each task's last start is kept in the database (`scheduled_tasks`) and claimed with one conditional
UPDATE, so a restart does not repeat a task and two schedulers never both enqueue the same run.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from matchmaker.jobs.registry import REGISTRY, job
from matchmaker.models import ScheduledTask, utcnow

log = logging.getLogger(__name__)

RUN_JOB = "scheduler.run_task"
POLL_SECONDS = 60.0
HOUR, DAY = timedelta(hours=1), timedelta(days=1)


@dataclass(frozen=True)
class Task:
    """A periodic task: the job it runs (by name), with which arguments, and how often."""

    name: str
    job: str
    every: timedelta
    kwargs: dict[str, Any] = field(default_factory=dict)


TASKS: tuple[Task, ...] = (
    Task("offers.expire", "offers.expire", HOUR),  # cheap; an offer expires within the hour after its deadline
    Task("deadlines.remind", "notifications.deadline_reminders", HOUR),  # each reminder once per offer and student
    Task("alerts.daily", "alerts.send", HOUR, {"frequency": "daily"}),  # each search a day after its own last run
    Task("alerts.weekly", "alerts.send", HOUR, {"frequency": "weekly"}),
    Task("digests.daily", "notifications.daily_digest", DAY),
    Task("digests.weekly", "notifications.weekly_digest", 7 * DAY),
    # Flags accounts inactive for 24 months and purges used or expired reset tokens and registrations.
    Task("privacy.daily", "privacy.flag_inactive", DAY),
    # Students whose planned graduation date has come become alumni (and are asked for the new consent).
    Task("alumni.daily", "alumni.convert_due", DAY),
)
BY_NAME = {t.name: t for t in TASKS}


def _ensure_rows(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        known = set(session.scalars(select(ScheduledTask.name)))
        for task in TASKS:
            if task.name in known:
                continue
            try:
                with session.begin_nested():
                    session.add(ScheduledTask(name=task.name))
            except IntegrityError:  # another scheduler added it first
                pass
        session.commit()


def claim_due(factory: sessionmaker[Session], now: datetime | None = None) -> list[Task]:
    """Mark as started, and return, every task whose interval has passed since its last start."""
    now = now or utcnow()
    _ensure_rows(factory)
    claimed = []
    with factory() as session:
        for task in TASKS:
            result = session.execute(
                update(ScheduledTask)
                .where(ScheduledTask.name == task.name,
                       or_(ScheduledTask.last_started_at.is_(None), ScheduledTask.last_started_at <= now - task.every))
                .values(last_started_at=now, runs=ScheduledTask.runs + 1)
            )
            if result.rowcount == 1:  # type: ignore[attr-defined]
                claimed.append(task)
        session.commit()
    return claimed


def tick(factory: sessionmaker[Session], queue: Any, now: datetime | None = None) -> list[str]:
    """Enqueue every due task once; returns their names."""
    due = claim_due(factory, now)
    for task in due:
        queue.enqueue(RUN_JOB, task=task.name)
    return [t.name for t in due]


@job(RUN_JOB)
def run_task(session: Session, task: str) -> Any:
    """Run one periodic task's job and record how it ended (in the same transaction as its work)."""
    spec = BY_NAME[task]
    result = REGISTRY[spec.job](session, **spec.kwargs)
    row = session.get(ScheduledTask, task)
    if row is not None:
        row.last_finished_at = utcnow()
        row.last_result = str(result)[:500]
    session.flush()
    return result


def run_forever(factory: sessionmaker[Session], queue: Any, stop: threading.Event | None = None,
                poll: float = POLL_SECONDS, first_after: float = 0.0) -> None:
    """Tick every `poll` seconds (the first after `first_after`) until `stop` is set; a failing tick is logged."""
    stop = stop or threading.Event()
    stop.wait(first_after)
    while not stop.is_set():
        try:
            names = tick(factory, queue)
            if names:
                log.info("scheduled %s", ", ".join(names))
        except Exception:  # a database hiccup must not end the scheduler
            log.exception("scheduler tick failed")
        stop.wait(poll)


def start_thread(factory: sessionmaker[Session], queue: Any) -> threading.Event:
    """Run the scheduler in a daemon thread (the demo's single process); set the returned event to stop it.

    The first tick waits one interval: the server answers at once, and the periodic work follows.
    """
    stop = threading.Event()
    threading.Thread(target=run_forever, args=(factory, queue, stop, POLL_SECONDS, POLL_SECONDS),
                     name="matchmaker-scheduler", daemon=True).start()
    return stop
