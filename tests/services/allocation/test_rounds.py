"""Allocation rounds: set-up, rankings on both sides, the run, manual adjustment and publication."""

from __future__ import annotations

import random
import warnings
from datetime import date, timedelta

import pytest
from matching.games import HospitalResident
from sqlalchemy import func, select

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import OfferStatus, OutboxMail, Placement, RoundStatus
from matchmaker.services.allocation import preferences as allocation_ranking
from matchmaker.services.allocation import rounds as allocation
from matchmaker.services.allocation.deferred_acceptance import deferred_acceptance
from matchmaker.services.ranking.rank import explain_pair

pytestmark = pytest.mark.db
SOON = date.today() + timedelta(days=7)  # the ranking deadline of the rounds opened here


@pytest.fixture
def setup(db_session, factory, people):
    """A round with two offers of org X (1 and 2 places) and one of org Y (1 place), four students of a program."""
    program = factory.program()
    x1 = factory.offer(people["org_x"], title="X sommarpraktik", places=1, period_start=date(2026, 6, 1),
                       period_end=date(2026, 8, 15))
    x2 = factory.offer(people["org_x"], title="X praktik", places=2)
    y1 = factory.offer(people["org_y"], title="Y praktik", places=1)
    students = [factory.student(program_id=program.id) for _ in range(4)]
    factory.student()  # another program: not added
    coach = people["coach"]
    found = allocation.create_round(db_session, coach, "Sommar 2026", 2)
    for offer in (x1, x2, y1):
        allocation.add_offer(db_session, coach, found, offer.id, None)
    assert allocation.add_students_by_program(db_session, coach, found, program.id) == 4
    allocation.open_round(db_session, coach, found, SOON)
    return {"round": found, "x1": x1, "x2": x2, "y1": y1, "students": [s.student_profile for s in students],
            "program": program, **people}


def test_round_set_up_validation(db_session, factory, people) -> None:
    coach = people["coach"]
    with pytest.raises(ValidationError) as caught:
        allocation.create_round(db_session, coach, " ", 0)
    assert caught.value.errors == {"name": "is required", "max_choices": "must be between 1 and 20"}
    found = allocation.create_round(db_session, coach, "Runda", 3)
    draft = factory.offer(people["org_x"], status=OfferStatus.DRAFT)
    with pytest.raises(ValidationError):
        allocation.add_offer(db_session, coach, found, draft.id, 1)
    offer = factory.offer(people["org_x"], places=2)
    allocation.add_offer(db_session, coach, found, offer.id, None)
    assert found.offers[0].places == 2
    with pytest.raises(ValidationError):
        allocation.add_offer(db_session, coach, found, offer.id, 1)
    with pytest.raises(ValidationError):
        allocation.open_round(db_session, coach, found, SOON)  # no students yet


def test_applicants_of_the_round_offers_can_be_added(db_session, factory, people) -> None:
    from matchmaker.models import Application, ApplicationStatus

    offer = factory.offer(people["org_x"])
    a, b, c = factory.student(), factory.student(), factory.student()
    db_session.add_all([
        Application(student_id=a.student_profile.id, offer_id=offer.id),
        Application(student_id=b.student_profile.id, offer_id=offer.id, status=ApplicationStatus.WITHDRAWN),
    ])
    found = allocation.create_round(db_session, people["coach"], "Runda", 3)
    allocation.add_offer(db_session, people["coach"], found, offer.id, 1)
    assert allocation.add_applicants(db_session, people["coach"], found) == 1
    assert [p.student_id for p in found.participants] == [a.student_profile.id]
    assert c.student_profile.id not in {p.student_id for p in found.participants}


def test_student_ranking_rules(db_session, setup) -> None:
    s = setup["students"]
    rid = setup["round"].id
    with pytest.raises(ValidationError):
        allocation_ranking.set_student_ranking(db_session, s[0], rid, [setup["x1"].id, setup["x2"].id, setup["y1"].id])
    with pytest.raises(ValidationError):
        allocation_ranking.set_student_ranking(db_session, s[0], rid, [setup["x1"].id, setup["x1"].id])
    with pytest.raises(NotFound):
        allocation_ranking.set_student_ranking(db_session, setup["student_a"].student_profile, rid, [setup["x1"].id])
    allocation_ranking.set_student_ranking(db_session, s[0], rid, [setup["y1"].id, setup["x1"].id])
    allocation_ranking.set_student_ranking(db_session, s[0], rid, [setup["x2"].id])  # replaces the first one
    assert allocation_ranking.student_ranking(db_session, rid) == {s[0].id: [setup["x2"].id]}


