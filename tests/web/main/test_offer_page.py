"""The public offer page: how well it fits a student, and the way to apply or to log in."""

from __future__ import annotations

import pytest

from tests.fixtures.karriarsok import World

pytestmark = pytest.mark.db


@pytest.fixture
def world(karriarsok_world: World) -> World:
    """The offers, students and staff of tests/fixtures/karriarsok.py."""
    return karriarsok_world


def test_offer_page_for_a_student_shows_fit_and_apply(client, login, world, db_session) -> None:
    login(world.student_a)
    html = client.get(f"/offers/{world.dev.id}").get_data(as_text=True)
    assert "Hur väl det passar dig" in html and "<meter" in html
    assert f"/student/offers/{world.dev.id}/apply" in html
    closed = client.get(f"/offers/{world.expired.id}").get_data(as_text=True)
    assert "tar inte längre emot ansökningar" in closed and f"/student/offers/{world.expired.id}/apply" not in closed


def test_offer_page_for_anonymous_invites_to_log_in(client, world) -> None:
    html = client.get(f"/offers/{world.dev.id}").get_data(as_text=True)
    assert "Logga in för att ansöka" in html and "<meter" not in html
