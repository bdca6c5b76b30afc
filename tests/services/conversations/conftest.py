"""A student's application to an offer of an organisation with two members."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from matchmaker.models import Application, ApplicationStatus, Role


@pytest.fixture
def convo(db_session, factory) -> SimpleNamespace:
    org = factory.organization(name="Norrbolaget AB")
    hr = factory.user(Role.EMPLOYER, organization=org)
    boss = factory.user(Role.EMPLOYER, organization=org)
    outsider = factory.user(Role.EMPLOYER)
    student = factory.student(name="Stina Student")
    other_student = factory.student()
    offer = factory.offer(organization=org, title="Exjobb i dataanalys")
    application = Application(offer=offer, student=student.student_profile, status=ApplicationStatus.SUBMITTED)
    db_session.add(application)
    db_session.flush()
    return SimpleNamespace(org=org, hr=hr, boss=boss, outsider=outsider, student=student, offer=offer,
                           other_student=other_student, application=application,
                           coach=factory.user(Role.COACH), admin=factory.user(Role.ADMIN))
