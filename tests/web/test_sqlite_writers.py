"""The SQLite demo with 20 simultaneous writers: no 503, nothing lost (web/sqlite_retry.py)."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from matchmaker.models import Base, Role, StudentProfile, User
from matchmaker.models.database import make_engine, make_session_factory
from tests.conftest import PASSWORD, Factory, make_test_app

WRITERS = 20
ROUNDS = 6


def test_twenty_concurrent_writers_on_sqlite_get_no_503_and_lose_nothing(tmp_path) -> None:
    url = "sqlite:///" + str(tmp_path / "demo.sqlite")
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    with make_session_factory(engine)() as session:
        factory = Factory(session)
        students = [factory.user(Role.STUDENT, email=f"w{n}@example.org") for n in range(WRITERS)]
        session.commit()
        emails = [s.email for s in students]
    app = make_test_app(url, RATELIMIT_ENABLED=False)
    statuses: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(WRITERS)

    def writer(email: str) -> None:
        client = app.test_client()
        start.wait()
        for n in range(ROUNDS):
            # Each login reads the user and then writes last_login: the pattern that met "database is locked".
            login = client.post("/login", data={"email": email, "password": PASSWORD})
            saved = client.post("/student/profile", data={"name": f"{email} {n}", "study_mode": "campus"})
            with lock:
                statuses.extend([login.status_code, saved.status_code])
            client.post("/logout")

    threads = [threading.Thread(target=writer, args=(e,)) for e in emails]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert len(statuses) == WRITERS * ROUNDS * 2
    assert statuses.count(503) == 0, f"{statuses.count(503)} of {len(statuses)} writes answered 503"
    assert set(statuses) == {302}
    with make_session_factory(engine)() as session:
        names = set(session.scalars(select(StudentProfile.name)))
        assert {f"{e} {ROUNDS - 1}" for e in emails} <= names  # every student's last acknowledged save is there
        assert session.scalar(select(func.count(User.id)).where(User.last_login_at.is_not(None))) == WRITERS
    engine.dispose()
