"""Contract progress: the rule behind a line's status, and the counts of offers, applications and placements."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from matchmaker.models import (
    Application,
    ApplicationStatus,
    OfferStatus,
    Placement,
)
from matchmaker.services.contracts import editing as contracts_admin
from matchmaker.services.contracts import queries as contracts
from matchmaker.services.contracts.progress import elapsed_share, line_status
from tests.fixtures.contracts import make_contract

pytestmark = pytest.mark.db


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
    [progress] = contracts_admin.contract_progress(db_session, contract, today)
    assert (progress.offers_published, progress.places_published, progress.applications) == (2, 4, 2)
    assert (progress.placements, progress.completed, progress.open_places) == (2, 1, 2)
    assert progress.expected == 3.06  # 6 x 51/100 days
    assert progress.status == "on_track"  # 2 placed + 2 open >= 3.06
    assert contracts_admin.overview(db_session, [contract], today) == {contract.id: "on_track"}
    # The counts agree with the read side the employer pages use.
    theirs = contracts.commitment_progress(db_session, line)
    for key in ("committed", "offers_published", "places_published", "applications", "placements", "completed"):
        assert theirs[key] == getattr(progress, key), key
