"""Optimistic locking: of two sessions editing the same row, the second flush fails and the first's data stays."""

from __future__ import annotations

import contextlib
import os
from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from matchmaker.core.validation import org_number_with_check_digit
from matchmaker.models import (
    Application,
    Base,
    CompetenceContract,
    Offer,
    OfferKind,
    OfferStatus,
    Organization,
    Role,
    Sector,
    StudentProfile,
    User,
)
from matchmaker.models.database import make_engine, make_session_factory
from tests.fixtures.scratch_db import postgres_available, scratch_database

pytestmark = pytest.mark.db


@pytest.fixture
def own_factory(tmp_path):
    """Sessions on real, separate connections to a database of this test's own (each commit is real)."""
    with contextlib.ExitStack() as stack:
        if postgres_available():
            url = stack.enter_context(scratch_database(f"matchmaker_locking_{os.getpid()}"))
        else:
            url = f"sqlite:///{tmp_path / 'locking.sqlite'}"
        engine = make_engine(url)
        stack.callback(engine.dispose)
        Base.metadata.create_all(engine)
        yield make_session_factory(engine)


def _offer(session: Session) -> Offer:
    org = Organization(name="Låsbolaget AB", org_number=org_number_with_check_digit("556999999"),
                       sector=Sector.COMPANY)
    row = Offer(organization=org, kind=OfferKind.DEGREE_PROJECT, title="first", description="d",
                status=OfferStatus.PUBLISHED)
    session.add(row)
    session.flush()
    return row


def _application(session: Session) -> Application:
    offer = _offer(session)
    user = User(email="lock@example.org", password_hash="x", role=Role.STUDENT)
    user.student_profile = StudentProfile(name="Lock")
    session.add(user)
    session.flush()
    row = Application(student_id=user.student_profile.id, offer_id=offer.id, message="first")
    session.add(row)
    session.flush()
    return row


def _contract(session: Session) -> CompetenceContract:
    org = _offer(session).organization
    row = CompetenceContract(organization=org, title="first", period_start=date.today(),
                             period_end=date.today() + timedelta(days=365))
    session.add(row)
    session.flush()
    return row


CASES = {
    "offer": (_offer, Offer, "title"),
    "application": (_application, Application, "message"),
    "contract": (_contract, CompetenceContract, "title"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_second_of_two_concurrent_edits_fails_and_the_first_stays(case, own_factory) -> None:
    make, model, column = CASES[case]
    with own_factory() as setup:
        row_id = make(setup).id
        setup.commit()
    first, second = own_factory(), own_factory()
    # Both open the edit form (each request reads the row in its own transaction).
    mine, theirs = first.get(model, row_id), second.get(model, row_id)
    second.commit()
    assert mine.version_id == theirs.version_id
    setattr(mine, column, "edited by the first")
    first.commit()
    setattr(theirs, column, "edited by the second")
    with pytest.raises(StaleDataError):
        second.flush()
    second.rollback()
    with own_factory() as check:
        fresh = check.get(model, row_id)
        assert getattr(fresh, column) == "edited by the first"
        assert fresh.version_id == mine.version_id == 2
    first.close()
    second.close()