def test_employer_sees_and_ranks_only_students_who_chose_its_offer(db_session, setup) -> None:
    s, rid, org_x = setup["students"], setup["round"].id, setup["org_x"].id
    allocation_ranking.set_student_ranking(db_session, s[0], rid, [setup["x1"].id])
    allocation_ranking.set_student_ranking(db_session, s[1], rid, [setup["y1"].id])
    _found, views = allocation_ranking.employer_round(db_session, org_x, rid)
    by_offer = {v.offer.id: [p.id for p in v.applicants] for v in views}
    assert by_offer == {setup["x1"].id: [s[0].id], setup["x2"].id: []}
    with pytest.raises(ValidationError):
        allocation_ranking.set_employer_ranking(db_session, setup["employer_x"], org_x, rid, setup["x1"].id, [s[1].id])
    with pytest.raises(NotFound):  # org X may not rank org Y's offer
        allocation_ranking.set_employer_ranking(db_session, setup["employer_x"], org_x, rid, setup["y1"].id, [s[1].id])
    other = allocation.create_round(db_session, setup["coach"], "Annan", 1)
    with pytest.raises(NotFound):  # a draft round, and one without org X's offers, are invisible
        allocation_ranking.employer_round(db_session, org_x, other.id)


def _rank_everyone(db_session, setup) -> None:
    s, rid = setup["students"], setup["round"].id
    x1, x2, y1 = setup["x1"].id, setup["x2"].id, setup["y1"].id
    allocation_ranking.set_student_ranking(db_session, s[0], rid, [x1, y1])
    allocation_ranking.set_student_ranking(db_session, s[1], rid, [x1, x2])
    allocation_ranking.set_student_ranking(db_session, s[2], rid, [y1, x1])
    allocation_ranking.set_student_ranking(db_session, s[3], rid, [y1])
    allocation_ranking.set_employer_ranking(db_session, setup["employer_x"], setup["org_x"].id, rid, x1,
                                            [s[2].id, s[1].id, s[0].id])
    allocation_ranking.set_employer_ranking(db_session, setup["employer_y"], setup["org_y"].id, rid, y1,
                                            [s[0].id, s[3].id, s[2].id])


def test_run_adjust_publish(offer_index, db_session, setup) -> None:
    _rank_everyone(db_session, setup)
    s, found, coach = setup["students"], setup["round"], setup["coach"]
    x1, x2, y1 = setup["x1"].id, setup["x2"].id, setup["y1"].id
    result = allocation.run(db_session, offer_index, coach, found)
    # s0 proposes x1 (held), s1 x1 (beats s0: X ranks s1 over s0), s0 -> y1 (held), s2 -> y1 (Y prefers s0),
    # s2 -> x1 (X prefers s2 over s1), s1 -> x2, s3 -> y1 (Y prefers s0): unplaced.
    assert result == {s[0].id: y1, s[1].id: x2, s[2].id: x1, s[3].id: None}
    assert found.status == RoundStatus.ALLOCATED
    summary = allocation.summary(db_session, offer_index, found)
    assert summary.unplaced == [s[3].id] and summary.free_places == {x1: 0, x2: 1, y1: 0}
    assert summary.blocking == []
    # The coach moves s3 to x2's free place (not their choice) and takes s0 out of y1: y1 is now free, so
    # s3 (who ranked y1, and Y accepts) with y1 forms a blocking pair the page warns about.
    allocation.move(db_session, coach, found, s[3].id, x2)
    allocation.move(db_session, coach, found, s[0].id, None)
    with pytest.raises(ValidationError):
        allocation.move(db_session, coach, found, s[0].id, x1)  # x1 is full
    assert (s[3].id, y1) in allocation.summary(db_session, offer_index, found).blocking
    allocation.run(db_session, offer_index, coach, found)  # re-run restores the stable result
    allocation.move(db_session, coach, found, s[3].id, x2)
    before = db_session.scalar(select(func.max(OutboxMail.id))) or 0  # opening the round mailed its notification
    made = allocation.publish(db_session, coach, found, date(2026, 5, 1))
    assert made == 4 and found.status == RoundStatus.PUBLISHED
    rows = db_session.scalars(select(Placement).where(Placement.allocation_round_id == found.id)).all()
    assert {(p.student_id, p.offer_id) for p in rows} == {(s[0].id, y1), (s[1].id, x2), (s[2].id, x1),
                                                          (s[3].id, x2)}
    assert all(p.program_id == setup["program"].id for p in rows)
    assert {p.term for p in rows} <= {"VT2026", "SO2026"}
    x1_row = next(p for p in rows if p.offer_id == x1)
    assert (x1_row.period_start, x1_row.term) == (date(2026, 6, 1), "SO2026")  # June: summer
    mails = db_session.scalars(select(OutboxMail).where(OutboxMail.id > before)).all()
    recipients = sorted(m.to_address for m in mails)  # one result mail each: the notification's, not a second
    expected = sorted([p.user.email for p in s] + [setup["employer_x"].email, setup["employer_y"].email])
    assert recipients == expected
    with pytest.raises(ValidationError):
        allocation.run(db_session, offer_index, coach, found)  # published is final


