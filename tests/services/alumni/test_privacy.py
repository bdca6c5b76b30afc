"""An alumnus keeps a student's rights over their data: the export holds the student time and the alumni data,
deleting needs the password and removes the alumni profile and mentor registrations with the account."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from matchmaker.core.errors import ValidationError
from matchmaker.models import AlumnusProfile, AuditEvent, Mentor, Role, User
from matchmaker.services.alumni import privacy
from matchmaker.services.mentoring import programmes
from tests.conftest import PASSWORD
from tests.fixtures.alumni import make_alumnus

pytestmark = pytest.mark.db


@pytest.fixture
def mentor_alumnus(db_session, factory):
    programme = programmes.create_programme(db_session, factory.user(Role.COACH), programmes.ProgrammeInput(
        title="Mentorsprogram våren 2027", goals="10 par", period_start=date(2027, 2, 1),
        period_end=date(2027, 6, 15), matching_deadline=date(2027, 1, 25)))
    alumnus = make_alumnus(db_session, factory)
    programmes.register_mentor(db_session, alumnus, programme, "Sjuksköterska i hemsjukvården", "", 2,
                               date(2027, 1, 10))
    db_session.flush()
    return alumnus


def test_the_export_holds_the_student_time_and_the_alumni_data(db_session, mentor_alumnus) -> None:
    data = privacy.export_alumnus(db_session, mentor_alumnus)
    assert data["format"] == privacy.EXPORT_FORMAT
    assert data["account"]["role"] == "alumnus" and "password_hash" not in data["account"]
    assert data["profile"]["user_id"] == mentor_alumnus.id  # what they told us as a student
    assert data["alumnus_profile"]["consent_given"] is True
    assert [m["programme"] for m in data["mentoring"]] == ["Mentorsprogram våren 2027"]


def test_only_an_alumnus_exports_as_one(db_session, factory) -> None:
    with pytest.raises(ValidationError):
        privacy.export_alumnus(db_session, factory.student())


def test_deleting_needs_the_password_and_then_removes_the_alumni_data(db_session, mentor_alumnus) -> None:
    uid = mentor_alumnus.id
    with pytest.raises(ValidationError) as caught:
        privacy.delete_alumnus_account(db_session, mentor_alumnus, "wrong password")
    assert set(caught.value.errors) == {"password"} and db_session.get(User, uid) is not None
    privacy.delete_alumnus_account(db_session, mentor_alumnus, PASSWORD)
    db_session.flush()
    assert db_session.get(User, uid) is None
    for model in (AlumnusProfile, Mentor):
        assert db_session.scalar(select(func.count()).select_from(model).where(model.user_id == uid)) == 0
    erased = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "user.erased")).all()
    assert [e.details.get("role") for e in erased] == ["alumnus"]
    # The audit trail keeps what happened to the alumni profile, not whose it was.
    assert not db_session.scalars(select(AuditEvent).where(AuditEvent.object_type == "AlumnusProfile",
                                                           AuditEvent.object_id != "")).all()
