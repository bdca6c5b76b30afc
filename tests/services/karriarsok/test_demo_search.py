"""Karriärsök on the seeded demo data (issue 12's examples), through the search service and the offer index."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.models import Offer
from matchmaker.seed.demo import DEFAULT_SEEDS_DIR, load_demo
from matchmaker.services.karriarsok import search
from matchmaker.services.karriarsok.search import SearchPage, SearchParams
from matchmaker.services.ranking.index import OfferIndex

pytestmark = pytest.mark.db

TODAY = date(2026, 3, 2)
FORESTRY = {"gs-exjobb-laserdata", "gs-sommar-skogsskotsel", "gs-trainee-skogsforvaltare", "at-exjobb-kltra"}
IT_THESES = {"nb-exjobb-ml", "nb-exjobb-integration", "nb-thesis-anomaly", "pc-thesis-vision",
             "hs-exjobb-ai-kundtjanst"}
FILLER = {"kommunens", "regionen", "vill", "bygger", "sommar", "och", "i", "att"}


@pytest.fixture
def demo(db_session: Session) -> dict[int, str]:
    """The demo loaded into the test's transaction; offer id -> seed key (matched by title)."""
    load_demo(db_session, today=TODAY)
    keys = {o["title"]: o["key"] for o in yaml.safe_load((DEFAULT_SEEDS_DIR / "offers.yaml").read_text("utf-8"))}
    return {o.id: keys[o.title] for o in db_session.scalars(select(Offer))}


def run(db_session: Session, q: str, language: str | None = None) -> SearchPage:
    return search.search(db_session, OfferIndex(background_refit=False), SearchParams(q=q), None, TODAY, language)


def keys(db_session: Session, demo: dict[int, str], q: str) -> list[str]:
    return [demo[h.offer.id] for h in run(db_session, q).hits]


def test_issue_examples(db_session: Session, demo: dict[int, str]) -> None:
    # One demo load for all examples (loading it is the slow part).
    assert "sk-vfu-larare" in keys(db_session, demo, "teacher")[:3]
    forestry = keys(db_session, demo, "forestry thesis")
    assert forestry and forestry[0] in FORESTRY
    physio = keys(db_session, demo, "sjukgymnast")
    assert physio and physio[0] == "rv-vfu-fysio"
    teacher = keys(db_session, demo, "lärare")
    assert teacher and teacher[0] != "nb-sommar-etjanst" and "nb-sommar-etjanst" not in teacher
    thesis = keys(db_session, demo, "examensarbete skog")[:10]
    first_it = min((thesis.index(k) for k in IT_THESES if k in thesis), default=len(thesis))
    assert thesis[0] in FORESTRY and all(thesis.index(k) < first_it for k in FORESTRY if k in thesis)
    for q in ("lärare", "examensarbete skog", "sjuksköterska", "python", "kommunens e-tjänster"):
        for hit in run(db_session, q).hits:
            terms = [r["label"] for r in hit.reasons if r["kind"] == "term"]
            assert not FILLER & set(terms), (q, terms)


def test_did_you_mean_when_nothing_is_found(db_session: Session, demo: dict[int, str]) -> None:
    page = run(db_session, "pyhton")
    assert page.total == 0 and page.suggestion == "python"
    assert run(db_session, page.suggestion).total > 0
    assert run(db_session, "python").suggestion is None  # found: nothing to suggest


def test_reasons_are_in_the_users_language(db_session: Session, demo: dict[int, str]) -> None:
    en = [r["label"] for r in run(db_session, "lärare", "en").hits[0].reasons if r["kind"] == "term"]
    sv = [r["label"] for r in run(db_session, "teacher", "sv").hits[0].reasons if r["kind"] == "term"]
    assert "teacher" in en and "lärare" not in en
    assert "lärare" in sv and "teacher" not in sv


@pytest.mark.parametrize(("accept", "text"), [("sv", "Menade du"), ("en", "Did you mean")])
def test_karriarsok_page_shows_did_you_mean_in_both_languages(app, client, db_session: Session,
                                                              demo: dict[int, str], accept: str, text: str) -> None:
    html = client.get("/offers?q=pyhton", headers={"Accept-Language": accept}).get_data(as_text=True)
    assert text in html
    assert 'href="/offers?q=python"' in html
