"""Placements on the pages: the coach marks completion and staying in the region, CSV; feedback from the student and
the employer."""

from __future__ import annotations

from typing import Any

import pytest

from matchmaker.models import Placement

pytestmark = pytest.mark.db


@pytest.fixture
def placed(placements_of_two_students: dict[str, Any]) -> dict[str, Any]:
    """The two placements of tests/fixtures/placements.py."""
    return placements_of_two_students


def test_coach_marks_completed_and_region(client, login, db_session, placed, people) -> None:
    login(people["coach"])
    page = client.get("/coach/placements?term=HT2026")
    assert page.status_code == 200 and "X praktik" in page.get_data(as_text=True)
    assert "Y praktik" not in page.get_data(as_text=True)
    pid = placed["a"].id
    response = client.post(f"/coach/placements/{pid}/completed?term=HT2026", data={"completed": "yes"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/coach/placements?term=HT2026")
    assert client.post(f"/coach/placements/{pid}/completed", data={"completed": "maybe"}).status_code == 400
    assert client.post(f"/coach/placements/{pid}/region", data={"stayed": "no"}).status_code == 302
    db_session.expire_all()
    row = db_session.get(Placement, pid)
    assert row.completed and row.completed_at is not None and row.stayed_in_region is False
    client.post(f"/coach/placements/{pid}/region", data={"stayed": "unknown"})
    db_session.expire_all()
    assert db_session.get(Placement, pid).stayed_in_region is None
    assert client.post("/coach/placements/999999/region", data={"stayed": "no"}).status_code == 404
    csv_body = client.get("/coach/placements.csv?term=HT2026").data.decode("utf-8-sig")
    assert csv_body.splitlines()[0].startswith("placement_id,") and len(csv_body.splitlines()) == 2


def test_feedback_pages(client, login, db_session, placed, people) -> None:
    login(people["student_a"])
    bad = client.post(f"/student/placements/{placed['a'].id}/feedback", data={"rating": "9"})
    assert bad.status_code == 400 and "måste vara mellan 1 och 5" in bad.get_data(as_text=True)
    assert client.post(f"/student/placements/{placed['b'].id}/feedback",
                       data={"rating": "3", "would_recommend": "yes"}).status_code == 404
    assert client.post(f"/student/placements/{placed['a'].id}/feedback",
                       data={"rating": "3", "would_recommend": "no", "feedback": "Ok"}).status_code == 302
    client.post("/logout")
    login(people["employer_x"])
    assert "X praktik" in client.get("/employer/placements").get_data(as_text=True)
    assert client.post(f"/employer/placements/{placed['b'].id}/feedback",
                       data={"rating": "3", "hired": "yes"}).status_code == 404
    assert client.post(f"/employer/placements/{placed['a'].id}/feedback",
                       data={"rating": "4", "hired": "no"}).status_code == 302
    db_session.expire_all()
    row = db_session.get(Placement, placed["a"].id)
    assert (row.student_rating, row.student_would_recommend, row.employer_rating, row.hired_afterwards) == (
        3, False, 4, False)
