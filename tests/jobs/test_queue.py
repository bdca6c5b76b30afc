"""The job queue: inline, in-process thread, and RQ on a real Redis."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import select

from matchmaker.core import mail
from matchmaker.jobs import queue as jobs
from matchmaker.jobs.registry import job
from matchmaker.models import AuditEvent, OutboxMail
from matchmaker.models.database import make_engine, make_session_factory

pytestmark = pytest.mark.db


@job("test.audit")
def _audit_job(session, marker: str) -> str:
    session.add(AuditEvent(action="test.job", object_type="test", object_id=marker))
    session.flush()
    return marker


def test_sync_queue_runs_and_commits(session_factory, db_session) -> None:
    queue = jobs.make_queue("sync", session_factory, "", "")
    queue.enqueue("test.audit", marker="m1")
    assert db_session.scalar(select(AuditEvent).where(AuditEvent.object_id == "m1")) is not None


def test_unknown_backend_is_refused(session_factory) -> None:
    with pytest.raises(ValueError, match="unknown queue backend"):
        jobs.make_queue("carrier-pigeon", session_factory, "", "")


def test_thread_queue_runs_jobs_in_the_background(tmp_path) -> None:
    from matchmaker.models import Base

    engine = make_engine(f"sqlite:///{tmp_path / 'q.sqlite'}")
    Base.metadata.create_all(engine)
    factory = make_session_factory(engine)
    queue = jobs.ThreadQueue(factory)
    for i in range(5):
        queue.enqueue("test.audit", marker=f"t{i}")
    queue.enqueue("no.such.job")  # a failing job must not stop the worker
    queue.enqueue("test.audit", marker="after-failure")
    queue.join()
    with factory() as session:
        markers = set(session.scalars(select(AuditEvent.object_id)))
    engine.dispose()
    assert markers == {"t0", "t1", "t2", "t3", "t4", "after-failure"}


def test_rq_queue_round_trip_through_redis(tmp_path) -> None:
    from redis import Redis
    from rq import SimpleWorker

    from matchmaker.models import Base

    url = os.environ.get("MATCHMAKER_TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'rq.sqlite'}"
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    queue = jobs.RQQueue("redis://127.0.0.1:6379/15", url, name=f"test-{uuid.uuid4().hex[:6]}")
    marker = uuid.uuid4().hex[:12]
    queue.enqueue("mail.send_pending")
    queue.enqueue("test.audit", marker=marker)
    worker = SimpleWorker([queue._rq], connection=Redis.from_url("redis://127.0.0.1:6379/15"))
    worker.work(burst=True)
    factory = make_session_factory(engine)
    with factory() as session:
        found = session.scalar(select(AuditEvent).where(AuditEvent.object_id == marker))
        assert found is not None
        session.delete(found)
        session.commit()
    engine.dispose()


def test_outbox_mail_is_sent_by_the_job(session_factory, db_session, capsys) -> None:
    mail.queue_mail(db_session, "someone@example.org", "Hej", "Body text")
    db_session.commit()
    jobs.make_queue("sync", session_factory, "", "").enqueue("mail.send_pending")
    db_session.expire_all()
    sent = db_session.scalar(select(OutboxMail).where(OutboxMail.to_address == "someone@example.org"))
    assert sent.sent_at is not None and sent.attempts == 1
    assert "mail to someone@example.org" in capsys.readouterr().out
