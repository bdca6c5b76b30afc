"""Match strength in words: calibrated on the current matching run's scores, defaults before any run."""

from __future__ import annotations

import re

import pytest

from matchmaker.models import MatchRun, RunStatus
from matchmaker.services.matching_runs import strength as match_strength
from matchmaker.services.matching_runs.strength import Bands, bands_from_scores

pytestmark = pytest.mark.db


def test_levels_follow_the_bands() -> None:
    bands = Bands(good=0.1, strong=0.3)
    assert [bands.level(s) for s in (0.0, 0.099, 0.1, 0.29, 0.3, 0.9)] == [1, 1, 2, 2, 3, 3]


def test_bands_are_medians_of_best_and_of_all_scores() -> None:
    best = [0.1 * (i % 5 + 1) for i in range(20)]  # median 0.3
    scores = best + [0.05] * 40  # median 0.05
    assert bands_from_scores(best, scores) == pytest.approx({"good": 0.05, "strong": 0.3})
    assert bands_from_scores(best[:19], scores) is None  # too few students to say anything
    # good never above strong, whatever the spread
    assert bands_from_scores([0.2] * 20, [0.9] * 100) == {"good": 0.2, "strong": 0.2}


def test_current_bands_come_from_the_current_run(db_session) -> None:
    assert match_strength.current_bands(db_session) == Bands()
    db_session.add(MatchRun(status=RunStatus.SUCCEEDED, is_current=True,
                            counts={"score_bands": {"good": 0.04, "strong": 0.07}}))
    db_session.flush()
    assert match_strength.current_bands(db_session) == Bands(good=0.04, strong=0.07)


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
