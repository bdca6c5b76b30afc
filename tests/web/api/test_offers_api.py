"""Offers through the API: an employer creates, submits and reads an offer with a token; search with reasons."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from matchmaker.models import AuditEvent, Offer, OfferStatus, Role

pytestmark = pytest.mark.db

DEADLINE = (date.today() + timedelta(days=40)).isoformat()


def offer_body(**kw):
    body = {"kind": "degree_project", "title": "Exjobb i maskininlärning", "description": "Prognoser för elnätet.",
            "skills": ["python"], "application_deadline": DEADLINE}
    body.update(kw)
    return body


def test_employer_creates_submits_and_reads_an_offer(factory, token_for, api, db_session) -> None:
    employer = factory.user(Role.EMPLOYER)
    caller = api(token_for(employer, "offers:read", "offers:write"))
    created = caller.send("POST", "/offers", offer_body())
    assert created.status_code == 201, created.get_json()
    offer = created.get_json()
    assert offer["status"] == "draft" and offer["organization"]["id"] == employer.organization_id
    assert created.headers["ETag"] == f'"{offer["version"]}"'
    assert created.headers["Location"].endswith(f"/api/v1/offers/{offer['id']}")
    submitted = caller.send("POST", f"/offers/{offer['id']}/submit", headers={"If-Match": created.headers["ETag"]})
    assert submitted.status_code == 200, submitted.get_json()
    assert submitted.get_json()["status"] == "submitted"
    read = caller.get(f"/offers/{offer['id']}")
    assert read.status_code == 200 and read.get_json()["status"] == "submitted"
    assert read.headers["ETag"] == submitted.headers["ETag"]
    stored = db_session.get(Offer, offer["id"])
    assert stored.status == OfferStatus.SUBMITTED and stored.created_by_id == employer.id
    actions = set(db_session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == str(offer["id"]))))
    assert {"offer.create", "offer.submit"} <= actions


def test_update_needs_the_current_etag(factory, token_for, api, db_session) -> None:
    employer = factory.user(Role.EMPLOYER)
    caller = api(token_for(employer, "offers:read", "offers:write"))
    offer = caller.send("POST", "/offers", offer_body()).get_json()
    missing = caller.send("PUT", f"/offers/{offer['id']}", offer_body(title="Ny titel"))
    assert missing.status_code == 428 and missing.mimetype == "application/problem+json"
    ok = caller.send("PUT", f"/offers/{offer['id']}", offer_body(title="Ny titel"), headers={"If-Match": '"1"'})
    assert ok.status_code == 200 and ok.get_json()["title"] == "Ny titel"
    stale = caller.send("PUT", f"/offers/{offer['id']}", offer_body(title="Tredje"), headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.get_json()["errors"] == [{"field": "header.If-Match", "reason": "does not match the current version"}]
    db_session.expire_all()
    assert db_session.get(Offer, offer["id"]).title == "Ny titel"


@pytest.mark.parametrize(("body", "field"), [
    ({"title": ""}, "title"),
    ({"places": "many"}, "places"),
    ({"colour": "red"}, "colour"),
    ({"application_deadline": "2001-01-01"}, "application_deadline"),
    ({"programs": ["no-such-program"]}, "programs"),
])
def test_bad_offer_bodies_name_the_field_and_save_nothing(factory, token_for, api, db_session, body, field) -> None:
    employer = factory.user(Role.EMPLOYER)
    caller = api(token_for(employer, "offers:write"))
    before = db_session.scalar(select(Offer.id).order_by(Offer.id.desc()).limit(1))
    response = caller.send("POST", "/offers", offer_body(**body))
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["status"] == 422 and field in {e["field"] for e in problem["errors"]}
    assert db_session.scalar(select(Offer.id).order_by(Offer.id.desc()).limit(1)) == before


def test_malformed_json_and_wrong_media_type(factory, token_for, api, client) -> None:
    employer = factory.user(Role.EMPLOYER)
    secret = token_for(employer, "offers:write")
    broken = client.post("/api/v1/offers", data="{not json", content_type="application/json",
                         headers={"Authorization": f"Bearer {secret}"})
    assert broken.status_code == 400, broken.get_json()
    assert broken.get_json().get("errors", [{}])[0].get("field") == "body", broken.get_json()
    form = client.post("/api/v1/offers", data="title=x", content_type="application/x-www-form-urlencoded",
                       headers={"Authorization": f"Bearer {secret}"})
    assert form.status_code == 415


def test_huge_body_is_refused(factory, token_for, client) -> None:
    employer = factory.user(Role.EMPLOYER)
    response = client.post("/api/v1/offers", data="x" * (1024 * 1024 + 10), content_type="application/json",
                           headers={"Authorization": f"Bearer {token_for(employer, 'offers:write')}"})
    assert response.status_code == 413 and response.mimetype == "application/problem+json"


def test_search_ranks_for_a_student_with_reasons_and_pages_by_cursor(factory, token_for, api) -> None:
    org = factory.organization()
    for n in range(25):
        factory.offer(org, title=f"Dataanalys {n}", description="Python och maskininlärning för dataanalys.",
                      skills=["python"], published_at=factory.session.get(Offer, 1).created_at if False else None)
    student = factory.student(skills=["python", "maskininlärning"], about="Jag gillar dataanalys.")
    caller = api(token_for(student, "offers:read"))
    first = caller.get("/offers?q=dataanalys")
    assert first.status_code == 200, first.get_json()
    page = first.get_json()
    assert page["total"] == 25 and len(page["items"]) == 20
    assert page["items"][0]["score"] > 0 and page["items"][0]["reasons"]
    second = caller.get(f"/offers?q=dataanalys&cursor={page['next_cursor']}").get_json()
    assert len(second["items"]) == 5 and second["next_cursor"] is None
    seen = {h["offer"]["id"] for h in page["items"]} | {h["offer"]["id"] for h in second["items"]}
    assert len(seen) == 25
    forged = caller.get("/offers?cursor=not-a-cursor!!")
    assert forged.status_code == 400 and forged.get_json()["errors"][0]["field"] == "cursor"


def test_unpublished_offers_of_others_are_404(factory, token_for, api) -> None:
    draft = factory.offer(status=OfferStatus.DRAFT)
    other = factory.user(Role.EMPLOYER)
    response = api(token_for(other, "offers:read")).get(f"/offers/{draft.id}")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"
