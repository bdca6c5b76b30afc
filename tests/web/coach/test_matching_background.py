"""With the in-process thread queue, a matching run does not hold up requests: pages answer while it runs."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from matchmaker.matching import Ranker
from matchmaker.models import Base, MatchRun, OfferStatus, Role, RunStatus
from matchmaker.models.database import make_engine, make_session_factory
from tests.conftest import PASSWORD, Factory, make_test_app

pytestmark = pytest.mark.db


def test_pages_answer_while_a_run_is_in_the_background(tmp_path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'bg.sqlite'}"
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    factory = make_session_factory(engine)
    with factory() as session:
        make = Factory(session)
        coach = make.user(Role.COACH)
        make.student(about="Python och webbtjänster")
        make.offer(title="Webbtjänster i Python", status=OfferStatus.PUBLISHED)
        session.commit()
        email = coach.email

    release, started = threading.Event(), threading.Event()
    real = Ranker.top_k_all

    def held(self, students, **kw):
        started.set()
        assert release.wait(30), "test never released the run"
        yield from real(self, students, **kw)

    monkeypatch.setattr(Ranker, "top_k_all", held)
    app = make_test_app(url, QUEUE_BACKEND="thread")
    client = app.test_client()
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    try:
        response = client.post("/coach/matching/runs", data={"k": 5, "threshold": "0.2"})
        assert response.status_code == 302  # answered although the run cannot finish yet
        assert started.wait(30)
        page = client.get(response.headers["Location"])
        assert page.status_code == 200 and 'http-equiv="refresh"' in page.get_data(as_text=True)
        assert client.get("/coach/review").status_code == 200
        with factory() as session:
            assert session.scalar(select(MatchRun.status)) == RunStatus.RUNNING
    finally:
        release.set()
        app.extensions["matchmaker.queue"].join()
    with factory() as session:
        run = session.scalar(select(MatchRun))
        assert run.status == RunStatus.SUCCEEDED and run.is_current
    app.extensions["matchmaker.db"]["engine"].dispose()
    engine.dispose()
