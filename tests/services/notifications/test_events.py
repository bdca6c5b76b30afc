"""Each event of a request reaches the people it concerns and nobody else; employers never learn of a student
through a notification unless the student applied (a non-consenting student stays invisible)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from matchmaker.models import (
    ContractCommitment,
    MatchRun,
    MatchStatus,
    MatchSuggestion,
    Notification,
    OfferStatus,
    Role,
    RunStatus,
    utcnow,
)
from matchmaker.services.allocation import preferences, rounds
from matchmaker.services.applications import acceptance, invitations, pipeline
from matchmaker.services.applications import student as applications
from matchmaker.services.matching_runs import curation
from matchmaker.services.offers import editing, review
from tests.fixtures.contracts import make_contract

pytestmark = pytest.mark.db
TODAY = date.today()


@pytest.fixture
def people(factory):
    """Two organisations with two members each, two coaches, an admin, two students (B never consented)."""
    org_x, org_y = factory.organization(), factory.organization()
    p = {
        "x1": factory.user(Role.EMPLOYER, organization=org_x), "x2": factory.user(Role.EMPLOYER, organization=org_x),
        "y1": factory.user(Role.EMPLOYER, organization=org_y), "coach1": factory.user(Role.COACH),
        "coach2": factory.user(Role.COACH), "admin": factory.user(Role.ADMIN),
        "a": factory.student(name="Alva Andersson", visible_to_employers=True, consent_at=utcnow()),
        "b": factory.student(name="Bo Berg", visible_to_employers=False),
    }
    p["offer_x"] = factory.offer(org_x, title="X praktik", places=2, created_by_id=p["x1"].id)
    p["offer_y"] = factory.offer(org_y, title="Y praktik", places=1)
    return p


def _who(session, kind: str) -> set[int]:
    return set(session.scalars(select(Notification.user_id).where(Notification.kind == kind)))


def _ids(p, *names: str) -> set[int]:
    return {p[n].id for n in names}


def test_an_application_and_its_moves(db_session, people) -> None:
    p = people
    application = applications.apply(db_session, p["a"], p["offer_x"].id, "Hej", TODAY)
    assert _who(db_session, "application.new") == _ids(p, "x1", "x2")
    pipeline.move(db_session, p["x1"], application.id, "in_review")
    assert _who(db_session, "application.status") == _ids(p, "a")
    pipeline.move(db_session, p["x2"], application.id, "offered")
    assert _who(db_session, "application.offered") == _ids(p, "a")
    acceptance.accept(db_session, p["a"], application.id, TODAY)
    assert _who(db_session, "application.accepted") == _ids(p, "x1", "x2")
    other = applications.apply(db_session, p["b"], p["offer_x"].id, "", TODAY)
    applications.withdraw(db_session, p["b"], other.id)
    assert _who(db_session, "application.withdrawn") == _ids(p, "x1", "x2")


def test_an_unverified_organisation_hears_of_no_applicant(db_session, factory, people) -> None:
    org = factory.organization(verified=False)
    member = factory.user(Role.EMPLOYER, organization=org)
    offer = factory.offer(org)
    applications.apply(db_session, people["a"], offer.id, "", TODAY)
    assert member.id not in _who(db_session, "application.new")


def test_review_events(db_session, factory, people) -> None:
    p = people
    draft = factory.offer(p["offer_x"].organization, title="X utkast", status=OfferStatus.DRAFT,
                          created_by_id=p["x1"].id)
    editing.submit_offer(db_session, p["x1"], draft.id, expected_version=draft.version_id, today=TODAY)
    assert _who(db_session, "offer.submitted") == _ids(p, "coach1", "coach2")
    review.request_changes(db_session, p["coach1"], draft.id, "Lägg till handledare")
    assert _who(db_session, "offer.returned") == _ids(p, "x1", "x2")
    editing.submit_offer(db_session, p["x1"], draft.id, expected_version=draft.version_id, today=TODAY)
    review.approve(db_session, p["coach2"], draft.id, today=TODAY)
    assert _who(db_session, "offer.approved") == _ids(p, "x1", "x2")
    rejected = factory.offer(p["offer_y"].organization, status=OfferStatus.SUBMITTED)
    review.reject(db_session, p["coach1"], rejected.id, "Inte ett erbjudande till studenter")
    assert _who(db_session, "offer.rejected") == _ids(p, "y1")


def test_a_round_tells_its_students_and_employers_when_it_opens_and_publishes(db_session, offer_index,
                                                                              people) -> None:
    p = people
    round_ = rounds.create_round(db_session, p["coach1"], "Sommar", 2)
    rounds.add_offer(db_session, p["coach1"], round_, p["offer_x"].id, 1)
    for s in ("a", "b"):
        rounds._add_students(db_session, p["coach1"], round_, [p[s].student_profile.id], "test")
    with pytest.raises(Exception):  # noqa: B017  (a ValidationError: no deadline given)
        rounds.open_round(db_session, p["coach1"], round_)
    rounds.open_round(db_session, p["coach1"], round_, TODAY + timedelta(days=5))
    assert _who(db_session, "round.opened") == _ids(p, "a", "b", "x1", "x2")
    deadline_note = db_session.scalar(select(Notification).where(Notification.kind == "round.opened"))
    assert deadline_note.params["deadline"] == (TODAY + timedelta(days=5)).isoformat()
    assert rounds.unranked(db_session, round_) == (2, 1)
    preferences.set_student_ranking(db_session, p["b"].student_profile, round_.id, [p["offer_x"].id])
    assert rounds.unranked(db_session, round_) == (1, 1)
    rounds.run(db_session, offer_index, p["coach1"], round_)
    rounds.publish(db_session, p["coach1"], round_, TODAY)
    assert _who(db_session, "round.results") == _ids(p, "a", "b", "x1", "x2")


def test_a_coach_recommendation_and_an_invitation_reach_the_student_only(db_session, people) -> None:
    p = people
    run = MatchRun(status=RunStatus.SUCCEEDED, is_current=True)
    db_session.add(run)
    db_session.flush()
    match = MatchSuggestion(run_id=run.id, student_id=p["b"].student_profile.id, offer_id=p["offer_x"].id, score=0.5,
                            status=MatchStatus.SUGGESTED)
    db_session.add(match)
    db_session.flush()
    curation.recommend(db_session, p["coach1"], match.id)
    curation.recommend(db_session, p["coach1"], match.id)  # again: no second notification
    assert list(db_session.scalars(select(Notification.user_id).where(
        Notification.kind == "recommendation.new"))) == [p["b"].id]
    invitations.invite(db_session, p["x1"], p["offer_x"].id, p["a"].student_profile.id, today=TODAY)
    assert _who(db_session, "invitation.new") == _ids(p, "a")


def test_closing_an_offer_that_puts_a_contract_behind_tells_coaches_and_the_employer(db_session, factory,
                                                                                      people) -> None:
    p = people
    program = factory.program()
    contract = make_contract(db_session, p["offer_x"].organization, program, start=TODAY - timedelta(days=300),
                             end=TODAY + timedelta(days=60), count=2)
    line: ContractCommitment = contract.commitments[0]
    p["offer_x"].commitment_id = line.id
    db_session.flush()
    editing.close_offer(db_session, p["x1"], p["offer_x"].id)
    assert _who(db_session, "contract.behind") == _ids(p, "coach1", "coach2", "x1", "x2")
    note = db_session.scalar(select(Notification).where(Notification.kind == "contract.behind"))
    assert note.object_type == "contract" and note.object_id == contract.id
    assert "0/2" in note.params["line"]


def test_no_notification_carries_a_non_consenting_students_name_to_an_employer(db_session, offer_index,
                                                                               people) -> None:
    """B never consented and never applied: every event about B still leaves employers without B's name."""
    p = people
    round_ = rounds.create_round(db_session, p["coach1"], "Höst", 1)
    rounds.add_offer(db_session, p["coach1"], round_, p["offer_x"].id, 2)
    rounds._add_students(db_session, p["coach1"], round_, [p["b"].student_profile.id], "test")
    rounds.open_round(db_session, p["coach1"], round_, TODAY + timedelta(days=3))
    preferences.set_student_ranking(db_session, p["b"].student_profile, round_.id, [p["offer_x"].id])
    rounds.run(db_session, offer_index, p["coach1"], round_)
    rounds.publish(db_session, p["coach1"], round_, TODAY)
    run = MatchRun(status=RunStatus.SUCCEEDED, is_current=True)
    db_session.add(run)
    db_session.flush()
    match = MatchSuggestion(run_id=run.id, student_id=p["b"].student_profile.id, offer_id=p["offer_y"].id, score=0.4,
                            status=MatchStatus.SUGGESTED)
    db_session.add(match)
    db_session.flush()
    curation.recommend(db_session, p["coach1"], match.id)
    employers = _ids(p, "x1", "x2", "y1")
    to_employers = db_session.scalars(select(Notification).where(Notification.user_id.in_(employers))).all()
    assert to_employers  # they did hear about the round
    for note in to_employers:
        text = " ".join(note.params.values())
        assert "Bo Berg" not in text and p["b"].email not in text


