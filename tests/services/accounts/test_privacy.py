"""Privacy: inactive accounts are flagged after 24 months and unflagged on return; the daily job also purges spent
reset tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.models import OutboxMail, Role, utcnow
from matchmaker.services.accounts import privacy

pytestmark = pytest.mark.db


def _count(db_session, model, **where) -> int:
    query = select(func.count()).select_from(model)
    for key, value in where.items():
        query = query.where(getattr(model, key) == value)
    return db_session.scalar(query)


def test_flag_inactive_flags_after_24_months_and_unflags_on_return(factory, db_session) -> None:
    now = utcnow()
    old = factory.student(email="old-timer@example.org")
    old.last_login_at = now - timedelta(days=731)
    never = factory.user(Role.EMPLOYER)
    never.created_at = now - timedelta(days=800)
    recent = factory.student()
    recent.last_login_at = now - timedelta(days=700)
    coach = factory.user(Role.COACH)
    coach.created_at = now - timedelta(days=900)
    db_session.flush()
    result = privacy.flag_inactive(db_session, now)
    assert result["flagged"] >= 2
    assert old.flagged_for_deletion_at == now and never.flagged_for_deletion_at == now
    assert recent.flagged_for_deletion_at is None and coach.flagged_for_deletion_at is None
    assert _count(db_session, OutboxMail, to_address="old-timer@example.org") == 1
    # Running again flags nobody twice; a login clears the flag on the next run.
    assert privacy.flag_inactive(db_session, now)["flagged"] == 0
    old.last_login_at = now
    db_session.flush()
    assert privacy.flag_inactive(db_session, now)["unflagged"] == 1
    assert old.flagged_for_deletion_at is None


def test_daily_privacy_job_also_purges_spent_reset_tokens(factory, db_session, session_factory) -> None:
    from matchmaker.jobs.queue import run_job
    from matchmaker.models import PasswordResetToken
    from matchmaker.services.accounts import password_reset

    user = factory.student()
    live = password_reset.request_reset(db_session, user.email, lambda u, a, t: ("s", t))
    spent = password_reset.request_reset(db_session, user.email, lambda u, a, t: ("s", t))
    token = db_session.scalar(select(PasswordResetToken).where(
        PasswordResetToken.token_hash == password_reset.hash_token(spent)))
    token.expires_at = utcnow() - timedelta(minutes=1)
    db_session.commit()
    result = run_job(session_factory, "privacy.flag_inactive", {})
    assert result["reset_tokens_purged"] == 1
    assert password_reset.user_for_token(db_session, live) is not None
