"""Constraints live in the database, not only in Python."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from matchmaker.models import Application, Offer, OfferKind, StudentProfile, User

pytestmark = pytest.mark.db


def _violates(db_session, statement) -> None:
    savepoint = db_session.begin_nested()
    with pytest.raises(IntegrityError):
        db_session.execute(statement)
        db_session.flush()
    savepoint.rollback()


def test_email_is_unique_case_insensitively(db_session, factory) -> None:
    factory.user(email="same@example.org")
    _violates(db_session, insert(User).values(email="same@example.org", password_hash="x", role="student",
                                              locale="sv", active=True, session_version=1, display_name="",
                                              created_at=text("CURRENT_TIMESTAMP"),
                                              updated_at=text("CURRENT_TIMESTAMP")))
    # Bypassing the model's lower-casing still cannot store a mixed-case duplicate.
    _violates(db_session, insert(User).values(email="Same@example.org", password_hash="x", role="student",
                                              locale="sv", active=True, session_version=1, display_name="",
                                              created_at=text("CURRENT_TIMESTAMP"),
                                              updated_at=text("CURRENT_TIMESTAMP")))


def test_role_must_be_known(db_session) -> None:
    _violates(db_session, text(
        "INSERT INTO users (email, password_hash, role, locale, active, session_version, display_name, "
        "created_at, updated_at) VALUES ('r@example.org', 'x', 'superuser', 'sv', true, 1, '', "
        "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))


def test_offer_needs_at_least_one_place_and_ordered_period(db_session, factory) -> None:
    org = factory.organization()
    _violates(db_session, insert(Offer).values(organization_id=org.id, kind="internship", title="t",
                                               description="d", places=0, status="draft", skills=[],
                                               remote=False, review_comment="", version_id=1,
                                               created_at=text("CURRENT_TIMESTAMP"),
                                               updated_at=text("CURRENT_TIMESTAMP")))
    _violates(db_session, insert(Offer).values(organization_id=org.id, kind="internship", title="t",
                                               description="d", places=1, status="draft", skills=[],
                                               remote=False, review_comment="", version_id=1,
                                               period_start=date(2027, 5, 1), period_end=date(2027, 4, 1),
                                               created_at=text("CURRENT_TIMESTAMP"),
                                               updated_at=text("CURRENT_TIMESTAMP")))


def test_one_application_per_student_and_offer(db_session, factory) -> None:
    student = factory.student().student_profile
    offer = factory.offer(kind=OfferKind.INTERNSHIP)
    db_session.add(Application(student=student, offer=offer))
    db_session.flush()
    savepoint = db_session.begin_nested()
    with pytest.raises(IntegrityError):
        db_session.add(Application(student=student, offer=offer))
        db_session.flush()
    savepoint.rollback()


def test_consent_must_be_timestamped(db_session, factory) -> None:
    profile: StudentProfile = factory.student().student_profile
    savepoint = db_session.begin_nested()
    with pytest.raises(IntegrityError):
        profile.visible_to_employers = True
        db_session.flush()
    savepoint.rollback()


def test_deleting_a_user_removes_the_profile_and_applications(db_session, factory) -> None:
    user = factory.student()
    offer = factory.offer()
    db_session.add(Application(student=user.student_profile, offer=offer))
    db_session.flush()
    db_session.delete(user)
    db_session.flush()
    assert db_session.execute(text("SELECT count(*) FROM student_profiles WHERE user_id = :u"),
                              {"u": user.id}).scalar() == 0
    assert db_session.execute(text("SELECT count(*) FROM applications WHERE offer_id = :o"),
                              {"o": offer.id}).scalar() == 0
