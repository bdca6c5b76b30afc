"""Absolute links in mail come from MATCHMAKER_PUBLIC_URL, never from the request's Host header."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from matchmaker.models import OutboxMail
from matchmaker.web import create_app
from matchmaker.web.config import ConfigError
from tests.conftest import make_test_app

pytestmark = pytest.mark.db


def test_production_refuses_to_start_without_a_public_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MATCHMAKER_ENV", "production")
    monkeypatch.setenv("MATCHMAKER_SECRET_KEY", "s3cret-for-this-test")
    monkeypatch.delenv("MATCHMAKER_PUBLIC_URL", raising=False)
    with pytest.raises(ConfigError, match="MATCHMAKER_PUBLIC_URL"):
        create_app()


def test_a_reset_link_asked_for_with_a_forged_host_points_at_the_public_url(database_url, session_factory, factory,
                                                                            db_session) -> None:
    user = factory.student(email="reset-me@example.org")
    app = make_test_app(database_url, session_factory, PUBLIC_URL="https://matchmaker.example.org/")
    response = app.test_client().post("/password/forgot", data={"email": user.email},
                                      headers={"Host": "evil.example"})
    assert response.status_code == 302
    [mail] = db_session.scalars(select(OutboxMail).where(OutboxMail.to_address == user.email)).all()
    assert "https://matchmaker.example.org/password/reset/" in mail.body
    assert "evil.example" not in mail.body
