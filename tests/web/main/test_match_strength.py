"""Students read match strength in words on the Karriärsök page, calibrated on the current run."""

from __future__ import annotations

import re

import pytest

from matchmaker.models import MatchRun, RunStatus
from tests.fixtures.karriarsok import World

pytestmark = pytest.mark.db


@pytest.fixture
def world(karriarsok_world: World) -> World:
    """The offers, students and staff of tests/fixtures/karriarsok.py."""
    return karriarsok_world


def test_students_read_words_not_raw_percentages(client, login, world, db_session) -> None:
    login(world.student_a)
    html = client.get("/offers?q=python").get_data(as_text=True)
    words = re.findall(r'<meter aria-label="Matchningsgrad"[^>]*value="(\d)"[^>]*>([^<]+)</meter>', html)
    assert words and all(w in ("Stark matchning", "God matchning", "Viss matchning") for _, w in words)
    assert " %</meter>" not in html
    # A run whose bands put every score above "strong" turns every hit strong.
    db_session.add(MatchRun(status=RunStatus.SUCCEEDED, is_current=True,
                            counts={"score_bands": {"good": 0.0001, "strong": 0.0002}}))
    db_session.flush()
    html = client.get("/offers?q=python").get_data(as_text=True)
    strong = re.findall(r'value="(\d)"[^>]*>Stark matchning</meter>', html)
    assert strong and set(strong) == {"3"} and "God matchning</meter>" not in html
