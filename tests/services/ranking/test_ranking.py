"""The database bridge to the matching engine: documents, the live index, and the use cases."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from matchmaker.models import (
    Application,
    CompetenceContract,
    ContractStatus,
    DismissedOffer,
    OfferKind,
    OfferStatus,
    utcnow,
)
from matchmaker.services.ranking import documents, rank
from matchmaker.services.ranking.index import OfferIndex

pytestmark = pytest.mark.db

TODAY = date.today()


def _search(index: OfferIndex, session, **kw):
    """Karriärsök's ranking call on a fresh snapshot of the index."""
    return rank.search_offers(index.snapshot(session), **kw)


@pytest.fixture
def world(factory):
    north = factory.municipality("Sundsvall", county="Västernorrlands län")
    inland = factory.municipality("Sorsele", county="Västerbottens län", sparsely_populated=True)
    data = factory.program("data")
    nurse = factory.program("nurse")
    org = factory.organization("Kodbolaget AB", municipality=north)
    care = factory.organization("Region Exempel")
    offers = {
        "dev": factory.offer(org, title="Systemutvecklare sommarpraktik", kind=OfferKind.SUMMER_INTERNSHIP,
                             description="Utveckling av system i Python och webbtjänster.", skills=["Python", "SQL"],
                             municipality=north, programs=[data]),
        "care": factory.offer(care, title="Sjuksköterska vid vårdcentral", kind=OfferKind.JOB,
                              description="Arbete på vårdcentraler i inlandet med patientnära vård.",
                              skills=["omvårdnad"], municipality=inland, programs=[nurse]),
        "draft": factory.offer(org, title="Python-utvecklare (utkast)", status=OfferStatus.DRAFT,
                               description="Python Python Python"),
    }
    student = factory.student(about="Jag gillar systemutveckling och Python, vill jobba med webbutveckling.",
                              skills=["Python"], program=data,
                              preferred_kinds=["summer_internship", "job"]).student_profile
    return {"offers": offers, "student": student, "org": org, "care": care, "data": data}


def test_offer_and_student_documents_carry_the_fields(world) -> None:
    doc = documents.offer_doc(world["offers"]["care"])
    assert doc.county == "Västerbottens län" and doc.sparse is True
    assert doc.programs == ("nurse",) and doc.kind == "job"
    sdoc = documents.student_doc(world["student"])
    assert sdoc.program == "data" and sdoc.skills == ("Python",)


def test_search_ranks_the_relevant_offer_first_and_ignores_drafts(offer_index, db_session, world) -> None:
    results = _search(offer_index, db_session, profile=None, query="python utvecklare", candidate_ids=None, k=10)
    ids = [r.offer_id for r in results]
    assert ids[0] == world["offers"]["dev"].id
    assert world["offers"]["draft"].id not in ids
    assert 0 < results[0].score <= 1
    assert any(r["kind"] == "term" for r in results[0].reasons)


def test_candidates_restrict_the_search(offer_index, db_session, world) -> None:
    only = [world["offers"]["care"].id]
    results = _search(offer_index, db_session, profile=None, query="python vård", candidate_ids=only, k=10)
    assert [r.offer_id for r in results] == only


def test_newly_published_offer_is_found_at_once(offer_index, db_session, factory, world) -> None:
    assert _search(offer_index, db_session, profile=None, query="skogsbruk", candidate_ids=None, k=5) == []
    fresh = factory.offer(world["org"], title="Skogsbruk och skogsplanering", description="Skogsbruk i norr.")
    results = _search(offer_index, db_session, profile=None, query="skogsbruk", candidate_ids=None, k=5)
    assert [r.offer_id for r in results] == [fresh.id]
    fresh.status = OfferStatus.CLOSED
    db_session.flush()
    assert _search(offer_index, db_session, profile=None, query="skogsbruk", candidate_ids=None, k=5) == []


def test_recommendations_respect_filters_dismissals_and_applications(offer_index, db_session, world) -> None:
    student = world["student"]
    first = rank.recommend_offers(db_session, offer_index, student, k=10)
    assert [r.offer_id for r in first] == [world["offers"]["dev"].id]  # the nurse job is for another program
    db_session.add(DismissedOffer(student_id=student.id, offer_id=world["offers"]["dev"].id))
    db_session.flush()
    assert rank.recommend_offers(db_session, offer_index, student, k=10) == []


def test_applied_offers_are_not_recommended(offer_index, db_session, world) -> None:
    student = world["student"]
    db_session.add(Application(student=student, offer=world["offers"]["dev"]))
    db_session.flush()
    assert rank.recommend_offers(db_session, offer_index, student, k=10) == []


