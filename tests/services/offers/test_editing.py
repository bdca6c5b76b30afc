"""The offer use cases: validation, lifecycle, substance-change detection, optimistic locking, ownership."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from matchmaker.core.errors import Conflict, Forbidden, NotFound, ValidationError
from matchmaker.models import ContractStatus, Offer, OfferKind, OfferStatus
from matchmaker.services.offers import editing as offers
from matchmaker.services.offers import queries as offer_queries
from tests.fixtures.employers import TODAY, World, future, published

pytestmark = pytest.mark.db


@pytest.fixture
def world(employer_world: World) -> World:
    """The organisations and people of tests/fixtures/employers.py."""
    return employer_world


def valid(**kw) -> offers.OfferInput:
    data = offers.OfferInput(
        kind="internship", title="Praktik på ekonomiavdelningen", description="Du får följa vårt arbete.",
        skills=["Excel"], places=1, application_deadline=future(20), period_start=future(40), period_end=future(100),
    )
    for key, value in kw.items():
        setattr(data, key, value)
    return data


def test_parse_skills_trims_and_drops_duplicates() -> None:
    parsed = offers.parse_skills(" Python,  sql ; python,\nMachine   learning,, ")
    assert parsed == ["Python", "sql", "Machine learning"]


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"title": "  "}, "title", "is required"),
        ({"description": ""}, "description", "is required"),
        ({"places": 0}, "places", "must be at least 1"),
        ({"places": None}, "places", "is required"),
        ({"application_deadline": TODAY}, "application_deadline", "must be in the future"),
        ({"application_deadline": TODAY - timedelta(days=3)}, "application_deadline", "must be in the future"),
        ({"application_deadline": None}, "application_deadline", "is required"),
        ({"period_start": future(50), "period_end": future(49)}, "period_end", "must be after the start"),
        ({"kind": "party"}, "kind", "is not a known kind of offer"),
        ({"program_slugs": ["no-such-program"]}, "programs", "contains an unknown study program"),
        ({"municipality_id": 999999}, "municipality", "is not a known municipality"),
        ({"language": "de"}, "language", "is not a supported language"),
        ({"skills": [f"s{i}" for i in range(31)]}, "skills", "has too many entries (at most 30)"),
    ],
)
def test_invalid_offers_are_refused_naming_the_field(world: World, change, field, reason) -> None:
    with pytest.raises(ValidationError) as caught:
        offers.create_offer(world.session, world.employer_x, valid(**change), today=TODAY)
    assert caught.value.errors[field] == reason
    assert world.session.scalar(select(Offer).where(Offer.title == "Praktik på ekonomiavdelningen")) is None


def test_create_saves_a_draft_or_submits(world: World) -> None:
    program = world.factory.program()
    draft = offers.create_offer(world.session, world.employer_x, valid(program_slugs=[program.slug]), today=TODAY)
    assert draft.status == OfferStatus.DRAFT and draft.submitted_at is None
    assert draft.organization_id == world.employer_x.organization_id and draft.created_by_id == world.employer_x.id
    assert [p.slug for p in draft.programs] == [program.slug]
    sent = offers.create_offer(world.session, world.employer_x, valid(), today=TODAY, submit=True)
    assert sent.status == OfferStatus.SUBMITTED and sent.submitted_at is not None


def test_submit_a_draft_and_resubmit_after_requested_changes(world: World) -> None:
    offer = offers.create_offer(world.session, world.employer_x, valid(), today=TODAY)
    offers.submit_offer(world.session, world.employer_x, offer.id, expected_version=offer.version_id, today=TODAY)
    assert offer.status == OfferStatus.SUBMITTED
    with pytest.raises(Forbidden):  # already in review
        offers.submit_offer(world.session, world.employer_x, offer.id, expected_version=offer.version_id, today=TODAY)
    offer.status, offer.review_comment = OfferStatus.CHANGES_REQUESTED, "Beskriv handledningen."
    world.session.flush()
    offers.update_offer(
        world.session, world.employer_x, offer.id, valid(description="Du får en handledare varje vecka."),
        expected_version=offer.version_id, today=TODAY,
    )
    assert offer.status == OfferStatus.CHANGES_REQUESTED  # saved, not yet resubmitted
    offers.update_offer(
        world.session, world.employer_x, offer.id, valid(description="Du får en handledare varje vecka."),
        expected_version=offer.version_id, today=TODAY, submit=True,
    )
    assert offer.status == OfferStatus.SUBMITTED


def test_submitting_an_old_draft_with_a_passed_deadline_is_refused(world: World) -> None:
    offer = world.offer_x(status=OfferStatus.DRAFT, application_deadline=TODAY - timedelta(days=1))
    with pytest.raises(ValidationError) as caught:
        offers.submit_offer(world.session, world.employer_x, offer.id, expected_version=offer.version_id, today=TODAY)
    assert caught.value.errors == {"application_deadline": "must be in the future"}
    assert offer.status == OfferStatus.DRAFT


@pytest.mark.parametrize(
    "change",
    [{"title": "Ny titel"}, {"description": "Helt ny text."}, {"kind": "job"}, {"skills": ["Excel", "SQL"]},
     {"places": 3}, {"period_end": future(120)}, {"remote": True}, {"language": "en"}],
)
def test_editing_the_substance_of_a_published_offer_sends_it_back_to_review(world: World, change) -> None:
    offer = published(offers.create_offer(world.session, world.employer_x, valid(), today=TODAY))
    world.session.flush()
    assert offers.substance_changed(offer, valid(**change))
    offers.update_offer(world.session, world.employer_x, offer.id, valid(**change),
                        expected_version=offer.version_id, today=TODAY)
    assert offer.status == OfferStatus.SUBMITTED


def test_changing_only_the_deadline_keeps_a_published_offer_published(world: World) -> None:
    offer = published(offers.create_offer(world.session, world.employer_x, valid(), today=TODAY))
    world.session.flush()
    change = valid(application_deadline=future(45), title="  Praktik på ekonomiavdelningen ")
    assert offers.changed_fields(offer, change) == {"application_deadline"}
    offers.update_offer(world.session, world.employer_x, offer.id, change, expected_version=offer.version_id,
                        today=TODAY)
    assert offer.status == OfferStatus.PUBLISHED and offer.application_deadline == future(45)


def test_changing_target_programs_bumps_the_version(world: World) -> None:
    offer = offers.create_offer(world.session, world.employer_x, valid(), today=TODAY)
    before = offer.version_id
    offers.update_offer(world.session, world.employer_x, offer.id, valid(program_slugs=[world.factory.program().slug]),
                        expected_version=before, today=TODAY)
    assert offer.version_id == before + 1


def test_close_and_fill(world: World) -> None:
    offer = world.offer_x()
    offers.mark_filled(world.session, world.employer_x, offer.id, expected_version=offer.version_id)
    assert offer.status == OfferStatus.FILLED
    with pytest.raises(Forbidden):
        offers.close_offer(world.session, world.employer_x, offer.id, expected_version=offer.version_id)
    draft = world.offer_x(status=OfferStatus.DRAFT)
    with pytest.raises(Forbidden):
        offers.mark_filled(world.session, world.employer_x, draft.id)
    offers.close_offer(world.session, world.employer_x, draft.id)
    assert draft.status == OfferStatus.CLOSED
    with pytest.raises(Forbidden):  # closed offers are not edited any more
        offers.update_offer(world.session, world.employer_x, draft.id, valid(), expected_version=draft.version_id,
                            today=TODAY)


def test_a_stale_version_is_a_conflict_and_changes_nothing(world: World) -> None:
    offer = offers.create_offer(world.session, world.employer_x, valid(), today=TODAY)
    stale = offer.version_id
    offers.update_offer(world.session, world.colleague_x, offer.id, valid(title="Kollegans titel"),
                        expected_version=stale, today=TODAY)
    with pytest.raises(Conflict):
        offers.update_offer(world.session, world.employer_x, offer.id, valid(title="Min titel"),
                            expected_version=stale, today=TODAY)
    with pytest.raises(Conflict):
        offers.close_offer(world.session, world.employer_x, offer.id, expected_version=stale)
    assert offer.title == "Kollegans titel" and offer.status == OfferStatus.DRAFT


def test_a_concurrent_commit_between_read_and_write_is_a_conflict(world: World) -> None:
    offer = world.offer_x(status=OfferStatus.DRAFT)
    loaded_version = offer.version_id
    # A colleague's edit is committed after we loaded the offer (our in-memory copy keeps the old version).
    world.session.execute(
        update(Offer).where(Offer.id == offer.id)
        .values(title="Ändrad av kollegan", version_id=Offer.version_id + 1)
        .execution_options(synchronize_session=False)
    )
    world.session.commit()
    assert offer.version_id == loaded_version
    with pytest.raises(Conflict):  # the version check passes in memory; the UPDATE ... WHERE version_id fails
        offers.update_offer(world.session, world.employer_x, offer.id, valid(title="Min ändring"),
                            expected_version=loaded_version, today=TODAY)
    world.session.rollback()
    world.session.expire_all()
    assert world.session.get(Offer, offer.id).title == "Ändrad av kollegan"


def test_other_organisations_offers_do_not_exist(world: World) -> None:
    theirs = world.offer_y(status=OfferStatus.DRAFT)
    for call in (
        lambda: offer_queries.get_offer_for(world.session, world.employer_x, theirs.id),
        lambda: offers.update_offer(world.session, world.employer_x, theirs.id, valid(), expected_version=None,
                                    today=TODAY),
        lambda: offers.submit_offer(world.session, world.employer_x, theirs.id, expected_version=None, today=TODAY),
        lambda: offers.close_offer(world.session, world.employer_x, theirs.id),
        lambda: offers.mark_filled(world.session, world.employer_x, theirs.id),
    ):
        with pytest.raises(NotFound):
            call()
    assert theirs.status == OfferStatus.DRAFT
    assert theirs not in offer_queries.offers_of(world.session, world.employer_x)


def test_linking_to_a_commitment_requires_an_active_own_contract_of_the_same_kind(world: World) -> None:
    line = world.contract_x(kind=OfferKind.INTERNSHIP)
    offer = offers.create_offer(world.session, world.employer_x, valid(commitment_id=line.id), today=TODAY)
    assert offer.commitment_id == line.id
    with pytest.raises(ValidationError) as caught:
        offers.create_offer(world.session, world.employer_x, valid(kind="job", commitment_id=line.id), today=TODAY)
    assert caught.value.errors["commitment"] == "is for another kind of offer"
    with pytest.raises(ValidationError) as caught:
        offers.create_offer(world.session, world.employer_y, valid(commitment_id=line.id), today=TODAY)
    assert caught.value.errors["commitment"] == "is not a commitment of your organisation"
    ended = world.contract_x(status=ContractStatus.ENDED, kind=OfferKind.INTERNSHIP)
    with pytest.raises(ValidationError) as caught:
        offers.create_offer(world.session, world.employer_x, valid(commitment_id=ended.id), today=TODAY)
    assert caught.value.errors["commitment"] == "belongs to a contract that is not active"
    open_lines = offer_queries.active_commitments(world.session, world.employer_x.organization_id)
    assert [c.id for c in open_lines] == [line.id]
