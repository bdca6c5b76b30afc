"""Running a matching run: a run cancelled before the worker picks it up is skipped."""

from __future__ import annotations

from typing import Any

import pytest

from matchmaker.models import RunStatus
from matchmaker.services.matching_runs import execution
from matchmaker.services.matching_runs import runs as matching_runs

pytestmark = pytest.mark.db


@pytest.fixture
def world(matching_world: dict[str, Any]) -> dict[str, Any]:
    """The students and offers of tests/fixtures/matching_runs.py."""
    return matching_world


def test_a_run_cancelled_before_the_worker_picks_it_up_is_skipped(coach, world, db_session) -> None:
    run = matching_runs.start_run(db_session, coach)
    matching_runs.cancel_run(db_session, coach, run.id)
    db_session.commit()
    assert execution.run_matching(db_session, run.id) == {"status": "skipped"}
    db_session.refresh(run)
    assert run.status == RunStatus.FAILED and run.error == matching_runs.CANCELLED and run.started_at is None