def test_raising_a_committed_count_that_puts_the_line_behind_tells_once(db_session, factory, people) -> None:
    from matchmaker.services.contracts import editing as contracts

    p = people
    program = factory.program()
    contract = make_contract(db_session, p["offer_x"].organization, program, start=TODAY - timedelta(days=300),
                             end=TODAY + timedelta(days=60), count=1)
    p["offer_x"].commitment_id = contract.commitments[0].id  # its 2 open places cover 1 well
    db_session.flush()
    line = contract.commitments[0]

    def edit(count: int) -> None:
        contracts.update_contract(
            db_session, p["coach1"], contract.id, contract.version_id,
            contracts.ContractInput(organization_id=contract.organization_id, title=contract.title,
                                    period_start=contract.period_start, period_end=contract.period_end,
                                    status=contract.status.value),
            [contracts.LineInput(id=line.id, kind=line.kind.value, program_id=program.id, count=count)])

    edit(2)
    assert _who(db_session, "contract.behind") == set()  # 2 open places still cover 2 × 5/6 of the period
    edit(6)
    assert _who(db_session, "contract.behind") == _ids(p, "coach1", "coach2", "x1", "x2")
    edit(7)  # still behind: nobody is told again
    assert len(db_session.scalars(select(Notification).where(Notification.kind == "contract.behind")).all()) == 4
