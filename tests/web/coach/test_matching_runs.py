"""Batch matching runs: background job, progress, switch of current results, failure safety, curation."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from matchmaker.matching import Ranker
from matchmaker.models import AuditEvent, MatchRun, MatchStatus, MatchSuggestion, RunStatus
from matchmaker.services.matching_runs import execution
from matchmaker.services.matching_runs import runs as matching_runs
from tests.fixtures.matching_runs import start_run as _start

pytestmark = pytest.mark.db


@pytest.fixture
def world(matching_world: dict[str, Any]) -> dict[str, Any]:
    """The students and offers of tests/fixtures/matching_runs.py."""
    return matching_world


def test_start_runs_in_the_background_and_becomes_current(client, coach, world, db_session) -> None:
    response = _start(client)
    assert response.status_code == 302
    run = db_session.scalar(select(MatchRun).order_by(MatchRun.id.desc()))
    assert response.headers["Location"].endswith(f"/coach/matching/runs/{run.id}")
    db_session.refresh(run)
    assert run.status == RunStatus.SUCCEEDED and run.is_current
    assert run.started_by_id == coach.id and run.parameters == {"k": 5, "threshold": 0.2}
    assert run.progress_done == run.progress_total == 3
    assert run.duration_seconds is not None and run.counts["students"] == 3 and run.counts["offers"] == 3
    matches = db_session.scalars(select(MatchSuggestion).where(MatchSuggestion.run_id == run.id)).all()
    assert matches and run.counts["matches"] == len(matches)
    student_ids = {m.student_id for m in matches}
    offer_ids = {m.offer_id for m in matches}
    assert world["inactive"].id not in student_ids
    assert not offer_ids & {o.id for o in world["excluded_offers"]}
    assert all({"kind", "label", "weight"} <= set(r) for m in matches for r in m.reasons)
    assert sum(1 for m in matches if any(r["kind"] == "term" for r in m.reasons)) >= 3  # each student's best
    assert db_session.scalar(select(AuditEvent).where(AuditEvent.action == "matching.run_start")).actor_id == coach.id


def test_run_page_refreshes_itself_only_while_running(client, coach, world, db_session) -> None:
    run = matching_runs.start_run(db_session, coach)
    db_session.flush()
    html = client.get(f"/coach/matching/runs/{run.id}").get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="3">' in html and "<progress" in html
    assert "<script" not in html
    run.status = RunStatus.SUCCEEDED
    db_session.flush()
    assert 'http-equiv="refresh"' not in client.get(f"/coach/matching/runs/{run.id}").get_data(as_text=True)


def test_a_second_run_is_refused_while_one_is_queued(client, coach, world, db_session) -> None:
    matching_runs.start_run(db_session, coach)
    db_session.flush()
    before = db_session.scalar(select(func.count(MatchRun.id)))
    response = _start(client)
    assert response.status_code == 302 and response.headers["Location"].endswith("/coach/matching")
    assert db_session.scalar(select(func.count(MatchRun.id))) == before


def test_invalid_parameters_rerender_the_form(client, coach, world, db_session) -> None:
    response = _start(client, k=0)
    assert response.status_code == 400
    assert db_session.scalar(select(func.count(MatchRun.id))) == 0


def test_progress_is_committed_chunk_by_chunk(client, coach, world, db_session, monkeypatch) -> None:
    seen: list[int] = []
    original = matching_runs.MatchRun

    monkeypatch.setattr(execution, "MIN_CHUNK", 1)
    monkeypatch.setattr(execution, "PROGRESS_STEPS", 3)
    real_commit = type(db_session).commit

    def spy(session):
        for obj in list(session.identity_map.values()):
            if isinstance(obj, original) and obj.status == RunStatus.RUNNING:
                seen.append(obj.progress_done)
        return real_commit(session)

    monkeypatch.setattr(type(db_session), "commit", spy)
    _start(client)
    # One commit when running starts (0) and one per chunk of one student.
    assert [n for n in seen if n] == [1, 2, 3, 3]


def _fail_half_way(monkeypatch, after: int) -> None:
    real = Ranker.top_k_all

    def broken(self, students, **kw):
        for n, item in enumerate(real(self, students, **kw)):
            if n == after:
                raise RuntimeError("engine exploded")
            yield item

    monkeypatch.setattr(Ranker, "top_k_all", broken)


def test_a_failed_run_leaves_the_previous_results_in_place(client, coach, world, db_session, monkeypatch) -> None:
    _start(client)
    old = db_session.scalar(select(MatchRun).where(MatchRun.is_current.is_(True)))
    old_matches = {(m.id, m.student_id, m.offer_id, m.score)
                   for m in db_session.scalars(select(MatchSuggestion).where(MatchSuggestion.run_id == old.id))}
    assert old_matches
    monkeypatch.setattr(execution, "MIN_CHUNK", 1)
    monkeypatch.setattr(execution, "PROGRESS_STEPS", 3)
    _fail_half_way(monkeypatch, after=2)
    assert _start(client).status_code == 302
    db_session.expire_all()
    new = db_session.scalar(select(MatchRun).order_by(MatchRun.id.desc()))
    assert new.id != old.id and new.status == RunStatus.FAILED and "engine exploded" in new.error
    assert not new.is_current
    assert new.progress_done == 2  # progress before the failure was committed in its own transactions
    assert db_session.scalar(select(func.count(MatchSuggestion.id)).where(MatchSuggestion.run_id == new.id)) == 0
    current = db_session.scalar(select(MatchRun).where(MatchRun.is_current.is_(True)))
    assert current.id == old.id
    assert {(m.id, m.student_id, m.offer_id, m.score)
            for m in db_session.scalars(select(MatchSuggestion).where(MatchSuggestion.run_id == old.id))} == old_matches
    html = client.get("/coach/matching").get_data(as_text=True)
    assert "The latest run failed; the previous results are still shown." in html
    failed = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "matching.run_failed"))
    assert failed.object_id == str(new.id) and "engine exploded" in failed.details["error"]


def test_new_run_replaces_results_and_keeps_the_coach_curation(client, coach, world, db_session) -> None:
    _start(client)
    first = db_session.scalar(select(MatchRun).where(MatchRun.is_current.is_(True)))
    match = db_session.scalar(select(MatchSuggestion).where(MatchSuggestion.run_id == first.id)
                              .order_by(MatchSuggestion.score.desc()))
    assert client.post(f"/coach/matching/matches/{match.id}/recommend", data={}).status_code == 302
    client.post(f"/coach/matching/matches/{match.id}/note", data={"note": "Ring henne"})
    _start(client)
    db_session.expire_all()
    second = db_session.scalar(select(MatchRun).where(MatchRun.is_current.is_(True)))
    assert second.id != first.id
    assert db_session.scalar(select(func.count(MatchRun.id)).where(MatchRun.is_current.is_(True))) == 1
    carried = db_session.scalar(select(MatchSuggestion).where(MatchSuggestion.run_id == second.id,
                                                              MatchSuggestion.student_id == match.student_id,
                                                              MatchSuggestion.offer_id == match.offer_id))
    assert carried.status == MatchStatus.RECOMMENDED and carried.recommended_by_id == coach.id
    assert carried.coach_note == "Ring henne"


def test_old_runs_matches_are_pruned_but_the_previous_run_is_kept(client, coach, world, db_session) -> None:
    for _ in range(3):
        _start(client)
    runs = db_session.scalars(select(MatchRun).order_by(MatchRun.id)).all()
    counts = [db_session.scalar(select(func.count(MatchSuggestion.id)).where(MatchSuggestion.run_id == r.id))
              for r in runs]
    assert counts[0] == 0 and counts[1] > 0 and counts[2] > 0
    assert len(runs) == 3  # history stays


def test_coverage_per_program(client, coach, world, db_session, factory) -> None:
    factory.offer(title="Lärling hos smeden", description="Smide av järn i ässja")  # nobody fits
    _start(client, threshold="0.99")
    run = db_session.scalar(select(MatchRun).where(MatchRun.is_current.is_(True)))
    assert run.counts["students_without_good_match"] == 3  # nobody reaches 0.99
    assert run.counts["offers_without_candidates"] >= 1
    html = client.get("/coach/matching").get_data(as_text=True)
    assert "Programme datateknik" in html or "Program datateknik" in html
    assert "Lärling hos smeden" in html  # listed under offers without candidates
    data_row = run.counts["programs"][str(world["students"][0].program_id)]
    assert data_row["students"] == 2 and data_row["no_good_match"] == 2


def test_browse_filters_by_program_and_shows_reasons(client, coach, world, db_session) -> None:
    _start(client)
    nurse_program = world["students"][2].program_id
    html = client.get(f"/coach/matching/matches?program={nurse_program}").get_data(as_text=True)
    assert "Sommarjobb inom omvårdnad" in html
    # Only the nurse's suggestions: each match names its student's program, and the data students' best
    # offer (which the nurse may also get, with a trace of a score) is never theirs here.
    assert set(re.findall(r"· Programme (\w+)", html)) == {"sjukskoterska"}
    assert "Common words" in html
    # The nurse's trace of a score on the Python thesis shares only word parts: no word is named as common,
    # and the card says so, in both languages.
    def thesis_card(html: str) -> str:
        return html.split("Examensarbete: webbtjänster i Python</h2>")[1].split("</article>")[0]

    card = thesis_card(html)
    assert "Common words" not in card and "No distinctive words in common: a weak text match." in card
    client.post("/lang", data={"lang": "sv"})
    html = client.get(f"/coach/matching/matches?program={nurse_program}").get_data(as_text=True)
    card = thesis_card(html)
    assert "Gemensamma ord" not in card and "Inga utmärkande ord gemensamma: en svag likhet i texten." in card
    assert "Gemensamma ord" in html


def test_browse_paginates(client, coach, world, db_session) -> None:
    _start(client)
    total = db_session.scalar(select(func.count(MatchSuggestion.id)))
    from matchmaker.services.matching_runs import curation as matching_curation

    run = matching_runs.current_run(db_session)
    page = matching_curation.browse(db_session, run, page=2, per_page=2)
    assert page.total == total and len(page.items) == min(2, max(0, total - 2)) and page.pages == -(-total // 2)


def test_recommend_dismiss_and_note_are_audited(client, coach, world, db_session) -> None:
    _start(client)
    match = db_session.scalar(select(MatchSuggestion).order_by(MatchSuggestion.id))
    client.post(f"/coach/matching/matches/{match.id}/recommend", data={"next": "/coach/matching/matches?page=1"})
    db_session.refresh(match)
    assert match.status == MatchStatus.RECOMMENDED and match.recommended_at is not None
    response = client.post(f"/coach/matching/matches/{match.id}/dismiss", data={"next": "https://evil.example/"})
    assert response.headers["Location"] == "/coach/matching/matches"  # no open redirect
    db_session.refresh(match)
    assert match.status == MatchStatus.DISMISSED and match.recommended_by_id is None
    client.post(f"/coach/matching/matches/{match.id}/note", data={"note": "x" * 2001})
    db_session.refresh(match)
    assert match.coach_note == ""
    actions = set(db_session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == str(match.id))))
    assert {"match.recommend", "match.dismiss"} <= actions


def test_acting_on_a_replaced_run_is_refused(client, coach, world, db_session) -> None:
    _start(client)
    old_match = db_session.scalar(select(MatchSuggestion).order_by(MatchSuggestion.id))
    _start(client)
    client.post(f"/coach/matching/matches/{old_match.id}/recommend", data={})
    db_session.refresh(old_match)
    assert old_match.status == MatchStatus.SUGGESTED
    assert client.post("/coach/matching/matches/999999/recommend", data={}).status_code == 404


def test_history_lists_runs_with_parameters_and_duration(client, coach, world) -> None:
    _start(client, k=7)
    html = client.get("/coach/matching/runs").get_data(as_text=True)
    assert "Matches per student: 7" in html and "Succeeded" in html and " s</td>" in html


def test_interrupted_runs_do_not_block_new_ones(client, coach, world, db_session) -> None:
    from matchmaker.models import utcnow

    stuck = MatchRun(status=RunStatus.RUNNING, created_at=utcnow() - timedelta(hours=3))
    db_session.add(stuck)
    db_session.flush()
    _start(client)
    db_session.refresh(stuck)
    assert stuck.status == RunStatus.FAILED and "interrupted" in stuck.error
    assert matching_runs.current_run(db_session).status == RunStatus.SUCCEEDED


def test_a_run_stores_the_score_bands_students_read(client, coach, world, db_session, monkeypatch) -> None:
    from matchmaker.services.matching_runs import strength as match_strength

    _start(client)
    assert matching_runs.current_run(db_session).counts["score_bands"] is None  # 3 students: too few
    monkeypatch.setattr(match_strength, "MIN_STUDENTS", 3)
    _start(client)
    run = matching_runs.current_run(db_session)
    scores = [m.score for m in db_session.scalars(select(MatchSuggestion).where(MatchSuggestion.run_id == run.id))]
    bands = run.counts["score_bands"]
    assert 0 < bands["good"] <= bands["strong"] <= max(scores)
    assert match_strength.current_bands(db_session) == match_strength.Bands(**bands)
