"""Demo alumni: converted by the real services, one a mentor in the demo programme, one not yet asked."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from matchmaker.models import AlumnusProfile, Locale, MentoringProgramme, OutboxMail, Role, User
from matchmaker.seed.demo import load_demo
from matchmaker.services.alumni import profile as alumni
from matchmaker.services.alumni import queries

pytestmark = pytest.mark.db


def test_alumni_are_seeded_with_consent_and_a_mentor(db_session) -> None:
    load_demo(db_session, today=date(2026, 9, 1))
    rows = list(db_session.scalars(select(AlumnusProfile)))
    assert len(rows) == 4 and all(r.user.role == Role.ALUMNUS and r.converted_at is not None for r in rows)
    assert all(not r.user.student_profile.visible_to_employers for r in rows)  # the student consent ended
    demo = db_session.scalar(select(User).where(User.email == "alumnus@example.org"))
    row = alumni.profile_of(db_session, demo)
    assert row.consent_given and row.contact_for_employer and row.organization is not None
    assert [a.user_id for a in queries.contacts_for(db_session, row.organization.members[0])] == [demo.id]
    assert sum(alumni.needs_consent_answer(r) for r in rows) == 1  # asked at the next login
    assert {r.user.locale for r in rows} == {Locale.SV, Locale.EN}
    programme = db_session.scalar(select(MentoringProgramme))
    assert demo.id in {m.user_id for m in programme.mentors}
    summary = queries.retention(db_session, "sv")
    assert (summary.total.alumni, summary.total.answered, summary.total.stayed) == (3, 3, 2)
    assert db_session.scalar(select(OutboxMail.id)) is None  # the seed writes history, it mails nobody
