"""A coach cancels a matching run on its page: a stuck one stops blocking, a running one stops, old results stay
current."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from matchmaker.matching import Ranker
from matchmaker.models import AuditEvent, MatchRun, MatchSuggestion, RunStatus, utcnow
from matchmaker.services.matching_runs import execution
from matchmaker.services.matching_runs import runs as matching_runs
from tests.fixtures.matching_runs import start_run

pytestmark = pytest.mark.db


@pytest.fixture
def world(matching_world: dict[str, Any]) -> dict[str, Any]:
    """The students and offers of tests/fixtures/matching_runs.py."""
    return matching_world


def _cancel(client, run_id: int):
    return client.post(f"/coach/matching/runs/{run_id}/cancel")


def test_a_stuck_run_is_cancelled_and_a_new_run_can_start(client, coach, world, db_session) -> None:
    stuck = MatchRun(status=RunStatus.RUNNING, started_at=utcnow(), progress_total=3, progress_done=1)
    db_session.add(stuck)
    db_session.flush()
    html = client.get("/coach/matching").get_data(as_text=True)
    assert "Cancel this run" in html
    start_run(client)
    assert db_session.scalar(select(func.count(MatchRun.id))) == 1  # refused while the stuck run is active
    response = _cancel(client, stuck.id)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/coach/matching/runs/{stuck.id}")
    db_session.refresh(stuck)
    assert stuck.status == RunStatus.FAILED and stuck.error == matching_runs.CANCELLED
    assert stuck.finished_at is not None
    event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "matching.run_cancelled"))
    assert event.actor_id == coach.id and event.object_id == str(stuck.id)
    page = client.get(f"/coach/matching/runs/{stuck.id}").get_data(as_text=True)
    assert "The matching run was cancelled. The previous results are still shown." in page
    assert "A coach cancelled this run" in page and "Cancel this run" not in page
    assert "<td>Cancelled</td>" in client.get("/coach/matching/runs").get_data(as_text=True)  # history says so
    start_run(client)
    assert matching_runs.current_run(db_session).status == RunStatus.SUCCEEDED


def test_cancelling_a_running_run_stops_it_and_keeps_the_previous_results(client, coach, world, db_session,
                                                                         monkeypatch) -> None:
    start_run(client)
    old = matching_runs.current_run(db_session)
    old_matches = set(db_session.scalars(select(MatchSuggestion.id).where(MatchSuggestion.run_id == old.id)))
    monkeypatch.setattr(execution, "MIN_CHUNK", 1)
    monkeypatch.setattr(execution, "PROGRESS_STEPS", 3)
    real, seen = Ranker.top_k_all, []

    def cancelled_after_first_student(self, students, **kw):
        for n, item in enumerate(real(self, students, **kw)):
            seen.append(item[0])
            if n == 1:  # the coach presses cancel while the second chunk is being written
                run = db_session.scalar(select(MatchRun).where(MatchRun.status == RunStatus.RUNNING))
                matching_runs.cancel_run(db_session, coach, run.id)
            yield item

    monkeypatch.setattr(Ranker, "top_k_all", cancelled_after_first_student)
    start_run(client)
    db_session.expire_all()
    new = db_session.scalar(select(MatchRun).order_by(MatchRun.id.desc()))
    assert new.id != old.id and new.status == RunStatus.FAILED and new.error == matching_runs.CANCELLED
    assert len(seen) == 2  # stopped at the next progress commit, not run to the end
    assert new.progress_done == 2 and not new.is_current
    assert db_session.scalar(select(func.count(MatchSuggestion.id)).where(MatchSuggestion.run_id == new.id)) == 0
    assert matching_runs.current_run(db_session).id == old.id
    assert set(db_session.scalars(select(MatchSuggestion.id).where(MatchSuggestion.run_id == old.id))) == old_matches
    html = client.get("/coach/matching").get_data(as_text=True)
    assert "The latest run was cancelled; the previous results are still shown." in html


def test_a_finished_or_unknown_run_cannot_be_cancelled(client, coach, world, db_session) -> None:
    start_run(client)
    done = matching_runs.current_run(db_session)
    response = _cancel(client, done.id)
    assert response.status_code == 302
    assert "This run is no longer in progress." in client.get(response.headers["Location"]).get_data(as_text=True)
    db_session.refresh(done)
    assert done.status == RunStatus.SUCCEEDED and done.is_current
    assert _cancel(client, done.id + 100).status_code == 404
