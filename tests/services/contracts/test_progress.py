"""Contract progress: the rule behind a line's status, and the counts of offers, applications and placements of each
line."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from matchmaker.models import Application, ApplicationStatus, OfferKind, OfferStatus, Placement
from matchmaker.services.contracts import editing as contracts_admin
from matchmaker.services.contracts import progress as contract_lines
from matchmaker.services.contracts.progress import elapsed_share, line_status
from tests.fixtures.contracts import make_contract
from tests.fixtures.employers import World
from tests.fixtures.employers import fill_line as _fill_line

pytestmark = pytest.mark.db


@pytest.fixture
def world(employer_world: World) -> World:
    """The organisations and people of tests/fixtures/employers.py."""
    return employer_world


def test_elapsed_share_and_status_rule() -> None:
    start, end = date(2026, 1, 1), date(2026, 1, 10)
    assert elapsed_share(start, end, date(2025, 12, 31)) == 0.0
    assert elapsed_share(start, end, date(2026, 1, 5)) == 0.5
    assert elapsed_share(start, end, date(2027, 1, 1)) == 1.0
    assert line_status(4, 4, 0, start, end, date(2026, 1, 2)) == "fulfilled"
    assert line_status(4, 0, 0, start, end, date(2025, 12, 1)) == "not_started"
    # Halfway through, 4 committed: 2 expected. One placement + one open place covers it; one alone does not.
    assert line_status(4, 1, 1, start, end, date(2026, 1, 5)) == "on_track"
    assert line_status(4, 1, 0, start, end, date(2026, 1, 5)) == "behind"
    assert line_status(4, 3, 5, start, end, date(2026, 2, 1)) == "on_track"
    assert line_status(4, 3, 0, start, end, date(2026, 2, 1)) == "behind"


def test_progress_counts_offers_applications_and_placements(db_session, factory, people) -> None:
    today = date.today()
    p = factory.program()
    contract = make_contract(db_session, people["org_x"], p, start=today - timedelta(days=50),
                             end=today + timedelta(days=49), count=6)
    line = contract.commitments[0]
    published = datetime(2026, 1, 1, tzinfo=UTC)
    open_offer = factory.offer(people["org_x"], commitment=line, places=3, published_at=published)
    filled = factory.offer(people["org_x"], commitment=line, places=1, status=OfferStatus.FILLED,
                           published_at=published)
    factory.offer(people["org_x"], commitment=line, status=OfferStatus.DRAFT)
    factory.offer(people["org_x"], places=5, published_at=published)  # not linked to the line: not counted
    s1, s2, s3 = factory.student(), factory.student(), factory.student()
    for s in (s1, s2):
        db_session.add(Application(student_id=s.student_profile.id, offer_id=open_offer.id))
    db_session.add(Application(student_id=s3.student_profile.id, offer_id=open_offer.id,
                               status=ApplicationStatus.WITHDRAWN))
    db_session.add(Placement(student_id=s1.student_profile.id, offer_id=open_offer.id, period_start=today))
    db_session.add(Placement(student_id=s2.student_profile.id, offer_id=filled.id, period_start=today,
                             completed=True))
    db_session.flush()
    [progress] = contract_lines.contract_progress(db_session, contract, today)
    assert (progress.offers_published, progress.places_published, progress.applications) == (2, 4, 2)
    assert (progress.placements, progress.completed, progress.open_places) == (2, 1, 2)
    assert progress.expected == 4  # 6 x 51/100 days = 3.06, in whole places rounded up
    assert progress.status == "on_track"  # 2 placed + 2 open >= 4
    assert contracts_admin.overview(db_session, [contract], today) == {contract.id: "on_track"}
    # The counts agree with the read side the employer pages use.
    theirs = contract_lines.commitment_progress(db_session, line)
    for key in ("committed", "offers_published", "places_published", "applications", "placements", "completed"):
        assert getattr(theirs, key) == getattr(progress, key), key


def test_commitment_progress_counts(world: World) -> None:
    line = world.contract_x(count=4)
    _fill_line(world, line)
    progress = contract_lines.commitment_progress(world.session, line)
    expected = {
        "commitment_id": line.id, "contract_id": line.contract_id, "kind": OfferKind.DEGREE_PROJECT,
        "program_id": line.program_id, "committed": 4, "offers_linked": 3, "offers_published": 2,
        "places_published": 3, "applications": 2, "placements": 2, "completed": 1, "ratio": 0.5,
        "completed_ratio": 0.25, "fulfilled": False, "status": "on_track",
    }
    assert {key: getattr(progress, key) for key in expected} == expected


def test_an_empty_line_and_a_fulfilled_one(world: World) -> None:
    empty = world.contract_x(count=3)
    progress = contract_lines.commitment_progress(world.session, empty)
    assert (progress.offers_linked, progress.placements, progress.ratio, progress.fulfilled) == (
        0, 0, 0.0, False
    )
    small = world.contract_x(count=1, kind=OfferKind.INTERNSHIP)
    _fill_line(world, small)
    progress = contract_lines.commitment_progress(world.session, small)
    assert progress.ratio == 1.0 and progress.fulfilled is True  # 2 placements of 1: capped at 1.0
