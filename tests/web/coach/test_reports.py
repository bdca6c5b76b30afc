"""The reports page and its CSV downloads, on the hand-worked dataset."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

pytestmark = pytest.mark.db


@pytest.fixture
def data(report_data: dict[str, Any]) -> dict[str, Any]:
    """The hand-worked dataset of tests/fixtures/reports.py."""
    return report_data


def test_reports_page_and_csv(client, login, db_session, data, people) -> None:
    login(people["coach"])
    page = client.get("/coach/reports?term=VT2026")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and html.count("<svg") == 5 and "style=" not in html.split("<main")[1]
    assert "Kiruna" in html and "Stockholm" not in html
    bad = client.get("/coach/reports?term=2026&from=yesterday")
    assert bad.status_code == 400 and "Termin: skriv som VT2027 (vår)" in bad.get_data(as_text=True)
    body = client.get("/coach/reports/municipality.csv?term=VT2026").data
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows == [["municipality", "label", "placements"], [str(data["kiruna"].id), "Kiruna", "2"]]
    funnel = list(csv.reader(io.StringIO(client.get("/coach/reports/funnel.csv").data.decode("utf-8-sig"))))
    assert funnel == [["recommended", "applied", "placed"], ["4", "2", "2"]]
    contracts = list(csv.reader(io.StringIO(client.get("/coach/reports/contracts.csv").data.decode("utf-8-sig"))))
    assert len(contracts) == 3 and contracts[0][0] == "contract_id"
    for table in ("kind", "program", "term", "region", "time_to_application"):
        assert client.get(f"/coach/reports/{table}.csv").status_code == 200
    assert client.get("/coach/reports/nothing.csv").status_code == 404
