"""Error pages: a conflict (a stale edit, however it is detected) becomes a clear 409 page."""

from __future__ import annotations

import pytest
from sqlalchemy.orm.exc import StaleDataError

from matchmaker.core.errors import Conflict

pytestmark = pytest.mark.db


@pytest.mark.parametrize("error", [StaleDataError("stale"), Conflict("changed")])
def test_conflicts_become_a_clear_409_page(app, error) -> None:
    def stale_edit():
        raise error

    app.add_url_rule("/_test/stale", "test_stale", stale_edit, methods=["POST"])
    response = app.test_client().post("/_test/stale", headers={"Accept-Language": "en"})
    assert response.status_code == 409
    assert "Someone else changed this in the meantime" in response.get_data(as_text=True)
