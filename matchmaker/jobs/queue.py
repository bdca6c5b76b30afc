"""The job queue: work that outlives a request (matching runs, mail).

Three backends behind one `enqueue(name, **kwargs)`:
- "thread": an in-process worker thread (the demo, one process, no Redis);
- "rq": RQ on Redis (production: start any number of `matchmaker worker` processes on any machine);
- "sync": runs the job at once in the caller's thread (tests).
Jobs are plain functions `fn(session, **kwargs)` registered by name; kwargs must be JSON-like values.
Always enqueue after the request's commit, so the job sees the data it needs.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable
from typing import Any, Protocol

from sqlalchemy.orm import Session, sessionmaker

from matchmaker.core.mail import SEND_JOB, send_after_commit
from matchmaker.jobs.registry import REGISTRY
from matchmaker.models.database import WRITE_INTENT

log = logging.getLogger(__name__)


def run_job(factory: sessionmaker[Session], name: str, kwargs: dict[str, Any],
            send_mail: Callable[[], object] | None = None) -> Any:
    """Run one job in its own session and commit; roll back and re-raise on failure.

    `send_mail` runs after a commit that wrote outbox rows (see core/mail.py), so mail a job writes is sent too.
    """
    # Importing the catalogue fills the registry (needed in fresh worker processes).
    from matchmaker.jobs import catalog  # noqa: F401

    fn = REGISTRY.get(name)
    if fn is None:
        raise LookupError(f"unknown job {name!r}")
    intent = WRITE_INTENT.set(True)  # a job writes: on SQLite it takes the write lock first (models/database.py)
    try:
        return _run(factory, fn, kwargs, send_mail)
    finally:
        WRITE_INTENT.reset(intent)


def _run(factory: sessionmaker[Session], fn: Callable[..., Any], kwargs: dict[str, Any],
         send_mail: Callable[[], object] | None) -> Any:
    with factory() as session:
        if send_mail is not None:
            send_after_commit(session, send_mail)
        try:
            result = fn(session, **kwargs)
            session.commit()
            return result
        except BaseException:
            session.rollback()
            raise


class Queue(Protocol):
    """What the web layer and services need from a queue."""

    def enqueue(self, name: str, **kwargs: Any) -> str: ...


class SyncQueue:
    """Runs each job immediately in the caller's thread."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self.factory = factory
        self.count = 0

    def enqueue(self, name: str, **kwargs: Any) -> str:
        self.count += 1
        run_job(self.factory, name, kwargs, lambda: self.enqueue(SEND_JOB))
        return f"sync-{self.count}"


class ThreadQueue:
    """A single in-process worker thread, started on first use."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self.factory = factory
        self._queue: queue.Queue[tuple[str, dict[str, Any]]] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._count = 0

    def enqueue(self, name: str, **kwargs: Any) -> str:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="matchmaker-worker", daemon=True)
                self._thread.start()
            self._count += 1
            job_id = f"thread-{self._count}"
        self._queue.put((name, kwargs))
        return job_id

    def join(self) -> None:
        """Wait until every queued job has run (tests and shutdown)."""
        self._queue.join()

    def _work(self) -> None:
        while True:
            name, kwargs = self._queue.get()
            try:
                run_job(self.factory, name, kwargs, lambda: self.enqueue(SEND_JOB))
            except Exception:  # a failed job must not kill the worker; the job records its own failure
                log.exception("job %s failed", name)
            finally:
                self._queue.task_done()


class RQQueue:
    """Jobs go to Redis; `matchmaker worker` processes run them."""

    def __init__(self, redis_url: str, database_url: str, name: str = "matchmaker") -> None:
        from redis import Redis
        from rq import Queue as RQ

        self.database_url = database_url
        self._rq = RQ(name, connection=Redis.from_url(redis_url))

    def enqueue(self, name: str, **kwargs: Any) -> str:
        rq_job = self._rq.enqueue(
            execute, name, kwargs, self.database_url, job_timeout=3600, result_ttl=86400, failure_ttl=7 * 86400
        )
        return str(rq_job.id)


_worker_factories: dict[str, sessionmaker[Session]] = {}


def execute(name: str, kwargs: dict[str, Any], database_url: str | None = None) -> Any:
    """Entry point of RQ workers: run a job against the configured database."""
    from matchmaker.models.database import make_engine, make_session_factory

    url = database_url or os.environ["MATCHMAKER_DATABASE_URL"]
    if url not in _worker_factories:
        _worker_factories[url] = make_session_factory(make_engine(url))
    factory = _worker_factories[url]

    def send_mail() -> None:
        from rq import Queue as RQ
        from rq import get_current_job

        current = get_current_job()
        if current is None:  # called directly (a script, a test): send at once
            run_job(factory, SEND_JOB, {})
        else:  # back onto the queue this job came from
            RQ(current.origin, connection=current.connection).enqueue(
                execute, SEND_JOB, {}, url, job_timeout=3600, result_ttl=86400, failure_ttl=7 * 86400)

    return run_job(factory, name, kwargs, send_mail)


def make_queue(backend: str, factory: sessionmaker[Session], redis_url: str, database_url: str) -> Queue:
    """Build the queue for a backend name."""
    if backend == "sync":
        return SyncQueue(factory)
    if backend == "thread":
        return ThreadQueue(factory)
    if backend == "rq":
        return RQQueue(redis_url, database_url)
    raise ValueError(f"unknown queue backend {backend!r} (use thread, rq or sync)")
