"""Reports: figures checked against numbers worked out by hand on a small dataset, and on the demo data."""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from matchmaker.core import charts
from matchmaker.models import (
    Application,
    CompetenceContract,
    ContractCommitment,
    MatchRun,
    MatchStatus,
    MatchSuggestion,
    Municipality,
    Offer,
    OfferKind,
    Placement,
)
from matchmaker.seed import demo as seed
from matchmaker.services.contracts import reports
from matchmaker.services.contracts.reports import Period

pytestmark = pytest.mark.db


def _at(y: int, m: int, d: int, h: int = 0) -> datetime:
    return datetime(y, m, d, h, tzinfo=UTC)


@pytest.fixture
def data(db_session, factory, people):
    """The dataset; the expected figures in the tests below are worked out from it by hand."""
    p1, p2 = factory.program("p-one"), factory.program("p-two")
    kiruna = factory.municipality("Kiruna", county="Norrbottens län", sparsely_populated=True)
    umea = factory.municipality("Umeå", county="Västerbotten")
    sthlm = factory.municipality("Stockholm", county="Stockholms län")
    org_x, org_y = people["org_x"], people["org_y"]
    org_x.municipality = umea
    o1 = factory.offer(org_x, kind=OfferKind.DEGREE_PROJECT, municipality=kiruna, published_at=_at(2026, 1, 1))
    o2 = factory.offer(org_x, kind=OfferKind.INTERNSHIP, published_at=_at(2026, 2, 1))  # at the org: Umeå
    o3 = factory.offer(org_y, kind=OfferKind.SUMMER_INTERNSHIP, municipality=sthlm, published_at=_at(2026, 3, 1))
    o4 = factory.offer(org_y, kind=OfferKind.INTERNSHIP, published_at=_at(2026, 9, 1))  # place unknown
    s1, s2, s3 = (factory.student().student_profile for _ in range(3))
    db_session.add_all([
        Application(student_id=s1.id, offer_id=o1.id, created_at=_at(2026, 1, 3)),      # 2 days
        Application(student_id=s2.id, offer_id=o1.id, created_at=_at(2026, 1, 5)),
        Application(student_id=s3.id, offer_id=o2.id, created_at=_at(2026, 2, 1, 12)),  # 0.5 days
        Application(student_id=s1.id, offer_id=o3.id, created_at=_at(2026, 3, 11)),     # 10 days
    ])
    contract = CompetenceContract(organization=org_x, title="C1", period_start=date(2026, 1, 1),
                                  period_end=date(2026, 12, 31))
    line1 = ContractCommitment(kind=OfferKind.DEGREE_PROJECT, program_id=p1.id, count=3)
    line2 = ContractCommitment(kind=OfferKind.INTERNSHIP, program_id=p2.id, count=1)
    contract.commitments += [line1, line2]
    old = CompetenceContract(organization=org_y, title="C2", period_start=date(2025, 1, 1),
                             period_end=date(2025, 6, 30))
    old.commitments.append(ContractCommitment(kind=OfferKind.INTERNSHIP, program_id=p1.id, count=2))
    db_session.add_all([contract, old])
    db_session.flush()
    o1.commitment, o2.commitment = line1, line2
    db_session.add_all([
        Placement(student_id=s1.id, offer_id=o1.id, program_id=p1.id, term="VT2026", period_start=date(2026, 2, 1),
                  completed=True),
        Placement(student_id=s2.id, offer_id=o1.id, program_id=p1.id, term="VT2026", period_start=date(2026, 3, 1)),
        Placement(student_id=s3.id, offer_id=o2.id, program_id=p2.id, term="HT2026", period_start=date(2026, 8, 15)),
        Placement(student_id=s1.id, offer_id=o3.id, program_id=None, term="HT2026", period_start=date(2026, 9, 1)),
        Placement(student_id=None, offer_id=o4.id, program_id=p2.id, term="VT2027", period_start=date(2027, 1, 10)),
    ])
    run1, run2 = MatchRun(), MatchRun()
    db_session.add_all([run1, run2])
    db_session.flush()

    def match(run, s, o, status, at):
        return MatchSuggestion(run_id=run.id, student_id=s.id, offer_id=o.id, score=0.5, status=status,
                               recommended_at=at)

    db_session.add_all([
        match(run1, s1, o1, MatchStatus.RECOMMENDED, _at(2026, 1, 2)),   # applied after, placed
        match(run2, s1, o1, MatchStatus.RECOMMENDED, _at(2026, 1, 20)),  # same pair again: counted once
        match(run1, s2, o3, MatchStatus.RECOMMENDED, _at(2026, 3, 2)),   # never applied
        match(run1, s3, o2, MatchStatus.RECOMMENDED, _at(2026, 2, 2)),   # applied before the recommendation
        match(run1, s1, o3, MatchStatus.RECOMMENDED, _at(2026, 3, 5)),   # applied after, placed
        match(run1, s2, o1, MatchStatus.SUGGESTED, None),                # not recommended: not counted
    ])
    db_session.flush()
    return {"p1": p1, "p2": p2, "kiruna": kiruna, "umea": umea, "sthlm": sthlm, "contract": contract, "old": old}


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
    assert Period(term="HT2026").bounds() == (date(2026, 7, 1), date(2026, 12, 31))
    assert Period(term="VT2026", start=date(2026, 3, 1)).bounds() == (date(2026, 3, 1), date(2026, 6, 30))


def test_chart_svg_is_safe_inline() -> None:
    svg = charts.bar_chart(["Examensarbete", "Praktik"], [3, 1], "Placeringar")
    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-label="Placeringar"' in svg
    for forbidden in ("style=", "<style", "<script", " on", "javascript:"):
        assert forbidden not in svg, forbidden
    assert 'fill="#0b5cad"' in svg  # the bar colour survived as an attribute
    other = charts.bar_chart(["A"], [1], "B")
    ids = {part.split('"')[0] for part in svg.split(' id="')[1:]}
    assert not ids & {part.split('"')[0] for part in other.split(' id="')[1:]}


def test_reports_page_and_csv(client, login, db_session, data, people) -> None:
    login(people["coach"])
    page = client.get("/coach/reports?term=VT2026")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and html.count("<svg") == 5 and "style=" not in html.split("<main")[1]
    assert "Kiruna" in html and "Stockholm" not in html
    bad = client.get("/coach/reports?term=2026&from=yesterday")
    assert bad.status_code == 400 and "Termin: skriv som HT2026" in bad.get_data(as_text=True)
    body = client.get("/coach/reports/municipality.csv?term=VT2026").data
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows == [["municipality", "label", "placements"], [str(data["kiruna"].id), "Kiruna", "2"]]
    funnel = list(csv.reader(io.StringIO(client.get("/coach/reports/funnel.csv").data.decode("utf-8-sig"))))
    assert funnel == [["recommended", "applied", "placed"], ["4", "2", "2"]]
    contracts = list(csv.reader(io.StringIO(client.get("/coach/reports/contracts.csv").data.decode("utf-8-sig"))))
    assert len(contracts) == 3 and contracts[0][0] == "contract_id"
    for table in ("kind", "program", "term", "region", "time_to_application"):
        assert client.get(f"/coach/reports/{table}.csv").status_code == 200
    assert client.get("/coach/reports/nothing.csv").status_code == 404


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
