"""Kompetenskontraktet, coach side: editing with validation and optimistic locking, progress rule, CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from matchmaker.core.errors import Conflict, ValidationError
from matchmaker.models import (
    Application,
    ApplicationStatus,
    AuditEvent,
    CompetenceContract,
    ContractCommitment,
    OfferKind,
    OfferStatus,
    Placement,
)
from matchmaker.services.contracts import editing as contracts_admin
from matchmaker.services.contracts import progress as contract_lines
from matchmaker.services.contracts.progress import elapsed_share, line_status

from .conftest import make_contract

pytestmark = pytest.mark.db

LineInput = contracts_admin.LineInput


def _data(org_id, **kw) -> contracts_admin.ContractInput:
    base = dict(organization_id=org_id, title="Ramavtal 2026", period_start=date(2026, 1, 1),
                period_end=date(2026, 12, 31), status="active", signed_on=date(2025, 12, 1), notes="")
    base.update(kw)
    return contracts_admin.ContractInput(**base)


def test_create_validates_period_count_and_duplicates(db_session, factory, people) -> None:
    p = factory.program()
    lines = [LineInput(None, "degree_project", p.id, 0), LineInput(None, "internship", p.id, 2),
             LineInput(None, "internship", p.id, 1)]
    with pytest.raises(ValidationError) as caught:
        contracts_admin.create_contract(db_session, people["coach"], _data(people["org_x"].id,
                                        period_end=date(2026, 1, 1)), lines)
    assert caught.value.errors == {
        "period_end": "must be after the start",
        "lines-0-count": "must be at least 1",
        "lines-2-program": "duplicates another line with the same kind and program",
    }
    assert db_session.scalar(select(CompetenceContract)) is None


def test_create_and_edit_lines_inline(db_session, factory, people) -> None:
    p1, p2 = factory.program(), factory.program()
    coach = people["coach"]
    contract = contracts_admin.create_contract(db_session, coach, _data(people["org_x"].id), [
        LineInput(None, "degree_project", p1.id, 3), LineInput(None, "internship", p1.id, 2),
        LineInput(None, "", None, None),  # a blank form row is ignored
    ])
    first, second = contract.commitments
    version = contract.version_id
    # Swap the two lines' kinds, remove nothing, add a third line: the unique constraint must not trip.
    contracts_admin.update_contract(db_session, coach, contract.id, version, _data(people["org_x"].id), [
        LineInput(first.id, "internship", p1.id, 5), LineInput(second.id, "degree_project", p1.id, 1),
        LineInput(None, "trainee", p2.id, 1),
    ])
    db_session.expire_all()
    got = {(c.kind, c.program_id): c.count for c in db_session.get(CompetenceContract, contract.id).commitments}
    assert got == {(OfferKind.INTERNSHIP, p1.id): 5, (OfferKind.DEGREE_PROJECT, p1.id): 1,
                   (OfferKind.TRAINEE, p2.id): 1}
    contract = db_session.get(CompetenceContract, contract.id)
    assert contract.version_id == version + 1
    trainee = next(c for c in contract.commitments if c.kind == OfferKind.TRAINEE)
    contracts_admin.update_contract(db_session, coach, contract.id, contract.version_id, _data(people["org_x"].id), [
        LineInput(trainee.id, "trainee", p2.id, 1, remove=True),
    ])
    assert db_session.scalar(select(ContractCommitment).where(ContractCommitment.id == trainee.id)) is None
    assert {e.action for e in db_session.scalars(select(AuditEvent))} >= {"contract.create", "contract.update"}


def test_update_rejects_a_line_of_another_contract(db_session, factory, people) -> None:
    p = factory.program()
    mine = make_contract(db_session, people["org_x"], p)
    other = make_contract(db_session, people["org_y"], p)
    with pytest.raises(ValidationError) as caught:
        contracts_admin.update_contract(db_session, people["coach"], mine.id, mine.version_id,
                                        _data(people["org_x"].id),
                                        [LineInput(other.commitments[0].id, "degree_project", p.id, 9)])
    assert caught.value.errors == {"lines-0-kind": "is not a line of this contract"}


def test_stale_version_is_a_conflict_and_changes_nothing(db_session, factory, people) -> None:
    p = factory.program()
    contract = make_contract(db_session, people["org_x"], p)
    old = contract.version_id
    with pytest.raises(Conflict):
        contracts_admin.update_contract(db_session, people["coach"], contract.id, old - 1,
                                        _data(people["org_x"].id, title="Changed"), [])
    # Someone else commits between our read and our flush: the version check in the UPDATE catches it.
    db_session.execute(update(CompetenceContract).where(CompetenceContract.id == contract.id)
                       .values(version_id=old + 7, title="Theirs"))
    with pytest.raises(Conflict):
        contracts_admin.update_contract(db_session, people["coach"], contract.id, old,
                                        _data(people["org_x"].id, title="Mine"), [])
    db_session.rollback()


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
    assert progress.expected == 3.06  # 6 x 51/100 days
    assert progress.status == "on_track"  # 2 placed + 2 open >= 3.06
    assert contracts_admin.overview(db_session, [contract], today) == {contract.id: "on_track"}
    # The counts agree with the read side the employer pages use.
    theirs = contract_lines.commitment_progress(db_session, line)
    for key in ("committed", "offers_published", "places_published", "applications", "placements", "completed"):
        assert getattr(theirs, key) == getattr(progress, key), key


def _parse(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_has_header_bom_and_is_safe_against_formulas(db_session, factory, people) -> None:
    p = factory.program(name_sv="Högskoleingenjör")
    org = factory.organization("=HYPERLINK(\"http://evil\")")
    contract = make_contract(db_session, org, p)
    contract.title = "+SUM(A1)"
    db_session.flush()
    rows = _parse(contracts_admin.contracts_csv(db_session, [contract], date(2026, 6, 1)))
    assert rows[0] == list(contracts_admin.CSV_HEADER)
    assert rows[1][1] == "'=HYPERLINK(\"http://evil\")" and rows[1][3] == "'+SUM(A1)"
    assert rows[1][9] == "Högskoleingenjör" and rows[1][10] == "4"


def test_coach_creates_a_contract_through_the_form(client, login, db_session, factory, people) -> None:
    p = factory.program()
    login(people["coach"])
    assert client.get("/coach/contracts/new").status_code == 200
    form = {"organization": str(people["org_x"].id), "title": "Avtal", "period_start": "2026-01-01",
            "period_end": "2025-12-01", "status": "draft",
            "lines-0-id": "", "lines-0-kind": "internship", "lines-0-program": str(p.id), "lines-0-count": "0"}
    response = client.post("/coach/contracts/new", data=form)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "måste vara efter början" in page and "måste vara minst 1" in page and 'value="Avtal"' in page
    assert db_session.scalar(select(CompetenceContract)) is None
    form.update({"period_end": "2026-12-31", "lines-0-count": "2"})
    response = client.post("/coach/contracts/new", data=form)
    assert response.status_code == 302
    saved = db_session.scalar(select(CompetenceContract))
    assert saved.title == "Avtal" and [c.count for c in saved.commitments] == [2]
    assert client.get(f"/coach/contracts/{saved.id}").status_code == 200
    assert "Avtal" in client.get("/coach/contracts").get_data(as_text=True)


def test_stale_edit_through_the_form_gets_409_and_keeps_the_other_edit(client, login, db_session, factory,
                                                                       people) -> None:
    p = factory.program()
    contract = make_contract(db_session, people["org_x"], p)
    login(people["coach"])
    page = client.get(f"/coach/contracts/{contract.id}/edit")
    assert page.status_code == 200 and f'name="version_id" type="hidden" value="{contract.version_id}"' in \
        page.get_data(as_text=True)
    line = contract.commitments[0]
    form = {"version_id": str(contract.version_id), "organization": str(people["org_x"].id), "title": "First",
            "period_start": "2026-01-01", "period_end": "2026-12-31", "status": "active",
            "lines-0-id": str(line.id), "lines-0-kind": "degree_project", "lines-0-program": str(p.id),
            "lines-0-count": "4"}
    assert client.post(f"/coach/contracts/{contract.id}/edit", data=form).status_code == 302
    form["title"] = "Second, from an old page"
    response = client.post(f"/coach/contracts/{contract.id}/edit", data=form)
    assert response.status_code == 409
    assert "Någon annan sparade kontraktet" in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(CompetenceContract, contract.id).title == "First"


def test_add_row_button_adds_a_blank_line_without_saving(client, login, db_session, factory, people) -> None:
    contract = make_contract(db_session, people["org_x"], factory.program())
    login(people["coach"])
    form = {"version_id": str(contract.version_id), "organization": str(people["org_x"].id), "title": "X",
            "period_start": "2026-01-01", "period_end": "2026-12-31", "status": "active", "add_line": "1",
            "lines-0-id": "", "lines-0-kind": "", "lines-0-program": "", "lines-0-count": ""}
    response = client.post(f"/coach/contracts/{contract.id}/edit", data=form)
    assert response.status_code == 200 and 'name="lines-1-kind"' in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(CompetenceContract, contract.id).title == "Avtal"


def test_csv_routes(client, login, db_session, factory, people) -> None:
    contract = make_contract(db_session, people["org_x"], factory.program())
    make_contract(db_session, people["org_y"], factory.program())
    login(people["coach"])
    one = client.get(f"/coach/contracts/{contract.id}.csv")
    assert one.status_code == 200 and one.mimetype == "text/csv"
    assert "attachment" in one.headers["Content-Disposition"]
    assert len(_parse(one.data)) == 2
    assert len(_parse(client.get("/coach/contracts.csv").data)) == 3
    assert client.get("/coach/contracts/999999.csv").status_code == 404
