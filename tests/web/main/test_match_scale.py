"""One worded scale for match strength: students, employers, coaches and the API read the same calibration."""

from __future__ import annotations

import re

import pytest

from matchmaker.models import MatchRun, RunStatus
from matchmaker.services.matching_runs import runs as matching_runs
from tests.fixtures.matching_runs import start_run

pytestmark = pytest.mark.db

ALL_STRONG = {"good": 0.00001, "strong": 0.00002}
ALL_SOME = {"good": 0.99, "strong": 0.999}


def _levels(html: str) -> set[str]:
    return set(re.findall(r'<meter aria-label="(?:Matchningsgrad|Match strength)"[^>]*value="(\d)"', html))


def _set_bands(db_session, bands: dict[str, float]) -> None:
    run = matching_runs.current_run(db_session)
    if run is None:
        db_session.add(MatchRun(status=RunStatus.SUCCEEDED, is_current=True, counts={"score_bands": bands}))
    else:
        run.counts = {**(run.counts or {}), "score_bands": bands}
    db_session.flush()


def test_employers_read_words_calibrated_like_the_students(client, login, candidate_scene, employer_world,
                                                          db_session) -> None:
    offer, _visible, _hidden = candidate_scene
    login(employer_world.employer_x)
    _set_bands(db_session, ALL_STRONG)
    html = client.get(f"/employer/offers/{offer.id}/candidates").get_data(as_text=True)
    assert _levels(html) == {"3"} and "Stark matchning" in html and "Vad bygger det på?" in html
    assert not re.search(r"\d+ %", html) and "Matchning:" not in html
    _set_bands(db_session, ALL_SOME)
    html = client.get(f"/employer/offers/{offer.id}/candidates").get_data(as_text=True)
    assert _levels(html) == {"1"} and "Viss matchning" in html


def test_coaches_see_the_same_words_and_the_number_in_english(client, coach, matching_world, db_session) -> None:
    start_run(client)
    client.post("/lang", data={"lang": "en"})
    _set_bands(db_session, ALL_STRONG)
    html = client.get("/coach/matching/matches").get_data(as_text=True)
    assert _levels(html) == {"3"} and "Strong match" in html and "What is this based on?" in html
    assert re.search(r"\(score 0\.\d\d\)", html)
    _set_bands(db_session, ALL_SOME)
    html = client.get("/coach/matching/matches").get_data(as_text=True)
    assert _levels(html) == {"1"} and "Some match" in html


def test_the_api_names_the_level_beside_the_score(client, factory, db_session) -> None:
    from matchmaker.services.accounts import tokens

    org = factory.organization()
    factory.offer(org, title="Dataanalys", description="Python och maskininlärning för dataanalys.", skills=["python"])
    student = factory.student(skills=["python"], about="Jag gillar dataanalys.")
    secret = tokens.create_token(db_session, student, "test", ["offers:read"], 30).secret
    _set_bands(db_session, ALL_STRONG)
    items = client.get("/api/v1/offers?q=dataanalys", headers={"Authorization": f"Bearer {secret}"}).get_json()["items"]
    assert items and {h["strength"] for h in items} == {"strong"}
    _set_bands(db_session, ALL_SOME)
    items = client.get("/api/v1/offers?q=dataanalys", headers={"Authorization": f"Bearer {secret}"}).get_json()["items"]
    assert {h["strength"] for h in items} == {"some"}