def test_only_consenting_students_are_ranked_for_an_offer(offer_index, db_session, factory, world) -> None:
    offer = world["offers"]["dev"]
    assert rank.rank_students_for_offer(db_session, offer_index, offer) == []
    world["student"].visible_to_employers = True
    world["student"].consent_at = utcnow()
    db_session.flush()
    [only] = rank.rank_students_for_offer(db_session, offer_index, offer)
    assert only.student_id == world["student"].id and only.score > 0


def test_explain_pair_gives_reasons_even_for_unpublished_offers(offer_index, db_session, world) -> None:
    ranked = rank.explain_pair(db_session, offer_index, world["student"], world["offers"]["draft"])
    assert ranked.score > 0
    assert any(r["kind"] in ("term", "skill") for r in ranked.reasons)


def test_contract_boost_follows_an_active_contract(offer_index, db_session, world) -> None:
    db_session.add(CompetenceContract(organization=world["org"], period_start=TODAY - timedelta(days=10),
                                      period_end=TODAY + timedelta(days=300), status=ContractStatus.ACTIVE))
    db_session.flush()
    assert world["org"].id in documents.contract_org_ids(db_session, TODAY)
    [best, *_] = _search(offer_index, db_session, profile=world["student"], query="", candidate_ids=None, k=3)
    assert any(r["kind"] == "boost" for r in best.reasons)


def test_background_refit_makes_new_words_findable(tmp_path) -> None:
    """Outside tests the refit runs in a thread; the upserted offer is in the index at once."""
    from sqlalchemy.orm import Session

    from matchmaker.models import Base
    from matchmaker.models.database import make_engine
    from tests.conftest import Factory

    index = OfferIndex(background_refit=True)
    engine = make_engine(f"sqlite:///{tmp_path / 'refit.sqlite'}")
    Base.metadata.create_all(engine)
    with Session(engine, expire_on_commit=False) as session:
        make = Factory(session)
        org = make.organization()
        make.offer(org, title="Systemutvecklare", description="Utveckling av system i Python.")
        session.commit()
        assert rank.search_offers(index.snapshot(session), profile=None, query="python", candidate_ids=None, k=5)
        fresh = make.offer(org, title="Renskötsel och fjällturism", description="Renskötsel i fjällen.")
        session.commit()
        ranker = index.snapshot(session)
        assert str(fresh.id) in ranker.offer_ids_  # upserted at once, no refit on the request path
        index.wait_for_refit()
        results = rank.search_offers(index.snapshot(session), profile=None, query="renskötsel", candidate_ids=None, k=5)
        assert [r.offer_id for r in results] == [fresh.id]
    engine.dispose()


def _file_db(tmp_path, name: str):  # noqa: ANN202
    from matchmaker.models import Base
    from matchmaker.models.database import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / name}")
    Base.metadata.create_all(engine)
    return engine


def test_freshness_is_checked_at_most_once_per_interval(tmp_path, monkeypatch) -> None:
    from sqlalchemy.orm import Session

    from tests.conftest import Factory

    engine = _file_db(tmp_path, "check.sqlite")
    checks: list[int] = []
    real = OfferIndex._current_signature
    monkeypatch.setattr(OfferIndex, "_current_signature",
                        staticmethod(lambda session, today: checks.append(1) or real(session, today)))
    with Session(engine, expire_on_commit=False) as session:
        make = Factory(session)
        make.offer(make.organization(), title="Systemutvecklare", description="Python.")
        session.commit()
        cached, every = OfferIndex(background_refit=False, check_seconds=3600), OfferIndex(background_refit=False)
        for _ in range(5):
            assert cached.snapshot(session) is not None
        assert len(checks) == 1  # one signature query for five requests
        checks.clear()
        for _ in range(3):
            every.snapshot(session)
        assert len(checks) == 3
    engine.dispose()


def test_full_refit_waits_for_the_change_threshold(tmp_path) -> None:
    from sqlalchemy.orm import Session

    from tests.conftest import Factory

    engine = _file_db(tmp_path, "threshold.sqlite")
    index = OfferIndex(background_refit=False, refit_changes=2)
    with Session(engine, expire_on_commit=False) as session:
        make = Factory(session)
        org = make.organization()
        make.offer(org, title="Systemutvecklare", description="Utveckling av system i Python.")
        session.commit()
        index.snapshot(session)
        first = make.offer(org, title="Renskötsel", description="Renskötsel i fjällen.")
        session.commit()
        ranker = index.snapshot(session)
        assert str(first.id) in ranker.offer_ids_  # upserted at once
        assert not any("rensköt" in f for f in ranker.vectorizer_.vocabulary_)  # new words wait for a refit
        make.offer(org, title="Fjällturism", description="Guidning i fjällen.")
        session.commit()
        ranker = index.snapshot(session)  # the second change reaches the threshold: refit inline
        assert any("rensköt" in f for f in ranker.vectorizer_.vocabulary_)
    engine.dispose()


