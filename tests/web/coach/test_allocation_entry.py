"""The coach finds allocation rounds: in the menu (its endpoint once had a wrong name, so it vanished) and at home."""

from __future__ import annotations

import pytest

from matchmaker.models import Role

pytestmark = pytest.mark.db


def test_the_coach_menu_and_home_page_lead_to_allocation_rounds(client, login, factory) -> None:
    login(factory.user(Role.COACH))
    html = client.get("/coach/").get_data(as_text=True)
    assert html.count('href="/coach/allocation"') >= 2  # the menu entry and the home page's button
