"""The expiry job: published offers past their deadline expire, the others stay, the run is audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from matchmaker.jobs import queue as jobs
from matchmaker.models import AuditEvent, OfferStatus

pytestmark = pytest.mark.db


def test_expiry_job_expires_published_offers_past_deadline(factory, db_session, session_factory) -> None:
    old = factory.offer(application_deadline=date.today() - timedelta(days=1))
    fresh = factory.offer(application_deadline=date.today())
    draft = factory.offer(status=OfferStatus.DRAFT, application_deadline=date.today() - timedelta(days=5))
    db_session.commit()
    jobs.make_queue("sync", session_factory, "", "").enqueue("offers.expire")
    for o in (old, fresh, draft):
        db_session.refresh(o)
    assert old.status == OfferStatus.EXPIRED
    assert fresh.status == OfferStatus.PUBLISHED and draft.status == OfferStatus.DRAFT
    event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "offers.expire"))
    assert old.id in event.details["offer_ids"]
