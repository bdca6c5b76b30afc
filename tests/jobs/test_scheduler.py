"""The scheduler: every task is a registered job, each runs once per interval, two schedulers never double one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from matchmaker.jobs import (
    catalog,  # noqa: F401  (fills the registry)
    scheduler,
)
from matchmaker.jobs.queue import SyncQueue
from matchmaker.jobs.registry import REGISTRY
from matchmaker.models import ScheduledTask, utcnow

pytestmark = pytest.mark.db

EVERYTHING = {"offers.expire", "deadlines.remind", "digests.daily", "digests.weekly", "privacy.daily"}


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []

    def enqueue(self, name: str, **kwargs) -> str:
        self.calls.append((name, kwargs))
        return str(len(self.calls))


def test_every_task_runs_a_registered_job() -> None:
    assert EVERYTHING <= set(scheduler.BY_NAME)
    assert all(task.job in REGISTRY for task in scheduler.TASKS)
    assert scheduler.RUN_JOB in REGISTRY


def test_each_task_once_per_interval(session_factory) -> None:
    now = utcnow()
    queue = Recorder()
    assert set(scheduler.tick(session_factory, queue, now)) == set(scheduler.BY_NAME)
    assert all(name == scheduler.RUN_JOB for name, _ in queue.calls)
    assert scheduler.tick(session_factory, queue, now + timedelta(minutes=30)) == []
    hourly = {t.name for t in scheduler.TASKS if t.every <= timedelta(hours=1)}
    assert set(scheduler.tick(session_factory, queue, now + timedelta(hours=1))) == hourly
    daily = set(scheduler.tick(session_factory, queue, now + timedelta(days=1, hours=1)))
    assert "digests.daily" in daily and "privacy.daily" in daily and "digests.weekly" not in daily
    assert "digests.weekly" in scheduler.tick(session_factory, queue, now + timedelta(days=7, hours=1))


def test_two_schedulers_never_claim_the_same_run(session_factory) -> None:
    now = utcnow()
    first = scheduler.claim_due(session_factory, now)
    second = scheduler.claim_due(session_factory, now)
    assert len(first) == len(scheduler.TASKS) and second == []


def test_a_tick_runs_the_jobs_and_records_how_they_ended(session_factory, db_session) -> None:
    names = scheduler.tick(session_factory, SyncQueue(session_factory))
    assert set(names) == set(scheduler.BY_NAME)
    db_session.expire_all()
    rows = {r.name: r for r in db_session.scalars(select(ScheduledTask))}
    assert all(rows[name].last_finished_at is not None and rows[name].runs == 1 for name in names)
    assert rows["privacy.daily"].last_result.startswith("{")  # the job's own summary


def test_the_loop_stops_when_told(session_factory) -> None:
    import threading

    stop = threading.Event()
    queue = Recorder()

    class StopAfterOne(Recorder):
        def enqueue(self, name: str, **kwargs) -> str:
            stop.set()
            return queue.enqueue(name, **kwargs)

    scheduler.run_forever(session_factory, StopAfterOne(), stop, poll=0.01)
    assert len(queue.calls) == 1 or len(queue.calls) == len(scheduler.TASKS)
