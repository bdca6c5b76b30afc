"""The demo as a newcomer meets it: seeded data, each demo account lands on its own area."""

from __future__ import annotations

import pytest

from matchmaker.seed.demo import load_demo

pytestmark = pytest.mark.db


@pytest.mark.parametrize("role", ["student", "employer", "coach", "admin"])
def test_each_demo_account_logs_in_and_lands_on_its_area(client, db_session, role) -> None:
    load_demo(db_session)
    db_session.commit()
    response = client.post("/login", data={"email": f"{role}@example.org", "password": "demo-password"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/{role}/"
    page = client.get(f"/{role}/")
    assert page.status_code == 200
    for other in {"student", "employer", "coach", "admin"} - {role}:
        assert client.get(f"/{other}/").status_code == 403
