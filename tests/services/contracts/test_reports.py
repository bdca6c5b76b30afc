"""Reports: figures checked against numbers worked out by hand on a small dataset, and on the demo data."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from matchmaker.models import Application, Municipality, Offer, Placement
from matchmaker.seed import demo as seed
from matchmaker.services.contracts import reports
from matchmaker.services.contracts.reports import Period

pytestmark = pytest.mark.db


@pytest.fixture
def data(report_data: dict[str, Any]) -> dict[str, Any]:
    """The hand-worked dataset of tests/fixtures/reports.py."""
    return report_data


def _counts(rows):
    return [(r["label"], r["count"]) for r in rows]


def test_placements_by_dimension(db_session, data) -> None:
    everything = Period()
    assert _counts(reports.placements_by(db_session, everything, "kind")) == [
        ("degree_project", 2), ("internship", 2), ("summer_internship", 1)]
    assert _counts(reports.placements_by(db_session, everything, "program")) == [
        ("Program p-one", 2), ("Program p-two", 2), ("", 1)]
    assert _counts(reports.placements_by(db_session, everything, "municipality")) == [
        ("Kiruna", 2), ("", 1), ("Stockholm", 1), ("Umeå", 1)]
    assert _counts(reports.placements_by(db_session, everything, "term")) == [
        ("VT2026", 2), ("HT2026", 2), ("VT2027", 1)]
    assert _counts(reports.placements_by(db_session, Period(term="HT2026"), "kind")) == [
        ("internship", 1), ("summer_internship", 1)]
    window = Period(start=date(2026, 2, 15), end=date(2026, 8, 31))
    assert _counts(reports.placements_by(db_session, window, "term")) == [("VT2026", 1), ("HT2026", 1)]


def test_region_share(db_session, data) -> None:
    assert reports.region_share(db_session, Period()) == {
        "total": 5, "in_region": 3, "sparse": 2, "unknown": 1, "share_region": 0.6, "share_sparse": 0.4}
    assert reports.region_share(db_session, Period(term="HT2026")) == {
        "total": 2, "in_region": 1, "sparse": 0, "unknown": 0, "share_region": 0.5, "share_sparse": 0.0}
    assert reports.in_region("Västernorrlands län") and reports.in_region("Gävleborg")
    assert not reports.in_region("Stockholms län") and not reports.in_region(None)


def test_time_to_first_application(db_session, data) -> None:
    # Offers with applications: 2, 0.5 and 10 days; o4 has none.
    assert reports.time_to_first_application(db_session, Period()) == {
        "offers": 3, "without_application": 1, "median_days": 2.0, "mean_days": 4.17}
    assert reports.time_to_first_application(db_session, Period(term="VT2026"))["without_application"] == 0
    assert reports.time_to_first_application(db_session, Period(start=date(2026, 2, 1), end=date(2026, 2, 1))) == {
        "offers": 1, "without_application": 0, "median_days": 0.5, "mean_days": 0.5}


def test_funnel(db_session, data) -> None:
    assert reports.funnel(db_session, Period()) == {"recommended": 4, "applied": 2, "placed": 2}
    assert reports.funnel(db_session, Period(start=date(2026, 3, 1))) == {"recommended": 2, "applied": 1, "placed": 1}
    assert reports.funnel(db_session, Period(term="HT2026")) == {"recommended": 0, "applied": 0, "placed": 0}


def test_contract_fulfilment(db_session, data) -> None:
    rows = reports.contract_fulfilment(db_session, Period(), date(2026, 7, 2))
    assert [(r["title"], r["committed"], r["placements"], r["completed"], r["fulfilment"], r["state"])
            for r in rows] == [("C2", 2, 0, 0, 0.0, "behind"), ("C1", 4, 3, 1, 0.75, "on_track")]
    assert [r["title"] for r in reports.contract_fulfilment(db_session, Period(term="VT2026"), date(2026, 7, 2))] == [
        "C1"]


def test_period_bounds() -> None:
    assert Period(term="HT2026").bounds() == (date(2026, 9, 1), date(2026, 12, 31))
    assert Period(term="SO2026").bounds() == (date(2026, 6, 1), date(2026, 8, 31))
    assert Period(term="VT2026", start=date(2026, 3, 1)).bounds() == (date(2026, 3, 1), date(2026, 5, 31))


def test_reports_on_the_demo_data(db_session) -> None:
    seed.load_demo(db_session, today=date(2026, 5, 4))
    found = db_session.scalars(select(Placement)).all()
    assert found, "the demo has placements"
    # Expected figures computed straight from the rows, without the report queries.
    by_kind = Counter(p.offer.kind.value for p in found)
    by_term = Counter(p.term for p in found)
    places = [p.offer.municipality or p.offer.organization.municipality for p in found]
    by_municipality = Counter(m.name if m else "" for m in places)
    assert {r["key"]: r["count"] for r in reports.placements_by(db_session, Period(), "kind")} == by_kind
    assert {r["key"]: r["count"] for r in reports.placements_by(db_session, Period(), "term")} == by_term
    assert {r["label"]: r["count"] for r in reports.placements_by(db_session, Period(), "municipality")} == \
        by_municipality
    region = reports.region_share(db_session, Period())
    assert region["total"] == len(found)
    # The demo catalogue holds exactly the five northern counties, so "in the region" is "in the catalogue".
    counties = set(db_session.scalars(select(Municipality.county)))
    assert len(counties) == 5
    assert region["in_region"] == sum(1 for m in places if m is not None and m.county in counties)
    assert region["sparse"] == sum(1 for m in places if m is not None and m.sparsely_populated)
    firsts = {}
    for a in db_session.scalars(select(Application)):
        firsts[a.offer_id] = min(firsts.get(a.offer_id, a.created_at), a.created_at)
    days = [(firsts[o.id] - o.published_at).total_seconds() / 86400
            for o in db_session.scalars(select(Offer).where(Offer.published_at.is_not(None))) if o.id in firsts]
    timing = reports.time_to_first_application(db_session, Period())
    assert timing["offers"] == len(days)
    if days:
        assert timing["median_days"] == round(max(0.0, statistics.median(days)), 2)
