"""Mentoring on the pages: the coach creates a programme (errors on the field), a mentor registers (capacity 0 is
refused on the field), a student applies, the coach matches with reasons and publishes, the pair checks in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from matchmaker.models import Mentor, MentoringPair, MentoringProgramme, Notification, PairCheckIn, Role

pytestmark = pytest.mark.db


def test_programme_from_creation_to_follow_up(client, login, db_session, factory) -> None:
    program = factory.program()
    coach = factory.user(Role.COACH)
    mentor = factory.user(Role.EMPLOYER, display_name="Maria Mentor")
    student = factory.student(program=program, name="Nora Nilsson")
    today = date.today()
    form = {"title": "Mentorsprogram för vårdstudenter", "goals": "2 par, 50 % fullföljer",
            "period_start": str(today + timedelta(days=20)), "period_end": str(today + timedelta(days=120)),
            "matching_deadline": str(today + timedelta(days=10)), "target_pairs": "1", "target_completion": "50",
            "programs": [str(program.id)]}
    login(coach)
    bad = client.post("/coach/mentoring/new", data={**form, "period_end": str(today)})
    assert bad.status_code == 400 and "Perioden måste sluta efter att den börjar." in bad.get_data(as_text=True)
    assert db_session.scalar(select(func.count()).select_from(MentoringProgramme)) == 0
    assert client.post("/coach/mentoring/new", data=form).status_code == 302
    programme = db_session.scalar(select(MentoringProgramme))
    client.post("/logout")

    login(mentor)
    assert "Mentorsprogram för vårdstudenter" in client.get("/employer/mentoring").get_data(as_text=True)
    url = f"/employer/mentoring/{programme.id}"
    zero = client.post(url, data={"expertise": "Sjuksköterska i hemsjukvården", "capacity": "0"})
    assert zero.status_code == 400 and 'id="capacity-error"' in zero.get_data(as_text=True)
    assert db_session.scalar(select(func.count()).select_from(Mentor)) == 0
    assert client.post(url, data={"expertise": "Sjuksköterska i hemsjukvården", "capacity": "2"}).status_code == 302
    client.post("/logout")

    login(student)
    assert client.post(f"/student/mentoring/{programme.id}", data={"goals": ""}).status_code == 400
    assert client.post(f"/student/mentoring/{programme.id}",
                       data={"goals": "Jag vill bli sjuksköterska i hemsjukvården"}).status_code == 302
    client.post("/logout")

    login(coach)
    assert client.post(f"/coach/mentoring/{programme.id}/match", data={"mode": "sometimes"}).status_code == 400
    assert client.post(f"/coach/mentoring/{programme.id}/match", data={"mode": "stable"}).status_code == 302
    page = client.get(f"/coach/mentoring/{programme.id}").get_data(as_text=True)
    assert "Maria Mentor" in page and "hemsjukvård" in page  # the pair and a reason
    assert client.post(f"/coach/mentoring/{programme.id}/publish").status_code == 302
    assert db_session.scalar(select(func.count()).select_from(Notification).where(
        Notification.kind == "mentoring.paired")) == 2
    client.post("/logout")

    login(student)
    pair = db_session.scalar(select(MentoringPair))
    assert "Maria Mentor" in client.get("/student/mentoring").get_data(as_text=True)
    client.post(f"/student/mentoring/pairs/{pair.id}/check-in",
                data={"kind": "final", "happened_on": str(today), "rating": "4", "note": "Bra"})
    assert db_session.scalar(select(func.count()).select_from(PairCheckIn)) == 1
    client.post("/logout")
    login(coach)
    goals = client.get(f"/coach/mentoring/{programme.id}").get_data(as_text=True)
    assert "Mål mot utfall" in goals and "Uppfyllt" in goals


def test_goals_page_has_a_section_per_phase_with_goal_and_outcome(client, login, db_session, factory,
                                                                  fair_world) -> None:
    from matchmaker.services.events import registrations

    event = fair_world["event"]
    event.goal_attendance = 1
    sparse = factory.municipality(sparsely_populated=True)
    factory.organization(name="Glesbygd AB", municipality=sparse)
    fair_world["org_x"].municipality = sparse
    reg = registrations.register(db_session, fair_world["a"].student_profile, event)
    registrations.check_in(db_session, fair_world["coach"], event, reg.id, True)
    from matchmaker.services.events import exhibitors

    exhibitors.register_organization(db_session, fair_world["employer"], event, exhibitors.ExhibitorInput())
    db_session.flush()
    login(fair_world["coach"])
    html = client.get("/coach/follow-up").get_data(as_text=True)
    for heading in ("Attrahera", "Stimulera", "Behålla", "Utveckla"):
        assert heading in html
    row = html[html.index("Mötesplats Campus"):]
    row = row[:row.index("</tr>")]
    assert "Uppfyllt" in row and "1 av 1" in row
