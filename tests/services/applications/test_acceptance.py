"""Accepting or declining an offered place: the placement, the contract count, the filled offer, the employer told."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import (
    Application,
    ApplicationStatus,
    AuditEvent,
    Notification,
    OfferStatus,
    Placement,
    Role,
)
from matchmaker.services.applications import acceptance, pipeline
from matchmaker.services.applications import student as applications
from matchmaker.services.contracts.progress import commitment_progress
from tests.fixtures.contracts import make_contract

pytestmark = pytest.mark.db
S = ApplicationStatus
TODAY = date(2026, 3, 2)


@pytest.fixture
def hire(factory, db_session):
    """An offer of one place linked to a contract line; an employer, a colleague and two applicants."""
    program = factory.program()
    offer = factory.offer(places=1, period_start=date(2026, 4, 1), period_end=date(2026, 6, 30),
                          application_deadline=None)
    contract = make_contract(db_session, offer.organization, program, count=2)
    offer.commitment_id = contract.commitments[0].id
    employer = factory.user(Role.EMPLOYER, organization=offer.organization)
    colleague = factory.user(Role.EMPLOYER, organization=offer.organization)
    outsider = factory.user(Role.EMPLOYER)
    students = [factory.student(program=program) for _ in range(2)]
    apps = [applications.apply(db_session, s, offer.id, "Hej", TODAY) for s in students]
    return offer, contract, employer, colleague, outsider, students, apps


def _notes(session, kind):
    return {n.user_id for n in session.scalars(select(Notification).where(Notification.kind == kind))}


def test_accepting_makes_the_placement_counts_for_the_contract_and_fills_the_offer(db_session, hire) -> None:
    offer, contract, employer, colleague, outsider, students, apps = hire
    before = commitment_progress(db_session, contract.commitments[0], TODAY)
    pipeline.move(db_session, employer, apps[0].id, "offered")
    placement = acceptance.accept(db_session, students[0], apps[0].id, TODAY)

    assert apps[0].status == S.ACCEPTED
    assert [e.to_status for e in apps[0].events] == [S.SUBMITTED, S.OFFERED, S.ACCEPTED]
    assert apps[0].events[-1].actor_id == students[0].id
    assert (placement.offer_id, placement.student_id) == (offer.id, students[0].student_profile.id)
    assert (placement.period_start, placement.period_end, placement.term) == (date(2026, 4, 1), date(2026, 6, 30),
                                                                               "VT2026")
    assert placement.allocation_round_id is None
    after = commitment_progress(db_session, contract.commitments[0], TODAY)
    assert (before.placements, after.placements) == (0, 1)
    assert offer.status == OfferStatus.FILLED
    assert _notes(db_session, "application.accepted") == {employer.id, colleague.id}
    assert db_session.scalar(select(AuditEvent).where(AuditEvent.action == "application.accept")) is not None


def test_dates_set_when_offering_become_the_placement_period(db_session, hire) -> None:
    _offer, _c, employer, *_rest, students, apps = hire
    pipeline.move(db_session, employer, apps[0].id, "offered", placement_start=date(2026, 5, 4),
                  placement_end=date(2026, 8, 14))
    placement = acceptance.accept(db_session, students[0], apps[0].id, TODAY)
    assert (placement.period_start, placement.period_end) == (date(2026, 5, 4), date(2026, 8, 14))


def test_offering_dates_out_of_order_is_refused(db_session, hire) -> None:
    _offer, _c, employer, *_rest, apps = hire
    with pytest.raises(ValidationError) as caught:
        pipeline.move(db_session, employer, apps[0].id, "offered", placement_start=date(2026, 5, 4),
                      placement_end=date(2026, 5, 1))
    assert "placement_end" in caught.value.errors
    assert apps[0].status == S.SUBMITTED


def test_only_the_student_accepts_and_only_an_offered_place(db_session, hire) -> None:
    _offer, _c, employer, *_rest, students, apps = hire
    with pytest.raises(ValidationError):
        acceptance.accept(db_session, students[0], apps[0].id, TODAY)  # not offered yet
    pipeline.move(db_session, employer, apps[0].id, "offered")
    with pytest.raises(NotFound):
        acceptance.accept(db_session, students[1], apps[0].id, TODAY)  # someone else's application
    assert apps[0].status == S.OFFERED


def test_declining_frees_the_place_and_a_declined_place_cannot_be_accepted(db_session, hire) -> None:
    _offer, _c, employer, colleague, outsider, students, apps = hire
    pipeline.move(db_session, employer, apps[0].id, "offered")
    with pytest.raises(ValidationError):
        pipeline.move(db_session, employer, apps[1].id, "offered")  # the only place is offered already
    acceptance.decline(db_session, students[0], apps[0].id, "Jag har fått annat")
    assert _notes(db_session, "application.declined") == {employer.id, colleague.id}
    with pytest.raises(ValidationError) as caught:
        acceptance.accept(db_session, students[0], apps[0].id, TODAY)
    assert caught.value.errors == {"status": acceptance.NOT_OFFERED}
    assert db_session.scalar(select(Placement)) is None
    pipeline.move(db_session, employer, apps[1].id, "offered")  # the place is free again
    assert apps[1].status == S.OFFERED


def test_accepting_on_a_full_offer_changes_nothing(db_session, factory, hire) -> None:
    offer, _c, employer, *_rest, students, apps = hire
    pipeline.move(db_session, employer, apps[0].id, "offered")
    # The place is taken meanwhile by another route (an allocation round's placement).
    other = factory.student()
    db_session.add(Placement(student_id=other.student_profile.id, offer_id=offer.id, period_start=TODAY, term="VT2026"))
    db_session.flush()
    with pytest.raises(ValidationError) as caught:
        acceptance.accept(db_session, students[0], apps[0].id, TODAY)
    assert caught.value.errors == {"status": acceptance.FULL}
    assert apps[0].status == S.OFFERED
    assert len(db_session.scalars(select(Placement)).all()) == 1


def test_the_employer_withdraws_an_offer_of_a_place_until_it_is_accepted(db_session, hire) -> None:
    _offer, _c, employer, _colleague, outsider, students, apps = hire
    pipeline.move(db_session, employer, apps[0].id, "offered")
    with pytest.raises(NotFound):
        pipeline.withdraw_place_offer(db_session, outsider, apps[0].id)
    pipeline.withdraw_place_offer(db_session, employer, apps[0].id, message="Tjänsten drogs in")
    assert apps[0].status == S.SHORTLISTED
    assert _notes(db_session, "application.offer_withdrawn") == {students[0].id}
    pipeline.move(db_session, employer, apps[0].id, "offered")
    acceptance.accept(db_session, students[0], apps[0].id, TODAY)
    with pytest.raises(ValidationError):
        pipeline.withdraw_place_offer(db_session, employer, apps[0].id)
    assert apps[0].status == S.ACCEPTED
    assert [e.to_status for e in apps[0].events] == [S.SUBMITTED, S.OFFERED, S.SHORTLISTED, S.OFFERED, S.ACCEPTED]


def test_offered_places_are_listed_for_the_student(db_session, hire) -> None:
    _offer, _c, employer, *_rest, students, apps = hire
    assert acceptance.offered_to(db_session, students[0]) == []
    pipeline.move(db_session, employer, apps[0].id, "offered")
    assert [a.id for a in acceptance.offered_to(db_session, students[0])] == [apps[0].id]
    assert acceptance.offered_to(db_session, students[1]) == []
    assert isinstance(apps[0], Application)


def test_the_employer_reads_the_students_reason_for_declining_in_the_mail(db_session, hire) -> None:
    from matchmaker.models import OutboxMail

    _offer, _c, employer, colleague, _outsider, students, apps = hire
    pipeline.move(db_session, employer, apps[0].id, "offered")
    acceptance.decline(db_session, students[0], apps[0].id, "Jag har tackat ja till en annan plats.")
    mails = db_session.scalars(select(OutboxMail).where(OutboxMail.to_address.in_([employer.email, colleague.email])))
    # The subject's language depends on the mail renderer the process has (English here, Swedish once an app
    # was created): the student's reason in the body is what both members must read.
    quoting = sorted(m.to_address for m in mails if "Jag har tackat ja till en annan plats." in m.body)
    assert quoting == sorted([employer.email, colleague.email])
