"""Demo programme councils: two councils in Swedish and English, one active and one not, members read minutes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from matchmaker.models import ProgrammeCouncil, User
from matchmaker.seed.demo import load_demo
from matchmaker.services.activities import goals
from matchmaker.services.councils import queries

pytestmark = pytest.mark.db
TODAY = date(2026, 9, 1)


def test_two_councils_are_seeded_with_members_and_minutes(db_session) -> None:
    load_demo(db_session, today=TODAY)
    councils = {c.program.slug: c for c in db_session.scalars(select(ProgrammeCouncil))}
    assert set(councils) == {"datateknik", "sjukskoterska"}
    for council in councils.values():
        assert " / " in council.name and council.meetings and all(m.notes and m.decisions for m in council.meetings)
    data = queries.outcome(councils["datateknik"], TODAY)
    assert data.active and data.meetings == 3 and data.meetings_met and data.employer_members == 3
    assert data.sparse_organizations == 1  # Ljungan Kraft in Ånge
    assert not queries.outcome(councils["sjukskoterska"], TODAY).active  # last met 13 months ago
    employer = db_session.scalar(select(User).where(User.email == "employer@example.org"))
    student = db_session.scalar(select(User).where(User.email == "student@example.org"))
    assert queries.councils_of(db_session, employer) == [councils["datateknik"]]
    assert queries.councils_of(db_session, student) == [councils["datateknik"]]
    rows = goals.by_phase(db_session, TODAY)
    assert {a.title for phase in rows.values() for a in phase if a.kind == "council"} == {
        c.name for c in councils.values()}
