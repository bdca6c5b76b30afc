"""The employer's pipeline: every step, other organisations see nothing, contact details follow the application or
an accepted invitation."""

from __future__ import annotations

import pytest

from matchmaker.core.errors import NotFound
from matchmaker.models import Application, ApplicationStatus, Invitation, InvitationStatus, Offer, OfferStatus, User
from matchmaker.services.applications import pipeline
from tests.fixtures.employers import World

pytestmark = pytest.mark.db


@pytest.fixture
def world(employer_world: World) -> World:
    """The organisations and people of tests/fixtures/employers.py."""
    return employer_world


@pytest.fixture
def applied(application_to_x: tuple[Offer, User, Application]) -> tuple[Offer, User, Application]:
    """The offer, the applicant and the application of tests/fixtures/employers.py (application_to_x)."""
    return application_to_x


def test_every_employer_step_through_the_pipeline(world: World, applied) -> None:
    _offer, _student, application = applied
    for step in ("in_review", "shortlisted", "interview", "offered"):
        assert ApplicationStatus(step) in pipeline.employer_moves(application)
        pipeline.move(world.session, world.employer_x, application.id, step, expected_version=application.version_id)
    assert application.status == ApplicationStatus.OFFERED
    assert pipeline.employer_moves(application) == [ApplicationStatus.DECLINED]
    pipeline.move(world.session, world.employer_x, application.id, "declined", message="Tyvärr.")
    assert pipeline.employer_moves(application) == []
    assert [e.to_status.value for e in application.events] == [
        "submitted", "in_review", "shortlisted", "interview", "offered", "declined"
    ]


def test_applications_of_other_organisations_do_not_exist(world: World, applied) -> None:
    offer, _student, application = applied
    for call in (
        lambda: pipeline.get_application_for(world.session, world.employer_y, application.id),
        lambda: pipeline.applications_for_offer(world.session, world.employer_y, offer.id),
        lambda: pipeline.move(world.session, world.employer_y, application.id, "in_review"),
        lambda: pipeline.save_notes(world.session, world.employer_y, application.id, "x"),
    ):
        with pytest.raises(NotFound):
            call()
    assert application.status == ApplicationStatus.SUBMITTED and application.employer_notes == ""
    assert pipeline.new_applications(world.session, world.employer_y.organization_id) == []
    assert pipeline.new_applications(world.session, world.employer_x.organization_id) == [application]


def test_contact_details_follow_application_or_accepted_invitation(world: World, applied) -> None:
    offer, student, application = applied
    org_x, org_y = world.employer_x.organization_id, world.employer_y.organization_id
    profile_id = student.student_profile.id
    assert pipeline.contact_visible(world.session, org_x, profile_id)
    assert not pipeline.contact_visible(world.session, org_y, profile_id)
    application.status = ApplicationStatus.WITHDRAWN
    world.session.flush()
    assert not pipeline.contact_visible(world.session, org_x, profile_id)
    other = world.consenting_student()
    offer_y = world.offer_y(status=OfferStatus.PUBLISHED)
    invitation = Invitation(offer_id=offer_y.id, student_id=other.student_profile.id, status=InvitationStatus.SENT)
    world.session.add(invitation)
    world.session.flush()
    assert not pipeline.contact_visible(world.session, org_y, other.student_profile.id)
    invitation.status = InvitationStatus.ACCEPTED
    world.session.flush()
    assert pipeline.contact_visible(world.session, org_y, other.student_profile.id)
    assert not pipeline.contact_visible(world.session, org_x, other.student_profile.id)
