"""Privacy on the student pages: the export of everything held about the student, and deleting the account."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from matchmaker.models import (
    AllocationParticipant,
    Application,
    ApplicationEvent,
    AuditEvent,
    DismissedOffer,
    Invitation,
    MatchSuggestion,
    OutboxMail,
    Placement,
    SavedSearch,
    StudentProfile,
    User,
)
from matchmaker.services.accounts import privacy
from tests.conftest import PASSWORD
from tests.fixtures.personal_data import full_student_data

pytestmark = pytest.mark.db


@pytest.fixture
def student_with_data(factory, db_session):
    program = factory.program()
    student = factory.student(about="Jag gillar <b>data</b>", skills=["python"], program=program)
    org = factory.organization()
    offer, other = factory.offer(org), factory.offer(org)
    data = full_student_data(db_session, student, offer, other)
    return student, data


def test_export_holds_every_kind_of_data_but_no_password_hash(client, login, student_with_data) -> None:
    student, data = student_with_data
    login(student)
    response = client.get("/student/export")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    raw = response.get_data(as_text=True)
    assert "password_hash" not in raw and student.password_hash not in raw
    export = json.loads(raw)
    assert set(privacy.EXPORT_SECTIONS) <= set(export)
    assert export["account"]["email"] == student.email
    assert export["profile"]["about"] == "Jag gillar <b>data</b>" and export["profile"]["program"]
    [application] = export["applications"]
    assert application["id"] == data.application_id and application["message"] == "Jag vill gärna!"
    assert application["events"][0]["to_status"] == "submitted"
    assert [i["id"] for i in export["invitations"]] == [data.invitation_id]
    assert [s["name"] for s in export["saved_searches"]] == ["Umeå data"]
    assert len(export["dismissed_offers"]) == 1
    [match] = export["matches"]
    assert match["score"] == pytest.approx(0.73) and match["reasons"][0]["label"] == "python"
    assert [p["id"] for p in export["placements"]] == [data.placement_id]
    assert len(export["allocation_participations"]) == 1
    assert any(a["action"] == "profile.update" for a in export["actions"])


def test_export_holds_only_the_callers_data(client, login, factory, db_session, student_with_data) -> None:
    owner, _ = student_with_data
    intruder = factory.student()
    login(intruder)
    export = client.get("/student/export").get_json()
    assert export["account"]["email"] == intruder.email
    assert export["applications"] == [] and export["matches"] == [] and export["placements"] == []
    assert owner.email not in json.dumps(export)


def _count(db_session, model, **where) -> int:
    query = select(func.count()).select_from(model)
    for key, value in where.items():
        query = query.where(getattr(model, key) == value)
    return db_session.scalar(query)


def test_delete_account_needs_the_password_and_changes_nothing_without_it(client, login, db_session,
                                                                           student_with_data) -> None:
    student, _ = student_with_data
    login(student)
    response = client.post("/student/account/delete", data={"password": "not-my-password"},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert 'id="password-error"' in response.get_data(as_text=True)
    assert db_session.get(User, student.id) is not None
    assert client.get("/student/").status_code == 200


def test_delete_account_removes_everything_but_anonymous_placement_statistics(client, login, db_session,
                                                                              student_with_data, app) -> None:
    student, data = student_with_data
    profile_id, user_id, email = student.student_profile.id, student.id, student.email
    program_id = student.student_profile.program_id
    db_session.add(OutboxMail(to_address=email, subject="s", body="b"))
    db_session.flush()
    forgotten = []
    import matchmaker.services.ranking.index as ranking

    login(student)
    other = app.test_client()
    other.post("/login", data={"email": email, "password": PASSWORD})
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ranking, "forget_student", forgotten.append, raising=False)
        response = client.post("/student/account/delete", data={"password": PASSWORD})
    assert response.status_code == 302
    assert forgotten == [profile_id]  # cached vectors of the student are dropped
    db_session.expire_all()
    assert db_session.get(User, user_id) is None
    assert db_session.get(StudentProfile, profile_id) is None
    for model in (Application, Invitation, SavedSearch, DismissedOffer, MatchSuggestion, AllocationParticipant):
        assert _count(db_session, model, student_id=profile_id) == 0, model
    assert _count(db_session, ApplicationEvent, application_id=data.application_id) == 0
    assert _count(db_session, OutboxMail, to_address=email) == 0
    assert _count(db_session, AuditEvent, actor_id=user_id) == 0
    placement = db_session.get(Placement, data.placement_id)
    assert placement is not None and placement.student_id is None
    assert placement.program_id == program_id and placement.term == "VT2026"
    # Logged out here, and the other session is dead too (the user is gone).
    assert client.get("/student/").status_code == 302
    assert other.get("/student/").status_code == 302
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 400