def test_build_inputs_orders_unranked_applicants_by_engine_score(offer_index, db_session, setup) -> None:
    s, rid, x2 = setup["students"], setup["round"].id, setup["x2"].id
    for student in s[:3]:
        allocation_ranking.set_student_ranking(db_session, student, rid, [x2])
    allocation_ranking.set_employer_ranking(db_session, setup["employer_x"], setup["org_x"].id, rid, x2, [s[2].id])
    _sp, offer_prefs, capacities = allocation_ranking.build_inputs(db_session, offer_index, setup["round"])
    scores = {p.id: explain_pair(db_session, offer_index, p, setup["x2"]).score for p in s[:2]}
    rest = sorted((p.id for p in s[:2]), key=lambda i: (-scores[i], i))
    assert offer_prefs[x2] == [s[2].id, *rest]
    assert capacities == {setup["x1"].id: 1, x2: 2, setup["y1"].id: 1}


@pytest.mark.parametrize("seed", range(5))
def test_run_on_random_rounds_agrees_with_matching(offer_index, db_session, factory, people, seed) -> None:
    rng = random.Random(seed)
    coach = people["coach"]
    orgs = [people["org_x"], people["org_y"]]
    offers = [factory.offer(rng.choice(orgs), places=rng.randint(1, 2)) for _ in range(4)]
    students = [factory.student().student_profile for _ in range(8)]
    found = allocation.create_round(db_session, coach, f"R{seed}", 3)
    for o in offers:
        allocation.add_offer(db_session, coach, found, o.id, None)
    allocation._add_students(db_session, coach, found, [p.id for p in students], "test")
    allocation.open_round(db_session, coach, found, SOON)
    for p in students:
        allocation_ranking.set_student_ranking(db_session, p, found.id, [o.id for o in rng.sample(offers, 3)])
    for o in offers:
        _f, views = allocation_ranking.employer_round(db_session, o.organization_id, found.id)
        view = next(v for v in views if v.offer.id == o.id)
        ids = [p.id for p in view.applicants]
        rng.shuffle(ids)
        allocation_ranking.set_employer_ranking(db_session, coach, o.organization_id, found.id, o.id, ids)
    result = allocation.run(db_session, offer_index, coach, found)
    sp, op, caps = allocation_ranking.build_inputs(db_session, offer_index, found)
    assert result == deferred_acceptance(sp, op, caps)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(
            {s: p for s, p in sp.items() if p}, {o: p for o, p in op.items() if p},
            {o: caps[o] for o, p in op.items() if p}, clean=True)
        theirs = {r.name: h.name for h, rs in game.solve(optimal="resident").items() for r in rs}
    assert {s: o for s, o in result.items() if o is not None} == theirs
