"""Kompetenskontraktet on the coach pages: the form with errors and conflicts, adding a row, CSV downloads."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from matchmaker.models import CompetenceContract
from tests.fixtures.contracts import make_contract

pytestmark = pytest.mark.db


def _parse(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


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
