"""The privacy page says what is held and why, and that no decision about a student is automated."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.db


def test_privacy_page_says_what_why_and_no_automated_decision(client) -> None:
    html = client.get("/privacy", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "personal data" in html and "consent" in html
    assert "no automated decision" in html and "coach" in html
    assert "export" in html and "delete" in html
