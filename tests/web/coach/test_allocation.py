"""Allocation rounds through the web: coach set-up and run, student choices, employer ranking, publication."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from matchmaker.models import AllocationRound, OutboxMail, Placement, RoundStatus

pytestmark = pytest.mark.db
SOON = date.today() + timedelta(days=7)


def test_whole_round_through_the_pages(client, login, db_session, factory, people) -> None:
    program = factory.program()
    x1 = factory.offer(people["org_x"], title="X sommar", places=1)
    y1 = factory.offer(people["org_y"], title="Y sommar", places=1)
    a, b = people["student_a"], people["student_b"]
    for s in (a, b):
        s.student_profile.program_id = program.id
    db_session.flush()

    login(people["coach"])
    assert client.post("/coach/allocation", data={"name": "", "max_choices": "2"}).status_code == 400
    response = client.post("/coach/allocation", data={"name": "Sommar", "max_choices": "2"})
    assert response.status_code == 302
    found = db_session.scalar(select(AllocationRound))
    base = f"/coach/allocation/{found.id}"
    for offer in (x1, y1):
        assert client.post(f"{base}/add_offer", data={"offer": str(offer.id), "places": ""}).status_code == 302
    refused = client.post(f"{base}/add_offer", data={"offer": str(x1.id)})
    assert refused.status_code == 400 and "finns redan i rundan" in refused.get_data(as_text=True)
    assert client.post(f"{base}/add_program", data={"program": str(program.id)}).status_code == 302
    assert client.post(f"{base}/open").status_code == 400  # no ranking deadline
    assert client.post(f"{base}/open", data={"ranking_deadline": SOON.isoformat()}).status_code == 302
    assert client.post(f"{base}/nonsense").status_code == 404
    client.post("/logout")

    # Both students want X first; X prefers B, so A gets Y.
    for student in (a, b):
        login(student)
        page = client.get(f"/student/allocation/{found.id}")
        assert page.status_code == 200 and "X sommar" in page.get_data(as_text=True)
        dup = client.post(f"/student/allocation/{found.id}", data={"choice-1": str(x1.id), "choice-2": str(x1.id)})
        assert dup.status_code == 400 and "ett erbjudande är valt två gånger" in dup.get_data(as_text=True)
        saved = client.post(f"/student/allocation/{found.id}", data={"choice-1": str(x1.id), "choice-2": str(y1.id)})
        assert saved.status_code == 302
        client.post("/logout")

    login(people["employer_x"])
    page = client.get(f"/employer/allocation/{found.id}").get_data(as_text=True)
    assert a.student_profile.name in page and "Y sommar" not in page
    same = client.post(f"/employer/allocation/{found.id}", data={
        "offer": str(x1.id), f"rank-{a.student_profile.id}": "1", f"rank-{b.student_profile.id}": "1"})
    assert same.status_code == 400
    ok = client.post(f"/employer/allocation/{found.id}", data={
        "offer": str(x1.id), f"rank-{a.student_profile.id}": "2", f"rank-{b.student_profile.id}": "1"})
    assert ok.status_code == 302
    assert client.post(f"/employer/allocation/{found.id}", data={"offer": str(y1.id)}).status_code == 404
    client.post("/logout")

    login(people["coach"])
    assert client.post(f"{base}/run").status_code == 302
    db_session.expire_all()
    allocated = {p.student_id: p.allocated_offer_id for p in db_session.get(AllocationRound, found.id).participants}
    assert allocated == {a.student_profile.id: y1.id, b.student_profile.id: x1.id}
    page = client.get(base).get_data(as_text=True)
    assert "Stabil" in page
    # Unassign A: the page now shows A unplaced, Y's place unfilled and a blocking pair.
    assert client.post(f"{base}/move", data={"student": str(a.student_profile.id), "offer": ""}).status_code == 302
    page = client.get(base).get_data(as_text=True)
    assert "Inte stabil: 1 par" in page
    full = client.post(f"{base}/move", data={"student": str(a.student_profile.id), "offer": str(x1.id)})
    assert full.status_code == 400 and "har ingen ledig plats" in full.get_data(as_text=True)
    assert client.post(f"{base}/run").status_code == 302
    assert client.get(f"{base}/publish/confirm").status_code == 200
    assert client.post(f"{base}/publish").headers["Location"].endswith("/publish/confirm")  # not confirmed
    assert db_session.get(AllocationRound, found.id).status == RoundStatus.ALLOCATED
    assert client.post(f"{base}/publish", data={"confirm": "yes"}).status_code == 302
    db_session.expire_all()
    assert db_session.get(AllocationRound, found.id).status == RoundStatus.PUBLISHED
    assert {(p.student_id, p.offer_id) for p in db_session.scalars(select(Placement))} == {
        (a.student_profile.id, y1.id), (b.student_profile.id, x1.id)}
    to = {m.to_address for m in db_session.scalars(select(OutboxMail))}
    assert to == {a.email, b.email, people["employer_x"].email, people["employer_y"].email}
    client.post("/logout")

    login(a)
    page = client.get(f"/student/allocation/{found.id}").get_data(as_text=True)
    assert "Du har fått en plats: Y sommar" in page
    assert "Y sommar" in client.get("/student/placements").get_data(as_text=True)
    client.post("/logout")
    login(people["employer_y"])
    page = client.get(f"/employer/allocation/{found.id}").get_data(as_text=True)
    assert a.student_profile.name in page
    assert a.student_profile.name in client.get("/employer/placements").get_data(as_text=True)
