"""The coach's review queue: approve, request changes, reject, verify, flags, lazy expiry, stale offers, decision
mails."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from matchmaker.models import AuditEvent, Locale, OfferStatus, Role, utcnow
from matchmaker.services.offers import review

pytestmark = pytest.mark.db


def _submitted(factory, **kw):
    kw.setdefault("status", OfferStatus.SUBMITTED)
    kw.setdefault("submitted_at", utcnow())
    return factory.offer(**kw)


def _audit(db_session, action, object_id):
    return db_session.scalar(
        select(AuditEvent).where(AuditEvent.action == action, AuditEvent.object_id == str(object_id))
    )


@pytest.fixture
def coach(factory, login):
    user = factory.user(Role.COACH, locale=Locale.EN)
    login(user)
    return user


def test_queue_lists_submitted_offers_and_unverified_organisations(client, factory, coach) -> None:
    offer = _submitted(factory, title="Examensarbete i kartografi")
    factory.offer(title="Redan publicerad")
    org = factory.organization("Nytt Bolag AB", verified=False)
    html = client.get("/coach/review").get_data(as_text=True)
    assert "Examensarbete i kartografi" in html and f"/coach/review/offers/{offer.id}" in html
    assert "Redan publicerad" not in html
    assert "Nytt Bolag AB" in html and f"/coach/review/organizations/{org.id}/verify" in html


def test_approve_publishes_and_is_audited(client, factory, coach, db_session) -> None:
    offer = _submitted(factory)
    response = client.post(f"/coach/review/offers/{offer.id}/approve", data={"version": offer.version_id})
    assert response.status_code == 302
    db_session.refresh(offer)
    assert offer.status == OfferStatus.PUBLISHED and offer.published_at is not None
    event = _audit(db_session, "offer.approve", offer.id)
    assert event is not None and event.actor_id == coach.id


def test_request_changes_stores_the_comment_the_employer_sees(client, factory, coach, db_session) -> None:
    offer = _submitted(factory)
    client.post(f"/coach/review/offers/{offer.id}/request-changes",
                data={"version": offer.version_id, "comment": "Ange ort och period."})
    db_session.refresh(offer)
    assert offer.status == OfferStatus.CHANGES_REQUESTED
    assert offer.review_comment == "Ange ort och period."
    assert _audit(db_session, "offer.request_changes", offer.id).details["comment"] == "Ange ort och period."


def test_reject_needs_a_reason_and_a_failed_post_changes_nothing(client, factory, coach, db_session) -> None:
    offer = _submitted(factory)
    response = client.post(f"/coach/review/offers/{offer.id}/reject", data={"version": offer.version_id,
                                                                          "reason": "  "})
    assert response.status_code == 400
    db_session.refresh(offer)
    assert offer.status == OfferStatus.SUBMITTED
    response = client.post(f"/coach/review/offers/{offer.id}/reject",
                           data={"version": offer.version_id, "reason": "Inte ett examensarbete."})
    assert response.status_code == 302
    db_session.refresh(offer)
    assert offer.status == OfferStatus.REJECTED and offer.review_comment == "Inte ett examensarbete."
    assert _audit(db_session, "offer.reject", offer.id) is not None


def test_request_changes_without_comment_keeps_the_page_and_says_why(client, factory, coach) -> None:
    offer = _submitted(factory)
    response = client.post(f"/coach/review/offers/{offer.id}/request-changes",
                           data={"version": offer.version_id, "comment": ""})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


def test_stale_version_is_refused(client, factory, coach, db_session) -> None:
    offer = _submitted(factory)
    seen = offer.version_id
    offer.title = "Ändrad av arbetsgivaren"
    db_session.flush()
    response = client.post(f"/coach/review/offers/{offer.id}/approve", data={"version": seen})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/coach/review/offers/{offer.id}")
    db_session.refresh(offer)
    assert offer.status == OfferStatus.SUBMITTED


def test_only_submitted_offers_can_be_decided(client, factory, coach, db_session) -> None:
    offer = factory.offer(status=OfferStatus.DRAFT)
    client.post(f"/coach/review/offers/{offer.id}/approve", data={})
    db_session.refresh(offer)
    assert offer.status == OfferStatus.DRAFT


def test_an_offer_past_its_deadline_cannot_be_approved(client, factory, coach, db_session) -> None:
    offer = _submitted(factory, application_deadline=date.today() - timedelta(days=1))
    response = client.post(f"/coach/review/offers/{offer.id}/approve", data={"version": offer.version_id})
    assert response.status_code == 400
    db_session.refresh(offer)
    assert offer.status == OfferStatus.SUBMITTED


def test_verify_organisation_records_when_and_who(client, factory, coach, db_session) -> None:
    org = factory.organization(verified=False)
    assert client.post(f"/coach/review/organizations/{org.id}/verify").status_code == 302
    db_session.refresh(org)
    assert org.verified and org.verified_at is not None
    assert _audit(db_session, "organization.verify", org.id).actor_id == coach.id


def test_unknown_objects_are_404(client, coach) -> None:
    assert client.get("/coach/review/offers/999999").status_code == 404
    assert client.post("/coach/review/offers/999999/approve").status_code == 404
    assert client.post("/coach/review/organizations/999999/verify").status_code == 404


def test_flags_are_shown_before_approving(client, factory, coach) -> None:
    org = factory.organization(verified=False)
    text = "Du bygger webbtjänster i Python och Django tillsammans med vårt team i Sundsvall."
    factory.offer(org, title="Sommarjobb som utvecklare", description=text)
    dupe = _submitted(factory, organization=org, title="Sommarjobb som utvecklare!", description=text + " ",
                      application_deadline=date.today() - timedelta(days=2))
    html = client.get(f"/coach/review/offers/{dupe.id}").get_data(as_text=True)
    for label in ("Unverified organisation", "Possible duplicate", "Deadline has passed"):
        assert label in html, label
    assert "Asks for money or bank details" not in html
    money = _submitted(factory, title="Praktik", description="Betala anmälningsavgiften via Swish innan start.")
    html = client.get(f"/coach/review/offers/{money.id}").get_data(as_text=True)
    assert "Asks for money or bank details" in html and "<q>anmälningsavgiften</q>" in html
    assert "Possible duplicate" not in html and "Unverified organisation" not in html
    # The queue shows the same flags next to each offer.
    queue = client.get("/coach/review").get_data(as_text=True)
    assert queue.count("Possible duplicate") == 1 and queue.count("Asks for money or bank details") == 1


def test_opening_the_queue_expires_offers_lazily(client, factory, coach, db_session) -> None:
    old = factory.offer(application_deadline=date.today() - timedelta(days=3))
    client.get("/coach/review")
    db_session.refresh(old)
    assert old.status == OfferStatus.EXPIRED


def test_stale_published_offers_are_flagged_in_the_queue(client, factory, coach, db_session) -> None:
    stale = factory.offer(title="Gammal annons", application_deadline=None)
    stale.updated_at = utcnow() - timedelta(days=91)
    recent = factory.offer(title="Ny annons", application_deadline=None)
    db_session.flush()
    html = client.get("/coach/review").get_data(as_text=True)
    section = html.split("Published offers unchanged for 90 days", 1)[1]
    assert "Gammal annons" in section and "Ny annons" not in section
    flags = review.offer_flags(db_session, stale, today=date.today(), now=utcnow())
    assert "stale" in [f.code for f in flags]
    assert "stale" not in [f.code for f in review.offer_flags(db_session, recent, today=date.today(), now=utcnow())]


def test_coach_home_counts_the_queue(client, factory, coach) -> None:
    _submitted(factory)
    _submitted(factory)
    factory.organization(verified=False)
    html = client.get("/coach/").get_data(as_text=True)
    assert "Offers waiting for review: 2" in html
    assert "Organisations to verify: 1" in html


def test_the_employer_is_mailed_the_decision_in_their_language(client, factory, coach, db_session) -> None:
    from matchmaker.models import OutboxMail

    org = factory.organization()
    author = factory.user(Role.EMPLOYER, organization=org, locale=Locale.EN)
    colleague = factory.user(Role.EMPLOYER, organization=org)
    offer = _submitted(factory, organization=org, created_by_id=author.id, title="Sommarpraktik")
    client.post(f"/coach/review/offers/{offer.id}/request-changes",
                data={"version": offer.version_id, "comment": "Ange lön."})
    sent = db_session.scalars(select(OutboxMail).where(OutboxMail.to_address.in_([author.email, colleague.email])))
    sent = list(sent)
    assert [m.to_address for m in sent] == [author.email]  # the author, not every colleague
    assert sent[0].subject == "Changes needed: Sommarpraktik" and "Ange lön." in sent[0].body
    assert sent[0].sent_at is not None  # the view handed the outbox to the queue after its commit


def test_verification_mail_goes_to_every_active_member_in_swedish(client, factory, coach, db_session) -> None:
    from matchmaker.models import OutboxMail

    org = factory.organization("Glesbygdens Bygg AB", verified=False)
    members = [factory.user(Role.EMPLOYER, organization=org) for _ in range(2)]
    gone = factory.user(Role.EMPLOYER, organization=org, active=False)
    client.post(f"/coach/review/organizations/{org.id}/verify")
    sent = list(db_session.scalars(select(OutboxMail).where(OutboxMail.subject == "Din organisation är verifierad")))
    assert sorted(m.to_address for m in sent) == sorted(u.email for u in members)
    assert gone.email not in {m.to_address for m in sent}
