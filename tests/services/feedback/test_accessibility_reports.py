"""A reported accessibility problem reaches every active admin (in the admin's language) and the audit trail."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from matchmaker.core.errors import ValidationError
from matchmaker.models import AuditEvent, Locale, OutboxMail, Role
from matchmaker.services import feedback

pytestmark = pytest.mark.db


def test_a_report_is_mailed_to_each_active_admin_in_their_language_and_audited(db_session, factory) -> None:
    swedish = factory.user(Role.ADMIN, email="admin.sv@example.org")
    english = factory.user(Role.ADMIN, email="admin.en@example.org", locale=Locale.EN)
    factory.user(Role.ADMIN, email="gone@example.org", active=False)
    factory.user(Role.COACH, email="coach@example.org")
    student = factory.student(email="reporter@example.org")

    mailed = feedback.report_accessibility_problem(
        db_session, problem="The map cannot be used with the keyboard.", page="/offers", reporter=student)

    assert mailed == 2
    mails = {m.to_address: m for m in db_session.scalars(select(OutboxMail))}
    assert set(mails) == {swedish.email, english.email}
    assert mails[swedish.email].subject.startswith("Tillgänglighetsproblem")
    assert mails[english.email].subject.startswith("Accessibility problem")
    body = mails[english.email].body
    assert "The map cannot be used with the keyboard." in body and "/offers" in body
    assert "reporter@example.org" in body  # the reporter's own address, to answer them
    event = db_session.scalars(select(AuditEvent).where(AuditEvent.action == feedback.REPORT_ACTION)).one()
    assert event.actor_id == student.id and event.details["page"] == "/offers"


def test_an_anonymous_report_without_an_address_says_so(db_session, factory) -> None:
    factory.user(Role.ADMIN, email="admin@example.org", locale=Locale.EN)
    feedback.report_accessibility_problem(db_session, problem="Too low contrast on the buttons.")
    mail = db_session.scalars(select(OutboxMail)).one()
    assert "(no address given)" in mail.body


@pytest.mark.parametrize(("fields", "error"), [
    ({"problem": "   "}, "problem"),
    ({"problem": "x" * (feedback.MAX_PROBLEM + 1)}, "problem"),
    ({"problem": "ok", "page": "p" * (feedback.MAX_PAGE + 1)}, "page"),
    ({"problem": "ok", "email": "not-an-address"}, "email"),
])
def test_a_bad_report_is_refused_and_nothing_is_written(db_session, factory, fields, error) -> None:
    factory.user(Role.ADMIN, email="admin@example.org")
    with pytest.raises(ValidationError) as caught:
        feedback.report_accessibility_problem(db_session, **fields)
    assert error in caught.value.errors
    assert db_session.scalars(select(OutboxMail)).all() == []
    assert db_session.scalars(select(AuditEvent)).all() == []
