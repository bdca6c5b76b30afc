"""Placements and follow-up: completion, feedback from both sides, staying in the region, surviving deletion."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Placement
from matchmaker.services.accounts import privacy
from matchmaker.services.placements import placements

pytestmark = pytest.mark.db


@pytest.fixture
def placed(db_session, factory, people):
    program = factory.program()
    people["student_a"].student_profile.program_id = program.id
    offer_x = factory.offer(people["org_x"], title="X praktik")
    offer_y = factory.offer(people["org_y"], title="Y praktik")
    p_a = Placement(student_id=people["student_a"].student_profile.id, offer_id=offer_x.id, program_id=program.id,
                    period_start=date(2026, 8, 20), term="HT2026")
    p_b = Placement(student_id=people["student_b"].student_profile.id, offer_id=offer_y.id,
                    period_start=date(2026, 2, 1), term="VT2026", completed=True)
    db_session.add_all([p_a, p_b])
    db_session.flush()
    return {"a": p_a, "b": p_b, "program": program, "offer_x": offer_x}


def test_term_of() -> None:
    assert placements.term_of(date(2026, 6, 30)) == "VT2026"
    assert placements.term_of(date(2026, 7, 1)) == "HT2026"


def test_filters(db_session, placed, people) -> None:
    def ids(**kw):
        return [p.id for p in placements.list_placements(db_session, placements.PlacementFilter(**kw))]

    assert ids() == [placed["a"].id, placed["b"].id]
    assert ids(term="VT2026") == [placed["b"].id]
    assert ids(program_id=placed["program"].id) == [placed["a"].id]
    assert ids(organization_id=people["org_y"].id) == [placed["b"].id]
    assert ids(completed="yes") == [placed["b"].id] and ids(completed="no") == [placed["a"].id]
    assert ids(kind="internship") == []
    assert placements.terms(db_session) == ["HT2026", "VT2026"]


def test_student_feedback_only_on_own_placement(db_session, placed, people) -> None:
    a, b = people["student_a"].student_profile, people["student_b"].student_profile
    with pytest.raises(ValidationError) as caught:
        placements.student_feedback(db_session, a, placed["a"].id, 6, None, "")
    assert caught.value.errors == {"rating": "must be between 1 and 5", "would_recommend": "is required"}
    with pytest.raises(NotFound):
        placements.student_feedback(db_session, b, placed["a"].id, 4, True, "")
    placements.student_feedback(db_session, a, placed["a"].id, 4, True, " Bra handledning ")
    assert (placed["a"].student_rating, placed["a"].student_would_recommend, placed["a"].student_feedback) == (
        4, True, "Bra handledning")


def test_employer_feedback_only_on_own_organisation(db_session, placed, people) -> None:
    with pytest.raises(NotFound):
        placements.employer_feedback(db_session, people["employer_y"], people["org_y"].id, placed["a"].id, 5, True, "")
    with pytest.raises(ValidationError):
        placements.employer_feedback(db_session, people["employer_x"], people["org_x"].id, placed["a"].id, 0, None, "")
    placements.employer_feedback(db_session, people["employer_x"], people["org_x"].id, placed["a"].id, 5, True, "")
    assert (placed["a"].employer_rating, placed["a"].hired_afterwards) == (5, True)


def test_placement_survives_the_students_account_deletion(db_session, placed, people) -> None:
    privacy.erase_student(db_session, people["student_a"])
    db_session.flush()
    db_session.expire_all()
    row = db_session.scalar(select(Placement).where(Placement.id == placed["a"].id))
    assert row.student_id is None and row.program_id == placed["program"].id and row.term == "HT2026"


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