def test_warm_builds_the_index_before_the_first_request(tmp_path, monkeypatch) -> None:
    from sqlalchemy.orm import Session, sessionmaker

    from tests.conftest import Factory

    engine = _file_db(tmp_path, "warm.sqlite")
    with Session(engine, expire_on_commit=False) as session:
        make = Factory(session)
        make.offer(make.organization(), title="Systemutvecklare", description="Python.")
        session.commit()
    index = OfferIndex(background_refit=False)
    index.warm(sessionmaker(engine)).join(60)
    fits: list[int] = []
    real = OfferIndex._fit
    monkeypatch.setattr(OfferIndex, "_fit", lambda self, s, today: fits.append(1) or real(self, s, today))
    with Session(engine) as session:
        assert index.snapshot(session) is not None
    assert fits == []  # the request found the index already fitted
    engine.dispose()


def test_one_process_refits_and_saves_the_others_load_the_file(tmp_path, monkeypatch) -> None:
    from sqlalchemy.orm import Session

    from matchmaker.matching import Ranker
    from tests.conftest import Factory

    engine = _file_db(tmp_path, "shared.sqlite")
    path = tmp_path / "index.npz"
    refitter = OfferIndex(background_refit=False, path=path)
    reader = OfferIndex(background_refit=False, path=path, refitter=False, refit_changes=2)
    fits: list[int] = []
    real_fit = Ranker.fit
    monkeypatch.setattr(Ranker, "fit", lambda self, *a, **kw: fits.append(1) or real_fit(self, *a, **kw))
    with Session(engine, expire_on_commit=False) as session:
        make = Factory(session)
        org = make.organization()
        make.offer(org, title="Systemutvecklare", description="Utveckling av system i Python.")
        session.commit()
        assert refitter.snapshot(session) is not None and path.exists() and len(fits) == 1
        fresh = make.offer(org, title="Renskötsel", description="Renskötsel i fjällen.")
        session.commit()
        ranker = reader.snapshot(session)  # loads the saved fit, upserts the offer published since
        assert len(fits) == 1 and str(fresh.id) in ranker.offer_ids_
        refitter.snapshot(session)  # the refitter refits (threshold 1) and saves the new words
        assert len(fits) == 2
        make.offer(org, title="Fjällturism", description="Guidning i fjällen.")
        make.offer(org, title="Fjällguide", description="Guidning i fjällen.")
        session.commit()
        ranker = reader.snapshot(session)  # two changes: the reader's threshold reloads the refitter's file
        assert any("rensköt" in f for f in ranker.vectorizer_.vocabulary_)
        assert len(ranker.offer_ids_) == 4
    engine.dispose()


def test_an_offer_committed_in_this_process_is_searchable_at_once(tmp_path) -> None:
    from sqlalchemy.orm import Session

    from matchmaker.models import OfferStatus
    from matchmaker.services.ranking.index import watch_offer_changes
    from tests.conftest import Factory

    engine = _file_db(tmp_path, "watch.sqlite")
    index = OfferIndex(background_refit=False, check_seconds=3600)  # without the watch: stale for an hour
    with Session(engine, expire_on_commit=False) as session:
        watch_offer_changes(session, index)
        make = Factory(session)
        org = make.organization()
        make.offer(org, title="Systemutvecklare", description="Utveckling av system i Python.")
        session.commit()
        index.snapshot(session)
        draft = make.offer(org, title="Renskötsel", description="Renskötsel i fjällen.", status=OfferStatus.DRAFT)
        session.commit()
        assert str(draft.id) not in index.snapshot(session).offer_ids_
        draft.status = OfferStatus.PUBLISHED  # a coach approves it
        session.commit()
        assert str(draft.id) in index.snapshot(session).offer_ids_
    with Session(engine, expire_on_commit=False) as other:  # a session without the watch: the cache holds
        hidden = Factory(other).offer(other.merge(org), title="Fjällturism", description="Guidning.")
        other.commit()
        assert str(hidden.id) not in index.snapshot(other).offer_ids_
    engine.dispose()
