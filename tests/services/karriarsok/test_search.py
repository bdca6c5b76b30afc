"""Karriärsök search: only open offers, filters in SQL, query as filter and ranking, sorting, pagination."""

from __future__ import annotations

from datetime import timedelta

import pytest

from matchmaker.models import OfferKind, utcnow
from matchmaker.services.karriarsok import search
from matchmaker.services.karriarsok.search import SearchParams
from matchmaker.services.ranking.index import OfferIndex
from tests.fixtures.karriarsok import TODAY, World

pytestmark = pytest.mark.db


@pytest.fixture
def world(karriarsok_world: World) -> World:
    """The offers, students and staff of tests/fixtures/karriarsok.py."""
    return karriarsok_world


def ids(db_session, profile=None, **params) -> list[int]:
    page = search.search(db_session, OfferIndex(background_refit=False), SearchParams(**params), profile, TODAY)
    return [h.offer.id for h in page.hits]


def test_only_published_open_offers_are_listed(db_session, world) -> None:
    found = set(ids(db_session, sort="newest"))
    assert found == {world.dev.id, world.nursing.id, world.remote.id}
    assert not found & {world.draft.id, world.expired.id, world.closed.id}


def test_query_filters_and_ranks(db_session, world) -> None:
    found = ids(db_session, q="python")
    assert set(found) == {world.dev.id, world.remote.id}
    assert ids(db_session, q="vårdcentral") == [world.nursing.id]
    assert ids(db_session, q="xyzzyqwerty") == []


def test_query_with_profile_ranks_only_query_matches(db_session, world) -> None:
    nurse = world.student_b.student_profile
    assert set(ids(db_session, nurse, q="python")) == {world.dev.id, world.remote.id}


@pytest.mark.parametrize(("params", "expected"), [
    ({"kind": "job"}, {"nursing"}),
    ({"program": "data"}, {"dev", "remote"}),  # remote names no programs: open to all
    ({"county": "Västerbottens län"}, {"nursing"}),
    ({"remote": True}, {"remote"}),
    ({"within_days": 15}, {"dev"}),
    ({"contract": True}, {"nursing"}),
])
def test_filters(db_session, world, params, expected) -> None:
    names = {getattr(world, n).id: n for n in ("dev", "nursing", "remote")}
    assert {names[i] for i in ids(db_session, sort="newest", **params)} == expected


def test_municipality_filter(db_session, world) -> None:
    assert ids(db_session, municipality=world.sundsvall.id) == [world.dev.id]


def test_contract_filter_needs_an_active_contract_covering_today(db_session, factory, world) -> None:
    from matchmaker.models import CompetenceContract, ContractStatus

    org = factory.organization()
    factory.offer(org, title="Trainee", description="Trainee i region", published_at=utcnow())
    db_session.add(CompetenceContract(organization=org, title="Gammalt", period_start=TODAY - timedelta(days=400),
                                      period_end=TODAY - timedelta(days=10), status=ContractStatus.ACTIVE))
    db_session.add(CompetenceContract(organization=org, title="Utkast", period_start=TODAY,
                                      period_end=TODAY + timedelta(days=10), status=ContractStatus.DRAFT))
    db_session.flush()
    assert ids(db_session, contract=True) == [world.nursing.id]


def test_sort_newest_and_deadline(db_session, world) -> None:
    assert ids(db_session, sort="newest") == [world.dev.id, world.remote.id, world.nursing.id]
    # Offers without a deadline come last.
    assert ids(db_session, sort="deadline") == [world.dev.id, world.nursing.id, world.remote.id]
    assert ids(db_session, q="python", sort="deadline") == [world.dev.id, world.remote.id]


def test_best_match_for_a_student_without_query_puts_profile_matches_first(offer_index, db_session, world) -> None:
    nurse = world.student_b.student_profile
    found = ids(db_session, nurse)
    assert found[0] == world.nursing.id and len(found) == 3
    page = search.search(db_session, offer_index, SearchParams(), nurse, TODAY)
    assert page.hits[0].score > 0 and any(r["kind"] == "skill" for r in page.hits[0].reasons)


def test_anonymous_results_without_query_have_no_score(offer_index, db_session, world) -> None:
    page = search.search(db_session, offer_index, SearchParams(), None, TODAY)
    assert all(h.score is None for h in page.hits)


def test_pagination(offer_index, db_session, factory, world) -> None:
    org = factory.organization()
    for n in range(search.PER_PAGE + 5):
        factory.offer(org, kind=OfferKind.JOB, title=f"Lagerjobb {n}", description="Lager och logistik",
                      published_at=utcnow() - timedelta(minutes=n))
    first = search.search(db_session, offer_index, SearchParams(q="lager"), None, TODAY)
    second = search.search(db_session, offer_index, SearchParams(q="lager", page=2), None, TODAY)
    assert (first.total, first.pages, len(first.hits), len(second.hits)) == (25, 2, 20, 5)
    assert not {h.offer.id for h in first.hits} & {h.offer.id for h in second.hits}
    student = world.student_b.student_profile
    p1 = search.search(db_session, offer_index, SearchParams(), student, TODAY)
    p2 = search.search(db_session, offer_index, SearchParams(page=2), student, TODAY)
    assert p1.total == 28 and len(p1.hits) == 20 and len(p2.hits) == 8
    assert not {h.offer.id for h in p1.hits} & {h.offer.id for h in p2.hits}


def test_params_are_parsed_leniently_and_round_trip() -> None:
    params = SearchParams.from_args({"q": "  python   sql ", "kind": "bogus", "municipality": "x", "remote": "1",
                                     "within_days": "9999", "sort": "weird", "page": "0"})
    assert (params.q, params.kind, params.municipality, params.remote, params.within_days, params.sort,
            params.page) == ("python sql", "", None, True, 366, "best", 1)
    assert SearchParams.from_args(params.to_args()) == params
    assert params.to_args() == {"q": "python sql", "remote": "1", "within_days": "366"}


def test_whole_index_and_explicit_candidates_agree(db_session, world, monkeypatch) -> None:
    # With no filter the whole index is ranked and closed offers dropped afterwards (MAX_STALE 200);
    # with many closed offers the open ids are passed explicitly (MAX_STALE 0). Both give the same pages.
    student = world.student_a.student_profile
    runs = []
    for max_stale in (200, 0):
        monkeypatch.setattr(search, "MAX_STALE", max_stale)
        runs.append((ids(db_session, q="python"), ids(db_session, student), ids(db_session, student, q="python")))
    assert runs[0] == runs[1]
    assert set(runs[0][0]) == {world.dev.id, world.remote.id} and world.expired.id not in runs[0][2]
    assert set(runs[0][1]) == {world.dev.id, world.nursing.id, world.remote.id}
