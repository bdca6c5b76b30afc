"""The Karriärsök page: what a hit shows, public and in English, new offers and profile changes at once."""

from __future__ import annotations

import pytest

from matchmaker.models import utcnow
from tests.fixtures.karriarsok import World

pytestmark = pytest.mark.db


@pytest.fixture
def world(karriarsok_world: World) -> World:
    """The offers, students and staff of tests/fixtures/karriarsok.py."""
    return karriarsok_world


def test_page_shows_kind_employer_place_deadline_meter_and_reasons(client, login, world) -> None:
    login(world.student_a)
    html = client.get("/offers?q=python").get_data(as_text=True)
    assert "Systemutvecklare sommarpraktik" in html and "Sommarpraktik" in html and "Kodbolaget AB" in html
    assert "Sundsvall" in html and "Sök senast" in html
    assert "<meter" in html and "Färdigheter du har:" in html and "Python" in html
    assert "Spara sökningen" in html
    assert "Python stängd" not in html and "utkast" not in html


def test_page_is_public_and_in_english_too(client, world) -> None:
    response = client.get("/offers?q=vårdcentral", headers={"Accept-Language": "en"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Sjuksköterska vid vårdcentral" in html and "1 offer" in html and "Job" in html
    assert "Save this search" not in html  # only students save searches


def test_a_new_published_offer_is_found_at_once(client, factory, world) -> None:
    assert "Renskötsel" not in client.get("/offers?q=renskötsel").get_data(as_text=True)
    factory.offer(world.care, title="Renskötsel och besöksnäring", description="Renskötsel i fjällen",
                  published_at=utcnow())
    assert "Renskötsel och besöksnäring" in client.get("/offers?q=renskötsel").get_data(as_text=True)


def test_a_saved_profile_changes_the_ranking_at_once(client, login, world) -> None:
    login(world.student_a)
    before = client.get("/offers").get_data(as_text=True)
    assert before.index("Systemutvecklare") < before.index("Sjuksköterska")
    client.post("/student/profile", data={"name": "Anna", "study_mode": "campus", "skills": "omvårdnad",
                                          "about": "Vård och omvårdnad på vårdcentral i inlandet."})
    after = client.get("/offers").get_data(as_text=True)
    assert after.index("Sjuksköterska") < after.index("Systemutvecklare")
