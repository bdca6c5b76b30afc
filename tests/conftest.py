"""Shared fixtures: app, client, runner, a per-test rolled-back database, factories and a login helper.

Tests run on SQLite by default and on PostgreSQL when MATCHMAKER_TEST_DATABASE_URL is set
(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test). Each test runs inside a transaction
that is rolled back afterwards; the app's own commits become savepoints inside it.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session, sessionmaker

from matchmaker.core.passwords import hash_password, use_fast_hashing
from matchmaker.core.validation import org_number_with_check_digit
from matchmaker.models import (
    Base,
    Municipality,
    Offer,
    OfferKind,
    OfferStatus,
    Organization,
    ProgramLevel,
    Role,
    Sector,
    StudentProfile,
    StudyProgram,
    User,
)
from matchmaker.models.database import make_engine
from matchmaker.services.ranking.index import OfferIndex
from matchmaker.web import create_app
from matchmaker.web.extensions import db

# Shared test data that tests in several folders use (see tests/fixtures/__init__.py).
pytest_plugins = [
    "tests.fixtures.conversations",
    "tests.fixtures.employers",
    "tests.fixtures.events",
    "tests.fixtures.karriarsok",
    "tests.fixtures.matching_runs",
    "tests.fixtures.people",
    "tests.fixtures.placements",
    "tests.fixtures.reports",
]

PASSWORD = "correct-horse-battery"
TEST_DATABASE_URL = os.environ.get("MATCHMAKER_TEST_DATABASE_URL", "")

use_fast_hashing()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The test database: PostgreSQL when configured, else a SQLite file."""
    return TEST_DATABASE_URL or "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite")


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on a fresh schema built from the models."""
    eng = make_engine(database_url)
    Base.metadata.drop_all(eng)
    Base.metadata.create_all(eng)
    yield eng
    Base.metadata.drop_all(eng)
    eng.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """A connection in an outer transaction that is rolled back after the test."""
    conn = engine.connect()
    outer = conn.begin()
    yield conn
    if outer.is_active:
        outer.rollback()
    conn.close()


@pytest.fixture
def session_factory(connection: Connection) -> sessionmaker[Session]:
    """Sessions bound to the test's connection; their commits are savepoints."""
    return sessionmaker(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)


@pytest.fixture
def db_session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session for arranging and checking data."""
    session = session_factory()
    yield session
    session.close()


def make_test_app(database_url: str, factory: sessionmaker[Session] | None = None, **overrides: Any) -> Flask:
    """An app in testing mode; with `factory`, its sessions join the test's transaction."""
    config = {
        "ENV": "testing",
        "DATABASE_URL": database_url,
        "WTF_CSRF_ENABLED": False,
        "QUEUE_BACKEND": "sync",
        "SECRET_KEY": "test-secret",
        "INDEX_BACKGROUND_REFIT": False,
        "INDEX_CHECK_SECONDS": 0.0,  # a test sees its own changes at once
        "INDEX_REFIT_CHANGES": 1,
    }
    config.update(overrides)
    app = create_app(config)
    if factory is not None:
        db.use_session_factory(app, factory)
    return app


@pytest.fixture
def app(database_url: str, session_factory: sessionmaker[Session]) -> Flask:
    """The app under test (CSRF off here; tests/security/test_csrf.py turns it on)."""
    return make_test_app(database_url, session_factory)


@pytest.fixture
def offer_index() -> OfferIndex:
    """A fresh offer index for calling ranking services directly (refits inline: see make_test_app)."""
    return OfferIndex(background_refit=False)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


_seq = itertools.count(1)


class Factory:
    """Creates valid objects with sensible defaults; every call flushes."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._hash = hash_password(PASSWORD)

    def _n(self) -> int:
        return next(_seq)

    def program(self, slug: str | None = None, **kw: Any) -> StudyProgram:
        slug = slug or f"program-{self._n()}"
        existing = self.session.scalar(select(StudyProgram).where(StudyProgram.slug == slug))
        if existing:
            return existing
        kw.setdefault("name_sv", f"Program {slug}")
        kw.setdefault("name_en", f"Programme {slug}")
        kw.setdefault("level", ProgramLevel.BACHELOR)
        obj = StudyProgram(slug=slug, **kw)
        self.session.add(obj)
        self.session.flush()
        return obj

    def municipality(self, name: str | None = None, county: str = "Västernorrlands län", **kw: Any) -> Municipality:
        n = self._n()
        name = name or f"Kommun {n}"
        existing = self.session.scalar(select(Municipality).where(Municipality.name == name))
        if existing:
            return existing
        obj = Municipality(code=kw.pop("code", f"{9000 + n % 999:04d}"), name=name, county=county, **kw)
        self.session.add(obj)
        self.session.flush()
        return obj

    def organization(self, name: str | None = None, **kw: Any) -> Organization:
        n = self._n()
        kw.setdefault("org_number", org_number_with_check_digit(f"556{n:06d}"))
        kw.setdefault("sector", Sector.COMPANY)
        kw.setdefault("verified", True)
        obj = Organization(name=name or f"Företag {n} AB", **kw)
        self.session.add(obj)
        self.session.flush()
        return obj

    def user(self, role: Role = Role.STUDENT, email: str | None = None, **kw: Any) -> User:
        n = self._n()
        kw.setdefault("display_name", f"{role.value.title()} {n}")
        if role == Role.EMPLOYER and "organization" not in kw and "organization_id" not in kw:
            kw["organization"] = self.organization()
        obj = User(email=email or f"{role.value}{n}@example.org", password_hash=self._hash, role=role, **kw)
        if role == Role.STUDENT:
            obj.student_profile = StudentProfile(name=kw["display_name"])
        self.session.add(obj)
        self.session.flush()
        return obj

    def student(self, email: str | None = None, **profile: Any) -> User:
        """A student user; keyword arguments set profile fields."""
        user = self.user(Role.STUDENT, email=email)
        assert user.student_profile is not None
        for key, value in profile.items():
            setattr(user.student_profile, key, value)
        self.session.flush()
        return user

    def offer(self, organization: Organization | None = None, **kw: Any) -> Offer:
        n = self._n()
        kw.setdefault("kind", OfferKind.DEGREE_PROJECT)
        kw.setdefault("title", f"Examensarbete {n}")
        kw.setdefault("description", "Ett examensarbete inom systemutveckling och dataanalys.")
        kw.setdefault("status", OfferStatus.PUBLISHED)
        kw.setdefault("application_deadline", date.today() + timedelta(days=30))
        obj = Offer(organization=organization or self.organization(), **kw)
        self.session.add(obj)
        self.session.flush()
        return obj


@pytest.fixture
def factory(db_session: Session) -> Factory:
    """Factories for users, organisations, offers and catalogues."""
    return Factory(db_session)


@pytest.fixture
def login(client: FlaskClient) -> Callable[..., Any]:
    """Log the test client in: login(user) or login("email", "password")."""

    def do_login(who: User | str, password: str = PASSWORD) -> Any:
        email = who.email if isinstance(who, User) else who
        response = client.post("/login", data={"email": email, "password": password})
        assert response.status_code == 302, f"login failed for {email}: {response.status_code}"
        return response

    return do_login
